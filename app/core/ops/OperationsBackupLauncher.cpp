#include "OperationsBackupLauncher.h"

#include "Operations.h"
#include "SchedulerService.h"
#include "schedule/Clock.h"

#include <QPointer>
#include <QTimer>

namespace pbxvault {

struct OperationsBackupLauncher::Run
{
    qint64 pbxId = 0;
    JobTrigger trigger = JobTrigger::Scheduled;
    BackupLauncher::Completion done;
    PbxRecord pbx;
    QPointer<Job> current; // the step running now, for cancelAll()
    bool cancelled = false;
    bool finished = false;
    bool locked = false; // holds the PBX lock for retention
    qint64 backupId = 0;
    QString backupFile;
    QVector<RetentionDeletion> deletions;
};

OperationsBackupLauncher::OperationsBackupLauncher(Operations &ops, Clock *clock, QObject *parent)
    : QObject(parent), m_ops(ops), m_clock(clock)
{}

OperationsBackupLauncher::~OperationsBackupLauncher()
{
    // Jobs still running belong to Operations; their completions hold shared pointers to their
    // runs and report to the scheduler's guarded callback, which ignores a deleted scheduler.
    for (const RunPtr &run : std::as_const(m_runs)) {
        if (run->locked)
            m_ops.vault().catalog().unlockPbx(run->pbxId, Catalog::lockOwnerId());
        run->locked = false;
        run->finished = true;
    }
}

bool OperationsBackupLauncher::isTransientFailure(const Job &job)
{
    if (job.wasCancelled())
        return false;
    if (job.pbxError().isError())
        return job.pbxError().isTransient();
    // A backup refused before it began (no job-log row) was refused because another job, maybe
    // of another process, holds the PBX lock: the PBX is busy, try again later. Failures after
    // it began that did not come from the PBX (keychain, disk, catalog) are final.
    return job.logId() <= 0;
}

void OperationsBackupLauncher::launch(qint64 pbxId, JobTrigger trigger, Completion done)
{
    auto run = std::make_shared<Run>();
    run->pbxId = pbxId;
    run->trigger = m_triggerMap ? m_triggerMap(pbxId, trigger) : trigger;
    run->done = std::move(done);
    m_cancelled.remove(pbxId);
    m_runs.insert(pbxId, run);

    const std::optional<PbxRecord> pbx = m_ops.vault().catalog().pbx(pbxId);
    if (!pbx || !pbx->enabled) {
        // Removed or disabled since the scheduler last read the catalog: nothing to retry.
        const QString message = !pbx ? tr("There is no PBX with id %1.").arg(pbxId)
                                     : tr("%1 is disabled.").arg(pbx->name);
        QTimer::singleShot(0, this, [this, run, message] {
            complete(run, BackupOutcome::failure(false, message));
        });
        return;
    }
    run->pbx = *pbx;
    const QDateTime refusedAt = m_refusedAt.take(pbxId);
    const bool automatic =
        run->trigger == JobTrigger::Scheduled || run->trigger == JobTrigger::CatchUp;
    if (automatic && refusedAt.isValid()) {
        const std::optional<JobRecord> last =
            m_ops.vault().catalog().lastJob(pbxId, JobKind::Backup, JobOutcome::Success);
        if (last && last->finishedAt >= refusedAt) {
            qCInfo(lcScheduler).noquote()
                << QStringLiteral("%1 was backed up by the job that held it (%2); not backing it "
                                  "up again")
                       .arg(pbx->name, last->finishedAt.toString(Qt::ISODate));
            QTimer::singleShot(0, this, [this, run] { complete(run, BackupOutcome::success()); });
            return;
        }
    }
    Job *job = m_ops.backupPbx(pbxId, run->trigger);
    run->current = job;
    connect(job, &Job::finished, this, [this, run, job] { onBackupFinished(run, job); });
    Q_EMIT backupStarted(pbxId, run->trigger, job);
}

void OperationsBackupLauncher::onBackupFinished(const RunPtr &run, Job *job)
{
    job->deleteLater();
    run->current = nullptr;
    if (run->finished)
        return;
    if (!job->ok()) {
        if (job->logId() <= 0 && !job->wasCancelled() && !job->pbxError().isError()) {
            // Refused before it began: Operations wrote no row, but the attempt must show in
            // the Activity view.
            const qint64 logId = beginStep(run, JobKind::Backup, QString());
            endStep(logId, JobOutcome::Failed, 0, job->errorMessage());
            m_refusedAt.insert(run->pbxId, m_ops.now());
        }
        if (job->wasCancelled())
            run->cancelled = true;
        complete(run, BackupOutcome::failure(isTransientFailure(*job), job->errorMessage()));
        return;
    }
    run->backupId = job->backupId();
    if (const std::optional<BackupRecord> b = m_ops.vault().catalog().backup(run->backupId))
        run->backupFile = b->filename;
    if (run->cancelled) {
        // The backup itself made it; verification and retention wait for the next one.
        complete(run, BackupOutcome::success());
        return;
    }
    verify(run);
}

void OperationsBackupLauncher::verify(const RunPtr &run)
{
    const qint64 logId = beginStep(run, JobKind::Verify, run->backupFile);
    Job *job = m_ops.verifyBackup(run->backupId);
    run->current = job;
    connect(job, &Job::finished, this, [this, run, job, logId] {
        job->deleteLater();
        run->current = nullptr;
        endStep(logId, job->ok() ? JobOutcome::Success : JobOutcome::Failed, job->bytes(),
                job->ok() ? QString() : job->errorMessage());
        if (run->finished)
            return;
        if (!job->ok()) {
            // A new backup that does not verify is no reason to delete older ones.
            complete(run, BackupOutcome::failure(
                              false, tr("The backup of %1 was saved but failed verification: %2")
                                         .arg(run->pbx.name, job->errorMessage())));
            return;
        }
        if (run->cancelled) {
            complete(run, BackupOutcome::success());
            return;
        }
        applyRetention(run);
    });
}

void OperationsBackupLauncher::applyRetention(const RunPtr &run)
{
    Catalog &catalog = m_ops.vault().catalog();
    // Re-read: the rules may have changed while the backup ran.
    const std::optional<PbxRecord> pbx = catalog.pbx(run->pbxId);
    RetentionRules rules;
    if (pbx) {
        rules.keepLast = pbx->keepLast;
        rules.keepDays = pbx->keepDays;
    }
    if (!rules.isActive()) {
        complete(run, BackupOutcome::success());
        return;
    }
    const QDateTime now = m_clock->nowUtc();
    if (!catalog.tryLockPbx(run->pbxId, Catalog::lockOwnerId(), now)) {
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("retention of %1 skipped: another job is running on it; the next "
                              "successful backup applies it")
                   .arg(run->pbx.name);
        complete(run, BackupOutcome::success());
        return;
    }
    run->locked = true;
    run->deletions = RetentionPolicy::backupsToDelete(catalog.backups(run->pbxId), rules, now);
    qCInfo(lcScheduler).noquote() << QStringLiteral("retention of %1 (keep last %2, %3 days): "
                                                    "%4 backup(s) to delete")
                                         .arg(run->pbx.name)
                                         .arg(rules.keepLast)
                                         .arg(rules.keepDays)
                                         .arg(run->deletions.size());
    deleteNext(run);
}

void OperationsBackupLauncher::deleteNext(const RunPtr &run)
{
    if (run->finished)
        return;
    if (run->deletions.isEmpty() || run->cancelled) {
        complete(run, BackupOutcome::success());
        return;
    }
    const RetentionDeletion deletion = run->deletions.takeFirst();
    const std::optional<BackupRecord> backup = m_ops.vault().catalog().backup(deletion.backupId);
    if (!backup) {
        deleteNext(run); // already gone
        return;
    }
    const qint64 logId =
        beginStep(run, JobKind::Retention, tr("%1: %2").arg(backup->filename, deletion.reason));
    // The local copy only: the copy the PBX keeps of its own backups is the PBX's business.
    Job *job = m_ops.deleteBackup(deletion.backupId, false);
    run->current = job;
    const qint64 size = backup->size;
    const QString file = backup->filename;
    connect(job, &Job::finished, this, [this, run, job, logId, size, file] {
        job->deleteLater();
        run->current = nullptr;
        endStep(logId, job->ok() ? JobOutcome::Success : JobOutcome::Failed, job->ok() ? size : 0,
                job->ok() ? QString() : job->errorMessage());
        if (job->ok()) {
            qCInfo(lcScheduler).noquote()
                << QStringLiteral("retention deleted %1 of %2").arg(file, run->pbx.name);
        } else {
            qCWarning(lcScheduler).noquote()
                << QStringLiteral("retention could not delete %1 of %2: %3")
                       .arg(file, run->pbx.name, job->errorMessage());
        }
        deleteNext(run);
    });
}

void OperationsBackupLauncher::complete(const RunPtr &run, const BackupOutcome &outcome)
{
    if (run->finished)
        return;
    run->finished = true;
    if (run->locked) {
        m_ops.vault().catalog().unlockPbx(run->pbxId, Catalog::lockOwnerId());
        run->locked = false;
    }
    const auto it = m_runs.constFind(run->pbxId);
    if (it != m_runs.cend() && it.value() == run)
        m_runs.erase(it);
    if (run->cancelled && !outcome.ok)
        m_cancelled.insert(run->pbxId);
    else
        m_cancelled.remove(run->pbxId);
    const Completion done = std::move(run->done);
    if (done)
        done(outcome);
    Q_EMIT launchEnded(run->pbxId);
}

void OperationsBackupLauncher::cancelAll()
{
    const QList<RunPtr> runs = m_runs.values();
    for (const RunPtr &run : runs) {
        run->cancelled = true;
        if (run->current)
            run->current->cancel();
    }
}

qint64 OperationsBackupLauncher::beginStep(const RunPtr &run, JobKind kind, const QString &detail)
{
    JobRecord log;
    log.kind = kind;
    log.trigger = run->trigger;
    log.pbxId = run->pbxId;
    log.pbxName = run->pbx.name;
    log.startedAt = m_ops.now();
    log.detail = detail;
    if (!m_ops.vault().catalog().beginJob(&log)) {
        qCWarning(lcScheduler) << "cannot write the job log:"
                               << m_ops.vault().catalog().lastError();
        return 0;
    }
    Q_EMIT m_ops.jobLogChanged();
    return log.id;
}

void OperationsBackupLauncher::endStep(qint64 logId, JobOutcome outcome, qint64 bytes,
                                       const QString &error)
{
    if (logId <= 0)
        return;
    m_ops.vault().catalog().finishJob(logId, outcome, bytes, error, m_ops.now());
    Q_EMIT m_ops.jobLogChanged();
}

} // namespace pbxvault
