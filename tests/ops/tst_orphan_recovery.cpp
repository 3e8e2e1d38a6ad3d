// Recovery at open of a backup file left without its catalog row (a process killed between the
// rename to the final name and the insert): real SQLite catalog, real files, real archives.
// This moment cannot be hit reliably from outside a process, so the kill -9 tests
// (tests/crash) leave it to this test.
#include "CatalogTestUtil.h"
#include "crypto/EncryptedFile.h"
#include "crypto/VaultKey.h"
#include "ops/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

QByteArray validTarGz(const QString &path)
{
    archive *a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    bool ok = archive_write_open_filename(a, QFile::encodeName(path).constData()) == ARCHIVE_OK;
    const QList<QPair<QByteArray, QByteArray>> members{
        {"manifest.json", R"({"product":"KalliopePBX","firmware":"4.9.4"})"},
        {"etc/extensions.conf", QByteArray("[default]\nexten => 100,1,Dial(SIP/100)\n")},
        {"db/dump.sql", QByteArray("INSERT INTO ext VALUES (1);\n").repeated(500)},
    };
    for (const auto &[name, data] : members) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, data.size());
        ok = ok && archive_write_header(a, entry) == ARCHIVE_OK;
        ok = ok && archive_write_data(a, data.constData(), size_t(data.size())) ==
                       la_ssize_t(data.size());
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    QFile file(path);
    if (!ok || !file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString ownerOf(qint64 pid)
{
    return QStringLiteral("%1:%2:test").arg(QSysInfo::machineHostName()).arg(pid);
}

} // namespace

