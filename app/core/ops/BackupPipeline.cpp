#include "BackupPipeline.h"

#include "BackupFlow.h"
#include "JobLog.h"
#include "OffsiteCopies.h"
#include "Operations.h"
#include "Vault.h"
#include "diff/ArchiveDiff.h"
#include "schedule/RetentionPolicy.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

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
    JobHooks::run(m_hookPlanner, m_log, m_trigger, m_pbx, hookContext(HookEvent::PreBackup), m_job,
                  this, [this](bool ok, const ErrorMessage &failure) {
                      if (m_job && m_job->cancelRequestedFlag())
                          finish(
                              JobFailure::of(JobError::Cancelled, ErrorMessage("job.cancelled")));
                      else if (!ok)
                          finish(JobFailure::of(JobError::Failed,
                                                ErrorMessage("job.skipped_by_hook").arg(failure)));
                      else
                          startFlow();
                  });
}

HookContext BackupPipeline::hookContext(HookEvent event) const
{
    HookContext context;
    context.event = event;
    context.pbxName = m_pbx.name;
    context.pbxUrl = m_pbx.url;
    context.tenant = m_pbx.tenant;
    context.jobId = m_logId;
    context.workingDirectory = m_vault.dataDir();
    return context;
}

void BackupPipeline::startFlow()
{
    const bool fetch = !m_remoteName.isNull();
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
    m_flowStarted = true;
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
    compareWithPrevious(backupId);
}

// Fetched backups are compared too: it costs what comparing a created one costs (one streamed
// read of each archive), and their count is against the backup listed before them, as for any
// other. Only scheduled backups are ever discarded (see onCompared()).
void BackupPipeline::compareWithPrevious(qint64 backupId)
{
    Catalog &catalog = m_vault.catalog();
    const std::optional<BackupRecord> backup = catalog.backup(backupId);
    const std::optional<BackupRecord> previous =
        backup ? catalog.previousBackup(*backup) : std::nullopt;
    if (!backup || !previous) {
        afterComparison(); // the first backup of the PBX: nothing to compare with
        return;
    }
    // A previous backup known to be damaged or gone would only make the comparison fail. Its
    // file gone, the new backup may even have been stored under the same name in its place.
    if (previous->verified == VerifyState::Corrupt || previous->verified == VerifyState::Missing ||
        !QFileInfo::exists(previous->path) ||
        QFileInfo(previous->path) == QFileInfo(backup->path)) {
        qCInfo(lcOps).noquote() << QStringLiteral("backup %1 of %2 not compared: the previous "
                                                  "backup %3 is damaged or missing")
                                       .arg(backup->id)
                                       .arg(m_pbx.name)
                                       .arg(previous->id);
        afterComparison();
        return;
    }
    if (m_job)
        m_job->setStage(tr("Comparing with the previous backup…"));
    auto *watcher = new QFutureWatcher<Comparison>(this);
    connect(watcher, &QFutureWatcher<Comparison>::finished, this,
            [this, watcher, backup = *backup, previous = *previous] {
                watcher->deleteLater();
                onCompared(backup, previous, watcher->result());
            });
    // Seconds for a big archive: off the thread that runs the window.
    const VaultKey key = m_vault.key() ? *m_vault.key() : VaultKey();
    watcher->setFuture(QtConcurrent::run([oldPath = previous->path, newPath = backup->path, key] {
        ArchiveDiff diff(oldPath, newPath);
        diff.setKey(key);
        Comparison comparison;
        comparison.ok = diff.countChanges(&comparison.changes);
        if (!comparison.ok)
            comparison.error = diff.errorString();
        return comparison;
    }));
}

