#include "fakes/ManualClock.h"
#include "schedule/Scheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

class FakeSource : public ScheduleSource
{
public:
    void add(qint64 id, const QString &cron, const QDateTime &lastSlot = {},
             const QDateTime &lastSuccess = {})
    {
        pbxs.append({id, QStringLiteral("pbx%1").arg(id), cron, lastSlot, lastSuccess});
    }
    QVector<ScheduledPbx> scheduledPbxs() const override { return pbxs; }
    void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) override
    {
        saved[pbxId] = slotUtc;
        for (ScheduledPbx &p : pbxs) {
            if (p.pbxId == pbxId)
                p.lastSlotUtc = slotUtc;
        }
    }

    QVector<ScheduledPbx> pbxs;
    QHash<qint64, QDateTime> saved;
};

// Records every launch; the test completes them when it wants.
class FakeLauncher : public BackupLauncher
{
public:
    struct Launch
    {
        qint64 pbxId;
        JobTrigger trigger;
        Completion done;
        bool finished = false;
    };

    void launch(qint64 pbxId, JobTrigger trigger, Completion done) override
    {
        launches.append({pbxId, trigger, std::move(done)});
        if (completeImmediately)
            finish(pbxId, BackupOutcome::success());
    }

    QVector<qint64> runningIds() const
    {
        QVector<qint64> ids;
        for (const Launch &l : launches) {
            if (!l.finished)
                ids.append(l.pbxId);
        }
        return ids;
    }
    QVector<qint64> launchedIds() const
    {
        QVector<qint64> ids;
        for (const Launch &l : launches)
            ids.append(l.pbxId);
        return ids;
    }
    bool finish(qint64 pbxId, const BackupOutcome &outcome)
    {
        for (Launch &l : launches) {
            if (l.pbxId == pbxId && !l.finished) {
                l.finished = true;
                const Completion done = l.done;
                done(outcome);
                return true;
            }
        }
        return false;
    }

    QVector<Launch> launches;
    bool completeImmediately = false;
};

const BackupOutcome kTransient = BackupOutcome::failure(true, QStringLiteral("timed out"));
const BackupOutcome kFatal = BackupOutcome::failure(false, QStringLiteral("wrong password"));

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void dueJobLaunchedOnce();
    void firstSightStartsFromNow();
    void oneLateSlotIsCatchUp();
    void catchUpAfterThreeDaysRunsOnce();
    void catchUpWaitsForNetwork();
    void concurrencyCapWithFifoQueue();
    void perPbxExclusion();
    void dueSlotWaitsForRunningJob();
    void retriesWithBackoff();
    void noRetryOnNonTransient();
    void newSlotReplacesPendingRetry();
    void retryWaitsForNetwork();
    void pauseAndResume();
    void runNowWhilePausedAndQueued();
    void runAllNow();
    void overdue();
    void clockJumpDetected();
    void scheduleChangeRestartsFromNow();
    void futureLastSlotIsReset();
    void slotHandledElsewhereIsAdopted();
    void removedPbxIsForgotten();
    void invalidScheduleIgnored();
    void synchronousCompletion();
    void staleCompletionIgnored();
    void dstScheduleInRome();
    void startedSchedulerTicksFromItsTimers();

private:
    Scheduler *makeScheduler();

    ManualClock *m_clock = nullptr;
    FakeSource *m_source = nullptr;
    FakeLauncher *m_launcher = nullptr;
    Scheduler *m_scheduler = nullptr;
};

void TestScheduler::init()
{
    m_clock = new ManualClock(utc("2026-01-01T12:00:00"));
    m_source = new FakeSource;
    m_launcher = new FakeLauncher;
}

void TestScheduler::cleanup()
{
    delete m_scheduler;
    m_scheduler = nullptr;
    delete m_launcher;
    delete m_source;
    delete m_clock;
}

Scheduler *TestScheduler::makeScheduler()
{
    m_scheduler = new Scheduler(m_source, m_launcher, m_clock);
    m_scheduler->setTimeZone(QTimeZone::utc());
    return m_scheduler;
}

