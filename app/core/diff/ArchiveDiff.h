#pragma once

#include "ArchiveMembers.h"
#include "DiffIgnoreList.h"
#include "LineDiff.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>
#include <QVector>

#include <atomic>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcDiff)

enum class MemberStatus
{
    Unchanged,
    Changed,
    Added,
    Removed,
    Ignored // DiffIgnoreList: changes by nature on every backup
};
QString toString(MemberStatus status); // "unchanged", "changed"... (JSON, --stat)

struct MemberDiff
{
    enum class Content
    {
        Binary,           // compared by SHA-256 and size only (binary, or text over the cap)
        Text,             // hunks hold the line diff (none when unchanged)
        TextTooDifferent, // text, changed, but too different to show line by line
        TextNotShown      // text, changed, but the diff's output limit was reached
    };

    QString name; // untrusted: escape before printing
    MemberStatus status = MemberStatus::Unchanged;
    qint64 oldSize = -1; // -1: not in that archive
    qint64 newSize = -1;
    QByteArray oldSha256; // 32 bytes; empty when not in that archive
    QByteArray newSha256;
    Content content = Content::Binary;
    QVector<DiffHunk> hunks;

    bool isChange() const;
};

struct ArchiveComparison
{
    QVector<MemberDiff> members; // sorted by name
    int changeCount() const;
    bool identical() const { return changeCount() == 0; }
};

// Compares two backup archives member by member, streaming each (never extracting, bounded
// memory): added, removed, changed, unchanged, ignored; a unified line diff for text members.
// The old archive's text members are held up to kTextBudget while the new one is read; text
// members that did not fit are diffed in further passes over both archives.
class ArchiveDiff
{
    Q_DECLARE_TR_FUNCTIONS(ArchiveDiff)
public:
    static constexpr qint64 kTextBudget = qint64(16) << 20;
    static constexpr qint64 kMaxShownChars = qint64(8) << 20; // all hunk lines together

    enum class Side
    {
        Old,
        New
    };

    ArchiveDiff(const QString &oldPath, const QString &newPath,
                const DiffIgnoreList &ignore = DiffIgnoreList::standard());

    // Leaves *result empty on failure (a cancelled comparison has no partial result).
    bool compare(ArchiveComparison *result);

    // The number of changed, added and removed members, as compare() counts them, from the
    // members' digests alone: no text is held and no line diff made, and the two archives are
    // read at the same time (the old one on another thread). On failure, as compare().
    bool countChanges(int *changes);

    // Raising *cancel (from any thread) makes a running compare() stop within one block read
    // and fail with ArchiveMembers::Failure::Cancelled. May be null; must outlive compare().
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    // The vault key for encrypted backups (copied; either archive may be plain or encrypted).
    void setKey(const VaultKey &key) { m_key = key; }

    // After compare() returned false.
    Side failedSide() const { return m_failedSide; }
    ArchiveMembers::Failure failure() const { return m_failure; }
    QString errorString() const { return m_error; }

private:
    struct OldMember;
    bool readArchive(Side side,
                     const std::function<void(const MemberDigest &, const QByteArray &)> &onMember);
    QByteArray compareKey(const MemberDigest &digest, const QByteArray &text) const;
    void showDiff(MemberDiff *member, const MemberDigest *oldDigest, const QByteArray &oldText,
                  const MemberDigest *newDigest, const QByteArray &newText);
    bool resolvePending(QVector<MemberDiff> *members, const QHash<QString, int> &index,
                        QStringList pending);
    bool compareArchives(ArchiveComparison *result);
    struct Keys;
    Keys readKeys(Side side) const;

    QString m_oldPath;
    QString m_newPath;
    const DiffIgnoreList &m_ignore;
    const std::atomic_bool *m_cancel = nullptr;
    VaultKey m_key;
    qint64 m_shownChars = 0;
    Side m_failedSide = Side::Old;
    ArchiveMembers::Failure m_failure = ArchiveMembers::Failure::None;
    QString m_error;
};

} // namespace pbxvault
