// CatalogCopy between a real SQLite file and a real PostgreSQL server (one per test process,
// see CatalogTestUtil.h), both ways: every record arrives with its id, the catalog and key ids
// come along, new rows get fresh ids, and a refused or failed copy leaves the target empty.
#include "CatalogTestUtil.h"
#include "catalog/CatalogCopy.h"
#include "catalog/CatalogLocation.h"

#include <QElapsedTimer>
#include <QSqlRecord>
#include <QtTest>

#include <algorithm>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QString kKeyId = QStringLiteral("9f86d081884c7d65");

// A plain connection to a catalog's database (file or PostgreSQL URI of the test server),
// to look at every row and to tamper with the schema behind the Catalog's back.
class RawConnection
{
public:
    explicit RawConnection(const QString &location)
        : m_name(QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        if (CatalogLocation::isPostgresUri(location)) {
            PgServer &server = TestCatalogServer::instance().server();
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            db.setHostName(server.socketDir());
            db.setPort(server.port());
            db.setUserName(server.userName());
            db.setDatabaseName(location.mid(location.indexOf(QLatin1String("///")) + 3)
                                   .section(QLatin1Char('?'), 0, 0));
            db.open();
        } else {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            db.setDatabaseName(location);
            db.open();
        }
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(sql))
            return true;
        qWarning() << sql << q.lastError().text();
        return false;
    }

    // Every row of table, columns by name, rows in key order; NULL spelt out.
    QStringList dump(const QString &table, const QString &key) const
    {
        const QSqlDatabase db = QSqlDatabase::database(m_name, false);
        const QSqlRecord record = db.record(table);
        QStringList columns;
        for (int i = 0; i < record.count(); ++i)
            columns << record.fieldName(i);
        std::sort(columns.begin(), columns.end());
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                        .arg(columns.join(QStringLiteral(", ")), table, key)))
            return {QStringLiteral("query failed: ") + q.lastError().text()};
        QStringList rows;
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < columns.size(); ++i) {
                values << columns.at(i) + QLatin1Char('=') +
                              (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
            }
            rows << table + QLatin1Char(':') + values.join(QLatin1Char('|'));
        }
        return rows;
    }

    // Every copied table; meta without its schema_version.
    QStringList dumpAll() const
    {
        QStringList all;
        for (const auto &[table, key] :
             {std::pair{"pbxs", "id"}, std::pair{"backups", "id"}, std::pair{"restores", "id"},
              std::pair{"jobs", "id"}, std::pair{"schedule_state", "pbx_id"},
              std::pair{"copy_targets", "id"}, std::pair{"backup_copies", "backup_id, target_id"},
              std::pair{"meta", "name"}}) {
            const QStringList rows = dump(QString::fromLatin1(table), QString::fromLatin1(key));
            for (const QString &row : rows) {
                if (!row.contains(QLatin1String("name=schema_version|")))
                    all << row;
            }
        }
        return all;
    }

private:
    QString m_name;
};

QString show(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("-");
}

