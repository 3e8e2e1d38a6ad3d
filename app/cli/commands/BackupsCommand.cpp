#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QTextStream>

#include <cstdio>

namespace pbxvault {
namespace {

// backups [--pbx NAME]: one line per backup, newest first; the last two columns are the
// verification in words and the changes since the previous backup ("-" when not known).
class BackupsCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        qint64 pbxId = 0;
        if (c.isSet(QStringLiteral("pbx"))) {
            const std::optional<PbxRecord> pbx = c.findPbx(c.value(QStringLiteral("pbx")));
            if (!pbx)
                return;
            pbxId = pbx->id;
        }
        const QVector<BackupRecord> backups = c.catalog().backups(pbxId);
        if (c.json()) {
            QTextStream(stdout).flush();
            JsonArrayWriter out(stdout);
            for (const BackupRecord &b : backups)
                out.add(b);
            out.finish();
        } else {
            QString text;
            QTextStream out(&text);
            for (const BackupRecord &b : backups) {
                out << CliContext::row(
                           {QString::number(b.id), b.pbxName, b.filename, Labels::size(b.size),
                            Labels::dateTime(b.createdAt),
                            b.masterIp.isEmpty() ? QStringLiteral("-") : b.masterIp,
                            verifyStateInWords(b.verified),
                            b.changes < 0 ? QStringLiteral("-") : Labels::changes(b.changes)})
                    << '\n';
            }
            out.flush();
            QTextStream(stdout) << text;
        }
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeBackupsCommand(CliContext &context)
{
    return std::make_unique<BackupsCommand>(context);
}

} // namespace pbxvault
