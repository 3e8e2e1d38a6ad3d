#include "CommandLine.h"

#include "CliRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstring>

namespace pbxvault {
namespace {

const char *const kValueOptions[] = {"--data-dir", "--url",       "--user",
                                     "--tenant",   "--role",      "--schedule",
                                     "--keep",     "--keep-days", "--trust-fingerprint",
                                     "--comment",  "--jobs",      "--pbx",
                                     "--to",       "--timeout",   "--retry-delay"};

bool takesValue(const char *arg)
{
    for (const char *option : kValueOptions) {
        if (std::strcmp(arg, option) == 0)
            return true;
    }
    return false;
}

QString commandSummary()
{
    return QCoreApplication::translate(
        "Cli", "Backups for KalliopePBX phone systems.\n"
               "Without a command the window opens. Commands (no window; never prompt):\n"
               "  pbx add NAME --url URL --user USER --password-stdin [--tenant DOMAIN]\n"
               "          [--role master|secondary] [--schedule CRON] [--keep N] [--keep-days N]\n"
               "          [--trust-fingerprint SHA256]\n"
               "  pbx list | pbx show NAME | pbx test NAME | pbx trust NAME\n"
               "  pbx files NAME | pbx remove NAME [--delete-backups]\n"
               "  backup NAME [--comment TEXT] | backup --all [--jobs N]\n"
               "  backups [--pbx NAME]\n"
               "  show ID\n"
               "  verify ID | verify --all\n"
               "  restore ID --to NAME [--no-safety-backup] [--force]\n"
               "  restores\n"
               "  delete ID [--on-pbx]\n"
               "  import FILE --pbx NAME\n"
               "  jobs\n"
               "  daemon [--retry-delay SECONDS]   run the backup schedules with no window;\n"
               "          SIGTERM stops it once running jobs have finished\n"
               "  run-due [--retry-delay SECONDS]  run the scheduled backups that are due now\n"
               "          (missed ones once) and exit, for system cron\n"
               "Exit code 0 on success; otherwise one line on stderr (daemon and run-due log\n"
               "one line per job on stderr; run-due exits 1 if a backup failed).");
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
        if (takesValue(a)) {
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
    // Operators read stderr for the one failure line; library chatter goes only with -v logs.
    QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.*.info=false\n*.debug=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(commandSummary());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("Cli", "The command to run."));
    CliRunner::addOptions(parser);
    parser.process(app);

    CliRunner runner(parser);
    runner.start();
    return app.exec();
}

} // namespace pbxvault
