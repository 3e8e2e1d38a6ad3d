// `pbxvault run-due` next to schedulers of other machines sharing its catalog: the real
// executable on two data directories over one catalog (SQLite file or, as
// tst_cli_run_due_claims_pg, a PostgreSQL server of the test's own), real pbxsim PBXs, the real
// keyring. run-due claims every due slot in the catalog before running it, as the daemon does:
// each slot runs once, a slot another live scheduler holds is skipped, and the claims of a
// run-due killed mid-run are taken over by a daemon.
#include "CatalogTestUtil.h"
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "common/AppSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "RunDue-Cla1ms!";

PbxSim::Options simOptions(int delayMs)
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
    o.faults = QStringList{QStringLiteral("delay-ms=%1").arg(delayMs)};
    return o;
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.right(3000)));
}

int countOf(const QString &text, const QString &what)
{
    return int(text.count(what));
}

// A `pbxvault daemon` or `pbxvault run-due` running in the background, its stderr collected
// as it arrives.
class Background
{
public:
    Background(CliHarness &cli, const QStringList &args)
    {
        QProcessEnvironment env = cli.environment();
        env.insert(QStringLiteral("PBXVAULT_DAEMON_RELOAD_MS"), QStringLiteral("300"));
        m_process.setProcessEnvironment(env);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start(QStringLiteral(PBXVAULT_PATH),
                        QStringList{QStringLiteral("--data-dir"), cli.dataDir()} + args);
    }
    ~Background()
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

class TestCliRunDueClaims : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    // Two machines of a team: one data directory each, one catalog.
    std::unique_ptr<CliHarness> m_here;
    std::unique_ptr<CliHarness> m_there;
    QString m_catalogFile; // the SQLite file, or what the PostgreSQL database stands for
    QString m_catalog;     // what both pass to --catalog
    std::vector<std::unique_ptr<PbxSim>> m_sims;

    QStringList catalogArgs() const { return {QStringLiteral("--catalog"), m_catalog}; }

    std::unique_ptr<Catalog> openCatalog()
    {
        QString error;
        std::unique_ptr<Catalog> catalog = Catalog::open(m_catalog, &error);
        if (!catalog)
            qWarning() << error;
        return catalog;
    }

    // count PBXs named p1..pN on pbxsims answering after delayMs, each owing the daily slot it
    // missed (their last slot was handled two days ago).
    bool addDuePbxs(int count, int delayMs, QStringList *names)
    {
        for (int i = 1; i <= count; ++i) {
            const QString name = QStringLiteral("p%1").arg(i);
            m_sims.push_back(std::make_unique<PbxSim>(simOptions(delayMs)));
            QString error;
            if (!m_sims.back()->start(&error)) {
                qWarning() << error;
                return false;
            }
            const CliResult r = m_here->run(
                catalogArgs() +
                    QStringList{QStringLiteral("pbx"), QStringLiteral("add"), name,
                                QStringLiteral("--url"), m_sims.back()->url().toString(),
                                QStringLiteral("--user"), QStringLiteral("admin"),
                                QStringLiteral("--password-stdin"),
                                QStringLiteral("--trust-fingerprint"), m_sims.back()->fingerprint(),
                                QStringLiteral("--schedule"), QStringLiteral("0 3 * * *")},
                kPassword + '\n');
            if (r.exitCode != 0) {
                qWarning().noquote() << describe(r);
                return false;
            }
            names->append(name);
        }
        std::unique_ptr<Catalog> catalog = openCatalog();
        if (!catalog)
            return false;
        const QDateTime handled = QDateTime::currentDateTimeUtc().addDays(-2);
        for (const QString &name : std::as_const(*names)) {
            const std::optional<PbxRecord> pbx = catalog->pbxByName(name);
            if (!pbx || !catalog->setLastScheduledRun(pbx->id, handled))
                return false;
        }
        return true;
    }

