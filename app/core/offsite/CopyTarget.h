#pragma once

#include <QList>
#include <QLoggingCategory>
#include <QString>

#include <atomic>
#include <functional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcOffsite)

// Why a copy operation failed; None when it did not.
enum class CopyErrorKind
{
    None,
    Unreachable,      // no connection (refused, timed out, unknown host)
    AuthFailed,       // the server refused the password or key, or the key cannot be read
    HostKeyUnknown,   // no pinned fingerprint: ask the operator (serverFingerprint says which)
    HostKeyChanged,   // the server's key is not the pinned one
    PermissionDenied, // the folder or file may not be written/read
    NoSpace,          // the target is full (or the file is too big for it)
    NotFound,         // the file or the target folder does not exist
    Mismatch,         // size or SHA-256 differ, or a different file already has the name
    ConnectionLost,   // the connection broke during the operation
    Cancelled,
    Other,
};

// The outcome of one operation. message is English through tr() (context "Offsite"), names
// the target and the file, never a secret.
struct CopyResult
{
    CopyErrorKind kind = CopyErrorKind::None;
    QString message;
    QString serverFingerprint; // HostKeyUnknown/HostKeyChanged: the key the server showed
    qint64 size = -1;          // put/get/verify: the bytes checked
    QString sha256;            // put/get/verify: lowercase hex of the checked copy

    bool ok() const { return kind == CopyErrorKind::None; }
    static CopyResult failure(CopyErrorKind kind, const QString &message)
    {
        CopyResult result;
        result.kind = kind;
        result.message = message;
        return result;
    }
};

// Stable names for logs and JSON ("no-space"...).
QString errorKindName(CopyErrorKind kind);

struct RemoteFile
{
    QString name;
    qint64 size = 0;
    bool operator==(const RemoteFile &o) const { return name == o.name && size == o.size; }
};

// (bytes done, total). put reports the upload and then the read-back as one range of
// 2 × size; get reports the download.
using CopyProgress = std::function<void(qint64 done, qint64 total)>;
// Set from any thread to stop an operation between two blocks.
using CancelFlag = std::atomic_bool;

// A place that keeps copies of backup files: a second folder or an SFTP server. Synchronous and
// blocking (call from a worker thread); one object per thread.
//
// put() writes `.NAME.part-<random>` next to the final name, reads it back and compares size
// and SHA-256 with the local file, and only then renames it: a failed, cancelled or killed put
// never leaves a file under the final name. A different file already under the name is never
// overwritten (Mismatch); an identical one makes put succeed.
class CopyTarget
{
public:
    virtual ~CopyTarget() = default;

    // "/mnt/nas/pbx" or "sftp://user@host:22/dir": for messages and logs (never a secret).
    virtual QString description() const = 0;

    virtual CopyResult put(const QString &localPath, const QString &remoteName,
                           const CopyProgress &progress = {},
                           const CancelFlag *cancel = nullptr) = 0;
    // Downloads to a temporary file next to localPath and renames it (replacing localPath).
    // With expectedSize >= 0 / a non-empty expectedSha256 a different copy is refused
    // (Mismatch) and localPath is left alone.
    virtual CopyResult get(const QString &remoteName, const QString &localPath,
                           const CopyProgress &progress = {}, const CancelFlag *cancel = nullptr,
                           qint64 expectedSize = -1, const QString &expectedSha256 = {}) = 0;
    virtual CopyResult remove(const QString &remoteName) = 0;
    // Regular files whose names do not begin with '.' (temporary files are hidden).
    virtual CopyResult list(QList<RemoteFile> *files) = 0;
    // NotFound when there is no such file.
    virtual CopyResult stat(const QString &remoteName, RemoteFile *file) = 0;
    // Size first (cheap), then the SHA-256 of the whole remote file.
    virtual CopyResult verify(const QString &remoteName, qint64 expectedSize,
                              const QString &expectedSha256,
                              const CancelFlag *cancel = nullptr) = 0;

    // Names come from us, but are checked as if they did not: empty, '/', '\\', "..", NUL, a
    // leading '.' or a control character make it invalid. Empty when the name is fine.
    static QString whyInvalidName(const QString &remoteName);
};

namespace offsite_detail {

constexpr qint64 BlockSize = 128 * 1024;

bool isCancelled(const CancelFlag *cancel);
QString partPrefix(const QString &remoteName);  // ".NAME.part-"
QString newPartName(const QString &remoteName); // ".NAME.part-<16 hex>"
bool isPartOf(const QString &candidate, const QString &remoteName);
QString cancelledMessage(const QString &remoteName, const QString &where);
QString mismatchMessage(const QString &what, const QString &where, qint64 expectedSize, qint64 size,
                        const QString &expectedSha, const QString &sha);
// Size and SHA-256 of a local file, read in blocks; advanced(bytes) after each block.
CopyResult hashLocalFile(const QString &path, const QString &what, const CancelFlag *cancel,
                         const std::function<void(qint64)> &advanced = {});

} // namespace offsite_detail

} // namespace pbxvault
