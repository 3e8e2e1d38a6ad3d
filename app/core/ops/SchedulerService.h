#pragma once

#include "common/Records.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <memory>

namespace pbxvault {

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
    // clock: nullptr = the Operations' clock. Not owned.
    SchedulerService(Operations &ops, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~SchedulerService() override;

    Scheduler &scheduler();

    void setConcurrencyLimit(int jobs);                    // Settings "concurrent jobs"
    void setRetryPolicy(int maxAttempts, qint64 baseSecs); // default 3 tries, 60 s
    // How often start()ed schedules are re-read from the catalog, so that PBXs and schedules
    // changed by another process (the CLI, a second instance) are picked up. Default 30 s;
    // changes made through this process's Operations are picked up at once.
    void setReloadIntervalMs(int ms);
    void start();  // loads PBXs, arms timers
    void stop();   // no new jobs; running ones go on
    void reload(); // PBXs or schedules changed
    // Pauses automatic jobs (slots and their retries); backUpNow() still works. Not persisted:
    // the caller keeps AppSettings::schedulingPaused.
    void pause();
    void resume();
    bool isPaused() const; // paused by the user
    // Another process (tray app, daemon) already schedules this data directory: scheduled
    // runs are left to it, manual backups still run here, and this one takes over when that
    // process exits (checked at every reload).
    bool isStandingBy() const;
    QString schedulingOwner() const; // who, when standing by (translated)

    // Manual "back up now" through the same limits; false when refused (unknown, running).
    bool backUpNow(qint64 pbxId);
    int backUpAllNow();

    // Queues what is due now (missed slots as one catch-up each) and emits drained() once
    // nothing runs and nothing can start: `pbxvault run-due`. Use it instead of start(), on a
    // service that was not started: slots falling due meanwhile are left for the next run,
    // retries of the due jobs still happen (with the retry policy's delays). Each due slot is
    // claimed in the catalog first, as the resident scheduler does (slotSkipped() when another
    // scheduler has it), and the claims of schedulers that died holding them are taken over
    // and run; the claims are renewed while the run lasts and finished with each outcome.
    void runDueOnce();
    // Asks running jobs to cancel; drained() follows when they have ended.
    void cancelAll();

    int runningCount() const;
    bool lastJobFailed() const; // the most recent finished job of this process failed
    QDateTime nextRun(qint64 pbxId) const;
    QDateTime nextScheduledRun() const;

Q_SIGNALS:
    // A backup job was created (once per attempt). The job finishes before jobFinished():
    // verification and retention follow it; the service deletes it after it has finished.
    void jobStarted(qint64 pbxId, pbxvault::JobTrigger trigger, pbxvault::Job *job);
    // ok=false carries the operator-readable reason; final outcome after retries, emitted
    // once the new backup has been verified and retention applied. A backup that does not
    // verify is a failure. A cancelled job finishes with ok=false but lastJobFailed() stays
    // false.
    void jobFinished(qint64 pbxId, const QString &pbxName, pbxvault::JobTrigger trigger, bool ok,
                     const QString &message);
    void retryScheduled(qint64 pbxId, const QString &pbxName, const QDateTime &atUtc,
                        const QString &message);
    void overdue(qint64 pbxId, const QString &pbxName, const QDateTime &lastSuccessUtc);
    // runDueOnce(): a due slot is not run here, another scheduler (a daemon on this or another
    // machine) handles it or still runs an earlier slot of the PBX.
    void slotSkipped(qint64 pbxId, const QString &pbxName);
    void activityChanged(); // running count, pause state or last outcome changed (tray icon)
    // Nothing running, nothing startable and (unless stopped) no retry waiting; emitted once
    // after each busy spell, after cancelAll() and after runDueOnce().
    void drained();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
