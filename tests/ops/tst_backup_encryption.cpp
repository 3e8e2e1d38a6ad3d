// Encryption at rest through Operations, against pbxsim, real SQLite catalogs and real files:
// an encrypted vault's backups are stored encrypted (not gzip, no member name in clear),
// verify, list, diff and restore them through the key; without its key (or with another
// one) a backup is refused before the PBX is asked and nothing is written; one flipped byte
// makes verify say corrupt and restore refuse; a fresh vault with only the recovery key
// imports and restores a copied file; a plain file is encrypted in place.
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "crypto/VaultKey.h"
#include "diff/ArchiveDiff.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Encr-Pa55word!");
constexpr int kJobTimeoutMs = 60000;

bool waitFor(Job *job)
{
    QSignalSpy done(job, &Job::finished);
    return job->isFinished() || done.wait(kJobTimeoutMs);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Of(const QString &path)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

// Every file under dir, temp files included.
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

// One vault (data dir, catalog, store) with its own Operations.
struct TestVault
{
    std::unique_ptr<MemorySecretStore> secrets = std::make_unique<MemorySecretStore>();
    std::unique_ptr<Vault> vault;
    std::unique_ptr<Operations> ops;

    void close()
    {
        ops.reset();
        vault.reset();
    }

    bool open(const QString &dataDir)
    {
        QString error;
        vault = Vault::open(dataDir, secrets.get(), &error);
        if (!vault) {
            qWarning() << error;
            return false;
        }
        ops = std::make_unique<Operations>(*vault);
        return true;
    }

    bool encryptWith(const VaultKey &key)
    {
        if (!vault->catalog().setEncryptionKeyId(key.idHex()))
            return false;
        vault->setKey(key);
        return true;
    }

    qint64 addPbx(const PbxSim &sim)
    {
        PbxRecord pbx;
        pbx.name = QStringLiteral("Head Office");
        pbx.url = sim.url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = sim.fingerprint();
        std::unique_ptr<Job> job(ops->addPbx(pbx, kPassword));
        if (!waitFor(job.get()) || !job->ok()) {
            qWarning() << "addPbx failed:" << job->errorMessage();
            return 0;
        }
        return job->pbxId();
    }

    std::unique_ptr<Job> run(Job *job)
    {
        std::unique_ptr<Job> owned(job);
        if (!waitFor(owned.get()))
            qWarning() << "job did not finish";
        return owned;
    }
};

} // namespace

