#include "JobHooks.h"

#include "Job.h"
#include "JobLog.h"
#include "common/AppSettings.h"

namespace pbxvault {

JobHooks::JobHooks(JobLog &log, JobTrigger trigger, const PbxRecord &pbx,
                   QVector<PlannedHook> hooks, const HookContext &context, QObject *parent)
    : QObject(parent), m_log(log), m_trigger(trigger), m_pbx(pbx), m_context(context),
      m_sequence(new HookSequence(std::move(hooks), context, this))
{
    connect(m_sequence, &HookSequence::hookStarted, this, [this](const PlannedHook &hook) {
        m_rowId =
            m_log.begin(JobKind::Hook, m_trigger, m_pbx.id, m_pbx.name,
                        toString(m_context.event) + QStringLiteral(": ") + hook.command.command);
    });
    connect(m_sequence, &HookSequence::hookFinished, this,
            [this](const PlannedHook &, const HookResult &result) {
                const ErrorMessage said = result.message(m_context.event, true);
                m_log.end(m_rowId, result.ok() ? JobOutcome::Success : JobOutcome::Failed, 0,
                          said.text(), result.ok() ? JobError::None : JobError::Failed, said);
                if (!result.ok() && m_failure.isNull())
                    m_failure = result.message(m_context.event, false);
            });
    connect(m_sequence, &HookSequence::finished, this,
            [this](bool ok, const QString &) { Q_EMIT done(ok, m_failure); });
}

HookPlanner settingsHookPlanner(const QString &dataDirOverride, const QString &catalogId)
{
    return [dataDirOverride, catalogId](const PbxRecord &pbx, HookEvent event) {
        return planHooks(AppSettings(dataDirOverride), catalogId, pbx.id, event);
    };
}

JobHooks *JobHooks::run(const HookPlanner &planner, JobLog &log, JobTrigger trigger,
                        const PbxRecord &pbx, const HookContext &context, Job *job, QObject *parent,
                        const std::function<void(bool, const ErrorMessage &)> &then)
{
    const QVector<PlannedHook> hooks =
        planner ? planner(pbx, context.event) : QVector<PlannedHook>();
    if (hooks.isEmpty()) {
        QMetaObject::invokeMethod(
            parent, [then] { then(true, ErrorMessage()); }, Qt::QueuedConnection);
        return nullptr;
    }
    if (job) {
        switch (context.event) {
        case HookEvent::PreBackup:
            job->setStage(tr("Running the pre-backup hook…"));
            break;
        case HookEvent::PostBackup:
            job->setStage(tr("Running the post-backup hook…"));
            break;
        case HookEvent::PreRestore:
            job->setStage(tr("Running the pre-restore hook…"));
            break;
        case HookEvent::PostRestore:
            job->setStage(tr("Running the post-restore hook…"));
            break;
        }
    }
    auto *runner = new JobHooks(log, trigger, pbx, hooks, context, parent);
    if (job)
        connect(job, &Job::cancelRequested, runner, &JobHooks::cancel);
    connect(runner, &JobHooks::done, parent, [runner, then](bool ok, const ErrorMessage &failure) {
        runner->deleteLater();
        then(ok, failure);
    });
    runner->start();
    return runner;
}

void JobHooks::start()
{
    m_sequence->start();
}

void JobHooks::cancel()
{
    m_sequence->cancel();
}

} // namespace pbxvault
