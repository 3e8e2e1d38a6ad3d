#include "BackupReport.h"
#include "cli/CliContext.h"
#include "cli/ExitCodes.h"
#include "cli/ProgressLine.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace pbxvault {
namespace {

// backup --all [--jobs N] [--comment TEXT]: every enabled PBX's backup is started at once;
// Operations queues them under its concurrency limit (--jobs for this run).
class BackupAllCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(BackupAllCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        if (c.isSet(QStringLiteral("jobs"))) {
            bool ok = false;
            const int jobs = c.value(QStringLiteral("jobs")).toInt(&ok);
            if (!ok || jobs < 1 || jobs > 64) {
                c.usage(tr("--jobs needs a number from 1 to 64."));
                return;
            }
            c.ops().setConcurrencyLimit(jobs);
        }
        const QVector<PbxRecord> all = c.catalog().pbxs();
        for (const PbxRecord &p : all) {
            if (p.enabled)
                m_pbxs.append(p);
        }
        if (all.isEmpty()) {
            c.fail(JobError::NotFound, tr("No PBX is registered."));
            return;
        }
        if (m_pbxs.isEmpty()) {
            c.fail(JobError::Disabled, tr("Every PBX is disabled."));
            return;
        }
        m_results.resize(m_pbxs.size());
        m_errors.resize(m_pbxs.size(), JobError::None);
        m_pending = int(m_pbxs.size());
        const QString comment = c.value(QStringLiteral("comment"));
        for (int i = 0; i < m_pbxs.size(); ++i) {
            Job *job = c.ops().backupPbx(m_pbxs.at(i).id, JobTrigger::Manual, comment);
            c.progress().track(job);
            c.waitFor(job, [this, i](Job *job) { onFinished(i, job); });
        }
    }

private:
    void onFinished(int index, Job *job)
    {
        CliContext &c = m_context;
        const PbxRecord &pbx = m_pbxs.at(index);
        QJsonObject r;
        r.insert(QStringLiteral("pbx"), pbx.name);
        std::optional<BackupRecord> b;
        if (job->ok())
            b = c.catalog().backup(job->backupId());
        if (b) {
            r.insert(QStringLiteral("ok"), true);
            r.insert(QStringLiteral("backup"), BackupReport::json(*b, job));
            if (!c.json())
                c.printLine(CliContext::printable(
                    tr("%1: backup %2 stored (%3)")
                        .arg(pbx.name, QString::number(b->id), Labels::size(b->size)) +
                    BackupReport::outcome(*b, job)));
        } else {
            const JobError error = job->ok() ? JobError::Catalog : job->error();
            const QString message = job->ok() ? c.catalog().lastError() : job->errorMessage();
            m_errors[index] = error == JobError::None ? JobError::Failed : error;
            r.insert(QStringLiteral("ok"), false);
            r.insert(QStringLiteral("error"), message);
            c.printNotice(QStringLiteral("pbxvault: %1: %2").arg(pbx.name, message));
        }
        m_results[index] = r;
        if (--m_pending == 0)
            finish();
    }

    void finish()
    {
        CliContext &c = m_context;
        if (c.json()) {
            QJsonArray array;
            for (const QJsonObject &o : m_results)
                array.append(o);
            c.printJson(array);
        }
        int failures = 0;
        JobError first = JobError::None;
        for (JobError e : m_errors) {
            if (e == JobError::None)
                continue;
            if (failures++ == 0)
                first = e;
        }
        if (failures == 0) {
            c.succeed();
            return;
        }
        c.fail(first, tr("%1 of %2 backups failed.").arg(failures).arg(m_results.size()));
    }

    QVector<PbxRecord> m_pbxs; // in catalog order: masters first, then by name
    QVector<QJsonObject> m_results;
    std::vector<JobError> m_errors;
    int m_pending = 0;
};

} // namespace

std::unique_ptr<Command> makeBackupAllCommand(CliContext &context)
{
    return std::make_unique<BackupAllCommand>(context);
}

} // namespace pbxvault
