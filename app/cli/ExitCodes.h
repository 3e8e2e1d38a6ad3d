#pragma once

#include "common/Records.h"

#include <QString>

namespace pbxvault {

// The documented exit status of every command (pbxvault --help, man page EXIT STATUS).
// Scripts rely on these numbers: never renumber, only add.
int exitCodeFor(JobError error);
// The "Exit status:" section of --help, one line per code.
QString exitStatusHelp();
// Every documented code, ascending (for tests and the help text).
QList<int> documentedExitCodes();

} // namespace pbxvault
