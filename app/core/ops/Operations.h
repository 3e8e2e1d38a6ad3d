#pragma once

#include "common/Records.h"
#include "ops/Job.h"
#include "ops/Vault.h"

#include <QLoggingCategory>
#include <QObject>

#include <functional>
#include <optional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcOps)

struct RestoreOptions
{
    bool safetyBackup = true; // back up the target first; if that fails the restore won't start
    bool force = false;       // allow restoring a backup made on newer firmware than the target
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
class Operations : public QObject
{
    Q_OBJECT
public:
    explicit Operations(Vault &vault, QObject *parent = nullptr);

    Vault &vault() { return m_vault; }
    void setClock(std::function<QDateTime()> nowUtc); // for tests; default system UTC clock
    QDateTime now() const;
    void setStallTimeout(int ms); // passed to every PbxClient

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

    Job *backupPbx(qint64 pbxId, JobTrigger trigger, const QString &comment = {});
    Job *planRestore(qint64 backupId, qint64 targetPbxId, RestorePlan *plan);
    Job *restoreBackup(qint64 backupId, qint64 targetPbxId, const RestoreOptions &options);
    Job *verifyBackup(qint64 backupId);
    Job *deleteBackup(qint64 backupId, bool alsoOnPbx);
    Job *importBackup(const QString &filePath, qint64 pbxId);
    // Names of the backups stored on the PBX itself. They are untrusted text: the job keeps
    // them only as display strings, with control characters made visible.
    Job *listRemoteBackups(qint64 pbxId);
    // Printable form of an untrusted name: control characters as \xNN, at most 200 chars.
    static QString displayName(const QString &untrusted);

Q_SIGNALS:
    // Emitted whenever a job changes catalog contents, so views can refresh.
    void pbxsChanged();
    void backupsChanged();
    void restoresChanged();
    void jobLogChanged();
    void jobStarted(pbxvault::Job *job);

private:
    QString checkSingleMaster(const PbxRecord &pbx);
    void runConnectionTest(Job *job, PbxClient *client);
    bool beginLoggedJob(Job *job, JobTrigger trigger, const PbxRecord &pbx, const QString &detail);
    void endLoggedJob(Job *job);
    bool lockPbx(Job *job, const PbxRecord &pbx);
    void unlockPbx(qint64 pbxId);

    Vault &m_vault;
    std::function<QDateTime()> m_now;
    int m_stallTimeoutMs = 30000;
};

} // namespace pbxvault
