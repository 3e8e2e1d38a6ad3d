#include "Operations.h"

#include "OffsiteCopies.h"

#include "BackupFlow.h"
#include "BackupPipeline.h"
#include "JobLog.h"
#include "PbxAccess.h"
#include "RestoreFlow.h"
#include "common/Firmware.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
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

// For a worker thread: its own copy of the loaded vault key (null when none).
VaultKey keyCopy(const Vault &vault)
{
    return vault.key() ? *vault.key() : VaultKey();
}

// Fails a job from inside the call that created it, after the caller had a chance to connect.
Job *failedJob(Job *job, JobError kind, const QString &message)
{
    job->fail(kind, message);
    return job;
}

// A backup in a shared store this computer does not map has no file here. Nothing may be
// concluded about it: verified "missing" would tell every member of the team a lie.
bool reachableHere(const BackupRecord &backup, Job *job)
{
    if (backup.store.isEmpty() || !backup.path.isEmpty())
        return true;
    job->fail(JobError::NotFound,
              ErrorMessage("store.backup_unmapped").arg(backup.filename).arg(backup.store));
    return false;
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
    // Both go verbatim into the X-authenticate header: PbxClient knows what it refuses there.
    const QString credentials = PbxClient::credentialProblem(pbx.username, pbx.tenant);
    if (!credentials.isEmpty())
        return credentials;
    if (pbx.keepLast < 0 || pbx.keepDays < 0)
        return tr("Retention values cannot be negative.");
    return {};
}

} // namespace

Operations::Operations(Vault &vault, QObject *parent)
    : QObject(parent), m_vault(vault), m_log(new JobLog(vault.catalog(), *m_clock, this))
{
    connect(m_log, &JobLog::changed, this, &Operations::jobLogChanged);
}

Operations::~Operations() = default;

void Operations::setClock(const Clock &clock)
{
    m_clock = &clock;
    m_log->setClock(clock);
}

