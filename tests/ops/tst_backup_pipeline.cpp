// The one backup pipeline (Operations::backupPbx) against pbxsim over HTTPS, a real SQLite catalog
// and real files: every backup is verified before it is catalogued, retention follows, the
// concurrency limit and the PBX lock hold, and failures carry a JobError. Also the honest
// verification outcomes of import, verify and restore.
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Pipe-Pa55word!");
constexpr int kJobTimeoutMs = 30000;

PbxSim::Options simOptions(const QStringList &faults = {})
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
    o.faults = faults;
    return o;
}

bool waitFor(Job *job)
{
    if (job->isFinished()) {
        QSignalSpy done(job, &Job::finished);
        return done.count() > 0 || done.wait(kJobTimeoutMs);
    }
    QSignalSpy done(job, &Job::finished);
    return done.wait(kJobTimeoutMs);
}

// Files under dir, temp files included.
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

} // namespace

class TestBackupPipeline : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;

    Catalog &catalog() { return m_vault->catalog(); }

    qint64 addPbx(const QString &name, const PbxSim &sim, int keepLast = 0)
    {
        PbxRecord pbx;
        pbx.name = name;
        pbx.url = sim.url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = sim.fingerprint();
        pbx.keepLast = keepLast;
        std::unique_ptr<Job> job(m_ops->addPbx(pbx, kPassword));
        if (!waitFor(job.get()) || !job->ok()) {
            qWarning() << "addPbx failed:" << job->errorMessage();
            return 0;
        }
        return job->pbxId();
    }

    std::unique_ptr<Job> backup(qint64 pbxId)
    {
        std::unique_ptr<Job> job(m_ops->backupPbx(pbxId, JobTrigger::Manual));
        if (!waitFor(job.get()))
            qWarning() << "backup did not finish";
        return job;
    }

    QVector<JobRecord> jobsOf(qint64 pbxId, JobKind kind)
    {
        QVector<JobRecord> out;
        for (const JobRecord &j : catalog().jobs()) {
            if (j.pbxId == pbxId && j.kind == kind)
                out.append(j);
        }
        return out;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return {};
        return path;
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
        m_secrets.reset();
        m_dir.reset();
    }

    // What the window's "Back up now", the CLI's `backup` and the scheduler all call.
    void backupIsVerifiedThenRetentionApplies()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim, /*keepLast=*/1);
        QVERIFY(id > 0);

        auto first = backup(id);
        QVERIFY2(first->ok(), qPrintable(first->errorMessage()));
        QCOMPARE_ENUM(first->verifyState(), VerifyState::Intact);
        const std::optional<BackupRecord> firstRecord = catalog().backup(first->backupId());
        QVERIFY(firstRecord);
        QCOMPARE_ENUM(firstRecord->verified, VerifyState::Intact);
        QVERIFY(firstRecord->verifiedAt.isValid());

        QVERIFY(sim.mutate());
        auto second = backup(id);
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QCOMPARE(second->retentionDeleted(), 1);
        const QVector<BackupRecord> left = catalog().backups(id);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().id, second->backupId());
        QVERIFY(!QFile::exists(firstRecord->path));

        // Every step is in the job log: two backups, two verifications, one retention.
        const QVector<JobRecord> backups = jobsOf(id, JobKind::Backup);
        QCOMPARE(backups.size(), 2);
        for (const JobRecord &j : backups)
            QCOMPARE_ENUM(j.outcome, JobOutcome::Success);
        const QVector<JobRecord> verifies = jobsOf(id, JobKind::Verify);
        QCOMPARE(verifies.size(), 2);
        for (const JobRecord &j : verifies)
            QCOMPARE_ENUM(j.outcome, JobOutcome::Success);
        QCOMPARE(jobsOf(id, JobKind::Retention).size(), 1);
        // The lock is released.
        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("someone-else"), m_ops->now()));
    }

    // An answer that is not a readable backup is a failed job with nothing catalogued and no
    // file left behind, whatever the HTTP status said.
    void dishonestCreateAnswerIsNeverABackup_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "empty"
                               << "pbx"; // refused by PbxClient already
        QTest::newRow("html") << "html"
                              << "pbx";
        QTest::newRow("garbage") << "garbage"
                                 << "unreadable";
        QTest::newRow("truncated") << "truncated"
                                   << "corrupt";
        QTest::newRow("tar without members") << "tar-empty"
                                             << "corrupt";
    }

    void dishonestCreateAnswerIsNeverABackup()
    {
        QFETCH(QString, answer);
        QFETCH(QString, expected);
        PbxSim sim(simOptions({QStringLiteral("bad-create=") + answer}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        auto job = backup(id);
        QVERIFY(!job->ok());
        QCOMPARE(toString(job->error()), expected);
        QVERIFY(catalog().backups(id).isEmpty());
        QVERIFY2(filesUnder(m_vault->store().root()).isEmpty(),
                 qPrintable(filesUnder(m_vault->store().root()).join(QLatin1Char(' '))));
        const QVector<JobRecord> rows = jobsOf(id, JobKind::Backup);
        QCOMPARE(rows.size(), 1);
        QCOMPARE_ENUM(rows.first().outcome, JobOutcome::Failed);
        QCOMPARE(toString(rows.first().errorKind), expected);
    }

    // The same for the safety backup taken before a restore: the restore does not proceed.
    void restoreNeverProceedsOnABadSafetyBackup()
    {
        PbxSim source(simOptions());
        PbxSim target(simOptions({QStringLiteral("bad-create=truncated")}));
        QString error;
        QVERIFY2(source.start(&error), qPrintable(error));
        QVERIFY2(target.start(&error), qPrintable(error));
        const qint64 from = addPbx(QStringLiteral("Source"), source);
        const qint64 to = addPbx(QStringLiteral("Target"), target);
        auto good = backup(from);
        QVERIFY(good->ok());
        const QJsonObject before = target.state();
        std::unique_ptr<Job> restore(m_ops->restoreBackup(good->backupId(), to, RestoreOptions()));
        QVERIFY(waitFor(restore.get()));
        QVERIFY(!restore->ok());
        QCOMPARE_ENUM(restore->error(), JobError::Corrupt);
        QVERIFY(restore->errorMessage().contains(QStringLiteral("safety backup")));
        QVERIFY(catalog().backups(to).isEmpty());
        const QJsonObject after = target.state();
        QCOMPARE(after.value(QStringLiteral("restores")), before.value(QStringLiteral("restores")));
        QCOMPARE(after.value(QStringLiteral("config_sha256")),
                 before.value(QStringLiteral("config_sha256")));
        const QVector<RestoreRecord> restores = catalog().restores();
        QCOMPARE(restores.size(), 1);
        QCOMPARE_ENUM(restores.first().outcome, RestoreOutcome::Failed);
    }

    void concurrencyLimitQueuesBackups()
    {
        PbxSim sim(simOptions({QStringLiteral("delay-ms=150")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QVector<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            ids << addPbx(QStringLiteral("PBX %1").arg(i), sim);
            QVERIFY(ids.last() > 0);
        }
        m_ops->setConcurrencyLimit(1);
        std::vector<std::unique_ptr<Job>> jobs;
        int mostRunning = 0;
        for (qint64 id : std::as_const(ids)) {
            jobs.emplace_back(m_ops->backupPbx(id, JobTrigger::Manual));
            connect(jobs.back().get(), &Job::stageChanged, this, [this, &mostRunning] {
                mostRunning = qMax(mostRunning, m_ops->backupsRunning());
            });
        }
        QCOMPARE(m_ops->backupsRunning(), 1);
        QCOMPARE(m_ops->backupsWaiting(), 2);
        for (auto &job : jobs) {
            QVERIFY(waitFor(job.get()));
            QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
            mostRunning = qMax(mostRunning, m_ops->backupsRunning());
        }
        QCOMPARE(mostRunning, 1);
        QTRY_COMPARE(m_ops->backupsRunning(), 0);
        QCOMPARE(m_ops->backupsWaiting(), 0);
    }

    void waitingBackupCanBeCancelled()
    {
        PbxSim sim(simOptions({QStringLiteral("delay-ms=150")}));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 a = addPbx(QStringLiteral("A"), sim);
        const qint64 b = addPbx(QStringLiteral("B"), sim);
        m_ops->setConcurrencyLimit(1);
        std::unique_ptr<Job> first(m_ops->backupPbx(a, JobTrigger::Manual));
        std::unique_ptr<Job> second(m_ops->backupPbx(b, JobTrigger::Manual));
        second->cancel();
        QVERIFY(waitFor(second.get()));
        QVERIFY(second->wasCancelled());
        QCOMPARE_ENUM(second->error(), JobError::Cancelled);
        QVERIFY(waitFor(first.get()));
        QVERIFY(first->ok());
        QVERIFY(catalog().backups(b).isEmpty());
    }

    void lockedPbxIsATypedFailureInTheLog()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("other-host:1:1"), m_ops->now()));
        auto job = backup(id);
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Locked);
        const QVector<JobRecord> rows = jobsOf(id, JobKind::Backup);
        QCOMPARE(rows.size(), 1);
        QCOMPARE_ENUM(rows.first().outcome, JobOutcome::Failed);
        QCOMPARE_ENUM(rows.first().errorKind, JobError::Locked);
        QVERIFY(catalog().backups(id).isEmpty());
    }

    void typedErrorsBeforeStarting()
    {
        auto missing = backup(4242);
        QCOMPARE_ENUM(missing->error(), JobError::NotFound);

        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        std::optional<PbxRecord> pbx = catalog().pbx(id);
        pbx->enabled = false;
        QVERIFY(catalog().updatePbx(*pbx));
        auto disabled = backup(id);
        QCOMPARE_ENUM(disabled->error(), JobError::Disabled);

        pbx->enabled = true;
        QVERIFY(catalog().updatePbx(*pbx));
        m_secrets->setMode(MemorySecretStore::Mode::Unavailable);
        auto noPassword = backup(id);
        QCOMPARE_ENUM(noPassword->error(), JobError::Keychain);
    }

    void wrongPasswordIsAPbxError()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        PbxRecord pbx;
        pbx.name = QStringLiteral("Wrong");
        pbx.url = sim.url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = sim.fingerprint();
        std::unique_ptr<Job> add(m_ops->addPbx(pbx, QStringLiteral("not-the-password")));
        QVERIFY(waitFor(add.get()) && add->ok());
        auto job = backup(add->pbxId());
        QCOMPARE_ENUM(job->error(), JobError::Pbx);
        QCOMPARE(int(job->pbxError().kind), int(PbxErrorKind::AuthFailed));
        QVERIFY(catalog().backups(add->pbxId()).isEmpty());
        QVERIFY(filesUnder(m_vault->store().root()).isEmpty());
    }

    void userNameWithLineBreakIsRefused()
    {
        PbxRecord pbx;
        pbx.name = QStringLiteral("Injected");
        pbx.url = QUrl(QStringLiteral("https://127.0.0.1:1"));
        pbx.username = QStringLiteral("admin\r\nX-Evil: 1");
        std::unique_ptr<Job> job(m_ops->addPbx(pbx, kPassword));
        QVERIFY(waitFor(job.get()));
        QCOMPARE_ENUM(job->error(), JobError::Usage);
        pbx.username = QStringLiteral("admin");
        pbx.tenant = QStringLiteral("default\", Digest=\"x");
        std::unique_ptr<Job> quoted(m_ops->addPbx(pbx, kPassword));
        QVERIFY(waitFor(quoted.get()));
        QCOMPARE_ENUM(quoted->error(), JobError::Usage);
        QVERIFY(catalog().pbxs().isEmpty());
    }

    void importRefusesAnUnreadableFileUnlessAccepted()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        QByteArray random(5 * 1024, Qt::Uninitialized);
        QRandomGenerator gen(42);
        gen.fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        const QString path = writeFile(QStringLiteral("random.bak"), random);
        QVERIFY(!path.isEmpty());

        std::unique_ptr<Job> refused(m_ops->importBackup(path, id));
        QVERIFY(waitFor(refused.get()));
        QVERIFY(!refused->ok());
        QCOMPARE_ENUM(refused->error(), JobError::Unreadable);
        QVERIFY(catalog().backups(id).isEmpty());
        QVERIFY(filesUnder(m_vault->store().root()).isEmpty());

        ImportOptions accept;
        accept.acceptChecksumOnly = true;
        std::unique_ptr<Job> accepted(m_ops->importBackup(path, id, accept));
        QVERIFY(waitFor(accepted.get()));
        QVERIFY2(accepted->ok(), qPrintable(accepted->errorMessage()));
        const std::optional<BackupRecord> b = catalog().backup(accepted->backupId());
        QVERIFY(b);
        QCOMPARE_ENUM(b->verified, VerifyState::ChecksumOnly);

        // Verifying it again keeps saying so, and never "intact".
        std::unique_ptr<Job> verify(m_ops->verifyBackup(b->id));
        QVERIFY(waitFor(verify.get()));
        QCOMPARE_ENUM(verify->verifyState(), VerifyState::ChecksumOnly);
        QCOMPARE_ENUM(catalog().backup(b->id)->verified, VerifyState::ChecksumOnly);
    }

    void emptyAndTruncatedFilesAreNeverIntact()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        auto good = backup(id);
        QVERIFY(good->ok());
        const BackupRecord record = *catalog().backup(good->backupId());

        const QString empty = writeFile(QStringLiteral("empty.bak"), QByteArray());
        ImportOptions accept;
        accept.acceptChecksumOnly = true;
        std::unique_ptr<Job> importEmpty(m_ops->importBackup(empty, id, accept));
        QVERIFY(waitFor(importEmpty.get()));
        QCOMPARE_ENUM(importEmpty->error(), JobError::Corrupt);

        QFile original(record.path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        original.close();
        const QString truncated =
            writeFile(QStringLiteral("truncated.bak"), bytes.left(bytes.size() / 2));
        std::unique_ptr<Job> importTruncated(m_ops->importBackup(truncated, id, accept));
        QVERIFY(waitFor(importTruncated.get()));
        QCOMPARE_ENUM(importTruncated->error(), JobError::Corrupt);
        QCOMPARE(catalog().backups(id).size(), 1);

        // The stored backup damaged on disk: verify says corrupt; removed: missing.
        QVERIFY(QFile::resize(record.path, bytes.size() / 2));
        std::unique_ptr<Job> corrupt(m_ops->verifyBackup(record.id));
        QVERIFY(waitFor(corrupt.get()));
        QCOMPARE_ENUM(corrupt->error(), JobError::Corrupt);
        QCOMPARE_ENUM(catalog().backup(record.id)->verified, VerifyState::Corrupt);
        QVERIFY(QFile::remove(record.path));
        std::unique_ptr<Job> missing(m_ops->verifyBackup(record.id));
        QVERIFY(waitFor(missing.get()));
        QCOMPARE_ENUM(catalog().backup(record.id)->verified, VerifyState::Missing);
    }

    // Refused before the history row and before any safety backup of the target.
    void restoreOfCorruptOrMissingBackupIsRefusedFirst()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        auto good = backup(id);
        QVERIFY(good->ok());
        const BackupRecord record = *catalog().backup(good->backupId());
        const QJsonObject before = sim.state();

        QVERIFY(catalog().setVerification(record.id, VerifyState::Corrupt, m_ops->now()));
        std::unique_ptr<Job> corrupt(m_ops->restoreBackup(record.id, id, RestoreOptions()));
        QVERIFY(waitFor(corrupt.get()));
        QCOMPARE_ENUM(corrupt->error(), JobError::Corrupt);

        QVERIFY(catalog().setVerification(record.id, VerifyState::Intact, m_ops->now()));
        QVERIFY(QFile::remove(record.path));
        std::unique_ptr<Job> missing(m_ops->restoreBackup(record.id, id, RestoreOptions()));
        QVERIFY(waitFor(missing.get()));
        QCOMPARE_ENUM(missing->error(), JobError::Corrupt);

        QCOMPARE(catalog().backups(id).size(), 1); // no safety backup was taken
        QVERIFY(catalog().restores().isEmpty());
        const QJsonObject after = sim.state();
        QCOMPARE(after.value(QStringLiteral("config_sha256")),
                 before.value(QStringLiteral("config_sha256")));
        QCOMPARE(after.value(QStringLiteral("restores")), before.value(QStringLiteral("restores")));
    }
};

QTEST_GUILESS_MAIN(TestBackupPipeline)
#include "tst_backup_pipeline.moc"
