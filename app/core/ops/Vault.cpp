#include "Vault.h"
#include "Operations.h"
#include "OrphanRecovery.h"

#include "catalog/CatalogLocation.h"
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
    const QString backups = QDir(vault->m_dataDir).filePath(QStringLiteral("backups"));
    if (!QDir().mkpath(backups)) {
        *error = QCoreApplication::translate("Vault", "Cannot create the backup folder %1.")
                     .arg(QDir::toNativeSeparators(backups));
        return nullptr;
    }
    restrictToOwner(backups);
    vault->m_store = std::make_unique<BackupStore>(backups);
    vault->m_secrets = secrets;
    vault->recoverFromCrash();
    return vault;
}

int Vault::recoverFromCrash()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Needs the rows marked below. Encrypted orphans wait for the key (setKey()).
    m_deferredOrphans = OrphanRecovery(*m_catalog, *m_store, key()).run(now).deferred;
    const int restores = m_catalog->markRunningRestoresInterrupted(now);
    m_catalog->markRunningJobsInterrupted(now);
    return restores + m_store->removeStaleTempFiles();
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
