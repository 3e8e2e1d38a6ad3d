#include "DecryptingReader.h"
#include "ChunkSealer.h"

#include <QIODevice>
#include <QtEndian>

#include <sodium.h>

#include <cstring>

namespace pbxvault {

using namespace encryptedfile;

struct DecryptingReader::Private
{
    VaultKey key;
    QIODevice *in = nullptr;
    qint64 start = 0;

    crypto_secretstream_xchacha20poly1305_state state;
    ChunkSealer opener; // libsodium's pull, faster
    bool useOpener = opener.isAvailable();
    QByteArray header;
    int chunkSize = 0;
    QByteArray cipher;
    QByteArray plain;
    qint64 plainPos = 0;
    qint64 plainLen = 0;
    qint64 chunkIndex = 0;
    qint64 offset = 0; // bytes of the file consumed
    qint64 returned = 0;
    bool opened = false;
    bool finalSeen = false;
    QString fileKeyId;
    CryptoError error = CryptoError::None;
    QString errorString;

    ~Private() { wipe(); }

    void wipe()
    {
        sodium_memzero(&state, sizeof state);
        if (!plain.isEmpty())
            sodium_memzero(plain.data(), size_t(plain.size()));
    }

    bool fail(CryptoError e, const QString &message)
    {
        if (error == CryptoError::None) {
            error = e;
            errorString = message;
            qCWarning(lcCrypto).noquote() << "decryption failed:" << message;
        }
        return false;
    }

    // Reads until size bytes or the end of the device: how many, or -1.
    qint64 readFully(char *data, qint64 size)
    {
        qint64 total = 0;
        while (total < size) {
            const qint64 n = in->read(data + total, size - total);
            if (n < 0) {
                fail(CryptoError::Io, CryptoMessages::readFailed(in->errorString()));
                return -1;
            }
            if (n == 0)
                break;
            total += n;
        }
        offset += total;
        return total;
    }

    // crypto_secretstream_xchacha20poly1305_pull of one chunk into plain; 0 when authentic.
    int pull(unsigned char *tag, unsigned long long *plainSize, const char *in,
             unsigned long long inSize, const unsigned char *ad, unsigned long long adSize)
    {
        auto *out = reinterpret_cast<unsigned char *>(plain.data());
        const auto *cipherText = reinterpret_cast<const unsigned char *>(in);
        if (useOpener) {
            switch (opener.open(&state, out, tag, cipherText, std::size_t(inSize), ad,
                                std::size_t(adSize))) {
            case ChunkSealer::Opened::Authentic:
                *plainSize = inSize - crypto_secretstream_xchacha20poly1305_ABYTES;
                return 0;
            case ChunkSealer::Opened::Forged:
                return -1;
            case ChunkSealer::Opened::Refused:
                // The state is as it was: libsodium opens this chunk and the rest.
                qCWarning(lcCrypto) << "OpenSSL could not open a chunk: libsodium opens the rest";
                useOpener = false;
                break;
            }
        }
        return crypto_secretstream_xchacha20poly1305_pull(&state, out, plainSize, tag, cipherText,
                                                          inSize, ad, adSize);
    }

    // Opens a chunk with hdr (a header as written) as the first chunk's additional data.
    bool pullFirst(const QByteArray &hdr, int size, unsigned char *tag,
                   unsigned long long *plainSize)
    {
        if (crypto_secretstream_xchacha20poly1305_init_pull(
                &state,
                reinterpret_cast<const unsigned char *>(hdr.constData()) + kStreamHeaderOffset,
                key.bytes()) != 0) {
            return false;
        }
        return pull(tag, plainSize, cipher.constData(),
                    static_cast<unsigned long long>(size) + kTagBytes,
                    reinterpret_cast<const unsigned char *>(hdr.constData()), kHeaderSize) == 0;
    }

