#include "ArchiveReader.h"
#include "GzipCheck.h"

#include <QCoreApplication>
#include <QLocale>

#include <archive_entry.h>

#include <cerrno>
#include <cstring>

namespace pbxvault {
namespace {

constexpr qint64 kChunkSize = 256 * 1024;

// The first n bytes of a UTF-8 or local 8-bit name, not cutting a UTF-8 sequence.
qsizetype cutPoint(const char *name, qsizetype n)
{
    while (n > 0 && (quint8(name[n]) & 0xc0) == 0x80)
        --n;
    return n;
}

// libarchive's ARCHIVE_ERRNO_FILE_FORMAT (private header): "no format claimed the data".
#ifdef EFTYPE
constexpr int kUnrecognisedFormatErrno = EFTYPE;
#else
constexpr int kUnrecognisedFormatErrno = EILSEQ;
#endif

} // namespace

qint64 ArchiveReader::expansionLimitFor(qint64 fileSize)
{
    const qint64 ratioLimit = fileSize > kMaxExpandedBytes / kMaxExpansionRatio
                                  ? kMaxExpandedBytes
                                  : qMax<qint64>(0, fileSize) * kMaxExpansionRatio;
    return qMin(kMaxExpandedBytes, qMax(kMinExpansionLimit, ratioLimit));
}

archive *ArchiveReader::newArchive()
{
    archive *a = archive_read_new();
    // The compressions libarchive decodes itself. Not archive_read_support_filter_all(): for
    // lrzip, grzip and lzop it runs an external program, which an untrusted file should not
    // be able to start.
    using Support = int (*)(archive *);
    for (const Support support :
         {&archive_read_support_filter_gzip, &archive_read_support_filter_bzip2,
          &archive_read_support_filter_xz, &archive_read_support_filter_lzma,
          &archive_read_support_filter_lzip, &archive_read_support_filter_zstd,
          &archive_read_support_filter_lz4, &archive_read_support_filter_compress})
        support(a);
    // The formats of archive_read_support_format_all(), but zip only through its seekable
    // reader: the streaming one takes a zip cut after its last member's data (no central
    // directory) for a complete one.
    for (const Support support :
         {&archive_read_support_format_7zip, &archive_read_support_format_ar,
          &archive_read_support_format_cab, &archive_read_support_format_cpio,
          &archive_read_support_format_empty, &archive_read_support_format_iso9660,
          &archive_read_support_format_lha, &archive_read_support_format_mtree,
          &archive_read_support_format_rar, &archive_read_support_format_rar5,
          &archive_read_support_format_tar, &archive_read_support_format_warc,
          &archive_read_support_format_xar, &archive_read_support_format_zip_seekable})
        support(a);
    return a;
}

bool ArchiveReader::isPseudoFormat(int format)
{
    const int base = format & ARCHIVE_FORMAT_BASE_MASK;
    return base == 0 || base == ARCHIVE_FORMAT_RAW || base == ARCHIVE_FORMAT_EMPTY;
}

bool ArchiveReader::noFormatClaimed(archive *a)
{
    return archive_errno(a) == kUnrecognisedFormatErrno;
}

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
    m_expansionLimit = expansionLimitFor(m_file.size());
    QByteArray firstBytes;
    if (isEncryptedFile(&m_file)) {
        m_decrypt = std::make_unique<DecryptingReader>(m_key, &m_file);
        char head[4];
        const qint64 n = m_decrypt->read(head, sizeof head);
        if (n < 0 || !m_decrypt->rewind()) {
            *error = m_decrypt->errorString();
            return false;
        }
        firstBytes = QByteArray(head, int(n));
    } else {
        firstBytes = m_file.peek(4);
    }
    m_archive = newArchive();
    // What the streaming reader would have claimed: reported as a damaged zip.
    m_zipSignature = firstBytes == QByteArrayLiteral("PK\x03\x04");
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
        // Only "no format claimed it" makes a foreign file. A compressed stream (gzip, xz...)
        // that breaks before any format could bid is a damaged archive: calling it "checksum
        // only" would be rosier than the truth.
        m_recognised = m_zipSignature || !noFormatClaimed(m_archive);
        *error = m_zipSignature
                     ? QCoreApplication::translate("BackupStore",
                                                   "the zip file has no central directory (it "
                                                   "may be truncated)")
                     : m_openError;
        return Next::Failed;
    }
    if (!skipEntryData(error))
        return Next::Failed;
    const int rc = archive_read_next_header(m_archive, &m_entry);
    m_entryDataRead = rc != ARCHIVE_OK && rc != ARCHIVE_WARN;
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
    const char *utf8 = archive_entry_pathname_utf8(m_entry);
    const char *name = utf8 ? utf8 : archive_entry_pathname(m_entry);
    if (!name)
        return QString();
    const qsizetype length = qsizetype(strnlen(name, kMaxEntryNameBytes + 1));
    const qsizetype kept =
        length > kMaxEntryNameBytes ? cutPoint(name, kMaxEntryNameBytes) : length;
    QString text = utf8 ? QString::fromUtf8(name, kept) : QString::fromLocal8Bit(name, kept);
    if (kept < length)
        text += QChar(0x2026);
    return text;
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
    if (!sink)
        return readData(std::function<void(qint64, QByteArrayView)>(), error);
    return readData(
        [sink, maxBytes](qint64 offset, QByteArrayView block) {
            if (sink->size() >= maxBytes)
                return; // keep reading: the caller wants the whole entry checked
            // Sparse entries: the holes read as zeros.
            if (offset > sink->size())
                sink->append(QByteArray(qMin<qint64>(offset, maxBytes) - sink->size(), '\0'));
            const qint64 room = maxBytes - sink->size();
            sink->append(block.data(), qMin<qint64>(block.size(), room));
        },
        error);
}

