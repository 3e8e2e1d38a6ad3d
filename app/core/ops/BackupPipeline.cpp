#include "BackupPipeline.h"

#include "BackupFlow.h"
#include "JobLog.h"
#include "Operations.h"
#include "Vault.h"
#include "schedule/RetentionPolicy.h"

namespace pbxvault {

BackupPipeline::BackupPipeline(Vault &vault, JobLog &log, const PbxRecord &pbx, JobTrigger trigger,
                               const QString &comment, Job *job, int stallTimeoutMs,
                               const Clock &clock)
    : QObject(job), m_vault(vault), m_log(log), m_pbx(pbx), m_trigger(trigger), m_comment(comment),
      m_job(job), m_stallTimeoutMs(stallTimeoutMs), m_clock(clock)
{}

BackupPipeline::~BackupPipeline()
{
    if (m_locked)
        m_vault.catalog().unlockPbx(m_pbx.id, Catalog::lockOwnerId());
}

void BackupPipeline::start()
{
    const bool fetch = !m_remoteName.isNull();
    const JobKind kind = fetch ? JobKind::Fetch : JobKind::Backup;
    const QString detail = fetch ? Operations::displayName(m_remoteName) : QString();
    if (!m_vault.catalog().tryLockPbx(m_pbx.id, Catalog::lockOwnerId(), m_clock.nowUtc())) {
        const JobFailure busy =
            JobFailure::of(JobError::Locked, ErrorMessage("job.locked").arg(m_pbx.name));
        // The attempt shows in Activity even though it never started.
        m_logId = m_log.begin(kind, m_trigger, m_pbx.id, m_pbx.name, detail);
        finish(busy);
        return;
    }
    m_locked = true;
    m_logId = m_log.begin(kind, m_trigger, m_pbx.id, m_pbx.name, detail);
    const BackupOrigin origin = fetch                             ? BackupOrigin::Fetched
                                : m_trigger == JobTrigger::Manual ? BackupOrigin::Manual
                                : m_trigger == JobTrigger::Safety ? BackupOrigin::Safety
                                                                  : BackupOrigin::Scheduled;
    m_flow = new BackupFlow(m_vault, m_pbx, origin, m_comment, m_job, m_stallTimeoutMs, m_clock);
    m_flow->setParent(this);
    if (fetch)
        m_flow->setRemoteName(m_remoteName);
    connect(m_job, &Job::cancelRequested, m_flow, &BackupFlow::cancel);
    connect(m_flow, &BackupFlow::verifying, this, [this](const QString &file) {
        m_verifyLogId = m_log.begin(JobKind::Verify, m_trigger, m_pbx.id, m_pbx.name, file);
    });
    connect(m_flow, &BackupFlow::verified, this, [this](const VerifyReport &report) {
        const bool intact = report.state == VerifyState::Intact;
        m_log.end(m_verifyLogId, intact ? JobOutcome::Success : JobOutcome::Failed, report.size,
                  intact ? QString() : report.message,
                  intact                                      ? JobError::None
                  : report.state == VerifyState::ChecksumOnly ? JobError::Unreadable
                                                              : JobError::Corrupt,
                  intact ? ErrorMessage() : report.coded);
    });
    connect(m_flow, &BackupFlow::done, this, &BackupPipeline::onFlowDone);
    m_flow->start();
}

void BackupPipeline::onFlowDone(qint64 backupId, const JobFailure &failure)
{
    if (backupId <= 0) {
        finish(failure);
        return;
    }
    if (m_job)
        m_job->setBackupId(backupId);
    Q_EMIT backupsChanged();
    // Not after a fetch: an operator fetching old backups from the PBX would see them (or the
    // newest backups, as a fetched one is dated when fetched) deleted at once. The next
    // backup of the PBX applies its rules to everything, fetched backups included.
    if (m_remoteName.isNull())
        applyRetention();
    finish();
}

void BackupPipeline::applyRetention()
{
    // Re-read: the rules may have changed while the backup ran.
    const std::optional<PbxRecord> pbx = m_vault.catalog().pbx(m_pbx.id);
    RetentionRules rules;
    if (pbx) {
        rules.keepLast = pbx->keepLast;
        rules.keepDays = pbx->keepDays;
    }
    if (!rules.isActive())
        return;
    const QVector<RetentionDeletion> deletions = RetentionPolicy::backupsToDelete(
        m_vault.catalog().backups(m_pbx.id), rules, m_clock.nowUtc());
    int deleted = 0;
    for (const RetentionDeletion &deletion : deletions) {
        const std::optional<BackupRecord> backup = m_vault.catalog().backup(deletion.backupId);
        if (!backup)
            continue;
        const qint64 logId = m_log.begin(JobKind::Retention, m_trigger, m_pbx.id, m_pbx.name,
                                         tr("%1: %2").arg(backup->filename, deletion.reason));
        // The local copy only: the copy the PBX keeps of its own backups is the PBX's business.
        QString error;
        JobError kind = JobError::None;
        if (!m_vault.store().removeFile(backup->path, &error))
            kind = JobError::Disk;
        else if (!m_vault.catalog().removeBackup(backup->id))
            kind = JobError::Catalog, error = m_vault.catalog().lastError();
        if (kind == JobError::None) {
            ++deleted;
            m_log.end(logId, JobOutcome::Success, backup->size);
            qCInfo(lcOps).noquote()
                << QStringLiteral("retention deleted %1 of %2").arg(backup->filename, m_pbx.name);
        } else {
            m_log.end(logId, JobOutcome::Failed, 0, error, kind);
            qCWarning(lcOps).noquote() << QStringLiteral("retention could not delete %1 of %2: %3")
                                              .arg(backup->filename, m_pbx.name, error);
        }
    }
    if (m_job)
        m_job->setRetentionDeleted(deleted);
    if (deleted > 0)
        Q_EMIT backupsChanged();
}

void BackupPipeline::finish(const JobFailure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_locked) {
        m_vault.catalog().unlockPbx(m_pbx.id, Catalog::lockOwnerId());
        m_locked = false;
    }
    if (m_job) {
        if (failure.isError())
            m_job->fail(failure);
        else
            m_job->succeed();
        m_log.end(m_logId, *m_job);
        qCInfo(lcOps) << (m_remoteName.isNull() ? "Backup of PBX" : "Fetch from PBX") << m_pbx.id
                      << (m_job->ok() ? "succeeded" : "failed:") << m_job->errorMessage();
    }
    Q_EMIT finished();
}

} // namespace pbxvault
