#pragma once

#include "common/Clock.h"

#include "common/Records.h"
#include "ops/Job.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace pbxvault {

class BackupFlow;
class JobLog;
class Vault;

// One run of the backup pipeline for one PBX, once Operations gave it a slot: takes the PBX lock
// (refused: JobError::Locked) → download and verification (BackupFlow) → retention with the
// PBX's rules → releases the lock. Writes the backup row of the job log, a verify row and one
// retention row per deleted backup. Finishes the job, then emits finished().
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
    void start();

Q_SIGNALS:
    void backupsChanged();
    void finished();

private:
    void onFlowDone(qint64 backupId, const JobFailure &failure);
    void applyRetention();
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
    qint64 m_logId = 0;
    qint64 m_verifyLogId = 0;
    bool m_locked = false;
    bool m_finished = false;
};

} // namespace pbxvault
