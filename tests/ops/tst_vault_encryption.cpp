// VaultEncryption (the one encryption service of the window and the command line) against the
// real keychain, real SQLite catalogs and real backup files: turning encryption on records the
// key in the keychain and the catalog and a reopened vault loads it; a keychain holding another
// key, or none, is reported in words and nothing is set; another vault's recovery key is
// refused and a typo names its position; encryptAll converts every plain file, and a cancel
// leaves each file either plain or encrypted, both intact; `pbxvault encrypt --all` killed
// with SIGKILL mid-way leaves every backup intact and a second run finishes the rest.
#include "TestArchive.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "crypto/VaultKeyStore.h"
#include "ops/Vault.h"
#include "ops/VaultEncryption.h"
#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

constexpr int kTimeoutMs = 60000;

// Waits for a VaultEncryption callback without a fixed sleep.
template <typename Result> struct Waiter
{
    bool done = false;
    Result result;
    std::function<void(const Result &)> callback()
    {
        return [this](const Result &r) {
            result = r;
            done = true;
        };
    }
    bool wait()
    {
        return QTest::qWaitFor([this] { return done; }, kTimeoutMs);
    }
};

QByteArray head(const QString &path, int n)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

bool isGzip(const QString &path)
{
    return head(path, 2) == QByteArray("\x1f\x8b", 2);
}

struct OpenVault
{
    KeychainSecretStore secrets;
    std::unique_ptr<Vault> vault;
    std::unique_ptr<VaultEncryption> encryption;

    bool open(const QString &dataDir)
    {
        QString error;
        vault = Vault::open(dataDir, &secrets, &error);
        if (!vault) {
            qWarning().noquote() << error;
            return false;
        }
        encryption = std::make_unique<VaultEncryption>(*vault);
        return true;
    }
    void close()
    {
        encryption.reset();
        vault.reset();
    }
    ~OpenVault() { close(); }

    VaultEncryptionResult turnOn()
    {
        Waiter<VaultEncryptionResult> w;
        encryption->turnOn(w.callback());
        if (!w.wait())
            w.result.message = QStringLiteral("no answer");
        return w.result;
    }
    VaultEncryptionResult loadKey()
    {
        Waiter<VaultEncryptionResult> w;
        encryption->loadKey(w.callback());
        w.wait();
        return w.result;
    }
    VaultEncryptionResult import(const QString &text)
    {
        Waiter<VaultEncryptionResult> w;
        encryption->importRecoveryKey(text, w.callback());
        w.wait();
        return w.result;
    }

    // count plain backups of one PBX, each a gzip'd tar with a member of bytes random bytes.
    bool addPlainBackups(int count, qint64 bytes, const QString &scratch)
    {
        PbxRecord pbx;
        pbx.name = QStringLiteral("hq");
        pbx.url = QUrl(QStringLiteral("https://192.0.2.1"));
        pbx.username = QStringLiteral("admin");
        pbx.createdAt = QDateTime::currentDateTimeUtc();
        if (!vault->catalog().addPbx(&pbx))
            return false;
        for (int i = 0; i < count; ++i) {
            const QString source = scratch + QStringLiteral("/source-%1.tar.gz").arg(i);
            TestArchive archive(source, 0);
            QRandomGenerator random(quint32(i + 1));
            const bool written =
                archive.addStreamed(QStringLiteral("etc/config-%1.bin").arg(i), bytes,
                                    [&random](char *buffer, qint64, qint64 n) {
                                        random.fillRange(reinterpret_cast<quint32 *>(buffer),
                                                         qsizetype(n / 4));
                                    }) &&
                archive.add(QStringLiteral("etc/name.txt"), QByteArray::number(i)) &&
                archive.close();
            if (!written) {
                qWarning().noquote() << archive.error();
                return false;
            }
            BackupRecord b;
            b.pbxId = pbx.id;
            b.filename = QStringLiteral("backup-%1.tar.gz").arg(i);
            b.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * (count - i));
            QString error;
            if (!vault->store().importFile(source, pbx.name, b.tenant, &b.path, &b.sha256, &b.size,
                                           &error)) {
                qWarning().noquote() << error;
                return false;
            }
            QFile::remove(source);
            if (!vault->catalog().addBackup(&b))
                return false;
        }
        return true;
    }

    // Every backup verifies intact through the loaded key; counts plain and encrypted files.
    bool allIntact(int *plain, int *encrypted)
    {
        *plain = 0;
        *encrypted = 0;
        for (const BackupRecord &b : vault->catalog().backups()) {
            const VerifyReport report = BackupStore::verify(b.path, b.sha256, vault->key());
            if (report.state != VerifyState::Intact) {
                qWarning() << "backup" << b.id << "is" << toString(report.state);
                return false;
            }
            if (isEncryptedFile(b.path))
                ++*encrypted;
            else if (isGzip(b.path))
                ++*plain;
            else
                return false;
        }
        return true;
    }
};

