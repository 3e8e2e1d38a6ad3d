#pragma once

// Encrypts a stream of plaintext into the format of EncryptedFile.h as it is written: memory
// stays at one chunk whatever the size.

#include "EncryptedFile.h"
#include "VaultKey.h"

#include <QByteArrayView>

#include <memory>

class QIODevice;

namespace pbxvault {

class EncryptingWriter
{
public:
    // Writes to out (open for writing, not owned). chunkSize: plaintext bytes per chunk,
    // kMinChunkSize to kMaxChunkSize (tests use small ones to make many chunks).
    EncryptingWriter(const VaultKey &key, QIODevice *out,
                     int chunkSize = encryptedfile::kDefaultChunkSize);
    ~EncryptingWriter();
    EncryptingWriter(const EncryptingWriter &) = delete;
    EncryptingWriter &operator=(const EncryptingWriter &) = delete;

    // False when the device refuses the data (errorString() says why); then every later call
    // fails too.
    bool write(QByteArrayView plaintext);
    // Writes the FINAL chunk. Without it the file reads as truncated. Once only.
    bool finish();

    bool isFinished() const;
    qint64 plaintextSize() const;
    qint64 encryptedBytesWritten() const;
    CryptoError error() const;
    QString errorString() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