void TestScheduler::dueJobLaunchedOnce()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    QSignalSpy queued(s, &Scheduler::jobQueued);
    QSignalSpy started(s, &Scheduler::jobStarted);
    QSignalSpy finished(s, &Scheduler::jobFinished);
    QSignalSpy nextChanged(s, &Scheduler::nextRunChanged);
    s->reload();
    QVERIFY(m_launcher->launches.isEmpty());
    QCOMPARE(s->nextRun(1), utc("2026-01-02T02:00:00"));

    m_clock->setNowUtc(utc("2026-01-02T01:59:59"));
    s->tick();
    QVERIFY(m_launcher->launches.isEmpty());

    m_clock->setNowUtc(utc("2026-01-02T02:00:05"));
    s->tick();
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::Scheduled));
    QCOMPARE(queued.size(), 1);
    QCOMPARE(started.size(), 1);
    QCOMPARE(toString(started[0][1].value<JobTrigger>()), toString(JobTrigger::Scheduled));
    QCOMPARE(started[0][2].toInt(), 1);
    QCOMPARE(m_source->saved.value(1), utc("2026-01-02T02:00:00"));
    QCOMPARE(s->nextRun(1), utc("2026-01-03T02:00:00"));
    QCOMPARE(nextChanged.last()[1].toDateTime(), utc("2026-01-03T02:00:00"));
    QVERIFY(s->isRunning(1));

    m_clock->advanceSecs(120);
    QVERIFY(m_launcher->finish(1, BackupOutcome::success()));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toLongLong(), 1);
    QCOMPARE(finished[0][2].toBool(), true);
    QVERIFY(!s->isRunning(1));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    QVERIFY(s->isIdle());
}

void TestScheduler::firstSightStartsFromNow()
{
    m_source->add(1, QStringLiteral("*/15 * * * *"));
    Scheduler *s = makeScheduler();
    s->reload();
    QVERIFY(m_launcher->launches.isEmpty());
    QCOMPARE(m_source->saved.value(1), utc("2026-01-01T12:00:00"));
    QCOMPARE(s->nextRun(1), utc("2026-01-01T12:15:00"));
    QCOMPARE(s->nextScheduledRun(), utc("2026-01-01T12:15:00"));
}

void TestScheduler::oneLateSlotIsCatchUp()
{
    // One slot missed, but by hours (the app was closed): a catch-up, not a scheduled run.
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T09:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::CatchUp));
    QCOMPARE(m_source->saved.value(1), utc("2026-01-02T02:00:00"));
}

void TestScheduler::catchUpAfterThreeDaysRunsOnce()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_source->add(2, QStringLiteral("*/5 * * * *"), utc("2026-01-01T11:55:00"));
    m_clock->setNowUtc(utc("2026-01-04T10:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    // First due, first queued: PBX 2 has waited since 1 January 12:00.
    QCOMPARE(m_launcher->launchedIds(), QVector<qint64>({2, 1}));
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::CatchUp));
    QCOMPARE(toString(m_launcher->launches[1].trigger), toString(JobTrigger::CatchUp));
    QCOMPARE(m_source->saved.value(1), utc("2026-01-04T02:00:00"));
    QCOMPARE(m_source->saved.value(2), utc("2026-01-04T10:00:00"));
    QCOMPARE(s->nextRun(1), utc("2026-01-05T02:00:00"));
    QCOMPARE(s->nextRun(2), utc("2026-01-04T10:05:00"));

    m_clock->advanceSecs(60);
    m_launcher->finish(1, BackupOutcome::success());
    m_launcher->finish(2, BackupOutcome::success());
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 2);
    m_clock->setNowUtc(utc("2026-01-04T10:05:10"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 3);
    QCOMPARE(toString(m_launcher->launches[2].trigger), toString(JobTrigger::Scheduled));
}

void TestScheduler::catchUpWaitsForNetwork()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-04T10:00:00"));
    Scheduler *s = makeScheduler();
    s->setNetworkAvailable(false);
    s->reload();
    QVERIFY(m_launcher->launches.isEmpty());
    QCOMPARE(s->nextRun(1), utc("2026-01-02T02:00:00")); // pending
    QVERIFY(!m_source->saved.contains(1));

    m_clock->advanceSecs(600);
    s->tick();
    QVERIFY(m_launcher->launches.isEmpty());

    s->setNetworkAvailable(true);
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::CatchUp));
    QCOMPARE(m_source->saved.value(1), utc("2026-01-04T02:00:00"));
}

