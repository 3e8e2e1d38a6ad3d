#include "AppSettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pbxvault {
namespace {
const auto kJobs = QStringLiteral("jobs/concurrent");
const auto kNotifySuccess = QStringLiteral("notifications/success");
const auto kLanguage = QStringLiteral("ui/language");
const auto kStartAtLogin = QStringLiteral("tray/startAtLogin");
const auto kTrayNotice = QStringLiteral("tray/noticeShown");
const auto kPaused = QStringLiteral("scheduler/paused");
const auto kGeometry = QStringLiteral("window/geometry");
const auto kState = QStringLiteral("window/state");
const auto kLastView = QStringLiteral("window/lastView");
const auto kHookTimeout = QStringLiteral("hooks/timeoutSeconds");
const auto kCatalogLocation = QStringLiteral("catalog/location");
const auto kStoreMounts = QStringLiteral("stores");

QString hookKey(const QString &scope, const QString &event)
{
    return QStringLiteral("hooks/") + (scope.isEmpty() ? QStringLiteral("all") : scope) +
           QLatin1Char('/') + event;
}

// Settings are not secret, but they sit next to the catalog in the data dir and say which
// PBXs are looked after: owner only, like everything there. QSettings rewrites the file
// through QSaveFile, which keeps the mode of the file it replaces.
void makePrivate(const QString &path)
{
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    if (QFileInfo(path).dir().exists() &&
        file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
        return;
    }
    if (QFileInfo::exists(path))
        QFile::setPermissions(path, ownerOnly);
#else
    Q_UNUSED(path)
#endif
}
} // namespace

AppSettings::AppSettings(const QString &dataDirOverride)
{
    if (dataDirOverride.isEmpty()) {
        m_settings =
            std::make_unique<QSettings>(QStringLiteral("PBX Vault"), QStringLiteral("pbxvault"));
    } else {
        m_settings = std::make_unique<QSettings>(
            QDir(dataDirOverride).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }
    makePrivate(m_settings->fileName());
}

QString AppSettings::hookScope(const QString &catalogId, qint64 pbxId)
{
    return QStringLiteral("pbx-%1-%2").arg(catalogId).arg(pbxId);
}
QString AppSettings::hookCommand(const QString &scope, const QString &event) const
{
    return m_settings->value(hookKey(scope, event)).toString();
}
void AppSettings::setHookCommand(const QString &scope, const QString &event, const QString &command)
{
    if (command.trimmed().isEmpty())
        m_settings->remove(hookKey(scope, event));
    else
        m_settings->setValue(hookKey(scope, event), command);
}
int AppSettings::hookTimeoutSeconds() const
{
    return qBound(1, m_settings->value(kHookTimeout, 300).toInt(), 86400);
}
void AppSettings::setHookTimeoutSeconds(int seconds)
{
    m_settings->setValue(kHookTimeout, qBound(1, seconds, 86400));
}

int AppSettings::concurrentJobs() const
{
    return qBound(1, m_settings->value(kJobs, 2).toInt(), 8);
}
void AppSettings::setConcurrentJobs(int n)
{
    m_settings->setValue(kJobs, qBound(1, n, 8));
}
bool AppSettings::notifySuccess() const
{
    return m_settings->value(kNotifySuccess, false).toBool();
}
void AppSettings::setNotifySuccess(bool on)
{
    m_settings->setValue(kNotifySuccess, on);
}

QString AppSettings::language() const
{
    const QString code = m_settings->value(kLanguage, QStringLiteral("system")).toString();
    if (code == QLatin1String("en") || code == QLatin1String("it"))
        return code;
    return QStringLiteral("system");
}
void AppSettings::setLanguage(const QString &code)
{
    m_settings->setValue(kLanguage, code);
}
bool AppSettings::startAtLogin() const
{
    return m_settings->value(kStartAtLogin, false).toBool();
}
void AppSettings::setStartAtLogin(bool on)
{
    m_settings->setValue(kStartAtLogin, on);
}
bool AppSettings::trayNoticeShown() const
{
    return m_settings->value(kTrayNotice, false).toBool();
}
void AppSettings::setTrayNoticeShown(bool shown)
{
    m_settings->setValue(kTrayNotice, shown);
}
bool AppSettings::schedulingPaused() const
{
    return m_settings->value(kPaused, false).toBool();
}
void AppSettings::setSchedulingPaused(bool paused)
{
    m_settings->setValue(kPaused, paused);
}
QHash<QString, QString> AppSettings::storeMounts() const
{
    QHash<QString, QString> mounts;
    m_settings->beginGroup(kStoreMounts);
    for (const QString &name : m_settings->childKeys()) {
        const QString folder = m_settings->value(name).toString();
        if (!folder.isEmpty())
            mounts.insert(name, folder);
    }
    m_settings->endGroup();
    return mounts;
}

void AppSettings::setStoreMount(const QString &name, const QString &folder)
{
    const QString key = kStoreMounts + QLatin1Char('/') + name;
    if (folder.isEmpty())
        m_settings->remove(key);
    else
        m_settings->setValue(key, folder);
    m_settings->sync();
}

QString AppSettings::catalogLocation() const
{
    return m_settings->value(kCatalogLocation).toString().trimmed();
}
void AppSettings::setCatalogLocation(const QString &location)
{
    if (location.trimmed().isEmpty())
        m_settings->remove(kCatalogLocation);
    else
        m_settings->setValue(kCatalogLocation, location.trimmed());
}
QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray &g)
{
    m_settings->setValue(kGeometry, g);
}
QByteArray AppSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray &s)
{
    m_settings->setValue(kState, s);
}
QString AppSettings::lastView() const
{
    return m_settings->value(kLastView).toString();
}
void AppSettings::setLastView(const QString &view)
{
    m_settings->setValue(kLastView, view);
}
void AppSettings::sync()
{
    m_settings->sync();
    makePrivate(m_settings->fileName());
}

} // namespace pbxvault
