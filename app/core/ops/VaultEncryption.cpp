#include "VaultEncryption.h"

#include "Vault.h"
#include "common/ErrorMessage.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "crypto/VaultKeyStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcEncryption, "pbxvault.encryption")

namespace {
QString offeredMarker(const Vault &vault)
{
    return QDir(vault.dataDir()).filePath(QStringLiteral("encryption-offered"));
}
} // namespace

QString EncryptAllSummary::inWords() const
{
    QString text =
        QCoreApplication::translate("pbxvault::VaultEncryption", "%n encrypted", "", encrypted);
    if (failed > 0) {
        text += QStringLiteral(", ") +
                QCoreApplication::translate("pbxvault::VaultEncryption", "%n failed", "", failed);
        QStringList reasons;
        for (const FileEncryptionResult &f : failures)
            reasons << QCoreApplication::translate("pbxvault::VaultEncryption", "backup %1: %2")
                           .arg(f.backup.id)
                           .arg(f.message);
        text += QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
    }
    if (cancelled) {
        const int left = total - encrypted - failed;
        text += QStringLiteral(", ") + QCoreApplication::translate("pbxvault::VaultEncryption",
                                                                   "%n not tried (cancelled)", "",
                                                                   left);
    }
    return text;
}

struct VaultEncryption::Conversion
{
    QVector<BackupRecord> todo;
    int next = 0;
    int tried = 0;
    VaultKey key;
    QString lockOwner;
    qint64 lockedPbx = 0; // while its file is being encrypted
    bool cancel = false;
    FileDone fileDone;
    AllDone allDone;
    EncryptAllSummary summary;
};

VaultEncryption::VaultEncryption(Vault &vault, QObject *parent)
    : QObject(parent), m_vault(vault), m_watcher(new QFutureWatcher<FileEncryptionResult>(this))
{
    connect(m_watcher, &QFutureWatcher<FileEncryptionResult>::finished, this,
            &VaultEncryption::onFileEncrypted);
}

VaultEncryption::~VaultEncryption()
{
    if (m_conversion) {
        m_watcher->disconnect(this);
        m_watcher->waitForFinished();
        if (m_conversion->lockedPbx != 0)
            m_vault.catalog().unlockPbx(m_conversion->lockedPbx, m_conversion->lockOwner);
    }
}

bool VaultEncryption::isOn() const
{
    return !keyId().isEmpty();
}

QString VaultEncryption::keyId() const
{
    return m_vault.catalog().encryptionKeyId();
}

bool VaultEncryption::isKeyLoaded() const
{
    const QString id = keyId();
    return !id.isEmpty() && m_vault.key() && m_vault.key()->idHex() == id;
}

QString VaultEncryption::recoveryKey() const
{
    return m_vault.key() ? RecoveryKey::format(*m_vault.key()) : QString();
}

void VaultEncryption::later(const std::function<void()> &call)
{
    QTimer::singleShot(0, this, call);
}

void VaultEncryption::loadKey(const Callback &done)
{
    const QString wanted = keyId();
    if (wanted.isEmpty()) {
        later([done] { done(VaultEncryptionResult()); });
        return;
    }
    m_store = std::make_unique<VaultKeyStore>(&m_vault.secrets(), m_vault.catalog().catalogId());
    m_store->load(this, [this, wanted, done](const VaultKeyResult &r) {
        VaultEncryptionResult out;
        if (!r.ok()) {
            out.error = JobError::Keychain;
            out.message = r.message;
            qCInfo(lcEncryption).noquote() << "vault key not loaded:" << r.message;
        } else if (r.key.idHex() != wanted) {
            out.error = JobError::Keychain;
            out.message = tr("The keychain holds the key %1, but the vault is encrypted "
                             "with the key %2.")
                              .arg(r.key.idHex(), wanted);
            qCInfo(lcEncryption).noquote() << "vault key not loaded:" << out.message;
        } else {
            m_vault.setKey(r.key);
            out.key = r.key;
        }
        done(out);
    });
}

