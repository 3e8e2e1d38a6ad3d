// The desktop app's parts that need no tray (offscreen): start at login (the XDG autostart
// entry, from the Settings checkbox too), what closing the window does without a system
// tray, and the notifications' texts and rules.
#include "Autostart.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "SettingsView.h"
#include "TrayController.h"
#include "UiTestKit.h"
#include "ops/SchedulerService.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {
// Key=value lines of the [Desktop Entry] group.
QMap<QString, QString> readEntry(const QString &path)
{
    QMap<QString, QString> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            out.insert(line.left(eq), line.mid(eq + 1));
    }
    return out;
}

// desktop-file-validate (desktop-file-utils) has no complaint; skipped when not installed.
QString validationErrors(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (tool.isEmpty())
        return QString();
    QProcess p;
    p.start(tool, {path});
    if (!p.waitForFinished(30000))
        return QStringLiteral("desktop-file-validate did not finish");
    const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitCode() == 0 && !out.contains(QStringLiteral("error:")) ? QString() : out;
}

// Points XDG_CONFIG_HOME at a temporary folder for one test.
class ConfigHome
{
public:
    ConfigHome() : m_old(qgetenv("XDG_CONFIG_HOME"))
    {
        qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
    }
    ~ConfigHome() { qputenv("XDG_CONFIG_HOME", m_old); }
    QString path() const { return m_dir.path(); }
    QString entry() const { return m_dir.filePath(QStringLiteral("autostart/pbxvault.desktop")); }

private:
    TestDir m_dir;
    QByteArray m_old;
};
} // namespace

