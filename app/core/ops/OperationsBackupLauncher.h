#pragma once

#include "schedule/RetentionPolicy.h"
#include "schedule/SchedulerInterfaces.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace pbxvault {

class Clock;
class Job;
class Operations;

// Runs the scheduler's backups through Operations::backupPbx(), the one backup pipeline
// (download, verification, retention, job log, PBX lock), and reports each outcome to the
// scheduler, telling transient failures (worth a retry) from final ones.
class OperationsBackupLauncher : public QObject, public BackupLauncher
{
    Q_OBJECT
public:
    OperationsBackupLauncher(Operations &ops, const Clock *clock, QObject *parent = nullptr);
    ~OperationsBackupLauncher() override;

    // Maps the trigger the scheduler asks for to the one recorded in the catalog and the job
    // log (`run-due` runs its due slots as the scheduler's manual jobs). Called once per launch,
    // when the launch begins.
    using TriggerMap = std::function<JobTrigger(qint64 pbxId, JobTrigger requested)>;
    void setTriggerMap(TriggerMap map) { m_triggerMap = std::move(map); }

    void launch(qint64 pbxId, JobTrigger trigger, Completion done) override;
    // Asks every launch in flight to stop: the running step is cancelled, no further step runs.
    void cancelAll();
    int inFlight() const { return int(m_runs.size()); }
    // The outcome last reported for this PBX was a cancellation (not a failure).
    bool lastWasCancelled(qint64 pbxId) const { return m_cancelled.contains(pbxId); }

    // Classifies a failed backup job by its JobError: worth retrying (network, timeouts, 5xx,
    // PBX busy or locked by another process) or final (credentials, certificates, clock skew,
    // keychain, disk, a damaged answer).
    static bool isTransientFailure(const Job &job);

Q_SIGNALS:
    // The backup job of a launch exists; it finishes before the launch does.
    void backupStarted(qint64 pbxId, pbxvault::JobTrigger trigger, pbxvault::Job *job);
    // A launch has reported its outcome to the scheduler.
    void launchEnded(qint64 pbxId);

private:
    struct Run;
    using RunPtr = std::shared_ptr<Run>;

    void onBackupFinished(const RunPtr &run, Job *job);
    void complete(const RunPtr &run, const BackupOutcome &outcome);

    Operations &m_ops;
    const Clock *m_clock;
    TriggerMap m_triggerMap;
    QHash<qint64, RunPtr> m_runs;
    QSet<qint64> m_cancelled;
    // When an automatic backup was last refused because another job held the PBX: a backup
    // that succeeded after that (a CLI `backup`, another instance) satisfies its retry.
    QHash<qint64, QDateTime> m_refusedAt;
};

} // namespace pbxvault
