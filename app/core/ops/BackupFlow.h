#pragma once

#include "common/Records.h"
#include "pbx/PbxClient.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace pbxvault {

class IncomingBackup;
class Job;
class Vault;

// Takes one backup of a PBX: password → firmware → master IP → create (streamed into the
// store) → catalog row. The caller holds the PBX lock and writes the job log.
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
    // backupId > 0 on success; otherwise error (and pbxError when the PBX caused it).
    void done(qint64 backupId, const QString &error, const pbxvault::PbxError &pbxError);

private:
    void fetchFirmware();
    void resolveAddress();
    void create();
    void record(PbxCall *call);
    void finishWith(qint64 backupId, const QString &error, const PbxError &pbxError = {});

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
