#pragma once

namespace pbxvault {

// True when argv names a sub-command (or --help/--version): run headless, no window.
bool isCliInvocation(int argc, char *argv[]);
// Runs a sub-command on a QCoreApplication; returns the process exit code.
int runCli(int argc, char *argv[]);

} // namespace pbxvault
