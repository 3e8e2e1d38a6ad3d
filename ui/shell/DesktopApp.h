#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace pbxvault {

class AppSettings;
class Autostart;
class MainWindow;
class Notifier;
class Operations;
class PendingRetries;
class SchedulerService;
class TrayController;

// The desktop app around the main window: the scheduler, the tray icon and its menu, the
// notifications, start at login, and what closing the window and quitting mean. With a
// system tray, closing the window hides it and the scheduler goes on (the user is told
// once); without one, closing the window quits. runGui() builds one of these; tests too.
class DesktopApp : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDirArgument;  // --data-dir as given (empty: the default folder)
        QString program;          // for the login item; empty = this executable
        bool startInTray = false; // --tray: no window at start when a tray is available
        bool noTray = false;      // --no-tray: no tray icon; closing the window quits
    };

    DesktopApp(Operations &ops, AppSettings &settings, const Options &options,
               QObject *parent = nullptr);
    ~DesktopApp() override;

    // Starts the scheduler (paused if the settings say so), shows the tray icon and, unless
    // started in the tray, the window.
    void start();

    MainWindow *window() const { return m_window.get(); }
    SchedulerService *scheduler() const { return m_scheduler.get(); }
    TrayController *tray() const { return m_tray; }
    Notifier *notifier() const { return m_notifier; }
    PendingRetries *pendingRetries() const { return m_retries; }
    bool hasTray() const; // the tray icon is shown

    // Shows, raises and activates the window (tray click, a second launch).
    void showWindow();
    // Quit from the tray menu, or closing the window without a tray: asks first when jobs
    // run, cancels them, then emits exitRequested().
    void requestQuit();
    bool isQuitting() const { return m_quitting; }

Q_SIGNALS:
    // Everything is saved and no job runs: the event loop can end (runGui quits on it).
    void exitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int runningJobs() const;
    void cancelJobsAndQuit();
    void finishQuit();
    void setStartAtLogin(bool on);
    void syncStartAtLogin();
    void tellNoTray();

    Operations &m_ops;
    AppSettings &m_settings;
    Options m_options;
    std::unique_ptr<SchedulerService> m_scheduler;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Autostart> m_autostart;
    TrayController *m_tray;
    Notifier *m_notifier;
    PendingRetries *m_retries;
    bool m_quitting = false;
    bool m_exited = false;
};

} // namespace pbxvault
