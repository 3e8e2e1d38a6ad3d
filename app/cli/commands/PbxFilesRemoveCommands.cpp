#include "BackupReport.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

// pbx files NAME [--fetch REMOTE_NAME | --all-missing]: the PBX's own backups, each "in vault"
// or "missing"; --fetch and --all-missing download them through the backup pipeline. The
// names are the PBX's, untrusted: only their printable form (RemoteBackup::displayName) is
// shown.
class PbxFilesCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxFilesCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const bool fetchOne = c.isSet(QStringLiteral("fetch"));
        const bool allMissing = c.isSet(QStringLiteral("all-missing"));
        if (fetchOne && allMissing) {
            c.usage(tr("Give --fetch or --all-missing, not both."));
            return;
        }
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        if (fetchOne)
            fetch(*pbx, c.value(QStringLiteral("fetch")));
        else if (allMissing)
            fetchMissing(*pbx);
        else
            list(*pbx);
    }

private:
    static QString status(const RemoteBackup &remote)
    {
        return remote.inVault() ? tr("in vault") : tr("missing");
    }

    static QJsonObject toJson(const RemoteBackup &remote)
    {
        QJsonObject o;
        o.insert(QStringLiteral("name"), remote.displayName);
        o.insert(QStringLiteral("in_vault"), remote.inVault());
        o.insert(QStringLiteral("backup_id"),
                 remote.inVault() ? QJsonValue(remote.backupId) : QJsonValue());
        return o;
    }

    void list(const PbxRecord &pbx)
    {
        CliContext &c = m_context;
        c.waitFor(c.ops().remoteBackupsWithStatus(pbx.id), [&c](Job *job) {
            if (!job->ok()) {
                c.failJob(job);
                return;
            }
            if (c.json()) {
                QJsonArray array;
                for (const RemoteBackup &remote : job->remoteBackups())
                    array.append(toJson(remote));
                c.printJson(array);
            } else {
                for (const RemoteBackup &remote : job->remoteBackups())
                    c.printLine(CliContext::row({remote.displayName, status(remote)}));
            }
            c.succeed();
        });
    }

    void fetch(const PbxRecord &pbx, const QString &remoteName)
    {
        CliContext &c = m_context;
        Job *job = c.ops().fetchRemoteBackup(pbx.id, remoteName);
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
                    tr("Backup %1 fetched: %2 (%3)")
                        .arg(QString::number(b->id), b->path, Labels::size(b->size)) +
                    BackupReport::outcome(*b, job)));
            c.succeed();
        });
    }

    // What was fetched is printed even when some fetches failed; the exit status is then the
    // one of the first failure.
    void fetchMissing(const PbxRecord &pbx)
    {
        CliContext &c = m_context;
        c.waitFor(c.ops().fetchAllMissing(pbx.id), [&c](Job *job) {
            const QVector<RemoteBackup> tried = job->remoteBackups();
            if (c.json()) {
                QJsonArray array;
                for (const RemoteBackup &remote : tried)
                    array.append(toJson(remote));
                c.printJson(array);
            } else if (job->ok() && tried.isEmpty()) {
                c.printLine(tr("The vault already holds every backup the PBX keeps."));
            } else {
                for (const RemoteBackup &remote : tried) {
                    if (remote.inVault())
                        c.printLine(CliContext::printable(
                            tr("%1 fetched as backup %2")
                                .arg(remote.displayName, QString::number(remote.backupId))));
                }
            }
            if (!job->ok()) {
                for (const QString &warning : job->warnings())
                    c.printNotice(warning);
                c.failJob(job);
                return;
            }
            c.succeed();
        });
    }
};

// pbx remove NAME [--delete-backups]
class PbxRemoveCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxRemoveCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        c.waitFor(c.ops().removePbx(pbx->id, c.isSet(QStringLiteral("delete-backups"))),
                  [&c, pbx](Job *job) {
                      if (!job->ok()) {
                          c.failJob(job);
                          return;
                      }
                      for (const QString &w : job->warnings())
                          c.printNotice(w);
                      if (c.json()) {
                          QJsonObject o;
                          o.insert(QStringLiteral("removed"), pbx->name);
                          c.printJson(o);
                      } else {
                          c.printLine(CliContext::printable(tr("Removed %1.").arg(pbx->name)));
                      }
                      c.succeed();
                  });
    }
};

} // namespace

std::unique_ptr<Command> makePbxFilesCommand(CliContext &context)
{
    return std::make_unique<PbxFilesCommand>(context);
}

std::unique_ptr<Command> makePbxRemoveCommand(CliContext &context)
{
    return std::make_unique<PbxRemoveCommand>(context);
}

} // namespace pbxvault
