#pragma once

#include "AppTranslations.h"

#include <QString>

class QApplication;

namespace pbxvault {

// installAppTranslations() (shared with the command line) plus what only the window needs:
// the layout direction of the language. Call before creating any window; changing the
// language later takes effect at the next start.
void installTranslations(QApplication &app, const QString &language);

} // namespace pbxvault
