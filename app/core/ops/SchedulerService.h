#pragma once

#include "common/Records.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <memory>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcScheduler)

class Operations;
class Scheduler;
class Clock;
class Job;

// The periodic-backup engine as the tray app and the daemon use it: the Scheduler fed from
// the catalog, backups started through Operations (which takes the cross-process PBX lock),
// retention applied and the new backup verified after each success, every step in the job
// log. The GUI, `pbxvault daemon` and `pbxvault run-due` all drive this one class.
class SchedulerService : public QObject
{
    Q_OBJECT
public:
    // clock: nullptr = the system clock. Not owned.
    SchedulerService(Operations &ops, Clock *clock = nullptr, QObject *parent = nullptr);
    ~SchedulerService() override;

    Scheduler &scheduler();

    void setConcurrencyLimit(int jobs);                     // Settings "concurrent jobs"
    void setRetryPolicy(int maxAttempts, qint64 baseSecs); // default 3 tries, 60 s
    void start();                                           // loads PBXs, arms timers
    void stop();                                            // no new jobs; running ones go on
    void reload();                                          // PBXs or schedules changed
    void pause();
    void resume();
    bool isPaused() const;

    // Manual "back up now" through the same limits; false when refused (unknown, running).
    bool backUpNow(qint64 pbxId);
    int backUpAllNow();

    // Queues what is due now (missed slots as one catch-up each) and emits drained() once
    // nothing runs and nothing can start: `pbxvault run-due`.
    void runDueOnce();
    // Asks running jobs to cancel; drained() follows when they have ended.
    void cancelAll();

    int runningCount() const;
    bool lastJobFailed() const; // the most recent finished job of this process failed
    QDateTime nextRun(qint64 pbxId) const;
    QDateTime nextScheduledRun() const;

Q_SIGNALS:
    void jobStarted(qint64 pbxId, pbxvault::JobTrigger trigger, pbxvault::Job *job);
    // ok=false carries the operator-readable reason; final outcome after retries.
    void jobFinished(qint64 pbxId, const QString &pbxName, pbxvault::JobTrigger trigger, bool ok,
                     const QString &message);
    void retryScheduled(qint64 pbxId, const QString &pbxName, const QDateTime &atUtc,
                        const QString &message);
    void overdue(qint64 pbxId, const QString &pbxName, const QDateTime &lastSuccessUtc);
    void activityChanged(); // running count, pause state or last outcome changed (tray icon)
    void drained();         // nothing running and nothing startable

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