class TestOrphanRecovery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    QString m_data;

    QString catalogPath() const { return m_data + QStringLiteral("/catalog.sqlite"); }

    std::unique_ptr<Vault> openVault()
    {
        QString error;
        std::unique_ptr<Vault> vault = Vault::open(m_data, nullptr, &error);
        if (!vault)
            qWarning() << "cannot open the vault:" << error;
        return vault;
    }

    // A PBX and its (created) store folder.
    QString addPbx(Vault &vault, const QString &name, qint64 *id)
    {
        PbxRecord pbx = makePbx(name);
        if (!vault.catalog().addPbx(&pbx))
            return {};
        *id = pbx.id;
        const QString folder = vault.store().folderFor(pbx.name, pbx.tenant);
        QDir().mkpath(folder);
        return folder;
    }

    // A backup job of pbxId left "running" by the process owner.
    qint64 runningJob(Vault &vault, qint64 pbxId, JobKind kind, const QString &owner)
    {
        JobRecord job;
        job.kind = kind;
        job.pbxId = pbxId;
        if (!vault.catalog().beginJob(&job))
            return 0;
        RawDb(catalogPath())
            .exec(QStringLiteral("UPDATE jobs SET owner = ? WHERE id = ?"), {owner, job.id});
        return job.id;
    }

    std::optional<JobRecord> job(Vault &vault, qint64 id)
    {
        for (const JobRecord &j : vault.catalog().jobs())
            if (j.id == id)
                return j;
        return std::nullopt;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        QVERIFY(m_dir->isValid());
        m_data = m_dir->filePath(QStringLiteral("data"));
    }

    void adoptsIntactAndRemovesTheRest()
    {
        qint64 crashedId = 0, calmId = 0;
        QString crashed, calm;
        qint64 jobId = 0;
        QString cataloguedPath;
        {
            std::unique_ptr<Vault> vault = openVault();
            QVERIFY(vault);
            crashed = addPbx(*vault, QStringLiteral("crashed"), &crashedId);
            calm = addPbx(*vault, QStringLiteral("calm"), &calmId);
            QVERIFY(!crashed.isEmpty() && !calm.isEmpty());
            jobId = runningJob(*vault, crashedId, JobKind::Backup, ownerOf(deadPid()));
            QVERIFY(jobId > 0);
            // A catalogued file, even a damaged one, is none of recovery's business.
            cataloguedPath = crashed + QStringLiteral("/crashed_20261130-020000_4.9.4.bak");
            QVERIFY(writeFile(cataloguedPath, "damaged but catalogued"));
            BackupRecord known = makeBackup(crashedId, utc(QStringLiteral("2026-11-30T02:00:00Z")),
                                            QStringLiteral("crashed_20261130-020000_4.9.4.bak"));
            known.path = cataloguedPath;
            QVERIFY(vault->catalog().addBackup(&known));
        }

        const QString valid = crashed + QStringLiteral("/crashed_20261201-101500_4.9.4.bak");
        const QByteArray validData = validTarGz(valid);
        QVERIFY(!validData.isEmpty());
        const QString garbage = crashed + QStringLiteral("/crashed_20261201-101500_4.9.4-1.bak");
        QVERIFY(writeFile(garbage, QByteArray("<html>502 Bad Gateway</html>").repeated(40)));
        const QString empty = crashed + QStringLiteral("/crashed_20261201-101600_4.9.4.bak");
        QVERIFY(writeFile(empty, QByteArray()));
        const QString truncated = crashed + QStringLiteral("/crashed_20261201-101700_4.9.4.bak");
        QVERIFY(writeFile(truncated, validData.left(validData.size() / 2)));
        // The PBX without an interrupted job: its folder is not even looked at.
        const QString calmValid = calm + QStringLiteral("/calm_20261201-101500_4.9.4.bak");
        QVERIFY(!validTarGz(calmValid).isEmpty());
        const QString calmGarbage = calm + QStringLiteral("/calm-garbage.bak");
        QVERIFY(writeFile(calmGarbage, "garbage"));

        std::unique_ptr<Vault> vault = openVault();
        QVERIFY(vault);

        QVERIFY(QFile::exists(valid));
        QVERIFY(!QFile::exists(garbage));
        QVERIFY(!QFile::exists(empty));
        QVERIFY(!QFile::exists(truncated));
        QVERIFY(QFile::exists(cataloguedPath));
        QVERIFY(QFile::exists(calmValid));
        QVERIFY(QFile::exists(calmGarbage));
        QVERIFY(vault->catalog().backups(calmId).isEmpty());

        const QVector<BackupRecord> backups = vault->catalog().backups(crashedId);
        QCOMPARE(backups.size(), 2);
        const auto recovered =
            std::find_if(backups.cbegin(), backups.cend(),
                         [](const BackupRecord &b) { return b.origin == BackupOrigin::Recovered; });
        QVERIFY(recovered != backups.cend());
        QCOMPARE(recovered->path, valid);
        QCOMPARE(recovered->filename, QFileInfo(valid).fileName());
        QCOMPARE(recovered->size, qint64(validData.size()));
        QCOMPARE(recovered->sha256, sha256(validData));
        QCOMPARE(recovered->tenant, QStringLiteral("default"));
        QCOMPARE(recovered->firmware, QStringLiteral("4.9.4"));
        QCOMPARE_ENUM(recovered->verified, VerifyState::Intact);
        QVERIFY(recovered->verifiedAt.isValid());
        QVERIFY2(recovered->comment.contains(QStringLiteral("interrupted")),
                 qPrintable(recovered->comment));

        // The operator sees both in Activity; the backup job itself is interrupted.
        QCOMPARE_ENUM(job(*vault, jobId)->outcome, JobOutcome::Interrupted);
        int adoptedRows = 0, removedRows = 0;
        for (const JobRecord &j : vault->catalog().jobs()) {
            if (j.kind != JobKind::Verify)
                continue;
            QCOMPARE(j.pbxId, crashedId);
            if (j.detail == QStringLiteral("recovered ") + QFileInfo(valid).fileName()) {
                QCOMPARE_ENUM(j.outcome, JobOutcome::Success);
                QCOMPARE(j.bytes, qint64(validData.size()));
                ++adoptedRows;
            } else {
                QVERIFY2(j.detail.startsWith(QStringLiteral("removed ")), qPrintable(j.detail));
                QCOMPARE_ENUM(j.outcome, JobOutcome::Failed);
                QCOMPARE_ENUM(j.errorKind, JobError::Corrupt);
                ++removedRows;
            }
        }
        QCOMPARE(adoptedRows, 1);
        QCOMPARE(removedRows, 3);

        // Recovery happens once: the next start finds nothing left running.
        vault.reset();
        vault = openVault();
        QVERIFY(vault);
        QCOMPARE(vault->catalog().backups(crashedId).size(), 2);
        QCOMPARE(vault->catalog().jobs().size(), 5);
    }

    // An encrypted file cannot be judged before the key is loaded (Vault::open runs first):
    // it is kept, then checked by setKey(); one with another vault's key is never removed.
    void encryptedOrphanWaitsForTheKey()
    {
        const VaultKey key = VaultKey::generate();
        const VaultKey otherKey = VaultKey::generate();
        qint64 pbxId = 0;
        QString folder;
        {
            std::unique_ptr<Vault> vault = openVault();
            QVERIFY(vault);
            QVERIFY(vault->catalog().setEncryptionKeyId(key.idHex()));
            folder = addPbx(*vault, QStringLiteral("crashed"), &pbxId);
            QVERIFY(!folder.isEmpty());
            QVERIFY(runningJob(*vault, pbxId, JobKind::Backup, ownerOf(deadPid())) > 0);
        }
        const auto encryptedCopy = [&](const QString &name, const VaultKey &with,
                                       QByteArray *plain) {
            const QString path = folder + QLatin1Char('/') + name;
            *plain = validTarGz(path);
            QString error;
            BackupStore store(QFileInfo(folder).absolutePath());
            if (plain->isEmpty() || !store.encryptInPlace(path, with, sha256(*plain), &error))
                qWarning() << "cannot encrypt" << path << error;
            return path;
        };
        QByteArray validPlain, otherPlain, cutPlain;
        const QString valid =
            encryptedCopy(QStringLiteral("crashed_20261201-101500_4.9.4.bak"), key, &validPlain);
        const QString other = encryptedCopy(QStringLiteral("crashed_20261201-101600_4.9.4.bak"),
                                            otherKey, &otherPlain);
        const QString cut =
            encryptedCopy(QStringLiteral("crashed_20261201-101700_4.9.4.bak"), key, &cutPlain);
        for (const QString &path : {valid, other, cut})
            QVERIFY2(isEncryptedFile(path), qPrintable(path));
        QFile cutFile(cut);
        QVERIFY(cutFile.resize(cutFile.size() - 100));

        std::unique_ptr<Vault> vault = openVault();
        QVERIFY(vault);
        // Without the key: nothing adopted, nothing removed.
        for (const QString &path : {valid, other, cut})
            QVERIFY2(QFile::exists(path), qPrintable(path));
        QVERIFY(vault->catalog().backups(pbxId).isEmpty());

        vault->setKey(key);
        QVERIFY(QFile::exists(valid));
        QVERIFY(QFile::exists(other)); // unreadable with this key is not damage
        QVERIFY(!QFile::exists(cut));
        const QVector<BackupRecord> backups = vault->catalog().backups(pbxId);
        QCOMPARE(backups.size(), 1);
        QCOMPARE(backups.first().path, valid);
        QCOMPARE(backups.first().sha256, sha256(validPlain)); // the plaintext's, as always
        QCOMPARE_ENUM(backups.first().verified, VerifyState::Intact);
        QCOMPARE_ENUM(backups.first().origin, BackupOrigin::Recovered);
    }

    // A restore's safety backup is a backup: a restore left running counts too.
    void restoreLeftRunning()
    {
        qint64 pbxId = 0;
        QString folder;
        {
            std::unique_ptr<Vault> vault = openVault();
            QVERIFY(vault);
            folder = addPbx(*vault, QStringLiteral("target"), &pbxId);
            RestoreRecord restore;
            restore.filename = QStringLiteral("old.bak");
            restore.targetPbxId = pbxId;
            QVERIFY(vault->catalog().beginRestore(&restore));
            RawDb(catalogPath())
                .exec(QStringLiteral("UPDATE restores SET owner = ? WHERE id = ?"),
                      {ownerOf(deadPid()), restore.id});
        }
        const QString safety = folder + QStringLiteral("/target_20261201-101500_4.9.4.bak");
        QVERIFY(!validTarGz(safety).isEmpty());

        std::unique_ptr<Vault> vault = openVault();
        QVERIFY(vault);
        const QVector<BackupRecord> backups = vault->catalog().backups(pbxId);
        QCOMPARE(backups.size(), 1);
        QCOMPARE(backups.first().path, safety);
        QCOMPARE_ENUM(backups.first().origin, BackupOrigin::Recovered);
        QCOMPARE_ENUM(vault->catalog().restores().first().outcome, RestoreOutcome::Interrupted);
    }

