// `pbxvault daemon` and `pbxvault run-due` end to end: the real executable against real pbxsim
// PBXs over HTTPS, passwords in a real gnome-keyring (the test runs inside
// tests/with-keyring.sh), the real clock. The daemon test waits for real every-minute cron
// slots, so it takes one to two minutes; every wait is on the daemon's output or the catalog,
// with a deadline.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "common/AppSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "D4emon-Pa55word!";
const QString kEveryMinute = QStringLiteral("* * * * *");
// How often the daemon under test re-reads settings and catalog (30 s in real use).
const QString kReloadMs = QStringLiteral("300");

PbxSim::Options simOptions(const QStringList &faults = {})
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
    o.faults = faults;
    return o;
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.right(3000)));
}

QJsonArray jsonArray(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out).array();
}

// The job-log rows of one PBX and kind, as `pbxvault --json jobs` prints them.
QVector<QJsonObject> rowsOf(const QJsonArray &jobs, const QString &pbx, const QString &kind)
{
    QVector<QJsonObject> rows;
    for (const QJsonValue &v : jobs) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("pbx")).toString() == pbx &&
            o.value(QStringLiteral("kind")).toString() == kind)
            rows.append(o);
    }
    return rows;
}

// A running `pbxvault daemon` whose stderr is collected as it arrives.
class Daemon
{
public:
    // globalArgs go before the command (e.g. --catalog).
    Daemon(CliHarness &cli, const QStringList &args, const QStringList &globalArgs = {},
           const QProcessEnvironment &extraEnv = {})
    {
        QProcessEnvironment env = cli.environment();
        env.insert(QStringLiteral("PBXVAULT_DAEMON_RELOAD_MS"), kReloadMs);
        env.insert(extraEnv);
        m_process.setProcessEnvironment(env);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start(QStringLiteral(PBXVAULT_PATH),
                        QStringList{QStringLiteral("--data-dir"), cli.dataDir()} + globalArgs +
                            QStringList{QStringLiteral("daemon")} + args);
    }
    ~Daemon()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    bool started() { return m_process.waitForStarted(30000); }
    void signal(int signalNumber) { ::kill(pid_t(m_process.processId()), signalNumber); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QProcess &process() { return m_process; }
    QString err() const { return QString::fromUtf8(m_err); }

private:
    QProcess m_process;
    QByteArray m_err;
};

} // namespace

