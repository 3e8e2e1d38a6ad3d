#include "GuiMain.h"

#include "BackupsPage.h"
#include "BackupsView.h"
#include "CatalogOpenPrompt.h"
#include "DesktopApp.h"
#include "EncryptionDialog.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SettingsView.h"
#include "SingleInstance.h"
#include "Translations.h"
#include "common/AppSettings.h"
#include "ops/Operations.h"
#include "ops/VaultEncryption.h"
#include "secrets/SecretStore.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QMessageBox>
#include <QPushButton>

namespace pbxvault {

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PBX Vault"));
    QApplication::setApplicationName(QStringLiteral("pbxvault"));
    QApplication::setApplicationDisplayName(QStringLiteral("PBX Vault"));
    QApplication::setApplicationVersion(QStringLiteral(PBXVAULT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("pbxvault"));
    // The window may be hidden while the app lives in the tray: quitting is explicit.
    QApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QApplication::translate("Gui", "Data directory."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption trayOption(
        QStringLiteral("tray"),
        QApplication::translate("Gui", "Start in the system tray, without the window."));
    const QCommandLineOption noTrayOption(
        QStringLiteral("no-tray"),
        QApplication::translate("Gui", "Do not use the system tray: closing the window quits."));
    parser.addOption(dataDirOption);
    parser.addOption(trayOption);
    parser.addOption(noTrayOption);
    parser.process(app);
    const QString dataDir = parser.value(dataDirOption);
    const bool startInTray = parser.isSet(trayOption);

    AppSettings settings(dataDir);
    installTranslations(app, settings.language());

    SingleInstance instance(dataDir);
    if (!instance.tryBecomePrimary() && instance.otherInstanceRunning()) {
        if (startInTray)
            return 0; // started at login while already running: nothing to show
        QObject::connect(&instance, &SingleInstance::delivered, &app,
                         [] { QApplication::exit(0); });
        QObject::connect(&instance, &SingleInstance::deliveryFailed, &app, [&instance] {
            QMessageBox::critical(nullptr, QApplication::translate("Gui", "PBX Vault"),
                                  instance.errorString());
            QApplication::exit(1);
        });
        instance.notifyPrimary();
        return app.exec();
    }
    // Without the lock (an unwritable runtime folder) the app still works, unguarded.

    KeychainSecretStore secrets;
    QString error;
    // The catalog of the settings (local file or a team's server), never silently another.
    std::unique_ptr<Vault> vault = CatalogOpenPrompt(dataDir, settings, secrets).open(&error);
    if (!vault && error.isEmpty())
        return 0; // the operator chose Quit
    if (!vault) {
        QMessageBox::critical(
            nullptr, QApplication::translate("Gui", "PBX Vault"),
            QApplication::translate("Gui", "Cannot open the data directory: %1").arg(error));
        return 1;
    }
    // The key before any job can start: an encrypted vault without it backs nothing up.
    VaultEncryption encryption(*vault);
    QString keyProblem;
    {
        QEventLoop loop;
        encryption.loadKey([&loop, &keyProblem](const VaultEncryptionResult &r) {
            if (!r.ok())
                keyProblem = r.message;
            loop.quit();
        });
        loop.exec();
    }
    Operations ops(*vault);
    ops.setHookPlanner(settingsHookPlanner(dataDir, vault->catalog().catalogId()));
    DesktopApp::Options options;
    options.dataDirArgument = dataDir;
    options.startInTray = startInTray && !parser.isSet(noTrayOption);
    options.noTray = parser.isSet(noTrayOption);
    DesktopApp desktop(ops, settings, options);
    QObject::connect(&instance, &SingleInstance::showRequested, &desktop, &DesktopApp::showWindow);
    QObject::connect(&desktop, &DesktopApp::exitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    desktop.start();
    MainWindow *window = desktop.window();
    if (!keyProblem.isEmpty()) {
        // The window opens anyway and says so where the operator looks first.
        MessageBar *bar = window->backupsPage()->list()->messageBar();
        bar->showMessage(
            MessageBar::Error,
            QApplication::translate(
                "Gui", "The vault is encrypted with the key %1, but that key is not loaded: %2 "
                       "No backup can be made and the encrypted ones cannot be opened until "
                       "the recovery key is imported.")
                .arg(encryption.keyId(), keyProblem));
        QPushButton *openSettings =
            bar->addButton(QApplication::translate("Gui", "Encryption settings…"));
        QObject::connect(openSettings, &QPushButton::clicked, window, [window] {
            window->showView(QStringLiteral("settings"));
            window->settingsView()->openEncryptionDialog();
        });
    } else if (window->isVisible()) {
        EncryptionDialog::offerForNewVault(*vault, window, window);
    }
    return app.exec();
}

} // namespace pbxvault
