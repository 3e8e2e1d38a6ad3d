#pragma once

#include "common/Clock.h"
#include "common/ErrorMessage.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <functional>

class QIODevice;
class QNetworkAccessManager;

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcPbx)

enum class PbxErrorKind
{
    None,
    InvalidUrl,
    HostNotFound,
    ConnectionRefused,
    Timeout,      // no progress for the stall timeout
    TlsUntrusted, // self-signed / unknown CA and no pinned fingerprint: ask the user
    TlsChanged,   // pinned fingerprint differs from the presented certificate
    TlsError,     // other handshake failure
    AuthFailed,   // 401/403
    ClockSkew,    // 401 and the PBX clock differs from ours by more than 5 minutes
    NotFound,     // 404
    RestoreBusy,  // 503 on a restore
    BadRequest,   // 400
    ServerError,  // other 5xx
    Protocol,     // unexpected answer (not JSON, wrong shape)
    Truncated,    // fewer bytes than announced or the connection dropped mid-body
    WriteError,   // local disk full or write failure
    Cancelled,
    Network, // any other network failure
    Config   // unusable connection settings (user name or tenant): fix them, do not retry
};

struct PbxError
{
    PbxErrorKind kind = PbxErrorKind::None;
    QString message;    // one operator-readable sentence (translated), never contains secrets
    ErrorMessage coded; // the same as a code + arguments, to render in the reader's language
    int httpStatus = 0;
    QString presentedFingerprint;  // TLS errors: what the server showed (lowercase hex)
    QString pinnedFingerprint;     // TlsChanged: what we had pinned
    qint64 clockOffsetSeconds = 0; // ClockSkew: PBX time minus our time
    bool isError() const { return kind != PbxErrorKind::None; }
    // Worth retrying later: network, timeouts, 5xx, busy. Not auth, TLS, 4xx, local write.
    bool isTransient() const;
};

struct PbxConnection
{
    QUrl baseUrl; // https://host[:port]; http only when the operator chose it
    QString tenant = QStringLiteral("default");
    QString username;
    QString password;
    QString pinnedFingerprint; // lowercase hex SHA-256 of the leaf certificate, or empty
};

// One request in flight (including its salt lookup). Emits finished() exactly once, always
// asynchronously. Its parent is the client: callers normally connect to finished() and call
// deleteLater(); otherwise it lives as long as the client. Deleting the client aborts and
// deletes the calls it still parents, without finished().
class PbxCall : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const PbxError &error() const { return m_error; }

    QString firmware() const { return m_firmware; } // fetchFirmware()
    QStringList names() const { return m_names; }   // listBackups(): raw, untrusted
    qint64 bytes() const { return m_bytes; }        // body bytes moved (down or up)
    QString sha256() const { return m_sha256; }     // of the body received into a sink
    QString peerFingerprint() const { return m_peerFingerprint; }
    QDateTime serverDate() const { return m_serverDate; } // from the Date header, if any

Q_SIGNALS:
    void progress(qint64 done, qint64 total); // total is -1 when unknown
    void finished();

protected:
    bool m_finished = false;
    PbxError m_error;
    QString m_firmware;
    QStringList m_names;
    qint64 m_bytes = 0;
    QString m_sha256;
    QString m_peerFingerprint;
    QDateTime m_serverDate;
};

// A connection to one PBX speaking the KalliopePBX REST API (kalliope-backup-api.md).
class PbxClient : public QObject
{
    Q_OBJECT
public:
    explicit PbxClient(const PbxConnection &connection, QObject *parent = nullptr);
    ~PbxClient() override;

    const PbxConnection &connection() const { return m_connection; }
    // Timeouts and the clock apply to calls started afterwards.
    void setStallTimeout(int ms); // default 30 s without a byte moving
    // How long the PBX may work on a create or restore it has fully received before the first
    // byte of its answer (default 10 min; never shorter than the stall timeout).
    void setServerWorkTimeout(int ms);
    // The clock that dates requests and measures skew; not owned, outlives the client.
    void setClock(const Clock &clock);
    // SHA-256 of a create or download answer, as PbxCall::sha256() (default on). Off when the
    // sink hashes what it writes itself, so a download is hashed once.
    void setHashDownloads(bool on) { m_hashDownloads = on; }
    // Largest backup accepted from create or download (default 8 GiB); a longer answer fails.
    void setMaxDownloadSize(qint64 bytes);
    qint64 maxDownloadSize() const { return m_maxDownloadSize; }
    // Free space a download into a file leaves on its disk (default 256 MiB): the call fails
    // before writing into it.
    void setDiskReserve(qint64 bytes);
    qint64 diskReserve() const { return m_diskReserve; }
    // A backup answer ended only by the PBX closing the connection (neither Content-Length nor
    // chunked) cannot be told complete from cut. When required, such answers fail; otherwise
    // they are accepted with a warning in the log (default).
    void setRequireCheckableEnd(bool require) { m_requireCheckableEnd = require; }
    bool requiresCheckableEnd() const { return m_requireCheckableEnd; }
    static constexpr qint64 kDefaultMaxDownloadSize = 8LL * 1024 * 1024 * 1024;
    static constexpr qint64 kDefaultDiskReserve = 256LL * 1024 * 1024;
    // Bounds of a backup list answer: larger answers are a protocol error.
    static constexpr int kMaxListAnswerSize = 4 * 1024 * 1024;
    static constexpr int kMaxListNames = 10000;
    static constexpr int kMaxNameLength = 1024;

    PbxCall *fetchFirmware();
    PbxCall *listBackups();
    // Creates a backup on the PBX and streams the returned file into sink (already open).
    PbxCall *createBackup(const QString &firmware, const QString &fileName, const QString &comment,
                          QIODevice *sink);
    PbxCall *downloadBackup(const QString &name, QIODevice *sink);
    PbxCall *deleteBackup(const QString &name);
    PbxCall *restoreStoredBackup(const QString &name);
    // Streams filePath as multipart field backupFile named uploadName (must end in .bak).
    PbxCall *uploadBackup(const QString &filePath, const QString &uploadName);
    PbxCall *uploadAndRestore(const QString &filePath, const QString &uploadName);

    // Why this user name or tenant cannot be used (they travel inside the X-authenticate
    // header): an operator-readable sentence, empty when they are fine. Calls of a client
    // with such settings fail with PbxErrorKind::Config before anything is sent.
    static QString credentialProblem(const QString &username, const QString &tenant);

    // X-authenticate header value (exposed for tests).
    static QByteArray authenticateHeader(const QString &username, const QString &domain,
                                         const QString &password, const QString &salt,
                                         const QString &nonce, const QDateTime &createdUtc);
    // Accepts hex with or without colons, any case. Empty when not a SHA-256.
    static QString normaliseFingerprint(const QString &text);
    static QString fingerprintOf(const QSslCertificate &certificate); // lowercase hex
    static QString formatFingerprint(const QString &hex);             // "AB:CD:..." for display

private:
    friend class PbxRequest;
    QString displayHost() const;
    PbxConnection m_connection;
    QNetworkAccessManager *m_network = nullptr;
    int m_stallTimeoutMs = 30000;
    int m_serverWorkTimeoutMs = 600000;
    qint64 m_maxDownloadSize = kDefaultMaxDownloadSize;
    qint64 m_diskReserve = kDefaultDiskReserve;
    bool m_requireCheckableEnd = false;
    bool m_hashDownloads = true;
    const Clock *m_clock = &Clock::system();
};

} // namespace pbxvault
