#pragma once

#include "common/Clock.h"

#include "common/Records.h"
#include "ops/Job.h"
#include "ops/Operations.h"
#include "pbx/PbxClient.h"
#include "store/BackupStore.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace pbxvault {

class BackupFlow;
class IncomingBackup;

// Restores a stored backup onto a PBX: checksum → target firmware check → safety backup of
// the target → upload-and-restore. An encrypted backup is checked with the vault key, then
// its plaintext is written to a temp file in the store (owner-only, locked, never catalogued,
// removed when the flow ends or, after a crash, at the next start) and that is uploaded: the
// PBX gets exactly the bytes it once sent. The restore is in the history before anything happens
// and is updated at the end whatever happens. The caller holds the target's lock.
class RestoreFlow : public QObject
{
    Q_OBJECT
public:
    RestoreFlow(Vault &vault, const BackupRecord &backup, const PbxRecord &target,
                const RestoreOptions &options, Job *job, int stallTimeoutMs, const Clock &clock);
    void start();
    void cancel();

Q_SIGNALS:
    // Succeeded when failure.isError() is false.
    void done(const pbxvault::JobFailure &failure);

private:
    void verifyChecksum();
    bool fetchRemoteCopy(const VerifyReport &localReport);
    void checkFirmware();
    void takeSafetyBackup();
    void upload();
    void finishWith(const JobFailure &failure = {});
    QString uploadPath() const;

    Vault &m_vault;
    BackupRecord m_backup;
    PbxRecord m_target;
    RestoreOptions m_options;
    QPointer<Job> m_job;
    int m_stallTimeoutMs;
    const Clock &m_clock;
    PbxClient *m_client = nullptr;
    QPointer<PbxCall> m_call;
    QPointer<BackupFlow> m_safety;
    std::shared_ptr<IncomingBackup> m_plainCopy; // an encrypted backup's plaintext, to upload
    qint64 m_restoreId = 0;
    bool m_cancelled = false;
    bool m_triedRemoteCopy = false;
    bool m_finished = false;
};

} // namespace pbxvault
