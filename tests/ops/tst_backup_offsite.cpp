// Off-site copies through the backup pipeline, against pbxsim, a real OpenSSH server on
// loopback (SshServer), real folders and real SQLite catalogs: every backup lands verified on
// each target with its state in the catalog; a dead server fails the copy but never the
// backup, and the next run copies what is missing; sshd killed mid-copy leaves nothing under
// the final name; retention reaches the targets (never the newest copy); a restore whose local
// file is gone fetches the copy back; an encrypted vault's copies are encrypted.
#include "PbxSim.h"
#include "SshServer.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "crypto/EncryptedFile.h"
#include "crypto/VaultKey.h"
#include "fakes/MemorySecretStore.h"
#include "ops/CopyRetries.h"
#include "ops/OffsiteCopies.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Offs1te-Pa55!");
constexpr int kJobTimeoutMs = 120000;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Of(const QString &path)
{
    QFile f(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

// Regular files of a folder whose names do not start with '.' (the copies), and all of them.
QStringList copiesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}
QStringList everythingIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestBackupOffsite : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<PbxSim> m_sim;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    qint64 m_pbxId = 0;

    Catalog &catalog() { return m_vault->catalog(); }

    bool waitFor(Job *job)
    {
        QSignalSpy done(job, &Job::finished);
        return job->isFinished() || done.wait(kJobTimeoutMs);
    }

    std::unique_ptr<Job> backup()
    {
        std::unique_ptr<Job> job(m_ops->backupPbx(m_pbxId, JobTrigger::Manual));
        if (!waitFor(job.get()))
            qWarning() << "backup did not finish";
        return job;
    }

    CopyTargetRecord addFolderTarget(const QString &name, QString *dir)
    {
        *dir = m_dir->filePath(name);
        QDir().mkpath(*dir);
        CopyTargetRecord t;
        t.name = name;
        t.kind = CopyTargetKind::Folder;
        t.location = *dir;
        if (!catalog().addCopyTarget(&t))
            qWarning() << catalog().lastError();
        return t;
    }

    CopyTargetRecord addSftpTarget(const SshServer &ssh)
    {
        CopyTargetRecord t;
        t.name = QStringLiteral("offsite-sftp");
        t.kind = CopyTargetKind::Sftp;
        // sftp://host//abs: an absolute folder on the server.
        t.location = QStringLiteral("sftp://%1@%2:%3/%4")
                         .arg(ssh.user(), ssh.host())
                         .arg(ssh.port())
                         .arg(ssh.remoteDir());
        t.hostKey = ssh.hostKeyFingerprint();
        t.auth = CopyAuth::Key;
        if (!catalog().addCopyTarget(&t))
            qWarning() << catalog().lastError();
        bool stored = false;
        m_secrets->writeSecret(OffsiteTargets::secretKey(catalog().catalogId(), t.id),
                               ssh.clientPrivateKey(), nullptr,
                               [&stored](const SecretResult &) { stored = true; });
        if (!QTest::qWaitFor([&stored] { return stored; }, 10000))
            qWarning() << "the secret was not stored";
        return t;
    }

    std::optional<BackupCopyRecord> copyOf(qint64 backupId, qint64 targetId)
    {
        for (const BackupCopyRecord &c : catalog().backupCopies(backupId)) {
            if (c.targetId == targetId)
                return c;
        }
        return std::nullopt;
    }

    int copyRows(JobOutcome outcome)
    {
        int n = 0;
        for (const JobRecord &j : catalog().jobs())
            n += j.kind == JobKind::Copy && j.outcome == outcome ? 1 : 0;
        return n;
    }

    void startSim(qint64 backupSize = 0)
    {
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
        o.restoreMs = 50;
        o.backupSize = backupSize;
        m_sim = std::make_unique<PbxSim>(o);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        PbxRecord pbx;
        pbx.name = QStringLiteral("Head Office");
        pbx.url = m_sim->url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = m_sim->fingerprint();
        std::unique_ptr<Job> job(m_ops->addPbx(pbx, kPassword));
        QVERIFY(waitFor(job.get()));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        m_pbxId = job->pbxId();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_secrets = std::make_unique<MemorySecretStore>();
        QString error;
        m_vault = Vault::open(m_dir->filePath(QStringLiteral("data")), m_secrets.get(), &error);
        QVERIFY2(m_vault, qPrintable(error));
        m_ops = std::make_unique<Operations>(*m_vault);
    }

    void cleanup()
    {
        m_ops.reset();
        m_vault.reset();
        m_sim.reset();
        m_secrets.reset();
        m_dir.reset();
    }

    void folderTargetHoldsAVerifiedCopy()
    {
        startSim();
        QString nas;
        const CopyTargetRecord target = addFolderTarget(QStringLiteral("nas"), &nas);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(job->copiesMade(), 1);
        QCOMPARE(job->copiesFailed(), 0);
        const BackupRecord b = *catalog().backup(job->backupId());
        const std::optional<BackupCopyRecord> copy = copyOf(b.id, target.id);
        QVERIFY(copy);
        QCOMPARE_ENUM(copy->state, CopyState::Copied);
        QCOMPARE(copy->attempts, 1);
        QCOMPARE(copiesIn(nas), QStringList{copy->remoteName});
        QVERIFY2(copy->remoteName.endsWith(b.filename), qPrintable(copy->remoteName));
        const QString remote = nas + QLatin1Char('/') + copy->remoteName;
        QCOMPARE(readAll(remote), readAll(b.path));
        QCOMPARE(copy->sha256, sha256Of(b.path));
        QCOMPARE(copy->size, QFileInfo(b.path).size());
        QCOMPARE(everythingIn(nas).size(), 1); // no temporary file left
        QCOMPARE(copyRows(JobOutcome::Success), 1);
    }

    void sftpTargetHoldsAVerifiedCopy()
    {
        if (SshServer::sshdPath().isEmpty())
            QSKIP("OpenSSH's sshd is not installed (Debian package openssh-server)");
        SshServer ssh;
        QString error;
        QVERIFY2(ssh.start(&error), qPrintable(error));
        startSim();
        const CopyTargetRecord target = addSftpTarget(ssh);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(job->copiesMade(), 1);
        const BackupRecord b = *catalog().backup(job->backupId());
        const std::optional<BackupCopyRecord> copy = copyOf(b.id, target.id);
        QVERIFY(copy);
        QCOMPARE_ENUM(copy->state, CopyState::Copied);
        QCOMPARE(readAll(ssh.remoteDir() + QLatin1Char('/') + copy->remoteName), readAll(b.path));
    }

    // The server is down during the backup: the backup is good, the copy failed and says why;
    // the next backup copies both.
    void deadServerFailsTheCopyNotTheBackup()
    {
        if (SshServer::sshdPath().isEmpty())
            QSKIP("OpenSSH's sshd is not installed (Debian package openssh-server)");
        SshServer ssh;
        QString error;
        QVERIFY2(ssh.start(&error), qPrintable(error));
        startSim();
        const CopyTargetRecord target = addSftpTarget(ssh);
        ssh.stop();
        std::unique_ptr<Job> first = backup();
        QVERIFY2(first->ok(), qPrintable(first->errorMessage()));
        QCOMPARE(first->copiesMade(), 0);
        QCOMPARE(first->copiesFailed(), 1);
        QVERIFY(!first->copyError().isEmpty());
        const std::optional<BackupCopyRecord> failed = copyOf(first->backupId(), target.id);
        QVERIFY(failed);
        QCOMPARE_ENUM(failed->state, CopyState::Failed);
        QVERIFY(!failed->error.isEmpty());
        QCOMPARE_ENUM(catalog().backup(first->backupId())->verified, VerifyState::Intact);
        QCOMPARE(copyRows(JobOutcome::Failed), 1);

        QVERIFY2(ssh.restart(&error), qPrintable(error));
        std::unique_ptr<Job> second = backup();
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QCOMPARE(second->copiesMade(), 2);
        for (const qint64 id : {first->backupId(), second->backupId()}) {
            const std::optional<BackupCopyRecord> copy = copyOf(id, target.id);
            QVERIFY(copy);
            QCOMPARE_ENUM(copy->state, CopyState::Copied);
            QCOMPARE(sha256Of(ssh.remoteDir() + QLatin1Char('/') + copy->remoteName),
                     sha256Of(catalog().backup(id)->path));
        }
        QCOMPARE(copyOf(first->backupId(), target.id)->attempts, 2);
        QVERIFY(catalog().backupsMissingCopy(target.id).isEmpty());
    }

    // A copy that failed is tried again on the scheduler's backoff (1 s, then 2 s here), without
    // waiting for the next backup; with no attempt left it gives up until then.
    void failedCopyIsRetriedOnTheBackoff()
    {
        startSim();
        // The target's folder cannot be made while a regular file holds its parent's name
        // (even for root).
        const QString blocker = m_dir->filePath(QStringLiteral("mount"));
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        CopyTargetRecord target;
        target.name = QStringLiteral("nas");
        target.kind = CopyTargetKind::Folder;
        target.location = blocker + QStringLiteral("/nas");
        QVERIFY2(catalog().addCopyTarget(&target), qPrintable(catalog().lastError()));

        CopyRetries retries(*m_ops);
        retries.setPolicy(3, 1);
        retries.setEnabled(true);
        QSignalSpy retried(&retries, &CopyRetries::retried);
        QSignalSpy gaveUp(&retries, &CopyRetries::gaveUp);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(job->copiesFailed(), 1);
        QVERIFY(retries.isPending(m_pbxId));
        QVERIFY(retries.nextAttempt(m_pbxId) > QDateTime::currentDateTimeUtc().addMSecs(-1));

        QVERIFY(retried.wait(kJobTimeoutMs));
        QCOMPARE(retried.last().at(1).toInt(), 2); // attempt
        QCOMPARE(retried.last().at(3).toInt(), 1); // failed
        QCOMPARE_ENUM(copyOf(job->backupId(), target.id)->state, CopyState::Failed);
        QTRY_VERIFY(retries.isPending(m_pbxId));

        // The mount comes back: the next retry copies it.
        QVERIFY(QFile::remove(blocker));
        QVERIFY(QDir().mkpath(target.location));
        QVERIFY(retried.wait(kJobTimeoutMs));
        QCOMPARE(retried.last().at(1).toInt(), 3);
        QCOMPARE(retried.last().at(2).toInt(), 1); // copied
        QCOMPARE(retried.last().at(3).toInt(), 0);
        const std::optional<BackupCopyRecord> copy = copyOf(job->backupId(), target.id);
        QVERIFY(copy);
        QCOMPARE_ENUM(copy->state, CopyState::Copied);
        QCOMPARE(copy->attempts, 3);
        QCOMPARE(sha256Of(target.location + QLatin1Char('/') + copy->remoteName),
                 sha256Of(catalog().backup(job->backupId())->path));
        QTRY_VERIFY(!retries.isPending(m_pbxId));
        QCOMPARE(gaveUp.count(), 0);

        // Down again for good: two attempts in all, then it gives up.
        retries.setPolicy(2, 1);
        QVERIFY(QDir(target.location).removeRecursively());
        {
            QFile file(target.location);
            QVERIFY(file.open(QIODevice::WriteOnly)); // a file where the folder was
        }
        std::unique_ptr<Job> again = backup();
        QVERIFY2(again->ok(), qPrintable(again->errorMessage()));
        QCOMPARE(again->copiesFailed(), 1);
        QVERIFY(gaveUp.wait(kJobTimeoutMs));
        QVERIFY(!gaveUp.last().at(1).toString().isEmpty());
        QVERIFY(!retries.isPending(m_pbxId));
    }

    // sshd dies while a 96 MiB backup is being copied: no file under the final name, the
    // backup stays, and `target sync`'s way (a copier with no new backup) finishes the job.
    void sshdKilledMidCopy()
    {
        if (SshServer::sshdPath().isEmpty())
            QSKIP("OpenSSH's sshd is not installed (Debian package openssh-server)");
        SshServer ssh;
        QString error;
        QVERIFY2(ssh.start(&error), qPrintable(error));
        startSim(96 * 1024 * 1024);
        const CopyTargetRecord target = addSftpTarget(ssh);
        std::unique_ptr<Job> job(m_ops->backupPbx(m_pbxId, JobTrigger::Manual));
        bool killed = false;
        connect(job.get(), &Job::progress, this, [&](qint64 done, qint64) {
            if (!killed && job->stage().contains(QStringLiteral("Copying")) &&
                done > 8 * 1024 * 1024) {
                killed = true;
                ssh.killAll();
            }
        });
        QVERIFY(waitFor(job.get()));
        QVERIFY(killed);
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(job->copiesFailed(), 1);
        const BackupRecord b = *catalog().backup(job->backupId());
        QCOMPARE_ENUM(copyOf(b.id, target.id)->state, CopyState::Failed);
        QVERIFY2(copiesIn(ssh.remoteDir()).isEmpty(),
                 qPrintable(copiesIn(ssh.remoteDir()).join(QLatin1Char(' '))));

        QVERIFY2(ssh.restart(&error), qPrintable(error));
        OffsiteCopier copier(*m_vault, m_ops->jobLog(), JobTrigger::Manual);
        bool finished = false;
        OffsiteCopier::Summary summary;
        copier.run(*catalog().pbx(m_pbxId), 0, nullptr, [&](const OffsiteCopier::Summary &s) {
            summary = s;
            finished = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, kJobTimeoutMs);
        QCOMPARE(summary.copied, 1);
        const std::optional<BackupCopyRecord> copy = copyOf(b.id, target.id);
        QCOMPARE_ENUM(copy->state, CopyState::Copied);
        QCOMPARE(everythingIn(ssh.remoteDir()), QStringList{copy->remoteName}); // part removed
        QCOMPARE(sha256Of(ssh.remoteDir() + QLatin1Char('/') + copy->remoteName), sha256Of(b.path));
    }

    // keep-last 1: each backup removes the previous one here and on the target.
    void retentionReachesTheTargets()
    {
        startSim();
        QString nas;
        const CopyTargetRecord target = addFolderTarget(QStringLiteral("nas"), &nas);
        PbxRecord pbx = *catalog().pbx(m_pbxId);
        pbx.keepLast = 1;
        QVERIFY(catalog().updatePbx(pbx));
        qint64 last = 0;
        for (int i = 0; i < 3; ++i) {
            std::unique_ptr<Job> job = backup();
            QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
            last = job->backupId();
        }
        QCOMPARE(catalog().backups(m_pbxId).size(), 1);
        QCOMPARE(copiesIn(nas), QStringList{copyOf(last, target.id)->remoteName});
    }

    // The local file is gone: the restore fetches the verified copy back, puts it in the
    // vault again and restores it.
    void restoreFetchesTheRemoteCopy()
    {
        startSim();
        QString nas;
        const CopyTargetRecord target = addFolderTarget(QStringLiteral("nas"), &nas);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const BackupRecord b = *catalog().backup(job->backupId());
        const QByteArray original = readAll(b.path);
        QVERIFY(QFile::remove(b.path));
        const int restoresBefore = m_sim->state().value(QStringLiteral("restores")).toInt();

        RestoreOptions options;
        options.safetyBackup = false;
        std::unique_ptr<Job> restore(m_ops->restoreBackup(b.id, m_pbxId, options));
        QVERIFY(waitFor(restore.get()));
        QVERIFY2(restore->ok(), qPrintable(restore->errorMessage()));
        QCOMPARE(readAll(b.path), original);
        QCOMPARE(m_sim->state().value(QStringLiteral("restores")).toInt(), restoresBefore + 1);
        QVERIFY2(restore->warnings().join(QLatin1Char(' ')).contains(target.name),
                 qPrintable(restore->warnings().join(QLatin1Char(' '))));
    }

    // One flipped byte in the local file: the restore replaces it with the verified copy.
    void restoreReplacesADamagedFileWithTheCopy()
    {
        startSim();
        QString nas;
        addFolderTarget(QStringLiteral("nas"), &nas);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const BackupRecord b = *catalog().backup(job->backupId());
        const QByteArray original = readAll(b.path);
        {
            QFile f(b.path);
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(f.size() / 2));
            char c = 0;
            QVERIFY(f.getChar(&c));
            QVERIFY(f.seek(f.size() / 2));
            QVERIFY(f.putChar(char(c ^ 0x5a)));
        }
        QVERIFY(readAll(b.path) != original);
        RestoreOptions options;
        options.safetyBackup = false;
        std::unique_ptr<Job> restore(m_ops->restoreBackup(b.id, m_pbxId, options));
        QVERIFY(waitFor(restore.get()));
        QVERIFY2(restore->ok(), qPrintable(restore->errorMessage()));
        QCOMPARE(readAll(b.path), original);
        QVERIFY2(restore->warnings().join(QLatin1Char(' ')).contains(QStringLiteral("damaged")),
                 qPrintable(restore->warnings().join(QLatin1Char(' '))));
        QCOMPARE_ENUM(catalog().backup(b.id)->verified, VerifyState::Intact);
    }

    // Without a copy anywhere a missing file is still refused at once.
    void restoreWithoutACopyIsRefused()
    {
        startSim();
        std::unique_ptr<Job> job = backup();
        QVERIFY(job->ok());
        const BackupRecord b = *catalog().backup(job->backupId());
        QVERIFY(QFile::remove(b.path));
        RestoreOptions options;
        options.safetyBackup = false;
        std::unique_ptr<Job> restore(m_ops->restoreBackup(b.id, m_pbxId, options));
        QVERIFY(waitFor(restore.get()));
        QVERIFY(!restore->ok());
        QCOMPARE_ENUM(restore->error(), JobError::Corrupt);
    }

    // An encrypted vault's copies are the encrypted files: nothing readable leaves the
    // machine.
    void encryptedVaultCopiesAreEncrypted()
    {
        const VaultKey key = VaultKey::generate();
        QVERIFY(catalog().setEncryptionKeyId(key.idHex()));
        m_vault->setKey(key);
        startSim();
        QString nas;
        const CopyTargetRecord target = addFolderTarget(QStringLiteral("nas"), &nas);
        std::unique_ptr<Job> job = backup();
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const std::optional<BackupCopyRecord> copy = copyOf(job->backupId(), target.id);
        QVERIFY(copy);
        const QString remote = nas + QLatin1Char('/') + copy->remoteName;
        QVERIFY(isEncryptedFile(remote));
        QVERIFY(!readAll(remote).startsWith("\x1f\x8b"));
    }
};

QTEST_GUILESS_MAIN(TestBackupOffsite)
#include "tst_backup_offsite.moc"
