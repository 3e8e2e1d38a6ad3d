#include "OffsiteCopies.h"

#include "Job.h"
#include "JobLog.h"
#include "Operations.h"
#include "Vault.h"
#include "offsite/FolderTarget.h"
#include "offsite/SftpTarget.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pbxvault {

QString OffsiteTargets::secretKey(const QString &catalogId, qint64 targetId)
{
    return QStringLiteral("catalog/%1/copy-target/%2").arg(catalogId).arg(targetId);
}

bool OffsiteTargets::parseSftpLocation(const QString &location, QString *host, quint16 *port,
                                       QString *user, QString *dir, QString *error)
{
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("sftp") || url.host().isEmpty() ||
        url.userName().isEmpty() || !url.password().isEmpty()) {
        *error = tr("\"%1\" is not an SFTP location like sftp://user@host:22/backups (a "
                    "password never goes in it).")
                     .arg(url.isValid() && url.password().isEmpty()
                              ? location
                              : url.toDisplayString(QUrl::RemovePassword));
        return false;
    }
    *host = url.host();
    *port = quint16(url.port(22));
    *user = url.userName();
    QString path = url.path();
    // sftp://host/dir is "dir" under the login's home; sftp://host//abs is absolute.
    if (path.startsWith(QLatin1String("//")))
        path = path.mid(1);
    else if (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    *dir = path;
    return true;
}

std::unique_ptr<CopyTarget> OffsiteTargets::make(const CopyTargetRecord &target,
                                                 const QString &secret, QString *error)
{
    if (target.kind == CopyTargetKind::Folder)
        return std::make_unique<FolderTarget>(target.location);
    SftpEndpoint endpoint;
    if (!parseSftpLocation(target.location, &endpoint.host, &endpoint.port, &endpoint.user,
                           &endpoint.remoteDir, error))
        return nullptr;
    if (target.auth == CopyAuth::Key)
        endpoint.privateKey = secret;
    else
        endpoint.password = secret;
    endpoint.pinnedHostKey = target.hostKey;
    return std::make_unique<SftpTarget>(endpoint);
}

QString OffsiteTargets::remoteName(const BackupStore &store, const BackupRecord &backup)
{
    const QString relative = store.relativePath(backup.path);
    if (relative.isEmpty())
        return {};
    return QString(relative).replace(QLatin1Char('/'), QLatin1String("--"));
}

QString OffsiteTargets::remotePrefix(const BackupStore &store, const PbxRecord &pbx)
{
    const QString relative =
        QDir(store.root()).relativeFilePath(store.folderFor(pbx.name, pbx.tenant));
    return QString(relative).replace(QLatin1Char('/'), QLatin1String("--")) + QLatin1String("--");
}

QString OffsiteTargets::ageKey(const QString &remoteName)
{
    static const QRegularExpression stamp(
        QStringLiteral("_(\\d{8}-\\d{6})_[^/]*?(?:-(\\d+))?\\.bak$"));
    const QRegularExpressionMatch m = stamp.match(remoteName);
    if (!m.hasMatch())
        return QStringLiteral("0|") + remoteName;
    return QStringLiteral("1|%1|%2|%3")
        .arg(m.captured(1))
        .arg(m.captured(2).toInt(), 10, 10, QLatin1Char('0'))
        .arg(remoteName);
}

std::optional<OffsiteTargets::UsableCopy> OffsiteTargets::usableCopy(Catalog &catalog,
                                                                     qint64 backupId)
{
    for (const BackupCopyRecord &c : catalog.backupCopies(backupId)) {
        if (c.state != CopyState::Copied)
            continue;
        const std::optional<CopyTargetRecord> t = catalog.copyTarget(c.targetId);
        if (t && t->enabled)
            return UsableCopy{*t, c};
    }
    return std::nullopt;
}

void OffsiteTargets::readSecret(SecretStore &secrets, const QString &catalogId,
                                const CopyTargetRecord &target, QObject *context,
                                std::function<void(const QString &, const QString &)> done)
{
    if (target.kind == CopyTargetKind::Folder || target.auth == CopyAuth::None) {
        QMetaObject::invokeMethod(
            context, [done] { done(QString(), QString()); }, Qt::QueuedConnection);
        return;
    }
    secrets.readSecret(secretKey(catalogId, target.id), context,
                       [done, name = target.name](const SecretResult &result) {
                           if (result.error == SecretError::NotFound) {
                               done(QString(), tr("No password or key for the copy target "
                                                  "\"%1\" is in the system keychain. Enter "
                                                  "it again in the target's settings.")
                                                   .arg(name));
                           } else if (!result.ok()) {
                               done(QString(), tr("Cannot read the secret of the copy target "
                                                  "\"%1\": %2")
                                                   .arg(name, result.message));
                           } else {
                               done(result.secret, QString());
                           }
                       });
}

OffsiteCopier::OffsiteCopier(Vault &vault, JobLog &log, JobTrigger trigger, QObject *parent)
    : QObject(parent), m_vault(vault), m_log(log), m_trigger(trigger)
{}

