#include "DesktopApp.h"

#include "Autostart.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "PendingRetries.h"
#include "RunningJobs.h"
#include "SettingsView.h"
#include "TrayController.h"
#include "UiLog.h"
#include "common/AppSettings.h"
#include "ops/Job.h"
#include "ops/Operations.h"
#include "ops/SchedulerService.h"

#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTimer>

namespace pbxvault {

namespace {
constexpr int kTrayNoticeMs = 15 * 1000;
constexpr int kCancelWaitMs = 20 * 1000; // cancelled jobs that do not end by then are left
constexpr int kTrayPollMs = 250;         // --tray at login: the panel may start after us
constexpr int kTrayWaitMs = 10 * 1000;
} // namespace

DesktopApp::DesktopApp(Operations &ops, AppSettings &settings, const Options &options,
                       QObject *parent)
    : QObject(parent), m_ops(ops), m_settings(settings), m_options(options),
      m_scheduler(std::make_unique<SchedulerService>(ops)),
      m_window(std::make_unique<MainWindow>(ops, settings)),
      m_autostart(std::make_unique<Autostart>(options.dataDirArgument, options.program)),
      m_tray(new TrayController(*m_scheduler, ops, settings, this)),
      m_notifier(new Notifier(*m_scheduler, settings, m_tray, this)),
      m_retries(new PendingRetries(this))
{
    m_retries->follow(m_scheduler->scheduler(), ops.vault().catalog());
    m_tray->setRunningJobs(m_window->runningJobs());
    m_tray->setPendingRetries(m_retries);
    m_window->setPendingRetries(m_retries);
    m_window->installEventFilter(this);

    connect(m_tray, &TrayController::openRequested, this, &DesktopApp::showWindow);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopApp::requestQuit);
    // The scheduler reloads the PBXs itself when Operations::pbxsChanged fires.

    SettingsView *settingsView = m_window->settingsView();
    connect(settingsView, &SettingsView::concurrentJobsChanged, m_scheduler.get(),
            &SchedulerService::setConcurrencyLimit);
    connect(settingsView, &SettingsView::startAtLoginToggled, this, &DesktopApp::setStartAtLogin);
}

DesktopApp::~DesktopApp()
{
    m_scheduler->stop();
    // The tray and the notifier follow the scheduler: they go first.
    delete m_notifier;
    delete m_tray;
    m_window.reset();
    m_scheduler.reset();
}

bool DesktopApp::hasTray() const
{
    return m_tray->isVisible();
}

void DesktopApp::start()
{
    m_scheduler->setConcurrencyLimit(m_settings.concurrentJobs());
    if (m_settings.schedulingPaused())
        m_scheduler->pause();
    m_scheduler->start();
    if (m_scheduler->isPaused())
        qCInfo(lcUi) << "Scheduler started, paused";
    else
        qCInfo(lcUi) << "Scheduler started";
    syncStartAtLogin();

    if (m_options.noTray) {
        showWindow();
        return;
    }
    if (m_tray->show()) {
        if (!m_options.startInTray)
            showWindow();
        return;
    }
    if (!m_options.startInTray) {
        showWindow();
        tellNoTray();
        return;
    }
    // Started at login with --tray: give the desktop's panel a moment to come up.
    auto *poll = new QTimer(this);
    poll->setInterval(kTrayPollMs);
    const QDeadlineTimer deadline(kTrayWaitMs);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
        const bool shown = m_tray->show();
        if (!shown && !deadline.hasExpired())
            return;
        poll->stop();
        poll->deleteLater();
        if (!shown) {
            qCInfo(lcUi) << "No system tray appeared: showing the window";
            showWindow();
            tellNoTray();
        }
    });
    poll->start();
}

