#include "EncryptingWriter.h"
#include "ChunkSealer.h"

#include <QIODevice>
#include <QtEndian>

#include <sodium.h>

#include <cstring>

namespace pbxvault {

using namespace encryptedfile;

struct EncryptingWriter::Private
{
    VaultKey key;
    QIODevice *out = nullptr;
    int chunkSize = kDefaultChunkSize;
    crypto_secretstream_xchacha20poly1305_state state;
    ChunkSealer sealer; // libsodium's push, faster
    bool useSealer = sealer.isAvailable();
    QByteArray header;    // written before the first chunk, its additional data
    QByteArray plaintext; // the chunk being filled (capacity chunkSize)
    qint64 filled = 0;
    QByteArray cipher; // chunkSize + kTagBytes
    qint64 plaintextSize = 0;
    qint64 written = 0;
    bool headerWritten = false;
    bool finished = false;
    CryptoError error = CryptoError::None;
    QString errorString;

    ~Private()
    {
        sodium_memzero(&state, sizeof state);
        sodium_memzero(plaintext.data(), size_t(plaintext.size()));
    }

    bool fail(CryptoError e, const QString &message)
    {
        if (error == CryptoError::None) {
            error = e;
            errorString = message;
            qCWarning(lcCrypto).noquote() << "encryption failed:" << message;
        }
        return false;
    }

    bool put(const char *data, qint64 size)
    {
        while (size > 0) {
            const qint64 n = out->write(data, size);
            if (n <= 0)
                return fail(CryptoError::Io, CryptoMessages::writeFailed(out->errorString()));
            data += n;
            size -= n;
            written += n;
        }
        return true;
    }

    bool start()
    {
        if (error != CryptoError::None)
            return false;
        if (headerWritten)
            return true;
        headerWritten = true;
        return put(header.constData(), header.size());
    }

    bool pushChunk(unsigned char tag)
    {
        const bool ok = pushChunkFrom(plaintext.constData(), tag);
        sodium_memzero(plaintext.data(), size_t(plaintext.size()));
        filled = 0;
        return ok;
    }

    // Encrypts chunkSize bytes at data, which may be the caller's own buffer.
    bool pushChunkFrom(const char *data, unsigned char tag)
    {
        const unsigned char *ad = nullptr;
        unsigned long long adSize = 0;
        if (written == kHeaderSize) { // the first chunk authenticates the header
            ad = reinterpret_cast<const unsigned char *>(header.constData());
            adSize = kHeaderSize;
        }
        auto *out = reinterpret_cast<unsigned char *>(cipher.data());
        const auto *in = reinterpret_cast<const unsigned char *>(data);
        unsigned long long cipherSize = 0;
        if (useSealer &&
            sealer.push(&state, out, in, std::size_t(chunkSize), ad, std::size_t(adSize), tag)) {
            cipherSize = static_cast<unsigned long long>(chunkSize) +
                         crypto_secretstream_xchacha20poly1305_ABYTES;
        } else {
            // A refusal leaves the state as it was (a FIPS-only OpenSSL, say): libsodium
            // seals this chunk and the rest, to the same bytes.
            if (useSealer)
                qCWarning(lcCrypto) << "OpenSSL could not seal a chunk: libsodium seals the rest";
            useSealer = false;
            crypto_secretstream_xchacha20poly1305_push(&state, out, &cipherSize, in,
                                                       static_cast<unsigned long long>(chunkSize),
                                                       ad, adSize, tag);
        }
        return put(cipher.constData(), qint64(cipherSize));
    }
};

EncryptingWriter::EncryptingWriter(const VaultKey &key, QIODevice *out, int chunkSize)
    : d(std::make_unique<Private>())
{
    d->key = key;
    d->out = out;
    d->chunkSize = chunkSize;
    if (!ensureSodium() || key.isNull()) {
        d->fail(CryptoError::NoKey, CryptoMessages::noKeyToEncrypt());
        return;
    }
    if (chunkSize < kMinChunkSize || chunkSize > kMaxChunkSize) {
        d->fail(CryptoError::Io, QStringLiteral("invalid chunk size %1").arg(chunkSize));
        return;
    }
    if (!out || !out->isWritable()) {
        d->fail(CryptoError::Io, CryptoMessages::writeFailed(out ? out->errorString()
                                                                 : QStringLiteral("no device")));
        return;
    }
    d->header = QByteArray(kHeaderSize, '\0');
    char *h = d->header.data();
    std::memcpy(h, kMagic, kMagicSize);
    h[kMagicSize] = char(kVersion);
    const QByteArray id = key.id();
    std::memcpy(h + kKeyIdOffset, id.constData(), VaultKey::kIdSize);
    qToBigEndian(quint32(chunkSize), h + kChunkSizeOffset);
    crypto_secretstream_xchacha20poly1305_init_push(
        &d->state, reinterpret_cast<unsigned char *>(h + kStreamHeaderOffset), key.bytes());
    d->plaintext = QByteArray(chunkSize, '\0');
    d->cipher = QByteArray(chunkSize + kTagBytes, '\0');
}

EncryptingWriter::~EncryptingWriter() = default;

bool EncryptingWriter::write(QByteArrayView plaintext)
{
    if (d->finished)
        return d->fail(CryptoError::Io, CryptoMessages::writeFailed(QStringLiteral("finished")));
    if (!d->start())
        return false;
    const char *data = plaintext.data();
    qint64 size = plaintext.size();
    while (size > 0) {
        // A full chunk goes out only when more data follows: the FINAL one is never full.
        if (d->filled == d->chunkSize &&
            !d->pushChunk(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
            return false;
        // A whole chunk of the caller's with more after it is encrypted where it lies.
        if (d->filled == 0 && size > d->chunkSize) {
            if (!d->pushChunkFrom(data, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
                return false;
            d->plaintextSize += d->chunkSize;
            data += d->chunkSize;
            size -= d->chunkSize;
            continue;
        }
        const qint64 n = qMin(size, qint64(d->chunkSize) - d->filled);
        std::memcpy(d->plaintext.data() + d->filled, data, size_t(n));
        d->filled += n;
        d->plaintextSize += n;
        data += n;
        size -= n;
    }
    return true;
}

bool EncryptingWriter::finish()
{
    if (d->finished)
        return d->fail(CryptoError::Io, CryptoMessages::writeFailed(QStringLiteral("finished")));
    if (!d->start())
        return false;
    if (d->filled == d->chunkSize &&
        !d->pushChunk(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
        return false;
    size_t padded = 0;
    if (sodium_pad(&padded, reinterpret_cast<unsigned char *>(d->plaintext.data()),
                   size_t(d->filled), size_t(d->chunkSize), size_t(d->chunkSize)) != 0 ||
        padded != size_t(d->chunkSize)) {
        return d->fail(CryptoError::Io, CryptoMessages::writeFailed(QStringLiteral("padding")));
    }
    if (!d->pushChunk(crypto_secretstream_xchacha20poly1305_TAG_FINAL))
        return false;
    d->finished = true;
    return true;
}

bool EncryptingWriter::isFinished() const
{
    return d->finished;
}

qint64 EncryptingWriter::plaintextSize() const
{
    return d->plaintextSize;
}

qint64 EncryptingWriter::encryptedBytesWritten() const
{
    return d->written;
}

CryptoError EncryptingWriter::error() const
{
    return d->error;
}

QString EncryptingWriter::errorString() const
{
    return d->errorString;
}

} // namespace pbxvault
