#include "ArchiveReader.h"
#include "GzipCheck.h"

#include <QCoreApplication>

#include <archive_entry.h>

#include <cerrno>

namespace pbxvault {
namespace {

constexpr qint64 kChunkSize = 256 * 1024;

bool isPseudoFormat(int format)
{
    const int base = format & ARCHIVE_FORMAT_BASE_MASK;
    return base == 0 || base == ARCHIVE_FORMAT_RAW || base == ARCHIVE_FORMAT_EMPTY;
}

} // namespace

ArchiveReader::ArchiveReader(const QString &path) : m_file(path) {}

ArchiveReader::~ArchiveReader()
{
    if (m_archive)
        archive_read_free(m_archive);
}

bool ArchiveReader::open(QString *error)
{
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        *error = m_file.errorString();
        return false;
    }
    m_buffer.resize(kChunkSize);
    m_archive = archive_read_new();
    archive_read_support_filter_all(m_archive);
    archive_read_support_format_all(m_archive);
    archive_read_set_read_callback(m_archive, &ArchiveReader::readCallback);
    archive_read_set_seek_callback(m_archive, &ArchiveReader::seekCallback);
    archive_read_set_callback_data(m_archive, this);
    // A failure here means no format claimed the file; next() reports it.
    if (archive_read_open1(m_archive) != ARCHIVE_OK)
        m_openError = archiveError();
    return true;
}

ArchiveReader::Next ArchiveReader::next(QString *error)
{
    if (!m_openError.isNull()) {
        m_firstHeader = false;
        *error = m_openError;
        return Next::Failed;
    }
    const int rc = archive_read_next_header(m_archive, &m_entry);
    if (m_firstHeader) {
        m_firstHeader = false;
        // A format that bid for the file but then failed on its first header is a damaged
        // archive of that format; one that never bid leaves the format code at 0.
        m_recognised = rc == ARCHIVE_FATAL ? archive_format(m_archive) != 0 &&
                                                 !isPseudoFormat(archive_format(m_archive))
                                           : !isPseudoFormat(archive_format(m_archive));
    }
    if (rc == ARCHIVE_OK || rc == ARCHIVE_WARN)
        return Next::Entry;
    if (rc == ARCHIVE_EOF)
        return Next::End;
    *error = archiveError();
    return Next::Failed;
}

QString ArchiveReader::entryName() const
{
    if (const char *utf8 = archive_entry_pathname_utf8(m_entry))
        return QString::fromUtf8(utf8);
    return QString::fromLocal8Bit(archive_entry_pathname(m_entry));
}

qint64 ArchiveReader::entrySize() const
{
    return archive_entry_size_is_set(m_entry) ? qint64(archive_entry_size(m_entry)) : -1;
}

bool ArchiveReader::entryIsDirectory() const
{
    return archive_entry_filetype(m_entry) == AE_IFDIR;
}

bool ArchiveReader::readData(QByteArray *sink, qint64 maxBytes, QString *error)
{
    for (;;) {
        const void *block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int rc = archive_read_data_block(m_archive, &block, &size, &offset);
        if (rc == ARCHIVE_EOF)
            return true;
        if (rc < ARCHIVE_WARN) {
            *error = archiveError();
            return false;
        }
        if (!sink || sink->size() >= maxBytes)
            continue; // keep reading: the caller wants the whole entry checked
        // Sparse entries: the holes read as zeros.
        if (offset > sink->size())
            sink->append(QByteArray(qMin<qint64>(offset, maxBytes) - sink->size(), '\0'));
        const qint64 room = maxBytes - sink->size();
        sink->append(static_cast<const char *>(block), qMin<qint64>(qint64(size), room));
    }
}

bool ArchiveReader::finishHash(QString *error)
{
    if (!m_file.seek(m_hashedUpTo)) {
        *error = m_file.errorString();
        return false;
    }
    for (;;) {
        const qint64 n = m_file.read(m_buffer.data(), m_buffer.size());
        if (n < 0) {
            *error = m_file.errorString();
            return false;
        }
        if (n == 0)
            return true;
        consume(m_buffer.constData(), n);
    }
}

void ArchiveReader::consume(const char *data, qint64 size)
{
    if (m_hashedUpTo == 0 && GzipCheck::looksLikeGzip(data, size))
        m_gzip = std::make_unique<GzipCheck>();
    m_hash.addData(QByteArrayView(data, size));
    if (m_gzip)
        m_gzip->feed(data, size);
    m_hashedUpTo += size;
}

bool ArchiveReader::compressedDataIntact(QString *error) const
{
    return !m_gzip || m_gzip->finish(error);
}

QString ArchiveReader::sha256Hex() const
{
    return m_hash.hex();
}

la_ssize_t ArchiveReader::readCallback(archive *a, void *self, const void **buffer)
{
    auto *r = static_cast<ArchiveReader *>(self);
    const qint64 pos = r->m_file.pos();
    const qint64 n = r->m_file.read(r->m_buffer.data(), r->m_buffer.size());
    if (n < 0) {
        archive_set_error(a, EIO, "%s", r->m_file.errorString().toUtf8().constData());
        return ARCHIVE_FATAL;
    }
    // libarchive may seek; only bytes that extend the hashed prefix are hashed here.
    if (r->m_hashing && pos <= r->m_hashedUpTo && r->m_hashedUpTo < pos + n) {
        const qint64 skip = r->m_hashedUpTo - pos;
        r->consume(r->m_buffer.constData() + skip, n - skip);
    }
    *buffer = r->m_buffer.constData();
    return la_ssize_t(n);
}

la_int64_t ArchiveReader::seekCallback(archive *a, void *self, la_int64_t offset, int whence)
{
    auto *r = static_cast<ArchiveReader *>(self);
    qint64 target = offset;
    if (whence == SEEK_CUR)
        target += r->m_file.pos();
    else if (whence == SEEK_END)
        target += r->m_file.size();
    if (target < 0 || !r->m_file.seek(target)) {
        archive_set_error(a, EIO, "%s",
                          QCoreApplication::translate("BackupStore", "Cannot seek in the file.")
                              .toUtf8()
                              .constData());
        return ARCHIVE_FATAL;
    }
    return target;
}

QString ArchiveReader::archiveError() const
{
    const char *text = archive_error_string(m_archive);
    return text ? QString::fromUtf8(text)
                : QCoreApplication::translate("BackupStore", "unknown archive error");
}

} // namespace pbxvault
