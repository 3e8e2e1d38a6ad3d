#pragma once

#include "common/Records.h"
#include "ops/Job.h"
#include "pbx/PbxClient.h"
#include "store/BackupStore.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace pbxvault {

class IncomingBackup;
class Job;
class Vault;

// Takes one backup of a PBX: password → firmware → master IP → create (streamed into the
// store) → verification of the stored file → catalog row. Only a file that verifies intact (its
// checksum matches and the archive reads to its end) is catalogued; anything else is removed
// and the flow fails. The caller holds the PBX lock and writes the job log.
class BackupFlow : public QObject
{
    Q_OBJECT
public:
    BackupFlow(Vault &vault, const PbxRecord &pbx, BackupOrigin origin, const QString &comment,
               Job *job, int stallTimeoutMs, std::function<QDateTime()> now);
    ~BackupFlow() override;
    void start();
    void cancel();

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
    void fetchFirmware();
    void resolveAddress();
    void create();
    void commit(PbxCall *call);
    void verify(const QString &path, qint64 size, const QString &sha256);
    void record(const QString &path, qint64 size, const QString &sha256);
    void finishWith(qint64 backupId, const JobFailure &failure = {});
    static QString describeBytes(qint64 size);

    Vault &m_vault;
    PbxRecord m_pbx;
    BackupOrigin m_origin;
    QString m_comment;
    QPointer<Job> m_job;
    int m_stallTimeoutMs;
    std::function<QDateTime()> m_now;
    PbxClient *m_client = nullptr;
    QPointer<PbxCall> m_call;
    QString m_firmware;
    QString m_masterIp;
    QString m_fileName;
    std::unique_ptr<IncomingBackup> m_incoming;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace pbxvault
