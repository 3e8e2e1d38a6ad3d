#pragma once

namespace pbxvault {

// Opens the main window (and later the tray) on a QApplication; returns the exit code.
int runGui(int argc, char *argv[]);

} // namespace pbxvault
