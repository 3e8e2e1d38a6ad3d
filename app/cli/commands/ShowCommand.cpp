#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

// show ID: the backup's fields and the files inside its archive. Member names come from the
// archive, so they are untrusted: shown escaped like every other name from outside.
class ShowCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ShowCommand)
public:
    using Command::Command;

    static QString changesInWords(const BackupRecord &b)
    {
        if (b.changes >= 0)
            return tr("%1 since backup %2").arg(Labels::changes(b.changes)).arg(b.changesBaseId);
        if (b.changesBaseId > 0)
            return tr("not known: backup %1, which it was compared with, was deleted")
                .arg(b.changesBaseId);
        return tr("not known");
    }

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<qint64> id = c.parseId(c.arg(1));
        if (!id)
            return;
        const std::optional<BackupRecord> b = c.findBackup(*id);
        if (!b)
            return;
        QVector<ArchiveMember> members;
        QString error;
        const bool readable = BackupStore::listMembers(b->path, &members, &error, c.vault().key());
        if (c.json()) {
            QJsonObject o = toJson(*b);
            QJsonArray array;
            for (const ArchiveMember &m : members) {
                QJsonObject mo;
                mo.insert(QStringLiteral("name"), m.name);
                mo.insert(QStringLiteral("size"), double(m.size));
                array.append(mo);
            }
            o.insert(QStringLiteral("members"),
                     readable ? QJsonValue(array) : QJsonValue(QJsonValue::Null));
            QJsonArray copies;
            for (const BackupCopyRecord &copy : c.catalog().backupCopies(b->id)) {
                const std::optional<CopyTargetRecord> t = c.catalog().copyTarget(copy.targetId);
                QJsonObject co;
                co.insert(QStringLiteral("target"), t ? t->name : QString());
                co.insert(QStringLiteral("state"), toString(copy.state));
                co.insert(QStringLiteral("remote_name"), copy.remoteName);
                co.insert(QStringLiteral("size"), double(copy.size));
                co.insert(QStringLiteral("sha256"), copy.sha256);
                co.insert(QStringLiteral("attempts"), copy.attempts);
                co.insert(QStringLiteral("error"),
                          copy.error.isEmpty() ? QJsonValue() : QJsonValue(copy.error));
                co.insert(QStringLiteral("updated_at"),
                          copy.updatedAt.toUTC().toString(Qt::ISODateWithMs));
                copies.append(co);
            }
            o.insert(QStringLiteral("copies"), copies);
            c.printJson(o);
        } else {
            const auto orNone = [](const QString &s) {
                return s.isEmpty() ? Labels::noValue() : s;
            };
            c.printFields({{tr("Backup"), QString::number(b->id)},
                           {tr("PBX"), b->pbxName},
                           {tr("File name"), b->filename},
                           {tr("Path"), b->path},
                           {tr("Size"), Labels::size(b->size)},
                           {tr("Backup date"), Labels::dateTime(b->createdAt)},
                           {tr("Tenant"), b->tenant},
                           {tr("Master PBX IP"), orNone(b->masterIp)},
                           {tr("Firmware"), orNone(b->firmware)},
                           {tr("Origin"), Labels::origin(b->origin)},
                           {tr("Comment"), orNone(b->comment)},
                           {tr("SHA-256"), b->sha256},
                           {tr("Verification"), verifyStateInWords(b->verified)},
                           {tr("Changes"), changesInWords(*b)}});
            for (const BackupCopyRecord &copy : c.catalog().backupCopies(b->id)) {
                const std::optional<CopyTargetRecord> t = c.catalog().copyTarget(copy.targetId);
                const QString state = copy.state == CopyState::Copied ? tr("copied and verified")
                                      : copy.state == CopyState::Failed
                                          ? tr("failed: %1").arg(copy.error)
                                          : tr("copying");
                c.printFields({{tr("Copy on %1").arg(t ? t->name : QString()), state}});
            }
            if (readable) {
                c.printLine(tr("members:"));
                for (const ArchiveMember &m : members)
                    c.printLine(QStringLiteral("  %1 (%2)")
                                    .arg(Operations::displayName(m.name), Labels::size(m.size)));
            }
        }
        c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeShowCommand(CliContext &context)
{
    return std::make_unique<ShowCommand>(context);
}

} // namespace pbxvault
