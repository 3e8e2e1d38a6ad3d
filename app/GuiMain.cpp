#include "GuiMain.h"

#include "MainWindow.h"
#include "Translations.h"
#include "common/AppSettings.h"
#include "ops/Operations.h"
#include "secrets/SecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

namespace pbxvault {

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PBX Vault"));
    QApplication::setApplicationName(QStringLiteral("pbxvault"));
    QApplication::setApplicationDisplayName(QStringLiteral("PBX Vault"));
    QApplication::setApplicationVersion(QStringLiteral(PBXVAULT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("pbxvault"));

    QCommandLineParser parser;
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QApplication::translate("Gui", "Data directory."),
                                           QStringLiteral("DIR"));
    parser.addOption(dataDirOption);
    parser.process(app);
    const QString dataDir = parser.value(dataDirOption);

    AppSettings settings(dataDir);
    installTranslations(app, settings.language());

    KeychainSecretStore secrets;
    QString error;
    std::unique_ptr<Vault> vault = Vault::open(dataDir, &secrets, &error);
    if (!vault) {
        QMessageBox::critical(
            nullptr, QApplication::translate("Gui", "PBX Vault"),
            QApplication::translate("Gui", "Cannot open the data directory: %1").arg(error));
        return 1;
    }
    Operations ops(*vault);
    MainWindow window(ops, settings);
    window.show();
    return app.exec();
}

} // namespace pbxvault