void VaultEncryption::turnOn(const Callback &done)
{
    const QString current = keyId();
    if (!current.isEmpty()) {
        VaultEncryptionResult out;
        out.error = JobError::Usage;
        out.message = tr("This vault is already encrypted (key %1).").arg(current);
        later([done, out] { done(out); });
        return;
    }
    m_store = std::make_unique<VaultKeyStore>(&m_vault.secrets(), m_vault.catalog().catalogId());
    m_store->create(this, [this, done](const VaultKeyResult &r) {
        if (r.error == VaultKeyError::AlreadyExists) {
            // A key stored by a turnOn that stopped before the catalog recorded it.
            m_store->load(this, [this, done](const VaultKeyResult &loaded) {
                finishTurnOn(loaded, done, true);
            });
            return;
        }
        finishTurnOn(r, done, true);
    });
}

void VaultEncryption::prepareKey(const Callback &done)
{
    m_store = std::make_unique<VaultKeyStore>(&m_vault.secrets(), m_vault.catalog().catalogId());
    m_store->create(this, [this, done](const VaultKeyResult &r) {
        if (r.error == VaultKeyError::AlreadyExists) {
            m_store->load(this, [this, done](const VaultKeyResult &loaded) {
                finishTurnOn(loaded, done, false);
            });
            return;
        }
        finishTurnOn(r, done, false);
    });
}

void VaultEncryption::finishTurnOn(const VaultKeyResult &r, const Callback &done, bool commit)
{
    VaultEncryptionResult out;
    if (!r.ok()) {
        out.error = JobError::Keychain;
        out.message = r.message;
    } else if (commit) {
        out = commitKey(r.key);
    } else {
        out.key = r.key;
    }
    done(out);
}

VaultEncryptionResult VaultEncryption::commitKey(const VaultKey &key)
{
    VaultEncryptionResult out;
    if (!m_vault.catalog().setEncryptionKeyId(key.idHex())) {
        out.error = JobError::Catalog;
        out.message = m_vault.catalog().lastError();
        return out;
    }
    m_vault.setKey(key);
    out.key = key;
    qCInfo(lcEncryption).noquote() << "vault encrypted with the key" << key.idHex();
    return out;
}

void VaultEncryption::importRecoveryKey(const QString &text, const Callback &done)
{
    VaultEncryptionResult out;
    QString why;
    const VaultKey key = RecoveryKey::parse(text, &why);
    const QString current = keyId();
    if (key.isNull()) {
        out.error = JobError::Usage;
        out.invalidRecoveryKey = true;
        out.message = why;
    } else if (!current.isEmpty() && current != key.idHex()) {
        out.error = JobError::Usage;
        out.message = tr("This recovery key (key %1) is not the key of this vault "
                         "(key %2); nothing was changed.")
                          .arg(key.idHex(), current);
    }
    if (!out.ok()) {
        later([done, out] { done(out); });
        return;
    }
    m_store = std::make_unique<VaultKeyStore>(&m_vault.secrets(), m_vault.catalog().catalogId());
    m_store->import(text, this, [this, key, done](const VaultKeyResult &r) {
        if (!r.ok()) {
            VaultEncryptionResult failed;
            failed.error = JobError::Keychain;
            failed.message = r.message;
            done(failed);
            return;
        }
        // A fresh vault that is to open backups copied from another machine becomes an
        // encrypted vault with this key.
        done(commitKey(key));
    });
}

bool VaultEncryption::isBrandNew() const
{
    Catalog &catalog = m_vault.catalog();
    return keyId().isEmpty() && catalog.pbxs().isEmpty() && catalog.backupCount() == 0 &&
           catalog.lastError().isEmpty();
}

bool VaultEncryption::encryptionOffered() const
{
    return QFileInfo::exists(offeredMarker(m_vault));
}

void VaultEncryption::setEncryptionOffered()
{
    QFile marker(offeredMarker(m_vault));
    if (!marker.open(QIODevice::WriteOnly))
        qCWarning(lcEncryption).noquote()
            << "cannot write" << QDir::toNativeSeparators(marker.fileName()) << ":"
            << marker.errorString();
}

QVector<BackupRecord> VaultEncryption::plainBackups() const
{
    QVector<BackupRecord> plain;
    findUnencrypted(&plain, nullptr);
    return plain;
}