class TestUiDesktop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autostartWritesAndRemovesTheDesktopEntry()
    {
        ConfigHome home;
        Autostart autostart(QStringLiteral("/srv/pbx vault/data"),
                            QStringLiteral("/opt/PBX Vault/bin/pbxvault"));
        QCOMPARE(autostart.location(), home.entry());
        QVERIFY(!autostart.isEnabled());

        QString error;
        QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
        QVERIFY(autostart.isEnabled());
        const auto entry = readEntry(home.entry());
        QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
        QCOMPARE(entry.value(QStringLiteral("Name")), QStringLiteral("PBX Vault"));
        QCOMPARE(entry.value(QStringLiteral("Exec")),
                 QStringLiteral("\"/opt/PBX Vault/bin/pbxvault\" --tray --data-dir "
                                "\"/srv/pbx vault/data\""));
        QCOMPARE(entry.value(QStringLiteral("Terminal")), QStringLiteral("false"));
        const QString problems = validationErrors(home.entry());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // Enabling twice refreshes the same file.
        QVERIFY(autostart.setEnabled(true, &error));
        QVERIFY(autostart.setEnabled(false, &error));
        QVERIFY(!QFile::exists(home.entry()));
        QVERIFY(!autostart.isEnabled());
        QVERIFY(autostart.setEnabled(false, &error)); // already off: fine
    }

    void autostartWithoutDataDirStartsTheDefaultOne()
    {
        ConfigHome home;
        Autostart autostart(QString(), QStringLiteral("/usr/bin/pbxvault"));
        QCOMPARE(autostart.arguments(), QStringList{QStringLiteral("--tray")});
        QVERIFY(autostart.setEnabled(true));
        QCOMPARE(readEntry(home.entry()).value(QStringLiteral("Exec")),
                 QStringLiteral("/usr/bin/pbxvault --tray"));
        const QString problems = validationErrors(home.entry());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void autostartUsesTheAppImage()
    {
        qputenv("APPIMAGE", "/home/op/Apps/PBX_Vault.AppImage");
        Autostart autostart;
        qunsetenv("APPIMAGE");
        QCOMPARE(autostart.program(), QStringLiteral("/home/op/Apps/PBX_Vault.AppImage"));
        Autostart plain;
        QCOMPARE(plain.program(), QCoreApplication::applicationFilePath());
    }

    void desktopExecQuoting()
    {
        QCOMPARE(
            Autostart::desktopExec(QStringLiteral("/usr/bin/pbxvault"), {QStringLiteral("--tray")}),
            QStringLiteral("/usr/bin/pbxvault --tray"));
        // Reserved characters quoted; ", `, $ and \ escaped, then every \ doubled as the
        // value is a string; % doubled.
        QCOMPARE(
            Autostart::desktopExec(QStringLiteral("/a b/p"),
                                   {QStringLiteral("x$y"), QStringLiteral("50%"),
                                    QStringLiteral("c\\d"), QStringLiteral("q\"t"), QString()}),
            QStringLiteral("\"/a b/p\" \"x\\\\$y\" 50%% \"c\\\\\\\\d\" \"q\\\\\"t\" \"\""));
    }

    void settingsCheckboxTurnsStartAtLoginOnAndOff()
    {
        ConfigHome home;
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        vault.settings().setTrayNoticeShown(true);
        DesktopApp::Options options;
        options.dataDirArgument = vault.dataDir();
        options.program = QStringLiteral("/usr/bin/pbxvault");
        DesktopApp app(vault.ops(), vault.settings(), options);
        app.start();
        auto *check = app.window()->settingsView()->findChild<QCheckBox *>(
            QStringLiteral("startAtLoginCheck"));
        QVERIFY(check);
        QVERIFY(!check->isChecked());

        check->click();
        QVERIFY(vault.settings().startAtLogin());
        QVERIFY(QFile::exists(home.entry()));
        QCOMPARE(readEntry(home.entry()).value(QStringLiteral("Exec")),
                 Autostart::desktopExec(
                     QStringLiteral("/usr/bin/pbxvault"),
                     {QStringLiteral("--tray"), QStringLiteral("--data-dir"), vault.dataDir()}));
        check->click();
        QVERIFY(!vault.settings().startAtLogin());
        QVERIFY(!QFile::exists(home.entry()));
    }

    void refusedStartAtLoginUndoesTheCheckbox()
    {
        ConfigHome home;
        // A file where the folder should be: even root cannot create the entry.
        QFile blocker(home.path() + QStringLiteral("/autostart"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        vault.settings().setTrayNoticeShown(true);
        DesktopApp app(vault.ops(), vault.settings(), DesktopApp::Options());
        app.start();
        auto *check = app.window()->settingsView()->findChild<QCheckBox *>(
            QStringLiteral("startAtLoginCheck"));
        check->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = topLevel<QMessageBox>(QStringLiteral("autostartErrorBox"))));
        QVERIFY(!box->informativeText().isEmpty());
        box->accept();
        QVERIFY(!check->isChecked());
        QVERIFY(!vault.settings().startAtLogin());
    }

    void startFollowsTheLoginItem()
    {
        ConfigHome home;
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        vault.settings().setTrayNoticeShown(true);
        DesktopApp::Options options;
        options.program = QStringLiteral("/new/place/pbxvault");

        // The entry of an older install is refreshed with the program's new place.
        QVERIFY(Autostart(QString(), QStringLiteral("/old/place/pbxvault")).setEnabled(true));
        vault.settings().setStartAtLogin(true);
        {
            DesktopApp app(vault.ops(), vault.settings(), options);
            app.start();
            QCOMPARE(readEntry(home.entry()).value(QStringLiteral("Exec")),
                     QStringLiteral("/new/place/pbxvault --tray"));
        }
        // Removed from outside (the desktop's startup settings): the checkbox follows.
        QVERIFY(QFile::remove(home.entry()));
        DesktopApp app(vault.ops(), vault.settings(), options);
        app.start();
        QVERIFY(!vault.settings().startAtLogin());
        QVERIFY(!app.window()
                     ->settingsView()
                     ->findChild<QCheckBox *>(QStringLiteral("startAtLoginCheck"))
                     ->isChecked());
        QVERIFY(!QFile::exists(home.entry()));
    }

    void withoutTrayClosingTheWindowQuits()
    {
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable()); // offscreen
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        QVERIFY(!vault.settings().trayNoticeShown());
        {
            DesktopApp app(vault.ops(), vault.settings(), DesktopApp::Options());
            QSignalSpy exit(&app, &DesktopApp::exitRequested);
            app.start();
            QVERIFY(!app.hasTray());
            QVERIFY(app.window()->isVisible());
            // Told once that periodic backups need the app or the daemon running.
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = topLevel<QMessageBox>(QStringLiteral("noTrayNotice"))));
            QVERIFY(box->informativeText().contains(QStringLiteral("pbxvault daemon")));
            QVERIFY(vault.settings().trayNoticeShown());
            box->accept();

            QVERIFY(!app.window()->close()); // DesktopApp decides, and quits
            QCOMPARE(exit.size(), 1);
            QVERIFY(app.isQuitting());
            QVERIFY(!app.window()->isVisible());
        }
        // Not told again.
        DesktopApp again(vault.ops(), vault.settings(), DesktopApp::Options());
        again.start();
        QVERIFY(again.window()->isVisible());
        QVERIFY(!topLevel<QMessageBox>(QStringLiteral("noTrayNotice")));
    }

    void notificationRules()
    {
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        SchedulerService scheduler(vault.ops());
        Notifier notifier(scheduler, vault.settings(), nullptr);
        QSignalSpy notified(&notifier, &Notifier::notified);

        // Every failure, with the PBX and the reason; a scheduled one says so.
        Q_EMIT scheduler.jobFinished(7, QStringLiteral("Head office"), JobTrigger::Scheduled, false,
                                     QStringLiteral("The PBX refused the password."));
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(0).value<QSystemTrayIcon::MessageIcon>(),
                 QSystemTrayIcon::Critical);
        QCOMPARE(notified.at(0).at(1).toString(),
                 QStringLiteral("Scheduled backup of Head office failed"));
        QCOMPARE(notified.at(0).at(2).toString(), QStringLiteral("The PBX refused the password."));
        QCOMPARE(notifier.notices().size(), 1);
        QCOMPARE(notifier.notices().first().pbxId, qint64(7));

        // Retries are not notified: the final outcome is.
        Q_EMIT scheduler.retryScheduled(7, QStringLiteral("Head office"),
                                        QDateTime::currentDateTimeUtc(), QStringLiteral("timeout"));
        QCOMPARE(notified.size(), 1);

        // Success only when asked.
        Q_EMIT scheduler.jobFinished(7, QStringLiteral("Head office"), JobTrigger::Scheduled, true,
                                     QString());
        QCOMPARE(notified.size(), 1);
        vault.settings().setNotifySuccess(true);
        Q_EMIT scheduler.jobFinished(7, QStringLiteral("Head office"), JobTrigger::Manual, true,
                                     QString());
        QCOMPARE(notified.size(), 2);
        QCOMPARE(notified.at(1).at(0).value<QSystemTrayIcon::MessageIcon>(),
                 QSystemTrayIcon::Information);
        QCOMPARE(notified.at(1).at(1).toString(), QStringLiteral("Head office backed up"));

        // Overdue: once per PBX until it succeeds again.
        const QDateTime last = QDateTime::currentDateTimeUtc().addDays(-3);
        Q_EMIT scheduler.overdue(8, QStringLiteral("Branch"), last);
        Q_EMIT scheduler.overdue(8, QStringLiteral("Branch"), last);
        QCOMPARE(notified.size(), 3);
        QCOMPARE(notified.at(2).at(0).value<QSystemTrayIcon::MessageIcon>(),
                 QSystemTrayIcon::Warning);
        QCOMPARE(notified.at(2).at(1).toString(), QStringLiteral("Backups of Branch are overdue"));
        QVERIFY(notified.at(2).at(2).toString().startsWith(
            QStringLiteral("No successful backup since")));
        Q_EMIT scheduler.jobFinished(8, QStringLiteral("Branch"), JobTrigger::Scheduled, true,
                                     QString());
        Q_EMIT scheduler.overdue(8, QStringLiteral("Branch"), QDateTime());
        QCOMPARE(notified.size(), 5); // the success, then the new overdue warning
        QCOMPARE(notified.at(4).at(2).toString(),
                 QStringLiteral("It has a schedule but has never been backed up successfully."));
    }

    void whenTexts()
    {
        const QDateTime now(QDate(2025, 3, 10), QTime(12, 0));
        QVERIFY(TrayController::formatWhen(now.addSecs(3600), now)
                    .startsWith(QStringLiteral("today ")));
        QVERIFY(TrayController::formatWhen(now.addDays(1), now)
                    .startsWith(QStringLiteral("tomorrow ")));
        QVERIFY(!TrayController::formatWhen(now.addDays(3), now).startsWith(QStringLiteral("to")));
    }
};

QTEST_MAIN(TestUiDesktop)
#include "tst_ui_desktop.moc"
