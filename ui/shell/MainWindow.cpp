#include "MainWindow.h"

#include "ActivityView.h"
#include "BackupDetailView.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "Icons.h"
#include "JobStatusIndicator.h"
#include "PbxsView.h"
#include "RestoresView.h"
#include "RunningJobs.h"
#include "SettingsView.h"
#include "UiLog.h"
#include "catalog/CatalogWatcher.h"
#include "common/AppSettings.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>

namespace pbxvault {

QStringList MainWindow::viewNames()
{
    return {QStringLiteral("backups"), QStringLiteral("restores"), QStringLiteral("pbxs"),
            QStringLiteral("activity"), QStringLiteral("settings")};
}

MainWindow::MainWindow(Operations &ops, AppSettings &settings, QWidget *parent)
    : QMainWindow(parent), m_ops(ops), m_settings(settings),
      m_runningJobs(new RunningJobs(ops, this)), m_navigation(new QListWidget(this)),
      m_views(new QStackedWidget(this)), m_backups(new BackupsPage(ops, m_views)),
      m_restores(new RestoresView(ops, m_views)), m_pbxs(new PbxsView(ops, m_views)),
      m_activity(new ActivityView(ops, m_views)),
      m_settingsView(new SettingsView(ops, settings, m_views)),
      m_refreshAction(new QAction(tr("Refresh"), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PBX Vault"));
    setWindowIcon(Icons::app());

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget#navigation{background:palette(window);}"
                       "QListWidget#navigation::item{padding:8px 10px;border-radius:4px;}"
                       "QListWidget#navigation::item:selected{background:palette(highlight);"
                       "color:palette(highlighted-text);}"));
    m_pbxs->setHookSettings(&m_settings);
    addView(m_backups, Icons::backups(), tr("Backups"));
    addView(m_restores, Icons::restores(), tr("Restores"));
    addView(m_pbxs, Icons::pbxs(), tr("PBXs"));
    addView(m_activity, Icons::activity(), tr("Activity"));
    addView(m_settingsView, Icons::settings(), tr("Settings"));
    int navWidth = 0;
    for (int i = 0; i < m_navigation->count(); ++i)
        navWidth = qMax(navWidth, fontMetrics().horizontalAdvance(m_navigation->item(i)->text()));
    m_navigation->setFixedWidth(navWidth + 22 + 60);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_views, 1);
    setCentralWidget(central);

    m_jobStatus = new JobStatusIndicator(*m_runningJobs, this);
    statusBar()->addWidget(m_jobStatus, 1);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_views->setCurrentIndex(row);
        if (row == 0)
            m_backups->showList();
        updateBackAction();
    });
    connect(m_backups, &QStackedWidget::currentChanged, this, [this] {
        updateBackAction();
        // The keyboard follows the page: Esc, Del and Tab act on what is shown.
        if (m_backups->currentWidget() == m_backups->detail()) {
            if (auto *back = m_backups->detail()->findChild<QToolButton *>(
                    QStringLiteral("backToListButton")))
                back->setFocus(Qt::OtherFocusReason);
        }
    });
    connect(m_backups->list(), &BackupsView::showRestoresRequested, this,
            [this] { showView(QStringLiteral("restores")); });
    connect(m_restores, &RestoresView::openBackupRequested, this, &MainWindow::openBackup);
    connect(m_backups, &BackupsPage::showRestoresRequested, this,
            [this] { showView(QStringLiteral("restores")); });
    connect(m_backups, &BackupsPage::showPbxsRequested, this,
            [this] { showView(QStringLiteral("pbxs")); });
    connect(m_pbxs, &PbxsView::backupRequested, this, [this](qint64 pbxId) {
        showView(QStringLiteral("backups"));
        m_backups->list()->backUpPbx(pbxId);
    });

    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    addAction(m_refreshAction);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshAll);
    createKeyboardActions();

    auto *watcher = new CatalogWatcher(ops.vault().catalog().path(), this);
    watcher->setPassword(ops.vault().catalogPassword());
    QString watchError;
    if (watcher->start(&watchError)) {
        m_catalogWatcher = watcher;
        connect(watcher, &CatalogWatcher::externalChange, this,
                &MainWindow::onCatalogChangedElsewhere);
    } else {
        qCWarning(lcUi).noquote() << "Changes made by other programs will show after F5 only:"
                                  << watchError;
        delete watcher;
    }

    resize(1100, 720);
    if (!settings.windowGeometry().isEmpty())
        restoreGeometry(settings.windowGeometry());
    if (!settings.windowState().isEmpty())
        restoreState(settings.windowState());
    showView(settings.lastView());
}

