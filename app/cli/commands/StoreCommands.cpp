// store show | create NAME FOLDER | map NAME FOLDER | unmap NAME | local: the team's shared
// backup store (catalog/StoreMounts, ops/SharedStoreFolder).
#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "common/AppSettings.h"
#include "ops/SharedStoreFolder.h"
#include "ops/Vault.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool validName(CliContext &c, const QString &name)
{
    const QString problem = StoreMounts::nameProblem(name);
    if (!problem.isEmpty())
        c.usage(CliContext::printable(problem));
    return problem.isEmpty();
}

// NAME FOLDER of create and map, the folder made absolute; false after a usage error.
bool nameAndFolder(CliContext &c, QString *name, QString *folder)
{
    *name = c.arg(2);
    if (!validName(c, *name))
        return false;
    const QString given = c.arg(3);
    if (given.isEmpty()) {
        c.usage(QCoreApplication::translate("StoreCommands", "Give the folder of the store."));
        return false;
    }
    *folder = QDir::cleanPath(QDir(given).absolutePath());
    return true;
}

// store show: where new backups go, and where this computer mounts each store.
class StoreShowCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StoreShowCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString shared = c.catalog().sharedStore();
        if (!c.catalog().lastError().isEmpty()) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        const QHash<QString, QString> mounts = c.settings().storeMounts();
        ErrorMessage problem;
        const bool writable = c.vault().storeForWriting(&problem);
        QStringList names = mounts.keys();
        if (!shared.isEmpty() && !names.contains(shared))
            names << shared;
        names.sort();
        if (c.json()) {
            QJsonObject doc;
            doc.insert(QStringLiteral("shared_store"), shared);
            doc.insert(QStringLiteral("new_backups_folder"),
                       writable ? c.vault().store().root() : QString());
            doc.insert(QStringLiteral("ready"), writable);
            doc.insert(QStringLiteral("problem"), writable ? QString() : problem.text());
            QJsonArray stores;
            for (const QString &name : std::as_const(names)) {
                QJsonObject o;
                o.insert(QStringLiteral("name"), name);
                o.insert(QStringLiteral("folder"), mounts.value(name));
                ErrorMessage why;
                o.insert(QStringLiteral("reachable"),
                         SharedStoreFolder::check(mounts.value(name), name, c.catalog().catalogId(),
                                                  &why));
                stores.append(o);
            }
            doc.insert(QStringLiteral("stores"), stores);
            c.printJson(doc);
            c.succeed();
            return;
        }
        if (shared.isEmpty())
            c.printLine(tr("New backups stay on each computer, here in %1.")
                            .arg(native(c.vault().localBackupFolder())));
        else if (writable)
            c.printLine(tr("New backups of every member go to the shared store \"%1\", here at %2.")
                            .arg(shared, native(c.vault().store().root())));
        else
            c.printLine(
                tr("New backups of every member go to the shared store \"%1\".").arg(shared));
        for (const QString &name : std::as_const(names)) {
            ErrorMessage why;
            const QString folder = mounts.value(name);
            const bool ok = SharedStoreFolder::check(folder, name, c.catalog().catalogId(), &why);
            c.printLine(
                CliContext::row({name, folder.isEmpty() ? tr("(not mapped)") : native(folder),
                                 ok ? tr("reachable") : tr("not reachable")}));
        }
        if (!writable)
            c.printNotice(problem.text());
        c.succeed();
    }
};

// store create NAME FOLDER: FOLDER becomes the team's store; new backups go there.
class StoreCreateCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StoreCreateCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        QString name, folder;
        if (!nameAndFolder(c, &name, &folder))
            return;
        QString error;
        if (!SharedStoreFolder::create(folder, name, c.catalog().catalogId(), &error)) {
            c.fail(JobError::Disk, error);
            return;
        }
        c.settings().setStoreMount(name, folder);
        if (!c.catalog().setSharedStore(name)) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        c.printNotice(tr("New backups of every member now go to the shared store \"%1\", here at "
                         "%2. Backups taken before stay where they are. On each other computer, "
                         "map it where that computer mounts the share: pbxvault store map %1 "
                         "FOLDER.")
                          .arg(name, native(folder)));
        c.succeed();
    }
};

// store map NAME FOLDER: where this computer mounts the store.
class StoreMapCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StoreMapCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        QString name, folder;
        if (!nameAndFolder(c, &name, &folder))
            return;
        ErrorMessage why;
        if (!SharedStoreFolder::check(folder, name, c.catalog().catalogId(), &why)) {
            c.fail(JobError::NotFound,
                   tr("%1 does not hold the shared store \"%2\" of this catalog (no matching "
                      "%3 marker there: is the share mounted?), so nothing was changed.")
                       .arg(native(folder), name, SharedStoreFolder::kMarkerName));
            return;
        }
        c.settings().setStoreMount(name, folder);
        c.printNotice(tr("This computer now reaches the shared store \"%1\" at %2.")
                          .arg(name, native(folder)));
        c.succeed();
    }
};

// store unmap NAME
class StoreUnmapCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StoreUnmapCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString name = c.arg(2);
        if (!validName(c, name))
            return;
        if (!c.settings().storeMounts().contains(name)) {
            c.fail(JobError::NotFound,
                   tr("The shared store \"%1\" is not mapped on this computer.").arg(name));
            return;
        }
        c.settings().setStoreMount(name, QString());
        c.printNotice(tr("The shared store \"%1\" is no longer mapped on this computer; its "
                         "files were left alone.")
                          .arg(name));
        c.succeed();
    }
};

// store local: new backups stay on each computer again.
class StoreLocalCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StoreLocalCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString before = c.catalog().sharedStore();
        if (!c.catalog().setSharedStore(QString())) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        c.printNotice(before.isEmpty()
                          ? tr("New backups already stay on each computer.")
                          : tr("New backups now stay on each computer; the backups in the "
                               "shared store \"%1\" stay there.")
                                .arg(before));
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeStoreShowCommand(CliContext &context)
{
    return std::make_unique<StoreShowCommand>(context);
}
std::unique_ptr<Command> makeStoreCreateCommand(CliContext &context)
{
    return std::make_unique<StoreCreateCommand>(context);
}
std::unique_ptr<Command> makeStoreMapCommand(CliContext &context)
{
    return std::make_unique<StoreMapCommand>(context);
}
std::unique_ptr<Command> makeStoreUnmapCommand(CliContext &context)
{
    return std::make_unique<StoreUnmapCommand>(context);
}
std::unique_ptr<Command> makeStoreLocalCommand(CliContext &context)
{
    return std::make_unique<StoreLocalCommand>(context);
}

} // namespace pbxvault
