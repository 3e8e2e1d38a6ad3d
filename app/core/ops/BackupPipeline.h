#pragma once

#include "common/Clock.h"

#include "common/Records.h"
#include "ops/Job.h"
#include "ops/JobHooks.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace pbxvault {

class BackupFlow;
class JobLog;
class OffsiteCopier;
class Vault;

// One run of the backup pipeline for one PBX, once Operations gave it a slot: takes the PBX lock
// (refused: JobError::Locked) → download and verification (BackupFlow) → comparison with the
// previous backup (on a worker thread; the count is stored with Catalog::setChanges) → for a
// scheduled backup equal to the previous one, when the PBX keeps only backups that differ, the
// new backup is deleted again (JobOutcome::Unchanged) → otherwise retention with the PBX's
// rules → copies to the off-site targets (OffsiteCopier) → releases the lock. Writes the backup row
// of the job log, a verify row and one retention row per deleted backup. Finishes the job, then
// emits finished().
class BackupPipeline : public QObject
{
    Q_OBJECT
public:
    BackupPipeline(Vault &vault, JobLog &log, const PbxRecord &pbx, JobTrigger trigger,
                   const QString &comment, Job *job, int stallTimeoutMs, const Clock &clock);
    ~BackupPipeline() override;
    // Fetch mode: download the PBX's own backup of that name instead of creating one; the
    // job log row is a JobKind::Fetch, the backup's origin Fetched, and retention is not
    // applied (see onFlowDone()). Call before start().
    void setRemoteName(const QString &remoteName) { m_remoteName = remoteName; }
    // The operator's pre- and post-backup hooks. A failing pre-backup hook skips the backup;
    // post-backup hooks run before the job ends, the PBX still locked. Call before start().
    void setHookPlanner(const HookPlanner &planner) { m_hookPlanner = planner; }
    void start();

Q_SIGNALS:
    void backupsChanged();
    void finished();

private:
    void startFlow();
    HookContext hookContext(HookEvent event) const;
    struct Comparison
    {
        bool ok = false;
        int changes = -1;
        QString error;
    };

    void onFlowDone(qint64 backupId, const JobFailure &failure);
    void compareWithPrevious(qint64 backupId);
    void onCompared(const BackupRecord &backup, const BackupRecord &previous,
                    const Comparison &comparison);
    bool discardUnchanged(const BackupRecord &backup, const BackupRecord &previous);
    void afterComparison();
    void applyRetention();
    void copyOffsite();
    void finish(const JobFailure &failure = {});

    Vault &m_vault;
    JobLog &m_log;
    PbxRecord m_pbx;
    JobTrigger m_trigger;
    QString m_comment;
    QString m_remoteName; // fetch mode when not null
    QPointer<Job> m_job;
    int m_stallTimeoutMs;
    const Clock &m_clock;
    QPointer<BackupFlow> m_flow;
    QPointer<OffsiteCopier> m_copier;
    qint64 m_logId = 0;
    qint64 m_verifyLogId = 0;
    bool m_locked = false;
    bool m_finished = false;
    HookPlanner m_hookPlanner;
    bool m_flowStarted = false;
    bool m_postHooksRun = false;
};

} // namespace pbxvault
