#include "VerifyVerdict.h"

#include <climits>

namespace pbxvault {
namespace {

// The texts are in common/ErrorMessage.cpp (codes store.*), so they can be worded again in
// the language of whoever reads a stored verification failure.
ErrorMessage archiveSummary(const VerifyReport &r, const QString &archiveError)
{
    if (!r.archiveRecognised)
        return ErrorMessage("store.archive.foreign");
    if (!r.archiveIntact)
        return ErrorMessage("store.archive.damaged").arg(archiveError);
    if (r.members == 0)
        return ErrorMessage("store.archive.no_files");
    const int members = r.members > INT_MAX ? INT_MAX : int(r.members);
    return ErrorMessage("store.archive.intact").plural(members);
}

ErrorMessage verifyMessage(const VerifyReport &r, const QString &expected,
                           const QString &archiveError)
{
    if (r.size == 0)
        return ErrorMessage("store.verify.empty");
    ErrorMessage checksum("store.verify.matches");
    if (expected.isEmpty())
        checksum = ErrorMessage("store.verify.no_checksum").arg(r.sha256);
    else if (!r.checksumMatches)
        checksum = ErrorMessage("store.verify.mismatch").arg(expected).arg(r.sha256);
    return ErrorMessage("sentences").arg(checksum).arg(archiveSummary(r, archiveError));
}

// The four outcomes, never merged: intact needs the checksum AND a full read of a non-empty
// archive; an unreadable format is "checksum only"; anything else found wrong is corrupt.
VerifyState verifyState(const VerifyReport &r)
{
    // Without a recorded checksum nothing says the file is the one that was stored.
    if (r.size == 0 || !r.checksumMatches)
        return VerifyState::Corrupt;
    if (!r.archiveRecognised)
        return VerifyState::ChecksumOnly;
    if (!r.archiveIntact || r.members == 0)
        return VerifyState::Corrupt;
    return VerifyState::Intact;
}

} // namespace

void completeVerifyReport(VerifyReport *report, const QString &expectedSha256,
                          const QString &archiveError)
{
    const QString expected = expectedSha256.trimmed().toLower();
    report->state = verifyState(*report);
    report->coded = verifyMessage(*report, expected, archiveError);
    report->message = report->coded.text();
}

} // namespace pbxvault
