#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

// The retention of a PBX in words: "last 7 backups, 30 days", or "keep everything".
QString retentionInWords(const PbxRecord &p)
{
    QStringList rules;
    if (p.keepLast > 0)
        rules << QCoreApplication::translate("Cli", "last %n backup(s)", nullptr, p.keepLast);
    if (p.keepDays > 0)
        rules << QCoreApplication::translate("Cli", "%n day(s)", nullptr, p.keepDays);
    return rules.isEmpty() ? QCoreApplication::translate("Cli", "keep everything")
                           : rules.join(QStringLiteral(", "));
}

// pbx list
class PbxListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxListCommand)
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
                    CliContext::row({p.name, p.url.toString(), Labels::role(p.role),
                                     p.schedule.isEmpty() ? QStringLiteral("-") : p.schedule}) +
                    (p.enabled ? QString() : QLatin1Char('\t') + tr("(disabled)")));
        }
        c.succeed();
    }
};

// pbx show NAME
class PbxShowCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxShowCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        if (c.json()) {
            c.printJson(toJson(*pbx));
        } else {
            const PbxRecord &p = *pbx;
            c.printFields(
                {{tr("Name"), p.name},
                 {tr("Address"), p.url.toString()},
                 {tr("Tenant"), p.tenant},
                 {tr("Username"), p.username},
                 {tr("Role"), Labels::role(p.role)},
                 {tr("Schedule"), p.schedule.isEmpty() ? tr("no automatic backups") : p.schedule},
                 {tr("Retention"), retentionInWords(p)},
                 {tr("Unchanged backups"),
                  p.keepOnlyChanged ? tr("discarded (scheduled backups only)") : tr("kept")},
                 {tr("Certificate"), p.fingerprint.isEmpty()
                                         ? tr("none trusted yet")
                                         : PbxClient::formatFingerprint(p.fingerprint)},
                 {tr("State"), p.enabled ? tr("enabled") : tr("disabled")}});
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