// Everything the Catalog API shows of a catalog, one line per record.
QStringList apiView(const Catalog &c)
{
    QStringList out;
    out << QStringLiteral("catalog %1 key %2").arg(c.catalogId(), c.encryptionKeyId());
    for (const PbxRecord &p : c.pbxs()) {
        out << QStringLiteral("pbx %1|%2|%3|%4|%5|%6|%7|%8|%9")
                   .arg(p.id)
                   .arg(p.name, p.url.toString(), p.tenant, p.username, toString(p.role),
                        p.schedule)
                   .arg(p.keepLast)
                   .arg(p.keepDays)
            << QStringLiteral("  %1|%2|%3|%4|last run %5")
                   .arg(p.fingerprint)
                   .arg(p.enabled)
                   .arg(p.keepOnlyChanged)
                   .arg(show(p.createdAt), show(c.lastScheduledRun(p.id)));
    }
    for (const BackupRecord &b : c.backups()) {
        out << QStringLiteral("backup %1|%2|%3|%4|%5|%6|%7|%8|%9")
                   .arg(b.id)
                   .arg(b.pbxId)
                   .arg(b.pbxName, b.filename)
                   .arg(b.size)
                   .arg(b.sha256, show(b.createdAt), b.masterIp, b.tenant)
            << QStringLiteral("  %1|%2|%3|%4|%5|%6|%7|%8")
                   .arg(b.path, b.firmware, b.comment, toString(b.origin), toString(b.verified),
                        show(b.verifiedAt))
                   .arg(b.changes)
                   .arg(b.changesBaseId);
        for (const BackupCopyRecord &k : c.backupCopies(b.id)) {
            out << QStringLiteral("  copy %1|%2|%3|%4|%5|%6|%7|%8|%9")
                       .arg(k.backupId)
                       .arg(k.targetId)
                       .arg(toString(k.state), k.remoteName)
                       .arg(k.size)
                       .arg(k.sha256)
                       .arg(k.attempts)
                       .arg(k.error, show(k.updatedAt));
        }
    }
    for (const RestoreRecord &r : c.restores()) {
        out << QStringLiteral("restore %1|%2|%3|%4|%5|%6|%7|%8|%9")
                   .arg(r.id)
                   .arg(r.backupId)
                   .arg(r.filename)
                   .arg(r.targetPbxId)
                   .arg(r.targetPbxName, r.targetUrl, show(r.startedAt), show(r.finishedAt),
                        toString(r.outcome))
            << QStringLiteral("  %1|%2").arg(r.error).arg(r.safetyBackupId);
    }
    for (const JobRecord &j : c.jobs()) {
        out << QStringLiteral("job %1|%2|%3|%4|%5|%6|%7|%8|%9")
                   .arg(j.id)
                   .arg(toString(j.kind), toString(j.trigger))
                   .arg(j.pbxId)
                   .arg(j.pbxName, show(j.startedAt), show(j.finishedAt), toString(j.outcome))
                   .arg(j.bytes)
            << QStringLiteral("  %1|%2|%3").arg(j.error, toString(j.errorKind), j.detail);
    }
    for (const CopyTargetRecord &t : c.copyTargets()) {
        out << QStringLiteral("target %1|%2|%3|%4|%5|%6|%7|%8")
                   .arg(t.id)
                   .arg(t.name, toString(t.kind), t.location, t.hostKey, toString(t.auth))
                   .arg(t.enabled)
                   .arg(show(t.createdAt));
        for (const BackupCopyRecord &k : c.copiesOnTarget(t.id))
            out << QStringLiteral("  on target: backup %1").arg(k.backupId);
    }
    return out;
}

// The highest id of each kind a catalog filled by populate() handed out (rows since deleted
// included): new rows after a copy must come after them.
struct HighestIds
{
    qint64 pbx = 0, backup = 0, restore = 0, job = 0, target = 0;
};

} // namespace

