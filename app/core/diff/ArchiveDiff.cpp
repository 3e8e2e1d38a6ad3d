#include "ArchiveDiff.h"

#include "common/Sha256.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <thread>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcDiff, "pbxvault.diff")

namespace {

QByteArray sha256Of(const QByteArray &data)
{
    Sha256 hash;
    hash.addData(data);
    return QByteArray::fromHex(hash.hex().toLatin1());
}

qint64 charsIn(const QVector<DiffHunk> &hunks)
{
    qint64 chars = 0;
    for (const DiffHunk &h : hunks) {
        for (const QString &line : h.lines)
            chars += line.size() + 1;
    }
    return chars;
}

} // namespace

QString toString(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Unchanged:
        return QStringLiteral("unchanged");
    case MemberStatus::Changed:
        return QStringLiteral("changed");
    case MemberStatus::Added:
        return QStringLiteral("added");
    case MemberStatus::Removed:
        return QStringLiteral("removed");
    case MemberStatus::Ignored:
        return QStringLiteral("ignored");
    }
    return {};
}

bool MemberDiff::isChange() const
{
    return status == MemberStatus::Changed || status == MemberStatus::Added ||
           status == MemberStatus::Removed;
}

int ArchiveComparison::changeCount() const
{
    return int(std::count_if(members.cbegin(), members.cend(),
                             [](const MemberDiff &m) { return m.isChange(); }));
}

struct ArchiveDiff::OldMember
{
    MemberDigest digest;
    QByteArray key;
    QByteArray text;
    bool textKept = false;
};

ArchiveDiff::ArchiveDiff(const QString &oldPath, const QString &newPath,
                         const DiffIgnoreList &ignore)
    : m_oldPath(oldPath), m_newPath(newPath), m_ignore(ignore)
{}

bool ArchiveDiff::readArchive(
    Side side, const std::function<void(const MemberDigest &, const QByteArray &)> &onMember)
{
    ArchiveMembers archive(side == Side::Old ? m_oldPath : m_newPath);
    archive.setCancelFlag(m_cancel);
    archive.setKey(m_key);
    if (archive.read(onMember))
        return true;
    m_failedSide = side;
    m_failure = archive.failure();
    m_error = archive.errorString();
    qCInfo(lcDiff) << "Cannot compare:" << m_error;
    return false;
}

QByteArray ArchiveDiff::compareKey(const MemberDigest &digest, const QByteArray &text) const
{
    QByteArray normalised;
    if (digest.isText() && m_ignore.normalise(digest.name, text, &normalised))
        return sha256Of(normalised);
    return digest.sha256;
}

void ArchiveDiff::showDiff(MemberDiff *member, const MemberDigest *oldDigest,
                           const QByteArray &oldText, const MemberDigest *newDigest,
                           const QByteArray &newText)
{
    // An absent side is an empty text: an added or removed text member shows in full.
    const bool oldIsText = !oldDigest || oldDigest->isText();
    const bool newIsText = !newDigest || newDigest->isText();
    member->hunks.clear();
    if (!oldIsText || !newIsText) {
        member->content = MemberDiff::Content::Binary;
        return;
    }
    if (m_shownChars >= kMaxShownChars) {
        member->content = MemberDiff::Content::TextNotShown;
        return;
    }
    using Encoding = TextDetection::Encoding;
    QVector<DiffHunk> hunks;
    const LineDiff::Outcome outcome =
        LineDiff::compare(oldText, oldDigest ? oldDigest->encoding : Encoding::Utf8, newText,
                          newDigest ? newDigest->encoding : Encoding::Utf8, &hunks);
    if (outcome == LineDiff::Outcome::TooDifferent) {
        member->content = MemberDiff::Content::TextTooDifferent;
        return;
    }
    const qint64 chars = charsIn(hunks);
    if (m_shownChars + chars > kMaxShownChars) {
        m_shownChars = kMaxShownChars;
        member->content = MemberDiff::Content::TextNotShown;
        return;
    }
    m_shownChars += chars;
    member->content = MemberDiff::Content::Text;
    member->hunks = hunks;
}

bool ArchiveDiff::compare(ArchiveComparison *result)
{
    if (compareArchives(result))
        return true;
    result->members.clear();
    return false;
}

