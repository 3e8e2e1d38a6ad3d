#include "DemoData.h"

#include "PbxSim.h"
#include "UiTestKit.h"
#include "ops/Job.h"

#include <QSignalSpy>

namespace pbxvault::screenshots {

namespace {
bool finish(Job *job, QString *error, const QString &what)
{
    if (!job->isFinished()) {
        QSignalSpy done(job, &Job::finished);
        if (!done.wait(60000)) {
            *error = what + QStringLiteral(": timed out");
            return false;
        }
    } else {
        QSignalSpy done(job, &Job::finished);
        done.wait(1000);
    }
    job->deleteLater();
    return true;
}

bool addPbx(Operations &ops, const PbxRecord &pbx, qint64 *id, QString *error)
{
    Job *job = ops.addPbx(pbx, QStringLiteral("secret"));
    if (!finish(job, error, QStringLiteral("add PBX")))
        return false;
    if (!job->ok()) {
        *error = job->errorMessage();
        return false;
    }
    *id = job->pbxId();
    return true;
}
} // namespace

bool DemoData::build(test::UiTestVault &vault, test::PbxSim &master, test::PbxSim &secondary,
                     QString *error)
{
    Operations &ops = vault.ops();
    Catalog &catalog = vault.catalog();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    PbxRecord milano =
        test::makePbx(QStringLiteral("Sede Milano"), PbxRole::Master, master.url().toString());
    milano.fingerprint = master.fingerprint();
    milano.schedule = QStringLiteral("0 2 * * *");
    milano.keepLast = 30;
    PbxRecord roma = test::makePbx(QStringLiteral("Filiale Roma"), PbxRole::Secondary,
                                   secondary.url().toString());
    roma.fingerprint = secondary.fingerprint();
    roma.schedule = QStringLiteral("30 3 * * 0");
    roma.keepDays = 90;
    if (!addPbx(ops, milano, &masterId, error) || !addPbx(ops, roma, &secondaryId, error))
        return false;
    milano = *catalog.pbx(masterId);
    roma = *catalog.pbx(secondaryId);

    // Nightly backups of Milano, weekly ones of Roma: what the scheduler left behind.
    QVector<BackupRecord> history;
    const QDateTime lastNight(now.toLocalTime().date(), QTime(2, 0));
    for (int day = 1; day <= 14; ++day) {
        BackupRecord b;
        b.pbxId = masterId;
        b.createdAt = lastNight.addDays(-day).toUTC();
        b.filename =
            QStringLiteral("Sede-Milano_%1_4.9.4.bak")
                .arg(b.createdAt.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        b.size = 4'200'000 + day * 13'417;
        b.sha256 = QString::number(0x5eed0000 + day, 16).repeated(8).left(64);
        b.masterIp = QStringLiteral("192.0.2.10");
        b.path = vault.vault().store().folderFor(milano.name, milano.tenant) + QLatin1Char('/') +
                 b.filename;
        b.firmware = QStringLiteral("4.9.4");
        b.origin = BackupOrigin::Scheduled;
        b.verified = day % 4 == 0 ? VerifyState::Intact : VerifyState::Unverified;
        history.append(b);
    }
    for (int week = 1; week <= 3; ++week) {
        BackupRecord b;
        b.pbxId = secondaryId;
        b.createdAt = lastNight.addDays(-7 * week).addSecs(5400).toUTC();
        b.filename =
            QStringLiteral("Filiale-Roma_%1_4.8.6.bak")
                .arg(b.createdAt.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        b.size = 2'900'000 + week * 7'211;
        b.sha256 = QString::number(0xface0000 + week, 16).repeated(8).left(64);
        b.masterIp = QStringLiteral("198.51.100.20");
        b.path =
            vault.vault().store().folderFor(roma.name, roma.tenant) + QLatin1Char('/') + b.filename;
        b.firmware = QStringLiteral("4.8.6");
        b.origin = BackupOrigin::Scheduled;
        history.append(b);
    }
    if (!catalog.addBackups(&history)) {
        *error = catalog.lastError();
        return false;
    }
    // What the pipeline would have counted against each one's previous backup: mostly nothing,
    // now and then a changed extension or trunk.
    for (const BackupRecord &b : std::as_const(history)) {
        const std::optional<BackupRecord> previous = catalog.previousBackup(b);
        const int changes = int(b.size % 7) < 4 ? 0 : int(b.size % 3) + 1;
        if (previous && !catalog.setChanges(b.id, changes, previous->id)) {
            *error = catalog.lastError();
            return false;
        }
    }

    // The scheduler's log of those backups (the latest ones; older entries were rotated).
    for (const BackupRecord &b : std::as_const(history)) {
        if (b.pbxId == masterId && b.createdAt < now.addDays(-6))
            continue;
        JobRecord job;
        job.kind = JobKind::Backup;
        job.trigger = JobTrigger::Scheduled;
        job.pbxId = b.pbxId;
        job.pbxName = b.pbxId == masterId ? milano.name : roma.name;
        job.startedAt = b.createdAt.addSecs(-38);
        job.detail = b.filename;
        if (!catalog.beginJob(&job) ||
            !catalog.finishJob(job.id, JobOutcome::Success, b.size, QString(), b.createdAt)) {
            *error = catalog.lastError();
            return false;
        }
    }

    // A restore from last week, and a scheduled backup of Roma that could not connect.
    RestoreRecord old;
    old.backupId = history.at(6).id;
    old.filename = history.at(6).filename;
    old.targetPbxId = secondaryId;
    old.targetPbxName = roma.name;
    old.targetUrl = roma.url.toString();
    old.startedAt = now.addDays(-6);
    if (!catalog.beginRestore(&old) ||
        !catalog.finishRestore(old.id, RestoreOutcome::Success, QString(),
                               old.startedAt.addSecs(74))) {
        *error = catalog.lastError();
        return false;
    }
    JobRecord failed;
    failed.kind = JobKind::Backup;
    failed.trigger = JobTrigger::Scheduled;
    failed.pbxId = secondaryId;
    failed.pbxName = roma.name;
    failed.startedAt = lastNight.addDays(-2).addSecs(5400).toUTC();
    if (!catalog.beginJob(&failed) ||
        !catalog.finishJob(failed.id, JobOutcome::Failed, 0,
                           QStringLiteral("Connection refused by 198.51.100.20:443"),
                           failed.startedAt.addSecs(3))) {
        *error = catalog.lastError();
        return false;
    }

    // Real work against the simulated PBXs.
    Job *backup =
        ops.backupPbx(masterId, JobTrigger::Manual, QStringLiteral("Before the firmware upgrade"));
    if (!finish(backup, error, QStringLiteral("backup")))
        return false;
    if (!backup->ok()) {
        *error = backup->errorMessage();
        return false;
    }
    featuredBackupId = backup->backupId();

    RestoreOptions options;
    options.force = true; // Roma runs older firmware than the backup
    Job *restore = ops.restoreBackup(featuredBackupId, secondaryId, options);
    if (!finish(restore, error, QStringLiteral("restore")))
        return false;
    if (!restore->ok()) {
        *error = QStringLiteral("restore: ") + restore->errorMessage();
        return false;
    }
    // Refused after its safety backup: the restore detail links to both backups.
    secondary.addFault(QStringLiteral("restore-busy"));
    Job *refused = ops.restoreBackup(featuredBackupId, secondaryId, options);
    if (!finish(refused, error, QStringLiteral("refused restore")))
        return false;
    secondary.clearFaults();
    return true;
}

} // namespace pbxvault::screenshots
