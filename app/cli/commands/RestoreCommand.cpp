#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/ProgressLine.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

namespace pbxvault {
namespace {

// restore ID --to NAME [--no-safety-backup] [--force]
class RestoreCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RestoreCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<qint64> id = c.parseId(c.arg(1));
        if (!id)
            return;
        const std::optional<PbxRecord> target = c.findPbx(c.value(QStringLiteral("to")));
        if (!target)
            return;
        RestoreOptions options;
        options.safetyBackup = !c.isSet(QStringLiteral("no-safety-backup"));
        options.force = c.isSet(QStringLiteral("force"));
        Job *restore = c.ops().restoreBackup(*id, target->id, options);
        c.progress().track(restore);
        c.waitFor(restore, [&c](Job *job) {
            std::optional<RestoreRecord> r;
            if (job->restoreId() > 0)
                r = c.catalog().restore(job->restoreId());
            if (c.json() && r)
                c.printJson(toJson(*r));
            if (!job->ok()) {
                c.failJob(job);
                return;
            }
            if (!c.json() && r)
                c.printLine(CliContext::printable(
                    tr("Restored %1 onto %2.").arg(r->filename, r->targetPbxName)));
            c.succeed();
        });
    }
};

} // namespace

std::unique_ptr<Command> makeRestoreCommand(CliContext &context)
{
    return std::make_unique<RestoreCommand>(context);
}

} // namespace pbxvault
