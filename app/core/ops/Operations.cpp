#include "Operations.h"

#include "BackupFlow.h"
#include "PbxAccess.h"
#include "RestoreFlow.h"
#include "common/Firmware.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcOps, "pbxvault.ops")

namespace {

// For free functions. lupdate files tr() calls outside a class under the enclosing
// namespace, so the runtime context must be that namespace too.
QString tr(const char *text)
{
    return QCoreApplication::translate("pbxvault", text);
}

// Fails a job from inside the call that created it, after the caller had a chance to connect.
Job *failedJob(Job *job, const QString &message)
{
    job->fail(message);
    return job;
}

QString validatePbx(const PbxRecord &pbx)
{
    if (pbx.name.trimmed().isEmpty())
        return tr("The PBX needs a name.");
    if (pbx.name.size() > 100)
        return tr("The PBX name is too long (at most 100 characters).");
    const QString scheme = pbx.url.scheme().toLower();
    if (!pbx.url.isValid() || pbx.url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return tr("The address must look like https://pbx.example.com (got \"%1\").")
            .arg(pbx.url.toString());
    if (pbx.username.trimmed().isEmpty())
        return tr("The PBX needs a user name.");
    if (pbx.tenant.trimmed().isEmpty())
        return tr("The tenant must not be empty (use \"default\" on single-tenant PBXs).");
    if (pbx.keepLast < 0 || pbx.keepDays < 0)
        return tr("Retention values cannot be negative.");
    return {};
}

} // namespace

Operations::Operations(Vault &vault, QObject *parent)
    : QObject(parent), m_vault(vault), m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

void Operations::setClock(std::function<QDateTime()> nowUtc)
{
    m_now = std::move(nowUtc);
}
QDateTime Operations::now() const
{
    return m_now();
}
void Operations::setStallTimeout(int ms)
{
    m_stallTimeoutMs = ms;
}

QString Operations::checkSingleMaster(const PbxRecord &pbx)
{
    if (pbx.role != PbxRole::Master)
        return {};
    const QVector<PbxRecord> all = m_vault.catalog().pbxs();
    for (const PbxRecord &other : all) {
        if (other.role == PbxRole::Master && other.id != pbx.id && other.enabled)
            return tr("\"%1\" is already the master PBX. Make it a secondary PBX first.")
                .arg(other.name);
    }
    return {};
}

Job *Operations::addPbx(const PbxRecord &input, const QString &password)
{
    auto *job = new Job(JobKind::Registry, this);
    PbxRecord pbx = input;
    pbx.name = pbx.name.trimmed();
    pbx.fingerprint =
        pbx.fingerprint.isEmpty() ? QString() : PbxClient::normaliseFingerprint(pbx.fingerprint);
    if (!input.fingerprint.isEmpty() && pbx.fingerprint.isEmpty())
        return failedJob(job, tr("The fingerprint is not a SHA-256 value (64 hexadecimal "
                                 "digits, colons allowed)."));
    QString error = validatePbx(pbx);
    if (error.isEmpty() && password.isEmpty())
        error = tr("The PBX needs a password.");
    if (error.isEmpty())
        error = checkSingleMaster(pbx);
    if (!error.isEmpty())
        return failedJob(job, error);
    pbx.createdAt = m_now();
    if (!m_vault.catalog().addPbx(&pbx))
        return failedJob(job, m_vault.catalog().lastError());
    job->setPbxId(pbx.id);
    job->setStage(tr("Storing the password in the system keychain"));
    const qint64 id = pbx.id;
    m_vault.secrets().writeSecret(
        SecretStore::pbxPasswordKey(m_vault.catalog().catalogId(), id), password, job,
        [this, job, id](const SecretResult &result) {
            if (!result.ok()) {
                // No password means an unusable PBX: undo the registration.
                m_vault.catalog().removePbx(id);
                job->fail(tr("The PBX was not added because its password could not be stored "
                             "in the system keychain: %1")
                              .arg(result.message));
                return;
            }
            qCInfo(lcOps) << "PBX added" << id;
            Q_EMIT pbxsChanged();
            job->succeed();
        });
    return job;
}

Job *Operations::updatePbx(const PbxRecord &input, const std::optional<QString> &newPassword)
{
    auto *job = new Job(JobKind::Registry, this);
    PbxRecord pbx = input;
    pbx.name = pbx.name.trimmed();
    if (!input.fingerprint.isEmpty()) {
        pbx.fingerprint = PbxClient::normaliseFingerprint(input.fingerprint);
        if (pbx.fingerprint.isEmpty())
            return failedJob(job, tr("The fingerprint is not a SHA-256 value."));
    }
    QString error = validatePbx(pbx);
    if (error.isEmpty() && newPassword && newPassword->isEmpty())
        error = tr("The PBX needs a password.");
    if (error.isEmpty())
        error = checkSingleMaster(pbx);
    if (!error.isEmpty())
        return failedJob(job, error);
    job->setPbxId(pbx.id);
    auto saveRecord = [this, job, pbx] {
        if (!m_vault.catalog().updatePbx(pbx)) {
            job->fail(m_vault.catalog().lastError());
            return;
        }
        Q_EMIT pbxsChanged();
        job->succeed();
    };
    if (!newPassword) {
        QTimer::singleShot(0, job, saveRecord);
        return job;
    }
    m_vault.secrets().writeSecret(
        SecretStore::pbxPasswordKey(m_vault.catalog().catalogId(), pbx.id), *newPassword, job,
        [job, saveRecord](const SecretResult &result) {
            if (!result.ok()) {
                job->fail(tr("The password could not be stored in the system keychain: %1")
                              .arg(result.message));
                return;
            }
            saveRecord();
        });
    return job;
}

Job *Operations::removePbx(qint64 pbxId, bool deleteBackups)
{
    auto *job = new Job(JobKind::Registry, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    const QVector<BackupRecord> backups = m_vault.catalog().backups(pbxId);
    if (!backups.isEmpty() && !deleteBackups) {
        // Keeping the backups keeps the PBX as a disabled record they can still point at.
        PbxRecord retired = *pbx;
        retired.enabled = false;
        retired.schedule.clear();
        if (retired.role == PbxRole::Master)
            retired.role = PbxRole::Secondary;
        if (!m_vault.catalog().updatePbx(retired))
            return failedJob(job, m_vault.catalog().lastError());
        job->addWarning(
            tr("%1 was disabled; its %n backup(s) were kept.", nullptr, int(backups.size()))
                .arg(pbx->name));
    } else {
        for (const BackupRecord &b : backups) {
            QString error;
            if (!m_vault.store().removeFile(b.path, &error))
                return failedJob(job, error);
            m_vault.catalog().removeBackup(b.id);
        }
        if (!m_vault.catalog().removePbx(pbxId))
            return failedJob(job, m_vault.catalog().lastError());
    }
    m_vault.secrets().deleteSecret(
        SecretStore::pbxPasswordKey(m_vault.catalog().catalogId(), pbxId), job,
        [this, job](const SecretResult &result) {
            if (!result.ok() && result.error != SecretError::NotFound)
                job->addWarning(tr("The password could not be removed from the keychain: %1")
                                    .arg(result.message));
            Q_EMIT pbxsChanged();
            Q_EMIT backupsChanged();
            job->succeed();
        });
    return job;
}

void Operations::runConnectionTest(Job *job, PbxClient *client)
{
    job->setStage(tr("Connecting to %1").arg(client->connection().baseUrl.toString()));
    PbxCall *call = client->fetchFirmware();
    connect(job, &Job::cancelRequested, call, &PbxCall::cancel);
    connect(call, &PbxCall::finished, job, [job, call, client] {
        call->deleteLater();
        client->deleteLater();
        if (!call->ok()) {
            job->fail(call->error().message, call->error());
            return;
        }
        job->setFirmware(call->firmware());
        job->succeed();
    });
}

Job *Operations::testConnection(qint64 pbxId)
{
    auto *job = new Job(JobKind::Connection, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs, job,
                    [this, job](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(error);
                            return;
                        }
                        runConnectionTest(job, client);
                    });
    return job;
}

Job *Operations::testConnection(const PbxRecord &pbx, const QString &password)
{
    auto *job = new Job(JobKind::Connection, this);
    const QString error = validatePbx(pbx);
    if (!error.isEmpty())
        return failedJob(job, error);
    runConnectionTest(job, PbxAccess::connect(pbx, password, m_stallTimeoutMs, job));
    return job;
}

bool Operations::trustFingerprint(qint64 pbxId, const QString &fingerprint, QString *error)
{
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx) {
        *error = tr("There is no PBX with id %1.").arg(pbxId);
        return false;
    }
    const QString normalised = PbxClient::normaliseFingerprint(fingerprint);
    if (normalised.isEmpty()) {
        *error = tr("\"%1\" is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).")
                     .arg(fingerprint);
        return false;
    }
    pbx->fingerprint = normalised;
    if (!m_vault.catalog().updatePbx(*pbx)) {
        *error = m_vault.catalog().lastError();
        return false;
    }
    qCInfo(lcOps) << "Pinned certificate of PBX" << pbxId;
    Q_EMIT pbxsChanged();
    return true;
}