void TestScheduler::concurrencyCapWithFifoQueue()
{
    for (qint64 id = 1; id <= 5; ++id)
        m_source->add(id, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    Scheduler *s = makeScheduler();
    QCOMPARE(s->concurrencyLimit(), 2);
    QSignalSpy queued(s, &Scheduler::jobQueued);
    s->reload();
    QCOMPARE(queued.size(), 5);
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({1, 2}));
    QCOMPARE(s->runningCount(), 2);
    QCOMPARE(s->queuedCount(), 3);
    QVERIFY(s->isQueued(3));
    QVERIFY(!s->isIdle());

    m_launcher->finish(2, BackupOutcome::success());
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({1, 3}));
    m_launcher->finish(1, kFatal);
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({3, 4}));
    m_launcher->finish(3, BackupOutcome::success());
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({4, 5}));
    QCOMPARE(s->queuedCount(), 0);

    QSignalSpy idle(s, &Scheduler::idle);
    m_launcher->finish(4, BackupOutcome::success());
    QCOMPARE(idle.size(), 0);
    m_launcher->finish(5, BackupOutcome::success());
    QCOMPARE(idle.size(), 1);
    QCOMPARE(m_launcher->launchedIds(), QVector<qint64>({1, 2, 3, 4, 5}));

    // Raising the limit lets more start at once.
    m_clock->setNowUtc(utc("2026-01-03T02:00:00"));
    s->setConcurrencyLimit(4);
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({1, 2, 3, 4}));
}

void TestScheduler::perPbxExclusion()
{
    m_source->add(1, QString());
    Scheduler *s = makeScheduler();
    s->reload();
    QVERIFY(s->runNow(1));
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::Manual));
    QVERIFY(!s->runNow(1));
    QVERIFY(!s->runNow(1));
    QCOMPARE(m_launcher->launches.size(), 1);
    QVERIFY(!s->runNow(42)); // unknown PBX
    m_launcher->finish(1, BackupOutcome::success());
    QVERIFY(s->runNow(1));
    QCOMPARE(m_launcher->launches.size(), 2);
}

void TestScheduler::dueSlotWaitsForRunningJob()
{
    m_source->add(1, QStringLiteral("*/15 * * * *"), utc("2026-01-01T12:00:00"));
    m_clock->setNowUtc(utc("2026-01-01T12:05:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    QVERIFY(s->runNow(1));
    m_clock->setNowUtc(utc("2026-01-01T12:16:00"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1); // the 12:15 slot waits
    QCOMPARE(s->nextRun(1), utc("2026-01-01T12:15:00"));
    m_clock->setNowUtc(utc("2026-01-01T12:17:00"));
    m_launcher->finish(1, BackupOutcome::success());
    QCOMPARE(m_launcher->launches.size(), 2);
    QCOMPARE(toString(m_launcher->launches[1].trigger), toString(JobTrigger::Scheduled));
    QCOMPARE(s->nextRun(1), utc("2026-01-01T12:30:00"));
}

void TestScheduler::retriesWithBackoff()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    Scheduler *s = makeScheduler();
    s->setRetryPolicy(3, 60);
    QSignalSpy retries(s, &Scheduler::retryScheduled);
    QSignalSpy finished(s, &Scheduler::jobFinished);
    QSignalSpy started(s, &Scheduler::jobStarted);
    s->reload();
    QCOMPARE(m_launcher->launches.size(), 1);

    m_clock->advanceSecs(30);
    m_launcher->finish(1, kTransient);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries[0][2].toInt(), 2);
    QCOMPARE(retries[0][3].toDateTime(), utc("2026-01-02T02:01:30"));
    QCOMPARE(retries[0][4].toString(), QStringLiteral("timed out"));

    m_clock->advanceSecs(59);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    m_clock->advanceSecs(1);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 2);
    QCOMPARE(toString(m_launcher->launches[1].trigger), toString(JobTrigger::Scheduled));
    QCOMPARE(started.last()[2].toInt(), 2);

    m_launcher->finish(1, kTransient); // at 02:01:30: next wait doubles to 120 s
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries[1][3].toDateTime(), utc("2026-01-02T02:03:30"));
    m_clock->advanceSecs(119);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 2);
    m_clock->advanceSecs(1);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 3);
    QCOMPARE(started.last()[2].toInt(), 3);

    m_launcher->finish(1, kTransient); // third and last try
    QCOMPARE(retries.size(), 2);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished[0][2].toBool(), false);
    QCOMPARE(finished[0][3].toString(), QStringLiteral("timed out"));
    m_clock->advanceSecs(3600);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 3);
    // The schedule itself goes on.
    QCOMPARE(s->nextRun(1), utc("2026-01-03T02:00:00"));
}

