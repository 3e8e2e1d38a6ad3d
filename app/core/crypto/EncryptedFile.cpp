#include "EncryptedFile.h"

#include <QFile>

#include <sodium.h>

namespace pbxvault {

static_assert(encryptedfile::kStreamHeaderSize ==
              crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(encryptedfile::kTagBytes == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(encryptedfile::kHeaderSize ==
              encryptedfile::kStreamHeaderOffset + encryptedfile::kStreamHeaderSize);

qint64 encryptedfile::encryptedSize(qint64 plaintextSize, int chunkSize)
{
    const qint64 chunks = plaintextSize / chunkSize + 1; // the FINAL chunk holds < chunkSize
    return kHeaderSize + chunks * (chunkSize + kTagBytes);
}

QString CryptoMessages::noKey()
{
    return tr("This backup is encrypted and the vault key is not available. Import the "
              "vault's recovery key to open it.");
}

QString CryptoMessages::notEncrypted()
{
    return tr("The file is not a PBX Vault encrypted file, or its first bytes are damaged.");
}

QString CryptoMessages::unsupportedVersion(int version)
{
    return tr("The file uses encryption format version %1, which this version of PBX Vault "
              "cannot read (or its header is damaged).")
        .arg(version);
}

QString CryptoMessages::wrongKey(const QString &fileKeyId, const QString &availableKeyId)
{
    return tr("The file was encrypted with another vault key (key id %1; the key available "
              "has id %2). Import the recovery key of the vault the file comes from.")
        .arg(fileKeyId, availableKeyId);
}

QString CryptoMessages::noKeyToEncrypt()
{
    return tr("The backup cannot be encrypted: the vault key is not available.");
}

QString CryptoMessages::truncatedInHeader(qint64 offset)
{
    return tr("The encrypted file is truncated: it ends at byte %1, inside its header.")
        .arg(offset);
}

QString CryptoMessages::truncatedAtChunkBoundary(qint64 offset)
{
    return tr("The encrypted file is truncated: it ends at byte %1, before its last block.")
        .arg(offset);
}

QString CryptoMessages::truncatedInChunk(qint64 offset)
{
    return tr("The encrypted file is truncated: it ends at byte %1, in the middle of a block.")
        .arg(offset);
}

QString CryptoMessages::corruptChunk(qint64 chunk, qint64 offset)
{
    return tr("The encrypted file is corrupt or has been tampered with: block %1 (at byte %2) "
              "fails its authentication check.")
        .arg(chunk)
        .arg(offset);
}

QString CryptoMessages::corruptHeader()
{
    return tr("The encrypted file is corrupt or has been tampered with: its header was "
              "changed.");
}

QString CryptoMessages::trailingData(qint64 offset)
{
    return tr("The encrypted file is corrupt or has been tampered with: there is data after "
              "its last block (at byte %1).")
        .arg(offset);
}

QString CryptoMessages::readFailed(const QString &detail)
{
    return tr("The encrypted file could not be read: %1").arg(detail);
}

QString CryptoMessages::writeFailed(const QString &detail)
{
    return tr("The encrypted file could not be written: %1").arg(detail);
}

bool isEncryptedFile(QIODevice *device)
{
    if (!device || !device->isReadable())
        return false;
    return device->peek(encryptedfile::kMagicSize) ==
           QByteArray(encryptedfile::kMagic, encryptedfile::kMagicSize);
}

bool isEncryptedFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return isEncryptedFile(&file);
}

} // namespace pbxvault
