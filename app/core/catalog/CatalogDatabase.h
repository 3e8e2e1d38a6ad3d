#pragma once

#include "CatalogLocation.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace pbxvault {

// The connection behind a Catalog: one uniquely named QtSql connection per instance, to an
// SQLite file (QSQLITE) that several processes (GUI, tray, command line) share, or to a
// PostgreSQL database (QPSQL) that several machines share. Back-end specific statements live
// here and in CatalogMigrations only; Catalog's queries are plain SQL with bound values.
class CatalogDatabase
{
public:
    enum class Backend
    {
        SQLite,
        PostgreSQL
    };

    static constexpr int kBusyTimeoutMs = 10000;
    // pg_advisory_xact_lock keys: every write transaction holds the first (as BEGIN IMMEDIATE
    // does on SQLite), a migration the second too.
    static constexpr qint64 kWriteLockKey = 0x7062787661756c74; // "pbxvault"
    static constexpr qint64 kMigrationLockKey = kWriteLockKey + 1;

    // An SQLite file.
    explicit CatalogDatabase(const QString &path);
    // A file or a PostgreSQL database; password only for PostgreSQL (empty: libpq's
    // PGPASSFILE / ~/.pgpass). The password stays in this process's memory only.
    explicit CatalogDatabase(const CatalogLocation &location, const QString &password = {});
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
    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::PostgreSQL; }
    // The file path, or the PostgreSQL URI without a password.
    QString path() const { return m_path; }
    // What messages call the catalog: the native file path or the URI.
    QString displayName() const;
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
    // utf8Column() on SQLite; the column itself on PostgreSQL, whose driver hands text over
    // as UTF-16 already.
    QString textColumn(const QString &column) const;

    // A consistent copy of the whole database, WAL content included, into a new file
    // (SQLite only).
    bool copyTo(const QString &target, QString *error);

    QString journalMode() const;
    bool foreignKeysEnabled() const;
    int busyTimeoutMs() const;

private:
    bool openSqlite(QString *error);
    bool openPostgres(QString *error);
    bool execute(const QString &sql, QString *error);
    QVariant pragma(const QString &name) const;

    Backend m_backend = Backend::SQLite;
    CatalogLocation m_location;
    QString m_password;
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
