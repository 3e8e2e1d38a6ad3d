#pragma once

#include <QLocale>
#include <QLoggingCategory>
#include <QString>

class QCoreApplication;

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcI18n)

// The locale a language setting ("system", "en" or "it") stands for; "system" is the
// environment's (LC_ALL, LC_MESSAGES, LANG).
QLocale localeForLanguage(const QString &language);

// For the window and the command line alike: makes the setting's locale QLocale's default (so
// Labels formats dates and sizes for it) and installs PBX Vault's translation and Qt's own
// (qtbase: dialog buttons, --help headings) as children of app. Returns the language the
// messages are in ("it", or "en" when no translation applies). Changing the language later
// takes effect at the next start.
QString installAppTranslations(QCoreApplication &app, const QString &language);

} // namespace pbxvault