bool ArchiveDiff::compareArchives(ArchiveComparison *result)
{
    QVector<MemberDiff> &members = result->members;
    members.clear();
    m_shownChars = 0;
    m_failure = ArchiveMembers::Failure::None;
    m_error.clear();

    // Pass 1: the old archive's digests, and its text members while they fit kTextBudget.
    QHash<QString, OldMember> old;
    qint64 held = 0;
    if (!readArchive(Side::Old, [&](const MemberDigest &d, const QByteArray &text) {
            OldMember &m = old[d.name]; // a repeated name: the last one wins, as on extraction
            held -= m.text.size();
            m.digest = d;
            m.key = compareKey(d, text);
            m.textKept =
                d.isText() && !m_ignore.ignoresMember(d.name) && held + text.size() <= kTextBudget;
            m.text = m.textKept ? text : QByteArray();
            held += m.text.size();
        }))
        return false;

    // Pass 2: the new archive, compared as it streams by.
    QHash<QString, int> index;
    QSet<QString> pending; // changed text members whose old text was not held
    if (!readArchive(Side::New, [&](const MemberDigest &d, const QByteArray &text) {
            int at = index.value(d.name, -1);
            if (at < 0) {
                at = int(members.size());
                index.insert(d.name, at);
                members.append(MemberDiff());
            }
            MemberDiff &m = members[at];
            m = MemberDiff();
            pending.remove(d.name);
            m.name = d.name;
            m.newSize = d.size;
            m.newSha256 = d.sha256;
            const auto found = old.constFind(d.name);
            const OldMember *o = found == old.cend() ? nullptr : &found.value();
            if (o) {
                m.oldSize = o->digest.size;
                m.oldSha256 = o->digest.sha256;
            }
            if (m_ignore.ignoresMember(d.name)) {
                m.status = MemberStatus::Ignored;
            } else if (!o) {
                m.status = MemberStatus::Added;
                showDiff(&m, nullptr, QByteArray(), &d, text);
            } else if (o->key == compareKey(d, text)) {
                m.status = MemberStatus::Unchanged;
                if (o->digest.isText() && d.isText())
                    m.content = MemberDiff::Content::Text;
            } else {
                m.status = MemberStatus::Changed;
                if (o->digest.isText() && d.isText() && !o->textKept)
                    pending.insert(d.name);
                else
                    showDiff(&m, &o->digest, o->text, &d, text);
            }
        }))
        return false;

    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        if (index.contains(it.key()))
            continue;
        MemberDiff m;
        m.name = it.key();
        m.oldSize = it->digest.size;
        m.oldSha256 = it->digest.sha256;
        if (m_ignore.ignoresMember(m.name)) {
            m.status = MemberStatus::Ignored;
        } else {
            m.status = MemberStatus::Removed;
            if (it->digest.isText() && !it->textKept)
                pending.insert(m.name);
            else
                showDiff(&m, &it->digest, it->text, nullptr, QByteArray());
        }
        index.insert(m.name, int(members.size()));
        members.append(m);
    }
    old.clear();

    if (!pending.isEmpty() && !resolvePending(&members, index, pending.values()))
        return false;
    std::sort(members.begin(), members.end(),
              [](const MemberDiff &a, const MemberDiff &b) { return a.name < b.name; });
    return true;
}

// One archive's members by name (the last of a repeated name wins, as in compare()), each
// with what compare() compares; ignored members are left out.
struct ArchiveDiff::Keys
{
    QHash<QString, QByteArray> byName;
    ArchiveMembers::Failure failure = ArchiveMembers::Failure::None;
    QString error;
};

ArchiveDiff::Keys ArchiveDiff::readKeys(Side side) const
{
    Keys keys;
    ArchiveMembers archive(side == Side::Old ? m_oldPath : m_newPath);
    archive.setCancelFlag(m_cancel);
    archive.setKey(m_key);
    const bool read = archive.read([&](const MemberDigest &d, const QByteArray &text) {
        if (!m_ignore.ignoresMember(d.name))
            keys.byName.insert(d.name, compareKey(d, text));
    });
    if (!read) {
        keys.byName.clear();
        keys.failure = archive.failure();
        keys.error = archive.errorString();
    }
    return keys;
}

