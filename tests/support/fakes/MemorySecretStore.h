#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace pbxvault {

// TEST FAKE: keeps secrets in memory, for the unit tests of modules that need a SecretStore.
// Never use it in the application: it would keep passwords in plain memory and forget them.
// Behaves like the keychain store (asynchronous callbacks, same messages) and can pretend
// the keychain is unavailable, locked or refusing access.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    enum class Mode
    {
        Available,
        Unavailable,
        Locked,
        Denied
    };

    explicit MemorySecretStore(QObject *parent = nullptr);

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }

    void readSecret(const QString &key, QObject *context, SecretCallback done) override;
    void writeSecret(const QString &key, const QString &secret, QObject *context,
                     SecretCallback done) override;
    void deleteSecret(const QString &key, QObject *context, SecretCallback done) override;

    // For assertions; these bypass the mode.
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QString storedSecret(const QString &key) const { return m_secrets.value(key); }
    QStringList keys() const { return m_secrets.keys(); }
    int requestCount() const { return m_requests; }

private:
    bool refuse(QObject *context, const SecretCallback &done);
    void deliver(QObject *context, const SecretCallback &done, const SecretResult &result);

    QHash<QString, QString> m_secrets;
    Mode m_mode = Mode::Available;
    int m_requests = 0;
};

} // namespace pbxvault
