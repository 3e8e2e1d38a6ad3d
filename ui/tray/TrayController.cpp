#include "TrayController.h"

#include "Icons.h"
#include "PendingRetries.h"
#include "RunningJobs.h"
#include "UiLog.h"
#include "common/AppSettings.h"
#include "common/Labels.h"
#include "ops/Operations.h"
#include "ops/SchedulerService.h"

#include <QAction>
#include <QMenu>
#include <QTimer>

namespace pbxvault {

namespace {
constexpr int kClockRefreshMs = 60 * 1000; // the "next run" text follows the clock
constexpr int kInfoMessageMs = 10 * 1000;

QString menuText(QString text)
{
    return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}
} // namespace

TrayController::TrayController(SchedulerService &scheduler, Operations &ops, AppSettings &settings,
                               QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_ops(ops), m_settings(settings),
      m_menu(std::make_unique<QMenu>()), m_icon(new QSystemTrayIcon(Icons::trayIdle(), this)),
      m_clockTimer(new QTimer(this))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_open = m_menu->addAction(Icons::app(), tr("Open PBX Vault"));
    m_open->setObjectName(QStringLiteral("openAction"));
    QFont bold = m_open->font();
    bold.setBold(true);
    m_open->setFont(bold);
    m_menu->addSeparator();
    m_backUpAll = m_menu->addAction(tr("Back up all now"));
    m_backUpAll->setObjectName(QStringLiteral("backUpAllAction"));
    m_backUpOne = m_menu->addMenu(tr("Back up one PBX"));
    m_backUpOne->setObjectName(QStringLiteral("backUpOneMenu"));
    m_backUpOne->menuAction()->setObjectName(QStringLiteral("backUpOneAction"));
    m_menu->addSeparator();
    m_pause = m_menu->addAction(QString());
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_nextRun = m_menu->addAction(QString());
    m_nextRun->setObjectName(QStringLiteral("nextRunAction"));
    m_nextRun->setEnabled(false);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit"));
    m_quit->setObjectName(QStringLiteral("quitAction"));

    m_icon->setObjectName(QStringLiteral("trayIcon"));
    m_icon->setContextMenu(m_menu.get());

    connect(m_open, &QAction::triggered, this, &TrayController::openRequested);
    connect(m_backUpAll, &QAction::triggered, this, &TrayController::backUpAll);
    connect(m_pause, &QAction::triggered, this, &TrayController::togglePause);
    connect(m_quit, &QAction::triggered, this, &TrayController::quitRequested);
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayController::refresh);
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT openRequested();
            });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayController::openRequested);

    connect(&m_scheduler, &SchedulerService::activityChanged, this, &TrayController::refresh);
    connect(&m_scheduler, &SchedulerService::jobStarted, this, &TrayController::refresh);
    connect(&m_scheduler, &SchedulerService::jobFinished, this, &TrayController::refresh);
    connect(&m_ops, &Operations::pbxsChanged, this, [this] {
        rebuildPbxMenu();
        refresh();
    });
    connect(m_clockTimer, &QTimer::timeout, this, &TrayController::refresh);
    m_clockTimer->start(kClockRefreshMs);

    rebuildPbxMenu();
    refresh();
}

TrayController::~TrayController()
{
    m_icon->setContextMenu(nullptr);
    m_icon->hide();
}

void TrayController::setRunningJobs(RunningJobs *jobs)
{
    if (m_runningJobs)
        disconnect(m_runningJobs, nullptr, this, nullptr);
    m_runningJobs = jobs;
    if (jobs)
        connect(jobs, &RunningJobs::changed, this, &TrayController::refresh);
    refresh();
}

void TrayController::setPendingRetries(PendingRetries *retries)
{
    if (m_retries)
        disconnect(m_retries, nullptr, this, nullptr);
    m_retries = retries;
    // Only the tooltip counts down: the icon and the menu change when a retry comes or goes.
    if (retries)
        connect(retries, &PendingRetries::changed, this, [this] { m_icon->setToolTip(toolTip()); });
    refresh();
}

bool TrayController::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCDebug(lcUi) << "No system tray available";
        return false;
    }
    refresh();
    m_icon->show();
    qCInfo(lcUi) << "Tray icon shown";
    return true;
}

bool TrayController::isVisible() const
{
    return m_icon->isVisible();
}

QString TrayController::formatWhen(const QDateTime &when, const QDateTime &now)
{
    // The app's date format (Labels::dateTime), with today and tomorrow spelled out.
    const QDateTime local = when.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = local.toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return tr("today %1").arg(time);
    if (local.date() == today.addDays(1))
        return tr("tomorrow %1").arg(time);
    return Labels::dateTime(when);
}