    bool open();
    bool changedChunkSize(QByteArray expected);
    bool nextChunk();
    bool accept(unsigned char tag, unsigned long long plainSize);
};

bool DecryptingReader::Private::open()
{
    if (opened)
        return error == CryptoError::None;
    opened = true;
    if (!ensureSodium())
        return fail(CryptoError::Io, CryptoMessages::readFailed(QStringLiteral("libsodium")));
    if (!in || !in->isReadable())
        return fail(CryptoError::Io, CryptoMessages::readFailed(in ? in->errorString()
                                                                   : QStringLiteral("no device")));

    header = QByteArray(kHeaderSize, '\0');
    const qint64 got = readFully(header.data(), kHeaderSize);
    if (got < 0)
        return false;
    const QByteArray magic(kMagic, kMagicSize);
    const bool magicOk = header.startsWith(magic);
    if (got < kHeaderSize) {
        if (magic.startsWith(header.left(int(got))) || magicOk)
            return fail(CryptoError::Truncated, CryptoMessages::truncatedInHeader(offset));
        return fail(CryptoError::NotEncrypted, CryptoMessages::notEncrypted());
    }
    if (key.isNull()) {
        return magicOk ? fail(CryptoError::NoKey, CryptoMessages::noKey())
                       : fail(CryptoError::NotEncrypted, CryptoMessages::notEncrypted());
    }
    const int version = quint8(header.at(kMagicSize));
    const QByteArray fileId = header.mid(kKeyIdOffset, VaultKey::kIdSize);
    fileKeyId = QString::fromLatin1(fileId.toHex());
    const QByteArray ourId = key.id();
    const quint32 declaredChunk = qFromBigEndian<quint32>(header.constData() + kChunkSizeOffset);
    const bool chunkOk =
        declaredChunk >= quint32(kMinChunkSize) && declaredChunk <= quint32(kMaxChunkSize);
    const bool versionOk = version == kVersion;
    const bool idOk = fileId == ourId;

    // With a header as written, the header as it should be: if the first chunk opens with
    // it, the file's header was changed after writing (tampering or damage), whatever the
    // changed field says.
    QByteArray expected = header;
    std::memcpy(expected.data(), kMagic, kMagicSize);
    expected[kMagicSize] = char(kVersion);
    std::memcpy(expected.data() + kKeyIdOffset, ourId.constData(), VaultKey::kIdSize);
    chunkSize = chunkOk ? int(declaredChunk) : kDefaultChunkSize;
    if (!chunkOk)
        qToBigEndian(quint32(chunkSize), expected.data() + kChunkSizeOffset);
    cipher = QByteArray(chunkSize + kTagBytes, '\0');
    plain = QByteArray(chunkSize, '\0');

    const qint64 n = readFully(cipher.data(), cipher.size());
    if (n < 0)
        return false;
    const bool headerAsWritten = magicOk && versionOk && idOk && chunkOk;
    if (!headerAsWritten) {
        unsigned char tag = 0;
        unsigned long long plainSize = 0;
        if (n == cipher.size() && pullFirst(expected, chunkSize, &tag, &plainSize))
            return fail(CryptoError::Corrupt, CryptoMessages::corruptHeader());
        if (!magicOk)
            return fail(CryptoError::NotEncrypted, CryptoMessages::notEncrypted());
        if (!versionOk)
            return fail(CryptoError::UnsupportedVersion,
                        CryptoMessages::unsupportedVersion(version));
        if (!idOk)
            return fail(CryptoError::WrongKey, CryptoMessages::wrongKey(fileKeyId, key.idHex()));
        return fail(CryptoError::Corrupt, CryptoMessages::corruptHeader());
    }
    unsigned char tag = 0;
    unsigned long long plainSize = 0;
    if (n == cipher.size() && pullFirst(header, chunkSize, &tag, &plainSize))
        return accept(tag, plainSize);
    if (chunkSize != kDefaultChunkSize && changedChunkSize(expected))
        return fail(CryptoError::Corrupt, CryptoMessages::corruptHeader());
    if (n == 0)
        return fail(CryptoError::Truncated, CryptoMessages::truncatedAtChunkBoundary(offset));
    if (n < cipher.size())
        return fail(CryptoError::Truncated, CryptoMessages::truncatedInChunk(offset));
    return fail(CryptoError::Corrupt, CryptoMessages::corruptChunk(0, kHeaderSize));
}

// Whether the first chunk opens with the chunk size PBX Vault writes instead of the declared
// one: then the declared size was changed (a cut or damaged file would otherwise show).
bool DecryptingReader::Private::changedChunkSize(QByteArray expected)
{
    if (in->isSequential() || !in->seek(start + kHeaderSize))
        return false;
    qToBigEndian(quint32(kDefaultChunkSize), expected.data() + kChunkSizeOffset);
    QByteArray first(kDefaultChunkSize + kTagBytes, '\0');
    qint64 total = 0;
    while (total < first.size()) {
        const qint64 n = in->read(first.data() + total, first.size() - total);
        if (n <= 0)
            return false;
        total += n;
    }
    cipher = first;
    plain = QByteArray(kDefaultChunkSize, '\0');
    unsigned char tag = 0;
    unsigned long long plainSize = 0;
    return pullFirst(expected, kDefaultChunkSize, &tag, &plainSize);
}

bool DecryptingReader::Private::nextChunk()
{
    const qint64 chunkOffset = offset;
    const qint64 n = readFully(cipher.data(), cipher.size());
    if (n < 0)
        return false;
    if (n == 0)
        return fail(CryptoError::Truncated, CryptoMessages::truncatedAtChunkBoundary(offset));
    if (n < cipher.size())
        return fail(CryptoError::Truncated, CryptoMessages::truncatedInChunk(offset));
    ++chunkIndex;
    unsigned char tag = 0;
    unsigned long long plainSize = 0;
    if (pull(&tag, &plainSize, cipher.constData(), static_cast<unsigned long long>(cipher.size()),
             nullptr, 0) != 0) {
        return fail(CryptoError::Corrupt, CryptoMessages::corruptChunk(chunkIndex, chunkOffset));
    }
    return accept(tag, plainSize);
}

bool DecryptingReader::Private::accept(unsigned char tag, unsigned long long plainSize)
{
    plainPos = 0;
    if (plainSize != static_cast<unsigned long long>(chunkSize))
        return fail(CryptoError::Corrupt, CryptoMessages::corruptChunk(chunkIndex, offset));
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
        plainLen = chunkSize;
        return true;
    }
    if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        return fail(CryptoError::Corrupt, CryptoMessages::corruptChunk(chunkIndex, offset));
    size_t unpadded = 0;
    if (sodium_unpad(&unpadded, reinterpret_cast<const unsigned char *>(plain.constData()),
                     size_t(chunkSize), size_t(chunkSize)) != 0) {
        return fail(CryptoError::Corrupt, CryptoMessages::corruptChunk(chunkIndex, offset));
    }
    plainLen = qint64(unpadded);
    finalSeen = true;
    char extra;
    const qint64 afterEnd = offset;
    const qint64 more = readFully(&extra, 1);
    if (more < 0)
        return false;
    if (more > 0)
        return fail(CryptoError::Corrupt, CryptoMessages::trailingData(afterEnd));
    return true;
}

