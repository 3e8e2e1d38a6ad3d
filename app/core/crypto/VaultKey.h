#pragma once

// The key that encrypts a vault's backups (libsodium's secretstream, see EncryptedFile.h).
// It lives in the OS keychain (VaultKeyStore) and, for the operator, as a recovery key
// (RecoveryKey). Its bytes are wiped when the object goes.

#include <QByteArray>
#include <QByteArrayView>
#include <QLoggingCategory>
#include <QString>

#include <array>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcCrypto)

// Calls sodium_init() once per process (thread-safe). False when libsodium cannot start.
bool ensureSodium();

class VaultKey
{
public:
    static constexpr int kSize = 32;  // crypto_secretstream_xchacha20poly1305_KEYBYTES
    static constexpr int kIdSize = 8; // bytes of the key id

    VaultKey() = default; // a null key
    ~VaultKey();
    VaultKey(const VaultKey &other);
    VaultKey &operator=(const VaultKey &other);

    // A fresh random key.
    static VaultKey generate();
    // A key from its raw bytes; null unless raw has exactly kSize bytes.
    static VaultKey fromBytes(QByteArrayView raw);

    bool isNull() const { return m_null; }
    const unsigned char *bytes() const { return m_bytes.data(); }

    // A short, non-secret fingerprint: a keyed BLAKE2b of a fixed context. Files record it so
    // that "wrong key" can be told from "damaged file", and errors can name the key.
    QByteArray id() const;
    QString idHex() const { return QString::fromLatin1(id().toHex()); }

    bool operator==(const VaultKey &other) const;
    bool operator!=(const VaultKey &other) const { return !(*this == other); }

private:
    std::array<unsigned char, kSize> m_bytes{};
    bool m_null = true;
};

} // namespace pbxvault
