#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

// pbx files NAME: the names are the PBX's, untrusted (the job already made them printable).
class PbxFilesCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        c.waitFor(c.ops().listRemoteBackups(pbx->id), [&c](Job *job) {
            if (!job->ok()) {
                c.failJob(job);
                return;
            }
            if (c.json()) {
                c.printJson(QJsonArray::fromStringList(job->remoteNames()));
            } else {
                for (const QString &name : job->remoteNames())
                    c.printLine(CliContext::printable(name));
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
