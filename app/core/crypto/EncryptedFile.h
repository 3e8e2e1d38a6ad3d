#pragma once

// The encrypted backup file format, version 1 (also described in docs/encryption.md).
//
//   offset  size  field
//   0       7     magic "PBXVENC"
//   7       1     format version: 1
//   8       8     key id of the vault key (VaultKey::id())
//   16      4     chunk size C, big-endian: plaintext bytes per chunk (65536 when written
//                 by PBX Vault; a reader accepts 1 KiB to 1 MiB)
//   20      24    crypto_secretstream_xchacha20poly1305 header
//   44      ...   chunks, each exactly C + 17 bytes (plaintext + ABYTES)
//
// Every chunk carries C bytes of plaintext and the tag MESSAGE, except the last one, tagged
// FINAL, whose plaintext is the last 0 to C-1 bytes of data padded to C bytes (ISO/IEC
// 7816-4: 0x80 then zeros, sodium_pad). The 44 header bytes are the additional data of the
// first chunk, so changing any of them fails authentication. The three failures are told
// apart:
//   - truncated: the file ends after a MESSAGE chunk, or inside a chunk (every chunk has the
//     same size, so a short one is a cut one);
//   - wrong key: the key id differs and the first chunk does not open with it;
//   - corrupt: anything else that fails authentication, including a changed header byte
//     (then the first chunk does open with the header as it was written), or bytes after
//     the FINAL chunk.
// The padding costs at most one chunk per file and hides the exact plaintext size.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class QIODevice;

namespace pbxvault {

namespace encryptedfile {

constexpr char kMagic[] = "PBXVENC";
constexpr int kMagicSize = 7;
constexpr quint8 kVersion = 1;
constexpr int kKeyIdOffset = 8;
constexpr int kChunkSizeOffset = 16;
constexpr int kStreamHeaderOffset = 20;
constexpr int kStreamHeaderSize = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
constexpr int kHeaderSize = 44;
constexpr int kTagBytes = 17; // crypto_secretstream_xchacha20poly1305_ABYTES
constexpr int kDefaultChunkSize = 64 * 1024;
constexpr int kMinChunkSize = 1024;
constexpr int kMaxChunkSize = 1024 * 1024;

// The encrypted size of plaintextSize bytes with chunkSize.
qint64 encryptedSize(qint64 plaintextSize, int chunkSize = kDefaultChunkSize);

} // namespace encryptedfile

enum class CryptoError
{
    None,
    NoKey,              // the file is encrypted and no vault key is available
    NotEncrypted,       // no PBX Vault header: not an encrypted file (or its first bytes are lost)
    UnsupportedVersion, // written by a newer format
    WrongKey,           // encrypted with another vault key
    Truncated,          // ends before its final chunk
    Corrupt,            // damaged or tampered with
    Io                  // the device could not be read or written
};

// The operator-readable texts of the failures.
class CryptoMessages
{
    Q_DECLARE_TR_FUNCTIONS(CryptoMessages)

public:
    static QString noKey();
    static QString notEncrypted();
    static QString unsupportedVersion(int version);
    static QString wrongKey(const QString &fileKeyId, const QString &availableKeyId);
    static QString noKeyToEncrypt();
    static QString truncatedInHeader(qint64 offset);
    static QString truncatedAtChunkBoundary(qint64 offset);
    static QString truncatedInChunk(qint64 offset);
    static QString corruptChunk(qint64 chunk, qint64 offset);
    static QString corruptHeader();
    static QString trailingData(qint64 offset);
    static QString readFailed(const QString &detail);
    static QString writeFailed(const QString &detail);
};

// Whether the device's next bytes (peeked, not consumed) or the file starts with the magic.
bool isEncryptedFile(QIODevice *device);
bool isEncryptedFile(const QString &path);

} // namespace pbxvault
