#include "CommandLine.h"

#include "AppTranslations.h"
#include "CliRunner.h"
#include "CliSyntax.h"
#include "ExitCodes.h"
#include "common/AppSettings.h"
#include "version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstring>

namespace pbxvault {
namespace {

// --data-dir before the parser exists: its settings say which language --help speaks.
QString dataDirArgument(const QStringList &arguments)
{
    const QString option = QStringLiteral("--data-dir");
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == option)
            return arguments.value(i + 1);
        if (a.startsWith(option + QLatin1Char('=')))
            return a.mid(option.size() + 1);
    }
    return {};
}

} // namespace

bool isCliInvocation(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0 ||
            std::strcmp(a, "--version") == 0 || std::strcmp(a, "-v") == 0 ||
            std::strcmp(a, "--help-all") == 0)
            return true;
        if (CliSyntax::takesValue(QString::fromLocal8Bit(a))) {
            ++i;
            continue;
        }
        if (a[0] != '-')
            return true;
    }
    return false;
}

int runCli(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PBX Vault"));
    QCoreApplication::setApplicationName(QStringLiteral("pbxvault"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PBXVAULT_VERSION));
    // Operators read stderr for the one failure line; library chatter shows only when asked
    // for with QT_LOGGING_RULES (for example "pbxvault.*.debug=true"), which wins over these.
    QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.*.info=false\n*.debug=false"));
    // The window's language setting when it names one, else the environment's (LANG...).
    installAppTranslations(app,
                           AppSettings(dataDirArgument(QCoreApplication::arguments())).language());

    QCommandLineParser parser;
    parser.setApplicationDescription(CliSyntax::description());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("Cli", "The command to run."));
    CliSyntax::addOptions(parser);
    // An unknown option is a usage error (exit 2), like every other one.
    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "pbxvault: " << parser.errorText() << ' '
                            << QCoreApplication::translate("Cli", "(see pbxvault --help)")
                            << Qt::endl;
        return exitCodeFor(JobError::Usage);
    }
    parser.process(app); // --help, --help-all and --version print and exit here

    CliRunner runner(parser);
    runner.start();
    return app.exec();
}

} // namespace pbxvault
