#include "RestoreFlow.h"

#include "BackupFlow.h"
#include "PbxAccess.h"
#include "common/Firmware.h"
#include "store/BackupStore.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pbxvault {
namespace {
// For free functions. lupdate files tr() calls outside a class under the enclosing
// namespace, so the runtime context must be that namespace too.
QString tr(const char *text)
{
    return QCoreApplication::translate("pbxvault", text);
}
JobFailure cancelled()
{
    return JobFailure::of(JobError::Cancelled, tr("Cancelled."));
}
} // namespace

RestoreFlow::RestoreFlow(Vault &vault, const BackupRecord &backup, const PbxRecord &target,
                         const RestoreOptions &options, Job *job, int stallTimeoutMs,
                         std::function<QDateTime()> now)
    : QObject(job), m_vault(vault), m_backup(backup), m_target(target), m_options(options),
      m_job(job), m_stallTimeoutMs(stallTimeoutMs), m_now(std::move(now))
{}

void RestoreFlow::start()
{
    RestoreRecord restore;
    restore.backupId = m_backup.id;
    restore.filename = m_backup.filename;
    restore.targetPbxId = m_target.id;
    restore.targetPbxName = m_target.name;
    restore.targetUrl = m_target.url.toString();
    restore.startedAt = m_now();
    if (!m_vault.catalog().beginRestore(&restore)) {
        finishWith(JobFailure::of(
            JobError::Catalog,
            tr("Cannot record the restore in the history: %1").arg(m_vault.catalog().lastError())));
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
    auto *watcher = new QFutureWatcher<VerifyReport>(this);
    connect(watcher, &QFutureWatcher<VerifyReport>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const VerifyReport report = watcher->result();
        m_vault.catalog().setVerification(m_backup.id, report.state, m_now());
        // "Checksum only" was accepted by the operator at import: the PBX judges the content.
        if (report.state != VerifyState::Intact && report.state != VerifyState::ChecksumOnly) {
            finishWith(JobFailure::of(
                JobError::Corrupt, tr("The backup failed verification, so it was not restored: %1")
                                       .arg(report.message)));
            return;
        }
        checkFirmware();
    });
    watcher->setFuture(QtConcurrent::run(&BackupStore::verify, m_backup.path, m_backup.sha256));
}

void RestoreFlow::checkFirmware()
{
    if (m_cancelled) {
        finishWith(cancelled());
        return;
    }
    PbxAccess::open(
        m_vault.secrets(), m_vault.catalog().catalogId(), m_target, m_stallTimeoutMs, this,
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
                    finishWith(JobFailure::of(
                        JobError::Usage, tr("The backup was made on firmware %1, newer than "
                                            "the firmware of %2 (%3). Restore it only if you "
                                            "are sure, with the force option.")
                                             .arg(m_backup.firmware, m_target.name, targetFw)));
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
                              m_stallTimeoutMs, m_now);
    connect(m_safety, &BackupFlow::done, this, [this](qint64 backupId, const JobFailure &failure) {
        m_safety->deleteLater();
        if (backupId <= 0) {
            JobFailure why = failure;
            why.message = tr("The safety backup of %1 failed, so the restore did not "
                             "start: %2")
                              .arg(m_target.name, failure.message);
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
    m_call = m_client->uploadAndRestore(m_backup.path, uploadName);
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

void RestoreFlow::finishWith(const JobFailure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_restoreId > 0) {
        const RestoreOutcome outcome =
            !failure.isError()
                ? RestoreOutcome::Success
                : (failure.kind == JobError::Cancelled || m_cancelled ? RestoreOutcome::Interrupted
                                                                      : RestoreOutcome::Failed);
        m_vault.catalog().finishRestore(m_restoreId, outcome, failure.message, m_now());
    }
    Q_EMIT done(failure);
}

} // namespace pbxvault
