#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QJsonArray>

namespace pbxvault {
namespace {

// restores: the restore history, newest first.
class RestoresCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QVector<RestoreRecord> restores = c.catalog().restores();
        if (c.json()) {
            QJsonArray array;
            for (const RestoreRecord &r : restores)
                array.append(toJson(r));
            c.printJson(array);
        } else {
            for (const RestoreRecord &r : restores)
                c.printLine(CliContext::row(
                    {QString::number(r.id), Labels::restoreOutcome(r.outcome),
                     Labels::dateTime(r.startedAt), r.targetUrl, r.filename, r.error}));
        }
        c.succeed();
    }
};

// jobs: the last 200 rows of the job log.
class JobsCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QVector<JobRecord> jobs = c.catalog().jobs(200);
        if (c.json()) {
            QJsonArray array;
            for (const JobRecord &j : jobs)
                array.append(toJson(j));
            c.printJson(array);
        } else {
            for (const JobRecord &j : jobs)
                c.printLine(CliContext::row({QString::number(j.id), Labels::dateTime(j.startedAt),
                                             Labels::jobKind(j.kind), Labels::jobTrigger(j.trigger),
                                             j.pbxName, Labels::jobOutcome(j.outcome), j.error}));
        }
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeRestoresCommand(CliContext &context)
{
    return std::make_unique<RestoresCommand>(context);
}

std::unique_ptr<Command> makeJobsCommand(CliContext &context)
{
    return std::make_unique<JobsCommand>(context);
}

} // namespace pbxvault
