#include "AppTranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcI18n, "pbxvault.i18n")

namespace {

// The languages messages may be shown in, most preferred first. For "system" that is the
// environment's list (LANGUAGE, then LC_ALL / LC_MESSAGES / LANG), which may differ from the
// locale dates and numbers follow.
QStringList messageLanguages(const QString &setting, const QLocale &locale)
{
    if (setting == QLatin1String("system"))
        return QLocale::system().uiLanguages();
    return {locale.name()};
}

bool isEnglish(const QString &language)
{
    const QLocale l(language);
    return l.language() == QLocale::English || l.language() == QLocale::C ||
           language.startsWith(QLatin1String("en"));
}

} // namespace

QLocale localeForLanguage(const QString &language)
{
    if (language == QLatin1String("it"))
        return QLocale(QLocale::Italian, QLocale::Italy);
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale::system();
}

QString installAppTranslations(QCoreApplication &app, const QString &language)
{
    const QLocale locale = localeForLanguage(language);
    QLocale::setDefault(locale);
    for (const QString &candidate : messageLanguages(language, locale)) {
        if (isEnglish(candidate))
            break; // the source language: wanted before any translation further down the list
        const QLocale wanted(candidate);
        auto *own = new QTranslator(&app);
        if (!own->load(wanted, QStringLiteral("pbxvault"), QStringLiteral("_"),
                       QStringLiteral(":/i18n"))) {
            delete own;
            continue;
        }
        QCoreApplication::installTranslator(own);
        auto *qt = new QTranslator(&app);
        if (qt->load(wanted, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
        } else {
            qCInfo(lcI18n) << "Qt's own translation for" << wanted.name() << "not found";
            delete qt;
        }
        return wanted.name().section(QLatin1Char('_'), 0, 0);
    }
    qCInfo(lcI18n) << "Messages in English for" << locale.name();
    return QStringLiteral("en");
}

} // namespace pbxvault
