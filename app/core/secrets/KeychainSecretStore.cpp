#include "SecretMessages.h"
#include "SecretStore.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#ifdef PBXVAULT_SECRET_SERVICE_PROBE
#include "SecretServiceProbe.h"
#endif

#include <memory>

namespace pbxvault {
namespace {

constexpr int kProbeTimeoutMs = 5000;

enum class Operation
{
    Read,
    Write,
    Delete
};

const char *operationName(Operation op)
{
    switch (op) {
    case Operation::Read:
        return "read";
    case Operation::Write:
        return "write";
    case Operation::Delete:
        return "delete";
    }
    return "";
}

// One request: its callback runs at most once, whichever comes first of the keychain's answer
// and the timeout.
struct Pending
{
    QPointer<QObject> context;
    SecretCallback done;
    QString key;
    QString secret; // the one being written, only to keep it out of messages
    Operation op = Operation::Read;
    bool delivered = false;

    void deliver(SecretResult result)
    {
        if (delivered)
            return;
        delivered = true;
        // Backend messages never quote the secret; this is a belt to those braces. (A secret
        // of a few characters would match ordinary words, and reveals little anyway.)
        if (secret.size() >= 4)
            result.message.replace(secret, QStringLiteral("***"));
        if (result.ok())
            qCDebug(lcSecrets).noquote() << operationName(op) << key << "ok";
        else
            qCInfo(lcSecrets).noquote() << operationName(op) << key << "failed:" << result.message;
        secret.clear();
        if (!context)
            return;
        // Always later from the event loop, and dropped if the context goes away meanwhile.
        QMetaObject::invokeMethod(
            context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
    }
};

SecretResult resultOf(QKeychain::Job *job, Operation op)
{
    SecretResult result;
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        if (op == Operation::Read)
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        return result;
    case QKeychain::EntryNotFound:
        result.error = SecretError::NotFound;
        result.message = secretmessages::notFound();
        return result;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        result.error = SecretError::Denied;
        result.message = secretmessages::denied(detail);
        return result;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::unavailable(detail);
        return result;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    result.error = SecretError::Other;
    result.message = secretmessages::other(detail);
    return result;
}

#ifdef PBXVAULT_SECRET_SERVICE_PROBE
// The Secret Service's own state overrides what the generic error suggested.
SecretResult refined(SecretResult result, const SecretServiceStatus &status)
{
    if (result.ok() && status.kind != SecretServiceStatus::Locked)
        return result;
    switch (status.kind) {
    case SecretServiceStatus::NoBus:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::unavailable(
            QCoreApplication::translate("SecretStore",
                                        "the D-Bus session bus cannot be reached: %1")
                .arg(status.detail));
        break;
    case SecretServiceStatus::NoService:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::unavailable(
            QCoreApplication::translate(
                "SecretStore", "no Secret Service such as GNOME Keyring or KWallet answers: %1")
                .arg(status.detail));
        break;
    case SecretServiceStatus::NoDefaultCollection:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::unavailable(
            QCoreApplication::translate("SecretStore", "the keychain has no default keyring"));
        break;
    case SecretServiceStatus::Locked:
        result.error = SecretError::Unavailable;
        result.message = secretmessages::locked();
        break;
    case SecretServiceStatus::Usable:
    case SecretServiceStatus::Unknown:
        break;
    }
    return result;
}
#endif

void finish(const std::shared_ptr<Pending> &pending, const SecretResult &result)
{
    if (pending->delivered)
        return; // timed out already
#ifdef PBXVAULT_SECRET_SERVICE_PROBE
    // libsecret skips the items of a locked keyring when deleting and still reports success:
    // a delete is only believed once the keyring is known to be unlocked.
    if (!result.ok() || pending->op == Operation::Delete) {
        probeSecretService(kProbeTimeoutMs, [pending, result](const SecretServiceStatus &status) {
            pending->deliver(refined(result, status));
        });
        return;
    }
#endif
    pending->deliver(result);
}

void startJob(QKeychain::Job *job, Operation op, const QString &key, const QString &secret,
              QObject *context, SecretCallback done, int timeoutMs)
{
    auto pending = std::make_shared<Pending>();
    pending->context = context;
    pending->done = std::move(done);
    pending->key = key;
    pending->secret = secret;
    pending->op = op;
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    // The job outlives this store if need be; its answer goes to the context only.
    QObject::connect(job, &QKeychain::Job::finished, job, [pending](QKeychain::Job *finished) {
        finish(pending, resultOf(finished, pending->op));
    });
    if (timeoutMs > 0) {
        QTimer::singleShot(timeoutMs, context, [pending, ms = timeoutMs] {
            SecretResult result;
            result.error = SecretError::Unavailable;
            result.message = secretmessages::unavailable(
                QCoreApplication::translate(
                    "SecretStore",
                    "it did not answer within %1 seconds; it may be waiting to be unlocked")
                    .arg(ms / 1000.0, 0, 'g', 3));
            pending->deliver(result);
        });
    }
    qCDebug(lcSecrets).noquote() << operationName(pending->op) << key;
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : SecretStore(parent), m_service(service)
{}

void KeychainSecretStore::setTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
}

int KeychainSecretStore::timeout() const
{
    return m_timeoutMs;
}

void KeychainSecretStore::readSecret(const QString &key, QObject *context, SecretCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    startJob(job, Operation::Read, key, QString(), context ? context : this, std::move(done),
             m_timeoutMs);
}

void KeychainSecretStore::writeSecret(const QString &key, const QString &secret, QObject *context,
                                      SecretCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    startJob(job, Operation::Write, key, secret, context ? context : this, std::move(done),
             m_timeoutMs);
}

void KeychainSecretStore::deleteSecret(const QString &key, QObject *context, SecretCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    startJob(job, Operation::Delete, key, QString(), context ? context : this, std::move(done),
             m_timeoutMs);
}

} // namespace pbxvault