OffsiteCopier::~OffsiteCopier()
{
    // A worker still running holds its own copy of the flag and its target; it stops at its
    // next block and its result is dropped with the watcher.
    m_cancel->store(true);
}

void OffsiteCopier::run(const PbxRecord &pbx, qint64 newBackupId, Job *job, Done done)
{
    m_pbx = pbx;
    m_newBackupId = newBackupId;
    m_job = job;
    m_done = std::move(done);
    for (const CopyTargetRecord &t : m_vault.catalog().copyTargets()) {
        if (t.enabled && (m_onlyTarget == 0 || t.id == m_onlyTarget))
            m_targets.append(t);
    }
    if (job)
        connect(job, &Job::cancelRequested, this, [cancel = m_cancel] { cancel->store(true); });
    nextTarget();
}

void OffsiteCopier::nextTarget()
{
    if (m_targets.isEmpty() || m_cancel->load()) {
        prune();
        return;
    }
    const CopyTargetRecord target = m_targets.takeFirst();
    OffsiteTargets::readSecret(
        m_vault.secrets(), m_vault.catalog().catalogId(), target, this,
        [this, target](const QString &secret, const QString &error) {
            if (!error.isEmpty()) {
                // Every backup meant for it stays missing; the next run tries again.
                const qint64 logId = m_log.begin(JobKind::Copy, m_trigger, m_pbx.id, m_pbx.name,
                                                 tr("to %1").arg(target.name));
                m_log.end(logId, JobOutcome::Failed, 0, error, JobError::Keychain);
                ++m_summary.failed;
                if (m_summary.firstError.isEmpty())
                    m_summary.firstError = error;
                nextTarget();
                return;
            }
            startTarget(target, secret);
        });
}

void OffsiteCopier::startTarget(const CopyTargetRecord &target, const QString &secret)
{
    m_target = target;
    m_secret = secret;
    m_reachedTargets.append(target);
    m_reachedSecrets.append(secret);
    m_tasks.clear();
    const std::optional<BackupRecord> fresh =
        m_newBackupId > 0 ? m_vault.catalog().backup(m_newBackupId) : std::nullopt;
    if (fresh)
        m_tasks.append({target, *fresh});
    int retries = 0;
    for (const BackupRecord &b : m_vault.catalog().backupsMissingCopy(target.id)) {
        if (b.pbxId != m_pbx.id || b.id == m_newBackupId || !QFileInfo::exists(b.path))
            continue;
        if (++retries > m_retryLimit)
            break;
        m_tasks.append({target, b});
    }
    nextTask();
}

