#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

#include <QJsonObject>

namespace pbxvault {
namespace {

// delete ID [--on-pbx]
class DeleteCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(DeleteCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<qint64> id = c.parseId(c.arg(1));
        if (!id || !c.findBackup(*id))
            return;
        c.waitFor(c.ops().deleteBackup(*id, c.isSet(QStringLiteral("on-pbx"))),
                  [&c, id = *id](Job *job) {
                      if (!job->ok()) {
                          c.failJob(job);
                          return;
                      }
                      for (const QString &w : job->warnings())
                          c.printNotice(w);
                      if (c.json()) {
                          QJsonObject o;
                          o.insert(QStringLiteral("deleted"), double(id));
                          c.printJson(o);
                      } else {
                          c.printLine(tr("Deleted backup %1.").arg(id));
                      }
                      c.succeed();
                  });
    }
};

} // namespace

std::unique_ptr<Command> makeDeleteCommand(CliContext &context)
{
    return std::make_unique<DeleteCommand>(context);
}

} // namespace pbxvault