    static void setConcurrentJobs(const CliHarness &cli, int jobs)
    {
        QDir().mkpath(cli.dataDir());
        QFile::setPermissions(cli.dataDir(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        AppSettings settings(cli.dataDir());
        settings.setConcurrentJobs(jobs);
        settings.sync();
    }

    // Backup rows of the job log per PBX name, and their outcomes.
    QHash<QString, QStringList> backupOutcomes()
    {
        QHash<QString, QStringList> outcomes;
        std::unique_ptr<Catalog> catalog = openCatalog();
        if (!catalog)
            return outcomes;
        for (const JobRecord &job : catalog->jobs()) {
            if (job.kind == JobKind::Backup)
                outcomes[job.pbxName].append(toString(job.outcome));
        }
        return outcomes;
    }

    bool eachSucceeded(const QStringList &names)
    {
        const QHash<QString, QStringList> outcomes = backupOutcomes();
        for (const QString &name : names) {
            if (!outcomes.value(name).contains(QStringLiteral("success")))
                return false;
        }
        return true;
    }

    int openClaims()
    {
        RawDb raw(m_catalogFile);
        return raw.exec(QStringLiteral("SELECT COUNT(*) FROM slot_claims WHERE finished = 0"))
            .toInt();
    }

private Q_SLOTS:
    void init()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        m_dir = std::make_unique<TestDir>();
        m_here = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("here")));
        m_there = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("there")));
        m_catalogFile = m_dir->filePath(QStringLiteral("here/catalog.sqlite"));
        m_catalog = catalogLocation(m_catalogFile);
        QVERIFY(!m_catalog.isEmpty());
    }

    void cleanup()
    {
        if (m_here)
            QVERIFY2(!m_here->transcript().contains(kPassword), "a password reached the output");
        m_sims.clear();
        m_here.reset();
        m_there.reset();
        m_dir.reset();
    }

    // A daemon here has claimed two slots and queued four when run-due starts there, one job at
    // a time: run-due claims what the daemon has not, the daemon drops those from its queue,
    // and every slot runs once. (Unclaimed, run-due's queued slots were run by the daemon too
    // once its first jobs ended.)
    void runDueAndADaemonRunEachSlotOnce()
    {
        QStringList names;
        QVERIFY(addDuePbxs(6, 1000, &names));
        setConcurrentJobs(*m_here, 2);
        setConcurrentJobs(*m_there, 1);

        Background daemon(*m_here, catalogArgs() + QStringList{QStringLiteral("daemon")});
        QVERIFY(daemon.started());
        QTRY_VERIFY2_WITH_TIMEOUT(countOf(daemon.err(), QStringLiteral(": backup started (")) == 2,
                                  qPrintable(daemon.err()), 30000);

        Background runDue(*m_there, catalogArgs() + QStringList{QStringLiteral("run-due"),
                                                                QStringLiteral("--retry-delay"),
                                                                QStringLiteral("1")});
        QVERIFY(runDue.started());
        QVERIFY(runDue.process().waitForFinished(180000));
        QVERIFY2(runDue.process().exitCode() == 0, qPrintable(runDue.err()));
        QTRY_VERIFY2_WITH_TIMEOUT(eachSucceeded(names), qPrintable(daemon.err()), 60000);
        // Let the daemon's queue drain: nothing more may start.
        daemon.signal(SIGTERM);
        QVERIFY(daemon.process().waitForFinished(60000));

        const int byDaemon = countOf(daemon.err(), QStringLiteral(": backup started ("));
        const int byRunDue = countOf(runDue.err(), QStringLiteral(": backup started ("));
        QCOMPARE(byDaemon + byRunDue, 6);
        QVERIFY2(byDaemon >= 2 && byRunDue >= 1, qPrintable(runDue.err()));
        const QHash<QString, QStringList> outcomes = backupOutcomes();
        for (const QString &name : std::as_const(names))
            QCOMPARE(outcomes.value(name), QStringList{QStringLiteral("success")});
        QCOMPARE(openClaims(), 0);
    }

    // A live scheduler elsewhere still holds the claim of an earlier slot of p1 (its job or
    // its retries run): run-due skips p1 with a line saying so, runs p2 and finishes p2's claim.
    void aSlotHeldByALiveSchedulerIsSkipped()
    {
        QStringList names;
        QVERIFY(addDuePbxs(2, 0, &names));
        const QString liveHolder = QStringLiteral("%1:%2:elsewhere")
                                       .arg(QSysInfo::machineHostName())
                                       .arg(QCoreApplication::applicationPid());
        qint64 held = 0;
        {
            std::unique_ptr<Catalog> catalog = openCatalog();
            QVERIFY(catalog);
            const std::optional<PbxRecord> p1 = catalog->pbxByName(QStringLiteral("p1"));
            QVERIFY(p1);
            held = p1->id;
            // A slot after the last handled one, before the one run-due finds due.
            const QDateTime earlier = catalog->lastScheduledRun(held).addSecs(60);
            QCOMPARE(catalog->claimScheduledSlot(held, earlier, liveHolder,
                                                 QDateTime::currentDateTimeUtc(), 3600),
                     Catalog::SlotClaim::Claimed);
        }

        const CliResult r = m_there->run(catalogArgs() + QStringList{QStringLiteral("run-due")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(
                     QStringLiteral("p1: skipped, another scheduler sharing the catalog runs it.")),
                 qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("p1: backup started")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("p2: backup finished (Catch-up).")), qPrintable(err));

        const QHash<QString, QStringList> outcomes = backupOutcomes();
        QVERIFY(outcomes.value(QStringLiteral("p1")).isEmpty());
        QCOMPARE(outcomes.value(QStringLiteral("p2")), QStringList{QStringLiteral("success")});
        // p1's claim is still the other scheduler's; p2's was run-due's and is finished.
        std::unique_ptr<Catalog> catalog = openCatalog();
        QVERIFY(catalog);
        QCOMPARE(*catalog->renewSlotClaims(liveHolder, QDateTime::currentDateTimeUtc(), 3600),
                 QVector<qint64>{held});
        QCOMPARE(openClaims(), 1);
        RawDb raw(m_catalogFile);
        QCOMPARE(
            raw.exec(QStringLiteral("SELECT COUNT(*) FROM slot_claims WHERE finished = 1")).toInt(),
            1);
    }

    // run-due there claims the three due slots and is killed with SIGKILL during the first
    // backup: its claims stay open; a daemon here takes them over at once (same host, the
    // holder's process is gone) and runs each slot once. (Unclaimed, the first slot was marked
    // handled and lost.)
    void aKilledRunDuesClaimsAreTakenOverByADaemon()
    {
        QStringList names;
        QVERIFY(addDuePbxs(3, 1500, &names));
        setConcurrentJobs(*m_there, 1);

        Background runDue(*m_there, catalogArgs() + QStringList{QStringLiteral("run-due")});
        QVERIFY(runDue.started());
        QTRY_VERIFY2_WITH_TIMEOUT(countOf(runDue.err(), QStringLiteral(": backup started (")) == 1,
                                  qPrintable(runDue.err()), 30000);
        runDue.signal(SIGKILL);
        QVERIFY(runDue.process().waitForFinished(30000));
        QCOMPARE(openClaims(), 3);

        Background daemon(*m_here, catalogArgs() + QStringList{QStringLiteral("daemon")});
        QVERIFY(daemon.started());
        QTRY_VERIFY2_WITH_TIMEOUT(eachSucceeded(names), qPrintable(daemon.err()), 90000);
        QTRY_COMPARE_WITH_TIMEOUT(openClaims(), 0, 30000);
        daemon.signal(SIGTERM);
        QVERIFY(daemon.process().waitForFinished(60000));
        QCOMPARE(countOf(daemon.err(), QStringLiteral(": backup started (Catch-up).")), 3);

        const QHash<QString, QStringList> outcomes = backupOutcomes();
        int interrupted = 0;
        for (const QString &name : std::as_const(names)) {
            const QStringList runs = outcomes.value(name);
            QCOMPARE(runs.count(QStringLiteral("success")), 1);
            for (const QString &outcome : runs) {
                QVERIFY2(outcome == QLatin1String("success") ||
                             outcome == QLatin1String("interrupted"),
                         qPrintable(name + QLatin1Char(' ') + outcome));
                interrupted += outcome == QLatin1String("interrupted");
            }
        }
        QCOMPARE(interrupted, 1); // the killed run-due's job
    }

    // Run from cron with no daemon anywhere: the next run-due takes over the claims of the one
    // killed before it (its process is gone) and runs those slots as catch-ups.
    void theNextRunDueTakesOverAKilledRunDuesClaims()
    {
        QStringList names;
        QVERIFY(addDuePbxs(2, 1500, &names));
        setConcurrentJobs(*m_there, 1);
        {
            Background killed(*m_there, catalogArgs() + QStringList{QStringLiteral("run-due")});
            QVERIFY(killed.started());
            QTRY_VERIFY2_WITH_TIMEOUT(countOf(killed.err(), QStringLiteral(": backup started (")) ==
                                          1,
                                      qPrintable(killed.err()), 30000);
            killed.signal(SIGKILL);
            QVERIFY(killed.process().waitForFinished(30000));
        }
        QCOMPARE(openClaims(), 2);

        const CliResult r = m_there->run(catalogArgs() + QStringList{QStringLiteral("run-due")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString err = QString::fromUtf8(r.err);
        for (const QString &name : std::as_const(names)) {
            QVERIFY2(err.contains(name + QStringLiteral(": backup finished (Catch-up).")),
                     qPrintable(err));
        }
        QCOMPARE(openClaims(), 0);
        const QHash<QString, QStringList> outcomes = backupOutcomes();
        for (const QString &name : std::as_const(names))
            QCOMPARE(outcomes.value(name).count(QStringLiteral("success")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliRunDueClaims)
#include "tst_cli_run_due_claims.moc"
