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
    // Creates dataDir if needed and opens <dataDir>/catalog.sqlite and <dataDir>/backups.
    static std::unique_ptr<Vault> open(const QString &dataDir, SecretStore *secrets,
                                       QString *error);
    static QString defaultDataDir(); // QStandardPaths::AppDataLocation

    QString dataDir() const { return m_dataDir; }
    Catalog &catalog() { return *m_catalog; }
    BackupStore &store() { return *m_store; }
    SecretStore &secrets() { return *m_secrets; }

    // After a crash or kill: restores and jobs left "running" become "interrupted" and partial
    // files are removed. Call only when no other process works on this data dir.
    int recoverFromCrash();

private:
    Vault() = default;
    QString m_dataDir;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<BackupStore> m_store;
    SecretStore *m_secrets = nullptr;
};

} // namespace pbxvault
