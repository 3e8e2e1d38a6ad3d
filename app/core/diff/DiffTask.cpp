#include "DiffTask.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pbxvault {

DiffTask::DiffTask(QObject *parent) : QObject(parent), m_watcher(new QFutureWatcher<void>(this))
{
    connect(m_watcher, &QFutureWatcher<void>::finished, this, &DiffTask::onFinished);
}

DiffTask::~DiffTask()
{
    stopRunning();
}

void DiffTask::stopRunning()
{
    if (m_run)
        m_run->cancel = true;
    m_watcher->waitForFinished();
}

void DiffTask::start(const QString &oldPath, const QString &newPath, const VaultKey *key)
{
    stopRunning();
    m_failure = ArchiveMembers::Failure::None;
    auto run = std::make_shared<Run>();
    m_run = run;
    // The worker owns its copy of the run: it stays valid even if a newer start() replaced it.
    m_watcher->setFuture(QtConcurrent::run([run, oldPath, newPath, key = key ? *key : VaultKey()] {
        ArchiveDiff diff(oldPath, newPath);
        diff.setKey(key);
        diff.setCancelFlag(&run->cancel);
        run->ok = diff.compare(&run->result);
        if (!run->ok) {
            run->failedSide = diff.failedSide();
            run->failure = diff.failure();
            run->error = diff.errorString();
        }
        run->done = true;
    }));
}

void DiffTask::cancel()
{
    if (m_run)
        m_run->cancel = true;
}

bool DiffTask::isRunning() const
{
    return m_run != nullptr; // until finished() or failed() has been emitted
}

void DiffTask::onFinished()
{
    // A finished() of a replaced run that was still queued: the current one is not done.
    if (!m_run || !m_run->done)
        return;
    const std::shared_ptr<Run> run = std::move(m_run);
    if (run->ok) {
        Q_EMIT finished(run->result);
        return;
    }
    m_failedSide = run->failedSide;
    m_failure = run->failure;
    Q_EMIT failed(run->error);
}

} // namespace pbxvault