void TestScheduler::noRetryOnNonTransient()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    Scheduler *s = makeScheduler();
    QSignalSpy retries(s, &Scheduler::retryScheduled);
    QSignalSpy finished(s, &Scheduler::jobFinished);
    s->reload();
    m_launcher->finish(1, kFatal);
    QCOMPARE(retries.size(), 0);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished[0][2].toBool(), false);
    QCOMPARE(finished[0][3].toString(), QStringLiteral("wrong password"));
    for (int i = 0; i < 10; ++i) {
        m_clock->advanceSecs(600);
        s->tick();
    }
    QCOMPARE(m_launcher->launches.size(), 1);
}

void TestScheduler::newSlotReplacesPendingRetry()
{
    m_source->add(1, QStringLiteral("*/5 * * * *"), utc("2026-01-01T12:00:00"));
    m_clock->setNowUtc(utc("2026-01-01T12:05:00"));
    Scheduler *s = makeScheduler();
    s->setRetryPolicy(3, 600);
    s->reload();
    QCOMPARE(m_launcher->launches.size(), 1);
    m_launcher->finish(1, kTransient); // retry due at 12:15, but the 12:10 slot comes first
    m_clock->setNowUtc(utc("2026-01-01T12:10:00"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 2);
    QCOMPARE(toString(m_launcher->launches[1].trigger), toString(JobTrigger::Scheduled));
    m_launcher->finish(1, BackupOutcome::success());
    m_clock->setNowUtc(utc("2026-01-01T12:14:59"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 2); // the old retry is gone
}

void TestScheduler::retryWaitsForNetwork()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    m_launcher->finish(1, kTransient);
    s->setNetworkAvailable(false);
    m_clock->advanceSecs(600);
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    s->setNetworkAvailable(true);
    QCOMPARE(m_launcher->launches.size(), 2);
}

void TestScheduler::pauseAndResume()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    QSignalSpy paused(s, &Scheduler::pausedChanged);
    s->reload();
    s->pause();
    QVERIFY(s->isPaused());
    QCOMPARE(paused.size(), 1);
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    s->tick();
    QVERIFY(m_launcher->launches.isEmpty());
    m_clock->setNowUtc(utc("2026-01-02T02:03:00"));
    s->tick();
    QVERIFY(m_launcher->launches.isEmpty());
    s->resume();
    QCOMPARE(paused.size(), 2);
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger),
             toString(JobTrigger::Scheduled)); // 3 min late: in grace
    m_launcher->finish(1, BackupOutcome::success());

    // Paused over several slots: one catch-up on resume.
    s->pause();
    m_clock->setNowUtc(utc("2026-01-05T09:00:00"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    s->resume();
    QCOMPARE(m_launcher->launches.size(), 2);
    QCOMPARE(toString(m_launcher->launches[1].trigger), toString(JobTrigger::CatchUp));
}

void TestScheduler::runNowWhilePausedAndQueued()
{
    m_source->add(1, QString());
    m_source->add(2, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_source->add(3, QString());
    Scheduler *s = makeScheduler();
    s->setConcurrencyLimit(1);
    s->reload();
    s->pause();
    QVERIFY(s->runNow(1)); // manual ignores pause
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({1}));

    // PBX 2's slot is queued behind PBX 1, then scheduling is paused: it waits...
    s->resume();
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    s->tick();
    QVERIFY(s->isQueued(2));
    s->pause();
    QVERIFY(s->runNow(3));
    m_launcher->finish(1, BackupOutcome::success());
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({3})); // 2 is held by the pause
    QVERIFY(s->isQueued(2));
    // ...until the operator asks for it: it runs as Manual and the slot counts as handled.
    QVERIFY(s->runNow(2));
    QVERIFY(!s->runNow(2));
    m_launcher->finish(3, BackupOutcome::success());
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({2}));
    QCOMPARE(toString(m_launcher->launches.last().trigger), toString(JobTrigger::Manual));
    QCOMPARE(m_source->saved.value(2), utc("2026-01-02T02:00:00"));
}