bool Operations::beginLoggedJob(Job *job, JobTrigger trigger, const PbxRecord &pbx,
                                const QString &detail)
{
    JobRecord log;
    log.kind = job->kind();
    log.trigger = trigger;
    log.pbxId = pbx.id;
    log.pbxName = pbx.name;
    log.startedAt = m_now();
    log.detail = detail;
    if (!m_vault.catalog().beginJob(&log)) {
        qCWarning(lcOps) << "Cannot write the job log:" << m_vault.catalog().lastError();
        return false;
    }
    job->setLogId(log.id);
    Q_EMIT jobLogChanged();
    return true;
}

void Operations::endLoggedJob(Job *job)
{
    if (job->logId() <= 0)
        return;
    const JobOutcome outcome = job->ok()             ? JobOutcome::Success
                               : job->wasCancelled() ? JobOutcome::Cancelled
                                                     : JobOutcome::Failed;
    m_vault.catalog().finishJob(job->logId(), outcome, job->bytes(), job->errorMessage(), m_now());
    Q_EMIT jobLogChanged();
}

bool Operations::lockPbx(Job *job, const PbxRecord &pbx)
{
    if (m_vault.catalog().tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now()))
        return true;
    job->fail(
        tr("Another job is already running on %1; try again when it has finished.").arg(pbx.name));
    return false;
}

