#pragma once

#include "PgServer.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"

#include <QCoreApplication>
#include <QHash>
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

// The catalog tests run on SQLite files by default, and on PostgreSQL when
// PBXVAULT_TEST_CATALOG=postgresql (the *_pg tests): each catalog file a test names then
// stands for a fresh database of one PostgreSQL server per test process.
inline bool testingPostgres()
{
    return qEnvironmentVariable("PBXVAULT_TEST_CATALOG") == QLatin1String("postgresql");
}

class TestCatalogServer
{
public:
    static TestCatalogServer &instance()
    {
        static TestCatalogServer *server = [] {
            auto *created = new TestCatalogServer;
            // Stopped while the application still runs: PgServer waits on an event loop.
            qAddPostRoutine([] { delete instanceSlot(); });
            instanceSlot() = created;
            return created;
        }();
        return *server;
    }

    // Non-empty when PostgreSQL cannot run here at all: the test is skipped with this.
    QString whySkip() const { return m_whySkip; }
    // Non-empty when the server should have started and did not: the test fails with this.
    QString error() const { return m_error; }
    PgServer &server() { return m_server; }

    // The URI of the database standing for the file path (created on first use).
    QString locationFor(const QString &path)
    {
        auto it = m_databases.constFind(path);
        if (it != m_databases.cend())
            return uri(*it);
        const QString name = QStringLiteral("catalog_%1").arg(m_databases.size() + 1);
        QSqlQuery q(m_server.openDatabase());
        if (!q.exec(QStringLiteral("CREATE DATABASE ") + name)) {
            m_error = q.lastError().text();
            return {};
        }
        m_databases.insert(path, name);
        return uri(name);
    }

    QString uri(const QString &database) const
    {
        return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
            .arg(database, m_server.socketDir())
            .arg(m_server.port())
            .arg(m_server.userName());
    }

private:
    TestCatalogServer()
    {
        m_whySkip = PgServer::whyNoDriver();
        if (m_whySkip.isEmpty() && PgServer::binDir().isEmpty())
            m_whySkip = QStringLiteral("PostgreSQL server binaries not found (Debian: "
                                       "apt-get install postgresql; ./test.sh installs them)");
        if (m_whySkip.isEmpty() && !m_server.start(&m_error) && m_error.isEmpty())
            m_error = QStringLiteral("PostgreSQL did not start");
    }
    static TestCatalogServer *&instanceSlot()
    {
        static TestCatalogServer *slot = nullptr;
        return slot;
    }

    PgServer m_server;
    QString m_whySkip, m_error;
    QHash<QString, QString> m_databases;
};

// What a test passes to Catalog::open for a catalog file: the file itself, or the URI of its
// database on PostgreSQL. Empty when PostgreSQL is not usable (see SKIP_UNLESS_CATALOG_SERVER).
inline QString catalogLocation(const QString &file)
{
    if (!testingPostgres())
        return file;
    TestCatalogServer &server = TestCatalogServer::instance();
    if (!server.whySkip().isEmpty() || !server.error().isEmpty())
        return {};
    return server.locationFor(file);
}

// In PostgreSQL mode: skips when PostgreSQL or QPSQL is missing, fails when the server did
// not start.
#define SKIP_UNLESS_CATALOG_SERVER()                                                               \
    do {                                                                                           \
        if (pbxvault::test::testingPostgres()) {                                                   \
            auto &catalogServer = pbxvault::test::TestCatalogServer::instance();                   \
            if (!catalogServer.whySkip().isEmpty())                                                \
                QSKIP(qPrintable(catalogServer.whySkip()));                                        \
            QVERIFY2(catalogServer.error().isEmpty(), qPrintable(catalogServer.error()));          \
        }                                                                                          \
    } while (false)

// A test about SQLite files themselves (WAL, permissions, damaged files, old files).
#define SQLITE_ONLY()                                                                              \
    do {                                                                                           \
        if (pbxvault::test::testingPostgres())                                                     \
            QSKIP("about SQLite files; not run against PostgreSQL");                               \
    } while (false)

// Opens (or creates) a catalog and fails the calling test when that does not work.
#define OPEN_CATALOG(var, file)                                                                    \
    SKIP_UNLESS_CATALOG_SERVER();                                                                  \
    QString var##Error;                                                                            \
    std::unique_ptr<Catalog> var =                                                                 \
        Catalog::open(pbxvault::test::catalogLocation(file), &var##Error);                         \
    QVERIFY2(var, qPrintable(var##Error))

// QCOMPARE cannot print the record enums (their toString() returns QString, which ADL prefers
// over QTest's), so compare their stored names, which also reads well when a test fails.
#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

// A second, plain connection to a catalog file, as another program (or the sqlite3 shell)
// would have: to look at and tamper with the file behind the Catalog's back. On PostgreSQL, a
// connection to the database standing for the file.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        if (testingPostgres()) {
            TestCatalogServer &server = TestCatalogServer::instance();
            const QString location = catalogLocation(path);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            db.setHostName(server.server().socketDir());
            db.setPort(server.server().port());
            db.setUserName(server.server().userName());
            db.setDatabaseName(location.mid(location.indexOf(QLatin1String("///")) + 3)
                                   .section(QLatin1Char('?'), 0, 0));
            db.open();
            return;
        }
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
        bool good = true;
        if (values.isEmpty()) {
            good = q.exec(sql); // PostgreSQL cannot prepare BEGIN, COMMIT...
        } else {
            good = q.prepare(sql);
            for (const QVariant &v : values)
                q.addBindValue(v);
            good = good && q.exec();
        }
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
