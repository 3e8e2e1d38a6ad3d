#pragma once

#include "BackupList.h"
#include "CatalogValues.h"
#include "StoreMounts.h"
#include "common/ErrorMessage.h"
#include "common/Records.h"

#include <QLoggingCategory>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcCatalog)

class CatalogDatabase;

// The local SQLite catalog: PBXs, backups, restores, job log and cross-process PBX locks.
// One instance per process and thread; every method is synchronous. Failing methods return
// false / empty and leave a message for lastError().
class Catalog
{
public:
    static constexpr int kSchemaVersion = 7;

    // Opens the catalog at location (see CatalogLocation): an SQLite file path (created if
    // missing) or a postgresql:// URI of an existing database. Migrates an older catalog (an
    // SQLite file is copied aside first), refuses one newer than kSchemaVersion. password is
    // for PostgreSQL only (from the keychain; empty: libpq's PGPASSFILE / ~/.pgpass) and is
    // kept nowhere else. nullptr and *error on failure.
    static std::unique_ptr<Catalog> open(const QString &location, QString *error,
                                         const QString &password = {});
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    // The file path, or the PostgreSQL URI (it never holds a password).
    QString path() const;
    bool isPostgres() const;
    QString lastError() const;
    // Random id created with the catalog; keychain entries are named after it.
    QString catalogId() const;
    int schemaVersion() const;
    // The connection behind the catalog, for whole-catalog tools of this library (CatalogCopy).
    CatalogDatabase &database() const;

    // The id (hex, not secret) of the key that encrypts this vault's backups; empty while the
    // vault is not encrypted. Read from the catalog each time: another process may set it.
    QString encryptionKeyId() const;
    // Records that the vault is encrypted with the key of that id. Refuses to replace another
    // id: the backups encrypted with it would no longer open.
    bool setEncryptionKeyId(const QString &keyIdHex);

    // The shared store (StoreMounts) new backups of every member go to; empty while each
    // machine keeps its backups in its own data directory. Read from the catalog each time.
    QString sharedStore() const;
    bool setSharedStore(const QString &name); // empty: back to each machine's own folder
    // Where this machine mounts each shared store: backup rows in a store read with a path
    // under its root here (empty when unmapped), and are recorded relative to it.
    void setStoreMounts(const StoreMounts &mounts);
    const StoreMounts &storeMounts() const;

    // PBXs. Names are unique (case-insensitive); addPbx sets id and createdAt.
    bool addPbx(PbxRecord *pbx);
    bool updatePbx(const PbxRecord &pbx);
    // Removes the PBX; fails while backups of it are still in the catalog.
    bool removePbx(qint64 id);
    std::optional<PbxRecord> pbx(qint64 id) const;
    std::optional<PbxRecord> pbxByName(const QString &name) const;
    QVector<PbxRecord> pbxs() const; // masters first, then by name

    // Backups. addBackup sets id. Queries fill pbxName; lists are newest first.
    bool addBackup(BackupRecord *backup);
    // Many rows in one transaction (import, benchmarks); sets every id.
    bool addBackups(QVector<BackupRecord> *backups);
    // Removes the row; restores that referenced it keep their filename, backupId becomes 0.
    // Backups compared with it lose their count of changes (-1: not known), in the same
    // transaction; their changesBaseId stays.
    bool removeBackup(qint64 id);
    // Stores how many members changed since baseId (changes -1: not known, e.g. the comparison
    // failed). The count is stored as not known when baseId is no longer in the catalog.
    bool setChanges(qint64 id, int changes, qint64 baseId);
    bool setVerification(qint64 id, VerifyState state, const QDateTime &at);
    std::optional<BackupRecord> backup(qint64 id) const;
    QVector<BackupRecord> backups(qint64 pbxId = 0) const; // 0 = all PBXs
    // The backup taken just before b of the same PBX and tenant (older createdAt, or the same
    // one and a smaller id); nullopt when b is the first, with lastError() empty.
    std::optional<BackupRecord> previousBackup(const BackupRecord &b) const;
    // The same backups with only what the Backups list shows, newest first, several times
    // faster to read. Empty with lastError() set on failure.
    BackupList backupList(qint64 pbxId = 0) const;
    qint64 backupCount() const;

    // Restore history, newest first.
    bool beginRestore(RestoreRecord *restore); // stored as running; sets id
    bool setRestoreSafetyBackup(qint64 restoreId, qint64 backupId);
    // Errors are stored as text and, when errorCode is not null, as code + arguments: readers
    // then get RestoreRecord::error / JobRecord::error worded in their own language.
    bool finishRestore(qint64 id, RestoreOutcome outcome, const QString &error,
                       const QDateTime &finishedAt, const ErrorMessage &errorCode = {});
    std::optional<RestoreRecord> restore(qint64 id) const;
    QVector<RestoreRecord> restores(bool failedOnly = false) const; // failedOnly: outcome failed
    // Restores still "running" from a previous process become "interrupted". Returns count.
    // Rows of another process on this host that is still running are left alone.
    int markRunningRestoresInterrupted(const QDateTime &at);

