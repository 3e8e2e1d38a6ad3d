#include "ChunkSealer.h"

#include <QtEndian>

#ifdef PBXVAULT_HAVE_OPENSSL
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#endif

#include <climits>
#include <cstring>

namespace pbxvault {

#ifdef PBXVAULT_HAVE_OPENSSL

namespace {

constexpr std::size_t kBlockBytes = 64; // one ChaCha20 block
constexpr std::size_t kCounterBytes = 4;
constexpr std::size_t kInonceBytes = 8;
constexpr unsigned char kZeros[16] = {};

} // namespace

struct ChunkSealer::Private
{
    EVP_CIPHER_CTX *cipher = nullptr;
    EVP_MAC *macAlgorithm = nullptr;
    EVP_MAC_CTX *mac = nullptr;

    ~Private()
    {
        EVP_MAC_CTX_free(mac);
        EVP_MAC_free(macAlgorithm);
        EVP_CIPHER_CTX_free(cipher);
    }

    bool xorStream(unsigned char *out, const unsigned char *in, std::size_t size)
    {
        int written = 0;
        return size <= std::size_t(INT_MAX) &&
               EVP_EncryptUpdate(cipher, out, &written, in, int(size)) == 1 &&
               std::size_t(written) == size;
    }

    bool authenticate(const unsigned char *data, std::size_t size)
    {
        return size == 0 || EVP_MAC_update(mac, data, size) == 1;
    }
};

ChunkSealer::ChunkSealer() : d(std::make_unique<Private>())
{
    d->cipher = EVP_CIPHER_CTX_new();
    d->macAlgorithm = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_POLY1305, nullptr);
    if (d->macAlgorithm)
        d->mac = EVP_MAC_CTX_new(d->macAlgorithm);
}

ChunkSealer::~ChunkSealer() = default;

bool ChunkSealer::isAvailable() const
{
    return d->cipher && d->mac && EVP_chacha20();
}

bool ChunkSealer::push(crypto_secretstream_xchacha20poly1305_state *state, unsigned char *out,
                       const unsigned char *m, std::size_t mlen, const unsigned char *ad,
                       std::size_t adlen, unsigned char tag)
{
    if (!isAvailable() || mlen > crypto_secretstream_xchacha20poly1305_MESSAGEBYTES_MAX)
        return false;
    // OpenSSL's ChaCha20 takes the 32-bit block counter (little-endian) and the 96-bit nonce
    // as one 16-byte IV. Block 0 gives the Poly1305 key, block 1 carries the tag, the message
    // starts at block 2: the layout of libsodium's push.
    unsigned char iv[16] = {};
    std::memcpy(iv + kCounterBytes, state->nonce, sizeof state->nonce);
    unsigned char block[kBlockBytes] = {};
    unsigned char *const cipherText = out + 1;
    const unsigned long long adBytes = adlen;
    const unsigned long long cipherBytes = mlen;
    bool ok = EVP_EncryptInit_ex(d->cipher, EVP_chacha20(), nullptr, state->k, iv) == 1 &&
              d->xorStream(block, block, sizeof block) &&
              EVP_MAC_init(d->mac, block, crypto_onetimeauth_poly1305_KEYBYTES, nullptr) == 1;
    OPENSSL_cleanse(block, sizeof block);
    std::memset(block, 0, sizeof block);
    block[0] = tag;
    ok = ok && d->authenticate(ad, adlen) &&
         d->authenticate(kZeros, std::size_t((0x10 - adBytes) & 0xf)) &&
         d->xorStream(block, block, sizeof block) && d->authenticate(block, sizeof block);
    out[0] = block[0];
    ok = ok && d->xorStream(cipherText, m, mlen) && d->authenticate(cipherText, mlen) &&
         // libsodium pads by (16 - 64 + mlen) mod 16, which the stream's format inherits.
         d->authenticate(kZeros, std::size_t((0x10 - kBlockBytes + cipherBytes) & 0xf));
    unsigned char lengths[16];
    qToLittleEndian(quint64(adBytes), lengths);
    qToLittleEndian(quint64(kBlockBytes + cipherBytes), lengths + 8);
    unsigned char *const tagOut = cipherText + mlen;
    std::size_t macBytes = 0;
    ok = ok && d->authenticate(lengths, sizeof lengths) &&
         EVP_MAC_final(d->mac, tagOut, &macBytes, crypto_onetimeauth_poly1305_BYTES) == 1 &&
         macBytes == crypto_onetimeauth_poly1305_BYTES;
    OPENSSL_cleanse(block, sizeof block);
    if (!ok)
        return false;
    // The state moves on as libsodium's does: the MAC folded into the nonce, the counter up
    // by one, a new subkey when asked or when the counter wraps.
    for (std::size_t i = 0; i < kInonceBytes; ++i)
        state->nonce[kCounterBytes + i] ^= tagOut[i];
    sodium_increment(state->nonce, kCounterBytes);
    if ((tag & crypto_secretstream_xchacha20poly1305_TAG_REKEY) != 0 ||
        sodium_is_zero(state->nonce, kCounterBytes))
        crypto_secretstream_xchacha20poly1305_rekey(state);
    return true;
}

#else

struct ChunkSealer::Private
{
};

ChunkSealer::ChunkSealer() : d(std::make_unique<Private>()) {}

ChunkSealer::~ChunkSealer() = default;

bool ChunkSealer::isAvailable() const
{
    return false;
}

bool ChunkSealer::push(crypto_secretstream_xchacha20poly1305_state *, unsigned char *,
                       const unsigned char *, std::size_t, const unsigned char *, std::size_t,
                       unsigned char)
{
    return false;
}

#endif

} // namespace pbxvault
