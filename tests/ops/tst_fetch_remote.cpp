// Fetching the backups a PBX keeps of its own (Operations::fetchRemoteBackup, fetchAllMissing,
// remoteBackupsWithStatus) against pbxsim, a real SQLite catalog and real files: a fetch goes
// through the one backup pipeline (slot, PBX lock, streamed download, verification before the
// catalog row, job log), is catalogued as "fetched", never triggers retention, stores hostile
// names safely and leaves nothing behind when the PBX's file is not a backup.
#include "HostileServer.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "fakes/MemorySecretStore.h"
#include "ops/BackupFlow.h"
#include "ops/Operations.h"
#include "ops/Vault.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(pbxvault::toString(actual), pbxvault::toString(expected))

namespace {

const QString kPassword = QStringLiteral("Fetch-Pa55word!");
constexpr int kJobTimeoutMs = 60000;

PbxSim::Options simOptions(const QStringList &faults = {}, qint64 backupSize = 0)
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + kPassword};
    o.faults = faults;
    o.backupSize = backupSize;
    return o;
}

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

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The folder where pbxsim keeps the default tenant's backups: what GET /rest/backup lists.
QString pbxBackupFolder(const PbxSim &sim)
{
    return sim.dataDir() + QStringLiteral("/tenants/default/backups");
}

bool putOnPbx(const PbxSim &sim, const QString &name, const QByteArray &content)
{
    QDir().mkpath(pbxBackupFolder(sim));
    QFile f(pbxBackupFolder(sim) + QLatin1Char('/') + name);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QStringList names(const QVector<RemoteBackup> &list)
{
    QStringList out;
    for (const RemoteBackup &r : list)
        out << r.name;
    out.sort();
    return out;
}

} // namespace

