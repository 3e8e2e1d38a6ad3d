#include "CliSyntax.h"

#include "ExitCodes.h"
#include "commands/Commands.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace pbxvault {
namespace {

const QString kAll = QStringLiteral("--all");

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QLatin1String(item));
    return out;
}

// Wraps "words" to lines of at most width characters, continuation lines indented.
QString wrapped(const QString &text, const QString &indent, const QString &continuation,
                int width = 79)
{
    QString out = indent;
    int column = int(indent.size());
    bool lineEmpty = true;
    // "[--role ROLE]" stays on one line.
    static const QRegularExpression wordPattern(QStringLiteral("\\[[^\\]]*\\]|\\S+"));
    for (auto it = wordPattern.globalMatch(text); it.hasNext();) {
        const QString word = it.next().captured();
        if (!lineEmpty && column + 1 + word.size() > width) {
            out += QLatin1Char('\n') + continuation;
            column = int(continuation.size());
            lineEmpty = true;
        }
        if (!lineEmpty) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += int(word.size());
        lineEmpty = false;
    }
    return out;
}

} // namespace

QStringList CliCommandSpec::words() const
{
    QStringList w = key.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    w.removeAll(kAll);
    return w;
}

bool CliCommandSpec::isAllForm() const
{
    return key.endsWith(kAll);
}

