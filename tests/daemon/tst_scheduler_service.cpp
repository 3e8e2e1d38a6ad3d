// SchedulerService against real PBXs: the Scheduler fed from a real catalog, backups through
// the real Operations and PbxClient to pbxsim over HTTPS, verification and retention on real
// files. Time for the schedules comes from a ManualClock (advanced, then tick()), so nothing
// waits for a cron slot; passwords live in a MemorySecretStore.
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "fakes/ManualClock.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/SchedulerService.h"
#include "ops/Vault.h"
#include "schedule/Scheduler.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

// Records.h enums compare by their stable names, which QTest can print.
#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Sched-Pa55word!");
constexpr int kJobTimeoutMs = 30000;

PbxSim::Options simOptions(const QStringList &faults = {})
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
    o.faults = faults;
    return o;
}

// hh:05:00 UTC of the current hour: a scheduler clock near the real one (backups are dated
// with it), with hourly slots at a known distance.
QDateTime fivePastTheHour()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return QDateTime(now.date(), QTime(now.time().hour(), 5), QTimeZone::utc());
}

} // namespace

class TestSchedulerService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<ManualClock> m_clock;

    Catalog &catalog() { return m_vault->catalog(); }

    std::unique_ptr<SchedulerService> makeService()
    {
        auto service = std::make_unique<SchedulerService>(*m_ops, m_clock.get());
        service->scheduler().setTimeZone(QTimeZone::utc());
        service->setRetryPolicy(3, 60);
        return service;
    }

    qint64 addPbx(const QString &name, const PbxSim &sim, const QString &schedule, int keepLast = 0,
                  const QString &password = kPassword)
    {
        PbxRecord pbx;
        pbx.name = name;
        pbx.url = sim.url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = sim.fingerprint();
        pbx.schedule = schedule;
        pbx.keepLast = keepLast;
        Job *job = m_ops->addPbx(pbx, password);
        QSignalSpy done(job, &Job::finished);
        if (!done.wait(kJobTimeoutMs) || !job->ok()) {
            qWarning() << "addPbx failed:" << job->errorMessage();
            return 0;
        }
        const qint64 id = job->pbxId();
        delete job;
        return id;
    }

    // Moves the clock (wall and monotonic: no jump) to t and lets the scheduler decide.
    void runUntil(SchedulerService &service, const QDateTime &t)
    {
        m_clock->advanceMs(m_clock->nowUtc().msecsTo(t));
        service.scheduler().tick();
    }

    QVector<JobRecord> jobsOf(qint64 pbxId, JobKind kind)
    {
        QVector<JobRecord> out;
        for (const JobRecord &j : catalog().jobs()) {
            if (j.pbxId == pbxId && j.kind == kind)
                out.append(j);
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_secrets = std::make_unique<MemorySecretStore>();
        QString error;
        m_vault = Vault::open(m_dir->filePath(QStringLiteral("data")), m_secrets.get(), &error);
        QVERIFY2(m_vault, qPrintable(error));
        m_ops = std::make_unique<Operations>(*m_vault);
        // The scheduler decides on this clock; Operations and its PbxClients keep the system
        // clock, which pbxsim checks every request's Created time against.
        m_clock = std::make_unique<ManualClock>(fivePastTheHour());
    }

    void cleanup()
    {
        m_ops.reset();
        m_vault.reset();
        m_secrets.reset();
        m_clock.reset();
        m_dir.reset();
    }

    // Two processes on one data directory (the tray app and a daemon, say) must not both run
    // the schedules: the second stands by, takes manual work only, and takes over later.
    void onlyOneSchedulerPerDataDirectory()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim, QStringLiteral("0 * * * *"));
        QVERIFY(id > 0);
        Operations otherOps(*m_vault); // stands for the other process's Operations

        auto owner = makeService();
        owner->start();
        QVERIFY(!owner->isStandingBy());
        QVERIFY(owner->schedulingOwner().isEmpty());

        auto second = std::make_unique<SchedulerService>(otherOps, m_clock.get());
        second->scheduler().setTimeZone(QTimeZone::utc());
        second->setReloadIntervalMs(50);
        QSignalSpy secondStarted(second.get(), &SchedulerService::jobStarted);
        QSignalSpy ownerStarted(owner.get(), &SchedulerService::jobStarted);
        QSignalSpy ownerFinished(owner.get(), &SchedulerService::jobFinished);
        second->start();
        QVERIFY(second->isStandingBy());
        QVERIFY2(
            second->schedulingOwner().contains(QString::number(QCoreApplication::applicationPid())),
            qPrintable(second->schedulingOwner()));
        QVERIFY(!second->isPaused()); // standing by is not the user's pause

        // The slot falls due: only the owner runs it.
        m_clock->advanceMs(55 * 60 * 1000 + 2000);
        owner->scheduler().tick();
        second->scheduler().tick();
        QCOMPARE(ownerStarted.size(), 1);
        QCOMPARE(secondStarted.size(), 0);
        QVERIFY(ownerFinished.wait(kJobTimeoutMs));
        QCOMPARE(catalog().backups(id).size(), 1);

        // run-due in a standing-by process does nothing and ends.
        QSignalSpy secondDrained(second.get(), &SchedulerService::drained);
        second->runDueOnce();
        QVERIFY(secondDrained.wait(kJobTimeoutMs));
        QCOMPARE(secondStarted.size(), 0);

        // The owner goes away: the other one takes over at its next reload.
        owner->stop();
        owner.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!second->isStandingBy(), 5000);
        QVERIFY(second->schedulingOwner().isEmpty());
    }

    void scheduledBackupLandsInCatalogAndJobLog()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim, QStringLiteral("0 * * * *"));
        QVERIFY(id > 0);

        auto service = makeService();
        QSignalSpy started(service.get(), &SchedulerService::jobStarted);
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->start();
        const QDateTime slot = service->nextRun(id);
        QCOMPARE(slot, m_clock->nowUtc().addSecs(55 * 60)); // the next full hour
        QCOMPARE(service->nextScheduledRun(), slot);
        // The scheduler starts counting from now, persisted.
        QCOMPARE(catalog().lastScheduledRun(id), m_clock->nowUtc());

        runUntil(*service, slot.addSecs(2));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).toLongLong(), id);
        QCOMPARE_ENUM(started.at(0).at(1).value<JobTrigger>(), JobTrigger::Scheduled);
        QVERIFY(started.at(0).at(2).value<Job *>() != nullptr);
        QCOMPARE(service->runningCount(), 1);
        QVERIFY(finished.wait(kJobTimeoutMs));
        const QList<QVariant> args = finished.at(0);
        QCOMPARE(args.at(1).toString(), QStringLiteral("Head Office"));
        QCOMPARE_ENUM(args.at(2).value<JobTrigger>(), JobTrigger::Scheduled);
        QVERIFY2(args.at(3).toBool(), qPrintable(args.at(4).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);
        QCOMPARE(service->runningCount(), 0);
        QVERIFY(!service->lastJobFailed());

        const QVector<BackupRecord> backups = catalog().backups(id);
        QCOMPARE(backups.size(), 1);
        QCOMPARE_ENUM(backups.at(0).origin, BackupOrigin::Scheduled);
        QCOMPARE_ENUM(backups.at(0).verified, VerifyState::Intact); // verified after the backup
        QVERIFY(QFile::exists(backups.at(0).path));
        QVERIFY(sim.state()
                    .value(QStringLiteral("backups"))
                    .toArray()
                    .contains(backups.at(0).filename));

        const QVector<JobRecord> backupJobs = jobsOf(id, JobKind::Backup);
        QCOMPARE(backupJobs.size(), 1);
        QCOMPARE_ENUM(backupJobs.at(0).trigger, JobTrigger::Scheduled);
        QCOMPARE_ENUM(backupJobs.at(0).outcome, JobOutcome::Success);
        QCOMPARE(backupJobs.at(0).bytes, backups.at(0).size);
        const QVector<JobRecord> verifyJobs = jobsOf(id, JobKind::Verify);
        QCOMPARE(verifyJobs.size(), 1);
        QCOMPARE_ENUM(verifyJobs.at(0).trigger, JobTrigger::Scheduled);
        QCOMPARE_ENUM(verifyJobs.at(0).outcome, JobOutcome::Success);
        QCOMPARE(verifyJobs.at(0).detail, backups.at(0).filename);
        QVERIFY(jobsOf(id, JobKind::Retention).isEmpty()); // no retention rules

        QCOMPARE(catalog().lastScheduledRun(id), slot);
        QCOMPARE(service->nextRun(id), slot.addSecs(3600));
    }

    // keep the last 1: each successful backup deletes the one before (logged), never the
    // safety backup, and a backup that fails verification deletes nothing.
    void retentionAfterSuccessKeepsNewestVerified()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("pbx1"), sim, QStringLiteral("0 * * * *"), 1);
        QVERIFY(id > 0);
        BackupRecord safety;
        safety.pbxId = id;
        safety.filename = QStringLiteral("pbx1_safety.bak");
        safety.createdAt = m_clock->nowUtc().addDays(-30);
        safety.path = m_dir->filePath(QStringLiteral("safety.bak"));
        safety.origin = BackupOrigin::Safety;
        QVERIFY(catalog().addBackup(&safety));

        auto service = makeService();
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        service->start();
        QStringList paths;
        QStringList names; // as the PBX named them, and as retention logs them
        QVector<qint64> ids;
        for (int round = 1; round <= 3; ++round) {
            runUntil(*service, service->nextRun(id).addSecs(1));
            QVERIFY(finished.wait(kJobTimeoutMs));
            QVERIFY2(finished.last().at(3).toBool(), qPrintable(finished.last().at(4).toString()));
            QVector<BackupRecord> backups = catalog().backups(id);
            QCOMPARE(backups.size(), 2); // the newest scheduled one and the safety backup
            QCOMPARE_ENUM(backups.at(0).origin, BackupOrigin::Scheduled);
            QCOMPARE_ENUM(backups.at(0).verified, VerifyState::Intact);
            QCOMPARE(backups.at(1).id, safety.id);
            paths.append(backups.at(0).path);
            names.append(backups.at(0).filename);
            ids.append(backups.at(0).id);
        }
        QVERIFY(!catalog().backup(ids.at(0)));
        QVERIFY(!catalog().backup(ids.at(1)));
        QVERIFY(catalog().backup(ids.at(2)));
        // Backups taken within one second share a name, so a later one may reuse a deleted
        // one's path: a deleted backup's file is gone unless the newest took its place.
        QVERIFY(!QFile::exists(paths.at(0)) || paths.at(0) == paths.at(2));
        QVERIFY(!QFile::exists(paths.at(1)) || paths.at(1) == paths.at(2));
        QVERIFY(QFile::exists(paths.at(2)));
        const QVector<JobRecord> retention = jobsOf(id, JobKind::Retention);
        QCOMPARE(retention.size(), 2);
        for (const JobRecord &j : retention) {
            QCOMPARE_ENUM(j.outcome, JobOutcome::Success);
            QCOMPARE_ENUM(j.trigger, JobTrigger::Scheduled);
            QVERIFY(j.bytes > 0);
        }
        // Newest first: the second deletion removed the second backup.
        QVERIFY2(retention.at(0).detail.startsWith(names.at(1)),
                 qPrintable(retention.at(0).detail));
        QVERIFY2(retention.at(1).detail.startsWith(names.at(0)),
                 qPrintable(retention.at(1).detail));

        // The next answer of the PBX is a damaged backup: the pipeline's verification refuses
        // it before it is catalogued, retention does not run, the newest intact backup stays.
        const qint64 goodId = catalog().backups(id).at(0).id;
        QVERIFY(sim.addFault(QStringLiteral("bad-create=truncated")));
        runUntil(*service, service->nextRun(id).addSecs(1));
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY(!finished.last().at(3).toBool());
        QVERIFY2(finished.last().at(4).toString().contains(QStringLiteral("damaged")),
                 qPrintable(finished.last().at(4).toString()));
        QVERIFY(service->lastJobFailed());
        const QVector<BackupRecord> after = catalog().backups(id);
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).id, goodId);
        QCOMPARE_ENUM(after.at(0).verified, VerifyState::Intact);
        QVERIFY(QFile::exists(after.at(0).path));
        QCOMPARE(jobsOf(id, JobKind::Retention).size(), 2);
        QCOMPARE_ENUM(jobsOf(id, JobKind::Verify).at(0).outcome, JobOutcome::Failed);
    }

    void transientFailureIsRetriedWithBackoff()
    {
        PbxSim sim(simOptions({QStringLiteral("status=503:^/rest/backup/create")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("busy"), sim, QStringLiteral("0 * * * *"));
        QVERIFY(id > 0);

        auto service = makeService();
        QSignalSpy retries(service.get(), &SchedulerService::retryScheduled);
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->start();
        runUntil(*service, service->nextRun(id));

        QVERIFY(retries.wait(kJobTimeoutMs));
        QCOMPARE(retries.at(0).at(1).toString(), QStringLiteral("busy"));
        QCOMPARE(retries.at(0).at(2).toDateTime(), m_clock->nowUtc().addSecs(60));
        QVERIFY(!retries.at(0).at(3).toString().isEmpty());
        QCOMPARE(finished.size(), 0);
        QCOMPARE(drained.size(), 0); // a retry is still to come

        runUntil(*service, retries.at(0).at(2).toDateTime());
        QVERIFY(retries.wait(kJobTimeoutMs));
        QCOMPARE(retries.at(1).at(2).toDateTime(), m_clock->nowUtc().addSecs(120)); // doubled

        runUntil(*service, retries.at(1).at(2).toDateTime());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(retries.size(), 2);
        QVERIFY(!finished.at(0).at(3).toBool());
        QCOMPARE_ENUM(finished.at(0).at(2).value<JobTrigger>(), JobTrigger::Scheduled);
        QVERIFY(service->lastJobFailed());
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);

        const QVector<JobRecord> attempts = jobsOf(id, JobKind::Backup);
        QCOMPARE(attempts.size(), 3);
        for (const JobRecord &j : attempts) {
            QCOMPARE_ENUM(j.outcome, JobOutcome::Failed);
            QCOMPARE_ENUM(j.trigger, JobTrigger::Scheduled);
            QVERIFY(!j.error.isEmpty());
        }
        QVERIFY(catalog().backups(id).isEmpty());

        // Fixed: the next one works and the failure state clears.
        QVERIFY(sim.clearFaults());
        QVERIFY(service->backUpNow(id));
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY(finished.last().at(3).toBool());
        QCOMPARE_ENUM(finished.last().at(2).value<JobTrigger>(), JobTrigger::Manual);
        QVERIFY(!service->lastJobFailed());
    }

    void finalFailuresAreNotRetried_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::newRow("wrong password") << QStringLiteral("password");
        QTest::newRow("clock skew") << QStringLiteral("clock");
        QTest::newRow("certificate changed") << QStringLiteral("certificate");
        QTest::newRow("keychain locked") << QStringLiteral("keychain");
    }

    void finalFailuresAreNotRetried()
    {
        QFETCH(QString, problem);
        QStringList faults;
        if (problem == QLatin1String("clock"))
            faults << QStringLiteral("clock-offset=900");
        PbxSim sim(simOptions(faults));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id =
            addPbx(QStringLiteral("pbx"), sim, QStringLiteral("0 * * * *"), 0,
                   problem == QLatin1String("password") ? QStringLiteral("wrong") : kPassword);
        QVERIFY(id > 0);
        if (problem == QLatin1String("certificate")) {
            PbxRecord pbx = *catalog().pbx(id);
            pbx.fingerprint = QString(64, QLatin1Char('a'));
            QVERIFY(catalog().updatePbx(pbx));
        } else if (problem == QLatin1String("keychain")) {
            m_secrets->setMode(MemorySecretStore::Mode::Locked);
        }

        auto service = makeService();
        QSignalSpy retries(service.get(), &SchedulerService::retryScheduled);
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        service->start();
        runUntil(*service, service->nextRun(id));
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(retries.size(), 0);
        QVERIFY(!finished.at(0).at(3).toBool());
        const QString message = finished.at(0).at(4).toString();
        QVERIFY(!message.isEmpty());
        QVERIFY2(!message.contains(kPassword), qPrintable(message));
        QVERIFY(service->lastJobFailed());
        QVERIFY(!service->scheduler().isQueued(id));
        const QVector<JobRecord> attempts = jobsOf(id, JobKind::Backup);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE_ENUM(attempts.at(0).outcome, JobOutcome::Failed);
        QCOMPARE(attempts.at(0).error, message);
    }

    // Another process (a CLI backup) holds the PBX: the scheduled job is refused, logged and
    // retried, and runs once the PBX is free.
    void lockedByAnotherProcessIsRetried()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("shared"), sim, QStringLiteral("0 * * * *"));
        QVERIFY(id > 0);
        const QString otherProcess = QStringLiteral("elsewhere.invalid:4242:feedface");
        QVERIFY(catalog().tryLockPbx(id, otherProcess, m_clock->nowUtc()));

        auto service = makeService();
        QSignalSpy retries(service.get(), &SchedulerService::retryScheduled);
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        service->start();
        runUntil(*service, service->nextRun(id));
        QVERIFY(retries.wait(kJobTimeoutMs));
        QVERIFY2(retries.at(0).at(3).toString().contains(QStringLiteral("already running")),
                 qPrintable(retries.at(0).at(3).toString()));
        QVector<JobRecord> attempts = jobsOf(id, JobKind::Backup);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE_ENUM(attempts.at(0).outcome, JobOutcome::Failed);
        QCOMPARE_ENUM(attempts.at(0).trigger, JobTrigger::Scheduled);

        catalog().unlockPbx(id, otherProcess);
        runUntil(*service, retries.at(0).at(2).toDateTime());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY2(finished.at(0).at(3).toBool(), qPrintable(finished.at(0).at(4).toString()));
        attempts = jobsOf(id, JobKind::Backup);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE_ENUM(attempts.at(0).outcome, JobOutcome::Success);
        QCOMPARE(catalog().backups(id).size(), 1);

        // Refused again, and the job holding the PBX (a CLI `backup`) succeeds meanwhile: that
        // backup serves the slot, the retry takes no second one.
        QVERIFY(catalog().tryLockPbx(id, otherProcess, m_clock->nowUtc()));
        runUntil(*service, service->nextRun(id));
        QVERIFY(retries.wait(kJobTimeoutMs));
        m_clock->advanceSecs(20);
        JobRecord theirs;
        theirs.kind = JobKind::Backup;
        theirs.pbxId = id;
        theirs.pbxName = QStringLiteral("shared");
        theirs.startedAt = m_clock->nowUtc().addSecs(-30);
        QVERIFY(catalog().beginJob(&theirs));
        QVERIFY(catalog().finishJob(theirs.id, JobOutcome::Success, 1000, {}, m_clock->nowUtc()));
        catalog().unlockPbx(id, otherProcess);
        runUntil(*service, retries.last().at(2).toDateTime());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY(finished.last().at(3).toBool());
        QCOMPARE(catalog().backups(id).size(), 1);
        QCOMPARE(jobsOf(id, JobKind::Backup).size(), 4); // ours: refused, ok, refused; theirs
    }

    // Three PBXs, limit 2: never more than two jobs, never two on one PBX, scheduled or manual.
    void concurrencyLimitAndOneJobPerPbx()
    {
        PbxSim sim(simOptions({QStringLiteral("delay-ms=150")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QVector<qint64> ids;
        for (const char *name : {"alpha", "bravo", "charlie"}) {
            ids.append(addPbx(QString::fromLatin1(name), sim, QStringLiteral("0 * * * *")));
            QVERIFY(ids.last() > 0);
        }

        auto service = makeService();
        service->setConcurrencyLimit(2);
        QSet<qint64> running;
        int maxRunning = 0;
        int starts = 0;
        bool doubled = false;
        connect(service.get(), &SchedulerService::jobStarted, this,
                [&](qint64 pbxId, JobTrigger, Job *) {
                    doubled = doubled || running.contains(pbxId);
                    running.insert(pbxId);
                    maxRunning = qMax(maxRunning, int(running.size()));
                    ++starts;
                });
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        connect(service.get(), &SchedulerService::jobFinished, this,
                [&](qint64 pbxId) { running.remove(pbxId); });
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->start();

        runUntil(*service, service->nextRun(ids.at(0)));
        QCOMPARE(service->runningCount(), 2);
        QCOMPARE(starts, 2);
        QVERIFY(service->scheduler().isQueued(ids.at(2)));
        // A PBX that is running is not started again, by the operator either.
        QVERIFY(!service->backUpNow(ids.at(0)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kJobTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);

        // Every PBX at once, by hand, while the next slot also falls due.
        QCOMPARE(service->backUpAllNow(), 3);
        QCOMPARE(service->runningCount(), 2);
        runUntil(*service, service->nextRun(ids.at(0)));
        // Three manual backups, then each PBX's slot once its manual backup is done.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 9, kJobTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(service->runningCount() == 0 &&
                                     !service->scheduler().isQueued(ids.at(0)),
                                 kJobTimeoutMs);
        QVERIFY(!doubled);
        QCOMPARE(maxRunning, 2);
        for (const QVariantList &f : std::as_const(finished))
            QVERIFY2(f.at(3).toBool(), qPrintable(f.at(4).toString()));
        for (qint64 id : std::as_const(ids))
            QCOMPARE(catalog().backups(id).size(), 3);
    }

    void reloadPicksUpPbxsAddedElsewhere()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        auto service = makeService();
        service->setReloadIntervalMs(50);
        service->start();
        QVERIFY(service->scheduler().pbxIds().isEmpty());

        // Through this process's Operations: at once.
        const qint64 first = addPbx(QStringLiteral("first"), sim, QStringLiteral("0 * * * *"));
        QVERIFY(service->scheduler().pbxIds().contains(first));

        // Straight into the catalog, as another process would: on the next periodic reload.
        PbxRecord other;
        other.name = QStringLiteral("second");
        other.url = sim.url();
        other.username = QStringLiteral("admin");
        other.schedule = QStringLiteral("30 * * * *");
        other.createdAt = m_clock->nowUtc();
        QVERIFY(catalog().addPbx(&other));
        QTRY_VERIFY_WITH_TIMEOUT(service->scheduler().pbxIds().contains(other.id), 5000);
        QCOMPARE(service->nextRun(other.id), m_clock->nowUtc().addSecs(25 * 60));

        // Disabled PBXs leave the scheduler.
        other.enabled = false;
        QVERIFY(catalog().updatePbx(other));
        QTRY_VERIFY_WITH_TIMEOUT(!service->scheduler().pbxIds().contains(other.id), 5000);
    }

    // run-due: missed slots run once as catch-up, a slot just due as scheduled, the rest not;
    // transient failures are retried; drained() ends it.
    void runDueRunsWhatIsDueOnce()
    {
        PbxSim sim(simOptions());
        PbxSim failing(simOptions({QStringLiteral("status=500:^/rest/backup/create")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QVERIFY2(failing.start(&error), qPrintable(error));
        const QString hourly = QStringLiteral("0 * * * *");
        const qint64 missed = addPbx(QStringLiteral("missed"), sim, hourly);
        const qint64 due = addPbx(QStringLiteral("due"), sim, hourly);
        const qint64 notDue = addPbx(QStringLiteral("not-due"), sim, hourly);
        const qint64 fresh = addPbx(QStringLiteral("fresh"), sim, hourly);
        const qint64 broken = addPbx(QStringLiteral("broken"), failing, hourly);
        const QDateTime now = m_clock->nowUtc(); // hh:05
        const QDateTime thisHour = now.addSecs(-5 * 60);
        QVERIFY(catalog().setLastScheduledRun(missed, thisHour.addSecs(-3 * 3600)));
        QVERIFY(catalog().setLastScheduledRun(due, thisHour.addSecs(-3600)));
        QVERIFY(catalog().setLastScheduledRun(notDue, thisHour));
        QVERIFY(catalog().setLastScheduledRun(broken, thisHour.addSecs(-3600)));

        auto service = makeService();
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        QSignalSpy retries(service.get(), &SchedulerService::retryScheduled);
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->runDueOnce();
        QVERIFY(retries.wait(kJobTimeoutMs));
        QCOMPARE(retries.at(0).at(0).toLongLong(), broken);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kJobTimeoutMs);
        QCOMPARE(drained.size(), 0);
        // Slots falling due meanwhile are left for the next run.
        runUntil(*service, retries.last().at(2).toDateTime());
        QVERIFY(retries.wait(kJobTimeoutMs));
        runUntil(*service, retries.last().at(2).toDateTime());
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);
        QCOMPARE(finished.size(), 3);

        QHash<qint64, QVariantList> byPbx;
        for (const QVariantList &f : std::as_const(finished))
            byPbx.insert(f.at(0).toLongLong(), f);
        QCOMPARE_ENUM(byPbx.value(missed).at(2).value<JobTrigger>(), JobTrigger::CatchUp);
        QVERIFY(byPbx.value(missed).at(3).toBool());
        QCOMPARE_ENUM(byPbx.value(due).at(2).value<JobTrigger>(), JobTrigger::Scheduled);
        QVERIFY(byPbx.value(due).at(3).toBool());
        QCOMPARE_ENUM(byPbx.value(broken).at(2).value<JobTrigger>(), JobTrigger::Scheduled);
        QVERIFY(!byPbx.value(broken).at(3).toBool());
        QVERIFY(!byPbx.contains(notDue));
        QVERIFY(!byPbx.contains(fresh));

        QCOMPARE_ENUM(jobsOf(missed, JobKind::Backup).at(0).trigger, JobTrigger::CatchUp);
        QCOMPARE_ENUM(jobsOf(due, JobKind::Backup).at(0).trigger, JobTrigger::Scheduled);
        const QVector<JobRecord> brokenAttempts = jobsOf(broken, JobKind::Backup);
        QCOMPARE(brokenAttempts.size(), 3);
        for (const JobRecord &j : brokenAttempts)
            QCOMPARE_ENUM(j.trigger, JobTrigger::Scheduled);
        QCOMPARE(catalog().backups(missed).size(), 1);
        QCOMPARE_ENUM(catalog().backups(missed).at(0).origin, BackupOrigin::Scheduled);
        QVERIFY(catalog().backups(notDue).isEmpty());
        QVERIFY(catalog().backups(fresh).isEmpty());
        // Handled up to the latest due slot; a PBX seen for the first time starts from now.
        QCOMPARE(catalog().lastScheduledRun(missed), thisHour);
        QCOMPARE(catalog().lastScheduledRun(due), thisHour);
        QCOMPARE(catalog().lastScheduledRun(notDue), thisHour);
        QCOMPARE(catalog().lastScheduledRun(fresh), now);
    }

    void runDueWithNothingDueDrainsAtOnce()
    {
        auto service = makeService();
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->runDueOnce();
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, 5000);
        QCOMPARE(service->runningCount(), 0);
    }

    void cancelAllEndsRunningJobsCleanly()
    {
        PbxSim sim(simOptions({QStringLiteral("delay-ms=3000")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("slow"), sim, QString());
        QVERIFY(id > 0);
        auto service = makeService();
        QSignalSpy started(service.get(), &SchedulerService::jobStarted);
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->start();
        QVERIFY(service->backUpNow(id));
        QCOMPARE(started.size(), 1);
        service->stop();
        service->cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.at(0).at(3).toBool());
        QVERIFY(!service->lastJobFailed()); // cancelled, not failed
        const QVector<JobRecord> attempts = jobsOf(id, JobKind::Backup);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE_ENUM(attempts.at(0).outcome, JobOutcome::Cancelled);
        QVERIFY(catalog().backups(id).isEmpty());
    }

    // stop(): the running job finishes normally, nothing new starts.
    void stopLetsRunningJobsFinish()
    {
        PbxSim sim(simOptions({QStringLiteral("delay-ms=200")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 a = addPbx(QStringLiteral("a"), sim, QStringLiteral("10 * * * *"));
        const qint64 b = addPbx(QStringLiteral("b"), sim, QStringLiteral("40 * * * *"));
        auto service = makeService();
        QSignalSpy finished(service.get(), &SchedulerService::jobFinished);
        QSignalSpy drained(service.get(), &SchedulerService::drained);
        service->start();
        runUntil(*service, service->nextRun(a));
        QCOMPARE(service->runningCount(), 1);
        service->stop();
        runUntil(*service, service->nextRun(b).addSecs(60));
        QCOMPARE(service->runningCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kJobTimeoutMs);
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(3).toBool());
        QVERIFY(catalog().backups(b).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchedulerService)
#include "tst_scheduler_service.moc"
