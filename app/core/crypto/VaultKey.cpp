#include "VaultKey.h"

#include <sodium.h>

#include <cstring>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcCrypto, "pbxvault.crypto")

static_assert(VaultKey::kSize == crypto_secretstream_xchacha20poly1305_KEYBYTES);

bool ensureSodium()
{
    // A function-local static is initialised once even with concurrent callers.
    static const bool ready = [] {
        if (sodium_init() < 0) {
            qCCritical(lcCrypto) << "libsodium could not be initialised";
            return false;
        }
        return true;
    }();
    return ready;
}

VaultKey::~VaultKey()
{
    sodium_memzero(m_bytes.data(), m_bytes.size());
}

VaultKey::VaultKey(const VaultKey &other) : m_bytes(other.m_bytes), m_null(other.m_null) {}

VaultKey &VaultKey::operator=(const VaultKey &other)
{
    if (this != &other) {
        m_bytes = other.m_bytes;
        m_null = other.m_null;
    }
    return *this;
}

VaultKey VaultKey::generate()
{
    VaultKey key;
    if (!ensureSodium())
        return key;
    crypto_secretstream_xchacha20poly1305_keygen(key.m_bytes.data());
    key.m_null = false;
    return key;
}

VaultKey VaultKey::fromBytes(QByteArrayView raw)
{
    VaultKey key;
    if (raw.size() != kSize)
        return key;
    std::memcpy(key.m_bytes.data(), raw.data(), kSize);
    key.m_null = false;
    return key;
}

QByteArray VaultKey::id() const
{
    if (m_null || !ensureSodium())
        return {};
    static const char context[] = "PBX Vault key id v1";
    QByteArray out(kIdSize, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()),
                       reinterpret_cast<const unsigned char *>(context), sizeof(context) - 1,
                       m_bytes.data(), m_bytes.size());
    return out;
}

bool VaultKey::operator==(const VaultKey &other) const
{
    if (m_null || other.m_null)
        return m_null == other.m_null;
    return sodium_memcmp(m_bytes.data(), other.m_bytes.data(), kSize) == 0;
}

} // namespace pbxvault
