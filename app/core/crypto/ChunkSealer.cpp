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

    // Starts the keystream of the state's nonce at block 0 and keys Poly1305 with that block.
    bool begin(const crypto_secretstream_xchacha20poly1305_state *state)
    {
        // OpenSSL's ChaCha20 takes the 32-bit block counter (little-endian) and the 96-bit
        // nonce as one 16-byte IV.
        unsigned char iv[16] = {};
        std::memcpy(iv + kCounterBytes, state->nonce, sizeof state->nonce);
        unsigned char block[kBlockBytes] = {};
        const bool ok =
            EVP_EncryptInit_ex(cipher, EVP_chacha20(), nullptr, state->k, iv) == 1 &&
            xorStream(block, block, sizeof block) &&
            EVP_MAC_init(mac, block, crypto_onetimeauth_poly1305_KEYBYTES, nullptr) == 1;
        OPENSSL_cleanse(block, sizeof block);
        return ok;
    }

    // The MAC's input after the additional data: the tag block as sent, the ciphertext, and
    // the lengths, with libsodium's padding rule (16 - 64 + mlen) mod 16, which the format
    // inherits.
    bool finishMac(const unsigned char *ad, std::size_t adlen, const unsigned char *tagBlock,
                   const unsigned char *cipherText, std::size_t mlen, unsigned char *macOut)
    {
        const unsigned long long adBytes = adlen;
        const unsigned long long cipherBytes = mlen;
        unsigned char lengths[16];
        qToLittleEndian(quint64(adBytes), lengths);
        qToLittleEndian(quint64(kBlockBytes + cipherBytes), lengths + 8);
        std::size_t macBytes = 0;
        return authenticate(ad, adlen) &&
               authenticate(kZeros, std::size_t((0x10 - adBytes) & 0xf)) &&
               authenticate(tagBlock, kBlockBytes) && authenticate(cipherText, mlen) &&
               authenticate(kZeros, std::size_t((0x10 - kBlockBytes + cipherBytes) & 0xf)) &&
               authenticate(lengths, sizeof lengths) &&
               EVP_MAC_final(mac, macOut, &macBytes, crypto_onetimeauth_poly1305_BYTES) == 1 &&
               macBytes == crypto_onetimeauth_poly1305_BYTES;
    }
};

// The state moves on as libsodium's does: the MAC folded into the nonce, the counter up by
// one, a new subkey when asked or when the counter wraps.
static void advance(crypto_secretstream_xchacha20poly1305_state *state, const unsigned char *mac,
                    unsigned char tag)
{
    for (std::size_t i = 0; i < kInonceBytes; ++i)
        state->nonce[kCounterBytes + i] ^= mac[i];
    sodium_increment(state->nonce, kCounterBytes);
    if ((tag & crypto_secretstream_xchacha20poly1305_TAG_REKEY) != 0 ||
        sodium_is_zero(state->nonce, kCounterBytes))
        crypto_secretstream_xchacha20poly1305_rekey(state);
}

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
    // Block 0 keys the MAC, block 1 carries the tag, the message starts at block 2: the
    // layout of libsodium's push.
    unsigned char block[kBlockBytes] = {};
    block[0] = tag;
    unsigned char *const cipherText = out + 1;
    unsigned char *const macOut = cipherText + mlen;
    const bool ok = d->begin(state) && d->xorStream(block, block, sizeof block) &&
                    d->xorStream(cipherText, m, mlen) &&
                    d->finishMac(ad, adlen, block, cipherText, mlen, macOut);
    out[0] = block[0];
    OPENSSL_cleanse(block, sizeof block);
    if (!ok)
        return false;
    advance(state, macOut, tag);
    return true;
}

ChunkSealer::Opened ChunkSealer::open(crypto_secretstream_xchacha20poly1305_state *state,
                                      unsigned char *m, unsigned char *tag, const unsigned char *in,
                                      std::size_t inlen, const unsigned char *ad, std::size_t adlen)
{
    if (inlen < crypto_secretstream_xchacha20poly1305_ABYTES)
        return Opened::Forged;
    const std::size_t mlen = inlen - crypto_secretstream_xchacha20poly1305_ABYTES;
    if (mlen > crypto_secretstream_xchacha20poly1305_MESSAGEBYTES_MAX)
        return Opened::Forged;
    if (!isAvailable())
        return Opened::Refused;
    // The MAC covers the tag block as the sender had it: the sent tag byte, then the rest of
    // keystream block 1.
    unsigned char block[kBlockBytes] = {};
    block[0] = in[0];
    const unsigned char *const cipherText = in + 1;
    unsigned char mac[crypto_onetimeauth_poly1305_BYTES];
    bool ok = d->begin(state) && d->xorStream(block, block, sizeof block);
    const unsigned char openedTag = block[0];
    block[0] = in[0];
    ok = ok && d->finishMac(ad, adlen, block, cipherText, mlen, mac);
    OPENSSL_cleanse(block, sizeof block);
    if (!ok)
        return Opened::Refused;
    if (CRYPTO_memcmp(mac, cipherText + mlen, sizeof mac) != 0) {
        OPENSSL_cleanse(mac, sizeof mac);
        return Opened::Forged;
    }
    // Authentic: the keystream goes on at block 2.
    if (!d->xorStream(m, cipherText, mlen)) {
        OPENSSL_cleanse(m, mlen);
        return Opened::Refused;
    }
    advance(state, mac, openedTag);
    OPENSSL_cleanse(mac, sizeof mac);
    *tag = openedTag;
    return Opened::Authentic;
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

ChunkSealer::Opened ChunkSealer::open(crypto_secretstream_xchacha20poly1305_state *,
                                      unsigned char *, unsigned char *, const unsigned char *,
                                      std::size_t, const unsigned char *, std::size_t)
{
    return Opened::Refused;
}

#endif

} // namespace pbxvault
