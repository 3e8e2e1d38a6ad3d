#pragma once

#include "catalog/Catalog.h"
#include "store/BackupStore.h"

#include <QString>

#include <memory>

namespace pbxvault {

class SecretStore;

// The open data directory: catalog, backup store and the secret store in use. Shared by the
// GUI, the tray scheduler, the daemon and the CLI.
class Vault
{
public:
    // Creates dataDir if needed, opens <dataDir>/catalog.sqlite and <dataDir>/backups, and
    // cleans up after processes that died mid-job (see recoverFromCrash()).
    static std::unique_ptr<Vault> open(const QString &dataDir, SecretStore *secrets,
                                       QString *error);
    static QString defaultDataDir(); // QStandardPaths::AppDataLocation

    QString dataDir() const { return m_dataDir; }
    Catalog &catalog() { return *m_catalog; }
    BackupStore &store() { return *m_store; }
    SecretStore &secrets() { return *m_secrets; }

    // Restores and jobs left "running" by a dead process become "interrupted" and its partial
    // files are removed. Work of live processes sharing the data dir is left alone (the
    // catalog records each row's owner, the store locks files being written).
    int recoverFromCrash();

    // Deletes a backup from the vault: its local file, then its catalog row (see
    // Catalog::removeBackup). The one way every delete goes (by hand, retention, an unchanged
    // backup discarded), so nothing is left behind. On failure *kind is Disk or Catalog.
    bool removeBackup(const BackupRecord &backup, JobError *kind, QString *error);

private:
    Vault() = default;
    QString m_dataDir;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<BackupStore> m_store;
    SecretStore *m_secrets = nullptr;
};

} // namespace pbxvault
