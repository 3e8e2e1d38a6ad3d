#include "Records.h"

#include <array>
#include <utility>

namespace pbxvault {
namespace {

template <typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E v)
{
    for (const auto &entry : table) {
        if (entry.first == v)
            return QString::fromLatin1(entry.second);
    }
    return {};
}

template <typename E, std::size_t N>
bool valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &s, E *out)
{
    for (const auto &entry : table) {
        if (s == QLatin1String(entry.second)) {
            *out = entry.first;
            return true;
        }
    }
    return false;
}

const std::array<std::pair<PbxRole, const char *>, 2> kRoles{
    {{PbxRole::Master, "master"}, {PbxRole::Secondary, "secondary"}}};
const std::array<std::pair<BackupOrigin, const char *>, 6> kOrigins{
    {{BackupOrigin::Manual, "manual"},
     {BackupOrigin::Scheduled, "scheduled"},
     {BackupOrigin::Safety, "safety"},
     {BackupOrigin::Import, "import"},
     {BackupOrigin::Recovered, "recovered"},
     {BackupOrigin::Fetched, "fetched"}}};
const std::array<std::pair<VerifyState, const char *>, 5> kVerify{
    {{VerifyState::Unverified, "unverified"},
     {VerifyState::Intact, "intact"},
     {VerifyState::ChecksumOnly, "checksum-only"},
     {VerifyState::Corrupt, "corrupt"},
     {VerifyState::Missing, "missing"}}};
const std::array<std::pair<RestoreOutcome, const char *>, 4> kRestore{
    {{RestoreOutcome::Running, "running"},
     {RestoreOutcome::Success, "success"},
     {RestoreOutcome::Failed, "failed"},
     {RestoreOutcome::Interrupted, "interrupted"}}};
const std::array<std::pair<JobKind, const char *>, 11> kKinds{{{JobKind::Backup, "backup"},
                                                               {JobKind::Restore, "restore"},
                                                               {JobKind::Verify, "verify"},
                                                               {JobKind::Delete, "delete"},
                                                               {JobKind::Import, "import"},
                                                               {JobKind::Retention, "retention"},
                                                               {JobKind::Connection, "connection"},
                                                               {JobKind::Registry, "registry"},
                                                               {JobKind::Fetch, "fetch"},
                                                               {JobKind::Hook, "hook"},
                                                               {JobKind::Copy, "copy"}}};
const std::array<std::pair<JobTrigger, const char *>, 4> kTriggers{
    {{JobTrigger::Manual, "manual"},
     {JobTrigger::Scheduled, "scheduled"},
     {JobTrigger::CatchUp, "catch-up"},
     {JobTrigger::Safety, "safety"}}};
const std::array<std::pair<JobOutcome, const char *>, 6> kJobOutcomes{
    {{JobOutcome::Running, "running"},
     {JobOutcome::Success, "success"},
     {JobOutcome::Failed, "failed"},
     {JobOutcome::Cancelled, "cancelled"},
     {JobOutcome::Interrupted, "interrupted"},
     {JobOutcome::Unchanged, "unchanged"}}};
const std::array<std::pair<JobError, const char *>, 14> kJobErrors{
    {{JobError::None, ""},
     {JobError::Failed, "failed"},
     {JobError::Usage, "usage"},
     {JobError::NotFound, "not-found"},
     {JobError::Disabled, "disabled"},
     {JobError::Locked, "locked"},
     {JobError::Keychain, "keychain"},
     {JobError::Pbx, "pbx"},
     {JobError::Disk, "disk"},
     {JobError::Catalog, "catalog"},
     {JobError::Corrupt, "corrupt"},
     {JobError::Unreadable, "unreadable"},
     {JobError::Cancelled, "cancelled"},
     {JobError::Interrupted, "interrupted"}}};

} // namespace

QString toString(PbxRole v)
{
    return nameOf(kRoles, v);
}
QString toString(BackupOrigin v)
{
    return nameOf(kOrigins, v);
}
QString toString(VerifyState v)
{
    return nameOf(kVerify, v);
}
QString toString(RestoreOutcome v)
{
    return nameOf(kRestore, v);
}
QString toString(JobKind v)
{
    return nameOf(kKinds, v);
}
QString toString(JobTrigger v)
{
    return nameOf(kTriggers, v);
}
QString toString(JobOutcome v)
{
    return nameOf(kJobOutcomes, v);
}
QString toString(JobError v)
{
    return nameOf(kJobErrors, v);
}
bool fromString(const QString &s, PbxRole *out)
{
    return valueOf(kRoles, s, out);
}
bool fromString(const QString &s, BackupOrigin *out)
{
    return valueOf(kOrigins, s, out);
}
bool fromString(const QString &s, VerifyState *out)
{
    return valueOf(kVerify, s, out);
}
bool fromString(const QString &s, RestoreOutcome *out)
{
    return valueOf(kRestore, s, out);
}
bool fromString(const QString &s, JobKind *out)
{
    return valueOf(kKinds, s, out);
}
bool fromString(const QString &s, JobTrigger *out)
{
    return valueOf(kTriggers, s, out);
}
bool fromString(const QString &s, JobOutcome *out)
{
    return valueOf(kJobOutcomes, s, out);
}
bool fromString(const QString &s, JobError *out)
{
    return valueOf(kJobErrors, s, out);
}

} // namespace pbxvault
