#pragma once

#include "common/ErrorMessage.h"
#include "common/Records.h"
#include "hooks/HookPlan.h"

#include <QObject>

#include <functional>

namespace pbxvault {

class Job;
class JobLog;

// Which hooks run for an event of a PBX's job (Operations::setHookPlanner). Empty: none.
using HookPlanner = std::function<QVector<PlannedHook>(const PbxRecord &pbx, HookEvent event)>;

// The hooks set in this machine's settings (AppSettings with that data-dir override, see
// planHooks), read again for every job so a change in Settings or by another process applies
// to the next job.
HookPlanner settingsHookPlanner(const QString &dataDirOverride, const QString &catalogId);

// The hooks of one event of one job: runs them in order and writes an Activity row (JobKind::Hook)
// for each, with what it printed. done() says whether all succeeded and, if not, the first
// failure (without its output), for the job's own error.
class JobHooks : public QObject
{
    Q_OBJECT
public:
    JobHooks(JobLog &log, JobTrigger trigger, const PbxRecord &pbx, QVector<PlannedHook> hooks,
             const HookContext &context, QObject *parent = nullptr);

    // Plans the event's hooks for the PBX and runs them for job (its stage says so; cancelling
    // it cancels them), then calls then(ok, failure) from the event loop, at once when there
    // are none. Returns the runner (a child of parent), or nullptr when there was nothing to run.
    static JobHooks *run(const HookPlanner &planner, JobLog &log, JobTrigger trigger,
                         const PbxRecord &pbx, const HookContext &context, Job *job,
                         QObject *parent,
                         const std::function<void(bool, const ErrorMessage &)> &then);

    void start();
    void cancel();

Q_SIGNALS:
    void done(bool ok, const pbxvault::ErrorMessage &failure);

private:
    JobLog &m_log;
    JobTrigger m_trigger;
    PbxRecord m_pbx;
    HookContext m_context;
    HookSequence *m_sequence;
    qint64 m_rowId = 0;
    ErrorMessage m_failure;
};

} // namespace pbxvault
