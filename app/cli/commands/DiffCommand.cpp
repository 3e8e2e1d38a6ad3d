#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "common/Labels.h"
#include "common/PrintableText.h"
#include "diff/ArchiveDiff.h"
#include "ops/Vault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pbxvault {
namespace {

QJsonValue sizeJson(qint64 size)
{
    return size < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(double(size));
}

QJsonValue hashJson(const QByteArray &sha256)
{
    return sha256.isEmpty() ? QJsonValue(QJsonValue::Null)
                            : QJsonValue(QString::fromLatin1(sha256.toHex()));
}

QString contentName(MemberDiff::Content content)
{
    switch (content) {
    case MemberDiff::Content::Binary:
        return QStringLiteral("binary");
    case MemberDiff::Content::Text:
        return QStringLiteral("text");
    case MemberDiff::Content::TextTooDifferent:
        return QStringLiteral("text-too-different");
    case MemberDiff::Content::TextNotShown:
        return QStringLiteral("text-not-shown");
    }
    return {};
}

// diff ID1 ID2 / diff ID: what changed between two backups, member by member. Exit status as
// diff(1): 0 same, 1 different, 2 or more trouble (never 1: every failure here has its own
// code).
class DiffCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(DiffCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<qint64> firstId = c.parseId(c.arg(1));
        if (!firstId)
            return;
        const std::optional<BackupRecord> first = c.findBackup(*firstId);
        if (!first)
            return;
        BackupRecord older;
        BackupRecord newer;
        if (c.arg(2).isEmpty()) {
            const std::optional<BackupRecord> previous = c.catalog().previousBackup(*first);
            if (!previous && !c.catalog().lastError().isEmpty()) {
                c.fail(JobError::Catalog, c.catalog().lastError());
                return;
            }
            if (!previous) {
                c.fail(JobError::NotFound,
                       tr("Backup %1 is the first backup of PBX \"%2\" (tenant %3): there is no "
                          "previous backup to compare it with.")
                           .arg(first->id)
                           .arg(first->pbxName, first->tenant));
                return;
            }
            older = *previous;
            newer = *first;
            if (!c.json())
                c.printNotice(tr("Comparing backup %1 (%2) with backup %3 (%4).")
                                  .arg(older.id)
                                  .arg(Labels::dateTime(older.createdAt))
                                  .arg(newer.id)
                                  .arg(Labels::dateTime(newer.createdAt)));
        } else {
            const std::optional<qint64> secondId = c.parseId(c.arg(2));
            if (!secondId)
                return;
            const std::optional<BackupRecord> second = c.findBackup(*secondId);
            if (!second)
                return;
            older = *first;
            newer = *second;
        }

        ArchiveDiff diff(older.path, newer.path);
        if (const VaultKey *key = c.vault().key())
            diff.setKey(*key);
        ArchiveComparison result;
        if (!diff.compare(&result)) {
            const qint64 id = diff.failedSide() == ArchiveDiff::Side::Old ? older.id : newer.id;
            const JobError error = diff.failure() == ArchiveMembers::Failure::Unreadable
                                       ? JobError::Unreadable
                                       : JobError::Corrupt;
            c.fail(error, tr("Backup %1: %2").arg(id).arg(diff.errorString()));
            return;
        }
        if (c.json())
            printJson(older, newer, result);
        else if (c.isSet(QStringLiteral("stat")))
            printStat(result);
        else
            printUnified(result);
        c.finish(result.identical() ? 0 : 1);
    }

private:
    void printUnified(const ArchiveComparison &result)
    {
        CliContext &c = m_context;
        for (const MemberDiff &m : result.members) {
            if (!m.isChange())
                continue;
            const QString name = CliContext::printable(m.name);
            if (m.content == MemberDiff::Content::Text) {
                c.printLine(m.status == MemberStatus::Added ? QStringLiteral("--- /dev/null")
                                                            : QStringLiteral("--- a/") + name);
                c.printLine(m.status == MemberStatus::Removed ? QStringLiteral("+++ /dev/null")
                                                              : QStringLiteral("+++ b/") + name);
                for (const DiffHunk &h : m.hunks) {
                    c.printLine(h.header());
                    for (const QString &line : h.lines)
                        c.printLine(PrintableText::escape(line, PrintableText::Tabs::Keep));
                }
                continue;
            }
            c.printLine(noteFor(m, name));
        }
    }

