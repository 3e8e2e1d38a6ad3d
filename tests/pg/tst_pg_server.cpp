// PgServer against the real PostgreSQL binaries, reached through QPSQL over its Unix socket:
// rows, visibility between connections, the SKIP LOCKED claim the fleet daemons will use,
// LISTEN/NOTIFY, and a clean stop with no postgres process left behind.
#include "PgServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

#include <unistd.h>

using pbxvault::test::PgServer;

namespace {

// Fields of /proc/PID/stat after the command name: state, ppid.
bool readStat(qint64 pid, char *state, qint64 *parent)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty())
        return false;
    *state = fields.at(0).at(0);
    *parent = fields.at(1).toLongLong();
    return true;
}

// A zombie has finished; it only waits for a parent (maybe a container's PID 1) to reap it.
bool isRunningProcess(qint64 pid)
{
    char state = 0;
    qint64 parent = 0;
    return readStat(pid, &state, &parent) && state != 'Z' && state != 'X';
}

QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 candidate = entry.toLongLong(&numeric);
        char state = 0;
        qint64 parent = 0;
        if (numeric && readStat(candidate, &state, &parent) && parent == pid)
            children << candidate;
    }
    return children;
}

uint uidOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return uint(-1);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Uid:"))
            return line.mid(4).simplified().split(' ').value(0).toUInt();
    }
    return uint(-1);
}

QVariant singleValue(QSqlDatabase database, const QString &sql)
{
    QSqlQuery query(database);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestPgServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void insertsAndReadsRows();
    void secondConnectionSeesOnlyCommittedRows();
    void skipLockedGivesConcurrentClaimsDifferentRows();
    void notifyReachesAnotherConnection();
    void stopLeavesNoPostgresProcess();

private:
    bool startServer(PgServer &server);
    QSqlDatabase open(const QString &name);

    std::unique_ptr<PgServer> m_server;
};

bool TestPgServer::startServer(PgServer &server)
{
    QString error;
    if (!server.start(&error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

QSqlDatabase TestPgServer::open(const QString &name)
{
    QString error;
    QSqlDatabase database = m_server->openDatabase(name, &error);
    if (!database.isOpen())
        qWarning().noquote() << error;
    return database;
}

void TestPgServer::initTestCase()
{
    if (PgServer::binDir().isEmpty())
        QSKIP("PostgreSQL server binaries are not installed (Debian: postgresql)");
    const QString noDriver = PgServer::whyNoDriver();
    if (!noDriver.isEmpty())
        QSKIP(qPrintable(noDriver));

    m_server = std::make_unique<PgServer>();
    QElapsedTimer clock;
    clock.start();
    QVERIFY(startServer(*m_server));
    qInfo("PostgreSQL from %s started in %lld ms (initdb, start, createdb)",
          qPrintable(PgServer::binDir()), clock.elapsed());
    QVERIFY(QFile::exists(
        QStringLiteral("%1/.s.PGSQL.%2").arg(m_server->socketDir()).arg(m_server->port())));
    // initdb refuses root: as root the server runs as an unprivileged user.
    const uint serverUid = uidOf(m_server->postmasterPid());
    if (::geteuid() == 0)
        QVERIFY2(serverUid != 0 && serverUid != uint(-1), "the postmaster runs as root");
    else
        QCOMPARE(serverUid, uint(::geteuid()));
}

void TestPgServer::cleanupTestCase()
{
    if (!m_server)
        return;
    const qint64 pid = m_server->postmasterPid();
    m_server.reset();
    if (pid > 0)
        QVERIFY(!isRunningProcess(pid));
}

void TestPgServer::insertsAndReadsRows()
{
    QSqlDatabase db = open(m_server->connectionName());
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(QStringLiteral("CREATE TABLE pbxs (id serial PRIMARY KEY, name text NOT "
                                       "NULL, created timestamptz NOT NULL DEFAULT now())")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO pbxs (name) VALUES (?) RETURNING id")));
    QList<int> ids;
    for (const QString &name : {QStringLiteral("Sede Milano"), QStringLiteral("Filiale è ü")}) {
        query.addBindValue(name);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        ids << query.value(0).toInt();
    }
    QCOMPARE(ids, (QList<int>{1, 2}));

    QVERIFY(query.exec(QStringLiteral("SELECT id, name FROM pbxs ORDER BY id")));
    QStringList names;
    while (query.next())
        names << query.value(1).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("Sede Milano"), QStringLiteral("Filiale è ü")}));
}

void TestPgServer::secondConnectionSeesOnlyCommittedRows()
{
    QSqlDatabase writer = open(m_server->connectionName());
    QSqlDatabase reader = open(QStringLiteral("reader"));
    QVERIFY(writer.isOpen() && reader.isOpen());
    QSqlQuery query(writer);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE backups (id serial PRIMARY KEY, pbx text)")));

    QVERIFY(writer.transaction());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO backups (pbx) VALUES ('a'), ('b')")));
    QCOMPARE(singleValue(writer, QStringLiteral("SELECT count(*) FROM backups")).toInt(), 2);
    QCOMPARE(singleValue(reader, QStringLiteral("SELECT count(*) FROM backups")).toInt(), 0);
    QVERIFY(writer.commit());
    QCOMPARE(singleValue(reader, QStringLiteral("SELECT count(*) FROM backups")).toInt(), 2);

    // And the other way round.
    QSqlQuery fromReader(reader);
    QVERIFY(fromReader.exec(QStringLiteral("INSERT INTO backups (pbx) VALUES ('c')")));
    QCOMPARE(singleValue(writer, QStringLiteral("SELECT string_agg(pbx, ',' ORDER BY id) FROM "
                                                "backups"))
                 .toString(),
             QStringLiteral("a,b,c"));
}

void TestPgServer::skipLockedGivesConcurrentClaimsDifferentRows()
{
    QSqlDatabase first = open(m_server->connectionName());
    QSqlDatabase second = open(QStringLiteral("second"));
    QSqlDatabase third = open(QStringLiteral("third"));
    QVERIFY(first.isOpen() && second.isOpen() && third.isOpen());
    QSqlQuery setup(first);
    QVERIFY(setup.exec(QStringLiteral("CREATE TABLE due_runs (id serial PRIMARY KEY, claimed_by "
                                      "text)")));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO due_runs (claimed_by) VALUES (NULL), (NULL), "
                                      "(NULL)")));
    // Should SKIP LOCKED ever wait, fail within seconds rather than hang the test.
    for (const QSqlDatabase &db : {first, second, third})
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("SET lock_timeout = '10s'")));

    const QString claim = QStringLiteral("SELECT id FROM due_runs WHERE claimed_by IS NULL ORDER "
                                         "BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
    QVERIFY(first.transaction());
    const int firstClaim = singleValue(first, claim).toInt();
    QVERIFY(second.transaction());
    const int secondClaim = singleValue(second, claim).toInt(); // first still holds its row
    QCOMPARE(firstClaim, 1);
    QCOMPARE(secondClaim, 2);

    // The row really is locked: without SKIP LOCKED a third session cannot take it.
    QSqlQuery grab(third);
    QVERIFY(!grab.exec(
        QStringLiteral("SELECT id FROM due_runs WHERE id = %1 FOR UPDATE NOWAIT").arg(firstClaim)));
    QVERIFY2(grab.lastError().nativeErrorCode() == QLatin1String("55P03"), // lock_not_available
             qPrintable(grab.lastError().text()));

    QSqlQuery mark(first);
    QVERIFY(mark.exec(QStringLiteral("UPDATE due_runs SET claimed_by = 'daemon-1' WHERE id = %1")
                          .arg(firstClaim)));
    QSqlQuery markSecond(second);
    QVERIFY(
        markSecond.exec(QStringLiteral("UPDATE due_runs SET claimed_by = 'daemon-2' WHERE id = %1")
                            .arg(secondClaim)));
    QVERIFY(first.commit());
    QVERIFY(second.commit());

    QCOMPARE(singleValue(third, QStringLiteral("SELECT string_agg(coalesce(claimed_by, '-'), ',' "
                                               "ORDER BY id) FROM due_runs"))
                 .toString(),
             QStringLiteral("daemon-1,daemon-2,-"));
}

