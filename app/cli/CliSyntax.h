#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

class QCommandLineParser;

namespace pbxvault {

class CliContext;
class Command;

// One command: "pbx add", "backup", "backup --all" (a key ending in --all is the form of
// the command chosen by that flag).
struct CliCommandSpec
{
    QString key;
    QString arguments;   // positional placeholders after the key, e.g. "NAME" or "ID"
    const char *summary; // one line for --help (translated at display time)
    std::unique_ptr<Command> (*create)(CliContext &context);

    QStringList words() const; // the key without --all
    bool isAllForm() const;    // the key ends in --all
    int argumentCount() const; // words().size() + the placeholders
};

// One option, declared once with the commands it applies to (none = every command) and
// those that require it. QCommandLineParser options, --help and validation come from here.
struct CliOptionSpec
{
    QString name;
    QString valueName; // empty: a flag
    const char *help;  // translated at display time
    QStringList commands;
    QStringList requiredBy;

    bool isGlobal() const { return commands.isEmpty(); }
    bool appliesTo(const QString &key) const { return isGlobal() || commands.contains(key); }
    QString usage() const; // "--to NAME"
};

// The command-line grammar of `pbxvault COMMAND`.
class CliSyntax
{
    Q_DECLARE_TR_FUNCTIONS(CliSyntax)
public:
    static const QVector<CliCommandSpec> &commands();
    static const QVector<CliOptionSpec> &options();

    static void addOptions(QCommandLineParser &parser);
    // The application description printed by --help: commands, then exit status.
    static QString description();
    static QString synopsis(const CliCommandSpec &command); // "restore ID --to NAME [--force]"
    // True for "--url" and the other options that take the next argument as value.
    static bool takesValue(const QString &argument);

    // The command the positional arguments name (all: --all was given). nullptr and *error
    // (a usage message) when they name none.
    static const CliCommandSpec *resolve(const QStringList &arguments, bool all, QString *error);
    // A usage message when an option given does not apply to the command, a required one is
    // missing or the number of arguments is wrong; empty when the command line is fine.
    static QString check(const CliCommandSpec &command, const QCommandLineParser &parser);
};

} // namespace pbxvault
