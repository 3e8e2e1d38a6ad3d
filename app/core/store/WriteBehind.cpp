#include "WriteBehind.h"

#include <QtGlobal>

namespace pbxvault {

WriteBehind::WriteBehind(Job job) : m_job(std::move(job))
{
    m_filling.reserve(kBlockSize);
    m_thread = std::thread(&WriteBehind::run, this);
}

WriteBehind::~WriteBehind()
{
    stop();
}

void WriteBehind::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        QByteArray block = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        m_taken.notify_all();
        QString error;
        const bool stored = m_job(block.constData(), block.size(), &error);
        block.resize(0); // keeps its capacity
        lock.lock();
        m_busy = false;
        m_spare.push_back(std::move(block));
        if (!stored && !m_failed) {
            m_failed = true;
            m_error = error;
            m_queue.clear();
        }
        m_taken.notify_all();
    }
}

bool WriteBehind::pushFilling()
{
    std::unique_lock lock(m_mutex);
    m_taken.wait(lock, [this] { return m_failed || m_queue.size() < std::size_t(kQueuedBlocks); });
    if (m_failed) {
        m_filling.resize(0);
        return false;
    }
    m_queue.push_back(std::move(m_filling));
    if (m_spare.empty()) {
        m_filling = QByteArray();
        m_filling.reserve(kBlockSize);
    } else {
        m_filling = std::move(m_spare.back());
        m_spare.pop_back();
    }
    lock.unlock();
    m_queued.notify_one();
    return true;
}

bool WriteBehind::write(const char *data, qint64 size)
{
    Q_ASSERT(!m_stopped);
    if (m_stopped || failed())
        return false;
    while (size > 0) {
        const qint64 n = qMin<qint64>(kBlockSize - m_filling.size(), size);
        m_filling.append(data, qsizetype(n));
        data += n;
        size -= n;
        if (m_filling.size() == kBlockSize && !pushFilling())
            return false;
    }
    return true;
}

bool WriteBehind::drain()
{
    if (m_stopped)
        return !failed();
    if (!m_filling.isEmpty() && !pushFilling())
        return false;
    std::unique_lock lock(m_mutex);
    m_taken.wait(lock, [this] { return m_queue.empty() && !m_busy; });
    return !m_failed;
}

void WriteBehind::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_queued.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool WriteBehind::failed() const
{
    std::lock_guard lock(m_mutex);
    return m_failed;
}

QString WriteBehind::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

} // namespace pbxvault
