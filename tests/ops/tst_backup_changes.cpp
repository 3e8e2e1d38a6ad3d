// "Changes since the previous backup" and "keep only backups that differ", through the one
// backup pipeline (Operations::backupPbx) against pbxsim, a real SQLite catalog and real files:
// each new backup is compared with the previous one and the count stored; a scheduled backup
// equal to the previous one is discarded when its PBX asks for it; counts against backups that
// are gone are not known.
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "diff/ArchiveDiff.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Changes-Pa55word!");
constexpr int kJobTimeoutMs = 60000;

bool waitFor(Job *job)
{
    QSignalSpy done(job, &Job::finished);
    return done.wait(kJobTimeoutMs);
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

} // namespace

class TestBackupChanges : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<PbxSim> m_sim;

    Catalog &catalog() { return m_vault->catalog(); }

    qint64 addPbx(int keepLast = 0, bool keepOnlyChanged = false)
    {
        PbxRecord pbx;
        pbx.name = QStringLiteral("Head Office");
        pbx.url = m_sim->url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = m_sim->fingerprint();
        pbx.keepLast = keepLast;
        pbx.keepOnlyChanged = keepOnlyChanged;
        std::unique_ptr<Job> job(m_ops->addPbx(pbx, kPassword));
        if (!waitFor(job.get()) || !job->ok()) {
            qWarning() << "addPbx failed:" << job->errorMessage();
            return 0;
        }
        return job->pbxId();
    }

    // Runs one backup to its end; stages records what the job showed meanwhile.
    std::unique_ptr<Job> backup(qint64 pbxId, JobTrigger trigger = JobTrigger::Manual,
                                QStringList *stages = nullptr)
    {
        std::unique_ptr<Job> job(m_ops->backupPbx(pbxId, trigger));
        if (stages)
            connect(job.get(), &Job::stageChanged, this,
                    [stages](const QString &stage) { stages->append(stage); });
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

    QString backupsDir() const { return m_dir->filePath(QStringLiteral("data/backups")); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_secrets = std::make_unique<MemorySecretStore>();
        QString error;
        m_vault = Vault::open(m_dir->filePath(QStringLiteral("data")), m_secrets.get(), &error);
        QVERIFY2(m_vault, qPrintable(error));
        m_ops = std::make_unique<Operations>(*m_vault);
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
        m_sim = std::make_unique<PbxSim>(o);
        QVERIFY2(m_sim->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_ops.reset();
        m_vault.reset();
        m_secrets.reset();
        m_sim.reset();
        m_dir.reset();
    }

    // The first backup has nothing to compare with; the next one, with no change on the PBX,
    // has no changes; after /sim/mutate, as many as ArchiveDiff finds between the two files.
    void changesAreCountedAfterEachBackup()
    {
        const qint64 id = addPbx();
        QVERIFY(id > 0);
        auto first = backup(id);
        QVERIFY2(first->ok(), qPrintable(first->errorMessage()));
        QCOMPARE(first->changes(), -1);
        QCOMPARE(catalog().backup(first->backupId())->changes, -1);
        QCOMPARE(catalog().backup(first->backupId())->changesBaseId, 0);

        QStringList stages;
        auto second = backup(id, JobTrigger::Manual, &stages);
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QVERIFY2(stages.contains(QStringLiteral("Comparing with the previous backup…")),
                 qPrintable(stages.join(QLatin1Char('|'))));
        QCOMPARE(second->changes(), 0);
        std::optional<BackupRecord> record = catalog().backup(second->backupId());
        QCOMPARE(record->changes, 0);
        QCOMPARE(record->changesBaseId, first->backupId());

        QVERIFY(m_sim->mutate());
        auto third = backup(id);
        QVERIFY2(third->ok(), qPrintable(third->errorMessage()));
        record = catalog().backup(third->backupId());
        ArchiveComparison direct;
        ArchiveDiff diff(catalog().backup(second->backupId())->path, record->path);
        QVERIFY2(diff.compare(&direct), qPrintable(diff.errorString()));
        QCOMPARE(direct.changeCount(), 2); // what pbxsim's mutate changes
        QCOMPARE(record->changes, direct.changeCount());
        QCOMPARE(record->changesBaseId, second->backupId());
        // The fast list of the Backups view carries it too.
        const BackupList list = catalog().backupList(id);
        QCOMPARE(list.at(0).id, third->backupId());
        QCOMPARE(list.at(0).changes, 2);
        QCOMPARE(list.at(1).changes, 0);
        QCOMPARE(list.at(2).changes, -1);
        for (const JobRecord &j : jobsOf(id, JobKind::Backup))
            QCOMPARE_ENUM(j.outcome, JobOutcome::Success);
    }

    // A scheduled backup equal to the previous one is verified, then deleted again (file and
    // row); the job log says "unchanged" and names the equal backup; retention does not run.
    // Manual backups are kept whatever they hold; a changed scheduled one is kept.
    void unchangedScheduledBackupIsDiscarded()
    {
        const qint64 id = addPbx(/*keepLast=*/2, /*keepOnlyChanged=*/true);
        QVERIFY(id > 0);
        auto first = backup(id, JobTrigger::Scheduled);
        QVERIFY2(first->ok(), qPrintable(first->errorMessage()));
        QVERIFY(first->backupId() > 0); // nothing to compare with: kept
        const QStringList filesBefore = filesUnder(backupsDir());
        QCOMPARE(filesBefore.size(), 1);

        auto second = backup(id, JobTrigger::Scheduled);
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QCOMPARE(second->backupId(), 0);
        QCOMPARE(second->unchangedSince(), first->backupId());
        QCOMPARE_ENUM(second->verifyState(), VerifyState::Intact);
        QCOMPARE(catalog().backupCount(), 1);
        QCOMPARE(catalog().backups(id).constFirst().id, first->backupId());
        QCOMPARE(filesUnder(backupsDir()), filesBefore); // no file, no temporary left
        QVector<JobRecord> backups = jobsOf(id, JobKind::Backup);
        QCOMPARE(backups.size(), 2);
        QCOMPARE_ENUM(backups.first().outcome, JobOutcome::Unchanged); // newest first
        QCOMPARE_ENUM(backups.first().errorKind, JobError::None);
        QCOMPARE(backups.first().error,
                 QStringLiteral("No changes since backup %1; the new backup was discarded.")
                     .arg(first->backupId()));
        QCOMPARE_ENUM(jobsOf(id, JobKind::Verify).first().outcome, JobOutcome::Success);
        QVERIFY(jobsOf(id, JobKind::Retention).isEmpty());
        // For the schedule it was a successful backup all the same.
        QCOMPARE(catalog().lastJob(id, JobKind::Backup, JobOutcome::Success)->id,
                 backups.first().id);
        // The lock is released.
        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("someone-else"), m_ops->now()));
        catalog().unlockPbx(id, QStringLiteral("someone-else"));

        // By hand: kept, with its count.
        auto manual = backup(id, JobTrigger::Manual);
        QVERIFY2(manual->ok(), qPrintable(manual->errorMessage()));
        QVERIFY(manual->backupId() > 0);
        QCOMPARE(manual->unchangedSince(), 0);
        QCOMPARE(catalog().backup(manual->backupId())->changes, 0);
        QCOMPARE(catalog().backupCount(), 2);

        // Changed: kept, and retention (keep the last 2) applies as usual.
        QVERIFY(m_sim->mutate());
        auto changed = backup(id, JobTrigger::Scheduled);
        QVERIFY2(changed->ok(), qPrintable(changed->errorMessage()));
        QVERIFY(changed->backupId() > 0);
        QCOMPARE(catalog().backup(changed->backupId())->changes, 2);
        QCOMPARE(changed->retentionDeleted(), 1);
        QCOMPARE(catalog().backupCount(), 2);
        QVERIFY(!catalog().backup(first->backupId()));
        backups = jobsOf(id, JobKind::Backup);
        QCOMPARE_ENUM(backups.first().outcome, JobOutcome::Success);
    }

    // Without the option a scheduled backup with no changes is kept like any other.
    void unchangedBackupIsKeptWithoutTheOption()
    {
        const qint64 id = addPbx();
        QVERIFY(id > 0);
        QVERIFY(backup(id, JobTrigger::Scheduled)->ok());
        auto second = backup(id, JobTrigger::Scheduled);
        QVERIFY(second->ok());
        QVERIFY(second->backupId() > 0);
        QCOMPARE(catalog().backup(second->backupId())->changes, 0);
        QCOMPARE(catalog().backupCount(), 2);
    }

    // Deleting the backup a count was made against: that count is no longer known.
    void deletingTheBaseMakesChangesUnknown()
    {
        const qint64 id = addPbx();
        QVERIFY(id > 0);
        auto first = backup(id);
        auto second = backup(id);
        QVERIFY(first->ok() && second->ok());
        QCOMPARE(catalog().backup(second->backupId())->changes, 0);
        std::unique_ptr<Job> del(m_ops->deleteBackup(first->backupId(), /*alsoOnPbx=*/false));
        QVERIFY(waitFor(del.get()));
        QVERIFY2(del->ok(), qPrintable(del->errorMessage()));
        const std::optional<BackupRecord> record = catalog().backup(second->backupId());
        QCOMPARE(record->changes, -1);
        QCOMPARE(record->changesBaseId, first->backupId());
    }

    // A previous backup whose file is gone, or that is not an archive any more: the new backup
    // succeeds, its count is not known, and nothing is discarded.
    void previousBackupUnusable_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("file deleted") << "delete";
        QTest::newRow("file overwritten") << "garbage";
    }

    void previousBackupUnusable()
    {
        QFETCH(QString, damage);
        const qint64 id = addPbx(0, /*keepOnlyChanged=*/true);
        QVERIFY(id > 0);
        auto first = backup(id, JobTrigger::Scheduled);
        QVERIFY(first->ok());
        const QString path = catalog().backup(first->backupId())->path;
        if (damage == QLatin1String("delete")) {
            QVERIFY(QFile::remove(path));
        } else {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QVERIFY(f.write(QByteArray(4096, 'x')) == 4096);
        }
        // Taken in the same second, the new file may get the name of the deleted one.
        auto second = backup(id, JobTrigger::Scheduled);
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QCOMPARE(second->unchangedSince(), 0);
        QCOMPARE(second->changes(), -1);
        QVERIFY2(second->backupId() > 0, qPrintable(QString::number(second->backupId())));
        const std::optional<BackupRecord> record = catalog().backup(second->backupId());
        QCOMPARE(record->changes, -1);
        QCOMPARE(catalog().backupCount(), 2);
        QCOMPARE_ENUM(jobsOf(id, JobKind::Backup).first().outcome, JobOutcome::Success);
    }
};

QTEST_GUILESS_MAIN(TestBackupChanges)
#include "tst_backup_changes.moc"