void MainWindow::addView(QWidget *view, const QIcon &icon, const QString &label)
{
    m_views->addWidget(view);
    auto *item = new QListWidgetItem(icon, label, m_navigation);
    item->setSizeHint(QSize(0, 40));
}

QAction *MainWindow::addShortcut(const QString &text, const char *objectName,
                                 const QList<QKeySequence> &keys)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(objectName));
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    addAction(action);
    return action;
}

void MainWindow::createKeyboardActions()
{
    m_backAction = addShortcut(tr("Back to the list"), "backAction",
                               {QKeySequence(Qt::Key_Escape), QKeySequence::Back});
    connect(m_backAction, &QAction::triggered, this, [this] { m_backups->showList(); });

    m_findAction = addShortcut(tr("Filter backups"), "findAction", {QKeySequence::Find});
    connect(m_findAction, &QAction::triggered, this, [this] {
        showView(QStringLiteral("backups"));
        m_backups->showList();
        m_backups->list()->focusFilter();
    });

    m_newPbxAction = addShortcut(tr("New PBX"), "newPbxAction", {QKeySequence::New});
    connect(m_newPbxAction, &QAction::triggered, this, [this] {
        showView(QStringLiteral("pbxs"));
        m_pbxs->openNewPbxDialog();
    });

    m_backUpAction =
        addShortcut(tr("Back up now"), "backUpAction", {QKeySequence(Qt::CTRL | Qt::Key_B)});
    connect(m_backUpAction, &QAction::triggered, this, [this] {
        showView(QStringLiteral("backups"));
        m_backups->showList();
        m_backups->list()->backUpDefaultPbx();
    });
    updateBackAction();
}

void MainWindow::updateBackAction()
{
    if (!m_backAction)
        return;
    // Enabled only over a backup's detail: elsewhere Esc stays free for the focused widget.
    m_backAction->setEnabled(m_views->currentWidget() == m_backups &&
                             m_backups->currentWidget() == m_backups->detail());
}

void MainWindow::openBackup(qint64 backupId)
{
    showView(QStringLiteral("backups"));
    m_backups->showDetail(backupId);
}

void MainWindow::setPendingRetries(PendingRetries *retries)
{
    m_jobStatus->setPendingRetries(retries);
    m_pbxs->setPendingRetries(retries);
}

void MainWindow::showView(const QString &name)
{
    const int i = viewNames().indexOf(name);
    m_navigation->setCurrentRow(i < 0 ? 0 : i);
}

QString MainWindow::currentView() const
{
    return viewNames().value(m_views->currentIndex());
}

void MainWindow::saveWindowLayout()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setLastView(currentView());
    m_settings.sync();
}

void MainWindow::refreshAll()
{
    qCDebug(lcUi) << "Reloading every view";
    m_staleWhileHidden = false;
    BackupsView *list = m_backups->list();
    list->refreshPbxs();
    list->refresh();
    BackupDetailView *detail = m_backups->detail();
    const bool shown = m_backups->currentWidget() == detail && detail->backupId() != 0;
    if (shown && !m_ops.vault().catalog().backup(detail->backupId()))
        m_backups->showList(); // deleted by another program
    else
        detail->reload();
    m_restores->refresh();
    m_pbxs->refresh();
    m_activity->refresh();
}

void MainWindow::onCatalogChangedElsewhere()
{
    // Hidden in the tray, the window reads the catalog once when it is shown again rather
    // than at every change the daemon makes.
    if (isVisible())
        refreshAll();
    else
        m_staleWhileHidden = true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_staleWhileHidden)
        refreshAll();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowLayout();
    qCDebug(lcUi) << "Main window closed";
    QMainWindow::closeEvent(event);
}

} // namespace pbxvault
