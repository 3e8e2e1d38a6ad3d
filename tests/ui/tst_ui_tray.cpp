// The tray-resident app (DesktopApp) on a real X server with a real system tray: Xvfb with
// trayer (an XEmbed tray host), started by with-tray.sh, which this test re-executes itself
// under. The tray menu is driven like an operator would: "Back up all now" against pbxsim,
// one PBX from the submenu, a failure, pause/resume, closing the window, and Quit while a job
// runs. Set PBXVAULT_SCREENSHOT_DIR to also get PNGs of the tray menu and the desktop.
#include "DesktopApp.h"
#include "Icons.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "PbxSim.h"
#include "TrayController.h"
#include "UiTestKit.h"
#include "ops/SchedulerService.h"

#include <QAction>
#include <QDir>
#include <QJsonArray>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

#include <unistd.h>

#include <vector>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {
QImage picture(const QIcon &icon)
{
    return icon.pixmap(QSize(22, 22)).toImage();
}
} // namespace

class TestUiTray : public QObject
{
    Q_OBJECT

    std::unique_ptr<PbxSim> m_sim;
    std::unique_ptr<UiTestVault> m_vault;
    std::unique_ptr<DesktopApp> m_app;
    qint64 m_head = 0;
    qint64 m_branch = 0;

    TrayController *tray() const { return m_app->tray(); }
    QMenu *menu() const { return tray()->trayIcon()->contextMenu(); }
    QAction *action(const QString &name) const { return menu()->findChild<QAction *>(name); }
    QAction *pbxAction(qint64 id) const { return action(QStringLiteral("backUpPbx_%1").arg(id)); }

