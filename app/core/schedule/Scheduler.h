#pragma once

#include "common/Clock.h"
#include "schedule/CronExpression.h"
#include "schedule/SchedulerInterfaces.h"

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QTimeZone>
#include <QTimer>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcSchedule)

// Decides which backups run when: cron slots per PBX, catch-up of missed slots, a concurrency
// limit with a FIFO queue, one job per PBX at a time, retries of transient failures with
// exponential backoff, pause/resume, waiting for the network, and the overdue warning.
// It knows nothing of the network or the catalog: PBXs come from a ScheduleSource and
// backups are started through a BackupLauncher.
//
// Every decision is taken in tick(), against clock->nowUtc(). Tests call tick() after moving
// a ManualClock; after start(), timers call it at the next due time and a periodic check
// compares wall-clock and monotonic time to notice a suspend/resume or a clock change
// (QTimer does not count time spent asleep).
//
// Slots and triggers:
// - A slot is due when it is <= now. It is marked handled (ScheduleSource::setLastSlot) when
//   its job starts, so a slot still queued when the app quits runs at the next start.
// - Trigger Scheduled when exactly one slot is due and it is at most catchUpGrace late;
//   otherwise (several slots missed, or one missed by more than the grace) the PBX is backed
//   up ONCE with trigger CatchUp and the latest missed slot is marked handled.
// - A PBX seen for the first time with no handled slot starts from now (persisted), so
//   nothing before that is owed. A schedule changed while running also restarts from now.
// - Automatic jobs (Scheduled, CatchUp and retries) wait while paused or while the network is
//   unavailable; the slot stays pending and runs, as a catch-up if late, once allowed.
//   Manual jobs ignore pause (the operator asked) but their retries wait for the network.
// - While a PBX's job runs, its next due slot waits and is not doubled; runNow() on it is
//   refused.
// - A transient failure is retried after base * 2^(n-1) seconds (n = attempts so far) until
//   maxAttempts; a non-transient failure is final at once. A new slot falling due while a
//   retry waits replaces the retry.
// - Several schedulers may share one source (daemons on several machines, one catalog): a
//   slot's job starts only once its claim succeeds (ScheduleSource::claimSlot); a slot handled
//   elsewhere is skipped here. The claim is held through retries and finished with the final
//   outcome. Every claimRenewalIntervalMs the scheduler renews its claims and runs, as
//   catch-ups, the slots of schedulers that died holding them.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    // None of the three are owned; they must outlive the scheduler.
    Scheduler(ScheduleSource *source, BackupLauncher *launcher, const Clock *clock,
              QObject *parent = nullptr);
    ~Scheduler() override;

    void setTimeZone(const QTimeZone &zone); // default: the system zone
    QTimeZone timeZone() const { return m_zone; }
    void setConcurrencyLimit(int jobs); // default 2, at least 1
    int concurrencyLimit() const { return m_concurrencyLimit; }
    void setRetryPolicy(int maxAttempts, qint64 baseDelaySecs); // default 3 tries, 60 s
    int maxAttempts() const { return m_maxAttempts; }
    qint64 retryBaseDelaySecs() const { return m_retryBaseDelaySecs; }
    void setCatchUpGraceSecs(qint64 secs); // default 600
    void setClockCheckIntervalMs(int ms);  // default 30000; takes effect at start()

    // Loads the PBXs, starts the timers and ticks. stop() stops the timers; running jobs go on.
    void start();
    void stop();
    bool isStarted() const { return m_started; }
    // Re-reads the source after PBXs or schedules changed.
    void reload();
    // Takes every decision due at clock->nowUtc().
    void tick();
    // Renews this scheduler's claims and runs the slots of schedulers that died holding
    // theirs; a timer calls it every ScheduleSource::claimRenewalIntervalMs() once started.
    void renewClaims();
    // The periodic check: ticks on a clock jump (suspend/resume, clock set) or when due.
    void checkClock();

    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    void setNetworkAvailable(bool available);
    bool isNetworkAvailable() const { return m_networkAvailable; }

    // Queues a Manual backup, under the same limits. False when the PBX is unknown, already
    // running, or already queued as Manual. A PBX queued by the schedule is turned Manual.
    bool runNow(qint64 pbxId);
    int runAllNow(); // returns how many were queued

    QVector<qint64> pbxIds() const;
    // The next slot not yet handled (UTC): in the future, or in the past while it waits for
    // a running job, the network or resume. Invalid without a valid schedule.
    QDateTime nextRun(qint64 pbxId) const;
    QDateTime nextScheduledRun() const;        // earliest over all PBXs, for the tray menu
    QString scheduleError(qint64 pbxId) const; // why a schedule was ignored, empty if fine
    bool isRunning(qint64 pbxId) const { return m_running.contains(pbxId); }
    bool isQueued(qint64 pbxId) const;
    bool isOverdue(qint64 pbxId) const;
    int runningCount() const { return int(m_running.size()); }
    int queuedCount() const { return int(m_queue.size()); }
    // Nothing running, and nothing queued that could start now.
    bool isIdle() const;

