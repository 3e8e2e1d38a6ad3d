#pragma once

#include "TestDirs.h"
#include "catalog/Catalog.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>
#include <QVariant>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace pbxvault::test {

// Opens (or creates) a catalog and fails the calling test when that does not work.
#define OPEN_CATALOG(var, file)                                                                    \
    QString var##Error;                                                                            \
    std::unique_ptr<Catalog> var = Catalog::open(file, &var##Error);                               \
    QVERIFY2(var, qPrintable(var##Error))

// QCOMPARE cannot print the record enums (their toString() returns QString, which ADL prefers
// over QTest's), so compare their stored names, which also reads well when a test fails.
#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

// A second, plain connection to a catalog file, as another program (or the sqlite3 shell)
// would have: to look at and tamper with the file behind the Catalog's back.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // Runs sql with the values bound in order; returns the first column of the first row.
    QVariant exec(const QString &sql, const QVariantList &values = {}, bool *ok = nullptr) const
    {
        QSqlQuery q(db());
        bool good = q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        good = good && q.exec();
        if (!good)
            qWarning() << sql << q.lastError().text();
        if (ok)
            *ok = good;
        return good && q.next() ? q.value(0) : QVariant();
    }

private:
    QString m_name;
};

inline PbxRecord makePbx(const QString &name, PbxRole role = PbxRole::Secondary)
{
    PbxRecord p;
    p.name = name;
    p.url = QUrl(QStringLiteral("https://%1.example.net:8443").arg(name.toLower()));
    p.username = QStringLiteral("admin");
    p.role = role;
    return p;
}

inline BackupRecord makeBackup(qint64 pbxId, const QDateTime &createdAt,
                               const QString &filename = {})
{
    BackupRecord b;
    b.pbxId = pbxId;
    b.createdAt = createdAt;
    b.filename = filename.isEmpty()
                     ? QStringLiteral("pbx_%1_4.9.3.bak")
                           .arg(createdAt.toString(QStringLiteral("yyyyMMdd-HHmmss")))
                     : filename;
    b.size = 4096;
    b.sha256 = QStringLiteral("ab").repeated(32);
    b.masterIp = QStringLiteral("192.0.2.10");
    b.path = QStringLiteral("/data/backups/pbx/default/") + b.filename;
    b.firmware = QStringLiteral("4.9.3");
    return b;
}

inline QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

#ifdef Q_OS_UNIX
// The pid of a process that existed a moment ago and is gone now (reaped, so not a zombie).
inline qint64 deadPid()
{
    const pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}
#endif

} // namespace pbxvault::test
