#include "ExitCodes.h"

#include <QCoreApplication>

namespace pbxvault {
namespace {

struct ExitStatus
{
    JobError error;
    int code;
    const char *meaning; // nullptr: shares the line of the previous row with the same code
};

// The one table: JobError → exit code, with what --help says about it.
const ExitStatus kExitStatuses[] = {
    {JobError::None, 0, QT_TRANSLATE_NOOP("Cli", "success")},
    {JobError::Failed, 1, QT_TRANSLATE_NOOP("Cli", "other failure")},
    {JobError::Usage, 2, QT_TRANSLATE_NOOP("Cli", "the command line is wrong")},
    {JobError::NotFound, 3, QT_TRANSLATE_NOOP("Cli", "no such PBX or backup")},
    {JobError::Disabled, 4, QT_TRANSLATE_NOOP("Cli", "the PBX is disabled")},
    {JobError::Locked, 5,
     QT_TRANSLATE_NOOP("Cli", "the PBX is busy: another job (maybe another process) holds it")},
    {JobError::Keychain, 6, QT_TRANSLATE_NOOP("Cli", "the keychain could not be used")},
    {JobError::Pbx, 7,
     QT_TRANSLATE_NOOP("Cli", "PBX error: unreachable, refused, authentication, certificate or "
                              "protocol")},
    {JobError::Disk, 8,
     QT_TRANSLATE_NOOP("Cli", "local disk: write error, disk full or missing folder")},
    {JobError::Catalog, 9, QT_TRANSLATE_NOOP("Cli", "the catalog could not be read or written")},
    {JobError::Corrupt, 10,
     QT_TRANSLATE_NOOP("Cli", "the backup is corrupt or missing (verify found it damaged, "
                              "restore refused it)")},
    {JobError::Unreadable, 11,
     QT_TRANSLATE_NOOP("Cli", "the file is not a backup PBX Vault can read (import without "
                              "--unverified)")},
    {JobError::Cancelled, 12, QT_TRANSLATE_NOOP("Cli", "cancelled or interrupted")},
    {JobError::Interrupted, 12, nullptr},
};

} // namespace

int exitCodeFor(JobError error)
{
    for (const ExitStatus &s : kExitStatuses) {
        if (s.error == error)
            return s.code;
    }
    return 1;
}

QList<int> documentedExitCodes()
{
    QList<int> codes;
    for (const ExitStatus &s : kExitStatuses) {
        if (s.meaning)
            codes.append(s.code);
    }
    return codes;
}

QString exitStatusHelp()
{
    QString text = QCoreApplication::translate("Cli", "Exit status:") + QLatin1Char('\n');
    for (const ExitStatus &s : kExitStatuses) {
        if (s.meaning)
            text += QStringLiteral("  %1  %2\n")
                        .arg(s.code, 2)
                        .arg(QCoreApplication::translate("Cli", s.meaning));
    }
    text += QCoreApplication::translate(
        "Cli", "backup --all, verify --all: 0 when all succeeded, else the code of the first\n"
               "failure in PBX (backup id) order. daemon and run-due log one line per job on\n"
               "stderr; run-due exits 1 if a backup failed.");
    return text;
}

} // namespace pbxvault
