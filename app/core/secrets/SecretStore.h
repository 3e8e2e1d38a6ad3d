#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <functional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

enum class SecretError
{
    None,
    NotFound,    // no entry under that key
    Unavailable, // no keychain service reachable, or it is locked and cannot be unlocked
    Denied,      // the user or the system refused access
    Other
};

struct SecretResult
{
    SecretError error = SecretError::None;
    QString message; // operator-readable, never contains the secret
    QString secret;  // for reads
    bool ok() const { return error == SecretError::None; }
};

using SecretCallback = std::function<void(const SecretResult &)>;

// Asynchronous secret storage. Callbacks always run later from the event loop (never inside
// the call) and are dropped if context is destroyed first.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SecretStore() override = default;

    // A null context means this store: the callback is then dropped if the store goes first.
    virtual void readSecret(const QString &key, QObject *context, SecretCallback done) = 0;
    virtual void writeSecret(const QString &key, const QString &secret, QObject *context,
                             SecretCallback done) = 0;
    virtual void deleteSecret(const QString &key, QObject *context, SecretCallback done) = 0;

    // The key under which a PBX's password is kept: identifies the catalog and the PBX.
    static QString pbxPasswordKey(const QString &catalogId, qint64 pbxId);
};

// The OS keychain through QtKeychain (Secret Service on Linux, Credential Manager on
// Windows, Keychain on macOS). Never falls back to plain-text storage. Use it from the main
// thread: on Linux, libsecret answers through the GLib main context Qt's event loop runs.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr,
                                 const QString &service = QStringLiteral("PBX Vault"));
    void readSecret(const QString &key, QObject *context, SecretCallback done) override;
    void writeSecret(const QString &key, const QString &secret, QObject *context,
                     SecretCallback done) override;
    void deleteSecret(const QString &key, QObject *context, SecretCallback done) override;

    // A request the keychain has not answered after this long (e.g. an unlock prompt nobody
    // answers during an unattended backup) fails as Unavailable. 0 waits forever.
    void setTimeout(int milliseconds);
    int timeout() const;

private:
    QString m_service;
    int m_timeoutMs = 120000;
};

} // namespace pbxvault