class TestBackupEncryption : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<PbxSim> m_sim;
    TestVault m_v;
    qint64 m_pbxId = 0;

    Catalog &catalog() { return m_v.vault->catalog(); }

    BackupRecord takeBackup()
    {
        std::unique_ptr<Job> job = m_v.run(m_v.ops->backupPbx(m_pbxId, JobTrigger::Manual));
        if (!job->ok())
            qWarning() << "backup failed:" << job->errorMessage();
        return catalog().backup(job->backupId()).value_or(BackupRecord());
    }

    QString configSha() { return m_sim->state().value(QStringLiteral("config_sha256")).toString(); }
    int simRestores() { return m_sim->state().value(QStringLiteral("restores")).toInt(); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
        o.restoreMs = 50;
        m_sim = std::make_unique<PbxSim>(o);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        m_v.close();
        QVERIFY(m_v.open(m_dir->filePath(QStringLiteral("data"))));
        m_pbxId = m_v.addPbx(*m_sim);
        QVERIFY(m_pbxId > 0);
    }

    void cleanup()
    {
        m_v.close();
        m_sim.reset();
        m_dir.reset();
    }

    void catalogRecordsTheKeyId()
    {
        QVERIFY(catalog().encryptionKeyId().isEmpty());
        QVERIFY(!m_v.vault->isEncrypted());
        const VaultKey key = VaultKey::generate();
        QVERIFY(catalog().setEncryptionKeyId(key.idHex()));
        QVERIFY(catalog().setEncryptionKeyId(key.idHex())); // the same again: fine
        QVERIFY(!catalog().setEncryptionKeyId(VaultKey::generate().idHex()));
        QCOMPARE(catalog().encryptionKeyId(), key.idHex());
        // Another process (here: another connection) sees it.
        TestVault other;
        QVERIFY(other.open(m_dir->filePath(QStringLiteral("data"))));
        QCOMPARE(other.vault->catalog().encryptionKeyId(), key.idHex());
        QVERIFY(other.vault->isEncrypted());
        QVERIFY(!other.vault->key());
    }

    void noKeyNoBackup()
    {
        const VaultKey key = VaultKey::generate();
        QVERIFY(catalog().setEncryptionKeyId(key.idHex()));
        const int simBackups =
            int(m_sim->state().value(QStringLiteral("backups")).toArray().size());

        std::unique_ptr<Job> job = m_v.run(m_v.ops->backupPbx(m_pbxId, JobTrigger::Manual));
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Keychain);
        QCOMPARE(job->errorCode().code, QStringLiteral("vault.no_key"));
        QVERIFY2(job->errorMessage().contains(key.idHex()), qPrintable(job->errorMessage()));

        // Another key loaded: refused the same way, naming both.
        const VaultKey other = VaultKey::generate();
        m_v.vault->setKey(other);
        job = m_v.run(m_v.ops->backupPbx(m_pbxId, JobTrigger::Manual));
        QVERIFY(!job->ok());
        QCOMPARE(job->errorCode().code, QStringLiteral("vault.wrong_key"));
        QVERIFY(job->errorMessage().contains(other.idHex()));

        // Import too.
        const QString plain = m_dir->filePath(QStringLiteral("some.bak"));
        QFile f(plain);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("not even a backup") > 0);
        f.close();
        job = m_v.run(m_v.ops->importBackup(plain, m_pbxId));
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Keychain);

        QVERIFY(catalog().backups().isEmpty());
        const QStringList files = filesUnder(m_v.vault->store().root());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char('\n'))));
        // The PBX was never asked for a backup.
        QCOMPARE(int(m_sim->state().value(QStringLiteral("backups")).toArray().size()), simBackups);
    }

    void encryptedBackupsReadThroughTheKey()
    {
        const VaultKey key = VaultKey::generate();
        QVERIFY(m_v.encryptWith(key));
        const QString configA = configSha();
        const BackupRecord first = takeBackup();
        QVERIFY(first.id > 0);
        QCOMPARE_ENUM(first.verified, VerifyState::Intact);

        // Stored encrypted: the magic, no gzip, no member name in clear.
        const QByteArray raw = readAll(first.path);
        QVERIFY(raw.startsWith(encryptedfile::kMagic));
        QVERIFY(!raw.startsWith("\x1f\x8b"));
        const QString gzip = QStandardPaths::findExecutable(QStringLiteral("gzip"));
        if (!gzip.isEmpty()) {
            QProcess p;
            p.start(gzip, {QStringLiteral("-t"), first.path});
            QVERIFY(p.waitForFinished(30000));
            QVERIFY(p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0);
        }
        QVector<ArchiveMember> members;
        QString error;
        QVERIFY2(BackupStore::listMembers(first.path, &members, &error, m_v.vault->key()),
                 qPrintable(error));
        QVERIFY(!members.isEmpty());
        for (const ArchiveMember &m : std::as_const(members)) {
            const QByteArray base = m.name.section(QLatin1Char('/'), -1).toUtf8();
            QVERIFY2(base.size() < 4 || !raw.contains(base), base.constData());
        }
        // The catalog's checksum and size are the plaintext's: what export writes.
        const QString exported = m_dir->filePath(QStringLiteral("exported.bak"));
        QVERIFY2(BackupStore::exportPlaintext(first.path, exported, first.sha256, &error,
                                              m_v.vault->key()),
                 qPrintable(error));
        QCOMPARE(sha256Of(exported), first.sha256);
        QCOMPARE(QFileInfo(exported).size(), first.size);
        QCOMPARE((QFile::permissions(exported) & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
                     .toInt(),
                 0);
        QVERIFY(readAll(exported).startsWith("\x1f\x8b"));
        // Without the key nothing reads it.
        QVERIFY(!BackupStore::listMembers(first.path, &members, &error));

        // verify says intact.
        std::unique_ptr<Job> job = m_v.run(m_v.ops->verifyBackup(first.id));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE_ENUM(job->verifyState(), VerifyState::Intact);

        // A changed PBX, a second backup: the pipeline's comparison and a diff both read
        // through the key.
        QVERIFY(m_sim->mutate());
        const BackupRecord second = takeBackup();
        QVERIFY(second.id > 0);
        QVERIFY2(second.changes > 0, qPrintable(QString::number(second.changes)));
        ArchiveDiff diff(first.path, second.path);
        diff.setKey(key);
        ArchiveComparison comparison;
        QVERIFY2(diff.compare(&comparison), qPrintable(diff.errorString()));
        QCOMPARE(comparison.changeCount(), second.changes);
        ArchiveDiff keyless(first.path, second.path);
        QVERIFY(!keyless.compare(&comparison));

        // Restore the first backup (with a safety backup, encrypted too): the PBX gets the
        // original bytes back, so its configuration is the one of the first backup.
        QVERIFY(configSha() != configA);
        job = m_v.run(m_v.ops->restoreBackup(first.id, m_pbxId, RestoreOptions()));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(configSha(), configA);
        const std::optional<BackupRecord> safety = catalog().backup(job->backupId());
        QVERIFY(safety);
        QVERIFY(isEncryptedFile(safety->path));
        // No plaintext copy is left behind.
        for (const QString &file : filesUnder(m_v.vault->store().root()))
            QVERIFY2(isEncryptedFile(file), qPrintable(file));

        // One flipped byte: verify says corrupt, restore refuses and the PBX is not touched.
        {
            QFile f(second.path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 at = f.size() / 2;
            QVERIFY(f.seek(at));
            char c = 0;
            QVERIFY(f.getChar(&c));
            QVERIFY(f.seek(at));
            QVERIFY(f.putChar(char(c ^ 0x01)));
        }
        job = m_v.run(m_v.ops->verifyBackup(second.id));
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Corrupt);
        QCOMPARE_ENUM(job->verifyState(), VerifyState::Corrupt);
        const int restores = simRestores();
        job = m_v.run(m_v.ops->restoreBackup(second.id, m_pbxId, RestoreOptions{false, false}));
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Corrupt);
        QCOMPARE(simRestores(), restores);
        QCOMPARE(configSha(), configA);
    }

    // A fresh vault with only the recovery key imports a file copied from the first one
    // and restores it.
    void freshVaultWithTheRecoveryKey()
    {
        const VaultKey key = VaultKey::generate();
        QVERIFY(m_v.encryptWith(key));
        const QString configA = configSha();
        const BackupRecord backup = takeBackup();
        QVERIFY(backup.id > 0);
        const QString copied = m_dir->filePath(QStringLiteral("copied-over.bak"));
        QVERIFY(QFile::copy(backup.path, copied));
        const QString recovery = RecoveryKey::format(key);
        m_v.close(); // the first machine is gone

        TestVault fresh;
        QVERIFY(fresh.open(m_dir->filePath(QStringLiteral("fresh"))));
        const qint64 pbxId = fresh.addPbx(*m_sim);
        QVERIFY(pbxId > 0);
        // Without the key the import is refused... once the vault knows it is encrypted;
        // a plain vault cannot read the file either.
        std::unique_ptr<Job> job = fresh.run(fresh.ops->importBackup(copied, pbxId));
        QVERIFY(!job->ok());
        QVERIFY(fresh.vault->catalog().backups().isEmpty());

        QVERIFY(fresh.encryptWith(RecoveryKey::parse(recovery)));
        job = fresh.run(fresh.ops->importBackup(copied, pbxId));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const std::optional<BackupRecord> imported = fresh.vault->catalog().backup(job->backupId());
        QVERIFY(imported);
        QCOMPARE(imported->sha256, backup.sha256);
        QCOMPARE(imported->size, backup.size);
        QCOMPARE_ENUM(imported->verified, VerifyState::Intact);
        QVERIFY(isEncryptedFile(imported->path));

        QVERIFY(m_sim->mutate());
        QVERIFY(configSha() != configA);
        job =
            fresh.run(fresh.ops->restoreBackup(imported->id, pbxId, RestoreOptions{false, false}));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(configSha(), configA);
    }

    void plainFilesEncryptedInPlace()
    {
        const BackupRecord plain = takeBackup();
        QVERIFY(plain.id > 0);
        QVERIFY(!isEncryptedFile(plain.path));
        const QByteArray original = readAll(plain.path);
        const VaultKey key = VaultKey::generate();
        QVERIFY(m_v.encryptWith(key));
        BackupStore &store = m_v.vault->store();
        QString error;

        // A file that does not match its checksum is left alone.
        QVERIFY(!store.encryptInPlace(plain.path, key, QString(64, QLatin1Char('0')), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(readAll(plain.path), original);

        QVERIFY2(store.encryptInPlace(plain.path, key, plain.sha256, &error), qPrintable(error));
        QVERIFY(isEncryptedFile(plain.path));
        QVERIFY2(store.encryptInPlace(plain.path, key, plain.sha256, &error), qPrintable(error));
        // Only the file itself: no temp file left.
        QCOMPARE(filesUnder(m_v.vault->store().root()), QStringList{plain.path});
        // The catalog row is still right: same path, checksum and size.
        std::unique_ptr<Job> job = m_v.run(m_v.ops->verifyBackup(plain.id));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE_ENUM(job->verifyState(), VerifyState::Intact);
        const QString exported = m_dir->filePath(QStringLiteral("back.bak"));
        QVERIFY2(BackupStore::exportPlaintext(plain.path, exported, plain.sha256, &error, &key),
                 qPrintable(error));
        QCOMPARE(readAll(exported), original);
    }
};

QTEST_GUILESS_MAIN(TestBackupEncryption)
#include "tst_backup_encryption.moc"