class TestCatalogCopy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    int m_databases = 0;

    QString sqliteLocation(const QString &name) const { return m_dir->filePath(name); }
    // A fresh database of the test's PostgreSQL server.
    QString postgresLocation()
    {
        return TestCatalogServer::instance().locationFor(
            QStringLiteral("copy-%1").arg(++m_databases));
    }

    static std::unique_ptr<Catalog> open(const QString &location)
    {
        QString error;
        auto catalog = Catalog::open(location, &error);
        if (!catalog)
            qWarning().noquote() << "cannot open" << location << error;
        return catalog;
    }

    // PBXs, backups (changes against a kept and a deleted backup), restores (one whose backup
    // is gone), jobs with worded errors, scheduler state, copy targets and copies, the key id,
    // and a PBX lock held by this process. The last PBX and backup are deleted, so the
    // counters are ahead of the highest ids left.
    static HighestIds populate(Catalog &c)
    {
        HighestIds ids;
        PbxRecord master = makePbx(QStringLiteral("Headquarters"), PbxRole::Master);
        master.schedule = QStringLiteral("0 3 * * *");
        master.keepLast = 7;
        master.keepDays = 30;
        master.fingerprint = QStringLiteral("ab").repeated(32);
        PbxRecord branch = makePbx(QStringLiteral("Filiale Genova"));
        branch.tenant = QStringLiteral("genova");
        branch.enabled = false;
        branch.keepOnlyChanged = true;
        PbxRecord gone = makePbx(QStringLiteral("Dismessa"));
        if (!c.addPbx(&master) || !c.addPbx(&branch) || !c.addPbx(&gone))
            return ids;
        ids.pbx = gone.id;

        BackupRecord b1 = makeBackup(master.id, utc(QStringLiteral("2024-05-01T03:00:00.125Z")));
        b1.origin = BackupOrigin::Scheduled;
        b1.comment = QStringLiteral("prima dell'aggiornamento");
        BackupRecord b2 = makeBackup(master.id, utc(QStringLiteral("2024-05-02T03:00:00Z")));
        BackupRecord b3 = makeBackup(branch.id, utc(QStringLiteral("2024-05-02T04:00:00Z")));
        b3.tenant = QStringLiteral("genova");
        b3.origin = BackupOrigin::Safety;
        BackupRecord b4 = makeBackup(branch.id, utc(QStringLiteral("2024-05-03T04:00:00Z")));
        for (BackupRecord *b : {&b1, &b2, &b3, &b4}) {
            if (!c.addBackup(b))
                return ids;
        }
        ids.backup = b4.id;
        c.setVerification(b1.id, VerifyState::Intact, utc(QStringLiteral("2024-05-01T04:00:00Z")));
        c.setVerification(b2.id, VerifyState::Corrupt, utc(QStringLiteral("2024-05-02T05:00:00Z")));
        c.setChanges(b2.id, 3, b1.id);
        c.setChanges(b3.id, 5, b4.id); // becomes "not known" when b4 goes; the base id stays

        RestoreRecord done;
        done.backupId = b1.id;
        done.filename = b1.filename;
        done.targetPbxId = master.id;
        done.targetPbxName = master.name;
        done.targetUrl = master.url.toString();
        done.startedAt = utc(QStringLiteral("2024-05-04T10:00:00Z"));
        c.beginRestore(&done);
        c.setRestoreSafetyBackup(done.id, b3.id);
        c.finishRestore(done.id, RestoreOutcome::Failed, QStringLiteral("refused"),
                        utc(QStringLiteral("2024-05-04T10:05:00Z")),
                        ErrorMessage("pbx.could_not")
                            .arg(ErrorMessage("pbx.action.create").arg(master.name))
                            .arg(QStringLiteral("HTTP 503")));
        RestoreRecord ofGone;
        ofGone.backupId = b4.id;
        ofGone.filename = b4.filename;
        ofGone.targetPbxId = branch.id;
        ofGone.targetPbxName = branch.name;
        ofGone.startedAt = utc(QStringLiteral("2024-05-05T10:00:00Z"));
        c.beginRestore(&ofGone);
        ids.restore = ofGone.id;

        JobRecord backupJob;
        backupJob.pbxId = master.id;
        backupJob.pbxName = master.name;
        backupJob.trigger = JobTrigger::Scheduled;
        backupJob.startedAt = utc(QStringLiteral("2024-05-01T03:00:00Z"));
        backupJob.detail = b1.filename;
        c.beginJob(&backupJob);
        c.finishJob(backupJob.id, JobOutcome::Success, 5'000'000, {},
                    utc(QStringLiteral("2024-05-01T03:01:00Z")));
        JobRecord failed;
        failed.kind = JobKind::Verify;
        failed.pbxId = gone.id;
        failed.pbxName = gone.name;
        failed.startedAt = utc(QStringLiteral("2024-05-02T03:00:00Z"));
        c.beginJob(&failed);
        c.finishJob(failed.id, JobOutcome::Failed, 0, QStringLiteral("unreachable"),
                    utc(QStringLiteral("2024-05-02T03:00:30Z")), JobError::Pbx,
                    ErrorMessage("pbx.could_not")
                        .arg(ErrorMessage("pbx.action.list").arg(gone.name))
                        .arg(QStringLiteral("timeout")));
        JobRecord running;
        running.kind = JobKind::Copy;
        running.startedAt = utc(QStringLiteral("2024-05-06T03:00:00Z"));
        c.beginJob(&running);
        ids.job = running.id;

        c.setLastScheduledRun(master.id, utc(QStringLiteral("2024-05-06T03:00:00Z")));

        CopyTargetRecord folder;
        folder.name = QStringLiteral("NAS");
        folder.location = QStringLiteral("/mnt/nas/pbx");
        CopyTargetRecord sftp;
        sftp.name = QStringLiteral("Offsite");
        sftp.kind = CopyTargetKind::Sftp;
        sftp.location = QStringLiteral("sftp://vault@backup.example.net:2222/pbx");
        sftp.hostKey = QStringLiteral("SHA256:") + QStringLiteral("x").repeated(43);
        sftp.auth = CopyAuth::Password;
        sftp.enabled = false;
        c.addCopyTarget(&folder);
        c.addCopyTarget(&sftp);
        ids.target = sftp.id;
        BackupCopyRecord copied;
        copied.backupId = b1.id;
        copied.targetId = folder.id;
        copied.state = CopyState::Copied;
        copied.remoteName = b1.filename;
        copied.size = b1.size;
        copied.sha256 = b1.sha256;
        copied.attempts = 1;
        copied.updatedAt = utc(QStringLiteral("2024-05-01T03:02:00Z"));
        BackupCopyRecord failedCopy;
        failedCopy.backupId = b2.id;
        failedCopy.targetId = sftp.id;
        failedCopy.state = CopyState::Failed;
        failedCopy.attempts = 2;
        failedCopy.error = QStringLiteral("connection refused");
        failedCopy.updatedAt = utc(QStringLiteral("2024-05-02T03:02:00Z"));
        c.setBackupCopy(copied);
        c.setBackupCopy(failedCopy);
        c.setEncryptionKeyId(kKeyId);
        c.tryLockPbx(master.id, Catalog::lockOwnerId(), QDateTime::currentDateTimeUtc());

        c.removeBackup(b4.id);
        c.removePbx(gone.id);
        return ids;
    }

    // New rows of every kind get ids above what the source had handed out.
    static void checkFreshIds(Catalog &c, const HighestIds &before)
    {
        PbxRecord pbx = makePbx(QStringLiteral("Nuova"));
        QVERIFY2(c.addPbx(&pbx), qPrintable(c.lastError()));
        QVERIFY2(pbx.id > before.pbx, qPrintable(QString::number(pbx.id)));
        BackupRecord backup = makeBackup(pbx.id, utc(QStringLiteral("2024-06-01T00:00:00Z")));
        QVERIFY2(c.addBackup(&backup), qPrintable(c.lastError()));
        QVERIFY2(backup.id > before.backup, qPrintable(QString::number(backup.id)));
        RestoreRecord restore;
        restore.backupId = backup.id;
        restore.filename = backup.filename;
        restore.startedAt = utc(QStringLiteral("2024-06-01T01:00:00Z"));
        QVERIFY2(c.beginRestore(&restore), qPrintable(c.lastError()));
        QVERIFY(restore.id > before.restore);
        JobRecord job;
        job.startedAt = restore.startedAt;
        QVERIFY2(c.beginJob(&job), qPrintable(c.lastError()));
        QVERIFY(job.id > before.job);
        CopyTargetRecord target;
        target.name = QStringLiteral("Nuovo NAS");
        target.location = QStringLiteral("/mnt/other");
        QVERIFY2(c.addCopyTarget(&target), qPrintable(c.lastError()));
        QVERIFY(target.id > before.target);
    }