Q_SIGNALS:
    void jobQueued(qint64 pbxId, pbxvault::JobTrigger trigger);
    void jobStarted(qint64 pbxId, pbxvault::JobTrigger trigger, int attempt);
    // A slot another scheduler had claimed and left unfinished is run here.
    void claimTakenOver(qint64 pbxId, const QDateTime &slotUtc);
    // A transient failure that will be retried at atUtc (attempt = the number it will be).
    void retryScheduled(qint64 pbxId, pbxvault::JobTrigger trigger, int attempt,
                        const QDateTime &atUtc, const QString &message);
    // The final outcome: success, a non-transient failure or the last attempt failing.
    void jobFinished(qint64 pbxId, pbxvault::JobTrigger trigger, bool ok, const QString &message);
    void nextRunChanged(qint64 pbxId, const QDateTime &nextUtc);
    // No successful backup for twice the schedule's interval; once per episode.
    void overdue(qint64 pbxId, const QDateTime &lastSuccessUtc);
    void pausedChanged(bool paused);
    // The wall clock moved this many seconds more (or less) than monotonic time.
    void clockJumped(qint64 secs);
    void idle();

private:
    struct PbxState
    {
        ScheduledPbx info;
        CronExpression cron;
        QString cronError;
        QDateTime nextSlot; // first slot after the handled one
        QDateTime firstSeen;
        QDateTime lastSuccess;
        int retryAttempt = 0; // >0: a retry is waiting, this will be its attempt number
        JobTrigger retryTrigger = JobTrigger::Scheduled;
        QDateTime retryAt;
        QDateTime overdueBase; // the instant the overdue deadline was computed from
        QDateTime overdueDeadline;
        bool overdueSignalled = false;
        bool claimOpen = false; // this scheduler holds the claim of its current slot
    };
    struct QueuedJob
    {
        qint64 pbxId = 0;
        JobTrigger trigger = JobTrigger::Manual;
        int attempt = 1;
        bool forSlot = false; // started by the schedule: marks slots handled when it starts
    };
    struct RunningJob
    {
        quint64 token = 0;
        JobTrigger trigger = JobTrigger::Manual;
        int attempt = 1;
    };

    void evaluate(const QDateTime &now);
    void dispatch();
    bool startJob(QueuedJob job, const QDateTime &now); // false: handled elsewhere
    void finishClaim(qint64 pbxId, PbxState &s);
    void adoptAbandoned(const AbandonedSlot &slot);
    void onJobDone(qint64 pbxId, quint64 token, const BackupOutcome &outcome);
    void enqueue(const QueuedJob &job);
    bool canStart(const QueuedJob &job) const;
    bool automaticAllowed() const { return !m_paused && m_networkAvailable; }
    JobTrigger slotTrigger(const PbxState &s, const QDateTime &latest, const QDateTime &now) const;
    QDateTime latestSlotAtOrBefore(const PbxState &s, const QDateTime &now) const;
    void markHandled(qint64 pbxId, PbxState &s, const QDateTime &slot);
    void updateOverdue(qint64 pbxId, PbxState &s, const QDateTime &now);
    QDateTime nextWakeUp() const;
    void rearm();
    void maybeEmitIdle();
    qint64 retryDelaySecs(int failedAttempts) const;

    ScheduleSource *m_source;
    BackupLauncher *m_launcher;
    const Clock *m_clock;
    QTimeZone m_zone;
    int m_concurrencyLimit = 2;
    int m_maxAttempts = 3;
    qint64 m_retryBaseDelaySecs = 60;
    qint64 m_catchUpGraceSecs = 600;
    int m_clockCheckIntervalMs = 30000;

    QHash<qint64, PbxState> m_pbxs;
    QVector<qint64> m_order; // the source's order
    QList<QueuedJob> m_queue;
    QHash<qint64, RunningJob> m_running;
    quint64 m_nextToken = 1;
    bool m_paused = false;
    bool m_networkAvailable = true;
    bool m_started = false;
    bool m_inTick = false;
    bool m_tickAgain = false;
    bool m_dispatching = false;
    bool m_wasBusy = false;

    QTimer m_dueTimer;
    QTimer m_clockCheckTimer;
    QTimer m_claimTimer;
    qint64 m_lastWallMs = 0;
    qint64 m_lastMonotonicMs = 0;
};

} // namespace pbxvault
