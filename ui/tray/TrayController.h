#pragma once

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

#include <memory>

class QAction;
class QMenu;
class QTimer;

namespace pbxvault {

class AppSettings;
class Operations;
class PendingRetries;
class RunningJobs;
class SchedulerService;

// The system tray icon of the running app: its picture says idle, running or "the last job
// failed", its tooltip the state and the next scheduled run, and its menu opens the window,
// backs up all PBXs or one, pauses or resumes scheduling and quits. A left click opens the
// window. Without a system tray it stays hidden and only keeps its state (tests, headless).
class TrayController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Failed
    };
    Q_ENUM(State)

    TrayController(SchedulerService &scheduler, Operations &ops, AppSettings &settings,
                   QObject *parent = nullptr);
    ~TrayController() override;

    // Jobs started from the window count as running too (optional).
    void setRunningJobs(RunningJobs *jobs);
    // Backups waiting to retry: the tooltip counts down to the next attempt (optional).
    void setPendingRetries(PendingRetries *retries);

    // Shows the icon when the platform has a system tray; false otherwise.
    bool show();
    bool isVisible() const;

    QSystemTrayIcon *trayIcon() const { return m_icon; }
    QMenu *menu() const { return m_menu.get(); }
    State state() const { return m_state; }
    QString toolTip() const;
    // Text of the "Next scheduled run" menu line.
    QString nextRunText() const;

    // A balloon or desktop notification; nothing when the icon is not shown.
    void showMessage(const QString &title, const QString &text, QSystemTrayIcon::MessageIcon icon,
                     int msecs);

    // "today 14:00", "tomorrow 02:30" or the date and time in the user's locale.
    static QString formatWhen(const QDateTime &when, const QDateTime &now);

public Q_SLOTS:
    void refresh();        // icon, tooltip and menu texts
    void rebuildPbxMenu(); // "Back up one PBX" from the catalog

Q_SIGNALS:
    void openRequested();
    void quitRequested();
    void stateChanged(pbxvault::TrayController::State state);

private:
    void backUpAll();
    void backUpOne(qint64 pbxId, const QString &name);
    void togglePause();

    SchedulerService &m_scheduler;
    Operations &m_ops;
    AppSettings &m_settings;
    QPointer<RunningJobs> m_runningJobs;
    QPointer<PendingRetries> m_retries;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_icon;
    QAction *m_open;
    QAction *m_backUpAll;
    QMenu *m_backUpOne;
    QAction *m_pause;
    QAction *m_nextRun;
    QAction *m_quit;
    QTimer *m_clockTimer;
    State m_state = State::Idle;
};

} // namespace pbxvault
