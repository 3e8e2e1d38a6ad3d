#pragma once

#include "catalog/Catalog.h"
#include "common/ErrorMessage.h"
#include "crypto/VaultKey.h"
#include "ops/OrphanRecovery.h"
#include "store/BackupStore.h"

#include <QString>

#include <memory>
#include <vector>

namespace pbxvault {

class SecretStore;

// The open data directory: catalog, backup store and the secret store in use. Shared by the
// GUI, the tray scheduler, the daemon and the CLI.
class Vault
{
public:
    // Creates dataDir if needed, opens <dataDir>/catalog.sqlite and <dataDir>/backups, and
    // cleans up after processes that died mid-job (see recoverFromCrash()).
    // catalogLocation: another catalog than <dataDir>/catalog.sqlite (an SQLite file or a
    // postgresql:// URI, see Catalog::open). Its password: catalogPassword when given, else
    // the keychain's entry for the server (catalogPasswordFromKeychain()), else libpq's own
    // lookup (PGPASSFILE, ~/.pgpass).
    static std::unique_ptr<Vault> open(const QString &dataDir, SecretStore *secrets, QString *error,
                                       const QString &catalogLocation = {},
                                       const QString &catalogPassword = {});
    // The password kept in the keychain for the PostgreSQL server of location
    // (CatalogLocation::keychainKey()); waits for the keychain in a local event loop, so call it
    // on the thread secrets lives on. Empty when none is stored, for an SQLite file, or when the
    // keychain cannot be read (*problem then says why).
    static QString catalogPasswordFromKeychain(SecretStore &secrets, const QString &location,
                                               QString *problem = nullptr);
    static QString defaultDataDir(); // QStandardPaths::AppDataLocation

    QString dataDir() const { return m_dataDir; }
    Catalog &catalog() { return *m_catalog; }
    // Where new backups go: the catalog's shared store as this machine mounts it
    // (AppSettings::storeMounts()), or <dataDir>/backups.
    BackupStore &store() { return *m_store; }
    // The shared store new backups go to; empty when they stay in this data directory.
    QString sharedStore() const { return m_sharedStore; }
    QString localBackupFolder() const;
    // Whether a new backup file may be written now; call it before each one. Follows a store
    // chosen (or mapped) since the vault opened, by another process or computer: store() may
    // then be another object (the earlier ones stay valid for jobs still using them). With a
    // shared store, its share must be mounted where this machine maps it and hold the store's
    // marker (SharedStoreFolder), or the files would land on the local disk under an empty
    // mount point. *why says what to do otherwise.
    bool storeForWriting(ErrorMessage *why);
    SecretStore &secrets() { return *m_secrets; }
    // The password the catalog was opened with (empty: none, or libpq's PGPASSFILE), for the
    // other connections to the same catalog (watcher, list loader).
    QString catalogPassword() const { return m_catalogPassword; }

    // Restores and jobs left "running" by a dead process become "interrupted" and its partial
    // files are removed. Work of live processes sharing the data dir is left alone (the
    // catalog records each row's owner, the store locks files being written).
    int recoverFromCrash();

    // The vault key loaded from the keychain (or a recovery key): null when none is loaded.
    // The catalog's encryptionKeyId() says whether the vault is encrypted.
    // Setting it also checks the encrypted files an interrupted backup left, which the start
    // could not check without it (OrphanRecovery).
    void setKey(const VaultKey &key);
    const VaultKey *key() const { return m_key.isNull() ? nullptr : &m_key; }
    bool isEncrypted() const { return !m_catalog->encryptionKeyId().isEmpty(); }
    // The key new backup files must be encrypted with: null for a plain vault. When the vault
    // is encrypted and the loaded key is missing or another one, false and *why says so
    // (vault.no_key or vault.wrong_key): nothing may be written then, never a plain file.
    bool keyForWriting(const VaultKey **key, ErrorMessage *why) const;

    // Deletes a backup from the vault: its local file, then its catalog row (see
    // Catalog::removeBackup). The one way every delete goes (by hand, retention, an unchanged
    // backup discarded), so nothing is left behind. On failure *kind is Disk or Catalog.
    bool removeBackup(const BackupRecord &backup, JobError *kind, QString *error);

private:
    Vault() = default;
    void openStore(const QHash<QString, QString> &mountFolders);
    bool storeIsReady(ErrorMessage *why) const;
    QString m_dataDir;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<BackupStore> m_store;
    std::vector<std::unique_ptr<BackupStore>> m_earlierStores;
    QString m_settingsDir; // the dataDir open() was given: AppSettings(m_settingsDir)
    QHash<QString, QString> m_openedMounts;
    SecretStore *m_secrets = nullptr;
    QString m_catalogPassword;
    QString m_sharedStore;
    VaultKey m_key;
    QVector<OrphanRecovery::Deferred> m_deferredOrphans;
};

} // namespace pbxvault