void Operations::setConcurrencyLimit(int jobs)
{
    m_concurrencyLimit = qMax(1, jobs);
    startWaitingBackups();
}
QDateTime Operations::now() const
{
    return m_clock->nowUtc();
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
        return failedJob(job, JobError::Usage,
                         tr("The fingerprint is not a SHA-256 value (64 hexadecimal "
                            "digits, colons allowed)."));
    QString error = validatePbx(pbx);
    if (error.isEmpty() && password.isEmpty())
        error = tr("The PBX needs a password.");
    if (error.isEmpty())
        error = checkSingleMaster(pbx);
    if (!error.isEmpty())
        return failedJob(job, JobError::Usage, error);
    pbx.createdAt = m_clock->nowUtc();
    if (!m_vault.catalog().addPbx(&pbx))
        return failedJob(job, JobError::Catalog, m_vault.catalog().lastError());
    job->setPbxId(pbx.id);
    job->setStage(tr("Storing the password in the system keychain"));
    const qint64 id = pbx.id;
    m_vault.secrets().writeSecret(
        SecretStore::pbxPasswordKey(m_vault.catalog().catalogId(), id), password, job,
        [this, job, id](const SecretResult &result) {
            if (!result.ok()) {
                // No password means an unusable PBX: undo the registration.
                m_vault.catalog().removePbx(id);
                job->fail(JobError::Keychain,
                          tr("The PBX was not added because its password could not be stored "
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
            return failedJob(job, JobError::Usage, tr("The fingerprint is not a SHA-256 value."));
    }
    QString error = validatePbx(pbx);
    if (error.isEmpty() && newPassword && newPassword->isEmpty())
        error = tr("The PBX needs a password.");
    if (error.isEmpty())
        error = checkSingleMaster(pbx);
    if (!error.isEmpty())
        return failedJob(job, JobError::Usage, error);
    job->setPbxId(pbx.id);
    auto saveRecord = [this, job, pbx] {
        if (!m_vault.catalog().updatePbx(pbx)) {
            job->fail(JobError::Catalog, m_vault.catalog().lastError());
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
                job->fail(JobError::Keychain,
                          tr("The password could not be stored in the system keychain: %1")
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
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
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
            return failedJob(job, JobError::Catalog, m_vault.catalog().lastError());
        job->addWarning(
            tr("%1 was disabled; its %n backup(s) were kept.", nullptr, int(backups.size()))
                .arg(pbx->name));
    } else {
        for (const BackupRecord &b : backups) {
            QString error;
            if (!m_vault.store().removeFile(b.path, &error))
                return failedJob(job, JobError::Usage, error);
            m_vault.catalog().removeBackup(b.id);
        }
        if (!m_vault.catalog().removePbx(pbxId))
            return failedJob(job, JobError::Catalog, m_vault.catalog().lastError());
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
            job->fail(call->error());
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
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs,
                    *m_clock, job, [this, job](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(JobError::Keychain, error);
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
        return failedJob(job, JobError::Usage, error);
    runConnectionTest(job, PbxAccess::connect(pbx, password, m_stallTimeoutMs, *m_clock, job));
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
    const qint64 id = m_log->begin(job->kind(), trigger, pbx.id, pbx.name, detail);
    job->setLogId(id);
    return id > 0;
}

void Operations::endLoggedJob(Job *job)
{
    m_log->end(job->logId(), *job);
}

bool Operations::lockPbx(Job *job, const PbxRecord &pbx)
{
    if (m_vault.catalog().tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_clock->nowUtc()))
        return true;
    job->fail(
        JobError::Locked,
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
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    if (!pbx->enabled)
        return failedJob(job, JobError::Disabled, tr("%1 is disabled.").arg(pbx->name));
    enqueueBackup(WaitingBackup{job, pbxId, trigger, comment, QString()});
    return job;
}

void Operations::enqueueBackup(const WaitingBackup &waiting)
{
    Job *job = waiting.job;
    Q_EMIT jobStarted(job);
    if (m_backupsRunning < m_concurrencyLimit && m_waiting.isEmpty()) {
        runBackup(waiting);
        return;
    }
    job->setStage(tr("Waiting: %n other backup(s) are running", nullptr, m_backupsRunning));
    connect(job, &Job::cancelRequested, this, [this, job] {
        for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
            if (it->job == job) {
                m_waiting.erase(it);
                job->fail(JobError::Cancelled, ErrorMessage("job.cancelled_waiting"));
                return;
            }
        }
    });
    m_waiting.enqueue(waiting);
}

void Operations::startWaitingBackups()
{
    while (m_backupsRunning < m_concurrencyLimit && !m_waiting.isEmpty()) {
        const WaitingBackup next = m_waiting.dequeue();
        if (next.job && !next.job->isFinished())
            runBackup(next);
    }
}

void Operations::runBackup(const WaitingBackup &waiting)
{
    Job *job = waiting.job;
    // Re-read: the PBX may have changed or gone while the job waited.
    const std::optional<PbxRecord> pbx = m_vault.catalog().pbx(waiting.pbxId);
    if (!pbx) {
        job->fail(JobError::NotFound, ErrorMessage("job.no_pbx").arg(waiting.pbxId));
        return;
    }
    if (!pbx->enabled) {
        job->fail(JobError::Disabled, ErrorMessage("job.pbx_disabled").arg(pbx->name));
        return;
    }
    ++m_backupsRunning;
    auto *pipeline = new BackupPipeline(m_vault, *m_log, *pbx, waiting.trigger, waiting.comment,
                                        job, m_stallTimeoutMs, *m_clock);
    if (!waiting.remoteName.isNull())
        pipeline->setRemoteName(waiting.remoteName);
    pipeline->setHookPlanner(m_hookPlanner);
    connect(pipeline, &BackupPipeline::backupsChanged, this, &Operations::backupsChanged);
    // The slot frees when the pipeline ends, or when its job is deleted while it runs.
    auto released = std::make_shared<bool>(false);
    auto release = [this, released] {
        if (*released)
            return;
        *released = true;
        --m_backupsRunning;
        QTimer::singleShot(0, this, &Operations::startWaitingBackups);
    };
    connect(pipeline, &BackupPipeline::finished, this, release);
    connect(pipeline, &QObject::destroyed, this, release);
    pipeline->start();
}

Job *Operations::planRestore(qint64 backupId, qint64 targetPbxId, RestorePlan *plan)
{
    auto *job = new Job(JobKind::Connection, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    std::optional<PbxRecord> target = m_vault.catalog().pbx(targetPbxId);
    if (!backup || !target)
        return failedJob(job, JobError::NotFound,
                         tr("The backup or the target PBX no longer exists."));
    *plan = RestorePlan();
    plan->fromOtherPbx = backup->pbxId != target->id;
    plan->backupFirmware = backup->firmware;
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *target, m_stallTimeoutMs,
                    *m_clock, job, [job, plan, backup](PbxClient *client, const QString &error) {
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
        return failedJob(job, JobError::NotFound,
                         tr("There is no backup with id %1.").arg(backupId));
    std::optional<PbxRecord> target = m_vault.catalog().pbx(targetPbxId);
    if (!target)
        return failedJob(job, JobError::NotFound,
                         tr("There is no PBX with id %1.").arg(targetPbxId));
    job->setPbxId(targetPbxId);
    if (!target->enabled)
        return failedJob(job, JobError::Disabled, tr("%1 is disabled.").arg(target->name));
    if (!reachableHere(*backup, job))
        return job;
    // Refused before anything happens, above all before a safety backup replaces nothing;
    // unless an off-site target holds a verified copy, which the restore fetches back.
    const bool remoteCopy = OffsiteTargets::usableCopy(m_vault.catalog(), backupId).has_value();
    if (!QFileInfo::exists(backup->path) && !remoteCopy)
        return failedJob(job, JobError::Corrupt,
                         tr("The file of %1 is missing (%2), so it cannot be restored.")
                             .arg(backup->filename, QDir::toNativeSeparators(backup->path)));
    if (backup->verified == VerifyState::Corrupt && !remoteCopy)
        return failedJob(job, JobError::Corrupt,
                         tr("%1 failed its last verification, so it cannot be restored. Verify "
                            "it again if the file was repaired.")
                             .arg(backup->filename));
    if (!lockPbx(job, *target))
        return job;
    beginLoggedJob(job, JobTrigger::Manual, *target, backup->filename);
    HookContext context;
    context.event = HookEvent::PreRestore;
    context.pbxName = target->name;
    context.pbxUrl = target->url;
    context.tenant = target->tenant;
    context.jobId = job->logId();
    context.backupId = backup->id;
    context.backupPath = backup->path;
    context.workingDirectory = m_vault.dataDir();
    // A failing pre-restore hook skips the restore: nothing is sent to the PBX.
    JobHooks::run(m_hookPlanner, *m_log, JobTrigger::Manual, *target, context, job, job,
                  [this, job, backup = *backup, target = *target, options,
                   context](bool ok, const ErrorMessage &failure) {
                      if (job->cancelRequestedFlag() || !ok) {
                          unlockPbx(target.id);
                          if (job->cancelRequestedFlag())
                              job->fail(JobError::Cancelled, ErrorMessage("job.cancelled"));
                          else
                              job->fail(JobError::Failed,
                                        ErrorMessage("job.skipped_by_hook").arg(failure));
                          endLoggedJob(job);
                          return;
                      }
                      startRestoreFlow(job, backup, target, options, context);
                  });
    Q_EMIT jobStarted(job);
    Q_EMIT restoresChanged();
    return job;
}

void Operations::startRestoreFlow(Job *job, const BackupRecord &backup, const PbxRecord &target,
                                  const RestoreOptions &options, HookContext context)
{
    auto *flow = new RestoreFlow(m_vault, backup, target, options, job, m_stallTimeoutMs, *m_clock);
    connect(job, &Job::cancelRequested, flow, &RestoreFlow::cancel);
    connect(flow, &RestoreFlow::done, this,
            [this, job, target, context](const JobFailure &failure) {
                // Post-restore hooks before the job ends and the PBX is unlocked: a program waiting
                // for the job waits for them too.
                HookContext after = context;
                after.event = HookEvent::PostRestore;
                after.outcome = failure.kind == JobError::Cancelled ? QStringLiteral("cancelled")
                                : failure.isError()                 ? QStringLiteral("failed")
                                                                    : QStringLiteral("succeeded");
                after.error = failure.message;
                JobHooks::run(m_hookPlanner, *m_log, JobTrigger::Manual, target, after, job, job,
                              [this, job, target, failure](bool, const ErrorMessage &) {
                                  unlockPbx(target.id);
                                  if (!failure.isError())
                                      job->succeed();
                                  else
                                      job->fail(failure);
                                  endLoggedJob(job);
                                  Q_EMIT restoresChanged();
                                  Q_EMIT backupsChanged(); // verification state, safety backup
                              });
            });
    flow->start();
    Q_EMIT restoresChanged();
}

Job *Operations::verifyBackup(qint64 backupId)
{
    auto *job = new Job(JobKind::Verify, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    if (!backup)
        return failedJob(job, JobError::NotFound,
                         tr("There is no backup with id %1.").arg(backupId));
    job->setBackupId(backupId);
    job->setPbxId(backup->pbxId);
    if (!reachableHere(*backup, job))
        return job;
    job->setStage(tr("Verifying %1").arg(backup->filename));
    auto *watcher = new QFutureWatcher<VerifyReport>(job);
    connect(watcher, &QFutureWatcher<VerifyReport>::finished, job, [this, job, watcher, backupId] {
        const VerifyReport report = watcher->result();
        // Unverified: an encrypted file without its key. The file's state is not known, so the
        // catalog keeps what it knew.
        if (report.state == VerifyState::Unverified) {
            job->fail(JobError::Keychain, report.coded);
            return;
        }
        m_vault.catalog().setVerification(backupId, report.state, m_clock->nowUtc());
        job->setBytes(report.size);
        job->setVerifyState(report.state);
        Q_EMIT backupsChanged();
        // Checksum only is not a failure (the operator accepted it), but it is said in words.
        if (report.state == VerifyState::Intact || report.state == VerifyState::ChecksumOnly) {
            job->addWarning(report.message);
            job->succeed();
        } else {
            job->fail(JobError::Corrupt, report.coded);
        }
    });
    watcher->setFuture(
        QtConcurrent::run([path = backup->path, sha256 = backup->sha256, key = keyCopy(m_vault)] {
            return BackupStore::verify(path, sha256, key.isNull() ? nullptr : &key);
        }));
    return job;
}

Job *Operations::deleteBackup(qint64 backupId, bool alsoOnPbx)
{
    auto *job = new Job(JobKind::Delete, this);
    std::optional<BackupRecord> backup = m_vault.catalog().backup(backupId);
    if (!backup)
        return failedJob(job, JobError::NotFound,
                         tr("There is no backup with id %1.").arg(backupId));
    job->setBackupId(backupId);
    job->setPbxId(backup->pbxId);
    if (!reachableHere(*backup, job))
        return job;
    auto removeLocal = [this, job, backup] {
        QString error;
        JobError kind = JobError::None;
        if (!m_vault.removeBackup(*backup, &kind, &error)) {
            job->fail(kind, error);
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
        return failedJob(job, JobError::NotFound,
                         tr("The PBX of this backup is no longer registered."));
    job->setStage(tr("Deleting %1 from %2").arg(backup->filename, pbx->name));
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs,
                    *m_clock, job,
                    [job, backup, removeLocal](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(JobError::Keychain, error);
                            return;
                        }
                        PbxCall *call = client->deleteBackup(backup->filename);
                        QObject::connect(call, &PbxCall::finished, job, [job, call, removeLocal] {
                            call->deleteLater();
                            if (!call->ok() && call->error().kind != PbxErrorKind::NotFound) {
                                // Keep the local copy: the operator asked for both and got neither.
                                job->fail(call->error());
                                return;
                            }
                            if (!call->ok())
                                job->addWarning(tr("The backup was already gone from the PBX."));
                            removeLocal();
                        });
                    });
    return job;
}

Job *Operations::importBackup(const QString &filePath, qint64 pbxId, const ImportOptions &options)
{
    auto *job = new Job(JobKind::Import, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    const QFileInfo info(filePath);
    if (!info.isFile() || !info.isReadable())
        return failedJob(job, JobError::NotFound, tr("Cannot read %1.").arg(filePath));
    job->setPbxId(pbxId);
    const VaultKey *writeKey = nullptr;
    ErrorMessage noKey;
    if (!m_vault.keyForWriting(&writeKey, &noKey)) {
        job->fail(JobError::Keychain, noKey);
        return job;
    }
    ErrorMessage noStore;
    if (!m_vault.storeForWriting(&noStore)) {
        job->fail(JobError::Disk, noStore);
        return job;
    }
    beginLoggedJob(job, JobTrigger::Manual, *pbx, info.fileName());
    job->setStage(tr("Importing %1").arg(info.fileName()));
    struct ImportResult
    {
        bool ok = false;
        QString path, sha256, error;
        qint64 size = 0;
        VerifyReport report;
    };
    BackupStore *store = &m_vault.store();
    const QString pbxName = pbx->name;
    const QString tenant = pbx->tenant;
    auto *watcher = new QFutureWatcher<ImportResult>(job);
    connect(watcher, &QFutureWatcher<ImportResult>::finished, job,
            [this, job, watcher, pbx, info, options] {
                const ImportResult r = watcher->result();
                if (!r.ok) {
                    job->fail(JobError::Disk, r.error);
                    endLoggedJob(job);
                    return;
                }
                job->setVerifyState(r.report.state);
                const bool acceptable =
                    r.report.state == VerifyState::Intact ||
                    (r.report.state == VerifyState::ChecksumOnly && options.acceptChecksumOnly);
                if (!acceptable) {
                    QString ignored;
                    m_vault.store().removeFile(r.path, &ignored);
                    if (r.report.state == VerifyState::ChecksumOnly)
                        job->fail(JobError::Unreadable,
                                  tr("%1 is not a backup PBX Vault can read, so it was not "
                                     "imported. Import it as \"checksum only\" only if you know "
                                     "it is a backup of this PBX.")
                                      .arg(info.fileName()));
                    else
                        job->fail(
                            JobError::Corrupt,
                            tr("%1 was not imported: %2").arg(info.fileName(), r.report.message));
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
                backup.store = m_vault.sharedStore();
                backup.origin = BackupOrigin::Import;
                backup.verified = r.report.state;
                backup.verifiedAt = m_clock->nowUtc();
                backup.comment = tr("Imported from %1").arg(info.absoluteFilePath());
                if (!m_vault.catalog().addBackup(&backup)) {
                    QString ignored;
                    m_vault.store().removeFile(r.path, &ignored);
                    job->fail(JobError::Catalog, m_vault.catalog().lastError());
                } else {
                    job->setBackupId(backup.id);
                    job->setBytes(backup.size);
                    if (backup.verified == VerifyState::ChecksumOnly)
                        job->addWarning(r.report.message);
                    job->succeed();
                    Q_EMIT backupsChanged();
                }
                endLoggedJob(job);
            });
    watcher->setFuture(QtConcurrent::run(
        [store, filePath, pbxName, tenant, writeKey = writeKey ? *writeKey : VaultKey()] {
            ImportResult r;
            r.ok = store->importFile(filePath, pbxName, tenant, &r.path, &r.sha256, &r.size,
                                     &r.error, writeKey.isNull() ? nullptr : &writeKey);
            // The stored copy is what gets verified: it is what a restore will send.
            if (r.ok)
                r.report =
                    BackupStore::verify(r.path, r.sha256, writeKey.isNull() ? nullptr : &writeKey);
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
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), *pbx, m_stallTimeoutMs,
                    *m_clock, job, [job](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(JobError::Keychain, error);
                            return;
                        }
                        PbxCall *call = client->listBackups();
                        QObject::connect(call, &PbxCall::finished, job, [job, call] {
                            call->deleteLater();
                            if (!call->ok()) {
                                job->fail(call->error());
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

void Operations::listRawRemoteNames(Job *job, const PbxRecord &pbx,
                                    std::function<void(const QStringList &)> done)
{
    job->setStage(tr("Asking %1 for the backups it keeps").arg(pbx.name));
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), pbx, m_stallTimeoutMs,
                    *m_clock, job,
                    [job, done = std::move(done)](PbxClient *client, const QString &error) {
                        if (!client) {
                            job->fail(JobError::Keychain, error);
                            return;
                        }
                        PbxCall *call = client->listBackups();
                        QObject::connect(job, &Job::cancelRequested, call, &PbxCall::cancel);
                        QObject::connect(call, &PbxCall::finished, job, [job, call, done] {
                            call->deleteLater();
                            if (!call->ok()) {
                                job->fail(call->error());
                                return;
                            }
                            done(call->names());
                        });
                    });
}

QVector<RemoteBackup> Operations::remoteStatus(const PbxRecord &pbx, const QStringList &names)
{
    // One pass over the PBX's backups, then one lookup per name: both lists can be long.
    QHash<QString, qint64> held;
    const QVector<BackupRecord> backups = m_vault.catalog().backups(pbx.id);
    for (const BackupRecord &b : backups) {
        if (b.tenant != pbx.tenant)
            continue;
        const QString remote = BackupFlow::remoteNameOf(b);
        if (!remote.isNull() && !held.contains(remote))
            held.insert(remote, b.id);
    }
    QVector<RemoteBackup> out;
    out.reserve(names.size());
    for (const QString &name : names)
        out.append(RemoteBackup{name, displayName(name), held.value(name, 0)});
    return out;
}

Job *Operations::remoteBackupsWithStatus(qint64 pbxId)
{
    auto *job = new Job(JobKind::Connection, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    listRawRemoteNames(job, *pbx, [this, job, pbxId](const QStringList &names) {
        // Re-read: the PBX's tenant may have changed while the PBX answered.
        const std::optional<PbxRecord> now = m_vault.catalog().pbx(pbxId);
        if (!now) {
            job->fail(JobError::NotFound, ErrorMessage("job.no_pbx").arg(pbxId));
            return;
        }
        job->setRemoteBackups(remoteStatus(*now, names));
        job->succeed();
    });
    return job;
}

Job *Operations::fetchRemoteBackup(qint64 pbxId, const QString &remoteName)
{
    auto *job = new Job(JobKind::Fetch, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    if (!pbx->enabled)
        return failedJob(job, JobError::Disabled, tr("%1 is disabled.").arg(pbx->name));
    // Null marks a created backup in the queue: an empty name is still a (refused) fetch.
    const QString name = remoteName.isNull() ? QString(QLatin1String("")) : remoteName;
    enqueueBackup(WaitingBackup{job, pbxId, JobTrigger::Manual, QString(), name});
    return job;
}

namespace {

// The state of one fetchAllMissing() run: the names to fetch and how far it got. The job's
// cancel connection owns it; the steps hold it weakly, so nothing outlives the job.
struct MissingFetchRun
{
    QVector<RemoteBackup> names;
    int next = 0;
    int failed = 0;
    qint64 bytes = 0;
    JobFailure firstFailure;
    QPointer<Job> current;
    bool cancelled = false;
    std::function<void()> fetchNext;
};

} // namespace

Job *Operations::fetchAllMissing(qint64 pbxId)
{
    auto *job = new Job(JobKind::Fetch, this);
    std::optional<PbxRecord> pbx = m_vault.catalog().pbx(pbxId);
    if (!pbx)
        return failedJob(job, JobError::NotFound, tr("There is no PBX with id %1.").arg(pbxId));
    job->setPbxId(pbxId);
    if (!pbx->enabled)
        return failedJob(job, JobError::Disabled, tr("%1 is disabled.").arg(pbx->name));
    auto owned = std::make_shared<MissingFetchRun>();
    connect(job, &Job::cancelRequested, this, [owned] {
        owned->cancelled = true;
        if (owned->current)
            owned->current->cancel();
    });
    const std::weak_ptr<MissingFetchRun> weak = owned;
    // One fetch at a time: each needs the PBX's lock, and a PBX serves one download well.
    owned->fetchNext = [this, job, pbxId, weak] {
        const std::shared_ptr<MissingFetchRun> run = weak.lock();
        if (!run)
            return;
        const int total = int(run->names.size());
        if (run->cancelled || run->next >= total) {
            job->setRemoteBackups(run->names);
            job->setBytes(run->bytes);
            job->setProgress(run->next, total);
            if (run->cancelled)
                job->fail(JobError::Cancelled, ErrorMessage("job.cancelled"));
            else if (run->failed > 0)
                job->fail(run->firstFailure.kind,
                          tr("%n of %1 backup(s) could not be fetched. The first: %2", nullptr,
                             run->failed)
                              .arg(total)
                              .arg(run->firstFailure.message));
            else
                job->succeed();
            return;
        }
        const RemoteBackup &remote = run->names.at(run->next);
        job->setProgress(run->next, total);
        job->setStage(
            tr("Fetching %1 of %2: %3").arg(run->next + 1).arg(total).arg(remote.displayName));
        Job *fetch = fetchRemoteBackup(pbxId, remote.name);
        run->current = fetch;
        connect(fetch, &Job::finished, job, [job, fetch, weak] {
            fetch->deleteLater();
            const std::shared_ptr<MissingFetchRun> run = weak.lock();
            if (!run)
                return;
            RemoteBackup &tried = run->names[run->next];
            if (fetch->ok()) {
                tried.backupId = fetch->backupId();
                run->bytes += fetch->bytes();
            } else if (!(run->cancelled && fetch->error() == JobError::Cancelled)) {
                if (run->failed++ == 0)
                    run->firstFailure = JobFailure::of(fetch->error(), fetch->errorMessage());
                job->addWarning(tr("%1: %2").arg(tried.displayName, fetch->errorMessage()));
            }
            ++run->next;
            run->fetchNext();
        });
    };
    listRawRemoteNames(job, *pbx, [this, job, pbxId, weak](const QStringList &names) {
        const std::shared_ptr<MissingFetchRun> run = weak.lock();
        if (!run)
            return;
        const std::optional<PbxRecord> now = m_vault.catalog().pbx(pbxId);
        if (!now) {
            job->fail(JobError::NotFound, ErrorMessage("job.no_pbx").arg(pbxId));
            return;
        }
        for (const RemoteBackup &remote : remoteStatus(*now, names)) {
            if (!remote.inVault())
                run->names.append(remote);
        }
        run->fetchNext();
    });
    return job;
}

} // namespace pbxvault
