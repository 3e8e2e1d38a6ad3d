#include "StreamingArchiveCheck.h"
#include "ArchiveReader.h"
#include "BackupStore.h"
#include "GzipCheck.h"

#include "common/Sha256.h"

#include <QCoreApplication>

#include <archive.h>

#include <atomic>
#include <cerrno>

namespace pbxvault {

// Everything the worker thread touches. The queue and the flags are shared with the writer
// under mutex; the libarchive state is the worker's alone.
struct StreamingArchiveCheck::Worker
{
    void run();
    static la_ssize_t readCallback(archive *a, void *self, const void **buffer);
    static la_int64_t seekCallback(archive *a, void *self, la_int64_t offset, int whence);
    // The next queued block, or null at the end of the stream or when stopped.
    const QByteArray *nextBlock();
    void consume(const QByteArray &block);
    bool withinExpansionLimit(archive *a);
    bool readEntryData(archive *a, QString *error);
    QString archiveError(archive *a);
    void giveUp(const QString &because);
    bool stopped();
    bool writerDiscards() const; // under mutex

    std::mutex mutex;
    std::condition_variable blockQueued; // the worker waits on it
    std::condition_variable blockTaken;  // the writer waits on it
    std::deque<QByteArray> queue;
    std::vector<QByteArray> spare; // taken blocks, kept for the writer to fill again
    bool inputEnded = false;
    bool stop = false;               // no more bytes wanted: cancelled or abandoned
    std::atomic<bool> gaveUp{false}; // the archive reading stopped without a verdict
    bool cancelled = false;
    bool abandoned = false; // by the writer
    bool hashing = false;   // set before the thread starts
    QString inconclusiveBecause;
    std::atomic<qint64> received{0}; // bytes the writer was given so far

