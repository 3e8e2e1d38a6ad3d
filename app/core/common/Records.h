#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace pbxvault {

enum class PbxRole
{
    Master,
    Secondary
};
enum class BackupOrigin
{
    Manual,
    Scheduled,
    Safety,
    Import,
    Recovered,
    Fetched
};
// What the last verification found. Never merged: "intact" means the checksum matched AND the
// archive was read to its end; "checksum only" means the checksum matched but the format is not
// one PBX Vault can read, so nothing is known about the content.
enum class VerifyState
{
    Unverified,
    Intact,
    ChecksumOnly,
    Corrupt,
    Missing
};
enum class RestoreOutcome
{
    Running,
    Success,
    Failed,
    Interrupted
};
enum class JobKind
{
    Backup,
    Restore,
    Verify,
    Delete,
    Import,
    Retention,
    Connection,
    Registry,
    Fetch, // a backup the PBX keeps of its own, downloaded into the vault
    Hook,  // an operator's command run before or after a backup or restore
    Copy   // a backup copied to (or removed from) an off-site copy target
};
enum class JobTrigger
{
    Manual,
    Scheduled,
    CatchUp,
    Safety
};
enum class JobOutcome
{
    Running,
    Success,
    Failed,
    Cancelled,
    Interrupted,
    // A scheduled backup, verified intact, equal to the previous backup: discarded because the
    // PBX keeps only backups that differ (PbxRecord::keepOnlyChanged). Not a failure.
    Unchanged
};
// Why a job failed, for scripts (CLI exit codes), retries and rendering in the reader's
// language. The message stays alongside for detail.
enum class JobError
{
    None,
    Failed,     // anything not covered below
    Usage,      // the request itself is wrong (bad value, bad option)
    NotFound,   // no such PBX or backup
    Disabled,   // the PBX is disabled
    Locked,     // another job (maybe another process) is running on the PBX
    Keychain,   // the password could not be read or written
    Pbx,        // the PBX refused or could not be reached (see the PbxError kind)
    Disk,       // local files: write error, disk full, missing folder
    Catalog,    // the catalog could not be read or written
    Corrupt,    // the backup is corrupt, missing or failed verification
    Unreadable, // the file is not an archive PBX Vault can read (import without --unverified)
    Cancelled,
    Interrupted // the process ended while the job ran
};

// Stable lowercase names used in the catalog, JSON output and logs.
QString toString(PbxRole v);
QString toString(BackupOrigin v);
QString toString(VerifyState v);
QString toString(RestoreOutcome v);
QString toString(JobKind v);
QString toString(JobTrigger v);
QString toString(JobOutcome v);
QString toString(JobError v);
// Parse a name produced by toString(); returns false (and leaves *out alone) on unknown text.
bool fromString(const QString &s, PbxRole *out);
bool fromString(const QString &s, BackupOrigin *out);
bool fromString(const QString &s, VerifyState *out);
bool fromString(const QString &s, RestoreOutcome *out);
bool fromString(const QString &s, JobKind *out);
bool fromString(const QString &s, JobTrigger *out);
bool fromString(const QString &s, JobOutcome *out);
bool fromString(const QString &s, JobError *out);

struct PbxRecord
{
    qint64 id = 0;
    QString name;
    QUrl url; // base URL, https://host[:port] (http only when added so explicitly)
    QString tenant = QStringLiteral("default");
    QString username;
    PbxRole role = PbxRole::Secondary;
    QString schedule;    // empty = none; otherwise a 5-field cron expression
    int keepLast = 0;    // retention: keep the last N backups, 0 = unlimited
    int keepDays = 0;    // retention: keep backups younger than N days, 0 = unlimited
    QString fingerprint; // pinned SHA-256 of the PBX certificate, lowercase hex, no colons
    bool enabled = true;
    // Scheduled backups equal to the previous one are verified, then discarded (the job log
    // records them as JobOutcome::Unchanged). Manual backups are always kept.
    bool keepOnlyChanged = false;
    QDateTime createdAt; // UTC
};

struct BackupRecord
{
    qint64 id = 0;
    qint64 pbxId = 0;
    QString pbxName; // filled by queries (join), not stored in the backups table
    QString filename;
    qint64 size = 0;
    QString sha256;      // lowercase hex
    QDateTime createdAt; // UTC
    QString masterIp;
    QString tenant = QStringLiteral("default");
    QString path; // absolute path of the file on this machine; empty when it is not reachable
    // The shared store (catalog/StoreMounts) the file is in; empty for a file kept on the
    // machine that took it. With a store, path is empty when the store is not mapped here.
    QString store;
    QString firmware;
    QString comment;
    BackupOrigin origin = BackupOrigin::Manual;
    VerifyState verified = VerifyState::Unverified;
    QDateTime verifiedAt; // UTC, invalid when never verified
    // Members changed since changesBaseId (ArchiveDiff), -1 when not known: the first backup,
    // an imported one, a failed comparison, or its base was deleted since.
    int changes = -1;
    // The backup it was compared with; 0 when never compared. Kept after that backup is
    // deleted (changes is then -1), since ids are never reused.
    qint64 changesBaseId = 0;
};

struct RestoreRecord
{
    qint64 id = 0;
    qint64 backupId = 0; // 0 once the backup has been deleted
    QString filename;    // kept even when the backup is deleted
    qint64 targetPbxId = 0;
    QString targetPbxName;
    QString targetUrl;
    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC, invalid while running
    RestoreOutcome outcome = RestoreOutcome::Running;
    QString error;
    qint64 safetyBackupId = 0; // the safety backup taken of the target first, 0 if none
};

struct JobRecord
{
    qint64 id = 0;
    JobKind kind = JobKind::Backup;
    JobTrigger trigger = JobTrigger::Manual;
    qint64 pbxId = 0; // 0 when not tied to a PBX
    QString pbxName;
    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC, invalid while running
    JobOutcome outcome = JobOutcome::Running;
    qint64 bytes = 0;
    QString error;
    JobError errorKind = JobError::None;
    QString detail; // free text, e.g. the backup file name
};

} // namespace pbxvault
