#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

// pbx list
class PbxListCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QVector<PbxRecord> pbxs = c.catalog().pbxs();
        if (c.json()) {
            QJsonArray array;
            for (const PbxRecord &p : pbxs)
                array.append(toJson(p));
            c.printJson(array);
        } else {
            for (const PbxRecord &p : pbxs)
                c.printLine(
                    CliContext::row({p.name, p.url.toString(), toString(p.role),
                                     p.schedule.isEmpty() ? QStringLiteral("-") : p.schedule}) +
                    (p.enabled ? QString() : QStringLiteral("\t(disabled)")));
        }
        c.succeed();
    }
};

// pbx show NAME
class PbxShowCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        const QJsonObject o = toJson(*pbx);
        if (c.json()) {
            c.printJson(o);
        } else {
            for (auto it = o.begin(); it != o.end(); ++it)
                c.printLine(QStringLiteral("%1: %2").arg(
                    it.key(), CliContext::printable(it.value().toVariant().toString())));
        }
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makePbxListCommand(CliContext &context)
{
    return std::make_unique<PbxListCommand>(context);
}

std::unique_ptr<Command> makePbxShowCommand(CliContext &context)
{
    return std::make_unique<PbxShowCommand>(context);
}

} // namespace pbxvault
