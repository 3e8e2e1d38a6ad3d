#pragma once

// Encryption at rest for one open vault, the same for the window and the command line
// (docs/encryption.md): loading the vault key from the keychain, turning encryption on,
// importing a recovery key, and encrypting the vault's plain backups in place.

#include "common/Records.h"
#include "crypto/VaultKey.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QObject>
#include <QVector>

#include <functional>
#include <memory>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcEncryption)

class Vault;
class VaultKeyStore;
struct VaultKeyResult;

struct VaultEncryptionResult
{
    JobError error = JobError::None;
    QString message;                 // operator-readable; never holds the key
    bool invalidRecoveryKey = false; // import: the text is no recovery key (message says why)
    VaultKey key;
    bool ok() const { return error == JobError::None; }
};

// One backup file of encryptAll().
struct FileEncryptionResult
{
    BackupRecord backup;
    JobError error = JobError::None; // Locked (a job runs on its PBX), Disk, ...
    QString message;
    bool ok() const { return error == JobError::None; }
};

struct EncryptAllSummary
{
    int total = 0; // plain files found at the start
    int encrypted = 0;
    int failed = 0;
    bool cancelled = false; // the rest (total - encrypted - failed) was not tried
    JobError firstError = JobError::None;
    QVector<FileEncryptionResult> failures;
    // "12 encrypted, 1 failed: backup 7: …" for the window.
    QString inWords() const;
};

class VaultEncryption : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const VaultEncryptionResult &)>;
    using FileDone = std::function<void(const FileEncryptionResult &, int tried, int total)>;
    using AllDone = std::function<void(const EncryptAllSummary &)>;

    // vault must outlive this object. Callbacks come from the event loop, never inside the call.
    explicit VaultEncryption(Vault &vault, QObject *parent = nullptr);
    ~VaultEncryption() override; // waits for the file being encrypted

    bool isOn() const;           // the catalog records a key id
    QString keyId() const;       // empty when off
    bool isKeyLoaded() const;    // on, and the vault holds the key of that id
    QString recoveryKey() const; // of the loaded key; empty when none

    // For an encrypted vault: the key from the keychain, checked against the catalog's key id,
    // set on the vault. A plain vault succeeds with a null key. Failure: Keychain, and why.
    void loadKey(const Callback &done);
    // A new key in the keychain, its id in the catalog, set on the vault; the result holds
    // the key (show RecoveryKey::format(key) once). A key left in the keychain by a turnOn
    // that stopped before the catalog recorded it is taken instead of a new one.
    void turnOn(const Callback &done);
    // turnOn() in two steps, for the first start of the window: prepareKey() stores the key
    // in the keychain only, so the vault stays plain if the operator declines; commitKey()
    // records it in the catalog and sets it on the vault.
    void prepareKey(const Callback &done);
    VaultEncryptionResult commitKey(const VaultKey &key);
    // The key of a recovery text, stored in the keychain and recorded (a plain vault becomes
    // an encrypted one with it). Another vault's key is refused (Usage); a text with a typo
    // gives invalidRecoveryKey and the parser's words.
    void importRecoveryKey(const QString &text, const Callback &done);

    // A vault that was never used: no key id, no PBX, no backup.
    bool isBrandNew() const;
    // Whether the window has offered encryption for this vault (kept in the data directory).
    bool encryptionOffered() const;
    void setEncryptionOffered();

    // Backups whose file exists and is not encrypted, oldest first.
    QVector<BackupRecord> plainBackups() const;
    // Encrypts plainBackups() one file at a time on a worker thread, each replaced atomically
    // (BackupStore::encryptInPlace) while its PBX is locked in the catalog. fileDone after
    // each file, allDone at the end (also after cancelEncryption(), which lets the file in
    // progress finish). Needs the loaded key; without it allDone reports Keychain at once.
    // Backups in a store not mapped here count as failed (NotFound), each with its reason.
    void encryptAll(const FileDone &fileDone, const AllDone &allDone);
    void cancelEncryption();
    bool isEncrypting() const;

private:
    // plainBackups(), and the backups in shared stores not mapped here (whose files cannot be
    // reached) when unmapped is given; oldest first, from one read of the catalog.
    void findUnencrypted(QVector<BackupRecord> *plain, QVector<BackupRecord> *unmapped) const;
    void later(const std::function<void()> &call);
    void finishTurnOn(const VaultKeyResult &r, const Callback &done, bool commit);
    void encryptNext();
    void onFileEncrypted();
    void endEncryption();

    Vault &m_vault;
    std::unique_ptr<VaultKeyStore> m_store;

    struct Conversion;
    std::unique_ptr<Conversion> m_conversion;
    QFutureWatcher<FileEncryptionResult> *m_watcher;
};

} // namespace pbxvault
