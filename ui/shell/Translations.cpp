#include "Translations.h"

#include <QApplication>

namespace pbxvault {

void installTranslations(QApplication &app, const QString &language)
{
    const QString messages = installAppTranslations(app, language);
    QApplication::setLayoutDirection(QLocale(messages).textDirection());
}

} // namespace pbxvault