    // Job log (Activity), newest first.
    bool beginJob(JobRecord *job); // stored as running; sets id
    bool finishJob(qint64 id, JobOutcome outcome, qint64 bytes, const QString &error,
                   const QDateTime &finishedAt, JobError errorKind = JobError::None,
                   const ErrorMessage &errorCode = {});
    QVector<JobRecord> jobs(int limit = 1000) const;
    // outcome Success also finds Unchanged: that backup succeeded, its copy was equal to one held.
    std::optional<JobRecord> lastJob(qint64 pbxId, JobKind kind, JobOutcome outcome) const;
    int markRunningJobsInterrupted(const QDateTime &at);

    // Crash recovery. The PBXs with a backup or restore (whose safety backup is a backup) still
    // "running" in a process that is gone: the rows the two mark...Interrupted() calls are about
    // to mark. A process killed there may have left a finished file without its catalog row.
    QVector<qint64> pbxsWithJobsLeftRunning() const;
    // The local path of every catalogued backup reachable here (see setStoreMounts()).
    QStringList backupPaths() const;

    // Scheduler bookkeeping: the last schedule slot handled for a PBX (UTC; invalid if none).
    QDateTime lastScheduledRun(qint64 pbxId) const;
    bool setLastScheduledRun(qint64 pbxId, const QDateTime &slotUtc);

    // Exactly-once scheduled runs across every scheduler sharing the catalog, on any machine.
    // A scheduler claims a slot before starting its job: the claim also records the slot as
    // handled. It keeps the claim, renewing its lease, until the job's outcome is final
    // (retries included), then finishes it. A claim whose lease ran out, or whose holder is
    // gone (same host), is taken over by another scheduler, which runs the slot instead.
    enum class SlotClaim
    {
        Claimed,
        HandledElsewhere,
        Error
    };
    SlotClaim claimScheduledSlot(qint64 pbxId, const QDateTime &slotUtc, const QString &owner,
                                 const QDateTime &now, int leaseSeconds);
    // Extends the lease of every open claim of owner. Returns the PBXs whose claims owner
    // still holds; nullopt on a database error.
    std::optional<QVector<qint64>> renewSlotClaims(const QString &owner, const QDateTime &now,
                                                   int leaseSeconds);
    bool finishSlotClaim(qint64 pbxId, const QString &owner);
    struct TakenClaim
    {
        qint64 pbxId = 0;
        QDateTime slot;
        QString previousOwner;
    };
    // Takes every open claim whose lease ran out or whose holder died on this host: owner
    // holds them from now on; the dead holder's lock on those PBXs is released and its
    // running job there recorded as interrupted.
    QVector<TakenClaim> takeAbandonedSlotClaims(const QString &owner, const QDateTime &now,
                                                int leaseSeconds);

    // Off-site copy targets. Names are unique; addCopyTarget sets id and createdAt. Removing a
    // target forgets its copies' rows (not the copies themselves).
    bool addCopyTarget(CopyTargetRecord *target);
    bool updateCopyTarget(const CopyTargetRecord &target);
    bool removeCopyTarget(qint64 id);
    QVector<CopyTargetRecord> copyTargets() const; // by name
    std::optional<CopyTargetRecord> copyTarget(qint64 id) const;
    std::optional<CopyTargetRecord> copyTargetByName(const QString &name) const;

    // Where the copy of a backup on a target stands: one row per (backup, target), created or
    // replaced by setBackupCopy. Rows go with their backup or target.
    bool setBackupCopy(const BackupCopyRecord &copy);
    QVector<BackupCopyRecord> backupCopies(qint64 backupId) const;   // by target id
    QVector<BackupCopyRecord> copiesOnTarget(qint64 targetId) const; // by backup id
    // The backups with no copy in state copied on that target, oldest first (what a retry
    // pass still has to copy).
    QVector<BackupRecord> backupsMissingCopy(qint64 targetId) const;
    bool removeBackupCopy(qint64 backupId, qint64 targetId);

    // Cross-process exclusion: at most one job per PBX across every process sharing the file.
    // owner identifies the holder (see lockOwnerId()). A lock whose holder process is gone
    // (same host) or older than staleAfterSeconds is taken over. Not re-entrant: a second
    // tryLockPbx by the holder itself fails too.
    bool tryLockPbx(qint64 pbxId, const QString &owner, const QDateTime &now,
                    int staleAfterSeconds = 6 * 3600);
    void unlockPbx(qint64 pbxId, const QString &owner);
    static QString lockOwnerId(); // "<host>:<pid>:<random>" for this process

private:
    Catalog();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
