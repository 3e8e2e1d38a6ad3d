#pragma once

// Reads the plaintext of an encrypted file (EncryptedFile.h) on demand, one chunk in memory at
// a time. Every byte it returns has been authenticated; a damaged, cut or foreign file fails
// with the matching CryptoError as soon as the reading reaches the damage, and the end of the
// data is reported only after the FINAL chunk checked out.

#include "EncryptedFile.h"
#include "VaultKey.h"

#include <memory>

class QIODevice;

namespace pbxvault {

class DecryptingReader
{
public:
    // Reads from in (open for reading, blocking like a QFile; not owned), starting at its
    // current position. A null key makes an encrypted file fail with NoKey.
    DecryptingReader(const VaultKey &key, QIODevice *in);
    ~DecryptingReader();
    DecryptingReader(const DecryptingReader &) = delete;
    DecryptingReader &operator=(const DecryptingReader &) = delete;

    // Reads the header and the first chunk: false when the file cannot be opened with this
    // key (error() tells why). read() calls it when needed.
    bool open();
    // Up to maxLen plaintext bytes; 0 at the verified end; -1 on error.
    qint64 read(char *data, qint64 maxLen);
    // Discards up to n bytes; how many, or -1 on error.
    qint64 skip(qint64 n);
    // Back to the start of the plaintext (seeks the device back): for readers that must seek.
    bool rewind();

    bool atEnd() const;        // the FINAL chunk was read and all of its data returned
    qint64 pos() const;        // plaintext bytes returned (or skipped) so far
    QString fileKeyId() const; // hex, from the header (empty before open())

    CryptoError error() const;
    QString errorString() const;

    static bool isEncrypted(QIODevice *device) { return isEncryptedFile(device); }
    static bool isEncrypted(const QString &path) { return isEncryptedFile(path); }

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