void Operations::unlockPbx(qint64 pbxId)
{
    m_vault.catalog().unlockPbx(pbxId, Catalog::lockOwnerId());
}

Job *Operations::backupPbx(qint64 pbxId, JobTrigger trigger, const QString &comment)
{
    auto *job = new Job(JobKind::Backup, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    if (!pbx->enabled)
        return failedJob(job, tr("%1 is disabled.").arg(pbx->name));
    if (!lockPbx(job, *pbx))
        return job;
    beginLoggedJob(job, trigger, *pbx, QString());
    const BackupOrigin origin = trigger == JobTrigger::Manual   ? BackupOrigin::Manual
                                : trigger == JobTrigger::Safety ? BackupOrigin::Safety
                                                                : BackupOrigin::Scheduled;
    auto *flow = new BackupFlow(m_vault, *pbx, origin, comment, job, m_stallTimeoutMs, m_now);
    connect(job, &Job::cancelRequested, flow, &BackupFlow::cancel);
    connect(flow, &BackupFlow::done, this,
            [this, job, pbxId](qint64 backupId, const QString &error, const PbxError &pbxError) {
                unlockPbx(pbxId);
                if (backupId > 0) {
                    job->setBackupId(backupId);
                    job->succeed();
                    Q_EMIT backupsChanged();
                } else {
                    job->fail(error, pbxError);
                }
                endLoggedJob(job);
                qCInfo(lcOps) << "Backup of PBX" << pbxId << (job->ok() ? "succeeded" : "failed:")
                              << job->errorMessage();
            });
    Q_EMIT jobStarted(job);
    flow->start();
    return job;
}

Job *Operations::planRestore(qint64 backupId, qint64 targetPbxId, RestorePlan *plan)
{
    auto *job = new Job(JobKind::Connection, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    std::optional<PbxRecord> target = m_vault.catalog().pbx(targetPbxId);
    if (!backup || !target)
        return failedJob(job, tr("The backup or the target PBX no longer exists."));
    *plan = RestorePlan();
    plan->fromOtherPbx = backup->pbxId != target->id;
    plan->backupFirmware = backup->firmware;
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *target, m_stallTimeoutMs,
                    job, [job, plan, backup](PbxClient *client, const QString &error) {
                        if (!client) {
                            plan->targetError = error;
                            job->succeed();
                            return;
                        }
                        PbxCall *call = client->fetchFirmware();
                        QObject::connect(
                            call, &PbxCall::finished, job, [job, call, client, plan, backup] {
                                call->deleteLater();
                                client->deleteLater();
                                if (call->ok()) {
                                    plan->targetFirmware = call->firmware();
                                    plan->newerFirmware =
                                        !backup->firmware.isEmpty() &&
                                        compareFirmware(backup->firmware, plan->targetFirmware) > 0;
                                } else {
                                    plan->targetError = call->error().message;
                                }
                                job->setFirmware(plan->targetFirmware);
                                job->succeed();
                            });
                    });
    return job;
}

Job *Operations::restoreBackup(qint64 backupId, qint64 targetPbxId, const RestoreOptions &options)
{
    auto *job = new Job(JobKind::Restore, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    if (!backup)
        return failedJob(job, tr("There is no backup with id %1.").arg(backupId));
    std::optional<PbxRecord> target = m_vault.catalog().pbx(targetPbxId);
    if (!target)
        return failedJob(job, tr("There is no PBX with id %1.").arg(targetPbxId));
    job->setPbxId(targetPbxId);
    if (!target->enabled)
        return failedJob(job, tr("%1 is disabled.").arg(target->name));
    if (!lockPbx(job, *target))
        return job;
    beginLoggedJob(job, JobTrigger::Manual, *target, backup->filename);
    auto *flow = new RestoreFlow(m_vault, *backup, *target, options, job, m_stallTimeoutMs, m_now);
    connect(job, &Job::cancelRequested, flow, &RestoreFlow::cancel);
    connect(flow, &RestoreFlow::done, this,
            [this, job, targetPbxId](bool ok, const QString &error, const PbxError &pbxError) {
                unlockPbx(targetPbxId);
                if (ok)
                    job->succeed();
                else
                    job->fail(error, pbxError);
                endLoggedJob(job);
                Q_EMIT restoresChanged();
                Q_EMIT backupsChanged(); // verification state, safety backup
            });
    Q_EMIT jobStarted(job);
    flow->start();
    Q_EMIT restoresChanged();
    return job;
}

Job *Operations::verifyBackup(qint64 backupId)
{
    auto *job = new Job(JobKind::Verify, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    if (!backup)
        return failedJob(job, tr("There is no backup with id %1.").arg(backupId));
    job->setBackupId(backupId);
    job->setPbxId(backup->pbxId);
    job->setStage(tr("Verifying %1").arg(backup->filename));
    auto *watcher = new QFutureWatcher<VerifyReport>(job);
    connect(watcher, &QFutureWatcher<VerifyReport>::finished, job, [this, job, watcher, backupId] {
        const VerifyReport report = watcher->result();
        m_vault.catalog().setVerification(backupId, report.state, m_now());
        job->setBytes(report.size);
        Q_EMIT backupsChanged();
        if (report.state == VerifyState::Ok) {
            job->addWarning(report.message);
            job->succeed();
        } else {
            job->fail(report.message);
        }
    });
    watcher->setFuture(QtConcurrent::run(&BackupStore::verify, backup->path, backup->sha256));
    return job;
}

Job *Operations::deleteBackup(qint64 backupId, bool alsoOnPbx)
{
    auto *job = new Job(JobKind::Delete, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    if (!backup)
        return failedJob(job, tr("There is no backup with id %1.").arg(backupId));
    job->setBackupId(backupId);
    job->setPbxId(backup->pbxId);
    auto removeLocal = [this, job, backup] {
        QString error;
        if (!m_vault.store().removeFile(backup->path, &error)) {
            job->fail(error);
            return;
        }
        if (!m_vault.catalog().removeBackup(backup->id)) {
            job->fail(m_vault.catalog().lastError());
            return;
        }
        Q_EMIT backupsChanged();
        Q_EMIT restoresChanged();
        job->succeed();
    };
    if (!alsoOnPbx) {
        QTimer::singleShot(0, job, removeLocal);
        return job;
    }
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(backup->pbxId);
    if (!pbx)
        return failedJob(job, tr("The PBX of this backup is no longer registered."));
    job->setStage(tr("Deleting %1 from %2").arg(backup->filename, pbx->name));
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs, job,
                    [job, backup, removeLocal](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(error);
                            return;
                        }
                        PbxCall *call = client->deleteBackup(backup->filename);
                        QObject::connect(call, &PbxCall::finished, job, [job, call, removeLocal] {
                            call->deleteLater();
                            if (!call->ok() && call->error().kind != PbxErrorKind::NotFound) {
                                // Keep the local copy: the operator asked for both and got neither.
                                job->fail(call->error().message, call->error());
                                return;
                            }
                            if (!call->ok())
                                job->addWarning(tr("The backup was already gone from the PBX."));
                            removeLocal();
                        });
                    });
    return job;
}

Job *Operations::importBackup(const QString &filePath, qint64 pbxId)
{
    auto *job = new Job(JobKind::Import, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, tr("There is no PBX with id %1.").arg(pbxId));
    const QFileInfo info(filePath);
    if (!info.isFile() || !info.isReadable())
        return failedJob(job, tr("Cannot read %1.").arg(filePath));
    job->setPbxId(pbxId);
    beginLoggedJob(job, JobTrigger::Manual, *pbx, info.fileName());
    job->setStage(tr("Importing %1").arg(info.fileName()));
    struct ImportResult
    {
        bool ok = false;
        QString path, sha256, error;
        qint64 size = 0;
    };
    BackupStore *store = &m_vault.store();
    const QString pbxName = pbx->name;
    const QString tenant = pbx->tenant;
    auto *watcher = new QFutureWatcher<ImportResult>(job);
    connect(watcher, &QFutureWatcher<ImportResult>::finished, job, [this, job, watcher, pbx, info] {
        const ImportResult r = watcher->result();
        if (!r.ok) {
            job->fail(r.error);
            endLoggedJob(job);
            return;
        }
        BackupRecord backup;
        backup.pbxId = pbx->id;
        backup.pbxName = pbx->name;
        backup.filename = QFileInfo(r.path).fileName();
        backup.size = r.size;
        backup.sha256 = r.sha256;
        backup.createdAt = info.lastModified().toUTC();
        backup.tenant = pbx->tenant;
        backup.path = r.path;
        backup.origin = BackupOrigin::Import;
        backup.comment = tr("Imported from %1").arg(info.absoluteFilePath());
        if (!m_vault.catalog().addBackup(&backup)) {
            QString ignored;
            m_vault.store().removeFile(r.path, &ignored);
            job->fail(m_vault.catalog().lastError());
        } else {
            job->setBackupId(backup.id);
            job->setBytes(backup.size);
            job->succeed();
            Q_EMIT backupsChanged();
        }
        endLoggedJob(job);
    });
    watcher->setFuture(QtConcurrent::run([store, filePath, pbxName, tenant] {
        ImportResult r;
        r.ok = store->importFile(filePath, pbxName, tenant, &r.path, &r.sha256, &r.size, &r.error);
        return r;
    }));
    return job;
}

QString Operations::displayName(const QString &untrusted)
{
    QString out;
    for (const QChar c : untrusted) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
        if (out.size() > 200) {
            out.truncate(200);
            out += QChar(0x2026);
            break;
        }
    }
    return out;
}

Job *Operations::listRemoteBackups(qint64 pbxId)
{
    auto *job = new Job(JobKind::Connection, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs, job,
                    [job](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(error);
                            return;
                        }
                        PbxCall *call = client->listBackups();
                        QObject::connect(call, &PbxCall::finished, job, [job, call] {
                            call->deleteLater();
                            if (!call->ok()) {
                                job->fail(call->error().message, call->error());
                                return;
                            }
                            QStringList names;
                            for (const QString &n : call->names())
                                names.append(displayName(n));
                            job->setRemoteNames(names);
                            job->succeed();
                        });
                    });
    return job;
}

} // namespace pbxvault
