#pragma once

#include "common/Records.h"
#include "pbx/PbxClient.h"

#include <QObject>
#include <QString>
#include <QVector>

namespace pbxvault {

// Why a step failed: a kind for scripts and retries, a sentence for people, and the PBX's
// error when a PBX caused it.
struct JobFailure
{
    JobError kind = JobError::None;
    QString message; // in the language of this process, for live display
    PbxError pbxError;
    ErrorMessage coded; // message as code + arguments (null when only the text exists)

    bool isError() const { return kind != JobError::None; }
    static JobFailure of(JobError kind, const QString &message) { return {kind, message, {}, {}}; }
    static JobFailure of(JobError kind, const ErrorMessage &coded)
    {
        return {kind, coded.text(), {}, coded};
    }
    // Pbx, or Cancelled / Disk for a cancelled call or a local write failure.
    static JobFailure fromPbx(const PbxError &error);
};

// One backup the PBX keeps of its own, and whether the vault already holds it.
struct RemoteBackup
{
    QString name;        // exactly as the PBX listed it: untrusted, only ever sent back to it
    QString displayName; // Operations::displayName(name), safe to show
    qint64 backupId = 0; // the vault's copy, 0 when the vault does not hold it
    bool inVault() const { return backupId > 0; }
};

// One running use case (backup, restore, verify, ...). Emits finished() exactly once, always
// asynchronously; the caller deletes it (deleteLater) after reading the outcome.
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(JobKind kind, QObject *parent = nullptr);

    JobKind kind() const { return m_kind; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && m_errorMessage.isEmpty() && !m_cancelled; }
    bool wasCancelled() const { return m_cancelled; }
    QString errorMessage() const { return m_errorMessage; }
    // Why it failed (None on success). Cancelled jobs report Cancelled.
    JobError error() const { return m_error; }
    // errorMessage() as code + arguments, null when the failure has only a text.
    const ErrorMessage &errorCode() const { return m_errorCode; }
    // The PBX-side error when the failure came from a PBX (kind None otherwise).
    const PbxError &pbxError() const { return m_pbxError; }
    QString stage() const { return m_stage; }

    // Results, when they apply.
    qint64 backupId() const { return m_backupId; }   // backup, import, safety backup of restore
    qint64 restoreId() const { return m_restoreId; } // restore
    qint64 logId() const { return m_logId; }         // row in the job log
    qint64 pbxId() const { return m_pbxId; }         // addPbx: the new PBX's id
    QString firmware() const { return m_firmware; }  // test connection
    QStringList warnings() const { return m_warnings; }
    QStringList remoteNames() const { return m_remoteNames; } // listRemoteBackups
    // remoteBackupsWithStatus: every name the PBX listed; fetchAllMissing: the names it tried
    // to fetch (backupId 0 for those that failed).
    QVector<RemoteBackup> remoteBackups() const { return m_remoteBackups; }
    qint64 bytes() const { return m_bytes; }
    // backup, import, verify: what the verification of the file found.
    VerifyState verifyState() const { return m_verifyState; }
    // backup: how many older backups retention deleted afterwards.
    int retentionDeleted() const { return m_retentionDeleted; }
    // backup: members changed since the previous backup, -1 when not known (not compared).
    int changes() const { return m_changes; }
    // backup: the backup this one was equal to when it was discarded because its PBX keeps
    // only backups that differ (backupId() is then 0); 0 when kept. The job still succeeded.
    qint64 unchangedSince() const { return m_unchangedSince; }

    // backup: copies made to off-site targets, and failed (the backup itself is good).
    int copiesMade() const { return m_copiesMade; }
    int copiesFailed() const { return m_copiesFailed; }
    QString copyError() const { return m_copyError; } // the first failure's message

    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total); // total -1 when unknown
    void stageChanged(const QString &stage);  // operator-readable, translated
    void cancelRequested();
    void finished();

public:
    // Used by the operations that drive the job.
    void setStage(const QString &stage);
    void setProgress(qint64 done, qint64 total);
    void fail(JobError kind, const QString &message, const PbxError &pbxError = {});
    // A failure caused by a PBX call: kind Pbx (or Cancelled, Disk for local write errors).
    void fail(const PbxError &pbxError);
    void fail(JobError kind, const ErrorMessage &coded);
    void fail(const JobFailure &failure);
    void succeed();
    void setBackupId(qint64 id) { m_backupId = id; }
    void setRestoreId(qint64 id) { m_restoreId = id; }
    void setLogId(qint64 id) { m_logId = id; }
    void setPbxId(qint64 id) { m_pbxId = id; }
    void setFirmware(const QString &fw) { m_firmware = fw; }
    void addWarning(const QString &w) { m_warnings.append(w); }
    void setBytes(qint64 b) { m_bytes = b; }
    void setVerifyState(VerifyState state) { m_verifyState = state; }
    void setRetentionDeleted(int count) { m_retentionDeleted = count; }
    void setChanges(int changes) { m_changes = changes; }
    void setUnchangedSince(qint64 backupId) { m_unchangedSince = backupId; }
    void setCopies(int made, int failed, const QString &firstError)
    {
        m_copiesMade = made;
        m_copiesFailed = failed;
        m_copyError = firstError;
    }
    void setRemoteNames(const QStringList &names) { m_remoteNames = names; }
    void setRemoteBackups(const QVector<RemoteBackup> &list) { m_remoteBackups = list; }
    bool cancelRequestedFlag() const { return m_cancelRequested; }

private:
    void finish();
    JobKind m_kind;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_cancelRequested = false;
    QString m_errorMessage;
    ErrorMessage m_errorCode;
    JobError m_error = JobError::None;
    PbxError m_pbxError;
    QString m_stage;
    qint64 m_backupId = 0;
    qint64 m_restoreId = 0;
    qint64 m_logId = 0;
    qint64 m_pbxId = 0;
    QString m_firmware;
    QStringList m_warnings;
    QStringList m_remoteNames;
    QVector<RemoteBackup> m_remoteBackups;
    qint64 m_bytes = 0;
    VerifyState m_verifyState = VerifyState::Unverified;
    int m_retentionDeleted = 0;
    int m_changes = -1;
    qint64 m_unchangedSince = 0;
    int m_copiesMade = 0;
    int m_copiesFailed = 0;
    QString m_copyError;
};

} // namespace pbxvault