void DesktopApp::showWindow()
{
    if (m_exited)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void DesktopApp::tellNoTray()
{
    if (m_settings.trayNoticeShown())
        return;
    m_settings.setTrayNoticeShown(true);
    m_settings.sync();
    qCInfo(lcUi) << "No system tray: closing the window quits";
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("PBX Vault"),
        tr("This desktop has no system tray, so PBX Vault quits when you close its window."),
        QMessageBox::Ok, m_window.get());
    box->setObjectName(QStringLiteral("noTrayNotice"));
    box->setInformativeText(
        tr("Scheduled backups run only while PBX Vault is running. To have them run without "
           "the window, start \"pbxvault daemon\" (for example as a system service)."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool DesktopApp::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window.get() || event->type() != QEvent::Close || m_exited)
        return QObject::eventFilter(watched, event);
    event->ignore();
    m_window->saveWindowLayout();
    if (hasTray() && !m_quitting) {
        m_window->hide();
        qCInfo(lcUi) << "Window closed: still running in the tray";
        if (!m_settings.trayNoticeShown()) {
            m_settings.setTrayNoticeShown(true);
            m_settings.sync();
            m_tray->showMessage(tr("PBX Vault is still running"),
                                tr("Scheduled backups go on in the background. To exit, "
                                   "choose Quit in the tray icon's menu."),
                                QSystemTrayIcon::Information, kTrayNoticeMs);
        }
        return true;
    }
    requestQuit();
    return true;
}

int DesktopApp::runningJobs() const
{
    return qMax(m_window->runningJobs()->count(), m_scheduler->runningCount());
}

void DesktopApp::requestQuit()
{
    if (m_quitting || m_exited)
        return;
    const int running = runningJobs();
    if (running == 0) {
        m_quitting = true;
        finishQuit();
        return;
    }
    QWidget *parent = m_window->isVisible() ? m_window.get() : nullptr;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit PBX Vault"),
                                tr("%n job(s) still running.", nullptr, running),
                                QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("quitConfirmBox"));
    box->setInformativeText(tr("Quitting cancels them. A cancelled backup leaves no partial "
                               "file; a cancelled restore may leave the PBX half restored."));
    QPushButton *quit = box->addButton(tr("Cancel Jobs and Quit"), QMessageBox::DestructiveRole);
    quit->setObjectName(QStringLiteral("cancelAndQuitButton"));
    QPushButton *keep = box->addButton(tr("Keep Running"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepRunningButton"));
    box->setDefaultButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, quit] {
        if (box->clickedButton() == quit)
            cancelJobsAndQuit();
        else
            qCInfo(lcUi) << "Quit abandoned: jobs keep running";
    });
    box->open();
}

void DesktopApp::cancelJobsAndQuit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    qCInfo(lcUi) << "Quitting: cancelling" << runningJobs() << "job(s)";
    m_scheduler->stop();
    m_scheduler->cancelAll();
    const auto entries = m_window->runningJobs()->entries();
    for (const RunningJobs::Entry &entry : entries) {
        if (entry.job)
            entry.job->cancel();
    }
    auto check = [this] {
        if (runningJobs() == 0)
            finishQuit();
    };
    connect(m_window->runningJobs(), &RunningJobs::changed, this, check);
    connect(m_scheduler.get(), &SchedulerService::drained, this, check);
    QTimer::singleShot(kCancelWaitMs, this, [this] {
        if (!m_exited)
            qCWarning(lcUi) << "Jobs did not end after cancelling: quitting anyway";
        finishQuit();
    });
    check();
}

void DesktopApp::finishQuit()
{
    if (m_exited)
        return;
    m_exited = true;
    m_scheduler->stop();
    m_window->saveWindowLayout();
    m_window->hide();
    m_tray->trayIcon()->hide();
    qCInfo(lcUi) << "Quitting";
    Q_EMIT exitRequested();
}

void DesktopApp::setStartAtLogin(bool on)
{
    QString error;
    if (m_autostart->setEnabled(on, &error))
        return;
    m_window->settingsView()->setStartAtLogin(!on);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Start at login"),
                                on ? tr("PBX Vault could not be set to start at login.")
                                   : tr("PBX Vault could not be removed from the login items."),
                                QMessageBox::Ok, m_window.get());
    box->setObjectName(QStringLiteral("autostartErrorBox"));
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void DesktopApp::syncStartAtLogin()
{
    if (!m_settings.startAtLogin())
        return;
    if (m_autostart->isEnabled()) {
        // Refreshed, in case the program moved (an update, another install folder).
        m_autostart->setEnabled(true);
    } else {
        // Removed from outside (the desktop's own startup settings): follow that.
        qCInfo(lcUi) << "The login item is gone: start at login turned off";
        m_window->settingsView()->setStartAtLogin(false);
    }
}

} // namespace pbxvault
