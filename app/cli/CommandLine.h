#pragma once

namespace pbxvault {

// Entry point shared by main(): a sub-command runs headless, no arguments opens the window.
int runPbxVault(int argc, char *argv[]);

} // namespace pbxvault
