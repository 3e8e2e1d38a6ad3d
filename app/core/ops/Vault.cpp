#include "Vault.h"
#include "Operations.h"
#include "OrphanRecovery.h"
#include "SharedStoreFolder.h"

#include "catalog/CatalogLocation.h"
#include "common/AppSettings.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QStandardPaths>

namespace pbxvault {
namespace {

// The catalog and the backups describe every PBX: only the owner may look inside.
void restrictToOwner(const QString &folder)
{
#ifdef Q_OS_UNIX
    if (!QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner)) {
        qCWarning(lcOps).noquote()
            << "cannot make" << QDir::toNativeSeparators(folder) << "private to its owner";
    }
#else
    Q_UNUSED(folder)
#endif
}

} // namespace

QString Vault::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Vault::catalogPasswordFromKeychain(SecretStore &secrets, const QString &location,
                                           QString *problem)
{
    const CatalogLocation where = CatalogLocation::parse(location);
    if (!where.isValid() || !where.isPostgres())
        return {};
    SecretResult answer;
    QEventLoop loop;
    secrets.readSecret(where.keychainKey(), &loop, [&answer, &loop](const SecretResult &r) {
        answer = r;
        loop.quit();
    });
    loop.exec();
    if (answer.error != SecretError::None && answer.error != SecretError::NotFound) {
        qCInfo(lcOps).noquote() << "The keychain has no catalog password to give:"
                                << answer.message;
        if (problem)
            *problem = answer.message;
    }
    return answer.ok() ? answer.secret : QString();
}

std::unique_ptr<Vault> Vault::open(const QString &dataDir, SecretStore *secrets, QString *error,
                                   const QString &catalogLocation, const QString &catalogPassword)
{
    const QString dir = dataDir.isEmpty() ? defaultDataDir() : dataDir;
    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("Vault", "Cannot create the data directory %1.")
                     .arg(QDir::toNativeSeparators(dir));
        return nullptr;
    }
    restrictToOwner(dir);
    std::unique_ptr<Vault> vault(new Vault);
    vault->m_dataDir = QDir(dir).absolutePath();
    vault->m_catalogPassword = catalogPassword;
    if (catalogPassword.isEmpty() && secrets && CatalogLocation::isPostgresUri(catalogLocation))
        vault->m_catalogPassword = catalogPasswordFromKeychain(*secrets, catalogLocation);
    vault->m_catalog =
        Catalog::open(catalogLocation.isEmpty()
                          ? QDir(vault->m_dataDir).filePath(QStringLiteral("catalog.sqlite"))
                          : catalogLocation,
                      error, vault->m_catalogPassword);
    if (!vault->m_catalog)
        return nullptr;
    const QString backups = vault->localBackupFolder();
    if (!QDir().mkpath(backups)) {
        *error = QCoreApplication::translate("Vault", "Cannot create the backup folder %1.")
                     .arg(QDir::toNativeSeparators(backups));
        return nullptr;
    }
    restrictToOwner(backups);
    vault->m_settingsDir = dataDir;
    vault->openStore(AppSettings(dataDir).storeMounts());
    vault->m_secrets = secrets;
    vault->recoverFromCrash();
    return vault;
}

QString Vault::localBackupFolder() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("backups"));
}

void Vault::openStore(const QHash<QString, QString> &mountFolders)
{
    const bool sameMounts = m_store && mountFolders == m_openedMounts;
    m_openedMounts = mountFolders;
    StoreMounts mounts;
    for (auto it = mountFolders.cbegin(); it != mountFolders.cend(); ++it) {
        if (StoreMounts::isValidName(it.key()))
            mounts.setMount(it.key(), it.value());
    }
    m_catalog->setStoreMounts(mounts);
    m_sharedStore = m_catalog->sharedStore();
    const QString local = localBackupFolder();
    const QString shared = mounts.root(m_sharedStore);
    ErrorMessage problem;
    const bool useShared =
        !m_sharedStore.isEmpty() &&
        SharedStoreFolder::check(shared, m_sharedStore, m_catalog->catalogId(), &problem);
    if (!m_sharedStore.isEmpty() && !useShared)
        qCWarning(lcOps).noquote() << problem.text();
    auto store = std::make_unique<BackupStore>(useShared ? shared : local);
    if (useShared)
        store->addRoot(local);
    // Files catalogued in other stores this machine mounts may be deleted (retention) too.
    const QHash<QString, QString> all = mounts.all();
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (QDir(it.value()) != QDir(store->root()))
            store->addRoot(it.value());
    }
    if (sameMounts && QDir(store->root()) == QDir(m_store->root()))
        return; // the same folders: keep the object jobs may be using
    // Jobs running on the earlier store keep using it: it stays until the vault closes.
    if (m_store)
        m_earlierStores.push_back(std::move(m_store));
    m_store = std::move(store);
}

