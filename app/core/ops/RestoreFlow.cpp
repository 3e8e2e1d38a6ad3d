#include "RestoreFlow.h"

#include "BackupFlow.h"
#include "OffsiteCopies.h"
#include "Operations.h"
#include "PbxAccess.h"
#include "Vault.h"
#include "common/Firmware.h"
#include "crypto/DecryptingReader.h"
#include "store/BackupStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pbxvault {
namespace {
JobFailure cancelled()
{
    return JobFailure::of(JobError::Cancelled, ErrorMessage("restore.cancelled"));
}

struct CheckedBackup
{
    VerifyReport report;
    std::shared_ptr<IncomingBackup> plainCopy; // set for an encrypted backup
    QString copyError;
};

// Verifies the backup; for an encrypted one, also writes its plaintext to a temp file of the
// store and checks that what was written is what the catalog recorded.
CheckedBackup checkBackup(BackupStore *store, const BackupRecord &backup, const VaultKey &key)
{
    CheckedBackup checked;
    const VaultKey *keyOrNull = key.isNull() ? nullptr : &key;
    checked.report = BackupStore::verify(backup.path, backup.sha256, keyOrNull);
    if ((checked.report.state != VerifyState::Intact &&
         checked.report.state != VerifyState::ChecksumOnly) ||
        !DecryptingReader::isEncrypted(backup.path))
        return checked;
    QString error;
    std::shared_ptr<IncomingBackup> copy =
        store->begin(backup.pbxName, backup.tenant, backup.filename, &error);
    if (copy) {
        const QString sha256 =
            BackupStore::copyPlaintext(backup.path, copy->device(), &error, keyOrNull);
        if (!sha256.isEmpty() && sha256 != backup.sha256)
            error = QCoreApplication::translate("pbxvault::RestoreFlow",
                                                "the decrypted file differs from the backup");
        else if (!sha256.isEmpty() && !copy->device()->flush())
            error = copy->device()->errorString();
        else if (!sha256.isEmpty())
            checked.plainCopy = copy;
    }
    if (!checked.plainCopy)
        checked.copyError = error;
    return checked;
}
} // namespace

RestoreFlow::RestoreFlow(Vault &vault, const BackupRecord &backup, const PbxRecord &target,
                         const RestoreOptions &options, Job *job, int stallTimeoutMs,
                         const Clock &clock)
    : QObject(job), m_vault(vault), m_backup(backup), m_target(target), m_options(options),
      m_job(job), m_stallTimeoutMs(stallTimeoutMs), m_clock(clock)
{}

void RestoreFlow::start()
{
    RestoreRecord restore;
    restore.backupId = m_backup.id;
    restore.filename = m_backup.filename;
    restore.targetPbxId = m_target.id;
    restore.targetPbxName = m_target.name;
    restore.targetUrl = m_target.url.toString();
    restore.startedAt = m_clock.nowUtc();
    if (!m_vault.catalog().beginRestore(&restore)) {
        finishWith(JobFailure::of(
            JobError::Catalog,
            ErrorMessage("restore.not_recorded").arg(m_vault.catalog().lastError())));
        return;
    }
    m_restoreId = restore.id;
    if (m_job)
        m_job->setRestoreId(m_restoreId);
    verifyChecksum();
}

void RestoreFlow::cancel()
{
    m_cancelled = true;
    if (m_safety)
        m_safety->cancel();
    if (m_call)
        m_call->cancel();
}