DecryptingReader::DecryptingReader(const VaultKey &key, QIODevice *in)
    : d(std::make_unique<Private>())
{
    d->key = key;
    d->in = in;
    d->start = in ? in->pos() : 0;
}

DecryptingReader::~DecryptingReader() = default;

bool DecryptingReader::open()
{
    return d->open();
}

qint64 DecryptingReader::read(char *data, qint64 maxLen)
{
    if (!d->open())
        return -1;
    qint64 copied = 0;
    while (copied < maxLen) {
        if (d->error != CryptoError::None)
            break;
        if (d->plainPos == d->plainLen) {
            if (d->finalSeen || !d->nextChunk())
                break;
            continue;
        }
        const qint64 n = qMin(maxLen - copied, d->plainLen - d->plainPos);
        if (data)
            std::memcpy(data + copied, d->plain.constData() + d->plainPos, size_t(n));
        d->plainPos += n;
        copied += n;
    }
    d->returned += copied;
    if (copied == 0 && d->error != CryptoError::None)
        return -1;
    return copied;
}

qint64 DecryptingReader::skip(qint64 n)
{
    return read(nullptr, n);
}

bool DecryptingReader::rewind()
{
    if (!d->in || !d->in->seek(d->start))
        return d->fail(CryptoError::Io,
                       CryptoMessages::readFailed(d->in ? d->in->errorString() : QString()));
    VaultKey key = d->key;
    QIODevice *in = d->in;
    const qint64 start = d->start;
    d = std::make_unique<Private>();
    d->key = key;
    d->in = in;
    d->start = start;
    return d->open();
}

bool DecryptingReader::atEnd() const
{
    return d->error == CryptoError::None && d->finalSeen && d->plainPos == d->plainLen;
}

qint64 DecryptingReader::pos() const
{
    return d->returned;
}

QString DecryptingReader::fileKeyId() const
{
    return d->fileKeyId;
}

CryptoError DecryptingReader::error() const
{
    return d->error;
}

QString DecryptingReader::errorString() const
{
    return d->errorString;
}

} // namespace pbxvault
