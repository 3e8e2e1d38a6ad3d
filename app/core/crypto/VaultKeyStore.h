#pragma once

// The vault key in the OS keychain, under "vault-key/<catalogId>", stored as its recovery-key
// text (RecoveryKey). Built on SecretStore: asynchronous, callbacks from the event loop, never
// inside the call, dropped when their context goes.

#include "VaultKey.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QPointer>

#include <functional>

namespace pbxvault {

enum class VaultKeyError
{
    None,
    NotFound,      // no key stored for this vault
    Unavailable,   // no keychain, or it is locked (SecretError::Unavailable)
    Denied,        // access refused (SecretError::Denied)
    InvalidKey,    // a recovery key with a typo, or an unreadable stored entry
    DifferentKey,  // import: another key is already stored for this vault
    AlreadyExists, // create: a key is already stored for this vault
    Other
};

struct VaultKeyResult
{
    VaultKeyError error = VaultKeyError::None;
    QString message; // operator-readable; never contains the key
    VaultKey key;
    QString recoveryKey; // create() only: to show once to the operator
    bool ok() const { return error == VaultKeyError::None; }
};

using VaultKeyCallback = std::function<void(const VaultKeyResult &)>;

class VaultKeyStore
{
    Q_DECLARE_TR_FUNCTIONS(VaultKeyStore)

public:
    // secrets is not owned and must outlive the requests.
    VaultKeyStore(SecretStore *secrets, const QString &catalogId);

    static QString secretKey(const QString &catalogId);

    // The stored key (NotFound when the vault has none yet).
    void load(QObject *context, VaultKeyCallback done);
    // A new random key, stored; the result carries it and its recovery text. Refuses with
    // AlreadyExists when the vault already has a key: replacing it would lose the backups.
    void create(QObject *context, VaultKeyCallback done);
    // Stores the key of a recovery text (typed or pasted). Importing the key already stored
    // succeeds; another one is refused with DifferentKey.
    void import(const QString &recoveryText, QObject *context, VaultKeyCallback done);

private:
    void loadThen(QObject *context, const std::function<void(const VaultKeyResult &)> &next);
    void store(const VaultKey &key, QObject *context, const VaultKeyCallback &done);

    QPointer<SecretStore> m_secrets;
    QString m_catalogId;
};

} // namespace pbxvault
