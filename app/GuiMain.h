#pragma once

namespace pbxvault {

// The desktop app: single instance per data directory, the main window, the tray icon and
// the scheduler (DesktopApp) on a QApplication; returns the exit code.
//   pbxvault [--data-dir DIR] [--tray]
int runGui(int argc, char *argv[]);

} // namespace pbxvault
