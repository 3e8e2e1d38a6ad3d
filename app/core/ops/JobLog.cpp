#include "JobLog.h"

#include "Job.h"
#include "Operations.h"
#include "catalog/Catalog.h"

namespace pbxvault {

JobLog::JobLog(Catalog &catalog, const Clock &clock, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_clock(&clock)
{}

qint64 JobLog::begin(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                     const QString &detail)
{
    JobRecord row;
    row.kind = kind;
    row.trigger = trigger;
    row.pbxId = pbxId;
    row.pbxName = pbxName;
    row.startedAt = m_clock->nowUtc();
    row.detail = detail;
    if (!m_catalog.beginJob(&row)) {
        qCWarning(lcOps) << "Cannot write the job log:" << m_catalog.lastError();
        return 0;
    }
    Q_EMIT changed();
    return row.id;
}

void JobLog::end(qint64 id, JobOutcome outcome, qint64 bytes, const QString &error,
                 JobError errorKind, const ErrorMessage &errorCode)
{
    if (id <= 0)
        return;
    if (!m_catalog.finishJob(id, outcome, bytes, error, m_clock->nowUtc(), errorKind, errorCode))
        qCWarning(lcOps) << "Cannot write the job log:" << m_catalog.lastError();
    Q_EMIT changed();
}

void JobLog::end(qint64 id, const Job &job)
{
    if (job.ok() && job.unchangedSince() > 0) {
        // Not an error: the message says which backup the discarded one equalled.
        const ErrorMessage message = ErrorMessage("backup.unchanged").arg(job.unchangedSince());
        end(id, JobOutcome::Unchanged, job.bytes(), message.text(), JobError::None, message);
        return;
    }
    const JobOutcome outcome = job.ok()             ? JobOutcome::Success
                               : job.wasCancelled() ? JobOutcome::Cancelled
                                                    : JobOutcome::Failed;
    end(id, outcome, job.bytes(), job.ok() ? QString() : job.errorMessage(), job.error(),
        job.ok() ? ErrorMessage() : job.errorCode());
}

void JobLog::record(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                    const QString &detail, const Job &job)
{
    end(begin(kind, trigger, pbxId, pbxName, detail), job);
}

} // namespace pbxvault
