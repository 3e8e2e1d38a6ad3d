#pragma once

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;

namespace pbxvault {

class ActivityView;
class AppSettings;
class JobStatusIndicator;
class PendingRetries;
class BackupsPage;
class CatalogWatcher;
class Operations;
class PbxsView;
class RestoresView;
class RunningJobs;
class SettingsView;

// "PBX Vault": navigation on the left (Backups, Restores, PBXs, Activity, Settings), the
// chosen view on the right, running jobs in the status bar. Changes other programs make to
// the catalog (the command line, the daemon, another window) show up by themselves; F5
// reloads everything.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Operations &ops, AppSettings &settings, QWidget *parent = nullptr);

    // "backups", "restores", "pbxs", "activity" or "settings"; unknown names show backups.
    void showView(const QString &name);
    QString currentView() const;
    static QStringList viewNames();

    // Size, position and last view into the settings (also done on close).
    void saveWindowLayout();

    // Reads every view again from the catalog, keeping selections and scroll positions (F5).
    void refreshAll();
    QAction *refreshAction() const { return m_refreshAction; }
    // Polls the catalog for commits of other connections; nullptr if it could not start.
    CatalogWatcher *catalogWatcher() const { return m_catalogWatcher; }

    BackupsPage *backupsPage() const { return m_backups; }
    RestoresView *restoresView() const { return m_restores; }
    PbxsView *pbxsView() const { return m_pbxs; }
    ActivityView *activityView() const { return m_activity; }
    SettingsView *settingsView() const { return m_settingsView; }
    // Every running job; the tray icon can follow the same object.
    RunningJobs *runningJobs() const { return m_runningJobs; }
    JobStatusIndicator *jobStatus() const { return m_jobStatus; }
    // Scheduled backups waiting to retry, for the status bar (the desktop app's scheduler).
    void setPendingRetries(PendingRetries *retries);

    // The window's keyboard commands (also in tests): Esc/Alt+Left back from a backup's
    // detail, Ctrl+F filter, Ctrl+N new PBX, Ctrl+B back up now.
    QAction *backAction() const { return m_backAction; }
    QAction *findAction() const { return m_findAction; }
    QAction *newPbxAction() const { return m_newPbxAction; }
    QAction *backUpAction() const { return m_backUpAction; }
    // Shows a backup's detail (from the restore history, for example).
    void openBackup(qint64 backupId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void addView(QWidget *view, const QIcon &icon, const QString &label);
    void createKeyboardActions();
    QAction *addShortcut(const QString &text, const char *objectName,
                         const QList<QKeySequence> &keys);
    void updateBackAction();
    void onCatalogChangedElsewhere();

    Operations &m_ops;
    AppSettings &m_settings;
    RunningJobs *m_runningJobs;
    QListWidget *m_navigation;
    QStackedWidget *m_views;
    BackupsPage *m_backups;
    RestoresView *m_restores;
    PbxsView *m_pbxs;
    ActivityView *m_activity;
    SettingsView *m_settingsView;
    QAction *m_refreshAction;
    QAction *m_backAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_newPbxAction = nullptr;
    QAction *m_backUpAction = nullptr;
    JobStatusIndicator *m_jobStatus;
    CatalogWatcher *m_catalogWatcher = nullptr;
    bool m_staleWhileHidden = false;
};

} // namespace pbxvault