bool Vault::storeIsReady(ErrorMessage *why) const
{
    const QString wanted = m_catalog->sharedStore();
    if (!m_catalog->lastError().isEmpty()) {
        *why = ErrorMessage("store.state").arg(m_catalog->lastError());
        return false;
    }
    if (wanted != m_sharedStore) {
        *why = ErrorMessage("store.unmapped").arg(wanted);
        return false;
    }
    if (m_sharedStore.isEmpty())
        return true;
    const QString root = m_catalog->storeMounts().root(m_sharedStore);
    if (!SharedStoreFolder::check(root, m_sharedStore, m_catalog->catalogId(), why))
        return false;
    if (QDir(root) != QDir(m_store->root())) {
        *why = ErrorMessage("store.unmapped").arg(m_sharedStore);
        return false;
    }
    return true;
}

bool Vault::storeForWriting(ErrorMessage *why)
{
    // Chosen or mapped since the vault opened (by another process or computer), or mounted
    // since: take the catalog's choice and this computer's settings again.
    const QString wanted = m_catalog->sharedStore();
    if (!m_catalog->lastError().isEmpty()) {
        *why = ErrorMessage("store.state").arg(m_catalog->lastError());
        return false;
    }
    const QHash<QString, QString> mounts = AppSettings(m_settingsDir).storeMounts();
    const bool sharedRootInUse =
        !wanted.isEmpty() && QDir(m_store->root()) == QDir(mounts.value(wanted));
    if (mounts != m_openedMounts || wanted != m_sharedStore ||
        (!wanted.isEmpty() && !sharedRootInUse))
        openStore(mounts);
    return storeIsReady(why);
}

int Vault::recoverFromCrash()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A shared store holds every member's files: only the folders of PBXs whose job died here
    // are searched for this machine's temp files, not the whole share.
    QStringList sharedFolders;
    if (!m_sharedStore.isEmpty() && QDir(m_store->root()) != QDir(localBackupFolder())) {
        for (qint64 pbxId : m_catalog->pbxsWithJobsLeftRunning()) {
            if (const auto pbx = m_catalog->pbx(pbxId))
                sharedFolders << QFileInfo(m_store->folderFor(pbx->name, pbx->tenant)).path();
        }
    }
    // Needs the rows marked below. Encrypted orphans wait for the key (setKey()).
    m_deferredOrphans = OrphanRecovery(*m_catalog, *m_store, key()).run(now).deferred;
    const int restores = m_catalog->markRunningRestoresInterrupted(now);
    m_catalog->markRunningJobsInterrupted(now);
    int removed = BackupStore(localBackupFolder()).removeStaleTempFiles();
    for (const QString &folder : std::as_const(sharedFolders))
        removed += m_store->removeStaleTempFilesIn(folder);
    return restores + removed;
}

void Vault::setKey(const VaultKey &key)
{
    m_key = key;
    if (m_deferredOrphans.isEmpty() || m_key.isNull())
        return;
    m_deferredOrphans = OrphanRecovery(*m_catalog, *m_store, &m_key)
                            .recoverDeferred(m_deferredOrphans, QDateTime::currentDateTimeUtc())
                            .deferred;
}

bool Vault::keyForWriting(const VaultKey **key, ErrorMessage *why) const
{
    *key = nullptr;
    const QString wanted = m_catalog->encryptionKeyId();
    if (wanted.isEmpty()) {
        if (!m_catalog->lastError().isEmpty()) {
            *why = ErrorMessage("vault.key_state").arg(m_catalog->lastError());
            return false;
        }
        return true;
    }
    if (m_key.isNull()) {
        *why = ErrorMessage("vault.no_key").arg(wanted);
        return false;
    }
    if (m_key.idHex() != wanted) {
        *why = ErrorMessage("vault.wrong_key").arg(m_key.idHex()).arg(wanted);
        return false;
    }
    *key = &m_key;
    return true;
}

bool Vault::removeBackup(const BackupRecord &backup, JobError *kind, QString *error)
{
    if (!m_store->removeFile(backup.path, error)) {
        *kind = JobError::Disk;
        return false;
    }
    if (!m_catalog->removeBackup(backup.id)) {
        *kind = JobError::Catalog;
        *error = m_catalog->lastError();
        return false;
    }
    *kind = JobError::None;
    return true;
}

} // namespace pbxvault