void TestScheduler::runAllNow()
{
    m_source->add(1, QStringLiteral("0 2 * * *"));
    m_source->add(2, QString());
    m_source->add(3, QStringLiteral("@hourly"));
    Scheduler *s = makeScheduler();
    s->reload();
    QCOMPARE(s->pbxIds(), QVector<qint64>({1, 2, 3}));
    QCOMPARE(s->runAllNow(), 3);
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({1, 2}));
    QCOMPARE(s->queuedCount(), 1);
    QCOMPARE(s->runAllNow(), 0); // already running or queued
    m_launcher->finish(1, BackupOutcome::success());
    QCOMPARE(m_launcher->runningIds(), QVector<qint64>({2, 3}));
    for (const auto &l : m_launcher->launches)
        QCOMPARE(toString(l.trigger), toString(JobTrigger::Manual));
}

void TestScheduler::overdue()
{
    // Daily at 02:00, last success on 1 January at 02:05: overdue once 48 h have passed.
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"),
                  utc("2026-01-01T02:05:00"));
    Scheduler *s = makeScheduler();
    QSignalSpy overdue(s, &Scheduler::overdue);
    s->reload();
    m_clock->setNowUtc(utc("2026-01-02T02:00:30"));
    s->tick();
    m_launcher->finish(1, kFatal);
    m_clock->setNowUtc(utc("2026-01-03T02:00:30"));
    s->tick();
    m_launcher->finish(1, kFatal);
    m_clock->setNowUtc(utc("2026-01-03T02:04:59"));
    s->tick();
    QCOMPARE(overdue.size(), 0);
    QVERIFY(!s->isOverdue(1));
    m_clock->setNowUtc(utc("2026-01-03T02:05:00"));
    s->tick();
    QCOMPARE(overdue.size(), 1);
    QCOMPARE(overdue[0][0].toLongLong(), 1);
    QCOMPARE(overdue[0][1].toDateTime(), utc("2026-01-01T02:05:00"));
    QVERIFY(s->isOverdue(1));
    m_clock->advanceSecs(3600);
    s->tick();
    QCOMPARE(overdue.size(), 1); // once per episode

    QVERIFY(s->runNow(1));
    m_launcher->finish(1, BackupOutcome::success());
    QVERIFY(!s->isOverdue(1));
    m_clock->advanceSecs(24 * 3600);
    s->tick();
    QCOMPARE(overdue.size(), 1);
}

void TestScheduler::clockJumpDetected()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    QSignalSpy jumped(s, &Scheduler::clockJumped);
    s->reload();
    m_clock->advanceSecs(30);
    s->checkClock();
    QCOMPARE(jumped.size(), 0);
    QVERIFY(m_launcher->launches.isEmpty());

    // The machine sleeps for three days: wall clock moves, monotonic clock does not.
    m_clock->jumpSecs(3 * 86400);
    s->checkClock();
    QCOMPARE(jumped.size(), 1);
    QCOMPARE(jumped[0][0].toLongLong(), 3 * 86400);
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::CatchUp));
    m_clock->advanceSecs(30);
    s->checkClock();
    QCOMPARE(jumped.size(), 1);
}

void TestScheduler::scheduleChangeRestartsFromNow()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    m_source->pbxs[0].cron = QStringLiteral("*/10 * * * *");
    s->reload();
    QVERIFY(m_launcher->launches.isEmpty()); // no catch-up of ten-minute slots since 02:00
    QCOMPARE(m_source->saved.value(1), utc("2026-01-01T12:00:00"));
    QCOMPARE(s->nextRun(1), utc("2026-01-01T12:10:00"));
}

void TestScheduler::futureLastSlotIsReset()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2027-06-01T02:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    QCOMPARE(s->nextRun(1), utc("2026-01-02T02:00:00"));
    QCOMPARE(m_source->saved.value(1), utc("2026-01-01T12:00:00"));
}

void TestScheduler::slotHandledElsewhereIsAdopted()
{
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    s->reload();
    // "pbxvault run-due" handled the 2 January slot while the tray app was running.
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    m_source->pbxs[0].lastSlotUtc = utc("2026-01-02T02:00:00");
    s->reload();
    QVERIFY(m_launcher->launches.isEmpty());
    QCOMPARE(s->nextRun(1), utc("2026-01-03T02:00:00"));
}

