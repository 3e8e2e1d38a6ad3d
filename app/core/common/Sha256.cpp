#include "Sha256.h"

#ifdef PBXVAULT_HAVE_OPENSSL
#include <openssl/evp.h>
#else
#include <QCryptographicHash>
#endif

namespace pbxvault {

#ifdef PBXVAULT_HAVE_OPENSSL

struct Sha256::Private
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
};

Sha256::Sha256() : d(std::make_unique<Private>())
{
    EVP_DigestInit_ex(d->context, EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(d->context);
}

void Sha256::addData(QByteArrayView data)
{
    EVP_DigestUpdate(d->context, data.data(), size_t(data.size()));
}

QString Sha256::hex() const
{
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX_copy_ex(copy, d->context);
    EVP_DigestFinal_ex(copy, digest, &length);
    EVP_MD_CTX_free(copy);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

#else

struct Sha256::Private
{
    QCryptographicHash hash{QCryptographicHash::Sha256};
};

Sha256::Sha256() : d(std::make_unique<Private>()) {}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    d->hash.addData(data);
}

QString Sha256::hex() const
{
    return QString::fromLatin1(d->hash.result().toHex());
}

#endif

} // namespace pbxvault
