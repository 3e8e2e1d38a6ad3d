#pragma once

// Reads an archive file through libarchive with Qt file I/O. For verification it also computes
// the file's SHA-256 and checks gzip CRCs from the same reads: a single pass over the file.

#include <QByteArray>
#include <QFile>
#include <QString>

#include "common/Sha256.h"

#include <archive.h>

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

    explicit ArchiveReader(const QString &path);
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader &) = delete;
    ArchiveReader &operator=(const ArchiveReader &) = delete;

    // Hash (and gzip-check) every byte of the file; finishHash() completes what libarchive
    // did not read.
    void enableVerification() { m_hashing = true; }

    bool open(QString *error); // false only when the file itself cannot be opened
    Next next(QString *error);
    // After the first next(): did libarchive identify a real archive format? Its "raw" and
    // "empty" pseudo-formats do not count.
    bool recognised() const { return m_recognised; }
    QString entryName() const;
    qint64 entrySize() const; // -1 when the header does not say
    bool entryIsDirectory() const;
    // Reads the current entry's data, keeping up to maxBytes of it in *sink (may be null).
    bool readData(QByteArray *sink, qint64 maxBytes, QString *error);

    bool finishHash(QString *error);
    QString sha256Hex() const;
    // After finishHash(): false when the file is gzip-compressed and a CRC or length is wrong.
    bool compressedDataIntact(QString *error) const;
    qint64 fileSize() const { return m_file.size(); }

private:
    static la_ssize_t readCallback(archive *a, void *self, const void **buffer);
    static la_int64_t seekCallback(archive *a, void *self, la_int64_t offset, int whence);
    QString archiveError() const;
    void consume(const char *data, qint64 size);

    QFile m_file;
    QByteArray m_buffer;
    archive *m_archive = nullptr;
    archive_entry *m_entry = nullptr;
    QString m_openError;
    bool m_hashing = false;
    bool m_firstHeader = true;
    bool m_recognised = false;
    qint64 m_hashedUpTo = 0; // bytes [0, m_hashedUpTo) are in m_hash
    Sha256 m_hash;
    std::unique_ptr<GzipCheck> m_gzip;
};

} // namespace pbxvault