bool ArchiveDiff::countChanges(int *changes)
{
    m_failure = ArchiveMembers::Failure::None;
    m_error.clear();
    // A thread of its own: this often runs in a pool thread already, and a second pool task
    // waited for here could wait for a pool that is full of such waits.
    Keys oldKeys;
    std::thread oldSide([this, &oldKeys] { oldKeys = readKeys(Side::Old); });
    const Keys newKeys = readKeys(Side::New);
    oldSide.join();
    // The old side's failure first, as compare() reads it first.
    const std::pair<Side, const Keys *> sides[] = {{Side::Old, &oldKeys}, {Side::New, &newKeys}};
    for (const auto &[side, keys] : sides) {
        if (keys->failure != ArchiveMembers::Failure::None) {
            m_failedSide = side;
            m_failure = keys->failure;
            m_error = keys->error;
            qCInfo(lcDiff) << "Cannot compare:" << m_error;
            return false;
        }
    }
    int count = 0;
    for (auto it = newKeys.byName.cbegin(); it != newKeys.byName.cend(); ++it) {
        const auto old = oldKeys.byName.constFind(it.key());
        if (old == oldKeys.byName.cend() || old.value() != it.value())
            ++count; // added or changed
    }
    for (auto it = oldKeys.byName.cbegin(); it != oldKeys.byName.cend(); ++it) {
        if (!newKeys.byName.contains(it.key()))
            ++count; // removed
    }
    *changes = count;
    return true;
}

// The text members pass 1 could not hold: batches of at most kTextBudget of old text, each
// one more pass over the old archive and (for changed members) one over the new archive.
bool ArchiveDiff::resolvePending(QVector<MemberDiff> *members, const QHash<QString, int> &index,
                                 QStringList pending)
{
    qCDebug(lcDiff) << pending.size() << "text members need another pass";
    while (!pending.isEmpty()) {
        const QSet<QString> wanted(pending.cbegin(), pending.cend());
        QHash<QString, QPair<MemberDigest, QByteArray>> oldTexts;
        qint64 held = 0;
        if (!readArchive(Side::Old, [&](const MemberDigest &d, const QByteArray &text) {
                if (!wanted.contains(d.name) || oldTexts.contains(d.name) || !d.isText() ||
                    d.sha256 != (*members)[index.value(d.name)].oldSha256)
                    return;
                if (!oldTexts.isEmpty() && held + text.size() > kTextBudget)
                    return;
                oldTexts.insert(d.name, qMakePair(d, text));
                held += text.size();
            }))
            return false;
        if (oldTexts.isEmpty()) {
            // The file no longer holds what pass 1 read: say so rather than loop.
            for (const QString &name : pending)
                (*members)[index.value(name)].content = MemberDiff::Content::TextNotShown;
            return true;
        }
        bool needNew = false;
        for (auto it = oldTexts.cbegin(); it != oldTexts.cend(); ++it) {
            MemberDiff &m = (*members)[index.value(it.key())];
            if (m.status == MemberStatus::Removed)
                showDiff(&m, &it->first, it->second, nullptr, QByteArray());
            else
                needNew = true;
        }
        QSet<QString> done;
        if (needNew && !readArchive(Side::New, [&](const MemberDigest &d, const QByteArray &text) {
                const auto o = oldTexts.constFind(d.name);
                if (o == oldTexts.cend() || done.contains(d.name))
                    return;
                MemberDiff &m = (*members)[index.value(d.name)];
                if (m.status != MemberStatus::Changed || d.sha256 != m.newSha256)
                    return;
                showDiff(&m, &o->first, o->second, &d, text);
                done.insert(d.name);
            }))
            return false;
        for (auto it = oldTexts.cbegin(); it != oldTexts.cend(); ++it) {
            MemberDiff &m = (*members)[index.value(it.key())];
            if (m.status == MemberStatus::Changed && !done.contains(it.key()))
                m.content = MemberDiff::Content::TextNotShown;
            pending.removeAll(it.key());
        }
    }
    return true;
}

} // namespace pbxvault