    void addPbx(const QString &name, PbxRole role, const QString &password, qint64 *id)
    {
        PbxRecord pbx = makePbx(name, role, m_sim->url().toString());
        pbx.fingerprint = m_sim->fingerprint();
        Job *job = m_vault->ops().addPbx(pbx, password);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(15000));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        *id = job->pbxId();
        job->deleteLater();
    }

    int backupJobs(qint64 pbxId, JobOutcome outcome) const
    {
        int n = 0;
        const auto jobs = m_vault->catalog().jobs();
        for (const JobRecord &job : jobs)
            n += job.kind == JobKind::Backup && job.pbxId == pbxId && job.outcome == outcome;
        return n;
    }

    static void saveShot(const QPixmap &pixmap, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PBXVAULT_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(pixmap.save(QDir(dir).filePath(name)));
    }

    // The XEmbed icon Qt docks into the tray: a widget a real click can go to.
    static QWidget *trayIconWidget()
    {
        const auto widgets = QApplication::allWidgets();
        for (QWidget *w : widgets)
            if (qstrcmp(w->metaObject()->className(), "QSystemTrayIconSys") == 0)
                return w;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // trayer may still be starting: Qt sees the tray once it owns _NET_SYSTEM_TRAY_S0.
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 15000);
        m_sim = std::make_unique<PbxSim>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        m_vault = std::make_unique<UiTestVault>();
        QVERIFY2(m_vault->open(&error), qPrintable(error));
        addPbx(QStringLiteral("Head office"), PbxRole::Master, QStringLiteral("secret"), &m_head);

        DesktopApp::Options options;
        options.dataDirArgument = m_vault->dataDir();
        options.program = QStringLiteral("/opt/pbxvault/bin/pbxvault");
        m_app = std::make_unique<DesktopApp>(m_vault->ops(), m_vault->settings(), options);
        m_app->scheduler()->setRetryPolicy(1, 1); // failures are final at once
        m_app->start();
        QVERIFY(m_app->hasTray());
        QVERIFY(tray()->trayIcon()->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
        QCOMPARE(tray()->state(), TrayController::State::Idle);
        QCOMPARE(picture(tray()->trayIcon()->icon()), picture(Icons::trayIdle()));
        // Docked into trayer: the icon has a place on the screen.
        QTRY_VERIFY_WITH_TIMEOUT(tray()->trayIcon()->geometry().width() > 0, 15000);
    }

    void cleanupTestCase()
    {
        m_app.reset();
        m_vault.reset();
        m_sim.reset();
    }

    void menuHasTheItems()
    {
        QVERIFY(menu());
        QCOMPARE(action(QStringLiteral("openAction"))->text(), QStringLiteral("Open PBX Vault"));
        QCOMPARE(action(QStringLiteral("backUpAllAction"))->text(),
                 QStringLiteral("Back up all now"));
        auto *one = menu()->findChild<QMenu *>(QStringLiteral("backUpOneMenu"));
        QVERIFY(one);
        QCOMPARE(one->title(), QStringLiteral("Back up one PBX"));
        QVERIFY(pbxAction(m_head));
        QCOMPARE(pbxAction(m_head)->text(), QStringLiteral("Head office"));
        QCOMPARE(action(QStringLiteral("pauseAction"))->text(), QStringLiteral("Pause scheduling"));
        QAction *next = action(QStringLiteral("nextRunAction"));
        QVERIFY(!next->isEnabled());
        QCOMPARE(next->text(), QStringLiteral("No backups scheduled"));
        QCOMPARE(action(QStringLiteral("quitAction"))->text(), QStringLiteral("Quit"));

        // A schedule shows up as the next run, in the menu and the tooltip.
        PbxRecord pbx = *m_vault->catalog().pbx(m_head);
        pbx.schedule = QStringLiteral("30 3 * * *");
        Job *job = m_vault->ops().updatePbx(pbx, std::nullopt);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(15000));
        QVERIFY2(job->ok(), qPrintable(job->errorMessage()));
        job->deleteLater();
        QTRY_VERIFY(next->text().startsWith(QStringLiteral("Next scheduled run: ")));
        QVERIFY2(next->text().contains(QStringLiteral("3:30")) ||
                     next->text().contains(QStringLiteral("03:30")),
                 qPrintable(next->text()));
        QVERIFY(tray()->trayIcon()->toolTip().contains(next->text()));
        QVERIFY(tray()->trayIcon()->toolTip().contains(QStringLiteral("Idle")));

        // What the operator sees: the menu opened at the tray icon, "Back up one PBX" open.
        // (No window manager here: the window is moved off the tray by hand.)
        m_app->window()->setGeometry(12, 40, 640, 420);
        const QRect icon = tray()->trayIcon()->geometry();
        menu()->popup(icon.bottomRight() + QPoint(-menu()->sizeHint().width(), 4));
        QVERIFY(QTest::qWaitForWindowExposed(menu()));
        menu()->setActiveAction(one->menuAction());
        QTRY_VERIFY(one->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(one));
        saveShot(menu()->grab(), QStringLiteral("tray-menu.png"));
        saveShot(QGuiApplication::primaryScreen()->grabWindow(0),
                 QStringLiteral("tray-desktop.png"));
        one->hide();
        menu()->hide();
    }

    void backUpAllFromTheMenu()
    {
        // Slow answers keep the job running long enough to be seen.
        QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=300")));
        QSignalSpy states(tray(), &TrayController::stateChanged);
        QCOMPARE(m_vault->catalog().backups(m_head).size(), 0);
        action(QStringLiteral("backUpAllAction"))->trigger();

        QTRY_COMPARE_WITH_TIMEOUT(tray()->state(), TrayController::State::Running, 15000);
        QCOMPARE(picture(tray()->trayIcon()->icon()), picture(Icons::trayRunning()));
        QVERIFY2(tray()->trayIcon()->toolTip().contains(QStringLiteral("Jobs running: 1")),
                 qPrintable(tray()->trayIcon()->toolTip()));
        QTRY_COMPARE_WITH_TIMEOUT(m_vault->catalog().backups(m_head).size(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(tray()->state(), TrayController::State::Idle, 15000);
        QCOMPARE(picture(tray()->trayIcon()->icon()), picture(Icons::trayIdle()));
        QVERIFY(m_sim->clearFaults());

        QVERIFY(states.size() >= 2);
        QCOMPARE(states.first().at(0).value<TrayController::State>(),
                 TrayController::State::Running);
        QCOMPARE(states.last().at(0).value<TrayController::State>(), TrayController::State::Idle);
        QTRY_COMPARE(backupJobs(m_head, JobOutcome::Success), 1);
        const BackupRecord backup = m_vault->catalog().backups(m_head).first();
        QVERIFY(QFile::exists(backup.path));
        QCOMPARE(m_sim->state().value(QStringLiteral("backups")).toArray().size(), 1);
    }

    void failureTurnsTheIconRedAndIsNotified()
    {
        // A PBX added while running appears in the submenu; its password is wrong.
        addPbx(QStringLiteral("Branch office"), PbxRole::Secondary, QStringLiteral("wrong"),
               &m_branch);
        QTRY_VERIFY(pbxAction(m_branch));
        QCOMPARE(pbxAction(m_branch)->text(), QStringLiteral("Branch office"));

        QSignalSpy notified(m_app->notifier(), &Notifier::notified);
        pbxAction(m_branch)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray()->state(), TrayController::State::Failed, 30000);
        QCOMPARE(picture(tray()->trayIcon()->icon()), picture(Icons::trayFailed()));
        QVERIFY(tray()->trayIcon()->toolTip().contains(QStringLiteral("The last backup failed")));
        QTRY_COMPARE(notified.size(), 1);
        QCOMPARE(notified.first().at(0).value<QSystemTrayIcon::MessageIcon>(),
                 QSystemTrayIcon::Critical);
        QCOMPARE(notified.first().at(1).toString(),
                 QStringLiteral("Backup of Branch office failed"));
        const QString reason = notified.first().at(2).toString();
        QVERIFY(!reason.isEmpty());
        const Notifier::Notice notice = m_app->notifier()->notices().last();
        QCOMPARE(notice.pbxId, m_branch);
        QCOMPARE(notice.text, reason);
        QCOMPARE(backupJobs(m_branch, JobOutcome::Failed), 1);
        QCOMPARE(m_vault->catalog().backups(m_branch).size(), 0);
        // The balloon stays until dismissed: take the desktop with it, then dismiss it.
        saveShot(QGuiApplication::primaryScreen()->grabWindow(0),
                 QStringLiteral("tray-failure.png"));

        // Successes are not notified unless asked; a success turns the icon back.
        pbxAction(m_head)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_vault->catalog().backups(m_head).size(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(tray()->state(), TrayController::State::Idle, 15000);
        QCOMPARE(notified.size(), 1);

        m_vault->settings().setNotifySuccess(true);
        pbxAction(m_head)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, 30000);
        QCOMPARE(notified.last().at(0).value<QSystemTrayIcon::MessageIcon>(),
                 QSystemTrayIcon::Information);
        QCOMPARE(notified.last().at(1).toString(), QStringLiteral("Head office backed up"));
        m_vault->settings().setNotifySuccess(false);
        QTRY_COMPARE(tray()->state(), TrayController::State::Idle);
    }

    void pauseAndResumePersist()
    {
        QAction *pause = action(QStringLiteral("pauseAction"));
        pause->trigger();
        QVERIFY(m_app->scheduler()->isPaused());
        QVERIFY(m_vault->settings().schedulingPaused());
        QVERIFY(AppSettings(m_vault->dataDir()).schedulingPaused()); // on disk
        QCOMPARE(pause->text(), QStringLiteral("Resume scheduling"));
        QCOMPARE(action(QStringLiteral("nextRunAction"))->text(),
                 QStringLiteral("Scheduling paused"));
        QVERIFY(tray()->trayIcon()->toolTip().contains(QStringLiteral("Scheduling paused")));

        pause->trigger();
        QVERIFY(!m_app->scheduler()->isPaused());
        QVERIFY(!AppSettings(m_vault->dataDir()).schedulingPaused());
        QCOMPARE(pause->text(), QStringLiteral("Pause scheduling"));
        QVERIFY(action(QStringLiteral("nextRunAction"))
                    ->text()
                    .startsWith(QStringLiteral("Next scheduled run: ")));
    }

    void closingTheWindowKeepsTheAppInTheTray()
    {
        QSignalSpy exit(m_app.get(), &DesktopApp::exitRequested);
        MainWindow *window = m_app->window();
        QVERIFY(window->isVisible());
        QVERIFY(!m_vault->settings().trayNoticeShown());
        QVERIFY(!window->close()); // refused: the window hides instead
        QVERIFY(!window->isVisible());
        QVERIFY(m_vault->settings().trayNoticeShown()); // told once
        QVERIFY(tray()->trayIcon()->isVisible());
        QCOMPARE(exit.size(), 0);

        // The scheduler goes on without the window.
        const int before = m_vault->catalog().backups(m_head).size();
        action(QStringLiteral("backUpAllAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_vault->catalog().backups(m_head).size(), before + 1, 30000);
        QCOMPARE(exit.size(), 0);

        // A left click on the icon in the tray brings the window back.
        QWidget *icon = trayIconWidget();
        QVERIFY(icon);
        QTest::mouseClick(icon, Qt::LeftButton, {}, icon->rect().center());
        QTRY_VERIFY(window->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(window));
        saveShot(window->grab(), QStringLiteral("tray-window.png"));

        // Closing again hides it again.
        QVERIFY(!window->close());
        QVERIFY(!window->isVisible());
        QCOMPARE(exit.size(), 0);
        action(QStringLiteral("openAction"))->trigger();
        QTRY_VERIFY(window->isVisible());
    }

    void startInTrayShowsNoWindow()
    {
        // `pbxvault --tray` (start at login): only the icon, the window on request.
        DesktopApp::Options options;
        options.startInTray = true;
        DesktopApp atLogin(m_vault->ops(), m_vault->settings(), options);
        atLogin.start();
        QVERIFY(atLogin.hasTray());
        QVERIFY(!atLogin.window()->isVisible());
        Q_EMIT atLogin.tray()->trayIcon()->activated(QSystemTrayIcon::Trigger);
        QVERIFY(atLogin.window()->isVisible());
    }

    void quitAsksBeforeCancellingRunningJobs()
    {
        QSignalSpy exit(m_app.get(), &DesktopApp::exitRequested);
        QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=1500")));
        const int cancelledBefore = backupJobs(m_head, JobOutcome::Cancelled);
        pbxAction(m_head)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray()->state(), TrayController::State::Running, 15000);

        action(QStringLiteral("quitAction"))->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = topLevel<QMessageBox>(QStringLiteral("quitConfirmBox"))));
        QVERIFY(box->text().contains(QStringLiteral("1 job(s) still running")));
        box->findChild<QPushButton *>(QStringLiteral("keepRunningButton"))->click();
        QTRY_VERIFY(!topLevel<QMessageBox>(QStringLiteral("quitConfirmBox")));
        QCOMPARE(exit.size(), 0);
        QVERIFY(!m_app->isQuitting());
        QCOMPARE(tray()->state(), TrayController::State::Running);

        action(QStringLiteral("quitAction"))->trigger();
        QTRY_VERIFY((box = topLevel<QMessageBox>(QStringLiteral("quitConfirmBox"))));
        box->findChild<QPushButton *>(QStringLiteral("cancelAndQuitButton"))->click();
        QVERIFY(exit.wait(30000));
        QCOMPARE(exit.size(), 1);
        QTRY_COMPARE(backupJobs(m_head, JobOutcome::Cancelled), cancelledBefore + 1);
        QCOMPARE(backupJobs(m_head, JobOutcome::Running), 0);
        QVERIFY(!m_app->window()->isVisible());
        QVERIFY(!tray()->trayIcon()->isVisible());
        QVERIFY(m_sim->clearFaults());
    }
};

int main(int argc, char *argv[])
{
    // Re-run inside Xvfb with a tray host unless already there.
    if (qEnvironmentVariableIsEmpty("PBXVAULT_IN_TRAY_SESSION")) {
        std::vector<char *> args{const_cast<char *>(PBXVAULT_WITH_TRAY)};
        for (int i = 0; i < argc; ++i)
            args.push_back(argv[i]);
        args.push_back(nullptr);
        execv(PBXVAULT_WITH_TRAY, args.data());
        perror(PBXVAULT_WITH_TRAY);
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    TestUiTray test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_tray.moc"
