#pragma once

#include "common/ErrorMessage.h"
#include "common/Records.h"

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace pbxvault {

// Off-site copies (schema 5): where copies of the backups go, and how each copy stands.
enum class CopyTargetKind
{
    Folder,
    Sftp
};
enum class CopyAuth
{
    None,
    Password,
    Key
}; // the secret itself is in the keychain
enum class CopyState
{
    Pending,
    Copied,
    Failed
};

QString toString(CopyTargetKind v); // "folder", "sftp"
QString toString(CopyAuth v);       // "", "password", "key"
QString toString(CopyState v);      // "pending", "copied", "failed"
bool fromString(const QString &s, CopyTargetKind *out);
bool fromString(const QString &s, CopyAuth *out);
bool fromString(const QString &s, CopyState *out);

struct CopyTargetRecord
{
    qint64 id = 0;
    QString name; // unique
    CopyTargetKind kind = CopyTargetKind::Folder;
    QString location; // a folder path, or sftp://user@host:port/dir
    QString hostKey;  // SFTP: the pinned "SHA256:..." fingerprint
    CopyAuth auth = CopyAuth::None;
    bool enabled = true;
    QDateTime createdAt;
};

struct BackupCopyRecord
{
    qint64 backupId = 0;
    qint64 targetId = 0;
    CopyState state = CopyState::Pending;
    QString remoteName;
    qint64 size = 0;
    QString sha256;
    int attempts = 0;
    QString error;
    QDateTime updatedAt; // invalid when stored: now
};

} // namespace pbxvault

namespace pbxvault::catalogvalues {

// Timestamps are stored as ISO 8601 UTC text with milliseconds ("2024-05-01T10:00:00.000Z"):
// readable, portable, and they sort chronologically as plain text.
QVariant fromTime(const QDateTime &t); // NULL for an invalid time
QDateTime toTime(const QVariant &v);   // invalid for NULL or unparsable text
QDateTime nowUtc();
// toTime(v).toMSecsSinceEpoch(), several times faster for the format fromTime() writes;
// invalid for NULL or unparsable text.
qint64 toMSecsSinceEpoch(const QVariant &v, qint64 invalid);
// The same for a time read as text (invalid for empty or unparsable text).
qint64 toMSecsSinceEpoch(QStringView text, qint64 invalid);

// A text column's value, read either as text or as UTF-8 bytes (CatalogDatabase::utf8Column).
QString toText(const QVariant &v);

// QtSql binds a null QString as NULL; the text columns want ''.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// Ids: 0 means "none" in the records and NULL in the tables.
inline QVariant fromId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}

// toText() for a column whose values repeat from row to row: consecutive equal values share
// one QString instead of each being decoded and allocated.
class RepeatedText
{
public:
    QString operator()(const QVariant &v);

private:
    QByteArray m_bytes;
    QString m_text;
};

// An error's code + arguments (JSON) for the nullable error_code columns: NULL when none.
inline QVariant fromErrorCode(const ErrorMessage &code)
{
    return code.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code.toJson());
}

// Enums are stored by their stable names (Records.h); unknown text yields fallback.
template <typename E> E toEnum(const QVariant &v, E fallback)
{
    E out = fallback;
    fromString(toText(v), &out);
    return out;
}

// What makes two PBX names the same: case and surrounding blanks do not count.
QString nameKey(const QString &name);

// Lowercase hex without colons, whatever the caller passed.
QString normalizedFingerprint(const QString &fingerprint);

} // namespace pbxvault::catalogvalues