class TestFetchRemote : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;

    Catalog &catalog() { return m_vault->catalog(); }
    QString storeRoot() const { return m_vault->store().root(); }

    qint64 addPbx(const QString &name, const QUrl &url, const QString &fingerprint,
                  int keepLast = 0)
    {
        PbxRecord pbx;
        pbx.name = name;
        pbx.url = url;
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = fingerprint;
        pbx.keepLast = keepLast;
        std::unique_ptr<Job> job(m_ops->addPbx(pbx, kPassword));
        if (!waitFor(job.get()) || !job->ok()) {
            qWarning() << "addPbx failed:" << job->errorMessage();
            return 0;
        }
        return job->pbxId();
    }

    qint64 addPbx(const QString &name, const PbxSim &sim, int keepLast = 0)
    {
        return addPbx(name, sim.url(), sim.fingerprint(), keepLast);
    }

    std::unique_ptr<Job> run(Job *job)
    {
        std::unique_ptr<Job> owned(job);
        if (!waitFor(job))
            qWarning() << "job did not finish";
        return owned;
    }

    // A real backup archive as pbxsim makes them: the vault's copy of a new backup.
    QByteArray realArchive(qint64 pbxId)
    {
        auto job = run(m_ops->backupPbx(pbxId, JobTrigger::Manual));
        if (!job->ok())
            return {};
        return readAll(catalog().backup(job->backupId())->path);
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

    // One fetch: catalogued as fetched, verified intact, the same bytes as the PBX's file,
    // logged as a fetch, and no retention even though the PBX keeps only one backup.
    void fetchOneIsCataloguedVerifiedAndIdentical()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim, /*keepLast=*/1);
        QVERIFY(id > 0);
        const QByteArray archive = realArchive(id);
        QVERIFY(!archive.isEmpty());
        QVERIFY(sim.mutate());
        QVERIFY(putOnPbx(sim, QStringLiteral("nightly_0001.bak"), archive + QByteArray()));
        // Another archive, so the fetched copy cannot equal the vault's by accident.
        auto other = run(m_ops->backupPbx(id, JobTrigger::Manual));
        QVERIFY(other->ok());
        const QByteArray onPbx =
            readAll(pbxBackupFolder(sim) + QStringLiteral("/nightly_0001.bak"));
        QCOMPARE(onPbx, archive);

        auto job = run(m_ops->fetchRemoteBackup(id, QStringLiteral("nightly_0001.bak")));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        QCOMPARE_ENUM(job->kind(), JobKind::Fetch);
        QCOMPARE_ENUM(job->verifyState(), VerifyState::Intact);
        QCOMPARE(job->retentionDeleted(), 0);
        const std::optional<BackupRecord> b = catalog().backup(job->backupId());
        QVERIFY(b);
        QCOMPARE_ENUM(b->origin, BackupOrigin::Fetched);
        QCOMPARE_ENUM(b->verified, VerifyState::Intact);
        QCOMPARE(b->filename, QStringLiteral("nightly_0001.bak"));
        QCOMPARE(b->size, qint64(onPbx.size()));
        QCOMPARE(readAll(b->path), onPbx);
        QCOMPARE(b->sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(onPbx, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(BackupFlow::remoteNameOf(*b), QStringLiteral("nightly_0001.bak"));
        QVERIFY(b->firmware.isEmpty()); // the PBX's firmware today says nothing about it
        QVERIFY(b->path.startsWith(
            m_vault->store().folderFor(QStringLiteral("Head Office"), QStringLiteral("default"))));

        // Retention (keep 1) did not run after the fetch: both backups are still there.
        QCOMPARE(catalog().backups(id).size(), 2);
        // Job log: the fetch and its verification; the created backups' rows are unchanged.
        const QVector<JobRecord> fetches = jobsOf(id, JobKind::Fetch);
        QCOMPARE(fetches.size(), 1);
        QCOMPARE_ENUM(fetches.first().outcome, JobOutcome::Success);
        QCOMPARE(fetches.first().detail, QStringLiteral("nightly_0001.bak"));
        QCOMPARE(fetches.first().bytes, qint64(onPbx.size()));
        QCOMPARE(jobsOf(id, JobKind::Verify).size(), 3);
        QCOMPARE(jobsOf(id, JobKind::Backup).size(), 2);
        // The lock is released.
        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("someone-else"), m_ops->now()));
        catalog().unlockPbx(id, QStringLiteral("someone-else"));

        // Each name the PBX keeps is "in the vault" exactly when a catalogued backup came from
        // it: the fetched one and the newest created one. The first created one was deleted
        // here by retention (keep 1) unless both were taken within one second, when they share
        // a name and the PBX keeps one file.
        auto status = run(m_ops->remoteBackupsWithStatus(id));
        QVERIFY2(status->ok(), qPrintable(status->errorMessage()));
        QCOMPARE(status->remoteBackups().size(),
                 sim.state().value(QStringLiteral("backups")).toArray().size());
        QSet<QString> held;
        for (const BackupRecord &kept : catalog().backups(id))
            held.insert(BackupFlow::remoteNameOf(kept));
        QVERIFY(held.contains(QStringLiteral("nightly_0001.bak")));
        QVERIFY(held.contains(BackupFlow::remoteNameOf(*catalog().backup(other->backupId()))));
        for (const RemoteBackup &r : status->remoteBackups())
            QVERIFY2(r.inVault() == held.contains(r.name), qPrintable(r.name));
    }

    // Fetch all missing fetches exactly what the vault lacks; a second run fetches nothing;
    // a vault copy deleted later is missing again.
    void fetchAllMissingFetchesExactlyTheMissing()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Branch"), sim);
        QVERIFY(id > 0);
        const QByteArray archive = realArchive(id); // created: in the vault under its name
        QVERIFY(!archive.isEmpty());
        const QStringList seeded{QStringLiteral("auto_0001.bak"), QStringLiteral("auto_0002.bak"),
                                 QStringLiteral("before-upgrade.bak")};
        for (const QString &name : seeded)
            QVERIFY(putOnPbx(sim, name, archive));
        const int createsBefore =
            int(sim.state().value(QStringLiteral("backups")).toArray().size());
        QCOMPARE(createsBefore, 4);

        auto before = run(m_ops->remoteBackupsWithStatus(id));
        QVERIFY2(before->ok(), qPrintable(before->errorMessage()));
        QStringList missing;
        for (const RemoteBackup &r : before->remoteBackups()) {
            if (!r.inVault())
                missing << r.name;
        }
        missing.sort();
        QCOMPARE(missing, seeded);

        auto first = run(m_ops->fetchAllMissing(id));
        QVERIFY2(first->ok(), qPrintable(first->errorMessage()));
        QCOMPARE(names(first->remoteBackups()), seeded);
        for (const RemoteBackup &r : first->remoteBackups()) {
            QVERIFY(r.inVault());
            const std::optional<BackupRecord> b = catalog().backup(r.backupId);
            QVERIFY(b);
            QCOMPARE_ENUM(b->origin, BackupOrigin::Fetched);
            QCOMPARE(b->filename, r.name);
            QCOMPARE(readAll(b->path), archive);
        }
        QCOMPARE(catalog().backups(id).size(), 4);
        QCOMPARE(jobsOf(id, JobKind::Fetch).size(), 3);
        // Fetching created nothing on the PBX.
        QCOMPARE(sim.state().value(QStringLiteral("backups")).toArray().size(), 4);

        auto second = run(m_ops->fetchAllMissing(id));
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QVERIFY(second->remoteBackups().isEmpty());
        QCOMPARE(catalog().backups(id).size(), 4);
        QCOMPARE(jobsOf(id, JobKind::Fetch).size(), 3);

        // A copy deleted from the vault (not from the PBX) is missing again, and only it.
        const qint64 gone = first->remoteBackups().first().backupId;
        auto del = run(m_ops->deleteBackup(gone, /*alsoOnPbx=*/false));
        QVERIFY(del->ok());
        auto third = run(m_ops->fetchAllMissing(id));
        QVERIFY2(third->ok(), qPrintable(third->errorMessage()));
        QCOMPARE(names(third->remoteBackups()), QStringList{seeded.first()});
        QCOMPARE(catalog().backups(id).size(), 4);
    }

    // A name the PBX sends is untrusted: the file lands inside the PBX's folder of the store
    // under a sanitised name, the catalog keeps the exact name for matching, and the next
    // listing knows the vault holds it. A misbehaving "PBX" serves it, as pbxsim refuses such
    // names.
    void hostileRemoteNameIsStoredSafely_data()
    {
        QTest::addColumn<QString>("remote");
        QTest::newRow("parent") << QStringLiteral("../x.bak");
        QTest::newRow("deep parent") << QStringLiteral("../../../../etc/cron.d/x.bak");
        QTest::newRow("newline") << QStringLiteral("evil\nname.bak");
        QTest::newRow("absolute") << QStringLiteral("/etc/shadow");
        QTest::newRow("rtl override") << QStringLiteral("\u202Ekab.exe");
    }

    void hostileRemoteNameIsStoredSafely()
    {
        QFETCH(QString, remote);
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 source = addPbx(QStringLiteral("Source"), sim);
        const QByteArray archive = realArchive(source);
        QVERIFY(!archive.isEmpty());

        HostileServer server;
        QVERIFY(server.start());
        const qint64 id = addPbx(QStringLiteral("Hostile"), server.url(), QString());
        QVERIFY(id > 0);
        server.enqueue(HostileServer::raw("HTTP/1.1 200 OK",
                                          {"Content-Type: application/octet-stream",
                                           "Content-Length: " + QByteArray::number(archive.size())},
                                          archive));
        const QStringList before = filesUnder(storeRoot());

        auto job = run(m_ops->fetchRemoteBackup(id, remote));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        const QList<HostileServer::Request> requests = server.nonSaltRequests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, QByteArray("GET"));
        QCOMPARE(requests.first().path,
                 "/rest/backup/" + QUrl::toPercentEncoding(remote)); // one path segment

        const std::optional<BackupRecord> b = catalog().backup(job->backupId());
        QVERIFY(b);
        QCOMPARE_ENUM(b->origin, BackupOrigin::Fetched);
        QCOMPARE(readAll(b->path), archive);
        const QFileInfo stored(b->path);
        const QString folder =
            m_vault->store().folderFor(QStringLiteral("Hostile"), QStringLiteral("default"));
        QCOMPARE(stored.absolutePath(), QFileInfo(folder).absoluteFilePath());
        QVERIFY(stored.canonicalFilePath().startsWith(QFileInfo(storeRoot()).canonicalFilePath() +
                                                      QLatin1Char('/')));
        QCOMPARE(b->filename, stored.fileName());
        for (const QChar c : b->filename) {
            QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format,
                     qPrintable(b->filename));
            QVERIFY(c != QLatin1Char('/') && c != QLatin1Char('\\'));
        }
        QVERIFY(b->filename != QLatin1String("..") && b->filename != QLatin1String("."));
        for (const QChar c : b->comment)
            QVERIFY(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format);
        QCOMPARE(BackupFlow::remoteNameOf(*b), remote);
        // Nothing but that one file was written.
        QStringList after = filesUnder(storeRoot());
        after.removeAll(b->path);
        QCOMPARE(after, before);
        // The job log shows the name in printable form only.
        const QVector<JobRecord> fetches = jobsOf(id, JobKind::Fetch);
        QCOMPARE(fetches.size(), 1);
        QCOMPARE(fetches.first().detail, Operations::displayName(remote));

        // The next listing matches the exact name, and only it.
        const QByteArray list =
            QJsonDocument(QJsonArray{remote, remote + QStringLiteral("x"), b->filename})
                .toJson(QJsonDocument::Compact);
        server.enqueue(HostileServer::raw("HTTP/1.1 200 OK",
                                          {"Content-Type: application/json",
                                           "Content-Length: " + QByteArray::number(list.size())},
                                          list));
        auto status = run(m_ops->remoteBackupsWithStatus(id));
        QVERIFY2(status->ok(), qPrintable(status->errorMessage()));
        const QVector<RemoteBackup> listed = status->remoteBackups();
        QCOMPARE(listed.size(), 3);
        QCOMPARE(listed.at(0).backupId, b->id);
        QVERIFY(!listed.at(1).inVault());
        QVERIFY2(!listed.at(2).inVault(), "a sanitised stand-in name is not the PBX's name");
        QCOMPARE(listed.at(0).displayName, Operations::displayName(remote));
    }

    // A file on the PBX that is not a backup fails the fetch with the error a created backup
    // would give, and leaves no catalog row and no file.
    void badRemoteFileLeavesNothing_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage") << "garbage"
                                 << "unreadable";
        QTest::newRow("empty") << "empty"
                               << "pbx"; // PbxClient refuses an empty backup answer
        QTest::newRow("truncated archive") << "truncated"
                                           << "corrupt";
    }

    void badRemoteFileLeavesNothing()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        const QByteArray archive = realArchive(id);
        QVERIFY(!archive.isEmpty());
        QByteArray bytes;
        if (content == QLatin1String("garbage")) {
            bytes.resize(8192);
            for (char &c : bytes)
                c = char(QRandomGenerator::global()->bounded(256));
        } else if (content == QLatin1String("truncated")) {
            bytes = archive.left(archive.size() / 2);
        }
        QVERIFY(putOnPbx(sim, QStringLiteral("broken.bak"), bytes));
        const QStringList filesBefore = filesUnder(storeRoot());
        const int rowsBefore = int(catalog().backups(id).size());

        auto job = run(m_ops->fetchRemoteBackup(id, QStringLiteral("broken.bak")));
        QVERIFY(!job->ok());
        QCOMPARE(toString(job->error()), expected);
        QCOMPARE(catalog().backups(id).size(), rowsBefore);
        QCOMPARE(filesUnder(storeRoot()), filesBefore);
        const QVector<JobRecord> fetches = jobsOf(id, JobKind::Fetch);
        QCOMPARE(fetches.size(), 1);
        QCOMPARE_ENUM(fetches.first().outcome, JobOutcome::Failed);
        QCOMPARE(toString(fetches.first().errorKind), expected);
        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("someone-else"), m_ops->now()));
        catalog().unlockPbx(id, QStringLiteral("someone-else"));

        // Fetch all missing reports it as a failure of its own and still fetches the rest.
        QVERIFY(putOnPbx(sim, QStringLiteral("good.bak"), archive));
        auto all = run(m_ops->fetchAllMissing(id));
        QVERIFY(!all->ok());
        QCOMPARE(toString(all->error()), expected);
        QCOMPARE(all->warnings().size(), 1);
        QVERIFY2(all->warnings().first().startsWith(QStringLiteral("broken.bak: ")),
                 qPrintable(all->warnings().first()));
        QCOMPARE(names(all->remoteBackups()),
                 (QStringList{QStringLiteral("broken.bak"), QStringLiteral("good.bak")}));
        for (const RemoteBackup &r : all->remoteBackups())
            QCOMPARE(r.inVault(), r.name == QLatin1String("good.bak"));
        QCOMPARE(catalog().backups(id).size(), rowsBefore + 1);
    }

    // The PBX lock holds for fetches as for backups: held by another process, the fetch fails
    // (Locked) and says so in the job log; held by a backup of this process, it fails the
    // same way when a slot is free, and waits its turn in the queue when none is.
    void pbxLockIsHonoured()
    {
        PbxSim sim(simOptions({}, 256 * 1024));
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const qint64 id = addPbx(QStringLiteral("Head Office"), sim);
        const QByteArray archive = realArchive(id);
        QVERIFY(putOnPbx(sim, QStringLiteral("kept.bak"), archive));
        const int rowsBefore = int(catalog().backups(id).size());

        QVERIFY(catalog().tryLockPbx(id, QStringLiteral("other-host:1:1"), m_ops->now()));
        auto refused = run(m_ops->fetchRemoteBackup(id, QStringLiteral("kept.bak")));
        QCOMPARE_ENUM(refused->error(), JobError::Locked);
        QCOMPARE(catalog().backups(id).size(), rowsBefore);
        QVector<JobRecord> rows = jobsOf(id, JobKind::Fetch);
        QCOMPARE(rows.size(), 1);
        QCOMPARE_ENUM(rows.first().errorKind, JobError::Locked);
        catalog().unlockPbx(id, QStringLiteral("other-host:1:1"));

        // A backup of this process holds the lock while it runs (slowed down by the PBX).
        QVERIFY(sim.addFault(QStringLiteral("throttle=262144")));
        m_ops->setConcurrencyLimit(2);
        std::unique_ptr<Job> backup(m_ops->backupPbx(id, JobTrigger::Manual));
        auto busy = run(m_ops->fetchRemoteBackup(id, QStringLiteral("kept.bak")));
        QCOMPARE_ENUM(busy->error(), JobError::Locked);
        QVERIFY(!backup->isFinished());
        QVERIFY(waitFor(backup.get()));
        QVERIFY(backup->ok());

        // One slot: the fetch waits for the backup, then runs.
        m_ops->setConcurrencyLimit(1);
        std::unique_ptr<Job> second(m_ops->backupPbx(id, JobTrigger::Manual));
        std::unique_ptr<Job> queued(m_ops->fetchRemoteBackup(id, QStringLiteral("kept.bak")));
        QCOMPARE(m_ops->backupsWaiting(), 1);
        QSignalSpy backupDone(second.get(), &Job::finished);
        QVERIFY(waitFor(queued.get()));
        QCOMPARE(backupDone.count(), 1); // the backup ended first
        QVERIFY2(second->ok(), qPrintable(second->errorMessage()));
        QVERIFY2(queued->ok(), qPrintable(queued->errorMessage()));
        QCOMPARE(readAll(catalog().backup(queued->backupId())->path), archive);
    }
};

QTEST_GUILESS_MAIN(TestFetchRemote)
#include "tst_fetch_remote.moc"
