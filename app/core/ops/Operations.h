#pragma once

#include "common/Clock.h"
#include "common/Records.h"
#include "ops/Job.h"
#include "ops/JobHooks.h"
#include "ops/Vault.h"

#include <QLoggingCategory>
#include <QObject>

#include <QPointer>
#include <QQueue>

#include <functional>
#include <optional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcOps)

struct RestoreOptions
{
    bool safetyBackup = true; // back up the target first; if that fails the restore won't start
    bool force = false;       // allow restoring a backup made on newer firmware than the target
};

struct ImportOptions
{
    // Accept a file whose format PBX Vault cannot read (only its checksum can be checked). Such
    // a backup is marked "checksum only" everywhere. Without it, such a file is refused.
    bool acceptChecksumOnly = false;
};

// What a restore would do, for the confirmation dialog (planRestore()).
struct RestorePlan
{
    bool fromOtherPbx = false;  // backup was taken on a different PBX than the target
    bool newerFirmware = false; // backup firmware newer than the target's
    QString backupFirmware;
    QString targetFirmware; // empty when the target could not be asked
    QString targetError;    // why the target could not be asked
};

// The use cases shared by the window, the tray scheduler, the daemon and the CLI. Nothing
// else talks to the catalog and the network together.
class JobLog;

class Operations : public QObject
{
    Q_OBJECT
public:
    explicit Operations(Vault &vault, QObject *parent = nullptr);
    ~Operations() override;

    Vault &vault() { return m_vault; }
    // The clock for job times, locks and every PbxClient; not owned. Default: the system clock.
    void setClock(const Clock &clock);
    const Clock &clock() const { return *m_clock; }
    QDateTime now() const;
    void setStallTimeout(int ms); // passed to every PbxClient
    // The operator's hook commands around backups and restores (JobHooks.h); none by default.
    // The window, the command line and the daemon plan them from this machine's settings.
    void setHookPlanner(const HookPlanner &planner) { m_hookPlanner = planner; }
    const HookPlanner &hookPlanner() const { return m_hookPlanner; }

    // PBX registry. The password goes to the keychain; the catalog never sees it.
    // On success job->pbxId() is the new PBX's id.
    Job *addPbx(const PbxRecord &pbx, const QString &password);
    Job *updatePbx(const PbxRecord &pbx, const std::optional<QString> &newPassword);
    Job *removePbx(qint64 pbxId, bool deleteBackups);
    // Contacts the PBX: firmware on success; TlsUntrusted/TlsChanged errors carry the
    // presented fingerprint so the caller can offer to trust it (trustFingerprint()).
    Job *testConnection(qint64 pbxId);
    // Same, for a PBX not saved yet (New PBX dialog).
    Job *testConnection(const PbxRecord &pbx, const QString &password);
    bool trustFingerprint(qint64 pbxId, const QString &fingerprint, QString *error);

    // The one backup pipeline every entry point uses (window, tray, CLI, daemon, run-due):
    // wait for a free slot (concurrencyLimit()) → take the PBX lock → download (streamed,
    // hashed) → verify (full archive read; a file that is not a readable backup is removed and
    // the job fails with nothing catalogued) → catalogue → retention with the PBX's rules →
    // release the lock; every step is in the job log. On success job->backupId() is the new
    // backup and job->verifyState() says what the verification found.
    Job *backupPbx(qint64 pbxId, JobTrigger trigger, const QString &comment = {});
    // How many backups run at the same time in this process (Settings "concurrent jobs").
    // Further backups wait in order. Default 2, at least 1.
    void setConcurrencyLimit(int jobs);
    int concurrencyLimit() const { return m_concurrencyLimit; }
    int backupsRunning() const { return m_backupsRunning; }
    int backupsWaiting() const { return int(m_waiting.size()); }
    Job *planRestore(qint64 backupId, qint64 targetPbxId, RestorePlan *plan);
    Job *restoreBackup(qint64 backupId, qint64 targetPbxId, const RestoreOptions &options);
    Job *verifyBackup(qint64 backupId);
    Job *deleteBackup(qint64 backupId, bool alsoOnPbx);
    // Refused (JobError::Unreadable) when the file is not an archive PBX Vault can read,
    // unless options.acceptChecksumOnly; refused (Corrupt) when it is a damaged archive.
    Job *importBackup(const QString &filePath, qint64 pbxId, const ImportOptions &options = {});
    // Names of the backups stored on the PBX itself. They are untrusted text: the job keeps
    // them only as display strings, with control characters made visible.
    Job *listRemoteBackups(qint64 pbxId);
    // The same list with, for each name, the vault's copy if it holds one (job->remoteBackups()).
    // The vault holds a name when a backup of this PBX and tenant was created on the PBX under
    // it, or was fetched from it (BackupFlow::remoteNameOf()).
    Job *remoteBackupsWithStatus(qint64 pbxId);
    // Downloads one backup the PBX keeps of its own into the vault, through the backup
    // pipeline (slot, PBX lock, streamed download, verification, catalog row with origin
    // Fetched, job log kind Fetch); no retention afterwards. On success job->backupId().
    Job *fetchRemoteBackup(qint64 pbxId, const QString &remoteName);
    // Lists the PBX's backups and fetches, one after the other, each the vault does not hold.
    // Progress is (fetched so far, to fetch); job->remoteBackups() are the names it tried, with
    // the new backup ids. Fails (with the kind of the first failure) when any fetch failed;
    // the others are still fetched, and each failure is a warning.
    Job *fetchAllMissing(qint64 pbxId);
    // Printable form of an untrusted name: control characters as \xNN, at most 200 chars.
    static QString displayName(const QString &untrusted);
    // The Activity log's writer, for work run outside a Job of this class (copy targets).
    JobLog &jobLog() { return *m_log; }

Q_SIGNALS:
    // Emitted whenever a job changes catalog contents, so views can refresh.
    void pbxsChanged();
    void backupsChanged();
    void restoresChanged();
    void jobLogChanged();
    void jobStarted(pbxvault::Job *job);

private:
    struct WaitingBackup
    {
        QPointer<Job> job;
        qint64 pbxId = 0;
        JobTrigger trigger = JobTrigger::Manual;
        QString comment;
        QString remoteName; // a fetch of the PBX's own backup when not null
    };

    QString checkSingleMaster(const PbxRecord &pbx);
    void runConnectionTest(Job *job, PbxClient *client);
    bool beginLoggedJob(Job *job, JobTrigger trigger, const PbxRecord &pbx, const QString &detail);
    void endLoggedJob(Job *job);
    bool lockPbx(Job *job, const PbxRecord &pbx);
    void startRestoreFlow(Job *job, const BackupRecord &backup, const PbxRecord &target,
                          const RestoreOptions &options, HookContext context);
    void unlockPbx(qint64 pbxId);
    void startWaitingBackups();
    void enqueueBackup(const WaitingBackup &waiting);
    // Lists the PBX's backups (raw names) for job; fails job when that fails.
    void listRawRemoteNames(Job *job, const PbxRecord &pbx,
                            std::function<void(const QStringList &)> done);
    QVector<RemoteBackup> remoteStatus(const PbxRecord &pbx, const QStringList &names);
    void runBackup(const WaitingBackup &waiting);

    Vault &m_vault;
    const Clock *m_clock = &Clock::system();
    JobLog *m_log;
    int m_stallTimeoutMs = 30000;
    HookPlanner m_hookPlanner;
    int m_concurrencyLimit = 2;
    int m_backupsRunning = 0;
    QQueue<WaitingBackup> m_waiting;
};

} // namespace pbxvault