void RestoreFlow::verifyChecksum()
{
    if (m_job)
        m_job->setStage(tr("Checking %1").arg(m_backup.filename));
    auto *watcher = new QFutureWatcher<CheckedBackup>(this);
    connect(watcher, &QFutureWatcher<CheckedBackup>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const CheckedBackup checked = watcher->result();
        const VerifyReport &report = checked.report;
        if (report.state == VerifyState::Unverified) { // encrypted, and no key to open it
            finishWith(JobFailure::of(JobError::Keychain,
                                      ErrorMessage("restore.corrupt").arg(report.coded)));
            return;
        }
        if ((report.state == VerifyState::Missing || report.state == VerifyState::Corrupt) &&
            !m_triedRemoteCopy && fetchRemoteCopy(report))
            return;
        m_vault.catalog().setVerification(m_backup.id, report.state, m_clock.nowUtc());
        // "Checksum only" was accepted by the operator at import: the PBX judges the content.
        if (report.state != VerifyState::Intact && report.state != VerifyState::ChecksumOnly) {
            finishWith(JobFailure::of(JobError::Corrupt,
                                      ErrorMessage("restore.corrupt").arg(report.coded)));
            return;
        }
        if (!checked.copyError.isEmpty()) {
            finishWith(JobFailure::of(
                JobError::Disk, ErrorMessage("restore.no_plain_copy").arg(checked.copyError)));
            return;
        }
        m_plainCopy = checked.plainCopy;
        checkFirmware();
    });
    watcher->setFuture(QtConcurrent::run([store = &m_vault.store(), backup = m_backup,
                                          key = m_vault.key() ? *m_vault.key() : VaultKey()] {
        return checkBackup(store, backup, key);
    }));
}

// The local file is missing or damaged: a verified copy on an off-site target replaces it (the
// vault is whole again), then the usual check runs on it. False when no target holds one.
bool RestoreFlow::fetchRemoteCopy(const VerifyReport &localReport)
{
    m_triedRemoteCopy = true;
    const std::optional<OffsiteTargets::UsableCopy> usable =
        OffsiteTargets::usableCopy(m_vault.catalog(), m_backup.id);
    if (!usable)
        return false;
    const std::optional<CopyTargetRecord> target = usable->target;
    const BackupCopyRecord copy = usable->copy;
    qCInfo(lcOps).noquote() << QStringLiteral("restore: %1 is %2 here; fetching its copy from %3")
                                   .arg(m_backup.filename, toString(localReport.state),
                                        target->name);
    if (m_job)
        m_job->setStage(tr("Fetching %1 from %2").arg(m_backup.filename, target->name));
    OffsiteTargets::readSecret(
        m_vault.secrets(), m_vault.catalog().catalogId(), *target, this,
        [this, target = *target, copy, localReport](const QString &secret, const QString &error) {
            if (!error.isEmpty()) {
                qCWarning(lcOps).noquote() << "restore: no remote copy:" << error;
                verifyChecksum(); // reports the local file's state
                return;
            }
            QPointer<Job> job = m_job;
            // Posted to the application object, which outlives this flow and its worker.
            const auto progress = [job](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(qApp, [job, done, total] {
                    if (job)
                        job->setProgress(done, total);
                });
            };
            auto *watcher = new QFutureWatcher<CopyResult>(this);
            const bool localMissing = localReport.state == VerifyState::Missing;
            connect(watcher, &QFutureWatcher<CopyResult>::finished, this,
                    [this, watcher, target, localMissing] {
                        watcher->deleteLater();
                        const CopyResult result = watcher->result();
                        if (result.ok())
                            qCInfo(lcOps).noquote()
                                << "restore: fetched" << m_backup.filename << "from" << target.name;
                        else
                            qCWarning(lcOps).noquote()
                                << "restore: cannot fetch" << m_backup.filename << "from"
                                << target.name << ":" << result.message;
                        if (m_job && result.ok())
                            m_job->addWarning(
                                localMissing
                                    ? tr("The local file was missing; its copy on %1 was fetched.")
                                          .arg(target.name)
                                    : tr("The local file was damaged; its copy on %1 replaced it.")
                                          .arg(target.name));
                        verifyChecksum();
                    });
            watcher->setFuture(
                QtConcurrent::run([target, secret, copy, progress, path = m_backup.path] {
                    QString why;
                    std::unique_ptr<CopyTarget> t = OffsiteTargets::make(target, secret, &why);
                    if (!t)
                        return CopyResult::failure(CopyErrorKind::Other, why);
                    QDir().mkpath(QFileInfo(path).absolutePath());
                    return t->get(copy.remoteName, path, progress, nullptr, copy.size, copy.sha256);
                }));
        });
    return true;
}

