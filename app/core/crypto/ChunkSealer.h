#pragma once

// Seals and opens one message of a crypto_secretstream_xchacha20poly1305 stream with OpenSSL's
// ChaCha20 and Poly1305 instead of libsodium's: the same bytes, verdicts and state afterwards,
// about three times as fast where OpenSSL has AVX-512 code (libsodium's portable code held the
// encryption of a 512 MiB backup to ~1.2 GB/s). libsodium keeps everything else: the stream's
// header and subkey (init_push, init_pull) and rekeying.

#include <sodium.h>

#include <cstddef>
#include <memory>

namespace pbxvault {

class ChunkSealer
{
public:
    ChunkSealer();
    ~ChunkSealer();
    ChunkSealer(const ChunkSealer &) = delete;
    ChunkSealer &operator=(const ChunkSealer &) = delete;

    // False when this build or OpenSSL lacks the algorithms: use libsodium's push.
    bool isAvailable() const;

    // As crypto_secretstream_xchacha20poly1305_push(state, out, nullptr, m, mlen, ad, adlen,
    // tag): out receives mlen + crypto_secretstream_xchacha20poly1305_ABYTES bytes. False
    // when OpenSSL fails; the state is then as it was, for libsodium's push to seal instead.
    bool push(crypto_secretstream_xchacha20poly1305_state *state, unsigned char *out,
              const unsigned char *m, std::size_t mlen, const unsigned char *ad, std::size_t adlen,
              unsigned char tag);

    enum class Opened
    {
        Authentic, // m holds the message, *tag its tag; the state moved on
        Forged,    // not authentic (or too short): nothing released, the state as it was
        Refused    // OpenSSL failed: the state as it was, for libsodium's pull to open instead
    };
    // As crypto_secretstream_xchacha20poly1305_pull(state, m, nullptr, tag, in, inlen, ad,
    // adlen): m receives inlen - crypto_secretstream_xchacha20poly1305_ABYTES bytes, written
    // only once the message is known authentic.
    Opened open(crypto_secretstream_xchacha20poly1305_state *state, unsigned char *m,
                unsigned char *tag, const unsigned char *in, std::size_t inlen,
                const unsigned char *ad, std::size_t adlen);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
