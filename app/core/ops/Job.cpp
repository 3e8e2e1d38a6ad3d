#include "Job.h"

#include <QTimer>

namespace pbxvault {

Job::Job(JobKind kind, QObject *parent) : QObject(parent), m_kind(kind) {}

void Job::cancel()
{
    if (m_finished || m_cancelRequested)
        return;
    m_cancelRequested = true;
    Q_EMIT cancelRequested();
}

void Job::setStage(const QString &stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void Job::setProgress(qint64 done, qint64 total)
{
    Q_EMIT progress(done, total);
}

void Job::fail(JobError kind, const QString &message, const PbxError &pbxError)
{
    if (m_finished)
        return;
    m_pbxError = pbxError;
    if (kind == JobError::Cancelled || pbxError.kind == PbxErrorKind::Cancelled ||
        m_cancelRequested) {
        m_cancelled = true;
        kind = JobError::Cancelled;
    }
    m_error = kind == JobError::None ? JobError::Failed : kind;
    if (message.isEmpty()) {
        m_errorCode = ErrorMessage("job.failed");
        m_errorMessage = m_errorCode.text();
    } else {
        m_errorMessage = message;
    }
    finish();
}

void Job::fail(JobError kind, const ErrorMessage &coded)
{
    fail(JobFailure::of(kind, coded));
}

void Job::fail(const JobFailure &failure)
{
    if (m_finished)
        return;
    m_errorCode = failure.coded;
    fail(failure.kind, failure.message, failure.pbxError);
}

JobFailure JobFailure::fromPbx(const PbxError &error)
{
    JobError kind = JobError::Pbx;
    if (error.kind == PbxErrorKind::Cancelled)
        kind = JobError::Cancelled;
    else if (error.kind == PbxErrorKind::WriteError)
        kind = JobError::Disk;
    return {kind, error.message, error, error.coded};
}

void Job::fail(const PbxError &pbxError)
{
    fail(JobFailure::fromPbx(pbxError));
}

void Job::succeed()
{
    if (m_finished)
        return;
    finish();
}

void Job::finish()
{
    m_finished = true;
    // Always asynchronous, so callers can connect after starting the job.
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
}

} // namespace pbxvault