bool ArchiveReader::readData(const std::function<void(qint64, QByteArrayView)> &consume,
                             QString *error)
{
    m_entryDataRead = true; // whatever happens below, next() does not read it again
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
        m_dataProduced += qint64(size);
        if (!withinExpansionLimit()) {
            *error = archiveError();
            return false;
        }
        if (consume)
            consume(qint64(offset),
                    QByteArrayView(static_cast<const char *>(block), qsizetype(size)));
    }
}

// libarchive skips the rest of an entry by decompressing it without calling back, unless it
// needs more of the file; a small file may expand enormously from what it already holds.
// Reading the rest here instead costs the same and counts every block.
bool ArchiveReader::skipEntryData(QString *error)
{
    if (m_entryDataRead || !m_entry || archive_filter_count(m_archive) < 2)
        return true;
    return readData(std::function<void(qint64, QByteArrayView)>(), error);
}

bool ArchiveReader::withinExpansionLimit()
{
    if (!m_expansionExceeded && m_archive &&
        (m_dataProduced > m_expansionLimit ||
         archive_filter_bytes(m_archive, 0) > m_expansionLimit))
        m_expansionExceeded = true;
    return !m_expansionExceeded;
}

bool ArchiveReader::finishHash(QString *error)
{
    if (!seekPlain(m_hashedUpTo)) {
        *error = plainError();
        return false;
    }
    for (;;) {
        const qint64 n = readPlain(m_buffer.data(), m_buffer.size());
        if (n < 0) {
            *error = plainError();
            return false;
        }
        if (n == 0) {
            if (m_decrypt)
                m_plainSize = m_hashedUpTo;
            return true;
        }
        consume(m_buffer.constData(), n);
    }
}

CryptoError ArchiveReader::cryptoError() const
{
    return m_decrypt ? m_decrypt->error() : CryptoError::None;
}

qint64 ArchiveReader::fileSize() const
{
    if (!m_decrypt)
        return m_file.size();
    return m_plainSize >= 0 ? m_plainSize : m_hashedUpTo;
}