private slots:
    void initTestCase()
    {
        TestCatalogServer &server = TestCatalogServer::instance();
        if (!server.whySkip().isEmpty())
            QSKIP(qPrintable(server.whySkip()));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
    }
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    // SQLite -> PostgreSQL -> SQLite: the same rows, ids, catalog id and key id at each step;
    // the PBX lock stays behind; progress counts every row once.
    void roundTripKeepsEveryRecord()
    {
        const QString first = sqliteLocation(QStringLiteral("desktop.sqlite"));
        const QString team = postgresLocation();
        const QString back = sqliteLocation(QStringLiteral("back.sqlite"));
        QString catalogId;
        QStringList view, rows;
        {
            auto desktop = open(first);
            QVERIFY(desktop);
            populate(*desktop);
            catalogId = desktop->catalogId();
            view = apiView(*desktop);
            QVERIFY2(view.size() > 20, qPrintable(view.join(QLatin1Char('\n'))));
            QCOMPARE(desktop->encryptionKeyId(), kKeyId);

            auto target = open(team);
            QVERIFY(target);
            QVector<QPair<qint64, qint64>> progress;
            QString error;
            QVERIFY2(CatalogCopy::copy(
                         *desktop, *target,
                         [&](qint64 done, qint64 total) {
                             progress.append({done, total});
                         },
                         &error),
                     qPrintable(error));
            QVERIFY(!progress.isEmpty());
            // 3 PBXs - 1, 4 backups - 1, 2 restores, 3 jobs, 1 scheduler row, 2 targets, 2 copies.
            const qint64 total = 2 + 3 + 2 + 3 + 1 + 2 + 2;
            QCOMPARE(progress.constLast(), qMakePair(total, total));
            for (int i = 1; i < progress.size(); ++i)
                QVERIFY(progress.at(i).first >= progress.at(i - 1).first);
        }
        rows = RawConnection(first).dumpAll();
        QVERIFY(rows.size() > 15);
        QCOMPARE(RawConnection(team).dumpAll(), rows);
        QCOMPARE(RawConnection(team).dump(QStringLiteral("pbx_locks"), QStringLiteral("pbx_id")),
                 QStringList());

        {
            auto onServer = open(team);
            QVERIFY(onServer);
            QVERIFY(onServer->isPostgres());
            QCOMPARE(onServer->catalogId(), catalogId);
            QCOMPARE(onServer->encryptionKeyId(), kKeyId);
            QCOMPARE(apiView(*onServer), view);
            // The lock of this (live) process stayed in the desktop catalog.
            QVERIFY2(onServer->tryLockPbx(onServer->pbxs().constFirst().id,
                                          QStringLiteral("otherhost:1:x"),
                                          QDateTime::currentDateTimeUtc()),
                     qPrintable(onServer->lastError()));
            onServer->unlockPbx(onServer->pbxs().constFirst().id, QStringLiteral("otherhost:1:x"));

            auto desktopAgain = open(back);
            QVERIFY(desktopAgain);
            QString error;
            QVERIFY2(CatalogCopy::copy(*onServer, *desktopAgain, {}, &error), qPrintable(error));
        }
        QCOMPARE(RawConnection(back).dumpAll(), rows);
        auto again = open(back);
        QVERIFY(again);
        QVERIFY(!again->isPostgres());
        QCOMPARE(again->catalogId(), catalogId);
        QCOMPARE(apiView(*again), view);
    }

    // Ids keep counting after the source's counters, deleted rows included, on both back ends.
    void newRowsGetFreshIds()
    {
        const QString first = sqliteLocation(QStringLiteral("desktop.sqlite"));
        const QString team = postgresLocation();
        const QString back = sqliteLocation(QStringLiteral("back.sqlite"));
        HighestIds highest;
        {
            auto desktop = open(first);
            auto target = open(team);
            QVERIFY(desktop && target);
            highest = populate(*desktop);
            QVERIFY(highest.pbx > 0 && highest.backup > 0 && highest.target > 0);
            QString error;
            QVERIFY2(CatalogCopy::copy(*desktop, *target, {}, &error), qPrintable(error));
            // The highest PBX and backup were deleted: max(id) alone would hand them out again.
            QVERIFY(desktop->pbx(highest.pbx) == std::nullopt);
            QVERIFY(desktop->backup(highest.backup) == std::nullopt);
        }
        {
            auto source = open(team);
            auto target = open(back);
            QVERIFY(source && target);
            QString error;
            QVERIFY2(CatalogCopy::copy(*source, *target, {}, &error), qPrintable(error));
        }
        for (const QString &location : {team, back}) {
            auto copied = open(location);
            QVERIFY(copied);
            checkFreshIds(*copied, highest);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // A target with rows, an encryption key of its own, or a different schema, and a copy
    // onto the source itself: refused, nothing changed.
    void refusesUnsuitableTargets()
    {
        auto desktop = open(sqliteLocation(QStringLiteral("desktop.sqlite")));
        QVERIFY(desktop);
        populate(*desktop);

        const QString teamLocation = postgresLocation();
        auto team = open(teamLocation);
        QVERIFY(team);
        const QString teamId = team->catalogId();
        PbxRecord existing = makePbx(QStringLiteral("Esistente"));
        QVERIFY(team->addPbx(&existing));
        const QStringList teamRows = RawConnection(teamLocation).dumpAll();
        QString error;
        QVERIFY(!CatalogCopy::copy(*desktop, *team, {}, &error));
        QVERIFY2(error.contains(QLatin1String("not empty")) &&
                     error.contains(QLatin1String("pbxs")),
                 qPrintable(error));
        QCOMPARE(RawConnection(teamLocation).dumpAll(), teamRows);
        QCOMPARE(open(teamLocation)->catalogId(), teamId);

        auto keyed = open(sqliteLocation(QStringLiteral("keyed.sqlite")));
        QVERIFY(keyed);
        QVERIFY(keyed->setEncryptionKeyId(QStringLiteral("00ff")));
        QVERIFY(!CatalogCopy::copy(*desktop, *keyed, {}, &error));
        QVERIFY2(error.contains(QLatin1String("encryption key")), qPrintable(error));
        QCOMPARE(keyed->encryptionKeyId(), QStringLiteral("00ff"));
        QVERIFY(keyed->pbxs().isEmpty());

        QVERIFY(!CatalogCopy::copy(*desktop, *desktop, {}, &error));
        QVERIFY2(error.contains(QLatin1String("onto itself")), qPrintable(error));

        // Another process upgraded (here: marked) the target to another schema meanwhile.
        const QString olderLocation = postgresLocation();
        auto older = open(olderLocation);
        QVERIFY(older);
        QVERIFY(RawConnection(olderLocation)
                    .exec(QStringLiteral("UPDATE meta SET value = '4' WHERE name = "
                                         "'schema_version'")));
        QVERIFY(!CatalogCopy::copy(*desktop, *older, {}, &error));
        QVERIFY2(error.contains(QLatin1String("different schemas")), qPrintable(error));
        QVERIFY(older->pbxs().isEmpty());

        // A target missing a table is refused before anything is written.
        const QString brokenLocation = sqliteLocation(QStringLiteral("broken.sqlite"));
        auto broken = open(brokenLocation);
        QVERIFY(broken);
        QVERIFY(RawConnection(brokenLocation).exec(QStringLiteral("DROP TABLE backup_copies")));
        QVERIFY(!CatalogCopy::copy(*desktop, *broken, {}, &error));
        QVERIFY2(error.contains(QLatin1String("backup_copies")), qPrintable(error));
        QVERIFY(broken->pbxs().isEmpty());
    }

    // A row the target rejects half-way (a constraint on PostgreSQL, a trigger on SQLite)
    // rolls the whole copy back: the target is as empty as before, with its own catalog id;
    // once the obstacle is gone the same copy goes through.
    void failureHalfWayLeavesTargetEmpty()
    {
        const QString first = sqliteLocation(QStringLiteral("desktop.sqlite"));
        auto desktop = open(first);
        QVERIFY(desktop);
        populate(*desktop);

        const QString teamLocation = postgresLocation();
        auto team = open(teamLocation);
        QVERIFY(team);
        const QString teamId = team->catalogId();
        RawConnection teamRaw(teamLocation);
        // Jobs are copied after PBXs, targets, backups, copies and restores.
        QVERIFY(teamRaw.exec(
            QStringLiteral("ALTER TABLE jobs ADD CONSTRAINT provoked CHECK (bytes < 1000000)")));
        const QStringList emptyTeam = teamRaw.dumpAll();
        QString error;
        QVERIFY(!CatalogCopy::copy(*desktop, *team, {}, &error));
        QVERIFY2(error.contains(QLatin1String("jobs")) && error.contains(QLatin1String("provoked")),
                 qPrintable(error));
        QCOMPARE(teamRaw.dumpAll(), emptyTeam);
        QVERIFY(team->pbxs().isEmpty());
        QCOMPARE(team->backupCount(), 0);
        QVERIFY(team->encryptionKeyId().isEmpty());
        QCOMPARE(open(teamLocation)->catalogId(), teamId);

        QVERIFY(teamRaw.exec(QStringLiteral("ALTER TABLE jobs DROP CONSTRAINT provoked")));
        QVERIFY2(CatalogCopy::copy(*desktop, *team, {}, &error), qPrintable(error));
        QCOMPARE(teamRaw.dumpAll(), RawConnection(first).dumpAll());

        const QString backLocation = sqliteLocation(QStringLiteral("back.sqlite"));
        auto back = open(backLocation);
        QVERIFY(back);
        const QString backId = back->catalogId();
        RawConnection backRaw(backLocation);
        QVERIFY(backRaw.exec(QStringLiteral("CREATE TRIGGER provoked BEFORE INSERT ON restores "
                                            "BEGIN SELECT RAISE(ABORT, 'provoked'); END")));
        const QStringList emptyBack = backRaw.dumpAll();
        auto onServer = open(teamLocation);
        QVERIFY(onServer);
        QVERIFY(!CatalogCopy::copy(*onServer, *back, {}, &error));
        QVERIFY2(error.contains(QLatin1String("restores")), qPrintable(error));
        QCOMPARE(backRaw.dumpAll(), emptyBack);
        QVERIFY(back->pbxs().isEmpty());
        QCOMPARE(back->backupCount(), 0);
        QCOMPARE(open(backLocation)->catalogId(), backId);
    }

    // Not a timed test: prints how long 100,000 backups take from SQLite to PostgreSQL
    // (PBXVAULT_COPY_BENCH_ROWS changes the number).
    void hundredThousandBackupsToPostgres()
    {
        const int count = qEnvironmentVariableIsSet("PBXVAULT_COPY_BENCH_ROWS")
                              ? qEnvironmentVariableIntValue("PBXVAULT_COPY_BENCH_ROWS")
                              : 100'000;
        auto desktop = open(sqliteLocation(QStringLiteral("big.sqlite")));
        auto team = open(postgresLocation());
        QVERIFY(desktop && team);
        PbxRecord pbx = makePbx(QStringLiteral("Centralino"));
        QVERIFY(desktop->addPbx(&pbx));
        QVector<BackupRecord> backups;
        backups.reserve(count);
        const QDateTime start = utc(QStringLiteral("2020-01-01T00:00:00Z"));
        for (int i = 0; i < count; ++i) {
            BackupRecord b = makeBackup(pbx.id, start.addSecs(qint64(i) * 3600));
            b.changes = i % 7;
            b.changesBaseId = i;
            backups.append(b);
        }
        QVERIFY2(desktop->addBackups(&backups), qPrintable(desktop->lastError()));

        QElapsedTimer timer;
        timer.start();
        QString error;
        int reports = 0;
        QVERIFY2(CatalogCopy::copy(
                     *desktop, *team, [&](qint64, qint64) { ++reports; }, &error),
                 qPrintable(error));
        const qint64 ms = timer.elapsed();
        qInfo().noquote() << QStringLiteral("CatalogCopy: %1 backups SQLite -> PostgreSQL in %2 ms "
                                            "(%3 progress reports)")
                                 .arg(count)
                                 .arg(ms)
                                 .arg(reports);
        QCOMPARE(team->backupCount(), qint64(count));
        QCOMPARE(team->backup(backups.constLast().id)->filename, backups.constLast().filename);
    }
};

QTEST_GUILESS_MAIN(TestCatalogCopy)
#include "tst_catalog_copy.moc"
