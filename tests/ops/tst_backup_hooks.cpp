// Operators' hooks around backups and restores, through Operations against pbxsim, a real
// SQLite catalog and a real /bin/sh: what each hook is told, that a failing pre-hook skips the
// job without touching the PBX, that post-hooks follow the outcome without changing it, and
// that each hook has its own Activity row with what it printed.
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Hooks-Pa55word!");
constexpr int kJobTimeoutMs = 60000;

bool waitFor(Job *job)
{
    QSignalSpy done(job, &Job::finished);
    return job->isFinished() || done.wait(kJobTimeoutMs);
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestBackupHooks : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<PbxSim> m_sim;
    // event name -> commands, for every PBX
    QHash<QString, QStringList> m_hooks;
    int m_timeoutSeconds = 60;

    Catalog &catalog() { return m_vault->catalog(); }

    void setHook(HookEvent event, const QString &command)
    {
        m_hooks[toString(event)].append(command);
    }

    qint64 addPbx(const QString &name = QStringLiteral("Head Office"))
    {
        PbxRecord pbx;
        pbx.name = name;
        pbx.url = m_sim->url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = m_sim->fingerprint();
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

    QVector<JobRecord> hookRows()
    {
        QVector<JobRecord> out;
        for (const JobRecord &j : catalog().jobs()) {
            if (j.kind == JobKind::Hook)
                out.prepend(j); // oldest first
        }
        return out;
    }

    QString file(const QString &name) const { return m_dir->filePath(name); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_secrets = std::make_unique<MemorySecretStore>();
        QString error;
        m_vault = Vault::open(m_dir->filePath(QStringLiteral("data")), m_secrets.get(), &error);
        QVERIFY2(m_vault, qPrintable(error));
        m_ops = std::make_unique<Operations>(*m_vault);
        m_hooks.clear();
        m_timeoutSeconds = 60;
        m_ops->setHookPlanner([this](const PbxRecord &, HookEvent event) {
            QVector<PlannedHook> out;
            for (const QString &command : m_hooks.value(toString(event)))
                out.append(PlannedHook{false, {command, m_timeoutSeconds}});
            return out;
        });
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

    void hooksAreToldAboutTheBackup()
    {
        const qint64 id = addPbx();
        QVERIFY(id > 0);
        // The pre-hook runs before anything reaches the PBX: the sim has no backup yet.
        setHook(HookEvent::PreBackup,
                QStringLiteral("printf '%s|%s|%s' \"$PBXVAULT_EVENT\" \"$PBXVAULT_PBX_NAME\" "
                               "\"$PBXVAULT_JOB_ID\" > '%1'; echo preparing")
                    .arg(file(QStringLiteral("pre"))));
        setHook(HookEvent::PostBackup,
                QStringLiteral("printf '%s|%s|%s|%s' \"$PBXVAULT_OUTCOME\" \"$PBXVAULT_BACKUP_ID\" "
                               "\"$PBXVAULT_BACKUP_FILE\" \"$PBXVAULT_ERROR\" > '%1'; "
                               "test -s \"$PBXVAULT_BACKUP_FILE\" && echo copied")
                    .arg(file(QStringLiteral("post"))));
        auto job = backup(id);
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const std::optional<BackupRecord> b = catalog().backup(job->backupId());
        QVERIFY(b);

        const QStringList pre = readAll(file(QStringLiteral("pre"))).split(QLatin1Char('|'));
        QCOMPARE(pre.size(), 3);
        QCOMPARE(pre.at(0), QStringLiteral("pre-backup"));
        QCOMPARE(pre.at(1), QStringLiteral("Head Office"));
        QVERIFY(pre.at(2).toLongLong() > 0);
        QCOMPARE(readAll(file(QStringLiteral("post"))),
                 QStringLiteral("succeeded|%1|%2|").arg(b->id).arg(b->path));

        // One Activity row per hook, oldest first, with what each printed; the backup's own
        // row is the job id the hooks were given.
        const QVector<JobRecord> rows = hookRows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE_ENUM(rows.at(0).outcome, JobOutcome::Success);
        QVERIFY(rows.at(0).detail.startsWith(QStringLiteral("pre-backup: printf")));
        QVERIFY2(rows.at(0).error.contains(QStringLiteral("preparing")),
                 qPrintable(rows.at(0).error));
        QVERIFY(rows.at(1).error.contains(QStringLiteral("copied")));
        QCOMPARE(rows.at(1).pbxId, id);
        bool backupRowMatches = false;
        for (const JobRecord &j : catalog().jobs())
            backupRowMatches |= j.kind == JobKind::Backup && j.id == pre.at(2).toLongLong();
        QVERIFY(backupRowMatches);
    }

    void failingPreHookSkipsTheBackup()
    {
        const qint64 id = addPbx();
        setHook(HookEvent::PreBackup, QStringLiteral("echo 'NAS not mounted'; exit 3"));
        setHook(HookEvent::PostBackup,
                QStringLiteral("touch '%1'").arg(file(QStringLiteral("post-ran"))));
        // The simulator's clock may tick meanwhile; everything else must stay.
        const auto simState = [this] {
            QJsonObject state = m_sim->state();
            state.remove(QStringLiteral("clock"));
            return state;
        };
        const QJsonObject before = simState();
        auto job = backup(id);
        QVERIFY(!job->ok());
        QCOMPARE_ENUM(job->error(), JobError::Failed);
        QVERIFY2(job->errorMessage().contains(QStringLiteral("pre-backup hook")) &&
                     job->errorMessage().contains(QStringLiteral("code 3")),
                 qPrintable(job->errorMessage()));
        QVERIFY(catalog().backups(id).isEmpty());
        QCOMPARE(simState(), before); // the PBX was never asked for anything
        QVERIFY(!QFile::exists(file(QStringLiteral("post-ran"))));
        const QVector<JobRecord> rows = hookRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE_ENUM(rows.first().outcome, JobOutcome::Failed);
        QVERIFY(rows.first().error.contains(QStringLiteral("NAS not mounted")));
        // The backup's own row says why in the job log too.
        const std::optional<JobRecord> last =
            catalog().lastJob(id, JobKind::Backup, JobOutcome::Failed);
        QVERIFY(last);
        QVERIFY(last->error.contains(QStringLiteral("Skipped")));
    }

    void preHookPastItsTimeLimitSkipsTheBackup()
    {
        const qint64 id = addPbx();
        m_timeoutSeconds = 1;
        setHook(HookEvent::PreBackup, QStringLiteral("sleep 60"));
        auto job = backup(id);
        QVERIFY(!job->ok());
        QVERIFY2(job->errorMessage().contains(QStringLiteral("time limit")),
                 qPrintable(job->errorMessage()));
        QVERIFY(catalog().backups(id).isEmpty());
    }

    void failingPostHookLeavesTheBackupGood()
    {
        const qint64 id = addPbx();
        setHook(HookEvent::PostBackup, QStringLiteral("echo upload refused >&2; exit 9"));
        auto job = backup(id);
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE(catalog().backups(id).size(), 1);
        const QVector<JobRecord> rows = hookRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE_ENUM(rows.first().outcome, JobOutcome::Failed);
        QVERIFY(rows.first().error.contains(QStringLiteral("code 9")));
        QVERIFY(rows.first().error.contains(QStringLiteral("upload refused")));
    }

    void postHookHearsOfAFailure()
    {
        const qint64 id = addPbx();
        QVERIFY(m_sim->addFault(QStringLiteral("status=503:^/rest/backup")));
        setHook(HookEvent::PostBackup,
                QStringLiteral("printf '%s|%s' \"$PBXVAULT_OUTCOME\" \"$PBXVAULT_ERROR\" > '%1'")
                    .arg(file(QStringLiteral("post"))));
        auto job = backup(id);
        QVERIFY(!job->ok());
        const QString post = readAll(file(QStringLiteral("post")));
        QVERIFY2(post.startsWith(QStringLiteral("failed|")), qPrintable(post));
        QCOMPARE(post.mid(7), job->errorMessage());
    }

    void restoreHooks()
    {
        const qint64 id = addPbx();
        auto good = backup(id);
        QVERIFY2(good->ok(), qPrintable(good->errorMessage()));

        // A failing pre-restore hook: nothing is sent to the PBX, no restore is recorded.
        setHook(HookEvent::PreRestore, QStringLiteral("exit 4"));
        const QJsonObject before = m_sim->state();
        std::unique_ptr<Job> refused(
            m_ops->restoreBackup(good->backupId(), id, RestoreOptions{false, false}));
        QVERIFY(waitFor(refused.get()));
        QVERIFY(!refused->ok());
        QVERIFY2(refused->errorMessage().contains(QStringLiteral("pre-restore hook")),
                 qPrintable(refused->errorMessage()));
        QCOMPARE(m_sim->state().value(QStringLiteral("restores")),
                 before.value(QStringLiteral("restores")));
        QVERIFY(catalog().restores().isEmpty());

        // Passing hooks on both sides of a restore that succeeds.
        m_hooks.clear();
        setHook(HookEvent::PreRestore, QStringLiteral("printf '%s' \"$PBXVAULT_BACKUP_ID\" > '%1'")
                                           .arg(file(QStringLiteral("pre"))));
        setHook(HookEvent::PostRestore, QStringLiteral("printf '%s' \"$PBXVAULT_OUTCOME\" > '%1'")
                                            .arg(file(QStringLiteral("post"))));
        std::unique_ptr<Job> restore(
            m_ops->restoreBackup(good->backupId(), id, RestoreOptions{false, false}));
        QVERIFY(waitFor(restore.get()));
        QVERIFY2(restore->ok(), qPrintable(restore->errorMessage()));
        QCOMPARE(readAll(file(QStringLiteral("pre"))), QString::number(good->backupId()));
        QCOMPARE(readAll(file(QStringLiteral("post"))), QStringLiteral("succeeded"));
        QCOMPARE(catalog().restores().size(), 1);
    }

    void cancellingDuringAPreHook()
    {
        const qint64 id = addPbx();
        setHook(HookEvent::PreBackup,
                QStringLiteral("touch '%1'; sleep 60").arg(file(QStringLiteral("started"))));
        std::unique_ptr<Job> job(m_ops->backupPbx(id, JobTrigger::Manual));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file(QStringLiteral("started"))), 20000);
        job->cancel();
        QVERIFY(waitFor(job.get()));
        QVERIFY(job->wasCancelled() || job->error() == JobError::Cancelled);
        QVERIFY(catalog().backups(id).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackupHooks)
#include "tst_backup_hooks.moc"
