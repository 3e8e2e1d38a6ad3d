#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"
#include "schedule/CronExpression.h"

namespace pbxvault {
namespace {

// pbx add NAME --url URL --user USER --password-stdin [...]
class PbxAddCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxAddCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        PbxRecord pbx;
        pbx.name = c.arg(2);
        pbx.url = QUrl(c.value(QStringLiteral("url")), QUrl::StrictMode);
        pbx.username = c.value(QStringLiteral("user"));
        if (c.isSet(QStringLiteral("tenant")))
            pbx.tenant = c.value(QStringLiteral("tenant"));
        const QString role = c.value(QStringLiteral("role"));
        if (!role.isEmpty() && !fromString(role, &pbx.role)) {
            c.usage(tr("--role must be master or secondary."));
            return;
        }
        if (role.isEmpty())
            pbx.role = c.catalog().pbxs().isEmpty() ? PbxRole::Master : PbxRole::Secondary;
        if (c.isSet(QStringLiteral("schedule"))) {
            QString error;
            const CronExpression cron =
                CronExpression::parse(c.value(QStringLiteral("schedule")), &error);
            if (!cron.isValid()) {
                c.usage(tr("Invalid --schedule: %1").arg(error));
                return;
            }
            pbx.schedule = cron.text();
        }
        for (const auto &[option, target] :
             {std::pair{QStringLiteral("keep"), &pbx.keepLast},
              std::pair{QStringLiteral("keep-days"), &pbx.keepDays}}) {
            if (!c.isSet(option))
                continue;
            bool ok = false;
            *target = c.value(option).toInt(&ok);
            if (!ok || *target < 1) {
                c.usage(tr("--%1 needs a whole number of at least 1.").arg(option));
                return;
            }
        }
        if (c.isSet(QStringLiteral("keep-only-changed")) &&
            !readKeepOnlyChanged(c, &pbx.keepOnlyChanged))
            return;
        pbx.fingerprint = c.value(QStringLiteral("trust-fingerprint"));
        const QString password = CliContext::readPasswordFromStdin();
        c.waitFor(c.ops().addPbx(pbx, password), [&c](Job *job) {
            if (!job->ok()) {
                c.failJob(job);
                return;
            }
            const PbxRecord stored = *c.catalog().pbx(job->pbxId());
            if (stored.url.scheme() == QLatin1String("http"))
                c.printNotice(tr("Warning: %1 uses plain http; its password and backups "
                                 "cross the network unencrypted.")
                                  .arg(stored.name));
            if (c.json())
                c.printJson(toJson(stored));
            else
                c.printLine(CliContext::printable(
                    tr("Added %1 (%2, %3).")
                        .arg(stored.name, stored.url.toString(), Labels::role(stored.role))));
            c.succeed();
        });
    }
};

} // namespace

bool readKeepOnlyChanged(CliContext &context, bool *keep)
{
    const QString value = context.value(QStringLiteral("keep-only-changed")).trimmed().toLower();
    if (value == QLatin1String("yes") || value == QLatin1String("no")) {
        *keep = value == QLatin1String("yes");
        return true;
    }
    context.usage(PbxAddCommand::tr("--keep-only-changed must be yes or no."));
    return false;
}

std::unique_ptr<Command> makePbxAddCommand(CliContext &context)
{
    return std::make_unique<PbxAddCommand>(context);
}

} // namespace pbxvault