    // Worker only.
    QByteArray current; // the block libarchive is reading
    bool atEnd = false; // the read callback reported the end of the stream
    qint64 handed = 0;
    qint64 dataProduced = 0;
    std::unique_ptr<GzipCheck> gzip;
    Sha256 hash;
    qint64 hashed = 0;
    Verdict verdict;
};

bool StreamingArchiveCheck::Worker::stopped()
{
    std::lock_guard lock(mutex);
    return stop || (gaveUp && !hashing);
}

// Without hashing, bytes after a give-up would only be thrown away by the worker.
bool StreamingArchiveCheck::Worker::writerDiscards() const
{
    return stop || (gaveUp && !hashing);
}

void StreamingArchiveCheck::Worker::giveUp(const QString &because)
{
    {
        std::lock_guard lock(mutex);
        if (inconclusiveBecause.isEmpty())
            inconclusiveBecause = because;
        gaveUp = true;
    }
    blockTaken.notify_all();
}

const QByteArray *StreamingArchiveCheck::Worker::nextBlock()
{
    std::unique_lock lock(mutex);
    if (!current.isNull()) {
        current.resize(0); // keeps its capacity
        spare.push_back(std::move(current));
        current = QByteArray();
    }
    blockQueued.wait(lock, [this] { return writerDiscards() || inputEnded || !queue.empty(); });
    if (writerDiscards() || queue.empty())
        return nullptr;
    current = std::move(queue.front());
    queue.pop_front();
    lock.unlock();
    blockTaken.notify_one();
    if (hashing) {
        hash.addData(QByteArrayView(current));
        hashed += current.size();
    }
    return &current;
}

void StreamingArchiveCheck::Worker::consume(const QByteArray &block)
{
    if (gaveUp)
        return;
    // As ArchiveReader: gzip data is inflated a second time by zlib, which checks its CRCs.
    if (handed == 0 && GzipCheck::looksLikeGzip(block.constData(), block.size()))
        gzip = std::make_unique<GzipCheck>();
    if (gzip)
        gzip->feed(block.constData(), block.size());
    handed += block.size();
}

// ArchiveReader's limit is that of the whole file; the bytes received so far give a lower
// one. An archive within it is within the file's too. One beyond it may not be beyond the
// file's: only the file read can tell.
bool StreamingArchiveCheck::Worker::withinExpansionLimit(archive *a)
{
    const qint64 limit = ArchiveReader::expansionLimitFor(received.load());
    if (dataProduced <= limit && archive_filter_bytes(a, 0) <= limit)
        return true;
    giveUp(QStringLiteral("it expands beyond the limit of the bytes received so far"));
    return false;
}

la_ssize_t StreamingArchiveCheck::Worker::readCallback(archive *a, void *self, const void **buffer)
{
    auto *w = static_cast<Worker *>(self);
    if (!w->withinExpansionLimit(a)) {
        archive_set_error(a, EFBIG, "expansion limit");
        return ARCHIVE_FATAL;
    }
    const QByteArray *block = w->nextBlock();
    if (!block) {
        if (w->stopped()) {
            archive_set_error(a, ECANCELED, "stopped");
            return ARCHIVE_FATAL;
        }
        w->atEnd = true;
        return 0;
    }
    w->consume(*block);
    *buffer = block->constData();
    return la_ssize_t(block->size());
}

// The file read answers seeks (zip's directory at the end, skips); a stream cannot, and
// failing one would take libarchive where the file read does not go.
la_int64_t StreamingArchiveCheck::Worker::seekCallback(archive *a, void *self, la_int64_t, int)
{
    static_cast<Worker *>(self)->giveUp(QStringLiteral("the archive reader asked to seek"));
    archive_set_error(a, ESPIPE, "cannot seek in a stream");
    return ARCHIVE_FATAL;
}

bool StreamingArchiveCheck::Worker::readEntryData(archive *a, QString *error)
{
    for (;;) {
        const void *block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int rc = archive_read_data_block(a, &block, &size, &offset);
        if (rc == ARCHIVE_EOF)
            return true;
        if (rc < ARCHIVE_WARN) {
            *error = archiveError(a);
            return false;
        }
        dataProduced += qint64(size);
        // One input block may expand a lot: stop between output blocks too.
        if (!withinExpansionLimit(a) || stopped()) {
            *error = archiveError(a);
            return false;
        }
    }
}

QString StreamingArchiveCheck::Worker::archiveError(archive *a)
{
    if (const char *text = archive_error_string(a))
        return QString::fromUtf8(text);
    // ArchiveReader's wording for an early end without a libarchive text; before the end it
    // says "unknown", at a point that depends on its reads: left to the file read.
    if (atEnd)
        return QCoreApplication::translate("BackupStore", "the file ends too early");
    giveUp(QStringLiteral("libarchive gave no reason for a failure before the end"));
    return QString();
}

// BackupStore::verify's test read: entries read to their end and counted, then the rest of
// the stream through the gzip check.
void StreamingArchiveCheck::Worker::run()
{
    archive *a = ArchiveReader::newArchive();
    archive_read_set_read_callback(a, &Worker::readCallback);
    archive_read_set_seek_callback(a, &Worker::seekCallback);
    archive_read_set_callback_data(a, this);
    QString error;
    bool intact = true;
    bool recognised = false;
    qint64 members = 0;
    if (archive_read_open1(a) != ARCHIVE_OK) {
        error = archiveError(a);
        recognised = !ArchiveReader::noFormatClaimed(a);
        intact = false;
    } else {
        for (bool first = true;; first = false) {
            archive_entry *entry = nullptr;
            const int rc = archive_read_next_header(a, &entry);
            if (first) {
                const int format = archive_format(a);
                recognised = rc == ARCHIVE_FATAL
                                 ? format != 0 && !ArchiveReader::isPseudoFormat(format)
                                 : !ArchiveReader::isPseudoFormat(format);
            }
            if (rc == ARCHIVE_EOF)
                break;
            if ((rc != ARCHIVE_OK && rc != ARCHIVE_WARN)) {
                error = archiveError(a);
                intact = false;
                break;
            }
            if (!readEntryData(a, &error)) {
                intact = false;
                break;
            }
            ++members;
        }
    }
    archive_read_free(a);
    while (nextBlock())
        consume(current);
    std::lock_guard lock(mutex);
    if (hashing && !stop) {
        verdict.sha256 = hash.hex();
        verdict.hashedBytes = hashed;
    }
    if (stop || gaveUp) {
        verdict.inconclusiveBecause = cancelled ? QStringLiteral("cancelled") : inconclusiveBecause;
        return;
    }
    QString gzipError;
    if (gzip && !gzip->finish(&gzipError)) {
        // Broken compression is a damaged archive, even when no format could read what it held.
        intact = false;
        recognised = true;
        error = gzipError;
    }
    verdict.conclusive = true;
    verdict.bytes = handed;
    verdict.recognised = recognised;
    verdict.intact = intact;
    verdict.members = members;
    verdict.archiveError = error;
}

StreamingArchiveCheck::StreamingArchiveCheck(Hashing hashing) : m_worker(std::make_unique<Worker>())
{
    m_worker->hashing = hashing == Hashing::HashInput;
    m_thread = std::thread(&Worker::run, m_worker.get());
    m_filling.reserve(kBlockSize);
}

StreamingArchiveCheck::~StreamingArchiveCheck()
{
    cancel();
}

void StreamingArchiveCheck::write(const char *data, qint64 size)
{
    if (m_finished || size <= 0)
        return;
    m_written += size;
    m_worker->received.store(m_written);
    while (size > 0) {
        const qint64 n = qMin<qint64>(kBlockSize - m_filling.size(), size);
        m_filling.append(data, qsizetype(n));
        data += n;
        size -= n;
        if (m_filling.size() == kBlockSize)
            pushFilling();
    }
}

void StreamingArchiveCheck::pushFilling()
{
    std::unique_lock lock(m_worker->mutex);
    Worker &w = *m_worker;
    w.blockTaken.wait(
        lock, [&w] { return w.writerDiscards() || w.queue.size() < size_t(kQueuedBlocks); });
    if (w.writerDiscards()) {
        m_filling.resize(0); // keeps its capacity: nothing more is queued
        return;
    }
    w.queue.push_back(std::move(m_filling));
    if (w.spare.empty()) {
        m_filling = QByteArray();
        m_filling.reserve(kBlockSize);
    } else {
        m_filling = std::move(w.spare.back());
        w.spare.pop_back();
    }
    lock.unlock();
    w.blockQueued.notify_one();
}

void StreamingArchiveCheck::abandon(const QString &because)
{
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->abandoned = true;
        m_worker->stop = true;
    }
    m_worker->giveUp(because);
    m_worker->blockQueued.notify_all();
}

void StreamingArchiveCheck::endInput()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_filling.isEmpty())
        pushFilling();
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->inputEnded = true;
    }
    m_worker->blockQueued.notify_all();
}

StreamingArchiveCheck::Verdict StreamingArchiveCheck::finish()
{
    endInput();
    if (m_thread.joinable())
        m_thread.join();
    Verdict verdict = m_worker->verdict;
    std::lock_guard lock(m_worker->mutex);
    // An empty stream is judged by its size alone, though libarchive asks to seek in it.
    if (m_written == 0 && !m_worker->cancelled && !m_worker->abandoned) {
        const QString sha256 = verdict.sha256;
        verdict = Verdict();
        verdict.conclusive = true;
        verdict.intact = true;
        verdict.sha256 = sha256;
    }
    return verdict;
}

void StreamingArchiveCheck::cancel()
{
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->stop = true;
        m_worker->cancelled = true;
    }
    m_worker->blockQueued.notify_all();
    m_worker->blockTaken.notify_all();
    m_finished = true;
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace pbxvault
