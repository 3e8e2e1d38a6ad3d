#include "BackupReport.h"
#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/ProgressLine.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

namespace pbxvault {

QJsonObject BackupReport::json(const BackupRecord &backup, const Job *job)
{
    QJsonObject o = toJson(backup);
    o.insert(QStringLiteral("retentionDeleted"), job->retentionDeleted());
    o.insert(QStringLiteral("copies_made"), job->copiesMade());
    o.insert(QStringLiteral("copies_failed"), job->copiesFailed());
    o.insert(QStringLiteral("copy_error"),
             job->copyError().isEmpty() ? QJsonValue() : QJsonValue(job->copyError()));
    return o;
}

QString BackupReport::outcome(const BackupRecord &backup, const Job *job)
{
    const VerifyState state =
        job->verifyState() != VerifyState::Unverified ? job->verifyState() : backup.verified;
    QString text;
    switch (state) {
    case VerifyState::Intact:
        text = tr(", verified intact.");
        break;
    case VerifyState::ChecksumOnly:
        text = tr(", checksum only (format not readable, content not checked).");
        break;
    default:
        text = tr(", verification: %1.").arg(verifyStateInWords(state));
        break;
    }
    if (job->retentionDeleted() > 0)
        text += QLatin1Char(' ') +
                tr("Retention removed %n older backup(s).", nullptr, job->retentionDeleted());
    if (job->copiesMade() > 0)
        text += QLatin1Char(' ') +
                tr("Copied to %n off-site target(s), verified.", nullptr, job->copiesMade());
    if (job->copiesFailed() > 0)
        text += QLatin1Char(' ') + tr("%n off-site copy(ies) failed (retried at the next "
                                      "backup or with `pbxvault target sync`): %1",
                                      nullptr, job->copiesFailed())
                                       .arg(job->copyError());
    return text;
}

namespace {

// backup NAME [--comment TEXT]: the whole pipeline (queue, lock, download, verify, catalogue,
// retention) is Operations::backupPbx().
class BackupCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(1));
        if (!pbx)
            return;
        Job *job =
            c.ops().backupPbx(pbx->id, JobTrigger::Manual, c.value(QStringLiteral("comment")));
        c.progress().track(job);
        c.waitFor(job, [&c](Job *job) {
            if (!job->ok()) {
                c.failJob(job);
                return;
            }
            const std::optional<BackupRecord> b = c.catalog().backup(job->backupId());
            if (!b) {
                c.fail(JobError::Catalog, c.catalog().lastError());
                return;
            }
            if (c.json())
                c.printJson(BackupReport::json(*b, job));
            else
                c.printLine(CliContext::printable(
                    tr("Backup %1 stored: %2 (%3)")
                        .arg(QString::number(b->id), b->path, Labels::size(b->size)) +
                    BackupReport::outcome(*b, job)));
            c.succeed();
        });
    }
};

} // namespace

std::unique_ptr<Command> makeBackupCommand(CliContext &context)
{
    return std::make_unique<BackupCommand>(context);
}

} // namespace pbxvault
