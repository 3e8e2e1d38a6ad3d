#include "Translations.h"

#include "UiLog.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pbxvault {

QLocale localeForLanguage(const QString &language)
{
    if (language == QLatin1String("it"))
        return QLocale(QLocale::Italian, QLocale::Italy);
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale::system();
}

void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = localeForLanguage(language);
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;

    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("pbxvault"), QStringLiteral("_"),
                  QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(own);
    } else {
        qCInfo(lcUi) << "No translation for" << locale.name();
        delete own;
        return;
    }

    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qt);
    } else {
        qCInfo(lcUi) << "Qt's own translation for" << locale.name() << "not found";
        delete qt;
    }
    app.setLayoutDirection(locale.textDirection());
}

} // namespace pbxvault