#ifdef Q_OS_UNIX
    // Files of a job that is still running elsewhere, or of a PBX another live process holds,
    // are left alone: that process may be between its rename and its insert.
    void workOfLiveProcessesLeftAlone()
    {
        qint64 runningId = 0, lockedId = 0;
        QString running, locked;
        qint64 liveJob = 0;
        const QString liveOwner = ownerOf(getppid());
        {
            std::unique_ptr<Vault> vault = openVault();
            QVERIFY(vault);
            running = addPbx(*vault, QStringLiteral("running"), &runningId);
            locked = addPbx(*vault, QStringLiteral("locked"), &lockedId);
            liveJob = runningJob(*vault, runningId, JobKind::Backup, liveOwner);
            QVERIFY(runningJob(*vault, lockedId, JobKind::Backup, ownerOf(deadPid())) > 0);
            QVERIFY(
                vault->catalog().tryLockPbx(lockedId, liveOwner, QDateTime::currentDateTimeUtc()));
        }
        const QString runningFile = running + QStringLiteral("/running_20261201-101500.bak");
        const QString runningGarbage = running + QStringLiteral("/running-garbage.bak");
        const QString lockedFile = locked + QStringLiteral("/locked_20261201-101500.bak");
        const QString lockedGarbage = locked + QStringLiteral("/locked-garbage.bak");
        QVERIFY(!validTarGz(runningFile).isEmpty());
        QVERIFY(!validTarGz(lockedFile).isEmpty());
        QVERIFY(writeFile(runningGarbage, "garbage"));
        QVERIFY(writeFile(lockedGarbage, "garbage"));

        std::unique_ptr<Vault> vault = openVault();
        QVERIFY(vault);
        for (const QString &file : {runningFile, runningGarbage, lockedFile, lockedGarbage})
            QVERIFY2(QFile::exists(file), qPrintable(file));
        QCOMPARE(vault->catalog().backupCount(), 0);
        QCOMPARE_ENUM(job(*vault, liveJob)->outcome, JobOutcome::Running);
    }
#endif
};

QTEST_GUILESS_MAIN(TestOrphanRecovery)
#include "tst_orphan_recovery.moc"