void TestScheduler::removedPbxIsForgotten()
{
    m_source->add(1, QString());
    m_source->add(2, QString());
    Scheduler *s = makeScheduler();
    s->setConcurrencyLimit(1);
    s->reload();
    QVERIFY(s->runNow(1));
    QVERIFY(s->runNow(2));
    QVERIFY(s->isQueued(2));
    m_source->pbxs.remove(0);
    QSignalSpy finished(s, &Scheduler::jobFinished);
    s->reload();
    QCOMPARE(s->pbxIds(), QVector<qint64>({2}));
    QVERIFY(s->isQueued(2));
    m_source->pbxs.clear();
    s->reload();
    QVERIFY(!s->isQueued(2));
    QCOMPARE(s->queuedCount(), 0);
    m_launcher->finish(1, BackupOutcome::success());
    QCOMPARE(finished.size(), 1); // the running job still reports
    QCOMPARE(m_launcher->launches.size(), 1);
}

void TestScheduler::invalidScheduleIgnored()
{
    m_source->add(1, QStringLiteral("0 25 * * *"));
    Scheduler *s = makeScheduler();
    s->reload();
    QCOMPARE(s->scheduleError(1), QStringLiteral("hour: 25 is out of range 0–23"));
    QVERIFY(!s->nextRun(1).isValid());
    QVERIFY(s->runNow(1));
}

void TestScheduler::synchronousCompletion()
{
    for (qint64 id = 1; id <= 5; ++id)
        m_source->add(id, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    m_clock->setNowUtc(utc("2026-01-02T02:00:00"));
    m_launcher->completeImmediately = true;
    Scheduler *s = makeScheduler();
    QSignalSpy finished(s, &Scheduler::jobFinished);
    QSignalSpy idle(s, &Scheduler::idle);
    s->reload();
    QCOMPARE(m_launcher->launchedIds(), QVector<qint64>({1, 2, 3, 4, 5}));
    QCOMPARE(finished.size(), 5);
    QCOMPARE(s->runningCount(), 0);
    QCOMPARE(idle.size(), 1);
}

void TestScheduler::staleCompletionIgnored()
{
    m_source->add(1, QString());
    Scheduler *s = makeScheduler();
    QSignalSpy finished(s, &Scheduler::jobFinished);
    s->reload();
    QVERIFY(s->runNow(1));
    const BackupLauncher::Completion first = m_launcher->launches[0].done;
    m_launcher->finish(1, BackupOutcome::success());
    QVERIFY(s->runNow(1));
    QTest::ignoreMessage(QtWarningMsg, "ignoring a second or stale completion for PBX 1");
    first(BackupOutcome::success()); // the first job calling back twice
    QCOMPARE(finished.size(), 1);
    QVERIFY(s->isRunning(1));
    // A completion after the scheduler is gone is harmless.
    delete m_scheduler;
    m_scheduler = nullptr;
    m_launcher->finish(1, BackupOutcome::success());
}

void TestScheduler::dstScheduleInRome()
{
    // Daily at 02:30 across the spring-forward night: runs once, at 03:00 CEST.
    m_source->add(1, QStringLiteral("30 2 * * *"), utc("2026-03-28T01:30:00"));
    m_clock->setNowUtc(utc("2026-03-28T12:00:00"));
    Scheduler *s = makeScheduler();
    s->setTimeZone(QTimeZone(QByteArrayLiteral("Europe/Rome")));
    s->reload();
    QCOMPARE(s->nextRun(1), utc("2026-03-29T01:00:00"));
    m_clock->setNowUtc(utc("2026-03-29T01:00:10"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(toString(m_launcher->launches[0].trigger), toString(JobTrigger::Scheduled));
    m_launcher->finish(1, BackupOutcome::success());
    m_clock->setNowUtc(utc("2026-03-29T12:00:00"));
    s->tick();
    QCOMPARE(m_launcher->launches.size(), 1);
    QCOMPARE(s->nextRun(1), utc("2026-03-30T00:30:00"));
}

void TestScheduler::startedSchedulerTicksFromItsTimers()
{
    // The production wiring: after start(), the periodic clock check notices the slot
    // (here the wall clock is moved by hand, as after a resume) without anyone calling tick().
    m_source->add(1, QStringLiteral("0 2 * * *"), utc("2026-01-01T02:00:00"));
    Scheduler *s = makeScheduler();
    s->setClockCheckIntervalMs(1000);
    s->start();
    QVERIFY(s->isStarted());
    QVERIFY(m_launcher->launches.isEmpty());
    QSignalSpy started(s, &Scheduler::jobStarted);
    m_clock->setNowUtc(utc("2026-01-02T02:00:05"));
    QVERIFY(started.wait(5000));
    QCOMPARE(m_launcher->launches.size(), 1);
    s->stop();
    QVERIFY(!s->isStarted());
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_schedule_scheduler.moc"