void BackupPipeline::onCompared(const BackupRecord &backup, const BackupRecord &previous,
                                const Comparison &comparison)
{
    if (!comparison.ok) {
        // Never fails the backup: its count stays unknown.
        qCWarning(lcOps).noquote()
            << QStringLiteral("backup %1 of %2 could not be compared with backup %3: %4")
                   .arg(backup.id)
                   .arg(m_pbx.name)
                   .arg(previous.id)
                   .arg(comparison.error);
        afterComparison();
        return;
    }
    if (!m_vault.catalog().setChanges(backup.id, comparison.changes, previous.id)) {
        qCWarning(lcOps).noquote() << QStringLiteral("cannot store the changes of backup %1: %2")
                                          .arg(backup.id)
                                          .arg(m_vault.catalog().lastError());
    } else {
        if (m_job)
            m_job->setChanges(comparison.changes);
        Q_EMIT backupsChanged();
    }
    // Re-read: the option may have changed while the backup ran.
    const std::optional<PbxRecord> pbx = m_vault.catalog().pbx(m_pbx.id);
    const bool automatic = m_trigger == JobTrigger::Scheduled || m_trigger == JobTrigger::CatchUp;
    // Only against a backup known intact: an unverified one might not be a copy worth keeping
    // in place of this one.
    if (comparison.changes == 0 && automatic && m_remoteName.isNull() && pbx &&
        pbx->keepOnlyChanged && backup.verified == VerifyState::Intact &&
        previous.verified == VerifyState::Intact && discardUnchanged(backup, previous)) {
        finish(); // no retention: the backups are the ones there were before this job
        return;
    }
    afterComparison();
}

bool BackupPipeline::discardUnchanged(const BackupRecord &backup, const BackupRecord &previous)
{
    QString error;
    JobError kind = JobError::None;
    if (!m_vault.removeBackup(backup, &kind, &error)) {
        // Kept, then: an extra copy is harmless, and the job still succeeded.
        qCWarning(lcOps).noquote()
            << QStringLiteral("cannot discard the unchanged backup %1 of %2: %3")
                   .arg(backup.filename, m_pbx.name, error);
        return false;
    }
    qCInfo(lcOps).noquote() << QStringLiteral("backup %1 of %2 equals backup %3 and was discarded")
                                   .arg(backup.filename, m_pbx.name)
                                   .arg(previous.id);
    if (m_job) {
        m_job->setBackupId(0);
        m_job->setUnchangedSince(previous.id);
    }
    Q_EMIT backupsChanged();
    return true;
}

void BackupPipeline::afterComparison()
{
    // Not after a fetch: an operator fetching old backups from the PBX would see them (or the
    // newest backups, as a fetched one is dated when fetched) deleted at once. The next
    // backup of the PBX applies its rules to everything, fetched backups included.
    if (m_remoteName.isNull())
        applyRetention();
    copyOffsite();
}

void BackupPipeline::copyOffsite()
{
    if (m_vault.catalog().copyTargets().isEmpty()) {
        finish();
        return;
    }
    // With the PBX still locked: retention in another process cannot delete a file being
    // copied. A failed copy leaves the backup good; the job says so and the next run retries.
    m_copier = new OffsiteCopier(m_vault, m_log, m_trigger, this);
    m_copier->run(m_pbx, m_job ? m_job->backupId() : 0, m_job,
                  [this](const OffsiteCopier::Summary &summary) {
                      if (m_job)
                          m_job->setCopies(summary.copied, summary.failed, summary.firstError);
                      finish();
                  });
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
        if (m_vault.removeBackup(*backup, &kind, &error)) {
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
    // Post-backup hooks follow a backup that was attempted (not one refused, skipped by a
    // pre-backup hook or cancelled before it began). They run before the job ends, so a program
    // waiting for the job (the command line) waits for them too, and with the PBX still locked,
    // so retention in another process cannot delete the file a hook is copying.
    if (m_flowStarted && !m_postHooksRun) {
        m_postHooksRun = true;
        HookContext context = hookContext(HookEvent::PostBackup);
        const qint64 backupId = m_job ? m_job->backupId() : 0;
        if (backupId > 0) {
            if (const std::optional<BackupRecord> b = m_vault.catalog().backup(backupId)) {
                context.backupId = b->id;
                context.backupPath = b->path;
            }
        }
        context.outcome = failure.kind == JobError::Cancelled    ? QStringLiteral("cancelled")
                          : failure.isError()                    ? QStringLiteral("failed")
                          : m_job && m_job->unchangedSince() > 0 ? QStringLiteral("unchanged")
                                                                 : QStringLiteral("succeeded");
        context.error = failure.message;
        JobHooks::run(m_hookPlanner, m_log, m_trigger, m_pbx, context, m_job, this,
                      [this, failure](bool, const ErrorMessage &) { finish(failure); });
        return;
    }
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
