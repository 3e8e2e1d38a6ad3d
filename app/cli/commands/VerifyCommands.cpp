#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

#include <map>

namespace pbxvault {
namespace {

// verify ID | verify --all: one backup at a time (verification is disk-bound). Exit code:
// 0 when every one is intact or checksum-only, else that of the failure with the lowest id.
class VerifyCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)
public:
    VerifyCommand(CliContext &context, bool all) : Command(context), m_all(all) {}

    void run() override
    {
        CliContext &c = m_context;
        if (m_all) {
            for (const BackupRecord &b : c.catalog().backups())
                m_pending.append(b.id);
        } else {
            const std::optional<qint64> id = c.parseId(c.arg(1));
            if (!id || !c.findBackup(*id))
                return;
            m_pending.append(*id);
        }
        next();
    }

private:
    void next()
    {
        CliContext &c = m_context;
        if (m_pending.isEmpty()) {
            finish();
            return;
        }
        const qint64 id = m_pending.takeFirst();
        c.waitFor(c.ops().verifyBackup(id), [this, id](Job *job) {
            onVerified(id, job);
            next();
        });
    }

    void onVerified(qint64 id, Job *job)
    {
        CliContext &c = m_context;
        VerifyState state = job->verifyState();
        if (state == VerifyState::Unverified) {
            if (const std::optional<BackupRecord> b = c.catalog().backup(id))
                state = b->verified;
        }
        const QString message = job->ok() ? job->warnings().value(0) : job->errorMessage();
        QJsonObject r;
        r.insert(QStringLiteral("id"), double(id));
        r.insert(QStringLiteral("ok"), job->ok());
        r.insert(QStringLiteral("verified"), toString(state));
        r.insert(QStringLiteral("message"), message);
        m_results.append(r);
        if (!job->ok()) {
            m_failures.emplace(id,
                               job->error() == JobError::None ? JobError::Failed : job->error());
            c.printNotice(QStringLiteral("pbxvault: ") + tr("backup %1: %2").arg(id).arg(message));
        } else if (!c.json()) {
            QString line = tr("backup %1: %2").arg(id).arg(verifyStateInWords(state));
            if (!message.isEmpty())
                line += QStringLiteral(" (%1)").arg(message);
            c.printLine(CliContext::printable(line));
        }
    }

    void finish()
    {
        CliContext &c = m_context;
        if (c.json())
            c.printJson(m_results);
        if (m_failures.empty()) {
            c.succeed();
            return;
        }
        c.fail(m_failures.begin()->second, tr("%1 of %2 backups failed verification.")
                                               .arg(m_failures.size())
                                               .arg(m_results.size()));
    }

    const bool m_all;
    QVector<qint64> m_pending;
    QJsonArray m_results;
    std::map<qint64, JobError> m_failures; // by backup id
};

} // namespace

std::unique_ptr<Command> makeVerifyCommand(CliContext &context)
{
    return std::make_unique<VerifyCommand>(context, false);
}

std::unique_ptr<Command> makeVerifyAllCommand(CliContext &context)
{
    return std::make_unique<VerifyCommand>(context, true);
}

} // namespace pbxvault
