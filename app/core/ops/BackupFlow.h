#pragma once

#include "common/Clock.h"

#include "common/Records.h"
#include "crypto/VaultKey.h"
#include "ops/Job.h"
#include "pbx/PbxClient.h"
#include "store/BackupStore.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace pbxvault {

class IncomingBackup;
class Job;
class Vault;

// Takes one backup of a PBX: password → firmware → master IP → create (streamed into the
// store, its archive checked as it is written) → verification of the stored file → catalog
// row. Only a file that verifies intact (its
// checksum matches and the archive reads to its end) is catalogued; anything else is removed
// and the flow fails. The caller holds the PBX lock and writes the job log.
// In fetch mode (setRemoteName()) it downloads a backup the PBX already keeps instead of
// creating one: password → master IP → download → the same verification and catalog row.
class BackupFlow : public QObject
{
    Q_OBJECT
public:
    BackupFlow(Vault &vault, const PbxRecord &pbx, BackupOrigin origin, const QString &comment,
               Job *job, int stallTimeoutMs, const Clock &clock);
    ~BackupFlow() override;
    // Fetch mode: download the PBX's own backup of that name (untrusted, as the PBX listed
    // it) instead of creating a new one. Call before start().
    void setRemoteName(const QString &remoteName) { m_remoteName = remoteName; }
    bool isFetch() const { return !m_remoteName.isNull(); }
    void start();
    void cancel();

    // The catalog filename of a fetched backup: the PBX's name when it is already a safe file
    // name (the usual case), else the name the store gave the file.
    static QString fetchedFileName(const QString &remoteName, const QString &storedPath);
    // The comment of a fetched backup. It carries the PBX's name percent-encoded between
    // double quotes, so it can be read back exactly (remoteNameOf()) and shown safely.
    static QString fetchedComment(const QString &remoteName);
    // The name the PBX keeps backup under, for telling which of the PBX's own backups the
    // vault holds: a fetched backup's recorded name; otherwise its filename (a created backup
    // is created on the PBX under its filename). Null for a fetched backup without one.
    static QString remoteNameOf(const BackupRecord &backup);

    static QString defaultFileName(const QString &pbxName, const QDateTime &whenUtc,
                                   const QString &firmware);

Q_SIGNALS:
    // The download is complete and its verification starts.
    void verifying(const QString &fileName);
    // The stored file was verified (before it is catalogued or removed).
    void verified(const pbxvault::VerifyReport &report);
    // backupId > 0 on success; otherwise why not.
    void done(qint64 backupId, const pbxvault::JobFailure &failure);

private:
    bool beginIncoming(const QString &requestedName);
    void fetchFirmware();
    void resolveAddress();
    void transfer();
    void create();
    void download();
    void commit(PbxCall *call);
    // asWritten: the verdict of the check made as the file was written; without one the
    // stored file is read (BackupStore::verify).
    void verify(const QString &path, qint64 size, const QString &sha256,
                const std::optional<VerifyReport> &asWritten);
    void judge(const QString &path, qint64 size, const QString &sha256, const VerifyReport &report);
    void record(const QString &path, qint64 size, const QString &sha256);
    void finishWith(qint64 backupId, const JobFailure &failure = {});
    static ErrorMessage describeBytes(qint64 size);

    Vault &m_vault;
    PbxRecord m_pbx;
    BackupOrigin m_origin;
    QString m_comment;
    QPointer<Job> m_job;
    int m_stallTimeoutMs;
    const Clock &m_clock;
    PbxClient *m_client = nullptr;
    QPointer<PbxCall> m_call;
    QString m_firmware;
    QString m_masterIp;
    QString m_fileName;
    QString m_remoteName; // fetch mode when not null
    std::unique_ptr<IncomingBackup> m_incoming;
    VaultKey m_key; // null for a plain vault; set by start() for an encrypted one
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace pbxvault
