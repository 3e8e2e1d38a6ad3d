#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/ProgressLine.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

namespace pbxvault {
namespace {

// import FILE --pbx NAME [--unverified]. A file PBX Vault cannot read as an archive is
// refused unless --unverified; then it is kept as "checksum only" (its content unchecked).
class ImportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.value(QStringLiteral("pbx")));
        if (!pbx)
            return;
        ImportOptions options;
        options.acceptChecksumOnly = c.isSet(QStringLiteral("unverified"));
        const QString file = c.arg(1);
        Job *import = c.ops().importBackup(file, pbx->id, options);
        c.progress().track(import);
        c.waitFor(import, [&c, file](Job *job) {
            if (!job->ok()) {
                QString hint;
                if (job->error() == JobError::Unreadable)
                    hint = tr("Nothing was imported. If you are sure %1 is a backup of this PBX, "
                              "run the same command with --unverified: only its checksum will be "
                              "checked and it will be marked \"checksum only\".")
                               .arg(file);
                c.failJob(job, hint);
                return;
            }
            const std::optional<BackupRecord> b = c.catalog().backup(job->backupId());
            if (!b) {
                c.fail(JobError::Catalog, c.catalog().lastError());
                return;
            }
            if (c.json())
                c.printJson(toJson(*b));
            else
                c.printLine(CliContext::printable(
                    tr("Imported as backup %1: %2 (%3)")
                        .arg(QString::number(b->id), b->path, verifyStateInWords(b->verified))));
            c.succeed();
        });
    }
};

} // namespace

std::unique_ptr<Command> makeImportCommand(CliContext &context)
{
    return std::make_unique<ImportCommand>(context);
}

} // namespace pbxvault