void VaultEncryption::findUnencrypted(QVector<BackupRecord> *plain,
                                      QVector<BackupRecord> *unmapped) const
{
    for (const BackupRecord &b : m_vault.catalog().backups()) {
        if (!b.store.isEmpty() && b.path.isEmpty()) {
            if (unmapped)
                unmapped->append(b);
        } else if (QFileInfo::exists(b.path) && !isEncryptedFile(b.path)) {
            plain->append(b);
        }
    }
    std::reverse(plain->begin(), plain->end()); // oldest first
    if (unmapped)
        std::reverse(unmapped->begin(), unmapped->end());
}

bool VaultEncryption::isEncrypting() const
{
    return m_conversion != nullptr;
}

void VaultEncryption::cancelEncryption()
{
    if (m_conversion)
        m_conversion->cancel = true;
}

void VaultEncryption::encryptAll(const FileDone &fileDone, const AllDone &allDone)
{
    Q_ASSERT(!m_conversion);
    m_conversion = std::make_unique<Conversion>();
    m_conversion->fileDone = fileDone;
    m_conversion->allDone = allDone;
    if (!isKeyLoaded()) {
        m_conversion->summary.firstError = JobError::Keychain;
        later([this] { endEncryption(); });
        return;
    }
    m_conversion->key = *m_vault.key();
    m_conversion->lockOwner = Catalog::lockOwnerId();
    // A file in a shared store this computer does not map may well be plain: never report
    // "all encrypted" over it.
    QVector<BackupRecord> unmapped;
    findUnencrypted(&m_conversion->todo, &unmapped);
    m_conversion->summary.total = int(m_conversion->todo.size() + unmapped.size());
    later([this, unmapped] {
        Conversion &c = *m_conversion;
        for (const BackupRecord &b : unmapped) {
            FileEncryptionResult r;
            r.backup = b;
            r.error = JobError::NotFound;
            r.message = ErrorMessage("store.backup_unmapped").arg(b.filename).arg(b.store).text();
            c.summary.failed++;
            c.summary.failures.append(r);
            if (c.summary.firstError == JobError::None)
                c.summary.firstError = r.error;
            c.fileDone(r, ++c.tried, c.summary.total);
        }
        encryptNext();
    });
}

// The catalog is used on this thread only (one connection per thread); the worker encrypts.
void VaultEncryption::encryptNext()
{
    Conversion &c = *m_conversion;
    while (c.next < c.todo.size() && !c.cancel) {
        const BackupRecord b = c.todo.at(c.next++);
        if (!m_vault.catalog().tryLockPbx(b.pbxId, c.lockOwner, QDateTime::currentDateTimeUtc())) {
            FileEncryptionResult r;
            r.backup = b;
            r.error = JobError::Locked;
            r.message = tr("another job is running on its PBX; run the command again later");
            c.summary.failed++;
            c.summary.failures.append(r);
            if (c.summary.firstError == JobError::None)
                c.summary.firstError = r.error;
            c.fileDone(r, ++c.tried, c.summary.total);
            continue;
        }
        c.lockedPbx = b.pbxId;
        BackupStore *store = &m_vault.store();
        const VaultKey key = c.key;
        m_watcher->setFuture(QtConcurrent::run([store, key, b] {
            FileEncryptionResult r;
            r.backup = b;
            if (!store->encryptInPlace(b.path, key, b.sha256, &r.message))
                r.error = JobError::Disk;
            return r;
        }));
        return;
    }
    c.summary.cancelled = c.cancel && c.next < c.todo.size();
    endEncryption();
}

void VaultEncryption::onFileEncrypted()
{
    Conversion &c = *m_conversion;
    const FileEncryptionResult r = m_watcher->result();
    m_vault.catalog().unlockPbx(c.lockedPbx, c.lockOwner);
    c.lockedPbx = 0;
    if (r.ok()) {
        c.summary.encrypted++;
    } else {
        c.summary.failed++;
        c.summary.failures.append(r);
        if (c.summary.firstError == JobError::None)
            c.summary.firstError = r.error;
    }
    c.fileDone(r, ++c.tried, c.summary.total);
    encryptNext();
}

void VaultEncryption::endEncryption()
{
    std::unique_ptr<Conversion> c = std::move(m_conversion);
    c->allDone(c->summary);
}

} // namespace pbxvault