void RestoreFlow::checkFirmware()
{
    if (m_cancelled) {
        finishWith(cancelled());
        return;
    }
    PbxAccess::open(
        m_vault.secrets(), m_vault.catalog().catalogId(), m_target, m_stallTimeoutMs, m_clock, this,
        [this](PbxClient *client, const QString &error) {
            if (!client) {
                finishWith(JobFailure::of(JobError::Keychain, error));
                return;
            }
            m_client = client;
            if (m_job)
                m_job->setStage(tr("Asking %1 for its firmware version").arg(m_target.name));
            m_call = m_client->fetchFirmware();
            connect(m_call, &PbxCall::finished, this, [this, call = m_call.data()] {
                call->deleteLater();
                if (!call->ok()) {
                    finishWith(JobFailure::fromPbx(call->error()));
                    return;
                }
                const QString targetFw = call->firmware();
                if (!m_backup.firmware.isEmpty() &&
                    compareFirmware(m_backup.firmware, targetFw) > 0 && !m_options.force) {
                    finishWith(
                        JobFailure::of(JobError::Usage, ErrorMessage("restore.newer_firmware")
                                                            .arg(m_backup.firmware)
                                                            .arg(m_target.name)
                                                            .arg(targetFw)));
                    return;
                }
                takeSafetyBackup();
            });
        });
}

void RestoreFlow::takeSafetyBackup()
{
    if (!m_options.safetyBackup) {
        upload();
        return;
    }
    m_safety = new BackupFlow(m_vault, m_target, BackupOrigin::Safety,
                              tr("Safety backup before restoring %1").arg(m_backup.filename), m_job,
                              m_stallTimeoutMs, m_clock);
    connect(m_safety, &BackupFlow::done, this, [this](qint64 backupId, const JobFailure &failure) {
        m_safety->deleteLater();
        if (backupId <= 0) {
            JobFailure why = failure;
            // The inner failure nests as code when it has one, so it is reworded too.
            why.coded = ErrorMessage("restore.safety_failed").arg(m_target.name);
            if (failure.coded.isNull())
                why.coded.arg(failure.message);
            else
                why.coded.arg(failure.coded);
            why.message = why.coded.text();
            finishWith(why);
            return;
        }
        m_vault.catalog().setRestoreSafetyBackup(m_restoreId, backupId);
        if (m_job)
            m_job->setBackupId(backupId);
        upload();
    });
    m_safety->start();
}

void RestoreFlow::upload()
{
    if (m_cancelled) {
        finishWith(cancelled());
        return;
    }
    if (m_job)
        m_job->setStage(tr("Restoring %1 onto %2").arg(m_backup.filename, m_target.name));
    QString uploadName = BackupStore::sanitizeFileName(m_backup.filename);
    uploadName.replace(QLatin1Char(' '), QLatin1Char('-'));
    if (!uploadName.endsWith(QLatin1String(".bak"), Qt::CaseInsensitive))
        uploadName += QStringLiteral(".bak");
    m_call = m_client->uploadAndRestore(uploadPath(), uploadName);
    connect(m_call, &PbxCall::progress, this, [this](qint64 done, qint64 total) {
        if (m_job)
            m_job->setProgress(done, total);
    });
    connect(m_call, &PbxCall::finished, this, [this, call = m_call.data()] {
        call->deleteLater();
        if (!call->ok()) {
            finishWith(JobFailure::fromPbx(call->error()));
            return;
        }
        if (m_job)
            m_job->setBytes(call->bytes());
        finishWith();
    });
}

QString RestoreFlow::uploadPath() const
{
    return m_plainCopy ? m_plainCopy->tempPath() : m_backup.path;
}

void RestoreFlow::finishWith(const JobFailure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    m_plainCopy.reset(); // never committed: removes the plaintext
    if (m_restoreId > 0) {
        const RestoreOutcome outcome =
            !failure.isError()
                ? RestoreOutcome::Success
                : (failure.kind == JobError::Cancelled || m_cancelled ? RestoreOutcome::Interrupted
                                                                      : RestoreOutcome::Failed);
        m_vault.catalog().finishRestore(m_restoreId, outcome, failure.message, m_clock.nowUtc(),
                                        failure.coded);
    }
    Q_EMIT done(failure);
}

} // namespace pbxvault