qint64 ArchiveReader::readPlain(char *data, qint64 maxLen)
{
    return m_decrypt ? m_decrypt->read(data, maxLen) : m_file.read(data, maxLen);
}

bool ArchiveReader::seekPlain(qint64 target)
{
    if (!m_decrypt)
        return m_file.seek(target);
    if (target < m_decrypt->pos() && !m_decrypt->rewind())
        return false;
    while (m_decrypt->pos() < target) {
        if (m_decrypt->skip(target - m_decrypt->pos()) <= 0)
            return false;
    }
    return true;
}

qint64 ArchiveReader::plainPos() const
{
    return m_decrypt ? m_decrypt->pos() : m_file.pos();
}

// An encrypted file's plaintext size is known only once it was all read: the first SEEK_END
// decrypts it to the end (and leaves the position there).
qint64 ArchiveReader::plainSize()
{
    if (!m_decrypt)
        return m_file.size();
    if (m_plainSize < 0) {
        while (!m_decrypt->atEnd()) {
            if (m_decrypt->skip(kChunkSize) < 0)
                return -1;
        }
        m_plainSize = m_decrypt->pos();
    }
    return m_plainSize;
}

QString ArchiveReader::plainError() const
{
    if (m_decrypt && m_decrypt->error() != CryptoError::None)
        return m_decrypt->errorString();
    return m_file.errorString();
}

void ArchiveReader::consume(const char *data, qint64 size)
{
    if (m_hashedUpTo == 0 && GzipCheck::looksLikeGzip(data, size))
        m_gzip = std::make_unique<GzipCheck>();
    m_hash.addData(QByteArrayView(data, size));
    // Past the limit the archive is already rejected: no point inflating the rest again.
    if (m_gzip && !m_expansionExceeded)
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
    // Asking for more of the file is the moment to look at how much it has expanded so far,
    // also while libarchive skips data on its own.
    if (!r->withinExpansionLimit()) {
        archive_set_error(a, EFBIG, "%s", r->archiveError().toUtf8().constData());
        return ARCHIVE_FATAL;
    }
    const qint64 pos = r->plainPos();
    const qint64 n = r->readPlain(r->m_buffer.data(), r->m_buffer.size());
    if (n < 0) {
        archive_set_error(a, EIO, "%s", r->plainError().toUtf8().constData());
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
    if (whence == SEEK_CUR) {
        target += r->plainPos();
    } else if (whence == SEEK_END) {
        const qint64 size = r->plainSize();
        target = size < 0 ? -1 : target + size;
    }
    if (target < 0 || !r->seekPlain(target)) {
        const QString why =
            r->cryptoError() != CryptoError::None
                ? r->plainError()
                : QCoreApplication::translate("BackupStore", "Cannot seek in the file.");
        archive_set_error(a, EIO, "%s", why.toUtf8().constData());
        return ARCHIVE_FATAL;
    }
    return target;
}

QString ArchiveReader::archiveError() const
{
    // libarchive reports the refusal as whatever failed above it ("truncated input"...).
    if (m_expansionExceeded)
        return QCoreApplication::translate(
                   "BackupStore",
                   "it expands beyond %1 when decompressed, the most read from a file of this "
                   "size; reading stopped")
            .arg(QLocale().formattedDataSize(m_expansionLimit));
    // A decryption failure says more than what libarchive made of it.
    if (cryptoError() != CryptoError::None)
        return m_decrypt->errorString();
    if (const char *text = archive_error_string(m_archive))
        return QString::fromUtf8(text);
    // libarchive sets no text for some early ends (a gzip member without its trailer).
    if (m_file.pos() >= m_file.size())
        return QCoreApplication::translate("BackupStore", "the file ends too early");
    return QCoreApplication::translate("BackupStore", "unknown archive error");
}

} // namespace pbxvault
