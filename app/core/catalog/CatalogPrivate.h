#pragma once

// Shared by the files that implement Catalog, one per area; not part of the interface.

#include "Catalog.h"
#include "CatalogDatabase.h"
#include "CatalogValues.h"
#include "StoreMounts.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace pbxvault {

struct Catalog::Private
{
    std::unique_ptr<CatalogDatabase> database;
    QString catalogId;
    int schemaVersion = 0;
    StoreMounts mounts;
    mutable QString lastError;

    bool isPostgres() const { return database->isPostgres(); }

    // An INSERT into a table with an id column, made to report the new id: QPSQL's
    // lastInsertId() gives the row's OID, not its id.
    QString returningId(const QString &insert) const
    {
        return isPostgres() ? insert + QStringLiteral(" RETURNING id") : insert;
    }
    // The id of the row the INSERT of returningId() just added.
    qint64 insertedId(QSqlQuery &q) const
    {
        if (!isPostgres())
            return q.lastInsertId().toLongLong();
        return q.next() ? q.value(0).toLongLong() : 0;
    }

    // A prepared, forward-only query; on failure lastError says why.
    std::optional<QSqlQuery> prepare(const QString &sql) const
    {
        QSqlQuery q(database->database());
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            fail(q.lastError());
            return std::nullopt;
        }
        return q;
    }

    bool exec(QSqlQuery &q) const
    {
        if (q.exec())
            return true;
        fail(q.lastError());
        return false;
    }

    // Refusals and lookups of missing rows are part of normal use: the caller decides whether
    // they are worth a warning. Database errors are not.
    bool fail(const QString &message) const
    {
        lastError = message;
        qCDebug(lcCatalog).noquote() << message;
        return false;
    }

    bool fail(const QSqlError &error) const
    {
        lastError = QCoreApplication::translate("Catalog", "Catalog database error: %1")
                        .arg(describeSqlError(error));
        qCWarning(lcCatalog).noquote() << lastError;
        return false;
    }

    bool beginWrite(WriteTransaction &t) const
    {
        QString why;
        if (t.begin(&why))
            return true;
        return fail(QCoreApplication::translate("Catalog", "The catalog is busy: %1").arg(why));
    }

    bool commit(WriteTransaction &t) const
    {
        QString why;
        if (t.commit(&why))
            return true;
        return fail(
            QCoreApplication::translate("Catalog", "Cannot save to the catalog: %1").arg(why));
    }

    bool failNoPbx(qint64 id) const
    {
        return fail(QCoreApplication::translate("Catalog", "There is no PBX with id %1.").arg(id));
    }

    bool failNoBackup(qint64 id) const
    {
        return fail(
            QCoreApplication::translate("Catalog", "There is no backup with id %1.").arg(id));
    }

    // Returns false (lastError set) when the query failed.
    template <typename T, typename Reader>
    bool readAll(QSqlQuery &q, Reader read, QVector<T> *out) const
    {
        if (!exec(q))
            return false;
        while (q.next())
            out->append(read(q));
        // next() also returns false when reading failed half-way.
        if (q.lastError().isValid())
            return fail(q.lastError());
        return true;
    }

    template <typename T, typename Reader> std::optional<T> readOne(QSqlQuery &q, Reader read) const
    {
        if (!exec(q) || !q.next())
            return std::nullopt;
        return read(q);
    }

    bool pbxExists(qint64 id) const
    {
        auto q = prepare(QStringLiteral("SELECT 1 FROM pbxs WHERE id = ?"));
        if (!q)
            return false;
        q->addBindValue(id);
        return exec(*q) && q->next();
    }

    // PBXs and backups (Catalog.cpp)
    qint64 pbxIdNamed(const QString &name, qint64 exceptId) const;
    bool validatePbx(const PbxRecord &pbx) const;
    void bindPbx(QSqlQuery &q, const PbxRecord &pbx) const;
    QHash<qint64, QString> pbxNames() const;
    // Fills pbxName; a PBX added since names was read is looked up on its own.
    void fillPbxName(QHash<qint64, QString> *names, BackupRecord *b) const;

    // Off-site copies (CatalogCopies.cpp)
    bool validateCopyTarget(const CopyTargetRecord &target) const;
    bool failCopyTargetExists(const QString &name) const;
    bool failNoCopyTarget(qint64 id) const;

    // Restores and jobs still "running" whose process is gone become "interrupted"
    // (CatalogHistory.cpp).
    int markInterrupted(const QString &table, const QDateTime &at) const;
};

} // namespace pbxvault