// Files under the backup folder other than the catalogued ones (temp files of a conversion).
QStringList strayFiles(Vault &vault)
{
    QStringList known;
    for (const BackupRecord &b : vault.catalog().backups())
        known << QFileInfo(b.path).canonicalFilePath();
    QStringList stray;
    QDirIterator it(vault.store().root(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = QFileInfo(it.next()).canonicalFilePath();
        if (!known.contains(path))
            stray << path;
    }
    return stray;
}

} // namespace

class TestVaultEncryption : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;

    QString dataDir(const QString &name) const { return m_dir->filePath(name); }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void turnOnThenLoad()
    {
        QString keyId;
        QString recovery;
        {
            OpenVault v;
            QVERIFY(v.open(dataDir(QStringLiteral("a"))));
            QVERIFY(v.encryption->isBrandNew());
            QVERIFY(!v.encryption->isOn());
            // A plain vault loads "nothing" successfully.
            QVERIFY(v.loadKey().ok());
            const VaultEncryptionResult on = v.turnOn();
            QVERIFY2(on.ok(), qPrintable(on.message));
            keyId = on.key.idHex();
            QCOMPARE(v.vault->catalog().encryptionKeyId(), keyId);
            QVERIFY(v.encryption->isKeyLoaded());
            QVERIFY(!v.encryption->isBrandNew());
            recovery = v.encryption->recoveryKey();
            QCOMPARE(RecoveryKey::parse(recovery).idHex(), keyId);
            // Once only.
            const VaultEncryptionResult again = v.turnOn();
            QCOMPARE(int(again.error), int(JobError::Usage));
            QVERIFY(again.message.contains(keyId));
        }
        OpenVault reopened;
        QVERIFY(reopened.open(dataDir(QStringLiteral("a"))));
        QVERIFY(!reopened.encryption->isKeyLoaded());
        const VaultEncryptionResult loaded = reopened.loadKey();
        QVERIFY2(loaded.ok(), qPrintable(loaded.message));
        QVERIFY(reopened.vault->key());
        QCOMPARE(reopened.vault->key()->idHex(), keyId);
        QCOMPARE(reopened.encryption->recoveryKey(), recovery);
        QVERIFY(!loaded.message.contains(recovery));
    }

    // The keychain holds another key than the one the catalog names, or none: loadKey says
    // which, sets nothing, and encryptAll refuses.
    void wrongOrMissingKey()
    {
        OpenVault v;
        QVERIFY(v.open(dataDir(QStringLiteral("w"))));
        Waiter<VaultEncryptionResult> prepared;
        v.encryption->prepareKey(prepared.callback()); // in the keychain, not the catalog
        QVERIFY(prepared.wait());
        QVERIFY2(prepared.result.ok(), qPrintable(prepared.result.message));
        const VaultKey other = VaultKey::generate();
        QVERIFY(v.vault->catalog().setEncryptionKeyId(other.idHex()));
        const VaultEncryptionResult wrong = v.loadKey();
        QCOMPARE(int(wrong.error), int(JobError::Keychain));
        QVERIFY2(wrong.message.contains(prepared.result.key.idHex()) &&
                     wrong.message.contains(other.idHex()),
                 qPrintable(wrong.message));
        QVERIFY(!v.vault->key());
        QVERIFY(!v.encryption->isKeyLoaded());

        Waiter<EncryptAllSummary> all;
        v.encryption->encryptAll([](const FileEncryptionResult &, int, int) {}, all.callback());
        QVERIFY(all.wait());
        QCOMPARE(int(all.result.firstError), int(JobError::Keychain));

        OpenVault none;
        QVERIFY(none.open(dataDir(QStringLiteral("n"))));
        QVERIFY(none.vault->catalog().setEncryptionKeyId(other.idHex()));
        const VaultEncryptionResult missing = none.loadKey();
        QCOMPARE(int(missing.error), int(JobError::Keychain));
        QVERIFY(!missing.message.isEmpty());
        QVERIFY(!none.vault->key());
    }

    void importRecoveryKey()
    {
        OpenVault a;
        OpenVault b;
        QVERIFY(a.open(dataDir(QStringLiteral("a"))));
        QVERIFY(b.open(dataDir(QStringLiteral("b"))));
        const VaultEncryptionResult onA = a.turnOn();
        const VaultEncryptionResult onB = b.turnOn();
        QVERIFY(onA.ok() && onB.ok());
        const QString keyA = RecoveryKey::format(onA.key);

        // Another vault's key: refused, nothing changed.
        const VaultEncryptionResult refused = b.import(keyA);
        QCOMPARE(int(refused.error), int(JobError::Usage));
        QVERIFY(!refused.invalidRecoveryKey);
        QVERIFY(refused.message.contains(onA.key.idHex()));
        QVERIFY(refused.message.contains(onB.key.idHex()));
        QCOMPARE(b.encryption->keyId(), onB.key.idHex());
        QCOMPARE(b.vault->key()->idHex(), onB.key.idHex());

        // A typo: the position is named.
        QString typo = keyA;
        const int at = 5 * 5 + 2; // "XXXX-" groups: the 3rd character of group 6, the 23rd
        typo[at] = typo[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const VaultEncryptionResult bad = b.import(typo);
        QVERIFY(bad.invalidRecoveryKey);
        QVERIFY2(bad.message.contains(QLatin1String("character 23 (in group 6)")),
                 qPrintable(bad.message));

        // A fresh vault with only the recovery key becomes an encrypted vault with it.
        OpenVault c;
        QVERIFY(c.open(dataDir(QStringLiteral("c"))));
        const VaultEncryptionResult imported = c.import(keyA.toLower());
        QVERIFY2(imported.ok(), qPrintable(imported.message));
        QCOMPARE(c.encryption->keyId(), onA.key.idHex());
        QVERIFY(c.encryption->isKeyLoaded());
    }

    void encryptAllConvertsPlainFiles()
    {
        OpenVault v;
        QVERIFY(v.open(dataDir(QStringLiteral("v"))));
        QVERIFY(v.addPlainBackups(4, 256 * 1024, m_dir->path()));
        QCOMPARE(int(v.encryption->plainBackups().size()), 4);
        QVERIFY(v.turnOn().ok());
        QList<int> progress;
        Waiter<EncryptAllSummary> all;
        v.encryption->encryptAll(
            [&progress](const FileEncryptionResult &r, int tried, int total) {
                QVERIFY(r.ok());
                QCOMPARE(total, 4);
                progress << tried;
            },
            all.callback());
        QVERIFY(v.encryption->isEncrypting());
        QVERIFY(all.wait());
        QCOMPARE(progress, QList<int>({1, 2, 3, 4}));
        QCOMPARE(all.result.encrypted, 4);
        QCOMPARE(all.result.failed, 0);
        QVERIFY(!all.result.cancelled);
        QCOMPARE(all.result.inWords(), QStringLiteral("4 encrypted"));
        int plain = 0;
        int encrypted = 0;
        QVERIFY(v.allIntact(&plain, &encrypted));
        QCOMPARE(plain, 0);
        QCOMPARE(encrypted, 4);
        QVERIFY(v.encryption->plainBackups().isEmpty());
        QVERIFY(strayFiles(*v.vault).isEmpty());
    }

    // Cancel after the first file: the one in progress finishes, the rest stays plain, and
    // every file is intact either way.
    void cancelMidWay()
    {
        OpenVault v;
        QVERIFY(v.open(dataDir(QStringLiteral("v"))));
        QVERIFY(v.addPlainBackups(5, 512 * 1024, m_dir->path()));
        QVERIFY(v.turnOn().ok());
        Waiter<EncryptAllSummary> all;
        VaultEncryption *encryption = v.encryption.get();
        v.encryption->encryptAll(
            [encryption](const FileEncryptionResult &, int tried, int) {
                if (tried == 1)
                    encryption->cancelEncryption();
            },
            all.callback());
        QVERIFY(all.wait());
        QVERIFY(all.result.cancelled);
        QCOMPARE(all.result.encrypted, 1);
        QVERIFY2(all.result.inWords().contains(QLatin1String("4 not tried")),
                 qPrintable(all.result.inWords()));
        int plain = 0;
        int encrypted = 0;
        QVERIFY(v.allIntact(&plain, &encrypted));
        QCOMPARE(encrypted, 1);
        QCOMPARE(plain, 4);
        QVERIFY(strayFiles(*v.vault).isEmpty());
        // The PBX lock was given back: a second run does the rest.
        Waiter<EncryptAllSummary> rest;
        v.encryption->encryptAll([](const FileEncryptionResult &, int, int) {}, rest.callback());
        QVERIFY(rest.wait());
        QCOMPARE(rest.result.encrypted, 4);
        QVERIFY(v.allIntact(&plain, &encrypted));
        QCOMPARE(encrypted, 5);
    }

    // The command line killed while it converts: nothing half-written stays in the way.
    void killedEncryptAllResumes()
    {
        const QString dir = dataDir(QStringLiteral("k"));
        constexpr int kBackups = 16;
        {
            OpenVault v;
            QVERIFY(v.open(dir));
            QVERIFY(v.addPlainBackups(kBackups, 6 * 1024 * 1024, m_dir->path()));
            QVERIFY(v.turnOn().ok()); // the key in the real keychain, as `key init` does
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QStringLiteral(PBXVAULT_PATH),
                    {QStringLiteral("--data-dir"), dir, QStringLiteral("encrypt"),
                     QStringLiteral("--all")});
        QVERIFY2(child.waitForStarted(kTimeoutMs), qPrintable(child.errorString()));
        QByteArray out;
        while (!out.contains("backup ") || !out.contains(": encrypted")) {
            QVERIFY2(child.state() == QProcess::Running || child.bytesAvailable() > 0,
                     child.readAllStandardError().constData());
            child.waitForReadyRead(1000);
            out += child.readAllStandardOutput();
        }
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(kTimeoutMs));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        int partial = 0; // a temp file the kill left behind (the next open removes it)
        QDirIterator it(dir + QStringLiteral("/backups"), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            partial += QFileInfo(it.next()).fileName().startsWith(QLatin1Char('.')) ? 1 : 0;
        qInfo("temp files left by the kill: %d", partial);

        int plain = 0;
        int encrypted = 0;
        {
            OpenVault v;
            QVERIFY(v.open(dir));
            QVERIFY(v.loadKey().ok());
            QVERIFY(v.allIntact(&plain, &encrypted));
            qInfo("after SIGKILL: %d encrypted, %d plain", encrypted, plain);
            QVERIFY(encrypted >= 1);
            QVERIFY2(plain >= 1, "the command finished before it was killed");
            QCOMPARE(plain + encrypted, kBackups);
        }

        QProcess again;
        again.start(QStringLiteral(PBXVAULT_PATH),
                    {QStringLiteral("--data-dir"), dir, QStringLiteral("encrypt"),
                     QStringLiteral("--all")});
        QVERIFY(again.waitForFinished(5 * kTimeoutMs));
        QCOMPARE(again.exitStatus(), QProcess::NormalExit);
        QVERIFY2(again.exitCode() == 0, again.readAllStandardError().constData());
        QCOMPARE(int(again.readAllStandardOutput().count(": encrypted (")), plain);

        OpenVault v;
        QVERIFY(v.open(dir));
        QVERIFY(v.loadKey().ok());
        QVERIFY(v.allIntact(&plain, &encrypted));
        QCOMPARE(plain, 0);
        QCOMPARE(encrypted, kBackups);
        QVERIFY2(strayFiles(*v.vault).isEmpty(), qPrintable(strayFiles(*v.vault).join(' ')));
    }
};

QTEST_GUILESS_MAIN(TestVaultEncryption)
#include "tst_vault_encryption.moc"