void OffsiteCopier::nextTask()
{
    if (m_tasks.isEmpty() || m_cancel->load()) {
        nextTarget();
        return;
    }
    Task task = m_tasks.takeFirst();
    const QString remote = OffsiteTargets::remoteName(m_vault.store(), task.backup);
    const qint64 logId = m_log.begin(JobKind::Copy, m_trigger, m_pbx.id, m_pbx.name,
                                     tr("%1 to %2").arg(task.backup.filename, task.target.name));
    for (const BackupCopyRecord &c : m_vault.catalog().backupCopies(task.backup.id)) {
        if (c.targetId == task.target.id)
            task.attempts = c.attempts;
    }
    ++task.attempts;
    BackupCopyRecord pending;
    pending.backupId = task.backup.id;
    pending.targetId = task.target.id;
    pending.state = CopyState::Pending;
    pending.remoteName = remote;
    pending.attempts = task.attempts;
    m_vault.catalog().setBackupCopy(pending);
    if (remote.isEmpty()) {
        onCopied(task, logId,
                 CopyResult::failure(CopyErrorKind::Other,
                                     tr("%1 is not in the vault's backup folder.")
                                         .arg(QDir::toNativeSeparators(task.backup.path))));
        return;
    }
    if (m_job)
        m_job->setStage(tr("Copying to %1…").arg(task.target.name));

    QPointer<Job> job = m_job;
    const auto progress = [job](qint64 done, qint64 total) {
        // From the worker thread, posted to the application object (it outlives this copier
        // and its worker; the job lives on the main thread).
        QMetaObject::invokeMethod(qApp, [job, done, total] {
            if (job)
                job->setProgress(done, total);
        });
    };
    auto *watcher = new QFutureWatcher<CopyResult>(this);
    connect(watcher, &QFutureWatcher<CopyResult>::finished, this, [this, watcher, task, logId] {
        watcher->deleteLater();
        onCopied(task, logId, watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([target = task.target, secret = m_secret, path = task.backup.path, remote,
                           progress, cancel = m_cancel] {
            QString error;
            std::unique_ptr<CopyTarget> t = OffsiteTargets::make(target, secret, &error);
            if (!t)
                return CopyResult::failure(CopyErrorKind::Other, error);
            return t->put(path, remote, progress, cancel.get());
        }));
}

void OffsiteCopier::onCopied(const Task &task, qint64 logId, const CopyResult &result)
{
    BackupCopyRecord row;
    row.backupId = task.backup.id;
    row.targetId = task.target.id;
    row.remoteName = OffsiteTargets::remoteName(m_vault.store(), task.backup);
    row.attempts = task.attempts;
    if (result.ok()) {
        row.state = CopyState::Copied;
        row.size = result.size;
        row.sha256 = result.sha256;
        ++m_summary.copied;
        m_log.end(logId, JobOutcome::Success, result.size);
        qCInfo(lcOps).noquote() << QStringLiteral("copied %1 to %2 (%3)")
                                       .arg(task.backup.filename, task.target.name,
                                            errorKindName(result.kind));
    } else {
        row.state = CopyState::Failed;
        row.error = result.message;
        const bool cancelled = result.kind == CopyErrorKind::Cancelled;
        if (!cancelled) {
            ++m_summary.failed;
            if (m_summary.firstError.isEmpty())
                m_summary.firstError = result.message;
        }
        const JobError kind = cancelled                               ? JobError::Cancelled
                              : result.kind == CopyErrorKind::NoSpace ? JobError::Disk
                                                                      : JobError::Failed;
        m_log.end(logId, cancelled ? JobOutcome::Interrupted : JobOutcome::Failed, 0,
                  result.message, kind);
        qCWarning(lcOps).noquote() << QStringLiteral("copy of %1 to %2 failed (%3): %4")
                                          .arg(task.backup.filename, task.target.name,
                                               errorKindName(result.kind), result.message);
        // An unreachable target or a refused login fails every other file the same way.
        if (result.kind != CopyErrorKind::Mismatch && result.kind != CopyErrorKind::NotFound)
            m_tasks.clear();
    }
    m_vault.catalog().setBackupCopy(row);
    nextTask();
}

void OffsiteCopier::prune()
{
    if (m_reachedTargets.isEmpty() || m_cancel->load()) {
        finish();
        return;
    }
    // The file names of the PBX's catalogued backups: everything else of the PBX on a target
    // was deleted here (by retention or by hand) and goes there too.
    QSet<QString> kept;
    const QVector<BackupRecord> backups = m_vault.catalog().backups(m_pbx.id);
    for (const BackupRecord &b : backups)
        kept.insert(OffsiteTargets::remoteName(m_vault.store(), b));
    // A target holding a verified copy of a catalogued backup keeps it (it is in kept); one
    // that holds none keeps its newest file, so it is never left without a good copy.
    QSet<qint64> pbxBackups;
    for (const BackupRecord &b : backups)
        pbxBackups.insert(b.id);
    QVector<bool> holdsKeptCopy;
    for (const CopyTargetRecord &t : std::as_const(m_reachedTargets)) {
        bool holds = false;
        for (const BackupCopyRecord &c : m_vault.catalog().copiesOnTarget(t.id))
            holds = holds || (c.state == CopyState::Copied && pbxBackups.contains(c.backupId));
        holdsKeptCopy.append(holds);
    }
    const QString prefix = OffsiteTargets::remotePrefix(m_vault.store(), m_pbx);
    struct Removal
    {
        QString target;
        QString name;
        CopyResult result;
    };
    auto *watcher = new QFutureWatcher<QVector<Removal>>(this);
    connect(watcher, &QFutureWatcher<QVector<Removal>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        int removed = 0;
        for (const Removal &r : watcher->result()) {
            const qint64 logId = m_log.begin(JobKind::Copy, m_trigger, m_pbx.id, m_pbx.name,
                                             tr("retention: %1 on %2").arg(r.name, r.target));
            if (r.result.ok()) {
                ++removed;
                m_log.end(logId, JobOutcome::Success);
            } else {
                m_log.end(logId, JobOutcome::Failed, 0, r.result.message, JobError::Failed);
            }
        }
        m_summary.pruned = removed;
        finish();
    });
    watcher->setFuture(QtConcurrent::run([targets = m_reachedTargets, secrets = m_reachedSecrets,
                                          kept, holdsKeptCopy, prefix, cancel = m_cancel] {
        QVector<Removal> removals;
        for (int i = 0; i < targets.size() && !cancel->load(); ++i) {
            QString error;
            std::unique_ptr<CopyTarget> t = OffsiteTargets::make(targets[i], secrets[i], &error);
            QList<RemoteFile> files;
            if (!t || !t->list(&files).ok())
                continue; // unreachable now: the next run prunes
            QStringList ours;
            for (const RemoteFile &f : std::as_const(files)) {
                if (f.name.startsWith(prefix))
                    ours << f.name;
            }
            // Names carry the backup's date and time, and "-N" for same-second ones.
            std::sort(ours.begin(), ours.end(), [](const QString &a, const QString &b) {
                return OffsiteTargets::ageKey(a) < OffsiteTargets::ageKey(b);
            });
            if (!holdsKeptCopy[i] && !ours.isEmpty())
                ours.removeLast();
            for (const QString &name : std::as_const(ours)) {
                if (kept.contains(name))
                    continue;
                removals.append({targets[i].name, name, t->remove(name)});
            }
        }
        return removals;
    }));
}

void OffsiteCopier::finish()
{
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(m_summary);
}

} // namespace pbxvault
