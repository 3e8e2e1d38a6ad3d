#pragma once

#include "TextDetection.h"
#include "crypto/VaultKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>

namespace pbxvault {

// One member of an archive as the diff sees it: its name, size and SHA-256, and whether it is
// text small enough for a line diff.
struct MemberDigest
{
    QString name; // untrusted: escape before printing
    qint64 size = 0;
    QByteArray sha256; // 32 bytes
    TextDetection::Encoding encoding = TextDetection::Encoding::Binary;
    bool isText() const { return encoding != TextDetection::Encoding::Binary; }
};

// Streams every member of a backup archive through SHA-256 without extracting anything: memory
// stays bounded whatever the archive's size. Only members of at most kMaxTextBytes are held
// (one at a time) to tell text from binary; larger ones count as binary. ArchiveReader's caps
// for untrusted archives apply (expansion limit, name length); on top of them the number of
// members and the length of all their names are capped, since the caller keeps a digest per
// member.
class ArchiveMembers
{
    Q_DECLARE_TR_FUNCTIONS(ArchiveMembers)
public:
    static constexpr qint64 kMaxTextBytes = qint64(4) << 20;
    static constexpr int kMaxMembers = 100000;
    static constexpr qint64 kMaxNameChars = qint64(8) << 20; // all names together

    enum class Failure
    {
        None,
        Missing,    // the file does not exist or cannot be opened
        Unreadable, // not an archive format PBX Vault can read
        Damaged,    // a damaged or hostile archive (bomb, too many members, read error)
        Cancelled   // the cancel flag was raised while reading
    };

    explicit ArchiveMembers(const QString &path) : m_path(path) {}

    // Checked before every member and every block read: once it is true, read() stops (even
    // in the middle of a large member) and fails with Cancelled. May be null.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    // The vault key for an encrypted backup (copied); without it such a file is Unreadable.
    void setKey(const VaultKey &key) { m_key = key; }

    // Calls onMember for every member that is not a directory, in archive order, with its
    // content when it is text (an empty array otherwise). Returns false on failure().
    bool read(const std::function<void(const MemberDigest &, const QByteArray &text)> &onMember);

    Failure failure() const { return m_failure; }
    QString errorString() const { return m_error; }

private:
    bool fail(Failure failure, const QString &message);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    QString m_path;
    const std::atomic_bool *m_cancel = nullptr;
    VaultKey m_key;
    Failure m_failure = Failure::None;
    QString m_error;
};

} // namespace pbxvault