    // One line for a change shown without its lines.
    static QString noteFor(const MemberDiff &m, const QString &name)
    {
        switch (m.content) {
        case MemberDiff::Content::TextTooDifferent:
            return tr("Member %1 changed, too different to show line by line (%2 bytes, now %3 "
                      "bytes).")
                .arg(name)
                .arg(m.oldSize)
                .arg(m.newSize);
        case MemberDiff::Content::TextNotShown:
            return tr("Member %1 changed; its lines are not shown, the diff is too long (%2 "
                      "bytes, now %3 bytes).")
                .arg(name)
                .arg(m.oldSize)
                .arg(m.newSize);
        case MemberDiff::Content::Binary:
        case MemberDiff::Content::Text:
            break;
        }
        switch (m.status) {
        case MemberStatus::Added:
            return tr("Binary member %1 added (%2 bytes).").arg(name).arg(m.newSize);
        case MemberStatus::Removed:
            return tr("Binary member %1 removed (%2 bytes).").arg(name).arg(m.oldSize);
        default:
            return tr("Binary member %1 differs (%2 bytes, now %3 bytes; SHA-256 %4, now %5).")
                .arg(name)
                .arg(m.oldSize)
                .arg(m.newSize)
                .arg(QString::fromLatin1(m.oldSha256.toHex().left(12)),
                     QString::fromLatin1(m.newSha256.toHex().left(12)));
        }
    }

    void printStat(const ArchiveComparison &result)
    {
        const auto size = [](qint64 s) {
            return s < 0 ? QStringLiteral("-") : QString::number(s);
        };
        for (const MemberDiff &m : result.members)
            m_context.printLine(
                CliContext::row({toString(m.status), m.name, size(m.oldSize), size(m.newSize)}));
    }

    void printJson(const BackupRecord &older, const BackupRecord &newer,
                   const ArchiveComparison &result)
    {
        const bool stat = m_context.isSet(QStringLiteral("stat"));
        QJsonArray members;
        for (const MemberDiff &m : result.members) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), m.name);
            o.insert(QStringLiteral("status"), toString(m.status));
            o.insert(QStringLiteral("old_size"), sizeJson(m.oldSize));
            o.insert(QStringLiteral("new_size"), sizeJson(m.newSize));
            o.insert(QStringLiteral("old_sha256"), hashJson(m.oldSha256));
            o.insert(QStringLiteral("new_sha256"), hashJson(m.newSha256));
            o.insert(QStringLiteral("content"), contentName(m.content));
            if (!stat && m.content == MemberDiff::Content::Text && m.isChange()) {
                QJsonArray hunks;
                for (const DiffHunk &h : m.hunks) {
                    QJsonObject ho;
                    ho.insert(QStringLiteral("old_start"), h.oldStart);
                    ho.insert(QStringLiteral("old_lines"), h.oldCount);
                    ho.insert(QStringLiteral("new_start"), h.newStart);
                    ho.insert(QStringLiteral("new_lines"), h.newCount);
                    ho.insert(QStringLiteral("lines"), QJsonArray::fromStringList(h.lines));
                    hunks.append(ho);
                }
                o.insert(QStringLiteral("hunks"), hunks);
            }
            members.append(o);
        }
        QJsonObject doc;
        doc.insert(QStringLiteral("old"), toJson(older));
        doc.insert(QStringLiteral("new"), toJson(newer));
        doc.insert(QStringLiteral("identical"), result.identical());
        doc.insert(QStringLiteral("changes"), result.changeCount());
        doc.insert(QStringLiteral("members"), members);
        m_context.printJson(doc);
    }
};

} // namespace

std::unique_ptr<Command> makeDiffCommand(CliContext &context)
{
    return std::make_unique<DiffCommand>(context);
}

} // namespace pbxvault
