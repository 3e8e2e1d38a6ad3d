#pragma once

// Reads an archive file through libarchive with Qt file I/O. For verification it also computes
// the file's SHA-256 and checks gzip CRCs from the same reads: a single pass over the file.
//
// An encrypted file (crypto/EncryptedFile.h) is read through DecryptingReader when a vault key
// is set: libarchive, the hash and the gzip check all see the plaintext. Its seeks rewind and
// skip forward (tar.gz never seeks; zip does, a few times).
//
// Archives are untrusted: reading fails once they expand beyond expansionLimit() (a
// decompression bomb ends in bounded time), and member names are cut at kMaxEntryNameBytes.

#include <QByteArray>
#include <QFile>
#include <QString>

#include "common/Sha256.h"
#include "crypto/DecryptingReader.h"

#include <archive.h>

#include <functional>
#include <memory>

namespace pbxvault {

class GzipCheck;

class ArchiveReader
{
public:
    enum class Next
    {
        Entry,
        End,
        Failed
    };

    // Uncompressed bytes allowed: kMaxExpansionRatio times the file's size, at least
    // kMinExpansionLimit (small archives of very compressible data are legitimate), at most
    // kMaxExpandedBytes. Counted both after the compression filter (tar.gz, tar.xz...) and as
    // member data produced by the format (zip, 7z).
    static constexpr qint64 kMaxExpandedBytes = qint64(64) << 30;
    static constexpr qint64 kMaxExpansionRatio = 1000;
    static constexpr qint64 kMinExpansionLimit = qint64(64) << 20;
    static constexpr int kMaxEntryNameBytes = 4096; // PATH_MAX: no real member name is longer
    static qint64 expansionLimitFor(qint64 fileSize);

    // A libarchive reader with the compressions and formats read here (none that would start
    // an external program), for readers of other sources that must judge archives alike.
    static archive *newArchive();
    // libarchive's "raw" and "empty" pseudo-formats (and none at all) are not archives.
    static bool isPseudoFormat(int format);
    // archive_read_open1() failed because no format claimed the data.
    static bool noFormatClaimed(archive *a);

    explicit ArchiveReader(const QString &path);
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader &) = delete;
    ArchiveReader &operator=(const ArchiveReader &) = delete;

    // Hash (and gzip-check) every byte of the file; finishHash() completes what libarchive
    // did not read.
    void enableVerification() { m_hashing = true; }

    // Before open(): the key for an encrypted file (copied). Without one, an encrypted file
    // fails to open with CryptoError::NoKey.
    void setKey(const VaultKey &key) { m_key = key; }

    // False when the file itself cannot be opened, or is encrypted and cannot be decrypted
    // with the key (cryptoError() says why).
    bool open(QString *error);
    bool isEncrypted() const { return m_decrypt != nullptr; }
    // Why decryption failed (at open or while reading); None for a plain file.
    CryptoError cryptoError() const;
    // Overrides the limit computed by open(); call after open().
    void setExpansionLimit(qint64 bytes) { m_expansionLimit = bytes; }
    qint64 expansionLimit() const { return m_expansionLimit; }
    // Reading stopped because the archive expands beyond expansionLimit().
    bool expansionExceeded() const { return m_expansionExceeded; }
    Next next(QString *error);
    // After the first next(): did libarchive identify a real archive format? Its "raw" and
    // "empty" pseudo-formats do not count.
    bool recognised() const { return m_recognised; }
    QString entryName() const; // cut at kMaxEntryNameBytes, then marked with an ellipsis
    qint64 entrySize() const;  // -1 when the header does not say
    bool entryIsDirectory() const;
    // Reads the current entry's data, keeping up to maxBytes of it in *sink (may be null).
    bool readData(QByteArray *sink, qint64 maxBytes, QString *error);
    // Reads the current entry's data block by block: consume(offset in the entry, block).
    // Blocks are valid only during the call; offsets skip the holes of sparse entries.
    bool readData(const std::function<void(qint64, QByteArrayView)> &consume, QString *error);

    bool finishHash(QString *error);
    QString sha256Hex() const;
    // After finishHash(): false when the file is gzip-compressed and a CRC or length is wrong.
    bool compressedDataIntact(QString *error) const;
    // The plaintext's size for an encrypted file (known once all of it was read, e.g. after
    // finishHash()), else the file's.
    qint64 fileSize() const;

private:
    static la_ssize_t readCallback(archive *a, void *self, const void **buffer);
    static la_int64_t seekCallback(archive *a, void *self, la_int64_t offset, int whence);
    QString archiveError() const;
    void consume(const char *data, qint64 size);
    bool withinExpansionLimit();
    bool skipEntryData(QString *error);
    // The plaintext stream: the file, or what DecryptingReader makes of it.
    qint64 readPlain(char *data, qint64 maxLen);
    bool seekPlain(qint64 target);
    qint64 plainPos() const;
    qint64 plainSize();
    QString plainError() const;

    QFile m_file;
    QByteArray m_buffer;
    archive *m_archive = nullptr;
    archive_entry *m_entry = nullptr;
    QString m_openError;
    bool m_hashing = false;
    bool m_firstHeader = true;
    bool m_recognised = false;
    bool m_zipSignature = false; // the file starts like a zip
    bool m_entryDataRead = true; // the current entry's data was read to its end (or failed)
    bool m_expansionExceeded = false;
    qint64 m_expansionLimit = kMinExpansionLimit;
    qint64 m_dataProduced = 0; // member data bytes handed out by libarchive
    qint64 m_hashedUpTo = 0;   // bytes [0, m_hashedUpTo) are in m_hash
    Sha256 m_hash;
    std::unique_ptr<GzipCheck> m_gzip;
    VaultKey m_key;
    std::unique_ptr<DecryptingReader> m_decrypt; // set for an encrypted file
    qint64 m_plainSize = -1;                     // of an encrypted file, once known
};

} // namespace pbxvault
