#include "ArchiveMembers.h"

#include "common/Sha256.h"
#include "store/ArchiveReader.h"

#include <QDir>
#include <QFileInfo>

namespace pbxvault {

namespace {
// Thrown from the block callback to leave ArchiveReader::readData() at once when the diff is
// cancelled (the callback cannot stop the loop otherwise); caught in read() below, where the
// reader is then destroyed. It never crosses libarchive's C frames: readData() calls the
// callback from its own loop, after archive_read_data_block() has returned.
struct ReadCancelled
{
};
} // namespace

bool ArchiveMembers::fail(Failure failure, const QString &message)
{
    m_failure = failure;
    m_error = message;
    return false;
}

bool ArchiveMembers::read(
    const std::function<void(const MemberDigest &, const QByteArray &text)> &onMember)
{
    m_failure = Failure::None;
    m_error.clear();
    const QString shownPath = QDir::toNativeSeparators(m_path);
    if (!QFileInfo(m_path).isFile())
        return fail(Failure::Missing, tr("The file \"%1\" is missing.").arg(shownPath));
    ArchiveReader reader(m_path);
    if (!m_key.isNull())
        reader.setKey(m_key);
    QString detail;
    if (!reader.open(&detail)) {
        // An encrypted file that this key cannot open is there, just not readable here.
        const CryptoError crypto = reader.cryptoError();
        const Failure failure = crypto == CryptoError::None || crypto == CryptoError::Io
                                    ? Failure::Missing
                                : crypto == CryptoError::Corrupt || crypto == CryptoError::Truncated
                                    ? Failure::Damaged
                                    : Failure::Unreadable;
        return fail(failure, tr("Cannot read the file \"%1\": %2.").arg(shownPath, detail));
    }
    int members = 0;
    qint64 nameChars = 0;
    const auto cancelledFail = [this] {
        return fail(Failure::Cancelled, tr("The comparison was cancelled."));
    };
    for (;;) {
        if (cancelled())
            return cancelledFail();
        const ArchiveReader::Next next = reader.next(&detail);
        if (!reader.recognised())
            return fail(Failure::Unreadable,
                        tr("\"%1\" is not an archive PBX Vault can read.").arg(shownPath));
        if (next == ArchiveReader::Next::End)
            return true;
        if (next == ArchiveReader::Next::Failed)
            return fail(Failure::Damaged,
                        tr("The archive \"%1\" is damaged: %2.").arg(shownPath, detail));
        if (reader.entryIsDirectory())
            continue;
        MemberDigest digest;
        digest.name = reader.entryName();
        nameChars += digest.name.size();
        if (++members > kMaxMembers || nameChars > kMaxNameChars)
            return fail(
                Failure::Damaged,
                tr("The archive \"%1\" has more than %2 files.").arg(shownPath).arg(kMaxMembers));

        Sha256 hash;
        QByteArray content;
        const qint64 declared = reader.entrySize();
        bool keep = declared <= kMaxTextBytes; // -1 (unknown) too, until it grows past the cap
        bool sparse = false;
        qint64 size = 0;
        bool ok = false;
        try {
            ok = reader.readData(
                [&](qint64 offset, QByteArrayView block) {
                    if (cancelled())
                        throw ReadCancelled();
                    if (offset != size) {
                        // A hole of a sparse member: hashed as its position, not as gigabytes of
                        // zeros. Such a member is never text.
                        sparse = true;
                        keep = false;
                        content = QByteArray();
                        const QByteArray hole =
                            QByteArrayLiteral("\0hole@") + QByteArray::number(offset);
                        hash.addData(hole);
                        size = offset;
                    }
                    hash.addData(block);
                    size += block.size();
                    if (keep && size > kMaxTextBytes) {
                        keep = false;
                        content = QByteArray();
                    }
                    if (keep)
                        content.append(block);
                },
                &detail);
        } catch (const ReadCancelled &) {
            return cancelledFail();
        }
        if (!ok)
            return fail(Failure::Damaged,
                        tr("The archive \"%1\" is damaged: %2.").arg(shownPath, detail));
        digest.size = sparse ? qMax(size, declared) : size;
        digest.sha256 = QByteArray::fromHex(hash.hex().toLatin1());
        if (keep)
            digest.encoding = TextDetection::detect(content);
        onMember(digest, digest.isText() ? content : QByteArray());
    }
}

} // namespace pbxvault
