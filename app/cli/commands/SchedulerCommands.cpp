#include "cli/CliContext.h"
#include "cli/HeadlessScheduler.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

namespace pbxvault {
namespace {

// daemon | run-due [--retry-delay SECONDS]: the HeadlessScheduler does the work.
class SchedulerCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(SchedulerCommand)
public:
    SchedulerCommand(CliContext &context, HeadlessScheduler::Mode mode)
        : Command(context), m_mode(mode)
    {}

    void run() override
    {
        CliContext &c = m_context;
        qint64 retryDelay = 60;
        if (c.isSet(QStringLiteral("retry-delay"))) {
            bool ok = false;
            retryDelay = c.value(QStringLiteral("retry-delay")).toLongLong(&ok);
            if (!ok || retryDelay < 1 || retryDelay > 24 * 3600) {
                c.usage(tr("--retry-delay needs a number of seconds from 1 to 86400."));
                return;
            }
        }
        m_scheduler = std::make_unique<HeadlessScheduler>(c.ops(), c.settings(), m_mode, c.json());
        m_scheduler->setRetryDelaySecs(retryDelay);
        QObject::connect(m_scheduler.get(), &HeadlessScheduler::finished, &c, &CliContext::finish);
        m_scheduler->start();
    }

private:
    const HeadlessScheduler::Mode m_mode;
    std::unique_ptr<HeadlessScheduler> m_scheduler;
};

} // namespace

std::unique_ptr<Command> makeDaemonCommand(CliContext &context)
{
    return std::make_unique<SchedulerCommand>(context, HeadlessScheduler::Mode::Daemon);
}

std::unique_ptr<Command> makeRunDueCommand(CliContext &context)
{
    return std::make_unique<SchedulerCommand>(context, HeadlessScheduler::Mode::RunDue);
}

} // namespace pbxvault
