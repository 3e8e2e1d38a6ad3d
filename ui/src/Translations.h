#pragma once

#include <QLocale>
#include <QString>

class QApplication;

namespace pbxvault {

// Installs the application's translation and Qt's own (dialog buttons, shortcuts) for
// language "system" (the locale's), "en" or "it". Call before creating any window; changing
// the language later takes effect at the next start.
void installTranslations(QApplication &app, const QString &language);

// The locale the language setting stands for.
QLocale localeForLanguage(const QString &language);

} // namespace pbxvault
