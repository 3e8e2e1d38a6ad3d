#include "MemorySecretStore.h"
#include "secrets/SecretMessages.h"

#include <QCoreApplication>
#include <QPointer>

namespace pbxvault {

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretStore(parent) {}

void MemorySecretStore::readSecret(const QString &key, QObject *context, SecretCallback done)
{
    if (refuse(context, done))
        return;
    SecretResult result;
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.constEnd()) {
        result.error = SecretError::NotFound;
        result.message = secretmessages::notFound();
    } else {
        result.secret = *it;
    }
    deliver(context, done, result);
}

void MemorySecretStore::writeSecret(const QString &key, const QString &secret, QObject *context,
                                    SecretCallback done)
{
    if (refuse(context, done))
        return;
    m_secrets.insert(key, secret);
    deliver(context, done, SecretResult());
}

void MemorySecretStore::deleteSecret(const QString &key, QObject *context, SecretCallback done)
{
    if (refuse(context, done))
        return;
    m_secrets.remove(key); // like the keychain: deleting a missing entry succeeds
    deliver(context, done, SecretResult());
}

bool MemorySecretStore::refuse(QObject *context, const SecretCallback &done)
{
    ++m_requests;
    SecretResult result;
    switch (m_mode) {
    case Mode::Available:
        return false;
    case Mode::Unavailable:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::unavailable(
            QCoreApplication::translate("SecretStore", "simulated: no keychain service"));
        break;
    case Mode::Locked:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::locked();
        break;
    case Mode::Denied:
        result.error = SecretError::Denied;
        result.message =
            secretmessages::denied(QCoreApplication::translate("SecretStore", "simulated"));
        break;
    }
    deliver(context, done, result);
    return true;
}

void MemorySecretStore::deliver(QObject *context, const SecretCallback &done,
                                const SecretResult &result)
{
    QObject *target = context ? context : this;
    QMetaObject::invokeMethod(
        target, [done, result] { done(result); }, Qt::QueuedConnection);
}

} // namespace pbxvault
