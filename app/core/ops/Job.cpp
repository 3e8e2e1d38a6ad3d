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

void Job::fail(const QString &message, const PbxError &pbxError)
{
    if (m_finished)
        return;
    m_pbxError = pbxError;
    if (pbxError.kind == PbxErrorKind::Cancelled || m_cancelRequested)
        m_cancelled = true;
    m_errorMessage = message.isEmpty() ? tr("The operation failed.") : message;
    finish();
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