int CliCommandSpec::argumentCount() const
{
    return int(words().size() + arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

QString CliOptionSpec::usage() const
{
    return valueName.isEmpty() ? QStringLiteral("--") + name
                               : QStringLiteral("--%1 %2").arg(name, valueName);
}

const QVector<CliCommandSpec> &CliSyntax::commands()
{
    static const QVector<CliCommandSpec> table{
        {QStringLiteral("pbx add"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "register a PBX; the password is read from stdin"),
         &makePbxAddCommand},
        {QStringLiteral("pbx edit"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "change a PBX: only the options given change; --schedule \"\" "
                                  "stops automatic backups, --keep 0 and --keep-days 0 keep "
                                  "everything; a new password is read from stdin"),
         &makePbxEditCommand},
        {QStringLiteral("pbx list"), QString(),
         QT_TRANSLATE_NOOP("Cli", "list the PBXs: name, address, role, schedule"),
         &makePbxListCommand},
        {QStringLiteral("pbx show"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "show one PBX"), &makePbxShowCommand},
        {QStringLiteral("pbx test"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "connect, log in and report the firmware"), &makePbxTestCommand},
        {QStringLiteral("pbx trust"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "trust the certificate the PBX presents; replacing a pinned "
                                  "certificate needs --trust-fingerprint"),
         &makePbxTrustCommand},
        {QStringLiteral("pbx files"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "list the backup files stored on the PBX itself, each \"in "
                                  "vault\" or \"missing\"; --fetch or --all-missing downloads "
                                  "them into the vault (verified, catalogued as fetched from the "
                                  "PBX)"),
         &makePbxFilesCommand},
        {QStringLiteral("pbx remove"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "remove a PBX from the registry"), &makePbxRemoveCommand},
        {QStringLiteral("backup"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "back the PBX up now, verify and catalogue the backup, apply "
                                  "its retention"),
         &makeBackupCommand},
        {QStringLiteral("backup --all"), QString(),
         QT_TRANSLATE_NOOP("Cli", "back up every enabled PBX, --jobs at a time (default: the "
                                  "Settings value)"),
         &makeBackupAllCommand},
        {QStringLiteral("backups"), QString(),
         QT_TRANSLATE_NOOP("Cli", "list the backups in the catalog"), &makeBackupsCommand},
        {QStringLiteral("show"), QStringLiteral("ID"),
         QT_TRANSLATE_NOOP("Cli", "show one backup and the files inside it"), &makeShowCommand},
        {QStringLiteral("diff"), QStringLiteral("ID [ID2]"),
         QT_TRANSLATE_NOOP("Cli", "what changed from backup ID to backup ID2 (without ID2: from "
                                  "the previous backup of the same PBX and tenant to ID), member "
                                  "by member, as a unified diff; exits 0 when they are the same, "
                                  "1 when they differ, 2 or more on trouble (never 1)"),
         &makeDiffCommand},
        {QStringLiteral("verify"), QStringLiteral("ID"),
         QT_TRANSLATE_NOOP("Cli", "check a backup file: checksum, then a full read"),
         &makeVerifyCommand},
        {QStringLiteral("verify --all"), QString(),
         QT_TRANSLATE_NOOP("Cli", "check every backup file"), &makeVerifyAllCommand},
        {QStringLiteral("restore"), QStringLiteral("ID"),
         QT_TRANSLATE_NOOP("Cli", "restore a backup onto a PBX, after a safety backup of it"),
         &makeRestoreCommand},
        {QStringLiteral("restores"), QString(), QT_TRANSLATE_NOOP("Cli", "the history of restores"),
         &makeRestoresCommand},
        {QStringLiteral("delete"), QStringLiteral("ID"),
         QT_TRANSLATE_NOOP("Cli", "delete a backup from the catalog and the disk"),
         &makeDeleteCommand},
        {QStringLiteral("import"), QStringLiteral("FILE"),
         QT_TRANSLATE_NOOP("Cli", "add a backup file taken elsewhere; a file whose format PBX "
                                  "Vault cannot read needs --unverified and is marked \"checksum "
                                  "only\""),
         &makeImportCommand},
        {QStringLiteral("export"), QStringLiteral("ID FILE"),
         QT_TRANSLATE_NOOP("Cli", "write the backup to FILE as the plain file the PBX sent "
                                  "(decrypted when the vault is encrypted), owner-only; FILE is "
                                  "replaced only once complete"),
         &makeExportCommand},
        {QStringLiteral("key init"), QString(),
         QT_TRANSLATE_NOOP("Cli", "encrypt the vault's new backups: create its key in the "
                                  "keychain and print the recovery key once"),
         &makeKeyInitCommand},
        {QStringLiteral("key status"), QString(),
         QT_TRANSLATE_NOOP("Cli", "whether the vault is encrypted, its key id, whether the key "
                                  "is loaded, and how many backup files are encrypted"),
         &makeKeyStatusCommand},
        {QStringLiteral("key export"), QString(),
         QT_TRANSLATE_NOOP("Cli", "print the recovery key of the vault"), &makeKeyExportCommand},
        {QStringLiteral("key import"), QString(),
         QT_TRANSLATE_NOOP("Cli", "read a recovery key from stdin and store it in the keychain, "
                                  "to open the vault's backups on this machine"),
         &makeKeyImportCommand},
        {QStringLiteral("encrypt --all"), QString(),
         QT_TRANSLATE_NOOP("Cli", "encrypt every plain backup file of an encrypted vault in "
                                  "place, each replaced atomically once verified"),
         &makeEncryptAllCommand},
        {QStringLiteral("jobs"), QString(), QT_TRANSLATE_NOOP("Cli", "the job log"),
         &makeJobsCommand},
        {QStringLiteral("daemon"), QString(),
         QT_TRANSLATE_NOOP("Cli", "run the backup schedules with no window; SIGTERM stops it "
                                  "once running jobs have finished"),
         &makeDaemonCommand},
        {QStringLiteral("hooks list"), QString(),
         QT_TRANSLATE_NOOP("Cli", "the commands run before and after backups and restores, for "
                                  "every PBX and for each PBX (--pbx: one)"),
         &makeHooksListCommand},
        {QStringLiteral("hooks set"), QStringLiteral("EVENT COMMAND"),
         QT_TRANSLATE_NOOP("Cli", "run COMMAND (one argument, with sh -c) at EVENT: pre-backup, "
                                  "post-backup, pre-restore or post-restore, for every PBX or "
                                  "for the --pbx one; a failing pre- hook skips the job; the "
                                  "command gets PBXVAULT_* variables (see the manual)"),
         &makeHooksSetCommand},
        {QStringLiteral("hooks clear"), QStringLiteral("EVENT"),
         QT_TRANSLATE_NOOP("Cli", "remove the hook of EVENT, for every PBX or for the --pbx one"),
         &makeHooksClearCommand},
        {QStringLiteral("target add"), QStringLiteral("NAME LOCATION"),
         QT_TRANSLATE_NOOP("Cli", "copy every new backup to LOCATION too: a mounted folder (an "
                                  "absolute path) or sftp://user@host[:port]/dir (with --ssh-key "
                                  "or --password-stdin; the server's host key is pinned on first "
                                  "use); each copy is read back and its SHA-256 checked"),
         &makeTargetAddCommand},
        {QStringLiteral("target list"), QString(),
         QT_TRANSLATE_NOOP("Cli", "the copy targets, with how many backups are copied, failed "
                                  "or missing on each"),
         &makeTargetListCommand},
        {QStringLiteral("target remove"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "stop copying to a target (the copies on it stay there)"),
         &makeTargetRemoveCommand},
        {QStringLiteral("target sync"), QStringLiteral("[NAME]"),
         QT_TRANSLATE_NOOP("Cli", "copy every backup still missing on the targets (or on NAME) "
                                  "now, and apply retention there"),
         &makeTargetSyncCommand},
        {QStringLiteral("catalog copy"), QString(),
         QT_TRANSLATE_NOOP("Cli", "copy the whole catalog (PBXs, backups, restores, jobs, copy "
                                  "targets) into the empty catalog at --to (postgresql://... or "
                                  "an SQLite file), in one transaction, verifying row counts; "
                                  "with --catalog, the other way round"),
         &makeCatalogCopyCommand},
        {QStringLiteral("catalog login"), QStringLiteral("LOCATION"),
         QT_TRANSLATE_NOOP("Cli", "read the password of the PostgreSQL catalog at LOCATION "
                                  "(postgresql://user@host:port/db) from stdin, test it against "
                                  "the server and, once accepted, keep it in the keychain for "
                                  "--catalog and the window; a refused password is not stored"),
         &makeCatalogLoginCommand},
        {QStringLiteral("catalog logout"), QStringLiteral("LOCATION"),
         QT_TRANSLATE_NOOP("Cli", "forget the keychain's password of the PostgreSQL catalog at "
                                  "LOCATION"),
         &makeCatalogLogoutCommand},
        {QStringLiteral("store show"), QString(),
         QT_TRANSLATE_NOOP("Cli", "where new backups go (each computer's data directory or the "
                                  "team's shared store), and where this computer mounts each "
                                  "shared store"),
         &makeStoreShowCommand},
        {QStringLiteral("store create"), QStringLiteral("NAME FOLDER"),
         QT_TRANSLATE_NOOP("Cli", "make FOLDER (a share every member mounts) the shared store "
                                  "NAME: new backups of every member go there, recorded relative "
                                  "to it; a marker file names it, so an unmounted share is never "
                                  "written to"),
         &makeStoreCreateCommand},
        {QStringLiteral("store map"), QStringLiteral("NAME FOLDER"),
         QT_TRANSLATE_NOOP("Cli", "tell this computer it mounts the shared store NAME at FOLDER "
                                  "(checked against the store's marker)"),
         &makeStoreMapCommand},
        {QStringLiteral("store unmap"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "forget where this computer mounts the shared store NAME"),
         &makeStoreUnmapCommand},
        {QStringLiteral("store local"), QString(),
         QT_TRANSLATE_NOOP("Cli", "new backups stay in each computer's data directory again; "
                                  "those in the shared store stay there"),
         &makeStoreLocalCommand},
        {QStringLiteral("run-due"), QString(),
         QT_TRANSLATE_NOOP("Cli", "run the scheduled backups that are due now (missed ones "
                                  "once) and exit, for system cron"),
         &makeRunDueCommand},
    };
    return table;
}

const QVector<CliOptionSpec> &CliSyntax::options()
{
    const QStringList pbxAdd{QStringLiteral("pbx add")};
    const QStringList pbxAddEdit{QStringLiteral("pbx add"), QStringLiteral("pbx edit")};
    static const QVector<CliOptionSpec> table{
        {QStringLiteral("data-dir"),
         QStringLiteral("DIR"),
         QT_TRANSLATE_NOOP("Cli", "Use DIR for the catalog, the backups and the settings."),
         {},
         {}},
        {QStringLiteral("catalog"),
         QStringLiteral("LOCATION"),
         QT_TRANSLATE_NOOP("Cli", "Use this catalog instead of the data directory's: an SQLite "
                                  "file, or postgresql://user@host:port/db (the password comes "
                                  "from the keychain, see catalog login, or from PGPASSFILE or "
                                  "~/.pgpass; never the command line)."),
         {},
         {}},
        {QStringLiteral("json"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "Print one JSON document on stdout."),
         {},
         {}},
        {QStringLiteral("quiet"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "No progress line on a terminal."),
         {},
         {}},
        {QStringLiteral("timeout"),
         QStringLiteral("SECONDS"),
         QT_TRANSLATE_NOOP("Cli", "Give up on a PBX that sends nothing for SECONDS (default 30)."),
         {},
         {}},
        {QStringLiteral("url"), QStringLiteral("URL"),
         QT_TRANSLATE_NOOP("Cli", "address of the PBX (https://host[:port])."), pbxAddEdit, pbxAdd},
        {QStringLiteral("user"), QStringLiteral("USER"), QT_TRANSLATE_NOOP("Cli", "PBX user name."),
         pbxAddEdit, pbxAdd},
        {QStringLiteral("password-stdin"), QString(),
         QT_TRANSLATE_NOOP("Cli", "read the password from stdin (it is never given on the "
                                  "command line)."),
         list({"pbx add", "pbx edit", "target add", "catalog login"}),
         list({"pbx add", "catalog login"})},
        {QStringLiteral("ssh-key"),
         QStringLiteral("FILE"),
         QT_TRANSLATE_NOOP("Cli", "log in to the SFTP server with this OpenSSH private key; it is "
                                  "stored in the keychain."),
         list({"target add"}),
         {}},
        {QStringLiteral("trust-host-key"),
         QStringLiteral("SHA256:..."),
         QT_TRANSLATE_NOOP("Cli", "accept only the SSH host key with this fingerprint (as "
                                  "ssh-keygen -l prints it)."),
         list({"target add"}),
         {}},
        {QStringLiteral("tenant"),
         QStringLiteral("DOMAIN"),
         QT_TRANSLATE_NOOP("Cli", "tenant domain (default \"default\")."),
         pbxAddEdit,
         {}},
        {QStringLiteral("role"),
         QStringLiteral("ROLE"),
         QT_TRANSLATE_NOOP("Cli", "master or secondary."),
         pbxAddEdit,
         {}},
        {QStringLiteral("schedule"),
         QStringLiteral("CRON"),
         QT_TRANSLATE_NOOP("Cli", "periodic backups, 5-field cron expression."),
         pbxAddEdit,
         {}},
        {QStringLiteral("keep"),
         QStringLiteral("N"),
         QT_TRANSLATE_NOOP("Cli", "keep the last N backups."),
         pbxAddEdit,
         {}},
        {QStringLiteral("keep-days"),
         QStringLiteral("N"),
         QT_TRANSLATE_NOOP("Cli", "keep backups for N days."),
         pbxAddEdit,
         {}},
        {QStringLiteral("keep-only-changed"),
         QStringLiteral("yes|no"),
         QT_TRANSLATE_NOOP("Cli", "yes: a scheduled backup with no changes since the previous "
                                  "one is verified, then discarded (manual backups are always "
                                  "kept)."),
         pbxAddEdit,
         {}},
        {QStringLiteral("trust-fingerprint"),
         QStringLiteral("SHA256"),
         QT_TRANSLATE_NOOP("Cli", "accept the certificate with this SHA-256 fingerprint."),
         list({"pbx add", "pbx edit", "pbx trust"}),
         {}},
        {QStringLiteral("enable"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "enable the PBX again."),
         list({"pbx edit"}),
         {}},
        {QStringLiteral("disable"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "disable the PBX: no backups or restores until --enable."),
         list({"pbx edit"}),
         {}},
        {QStringLiteral("fetch"),
         QStringLiteral("REMOTE_NAME"),
         QT_TRANSLATE_NOOP("Cli", "fetch the PBX's backup of that name into the vault."),
         list({"pbx files"}),
         {}},
        {QStringLiteral("all-missing"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "fetch every backup of the PBX the vault does not hold yet."),
         list({"pbx files"}),
         {}},
        {QStringLiteral("delete-backups"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "also delete the PBX's backups."),
         list({"pbx remove"}),
         {}},
        {QStringLiteral("hook-timeout"),
         QStringLiteral("SECONDS"),
         QT_TRANSLATE_NOOP("Cli", "stop each hook after SECONDS (default 300); applies to every "
                                  "hook."),
         list({"hooks set"}),
         {}},
        {QStringLiteral("comment"),
         QStringLiteral("TEXT"),
         QT_TRANSLATE_NOOP("Cli", "comment stored with the backup."),
         list({"backup", "backup --all"}),
         {}},
        {QStringLiteral("all"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "every enabled PBX / every backup."),
         list({"backup --all", "verify --all", "encrypt --all"}),
         {}},
        {QStringLiteral("jobs"),
         QStringLiteral("N"),
         QT_TRANSLATE_NOOP("Cli", "PBXs backed up at once (default: Settings, concurrent "
                                  "jobs)."),
         list({"backup --all"}),
         {}},
        {QStringLiteral("pbx"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "the PBX (for hooks: that PBX's own hooks)."),
         list({"backups", "import", "hooks list", "hooks set", "hooks clear"}), list({"import"})},
        {QStringLiteral("unverified"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "accept a file whose format PBX Vault cannot read; only its "
                                  "checksum is checked and it is marked \"checksum only\"."),
         list({"import"}),
         {}},
        {QStringLiteral("to"), QStringLiteral("NAME"),
         QT_TRANSLATE_NOOP("Cli", "target PBX; for catalog copy, the catalog to fill."),
         list({"restore", "catalog copy"}), list({"restore", "catalog copy"})},
        {QStringLiteral("no-safety-backup"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "do not back up the target before restoring."),
         list({"restore"}),
         {}},
        {QStringLiteral("force"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "allow a backup from newer firmware."),
         list({"restore"}),
         {}},
        {QStringLiteral("stat"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "one line per member instead of the diff: status, name, size "
                                  "before and after."),
         list({"diff"}),
         {}},
        {QStringLiteral("on-pbx"),
         QString(),
         QT_TRANSLATE_NOOP("Cli", "also delete the copy stored on the PBX."),
         list({"delete"}),
         {}},
        {QStringLiteral("retry-delay"),
         QStringLiteral("SECONDS"),
         QT_TRANSLATE_NOOP("Cli", "wait SECONDS before retrying a transient failure, doubling "
                                  "each time (default 60)."),
         list({"daemon", "run-due"}),
         {}},
    };
    return table;
}

void CliSyntax::addOptions(QCommandLineParser &parser)
{
    for (const CliOptionSpec &o : options()) {
        QString help = QCoreApplication::translate("Cli", o.help);
        if (!o.isGlobal())
            help = o.commands.join(QStringLiteral(", ")) + QStringLiteral(": ") + help;
        parser.addOption(QCommandLineOption(o.name, help, o.valueName));
    }
}

QString CliSyntax::synopsis(const CliCommandSpec &command)
{
    QString text = command.key;
    if (!command.arguments.isEmpty())
        text += QLatin1Char(' ') + command.arguments;
    for (const CliOptionSpec &o : options()) {
        if (o.isGlobal() || !o.appliesTo(command.key) || command.key.endsWith(o.usage()))
            continue;
        text += QLatin1Char(' ') + (o.requiredBy.contains(command.key)
                                        ? o.usage()
                                        : QStringLiteral("[%1]").arg(o.usage()));
    }
    return text;
}

QString CliSyntax::description()
{
    QString text = tr("Backups for KalliopePBX phone systems.\n"
                      "Without a command the window opens. Commands (no window; never prompt):");
    for (const CliCommandSpec &c : commands()) {
        text += QLatin1Char('\n') +
                wrapped(synopsis(c), QStringLiteral("  "), QStringLiteral("        "));
        text += QLatin1Char('\n') + wrapped(QCoreApplication::translate("Cli", c.summary),
                                            QStringLiteral("      "), QStringLiteral("      "));
    }
    text += QLatin1Char('\n') +
            wrapped(tr("On success a command prints its result on stdout (with --json one JSON "
                       "document) and exits 0; otherwise it prints one line on stderr and exits "
                       "with one of these codes."),
                    QString(), QString()) +
            QLatin1Char('\n') + exitStatusHelp();
    return text;
}

bool CliSyntax::takesValue(const QString &argument)
{
    if (!argument.startsWith(QLatin1String("--")))
        return false;
    for (const CliOptionSpec &o : options()) {
        if (!o.valueName.isEmpty() && argument.mid(2) == o.name)
            return true;
    }
    return false;
}

const CliCommandSpec *CliSyntax::resolve(const QStringList &arguments, bool all, QString *error)
{
    if (arguments.isEmpty()) {
        *error = tr("No command given.");
        return nullptr;
    }
    QVector<const CliCommandSpec *> named;   // first word matches
    QVector<const CliCommandSpec *> matches; // every word matches
    for (const CliCommandSpec &c : commands()) {
        const QStringList words = c.words();
        if (words.first() != arguments.first())
            continue;
        named.append(&c);
        if (arguments.mid(0, words.size()) == words)
            matches.append(&c);
    }
    if (named.isEmpty()) {
        *error = tr("Unknown command \"%1\".").arg(arguments.first());
        return nullptr;
    }
    if (matches.isEmpty()) {
        QStringList subcommands;
        for (const CliCommandSpec *c : named)
            subcommands.append(c->words().value(1));
        subcommands.removeDuplicates();
        *error = arguments.size() < 2
                     ? tr("%1 needs a command; use %2.")
                           .arg(arguments.first(), subcommands.join(QStringLiteral(", ")))
                     : tr("Unknown %1 command \"%2\"; use %3.")
                           .arg(arguments.first(), arguments.at(1),
                                subcommands.join(QStringLiteral(", ")));
        return nullptr;
    }
    for (const CliCommandSpec *c : matches) {
        if (c->isAllForm() == all)
            return c;
    }
    // --all on a command without an --all form: check() says it does not apply.
    for (const CliCommandSpec *c : matches) {
        if (!c->isAllForm())
            return c;
    }
    return matches.first();
}

QString CliSyntax::check(const CliCommandSpec &command, const QCommandLineParser &parser)
{
    const QString name = command.words().join(QLatin1Char(' '));
    for (const CliOptionSpec &o : options()) {
        if (parser.isSet(o.name) && !o.appliesTo(command.key))
            return tr("--%1 does not apply to the command \"%2\".").arg(o.name, name);
    }
    // Placeholders in brackets ("ID [ID2]") may be left out.
    const int optional = int(command.arguments.count(QLatin1Char('[')));
    const int given = int(parser.positionalArguments().size());
    if (given > command.argumentCount() || given < command.argumentCount() - optional)
        return tr("Usage: pbxvault %1").arg(synopsis(command));
    for (const CliOptionSpec &o : options()) {
        if (o.requiredBy.contains(command.key) && !parser.isSet(o.name))
            return tr("%1 needs %2.").arg(name, o.usage());
    }
    return {};
}

} // namespace pbxvault