void TestPgServer::notifyReachesAnotherConnection()
{
    QSqlDatabase listener = open(QStringLiteral("listener"));
    QSqlDatabase sender = open(m_server->connectionName());
    QVERIFY(listener.isOpen() && sender.isOpen());
    QSqlDriver *driver = listener.driver();
    QVERIFY(driver->hasFeature(QSqlDriver::EventNotifications));
    QVERIFY(driver->subscribeToNotification(QStringLiteral("catalog_changed")));
    QSignalSpy spy(driver, &QSqlDriver::notification);

    QSqlQuery notify(sender);
    QVERIFY2(notify.exec(QStringLiteral("SELECT pg_notify('catalog_changed', 'backups:42')")),
             qPrintable(notify.lastError().text()));
    QVERIFY(spy.wait(15000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("catalog_changed"));
    QCOMPARE(spy.at(0).at(1).value<QSqlDriver::NotificationSource>(), QSqlDriver::OtherSource);
    QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("backups:42"));
    QVERIFY(driver->unsubscribeFromNotification(QStringLiteral("catalog_changed")));
}

void TestPgServer::stopLeavesNoPostgresProcess()
{
    QElapsedTimer clock;
    clock.start();
    auto server = std::make_unique<PgServer>();
    QVERIFY(startServer(*server));
    const qint64 startMs = clock.elapsed();
    const qint64 postmaster = server->postmasterPid();
    QVERIFY(isRunningProcess(postmaster));
    QString error;
    {
        QSqlDatabase db = server->openDatabase(QString(), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
    }
    const QList<qint64> workers = childrenOf(postmaster); // checkpointer, backend, ...
    QVERIFY(!workers.isEmpty());
    const QString socket =
        QStringLiteral("%1/.s.PGSQL.%2").arg(server->socketDir()).arg(server->port());
    QVERIFY(QFile::exists(socket));

    clock.restart();
    server->stop(); // what the destructor does, with an open connection
    const qint64 stopMs = clock.elapsed();
    qInfo("second server: start %lld ms, stop %lld ms", startMs, stopMs);

    QVERIFY(!server->isRunning());
    QVERIFY(!isRunningProcess(postmaster));
    for (const qint64 worker : workers)
        QVERIFY2(!isRunningProcess(worker), qPrintable(QString::number(worker)));
    QVERIFY(!QFile::exists(socket));
    QVERIFY(!QFile::exists(server->dataDir() + QStringLiteral("/postmaster.pid")));

    const QString dir = server->dataDir();
    server.reset();
    if (qEnvironmentVariableIsEmpty("PBXVAULT_KEEP_TEST_DIRS"))
        QVERIFY(!QFileInfo::exists(dir)); // the TestDir went with it
}

QTEST_GUILESS_MAIN(TestPgServer)
#include "tst_pg_server.moc"
