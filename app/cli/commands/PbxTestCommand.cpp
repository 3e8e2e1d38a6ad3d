#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

#include <QJsonObject>

namespace pbxvault {
namespace {

// pbx test NAME
class PbxTestCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxTestCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> pbx = c.findPbx(c.arg(2));
        if (!pbx)
            return;
        c.waitFor(c.ops().testConnection(pbx->id), [&c, pbx](Job *job) {
            if (!job->ok()) {
                const PbxError &e = job->pbxError();
                QString hint;
                if (e.kind == PbxErrorKind::TlsUntrusted)
                    hint = tr("To trust it, run: pbxvault pbx trust %1 --trust-fingerprint %2")
                               .arg(CliContext::shellWord(pbx->name), e.presentedFingerprint);
                else if (e.kind == PbxErrorKind::TlsChanged && !e.presentedFingerprint.isEmpty())
                    hint = tr("If the change is expected, run: pbxvault pbx trust %1 "
                              "--trust-fingerprint %2")
                               .arg(CliContext::shellWord(pbx->name), e.presentedFingerprint);
                c.failJob(job, hint);
                return;
            }
            if (c.json()) {
                QJsonObject o;
                o.insert(QStringLiteral("name"), pbx->name);
                o.insert(QStringLiteral("firmware"), job->firmware());
                o.insert(QStringLiteral("ok"), true);
                c.printJson(o);
            } else {
                c.printLine(CliContext::printable(
                    tr("%1 answered: firmware %2.").arg(pbx->name, job->firmware())));
            }
            c.succeed();
        });
    }
};

} // namespace

std::unique_ptr<Command> makePbxTestCommand(CliContext &context)
{
    return std::make_unique<PbxTestCommand>(context);
}

} // namespace pbxvault
