#include "Icons.h"

#include <QApplication>
#include <QHash>
#include <QStyle>

// Outside any namespace, as Q_INIT_RESOURCE requires.
static void initIconResources()
{
    Q_INIT_RESOURCE(pbxvault);
}

namespace pbxvault {

QIcon Icons::named(const char *name)
{
    static const bool initialised = (initIconResources(), true);
    Q_UNUSED(initialised);
    static QHash<QString, QIcon> cache;
    const QString key = QString::fromLatin1(name);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, QIcon(QStringLiteral(":/icons/%1.svg").arg(key)));
    return *it;
}

QIcon Icons::app()
{
    return named("pbxvault");
}
QIcon Icons::trayIdle()
{
    return named("tray-idle");
}
QIcon Icons::trayRunning()
{
    return named("tray-running");
}
QIcon Icons::trayFailed()
{
    return named("tray-failed");
}
QIcon Icons::backups()
{
    return named("nav-backups");
}
QIcon Icons::restores()
{
    return named("nav-restores");
}
QIcon Icons::pbxs()
{
    return named("nav-pbxs");
}
QIcon Icons::activity()
{
    return named("nav-activity");
}
QIcon Icons::settings()
{
    return named("nav-settings");
}
QIcon Icons::add()
{
    return named("add");
}
QIcon Icons::importFile()
{
    return named("import");
}
QIcon Icons::folder()
{
    return named("folder");
}
QIcon Icons::verify()
{
    return named("verify");
}
QIcon Icons::back()
{
    return named("back");
}
QIcon Icons::cancel()
{
    return named("cancel");
}
QIcon Icons::success()
{
    return named("status-success");
}
QIcon Icons::failure()
{
    return named("status-failed");
}
QIcon Icons::running()
{
    return named("status-running");
}
QIcon Icons::interrupted()
{
    return named("status-interrupted");
}
QIcon Icons::warning()
{
    return named("status-warning");
}

QIcon Icons::information()
{
    return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
}

QIcon Icons::forOutcome(RestoreOutcome outcome)
{
    switch (outcome) {
    case RestoreOutcome::Running:
        return running();
    case RestoreOutcome::Success:
        return success();
    case RestoreOutcome::Failed:
        return failure();
    case RestoreOutcome::Interrupted:
        return interrupted();
    }
    return {};
}

QIcon Icons::forOutcome(JobOutcome outcome)
{
    switch (outcome) {
    case JobOutcome::Running:
        return running();
    case JobOutcome::Success:
        return success();
    case JobOutcome::Failed:
        return failure();
    case JobOutcome::Cancelled:
    case JobOutcome::Interrupted:
        return interrupted();
    case JobOutcome::Unchanged:
        return information();
    }
    return {};
}

} // namespace pbxvault
