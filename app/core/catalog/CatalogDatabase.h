#pragma once

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace pbxvault {

// The SQLite connection behind a Catalog: one uniquely named QtSql connection per instance,
// configured so that several processes (GUI, tray, command line) can share the file.
// SQLite-specific statements live here and in CatalogMigrations only; Catalog's queries are
// plain SQL with bound values, so a QPSQL connection layer could stand in later.
class CatalogDatabase
{
public:
    static constexpr int kBusyTimeoutMs = 10000;

    explicit CatalogDatabase(const QString &path);
    ~CatalogDatabase();
    CatalogDatabase(const CatalogDatabase &) = delete;
    CatalogDatabase &operator=(const CatalogDatabase &) = delete;

    // Opens (creating if missing) the file with foreign keys on and the busy timeout set,
    // and checks that it is an SQLite database.
    bool open(QString *error);
    // Write-ahead logging lets readers and one writer work at the same time. Persistent in the
    // file; kept separate from open() so that a catalog we refuse is left untouched.
    bool enableWriteAheadLog(QString *error);

    QSqlDatabase database() const { return m_db; }
    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }

    // Takes the write lock at once (BEGIN IMMEDIATE): a read-then-write sequence then waits
    // for other writers up to the busy timeout instead of failing when it first writes.
    bool beginWrite(QString *error);
    bool commit(QString *error);
    void rollback();

    // The SQL that reads a text column as its UTF-8 bytes (read back with toText()). Listing
    // 100,000 backups otherwise spends a third of its time in SQLite converting every text
    // value to UTF-16 for QtSql; QString::fromUtf8 does the same several times faster.
    static QString utf8Column(const QString &column);

    // A consistent copy of the whole database, WAL content included, into a new file.
    bool copyTo(const QString &target, QString *error);

    QString journalMode() const;
    bool foreignKeysEnabled() const;
    int busyTimeoutMs() const;

private:
    bool execute(const QString &sql, QString *error);
    QVariant pragma(const QString &name) const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};

// The driver's message for an error, for the user-facing texts.
QString describeSqlError(const QSqlError &error);

// Rolls back unless committed.
class WriteTransaction
{
public:
    explicit WriteTransaction(CatalogDatabase &db) : m_db(db) {}
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin(QString *error);
    bool commit(QString *error);

private:
    CatalogDatabase &m_db;
    bool m_open = false;
};

} // namespace pbxvault
