#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "common/AppSettings.h"
#include "hooks/HookRunner.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

const QStringList &eventNames()
{
    static const QStringList names{toString(HookEvent::PreBackup), toString(HookEvent::PostBackup),
                                   toString(HookEvent::PreRestore),
                                   toString(HookEvent::PostRestore)};
    return names;
}

// The scope --pbx names (empty: every PBX); false after reporting an unknown PBX.
bool scopeOf(CliContext &c, QString *scope, QString *pbxName)
{
    if (!c.isSet(QStringLiteral("pbx")))
        return true;
    const std::optional<PbxRecord> pbx = c.findPbx(c.value(QStringLiteral("pbx")));
    if (!pbx)
        return false;
    *scope = AppSettings::hookScope(c.catalog().catalogId(), pbx->id);
    *pbxName = pbx->name;
    return true;
}

QJsonObject hooksJson(const AppSettings &settings, const QString &scope)
{
    QJsonObject o;
    for (const QString &event : eventNames()) {
        const QString command = settings.hookCommand(scope, event);
        if (!command.isEmpty())
            o.insert(event, command);
    }
    return o;
}

// hooks list [--pbx NAME]: the hooks for every PBX and those of each PBX (or of one).
class HooksListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(HooksListCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const AppSettings &s = c.settings();
        QVector<PbxRecord> pbxs;
        if (c.isSet(QStringLiteral("pbx"))) {
            const std::optional<PbxRecord> pbx = c.findPbx(c.value(QStringLiteral("pbx")));
            if (!pbx)
                return;
            pbxs.append(*pbx);
        } else {
            pbxs = c.catalog().pbxs();
        }
        const QString catalogId = c.catalog().catalogId();
        if (c.json()) {
            QJsonObject doc;
            doc.insert(QStringLiteral("timeout_seconds"), s.hookTimeoutSeconds());
            doc.insert(QStringLiteral("all"), hooksJson(s, QString()));
            QJsonArray perPbx;
            for (const PbxRecord &p : pbxs) {
                const QJsonObject hooks = hooksJson(s, AppSettings::hookScope(catalogId, p.id));
                if (hooks.isEmpty())
                    continue;
                QJsonObject o;
                o.insert(QStringLiteral("pbx"), p.name);
                o.insert(QStringLiteral("hooks"), hooks);
                perPbx.append(o);
            }
            doc.insert(QStringLiteral("pbxs"), perPbx);
            c.printJson(doc);
            c.succeed();
            return;
        }
        int shown = 0;
        const auto print = [&](const QString &who, const QString &scope) {
            for (const QString &event : eventNames()) {
                const QString command = s.hookCommand(scope, event);
                if (command.isEmpty())
                    continue;
                c.printLine(CliContext::row({who, event, CliContext::printable(command)}));
                ++shown;
            }
        };
        print(tr("(every PBX)"), QString());
        for (const PbxRecord &p : pbxs)
            print(CliContext::printable(p.name), AppSettings::hookScope(catalogId, p.id));
        if (shown == 0)
            c.printNotice(tr("No hooks are set."));
        else
            c.printNotice(tr("Time limit of each hook: %1 s.").arg(s.hookTimeoutSeconds()));
        c.succeed();
    }
};

// hooks set EVENT COMMAND [--pbx NAME] [--hook-timeout SECONDS]
class HooksSetCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(HooksSetCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString event = c.arg(2);
        if (!eventNames().contains(event)) {
            c.usage(
                tr("Unknown hook \"%1\"; use %2.")
                    .arg(CliContext::printable(event), eventNames().join(QStringLiteral(", "))));
            return;
        }
        const QString command = c.arg(3).trimmed();
        if (command.isEmpty()) {
            c.usage(tr("The command is empty; to remove a hook, use \"hooks clear\"."));
            return;
        }
        QString scope;
        QString pbxName;
        if (!scopeOf(c, &scope, &pbxName))
            return;
        if (c.isSet(QStringLiteral("hook-timeout"))) {
            bool ok = false;
            const int seconds = c.value(QStringLiteral("hook-timeout")).toInt(&ok);
            if (!ok || seconds < 1 || seconds > 86400) {
                c.usage(tr("--hook-timeout needs a number of seconds from 1 to 86400."));
                return;
            }
            c.settings().setHookTimeoutSeconds(seconds);
        }
        c.settings().setHookCommand(scope, event, command);
        c.settings().sync();
        c.printNotice(
            pbxName.isEmpty()
                ? tr("The %1 hook for every PBX is set.").arg(event)
                : tr("The %1 hook for %2 is set.").arg(event, CliContext::printable(pbxName)));
        c.succeed();
    }
};

// hooks clear EVENT [--pbx NAME]
class HooksClearCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(HooksClearCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString event = c.arg(2);
        if (!eventNames().contains(event)) {
            c.usage(
                tr("Unknown hook \"%1\"; use %2.")
                    .arg(CliContext::printable(event), eventNames().join(QStringLiteral(", "))));
            return;
        }
        QString scope;
        QString pbxName;
        if (!scopeOf(c, &scope, &pbxName))
            return;
        c.settings().setHookCommand(scope, event, QString());
        c.settings().sync();
        c.printNotice(
            pbxName.isEmpty()
                ? tr("The %1 hook for every PBX is removed.").arg(event)
                : tr("The %1 hook for %2 is removed.").arg(event, CliContext::printable(pbxName)));
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeHooksListCommand(CliContext &context)
{
    return std::make_unique<HooksListCommand>(context);
}
std::unique_ptr<Command> makeHooksSetCommand(CliContext &context)
{
    return std::make_unique<HooksSetCommand>(context);
}
std::unique_ptr<Command> makeHooksClearCommand(CliContext &context)
{
    return std::make_unique<HooksClearCommand>(context);
}

} // namespace pbxvault