QString TrayController::nextRunText() const
{
    if (m_scheduler.isPaused())
        return tr("Scheduling paused");
    if (m_scheduler.isStandingBy())
        return tr("Schedules run by %1").arg(m_scheduler.schedulingOwner());
    const QDateTime next = m_scheduler.nextScheduledRun();
    if (!next.isValid())
        return tr("No backups scheduled");
    return tr("Next scheduled run: %1").arg(formatWhen(next, QDateTime::currentDateTimeUtc()));
}

QString TrayController::toolTip() const
{
    QString state;
    const int running =
        qMax(m_scheduler.runningCount(), m_runningJobs ? m_runningJobs->count() : 0);
    switch (m_state) {
    case State::Running:
        state = tr("Jobs running: %1").arg(running);
        break;
    case State::Failed:
        state = tr("The last backup failed");
        break;
    case State::Idle:
        state = tr("Idle");
        break;
    }
    QString text = tr("PBX Vault") + QLatin1Char('\n') + state;
    const QString retry = m_retries ? m_retries->summary() : QString();
    if (!retry.isEmpty())
        text += QLatin1Char('\n') + retry;
    return text + QLatin1Char('\n') + nextRunText();
}

void TrayController::refresh()
{
    State state = State::Idle;
    if (m_scheduler.runningCount() > 0 || (m_runningJobs && m_runningJobs->count() > 0))
        state = State::Running;
    else if (m_scheduler.lastJobFailed())
        state = State::Failed;
    const bool changed = state != m_state;
    m_state = state;
    if (changed) {
        switch (state) {
        case State::Idle:
            m_icon->setIcon(Icons::trayIdle());
            break;
        case State::Running:
            m_icon->setIcon(Icons::trayRunning());
            break;
        case State::Failed:
            m_icon->setIcon(Icons::trayFailed());
            break;
        }
    }
    m_pause->setText(m_scheduler.isPaused() ? tr("Resume scheduling") : tr("Pause scheduling"));
    m_nextRun->setText(nextRunText());
    m_icon->setToolTip(toolTip());
    if (changed) {
        qCDebug(lcUi) << "Tray state" << state;
        Q_EMIT stateChanged(state);
    }
}

void TrayController::rebuildPbxMenu()
{
    m_backUpOne->clear();
    const auto pbxs = m_ops.vault().catalog().pbxs();
    for (const PbxRecord &pbx : pbxs) {
        QAction *action = m_backUpOne->addAction(menuText(pbx.name));
        action->setObjectName(QStringLiteral("backUpPbx_%1").arg(pbx.id));
        action->setData(pbx.id);
        action->setEnabled(pbx.enabled);
        const qint64 id = pbx.id;
        const QString name = pbx.name;
        connect(action, &QAction::triggered, this, [this, id, name] { backUpOne(id, name); });
    }
    if (pbxs.isEmpty()) {
        QAction *none = m_backUpOne->addAction(tr("No PBXs registered"));
        none->setEnabled(false);
    }
    m_backUpAll->setEnabled(!pbxs.isEmpty());
}

void TrayController::backUpAll()
{
    const int started = m_scheduler.backUpAllNow();
    qCInfo(lcUi) << "Tray: back up all now," << started << "PBX(s) queued";
    if (started == 0)
        showMessage(tr("Nothing to back up"),
                    tr("Every PBX is already being backed up, or none is enabled."),
                    QSystemTrayIcon::Information, kInfoMessageMs);
    refresh();
}

void TrayController::backUpOne(qint64 pbxId, const QString &name)
{
    qCInfo(lcUi) << "Tray: back up PBX" << pbxId;
    if (!m_scheduler.backUpNow(pbxId))
        showMessage(tr("Cannot back up %1").arg(name),
                    tr("A backup of this PBX is already running, or the PBX is disabled."),
                    QSystemTrayIcon::Warning, kInfoMessageMs);
    refresh();
}

void TrayController::togglePause()
{
    const bool pause = !m_scheduler.isPaused();
    if (pause)
        m_scheduler.pause();
    else
        m_scheduler.resume();
    m_settings.setSchedulingPaused(pause);
    m_settings.sync();
    qCInfo(lcUi) << (pause ? "Scheduling paused from the tray" : "Scheduling resumed");
    refresh();
}

void TrayController::showMessage(const QString &title, const QString &text,
                                 QSystemTrayIcon::MessageIcon icon, int msecs)
{
    if (m_icon->isVisible())
        m_icon->showMessage(title, text, icon, msecs);
}

} // namespace pbxvault
