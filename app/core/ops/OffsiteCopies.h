#pragma once

#include "catalog/CatalogValues.h"
#include "common/Records.h"
#include "offsite/CopyTarget.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace pbxvault {

class BackupStore;
class Catalog;
class Job;
class JobLog;
class SecretStore;
class Vault;

// How copy targets are reached: their secrets' keychain keys, their CopyTarget objects, and
// the names backups get on them.
class OffsiteTargets
{
    Q_DECLARE_TR_FUNCTIONS(OffsiteTargets)

public:
    // The keychain key of a target's password or private key.
    static QString secretKey(const QString &catalogId, qint64 targetId);
    // "sftp://user@host:port/dir" → parts; false with *error when it is not such a URL.
    static bool parseSftpLocation(const QString &location, QString *host, quint16 *port,
                                  QString *user, QString *dir, QString *error);
    // A new CopyTarget for the record (one per thread); secret is the password or the
    // private key text, as its auth says. Null with *error for a malformed location.
    static std::unique_ptr<CopyTarget> make(const CopyTargetRecord &target, const QString &secret,
                                            QString *error);
    // The backup's name on every target: its path under the store root with '/' → "--", so
    // backups of PBXs with the same name in other tenants never meet. Empty when the file is
    // not in the store.
    static QString remoteName(const BackupStore &store, const BackupRecord &backup);
    // Sorts remote names oldest first: by the date, time and same-second number in the name
    // (names without them sort first, by name).
    static QString ageKey(const QString &remoteName);
    // What every remote name of the PBX's backups starts with.
    static QString remotePrefix(const BackupStore &store, const PbxRecord &pbx);
    // The verified copy of a backup on an enabled target that a restore can fetch, if any.
    struct UsableCopy
    {
        CopyTargetRecord target;
        BackupCopyRecord copy;
    };
    static std::optional<UsableCopy> usableCopy(Catalog &catalog, qint64 backupId);
    // Reads the target's secret (none for a folder, or auth None), then calls done(secret,
    // error) from the event loop. error empty on success.
    static void readSecret(SecretStore &secrets, const QString &catalogId,
                           const CopyTargetRecord &target, QObject *context,
                           std::function<void(const QString &secret, const QString &error)> done);
};

// After a backup: copies backups of one PBX to every enabled copy target, one file at a time
// on a worker thread (put() writes a temporary name, reads it back, checks size and SHA-256,
// then renames), records each copy's state in the catalog (backup_copies) and an Activity row
// (JobKind::Copy) per copy. Then it applies retention to the targets: a file of the PBX on a
// target whose backup is no longer in the catalog is removed, except the newest one when the
// target holds no copy of a catalogued backup (never the newest good copy). A failure never
// touches the local backup.
class OffsiteCopier : public QObject
{
    Q_OBJECT
public:
    struct Summary
    {
        int copied = 0;
        int failed = 0;
        int pruned = 0;
        QString firstError; // of the first failed copy, for the notification
    };
    using Done = std::function<void(const Summary &)>;

    // At most this many older backups missing on a target are retried per run, so a long
    // outage does not hold one PBX's job for hours.
    static constexpr int kMaxRetriesPerRun = 20;

    OffsiteCopier(Vault &vault, JobLog &log, JobTrigger trigger, QObject *parent = nullptr);
    ~OffsiteCopier() override;
    // How many older missing backups are retried per target (kMaxRetriesPerRun by default;
    // `target sync` lifts it). Only the targets in onlyTarget when it is non-zero.
    void setRetryLimit(int limit) { m_retryLimit = limit; }
    void setOnlyTarget(qint64 targetId) { m_onlyTarget = targetId; }

    // newBackupId: the backup just taken (0: none, only retries and retention). job (may be
    // null) gets stage and progress, and its cancel stops the copies.
    void run(const PbxRecord &pbx, qint64 newBackupId, Job *job, Done done);

private:
    struct Task
    {
        CopyTargetRecord target;
        BackupRecord backup;
        int attempts = 0; // including this one
    };
    void nextTarget();
    void startTarget(const CopyTargetRecord &target, const QString &secret);
    void nextTask();
    void onCopied(const Task &task, qint64 logId, const CopyResult &result);
    void prune();
    void onPruned(int removed);
    void finish();

    Vault &m_vault;
    JobLog &m_log;
    JobTrigger m_trigger;
    PbxRecord m_pbx;
    qint64 m_newBackupId = 0;
    int m_retryLimit = kMaxRetriesPerRun;
    qint64 m_onlyTarget = 0;
    QPointer<Job> m_job;
    Done m_done;
    QVector<CopyTargetRecord> m_targets;
    CopyTargetRecord m_target;
    QString m_secret;
    QVector<Task> m_tasks;
    QVector<CopyTargetRecord> m_reachedTargets; // with secrets, for the retention pass
    QVector<QString> m_reachedSecrets;
    Summary m_summary;
    std::shared_ptr<CancelFlag> m_cancel = std::make_shared<CancelFlag>(false);
};

} // namespace pbxvault
