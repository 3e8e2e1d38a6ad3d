#pragma once

// Judges an archive from its bytes as they are written, on a worker thread, so a download
// needs no second read of the file: the same libarchive setup and the same rules as the test
// read of BackupStore::verify (every entry read to its end and counted, gzip CRCs checked).
//
// The writer hands bytes to write(); they travel in blocks over a bounded queue (memory stays
// at a few MiB) and write() blocks while the queue is full. The verdict is given only when the
// stream was read exactly as the file would be: libarchive never asked to seek (it does for an
// uncompressed file, to look for a zip directory at its end) and the archive stayed within the
// expansion limit of the bytes received so far. Otherwise it says the file must be read.
//
// It can also hash the stream (hashInput): every byte the writer hands over is hashed on the
// worker, even after the archive reading has given up, so the writer's thread does not pay for
// the SHA-256 of a download.

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pbxvault {

class StreamingArchiveCheck
{
public:
    struct Verdict
    {
        bool conclusive = false; // false: read the file to judge it
        QString inconclusiveBecause;
        qint64 bytes = 0;
        bool recognised = false; // a real archive format, or gzip data that is damaged
        bool intact = false;     // read to its end, compression intact
        qint64 members = 0;      // entries read to their end
        QString archiveError;    // why not intact
        // With hashInput: SHA-256 (hex) of the hashedBytes bytes handed over; empty when the
        // check was cancelled or abandoned.
        QString sha256;
        qint64 hashedBytes = 0;
    };

    enum class Hashing
    {
        Off,
        HashInput
    };

    static constexpr qsizetype kBlockSize = 256 * 1024;
    static constexpr int kQueuedBlocks = 8;

    explicit StreamingArchiveCheck(Hashing hashing = Hashing::Off); // starts the worker
    ~StreamingArchiveCheck();                                       // cancel()
    StreamingArchiveCheck(const StreamingArchiveCheck &) = delete;
    StreamingArchiveCheck &operator=(const StreamingArchiveCheck &) = delete;

    // The next bytes of the stream. Blocks while the queue is full.
    void write(const char *data, qint64 size);
    // No verdict will be given (the writer went back in the stream); the worker stops reading.
    void abandon(const QString &because);
    // The stream is complete; the worker reads what is queued. Does not wait.
    void endInput();
    // endInput(), then waits for the worker and returns what it found (again on later calls).
    Verdict finish();
    // Stops the worker without a verdict, promptly, and waits for it to end.
    void cancel();

private:
    struct Worker;
    void pushFilling();

    std::unique_ptr<Worker> m_worker;
    QByteArray m_filling; // writer side: bytes not yet queued
    qint64 m_written = 0;
    bool m_finished = false;
    std::thread m_thread; // started once the rest is set up
};

} // namespace pbxvault
