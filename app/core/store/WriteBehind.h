#pragma once

// Takes the slow part of storing a stream (encryption, the write calls, the disk's writeback)
// off the thread that receives it: write() only copies the bytes into blocks that travel over
// a bounded queue (memory stays at a few MiB) to a thread of their own, which hands them to
// the job in order. write() blocks while the queue is full.
//
// A failure of the job is reported one step late: the write() that queued the failing bytes
// has already returned; the next write() or drain() returns false and errorString() says why.
// From then on nothing more reaches the job.

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pbxvault {

class WriteBehind
{
public:
    // Stores size bytes at data; false with *error when they could not be stored.
    using Job = std::function<bool(const char *data, qint64 size, QString *error)>;

    static constexpr qsizetype kBlockSize = 512 * 1024;
    static constexpr int kQueuedBlocks = 4;

    explicit WriteBehind(Job job); // starts the thread
    ~WriteBehind();                // stop()
    WriteBehind(const WriteBehind &) = delete;
    WriteBehind &operator=(const WriteBehind &) = delete;

    // Queues a copy of the bytes. False once the job failed (the bytes are dropped).
    bool write(const char *data, qint64 size);
    // Queues what is left of the last block and waits until the job stored every byte; false
    // when it failed. Writes may follow.
    bool drain();
    // Drops what is still queued and ends the thread, waiting for the block the job is on.
    // Nothing may be written afterwards.
    void stop();

    bool failed() const;
    QString errorString() const;

private:
    void run();
    bool pushFilling();

    Job m_job;
    mutable std::mutex m_mutex;
    std::condition_variable m_queued; // the thread waits on it
    std::condition_variable m_taken;  // write() and drain() wait on it
    std::deque<QByteArray> m_queue;
    std::vector<QByteArray> m_spare; // blocks the job is done with, to fill again
    bool m_busy = false;             // the job is on a block
    bool m_stopping = false;
    bool m_failed = false;
    QString m_error;

    QByteArray m_filling; // writer side: bytes not queued yet
    bool m_stopped = false;
    std::thread m_thread; // started once the rest is set up
};

} // namespace pbxvault
