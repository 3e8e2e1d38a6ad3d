#include "VaultKeyStore.h"
#include "RecoveryKey.h"

#include <QMetaObject>

namespace pbxvault {

namespace {

VaultKeyError fromSecretError(SecretError e)
{
    switch (e) {
    case SecretError::None:
        return VaultKeyError::None;
    case SecretError::NotFound:
        return VaultKeyError::NotFound;
    case SecretError::Unavailable:
        return VaultKeyError::Unavailable;
    case SecretError::Denied:
        return VaultKeyError::Denied;
    case SecretError::Other:
        break;
    }
    return VaultKeyError::Other;
}

// Calls done from the event loop, as SecretStore does (never inside the request).
void deliverLater(QObject *context, SecretStore *secrets, const VaultKeyCallback &done,
                  const VaultKeyResult &r)
{
    QObject *target = context   ? context
                      : secrets ? static_cast<QObject *>(secrets)
                                : QCoreApplication::instance();
    QMetaObject::invokeMethod(
        target, [done, r] { done(r); }, Qt::QueuedConnection);
}

} // namespace

VaultKeyStore::VaultKeyStore(SecretStore *secrets, const QString &catalogId)
    : m_secrets(secrets), m_catalogId(catalogId)
{}

QString VaultKeyStore::secretKey(const QString &catalogId)
{
    return QStringLiteral("vault-key/%1").arg(catalogId);
}

void VaultKeyStore::loadThen(QObject *context,
                             const std::function<void(const VaultKeyResult &)> &next)
{
    if (!m_secrets) {
        deliverLater(context, nullptr, next,
                     {VaultKeyError::Unavailable, tr("No keychain is available."), {}, {}});
        return;
    }
    m_secrets->readSecret(secretKey(m_catalogId), context, [next](const SecretResult &s) {
        VaultKeyResult r;
        if (s.error == SecretError::NotFound) {
            r.error = VaultKeyError::NotFound;
            r.message = tr("This vault has no encryption key in the system keychain. Import "
                           "its recovery key to read its encrypted backups.");
        } else if (!s.ok()) {
            r.error = fromSecretError(s.error);
            r.message = s.message;
        } else {
            QString why;
            r.key = RecoveryKey::parse(s.secret, &why);
            if (r.key.isNull()) {
                r.error = VaultKeyError::InvalidKey;
                r.message = tr("The vault key stored in the system keychain is unreadable. "
                               "Import the vault's recovery key again.");
                qCWarning(lcCrypto) << "stored vault key unreadable";
            }
        }
        next(r);
    });
}

void VaultKeyStore::store(const VaultKey &key, QObject *context, const VaultKeyCallback &done)
{
    const QString text = RecoveryKey::format(key);
    if (!m_secrets) {
        deliverLater(context, nullptr, done,
                     {VaultKeyError::Unavailable, tr("No keychain is available."), {}, {}});
        return;
    }
    m_secrets->writeSecret(secretKey(m_catalogId), text, context,
                           [done, key, text](const SecretResult &s) {
                               VaultKeyResult r;
                               if (!s.ok()) {
                                   r.error = fromSecretError(s.error);
                                   r.message = s.message;
                               } else {
                                   qCInfo(lcCrypto) << "vault key" << key.idHex() << "stored";
                                   r.key = key;
                                   r.recoveryKey = text;
                               }
                               done(r);
                           });
}

void VaultKeyStore::load(QObject *context, VaultKeyCallback done)
{
    loadThen(context, done);
}

void VaultKeyStore::create(QObject *context, VaultKeyCallback done)
{
    QPointer<SecretStore> secrets = m_secrets;
    const QString catalogId = m_catalogId;
    QPointer<QObject> ctx = context;
    loadThen(context, [secrets, catalogId, ctx, done](const VaultKeyResult &existing) {
        if (existing.error != VaultKeyError::NotFound) {
            VaultKeyResult r;
            if (existing.ok() || existing.error == VaultKeyError::InvalidKey) {
                r.error = VaultKeyError::AlreadyExists;
                r.message = tr("This vault already has an encryption key; a new one would "
                               "make its encrypted backups unreadable.");
            } else {
                r.error = existing.error;
                r.message = existing.message;
            }
            done(r);
            return;
        }
        const VaultKey key = VaultKey::generate();
        if (key.isNull()) {
            done({VaultKeyError::Other, tr("No encryption key could be generated."), {}, {}});
            return;
        }
        VaultKeyStore(secrets, catalogId).store(key, ctx, done);
    });
}

void VaultKeyStore::import(const QString &recoveryText, QObject *context, VaultKeyCallback done)
{
    QString why;
    const VaultKey key = RecoveryKey::parse(recoveryText, &why);
    if (key.isNull()) {
        deliverLater(context, m_secrets, done, {VaultKeyError::InvalidKey, why, {}, {}});
        return;
    }
    QPointer<SecretStore> secrets = m_secrets;
    const QString catalogId = m_catalogId;
    QPointer<QObject> ctx = context;
    loadThen(context, [secrets, catalogId, ctx, key, done](const VaultKeyResult &existing) {
        if (existing.ok()) {
            if (existing.key == key) {
                VaultKeyResult r;
                r.key = key;
                done(r);
                return;
            }
            done({VaultKeyError::DifferentKey,
                  tr("This vault already has another encryption key (key id %1; the recovery "
                     "key is for key id %2). It was left in place.")
                      .arg(existing.key.idHex(), key.idHex()),
                  {},
                  {}});
            return;
        }
        if (existing.error != VaultKeyError::NotFound &&
            existing.error != VaultKeyError::InvalidKey) {
            done(existing);
            return;
        }
        VaultKeyStore(secrets, catalogId).store(key, ctx, done);
    });
}

} // namespace pbxvault
