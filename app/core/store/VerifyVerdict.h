#pragma once

// The verdict of a verification from what was found, worded the same whoever found it: the
// full read of a stored file (BackupStore::verify) or the check of a backup as it was written
// (StreamingArchiveCheck).

#include "BackupStore.h"

namespace pbxvault {

// From the report's size, checksumMatches, archiveRecognised, archiveIntact and members, sets
// its state, coded and message. archiveError says why a recognised archive is not intact.
void completeVerifyReport(VerifyReport *report, const QString &expectedSha256,
                          const QString &archiveError);

} // namespace pbxvault