class TestDaemon : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult addPbx(const QString &name, const PbxSim &sim, const QString &schedule,
                     const QStringList &extra = {}, const QByteArray &password = kPassword)
    {
        QStringList args{QStringLiteral("pbx"),
                         QStringLiteral("add"),
                         name,
                         QStringLiteral("--url"),
                         sim.url().toString(),
                         QStringLiteral("--user"),
                         QStringLiteral("admin"),
                         QStringLiteral("--password-stdin"),
                         QStringLiteral("--trust-fingerprint"),
                         sim.fingerprint()};
        if (!schedule.isEmpty())
            args << QStringLiteral("--schedule") << schedule;
        return m_cli->run(args + extra, password + '\n');
    }
    QJsonArray jobs()
    {
        return jsonArray(m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")}));
    }
    QJsonArray backups(const QString &pbx)
    {
        return jsonArray(m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("backups"), QStringLiteral("--pbx"), pbx}));
    }
    // Writes the catalog directly, as if the last slot had been handled long ago (no pbxvault
    // process may have the catalog open meanwhile).
    bool setLastSlot(const QStringList &pbxNames, const QDateTime &slotUtc)
    {
        QString error;
        std::unique_ptr<Catalog> catalog =
            Catalog::open(m_dir->filePath(QStringLiteral("data/catalog.sqlite")), &error);
        if (!catalog) {
            qWarning() << error;
            return false;
        }
        for (const QString &name : pbxNames) {
            const std::optional<PbxRecord> pbx = catalog->pbxByName(name);
            if (!pbx || !catalog->setLastScheduledRun(pbx->id, slotUtc))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
    }

    void cleanup()
    {
        if (m_cli)
            QVERIFY2(!m_cli->transcript().contains(kPassword), "a password reached the output");
        m_cli.reset();
        m_dir.reset();
    }

    // Three PBXs backed up every minute by the daemon, one of them failing on the PBX side;
    // the third is added with the CLI while the daemon runs. SIGTERM ends it with exit code 0.
    void daemonBacksUpThreePbxsEveryMinute()
    {
        QElapsedTimer clock;
        clock.start();
        PbxSim alpha(simOptions());
        PbxSim bravo(simOptions());
        PbxSim faulty(simOptions({QStringLiteral("status=500:^/rest/backup/create")}));
        QString error;
        QVERIFY2(alpha.start(&error), qPrintable(error));
        QVERIFY2(bravo.start(&error), qPrintable(error));
        QVERIFY2(faulty.start(&error), qPrintable(error));
        CliResult r = addPbx(QStringLiteral("alpha"), alpha, kEveryMinute,
                             {QStringLiteral("--keep"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = addPbx(QStringLiteral("faulty"), faulty, kEveryMinute);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        Daemon daemon(*m_cli, {QStringLiteral("--retry-delay"), QStringLiteral("2")});
        QVERIFY(daemon.started());
        QTRY_VERIFY2_WITH_TIMEOUT(daemon.err().contains(QStringLiteral("Daemon started")),
                                  qPrintable(daemon.err()), 30000);
        QVERIFY2(daemon.err().contains(QStringLiteral("2 PBX(s)")), qPrintable(daemon.err()));

        // Settings changed by another process reach the daemon at its next reload.
        {
            AppSettings settings(m_cli->dataDir());
            settings.setConcurrentJobs(3);
            settings.sync();
        }
        QTRY_VERIFY2_WITH_TIMEOUT(
            daemon.err().contains(QStringLiteral("Now running at most 3 job(s) at once.")),
            qPrintable(daemon.err()), 15000);

        // Picked up by the daemon's next reload too, then run at the next slot.
        r = addPbx(QStringLiteral("bravo"), bravo, kEveryMinute);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        const auto done = [&daemon] {
            const QString err = daemon.err();
            return err.contains(QStringLiteral("alpha: backup finished (Scheduled).")) &&
                   err.contains(QStringLiteral("bravo: backup finished (Scheduled).")) &&
                   err.contains(QStringLiteral("faulty: backup failed (Scheduled):"));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(done() || !daemon.isRunning(), qPrintable(daemon.err()),
                                  140000 - int(clock.elapsed()));
        QVERIFY2(done(), qPrintable(daemon.err()));
        const QString err = daemon.err();
        QVERIFY2(err.contains(QStringLiteral("alpha: backup started (Scheduled).")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("faulty: backup attempt failed:")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Retrying at")), qPrintable(err));

        // The catalog, read by another process while the daemon runs.
        const QJsonArray log = jobs();
        for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("bravo")}) {
            const QVector<QJsonObject> runs = rowsOf(log, name, QStringLiteral("backup"));
            QVERIFY2(!runs.isEmpty(), qPrintable(name));
            bool succeeded = false;
            for (const QJsonObject &o : runs) {
                QCOMPARE(o.value(QStringLiteral("trigger")).toString(),
                         QStringLiteral("scheduled"));
                succeeded = succeeded || o.value(QStringLiteral("outcome")).toString() ==
                                             QLatin1String("success");
            }
            QVERIFY2(succeeded, qPrintable(name));
            QVERIFY2(!rowsOf(log, name, QStringLiteral("verify")).isEmpty(), qPrintable(name));
        }
        const QVector<QJsonObject> failures =
            rowsOf(log, QStringLiteral("faulty"), QStringLiteral("backup"));
        int failed = 0;
        for (const QJsonObject &o : failures) {
            if (o.value(QStringLiteral("outcome")).toString() == QLatin1String("failed")) {
                ++failed;
                QVERIFY(!o.value(QStringLiteral("error")).toString().isEmpty());
            }
            QVERIFY(o.value(QStringLiteral("outcome")).toString() != QLatin1String("success"));
        }
        QVERIFY2(failed >= 3, qPrintable(QString::number(failed))); // first try and 2 retries

        daemon.signal(SIGTERM);
        QVERIFY(daemon.process().waitForFinished(60000));
        QCOMPARE(daemon.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.process().exitCode(), 0);
        QVERIFY2(daemon.err().contains(QStringLiteral("Stopped.")), qPrintable(daemon.err()));
        QVERIFY2(!daemon.err().toUtf8().contains(kPassword), "a password reached the log");
        // Nothing left "running" in the job log.
        for (const QJsonValue &v : jobs())
            QVERIFY(v.toObject().value(QStringLiteral("outcome")).toString() !=
                    QLatin1String("running"));
        // Stopped, so no backup is half-way between download, verification and retention.
        for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("bravo")}) {
            const QJsonArray stored = backups(name);
            QVERIFY2(!stored.isEmpty(), qPrintable(name));
            const QJsonObject newest = stored.at(0).toObject();
            QCOMPARE(newest.value(QStringLiteral("origin")).toString(),
                     QStringLiteral("scheduled"));
            QCOMPARE(newest.value(QStringLiteral("verified")).toString(), QStringLiteral("intact"));
        }
        QCOMPARE(backups(QStringLiteral("alpha")).size(), 1); // --keep 1
        QVERIFY(backups(QStringLiteral("faulty")).isEmpty());
        qInfo("daemon test took %lld s", clock.elapsed() / 1000);
    }

    // SIGTERM while a job runs: the job finishes, then the daemon exits 0. A second signal
    // cancels instead.
    void sigtermLetsTheRunningJobFinish_data()
    {
        QTest::addColumn<int>("signalCount");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("one signal: finish") << 1 << QStringLiteral("success");
        QTest::newRow("two signals: cancel") << 2 << QStringLiteral("cancelled");
    }

    void sigtermLetsTheRunningJobFinish()
    {
        QFETCH(int, signalCount);
        QFETCH(QString, outcome);
        PbxSim slow(simOptions({QStringLiteral("delay-ms=1500")}));
        QString error;
        QVERIFY2(slow.start(&error), qPrintable(error));
        const CliResult r = addPbx(QStringLiteral("slow"), slow, QStringLiteral("0 3 * * *"));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        // Missed for days: the daemon catches up once, at start.
        QVERIFY(setLastSlot({QStringLiteral("slow")}, QDateTime::currentDateTimeUtc().addDays(-3)));

        Daemon daemon(*m_cli, {});
        QVERIFY(daemon.started());
        QTRY_VERIFY2_WITH_TIMEOUT(
            daemon.err().contains(QStringLiteral("slow: backup started (Catch-up).")),
            qPrintable(daemon.err()), 30000);
        for (int i = 0; i < signalCount; ++i)
            daemon.signal(i == 0 ? SIGTERM : SIGINT);
        QVERIFY(daemon.process().waitForFinished(60000));
        QCOMPARE(daemon.process().exitStatus(), QProcess::NormalExit);
        QVERIFY2(daemon.process().exitCode() == 0, qPrintable(daemon.err()));
        QVERIFY2(daemon.err().contains(QStringLiteral("Stopping")), qPrintable(daemon.err()));

        const QVector<QJsonObject> runs =
            rowsOf(jobs(), QStringLiteral("slow"), QStringLiteral("backup"));
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).value(QStringLiteral("trigger")).toString(),
                 QStringLiteral("catch-up"));
        QCOMPARE(runs.at(0).value(QStringLiteral("outcome")).toString(), outcome);
        QCOMPARE(backups(QStringLiteral("slow")).size(),
                 outcome == QLatin1String("success") ? 1 : 0);
    }

    // Two daemons on two data directories share one catalog, as two machines of a team would:
    // each missed slot runs once. The first is killed with SIGKILL in the middle of its jobs;
    // the second takes its claims over (its process is gone) and runs those slots, so every
    // PBX ends with exactly one successful backup.
    void twoDaemonsShareACatalogAndSurviveAKill()
    {
        const QStringList names{QStringLiteral("p1"), QStringLiteral("p2"), QStringLiteral("p3"),
                                QStringLiteral("p4")};
        std::vector<std::unique_ptr<PbxSim>> sims;
        for (const QString &name : names) {
            sims.push_back(std::make_unique<PbxSim>(simOptions({QStringLiteral("delay-ms=2500")})));
            QString error;
            QVERIFY2(sims.back()->start(&error), qPrintable(error));
            const CliResult r = addPbx(name, *sims.back(), QStringLiteral("0 3 * * *"));
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
        QVERIFY(setLastSlot(names, QDateTime::currentDateTimeUtc().addDays(-2)));

        QProcessEnvironment lease;
        lease.insert(QStringLiteral("PBXVAULT_CLAIM_LEASE_SECS"), QStringLiteral("8"));
        Daemon first(*m_cli, {}, {}, lease);
        QVERIFY(first.started());
        const auto startedIn = [](const QString &err) {
            return int(err.count(QStringLiteral(": backup started (")));
        };
        // Two jobs at once by default: two claimed, two waiting in its queue.
        QTRY_VERIFY2_WITH_TIMEOUT(startedIn(first.err()) == 2, qPrintable(first.err()), 30000);

        CliHarness secondCli(m_dir->filePath(QStringLiteral("second")));
        Daemon second(
            secondCli, {},
            {QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("data/catalog.sqlite"))},
            lease);
        QVERIFY(second.started());
        QTRY_VERIFY2_WITH_TIMEOUT(startedIn(second.err()) == 2, qPrintable(second.err()), 30000);
        first.signal(SIGKILL);
        QVERIFY(first.process().waitForFinished(30000));

        const auto successes = [this](const QString &name) {
            int n = 0;
            for (const QJsonObject &o : rowsOf(jobs(), name, QStringLiteral("backup")))
                n += o.value(QStringLiteral("outcome")).toString() == QLatin1String("success");
            return n;
        };
        const auto allDone = [&] {
            for (const QString &name : names) {
                if (successes(name) == 0)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(allDone(), qPrintable(second.err()), 90000);
        const QString err = second.err();
        QCOMPARE(startedIn(err), 4);
        const QJsonArray log = jobs();
        int interrupted = 0;
        for (const QString &name : names) {
            QCOMPARE(successes(name), 1);
            for (const QJsonObject &o : rowsOf(log, name, QStringLiteral("backup"))) {
                const QString outcome = o.value(QStringLiteral("outcome")).toString();
                QVERIFY2(outcome == QLatin1String("success") ||
                             outcome == QLatin1String("interrupted"),
                         qPrintable(name + QLatin1Char(' ') + outcome));
                interrupted += outcome == QLatin1String("interrupted");
            }
            QCOMPARE(backups(name).size(), 1);
        }
        QCOMPARE(interrupted, 2); // the killed daemon's two jobs
        second.signal(SIGTERM);
        QVERIFY(second.process().waitForFinished(60000));
    }

    // run-due: nothing the first time (the schedule starts now), missed slots once as catch-up,
    // exit 1 when a backup fails after its retries.
    void runDue()
    {
        PbxSim good(simOptions());
        PbxSim failing(simOptions({QStringLiteral("status=503:^/rest/backup/create")}));
        QString error;
        QVERIFY2(good.start(&error), qPrintable(error));
        QVERIFY2(failing.start(&error), qPrintable(error));
        CliResult r = addPbx(QStringLiteral("good"), good, QStringLiteral("0 * * * *"));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        r = m_cli->run({QStringLiteral("run-due")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("Nothing is due."), r.err);

        QVERIFY(setLastSlot({QStringLiteral("good")}, QDateTime::currentDateTimeUtc().addDays(-2)));
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("run-due")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonArray results = jsonArray(r);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("pbx")).toString(),
                 QStringLiteral("good"));
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("trigger")).toString(),
                 QStringLiteral("catch-up"));
        QVERIFY(results.at(0).toObject().value(QStringLiteral("ok")).toBool());
        QVERIFY2(r.err.contains("good: backup finished (Catch-up)."), r.err);
        QCOMPARE(backups(QStringLiteral("good")).size(), 1);

        // Handled: not again until the next slot.
        r = m_cli->run({QStringLiteral("run-due")});
        QVERIFY2(r.exitCode == 0 && r.err.contains("Nothing is due."), qPrintable(describe(r)));

        r = addPbx(QStringLiteral("failing"), failing, QStringLiteral("0 * * * *"));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(setLastSlot({QStringLiteral("good"), QStringLiteral("failing")},
                            QDateTime::currentDateTimeUtc().addDays(-1)));
        r = m_cli->run(
            {QStringLiteral("run-due"), QStringLiteral("--retry-delay"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("good: backup finished (Catch-up)."), r.err);
        QVERIFY2(r.err.contains("failing: backup attempt failed:"), r.err);
        QVERIFY2(r.err.contains("failing: backup failed (Catch-up):"), r.err);
        QVERIFY2(r.err.contains("1 of 2 backup(s) failed."), r.err);
        const QVector<QJsonObject> attempts =
            rowsOf(jobs(), QStringLiteral("failing"), QStringLiteral("backup"));
        QCOMPARE(attempts.size(), 3);
        for (const QJsonObject &o : attempts) {
            QCOMPARE(o.value(QStringLiteral("trigger")).toString(), QStringLiteral("catch-up"));
            QCOMPARE(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        }
        QCOMPARE(backups(QStringLiteral("good")).size(), 2);

        r = m_cli->run(
            {QStringLiteral("run-due"), QStringLiteral("--retry-delay"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
