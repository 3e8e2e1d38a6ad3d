#include "common/Labels.h"

#include <QLocale>

namespace pbxvault {

QString Labels::role(PbxRole role)
{
    switch (role) {
    case PbxRole::Master:
        return tr("Master");
    case PbxRole::Secondary:
        return tr("Secondary");
    }
    return toString(role);
}

QString Labels::origin(BackupOrigin origin)
{
    switch (origin) {
    case BackupOrigin::Manual:
        return tr("Manual");
    case BackupOrigin::Scheduled:
        return tr("Scheduled");
    case BackupOrigin::Safety:
        return tr("Safety backup before a restore");
    case BackupOrigin::Import:
        return tr("Imported from a file");
    case BackupOrigin::Recovered:
        return tr("Recovered after an interrupted backup");
    case BackupOrigin::Fetched:
        return tr("Fetched from the PBX");
    }
    return toString(origin);
}

QString Labels::verifyState(VerifyState state)
{
    switch (state) {
    case VerifyState::Unverified:
        return tr("Not verified");
    case VerifyState::Intact:
        return tr("Intact");
    case VerifyState::ChecksumOnly:
        return tr("Checksum only");
    case VerifyState::Corrupt:
        return tr("Corrupt");
    case VerifyState::Missing:
        return tr("File missing");
    }
    return toString(state);
}

QString Labels::restoreOutcome(RestoreOutcome outcome)
{
    switch (outcome) {
    case RestoreOutcome::Running:
        return tr("Running");
    case RestoreOutcome::Success:
        return tr("Succeeded");
    case RestoreOutcome::Failed:
        return tr("Failed");
    case RestoreOutcome::Interrupted:
        return tr("Interrupted");
    }
    return toString(outcome);
}

QString Labels::jobKind(JobKind kind)
{
    switch (kind) {
    case JobKind::Backup:
        return tr("Backup");
    case JobKind::Restore:
        return tr("Restore");
    case JobKind::Verify:
        return tr("Verification");
    case JobKind::Delete:
        return tr("Deletion");
    case JobKind::Import:
        return tr("Import");
    case JobKind::Retention:
        return tr("Retention clean-up");
    case JobKind::Fetch:
        return tr("Fetch from the PBX");
    case JobKind::Hook:
        return tr("Hook");
    case JobKind::Copy:
        return tr("Off-site copy");
    case JobKind::Connection:
        return tr("Connection test");
    case JobKind::Registry:
        return tr("PBX registry");
    default:
        break;
    }
    // Kinds added to the core later still show up, untranslated.
    return toString(kind);
}

QString Labels::jobTrigger(JobTrigger trigger)
{
    switch (trigger) {
    case JobTrigger::Manual:
        return tr("Manual");
    case JobTrigger::Scheduled:
        return tr("Scheduled");
    case JobTrigger::CatchUp:
        return tr("Catch-up");
    case JobTrigger::Safety:
        return tr("Safety");
    }
    return toString(trigger);
}

QString Labels::jobOutcome(JobOutcome outcome)
{
    switch (outcome) {
    case JobOutcome::Running:
        return tr("Running");
    case JobOutcome::Success:
        return tr("Succeeded");
    case JobOutcome::Failed:
        return tr("Failed");
    case JobOutcome::Cancelled:
        return tr("Cancelled");
    case JobOutcome::Interrupted:
        return tr("Interrupted");
    case JobOutcome::Unchanged:
        return tr("Unchanged");
    }
    return toString(outcome);
}

QString Labels::changes(int count)
{
    if (count < 0)
        return noValue();
    if (count == 0)
        return tr("No changes");
    return tr("%n changed", nullptr, count);
}

QString Labels::size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString Labels::sizeProgress(qint64 done, qint64 total)
{
    if (total < 0)
        return size(done);
    return tr("%1 of %2").arg(size(done), size(total));
}

QString Labels::speed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return QString();
    return tr("%1/s").arg(size(qRound64(bytesPerSecond)));
}

QString Labels::dateTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return noValue();
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

QString Labels::duration(qint64 seconds)
{
    if (seconds < 0)
        return noValue();
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString Labels::noValue()
{
    return QStringLiteral("—");
}

} // namespace pbxvault
