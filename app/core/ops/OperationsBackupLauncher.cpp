#include "OperationsBackupLauncher.h"

#include "Operations.h"
#include "SchedulerService.h"
#include "common/Clock.h"

#include <QPointer>
#include <QTimer>

namespace pbxvault {

struct OperationsBackupLauncher::Run
{
    qint64 pbxId = 0;
    JobTrigger trigger = JobTrigger::Scheduled;
    BackupLauncher::Completion done;
    QString pbxName;
    QPointer<Job> current; // for cancelAll()
    bool finished = false;
};

OperationsBackupLauncher::OperationsBackupLauncher(Operations &ops, const Clock *clock,
                                                   QObject *parent)
    : QObject(parent), m_ops(ops), m_clock(clock)
{}

OperationsBackupLauncher::~OperationsBackupLauncher()
{
    // Jobs still running belong to Operations (which releases their locks); their completions
    // report to the scheduler's guarded callback, which ignores a deleted scheduler.
    for (const RunPtr &run : std::as_const(m_runs))
        run->finished = true;
}

bool OperationsBackupLauncher::isTransientFailure(const Job &job)
{
    switch (job.error()) {
    case JobError::Locked: // another job, maybe of another process, holds the PBX: try later
        return true;
    case JobError::Pbx:
        return job.pbxError().isTransient();
    default: // keychain, disk, catalog, corrupt answers, ...: a retry would fail the same way
        return false;
    }
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
    if (pbx)
        run->pbxName = pbx->name;
    const QDateTime refusedAt = m_refusedAt.take(pbxId);
    const bool automatic =
        run->trigger == JobTrigger::Scheduled || run->trigger == JobTrigger::CatchUp;
    if (pbx && automatic && refusedAt.isValid()) {
        const std::optional<JobRecord> last =
            m_ops.vault().catalog().lastJob(pbxId, JobKind::Backup, JobOutcome::Success);
        if (last && last->finishedAt >= refusedAt) {
            qCInfo(lcOps).noquote()
                << QStringLiteral("%1 was backed up by the job that held it (%2); not backing it "
                                  "up again")
                       .arg(pbx->name, last->finishedAt.toString(Qt::ISODate));
            QTimer::singleShot(0, this, [this, run] { complete(run, BackupOutcome::success()); });
            return;
        }
    }
    // The one pipeline: download, verification, retention and the job log, under Operations'
    // concurrency limit and the PBX lock.
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
    if (job->ok()) {
        complete(run, BackupOutcome::success());
        return;
    }
    if (job->error() == JobError::Locked)
        m_refusedAt.insert(run->pbxId, m_ops.now());
    if (job->wasCancelled())
        m_cancelled.insert(run->pbxId);
    complete(run, BackupOutcome::failure(isTransientFailure(*job), job->errorMessage()));
}

void OperationsBackupLauncher::complete(const RunPtr &run, const BackupOutcome &outcome)
{
    if (run->finished)
        return;
    run->finished = true;
    const auto it = m_runs.constFind(run->pbxId);
    if (it != m_runs.cend() && it.value() == run)
        m_runs.erase(it);
    if (outcome.ok)
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
        if (run->current)
            run->current->cancel();
    }
}

} // namespace pbxvault
