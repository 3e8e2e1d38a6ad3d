#include "SftpTarget.h"

#include "common/Sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace pbxvault {

using namespace offsite_detail;

namespace {

// Reads in flight while hashing or downloading: 16 × 64 KiB keeps a loopback link busy
// without holding more than 1 MiB.
constexpr int ReadDepth = 16;
constexpr uint32_t ReadChunk = 64 * 1024;
// One SFTP write is one round trip; OpenSSH takes messages up to 256 KiB.
constexpr qint64 WriteChunk = 128 * 1024;

QString fromLibssh(const char *text)
{
    return QString::fromUtf8(text ? text : "").trimmed();
}

QString fingerprintOf(ssh_session session)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK || !key)
        return {};
    unsigned char *hash = nullptr;
    size_t length = 0;
    QString fingerprint;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == 0) {
        char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        fingerprint = QString::fromLatin1(text ? text : "");
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return fingerprint;
}

// "SHA256:abc=" and "sha256:abc" name the same key as "SHA256:abc".
QString normalizedFingerprint(QString text)
{
    text = text.trimmed();
    while (text.endsWith(QLatin1Char('=')))
        text.chop(1);
    if (text.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        text = QStringLiteral("SHA256:") + text.mid(7);
    return text;
}

struct SshDeleter
{
    void operator()(ssh_session session) const
    {
        if (ssh_is_connected(session))
            ssh_disconnect(session);
        ssh_free(session);
    }
};
using SshPointer = std::unique_ptr<ssh_session_struct, SshDeleter>;

struct SftpDeleter
{
    void operator()(sftp_session sftp) const { sftp_free(sftp); }
};

struct FileCloser
{
    void operator()(sftp_file file) const { sftp_close(file); }
};
using SftpFile = std::unique_ptr<sftp_file_struct, FileCloser>;

struct AttributesDeleter
{
    void operator()(sftp_attributes attributes) const { sftp_attributes_free(attributes); }
};
using Attributes = std::unique_ptr<sftp_attributes_struct, AttributesDeleter>;

// A new libssh session with our options: no ~/.ssh/config, the timeouts given.
SshPointer newSession(const QString &host, quint16 port, const QString &user, int timeoutSeconds)
{
    SshPointer session(ssh_new());
    if (!session)
        return session;
    const QByteArray hostName = host.toUtf8();
    const unsigned int portNumber = port;
    const long timeout = timeoutSeconds;
    const int no = 0;
    const int yes = 1;
    ssh_options_set(session.get(), SSH_OPTIONS_HOST, hostName.constData());
    ssh_options_set(session.get(), SSH_OPTIONS_PORT, &portNumber);
    if (!user.isEmpty())
        ssh_options_set(session.get(), SSH_OPTIONS_USER, user.toUtf8().constData());
    ssh_options_set(session.get(), SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(session.get(), SSH_OPTIONS_TIMEOUT, &timeout);
    ssh_options_set(session.get(), SSH_OPTIONS_NODELAY, &yes);
    return session;
}

// libssh 0.10 waits for an SFTP answer forever (its read timeout only makes it poll again), so
// a server that stops answering would hang the job. The watchdog shuts the socket down when no
// step made progress for the I/O timeout: the blocked call then fails as a lost connection.
class StallWatchdog
{
public:
    StallWatchdog(socket_t socket, int timeoutSeconds)
        : m_socket(socket), m_timeout(std::chrono::seconds(qMax(1, timeoutSeconds))),
          m_lastBeat(Clock::now()), m_thread([this] { watch(); })
    {}
    ~StallWatchdog()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    StallWatchdog(const StallWatchdog &) = delete;
    StallWatchdog &operator=(const StallWatchdog &) = delete;

    void beat()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_lastBeat = Clock::now();
    }
    bool fired() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_fired;
    }
    int timeoutSeconds() const { return int(m_timeout.count()); }

private:
    using Clock = std::chrono::steady_clock;

    void watch()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stopping) {
            const auto deadline = m_lastBeat + m_timeout;
            if (Clock::now() >= deadline) {
                m_fired = true;
#ifdef Q_OS_WIN
                ::shutdown(m_socket, SD_BOTH);
#else
                ::shutdown(m_socket, SHUT_RDWR);
#endif
                return;
            }
            m_wake.wait_until(lock, deadline);
        }
    }

    const socket_t m_socket;
    const std::chrono::seconds m_timeout;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    Clock::time_point m_lastBeat;
    bool m_stopping = false;
    bool m_fired = false;
    std::thread m_thread; // last: starts once the rest is set up
};

// One connection for one operation: connected, host key checked, logged in, SFTP started.
class SftpConnection
{
public:
    explicit SftpConnection(const SftpEndpoint &endpoint) : m_endpoint(endpoint) {}
    ~SftpConnection()
    {
        m_watchdog.reset(); // stops watching the socket before it closes
        m_sftp.reset();     // before the session it runs in
    }

    // Progress was made: the stall timeout starts again.
    void beat() const
    {
        if (m_watchdog)
            m_watchdog->beat();
    }

    CopyResult open(const CancelFlag *cancel);

    // The failure of the last libssh/SFTP call, worded as "<doing>: <why>".
    CopyResult failure(const QString &doing, qint64 bytesStillNeeded = 0) const;

    QString server() const
    {
        return QStringLiteral("%1@%2:%3")
            .arg(m_endpoint.user, m_endpoint.host)
            .arg(m_endpoint.port);
    }
    QString where() const
    {
        return QStringLiteral("%1 (%2)").arg(server(),
                                             m_dir.isEmpty() ? QStringLiteral("~") : m_dir);
    }
    QByteArray pathOf(const QString &name) const
    {
        return (m_dir.isEmpty() ? name : m_dir + QLatin1Char('/') + name).toUtf8();
    }
    sftp_session sftp() const { return m_sftp.get(); }
    bool connected() const { return m_session && ssh_is_connected(m_session.get()); }

    CopyResult statFile(const QString &name, RemoteFile *file) const;
    // Size and SHA-256 of the remote file, read with pipelined requests; each block also goes
    // to sink when given. advanced(bytes) after each block.
    CopyResult readRemote(const QString &name, const CancelFlag *cancel,
                          const std::function<void(qint64)> &advanced,
                          QIODevice *sink = nullptr) const;
    void removeStaleParts(const QString &remoteName) const;

private:
    CopyResult authenticate();

    SftpEndpoint m_endpoint;
    QString m_dir;
    SshPointer m_session;
    std::unique_ptr<sftp_session_struct, SftpDeleter> m_sftp;
    std::unique_ptr<StallWatchdog> m_watchdog;
};

CopyResult SftpConnection::open(const CancelFlag *cancel)
{
    m_dir = m_endpoint.remoteDir;
    while (m_dir.size() > 1 && m_dir.endsWith(QLatin1Char('/')))
        m_dir.chop(1);
    if (m_endpoint.host.isEmpty() || m_endpoint.user.isEmpty()) {
        return CopyResult::failure(CopyErrorKind::Other,
                                   QCoreApplication::translate(
                                       "Offsite", "The SFTP target needs a host and a user name."));
    }
    m_session = newSession(m_endpoint.host, m_endpoint.port, m_endpoint.user,
                           m_endpoint.connectTimeoutSeconds);
    if (!m_session)
        return CopyResult::failure(CopyErrorKind::Other,
                                   QCoreApplication::translate("Offsite", "Cannot start libssh."));
    if (isCancelled(cancel))
        return CopyResult::failure(
            CopyErrorKind::Cancelled,
            QCoreApplication::translate("Offsite", "The connection to %1 was cancelled.")
                .arg(server()));
    if (ssh_connect(m_session.get()) != SSH_OK) {
        return CopyResult::failure(
            CopyErrorKind::Unreachable,
            QCoreApplication::translate("Offsite", "Cannot reach the SFTP server %1:%2: %3")
                .arg(m_endpoint.host)
                .arg(m_endpoint.port)
                .arg(fromLibssh(ssh_get_error(m_session.get()))));
    }

    m_watchdog =
        std::make_unique<StallWatchdog>(ssh_get_fd(m_session.get()), m_endpoint.ioTimeoutSeconds);

    const QString fingerprint = fingerprintOf(m_session.get());
    const QString pinned = normalizedFingerprint(m_endpoint.pinnedHostKey);
    if (fingerprint.isEmpty()) {
        return CopyResult::failure(
            CopyErrorKind::Other,
            QCoreApplication::translate("Offsite", "The SFTP server %1 showed no usable host key.")
                .arg(server()));
    }
    if (pinned.isEmpty()) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::HostKeyUnknown,
            QCoreApplication::translate(
                "Offsite",
                "The SFTP server %1:%2 identifies itself with the host key %3, which is not "
                "trusted yet. Compare it with the key the server's administrator gives you "
                "before trusting it.")
                .arg(m_endpoint.host)
                .arg(m_endpoint.port)
                .arg(fingerprint));
        result.serverFingerprint = fingerprint;
        return result;
    }
    if (normalizedFingerprint(fingerprint) != pinned) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::HostKeyChanged,
            QCoreApplication::translate(
                "Offsite",
                "The host key of the SFTP server %1:%2 has changed: it is now %3, but %4 "
                "was trusted. Nothing was sent. If the server was reinstalled, confirm the "
                "new key with its administrator; otherwise someone may be intercepting the "
                "connection.")
                .arg(m_endpoint.host)
                .arg(m_endpoint.port)
                .arg(fingerprint, pinned));
        result.serverFingerprint = fingerprint;
        return result;
    }

    CopyResult login = authenticate();
    if (!login.ok())
        return login;
    beat();

    // From here on a server that stops answering fails the operation after ioTimeoutSeconds.
    const long ioTimeout = m_endpoint.ioTimeoutSeconds;
    ssh_options_set(m_session.get(), SSH_OPTIONS_TIMEOUT, &ioTimeout);

    m_sftp.reset(sftp_new(m_session.get()));
    if (!m_sftp || sftp_init(m_sftp.get()) != SSH_OK)
        return failure(
            QCoreApplication::translate("Offsite", "Cannot start SFTP on %1").arg(server()));

    beat();
    if (!m_dir.isEmpty()) {
        Attributes attributes(sftp_stat(m_sftp.get(), m_dir.toUtf8().constData()));
        if (!attributes)
            return failure(QCoreApplication::translate("Offsite", "Cannot open the folder %1 on %2")
                               .arg(m_dir, server()));
        if (attributes->type != SSH_FILEXFER_TYPE_DIRECTORY) {
            return CopyResult::failure(
                CopyErrorKind::NotFound,
                QCoreApplication::translate("Offsite", "%1 on %2 is not a folder.")
                    .arg(m_dir, server()));
        }
    }
    return {};
}

CopyResult SftpConnection::authenticate()
{
    int outcome = SSH_AUTH_ERROR;
    const bool withKey = !m_endpoint.privateKey.isEmpty();
    if (withKey) {
        ssh_key key = nullptr;
        const QByteArray keyText = m_endpoint.privateKey.toUtf8();
        const QByteArray passphrase = m_endpoint.passphrase.toUtf8();
        if (ssh_pki_import_privkey_base64(keyText.constData(),
                                          passphrase.isEmpty() ? nullptr : passphrase.constData(),
                                          nullptr, nullptr, &key) != SSH_OK ||
            !key) {
            return CopyResult::failure(
                CopyErrorKind::AuthFailed,
                QCoreApplication::translate(
                    "Offsite",
                    "The private key for %1 cannot be read: the passphrase is wrong or it "
                    "is not an OpenSSH private key.")
                    .arg(server()));
        }
        outcome = ssh_userauth_publickey(m_session.get(), nullptr, key);
        ssh_key_free(key);
    } else {
        outcome = ssh_userauth_password(m_session.get(), nullptr,
                                        m_endpoint.password.toUtf8().constData());
    }
    switch (outcome) {
    case SSH_AUTH_SUCCESS:
        return {};
    case SSH_AUTH_DENIED:
        return CopyResult::failure(
            CopyErrorKind::AuthFailed,
            withKey ? QCoreApplication::translate(
                          "Offsite", "The SFTP server %1 refused the key of the user %2.")
                          .arg(m_endpoint.host, m_endpoint.user)
                    : QCoreApplication::translate(
                          "Offsite", "The SFTP server %1 refused the password of the user %2.")
                          .arg(m_endpoint.host, m_endpoint.user));
    case SSH_AUTH_PARTIAL:
        return CopyResult::failure(
            CopyErrorKind::AuthFailed,
            QCoreApplication::translate(
                "Offsite", "The SFTP server %1 asks the user %2 for a further login step, which "
                           "unattended copies cannot answer.")
                .arg(m_endpoint.host, m_endpoint.user));
    default:
        return failure(QCoreApplication::translate("Offsite", "Cannot log in to %1").arg(server()));
    }
}

CopyResult SftpConnection::failure(const QString &doing, qint64 bytesStillNeeded) const
{
    const QString why = fromLibssh(ssh_get_error(m_session.get()));
    if (m_watchdog && m_watchdog->fired()) {
        return CopyResult::failure(
            CopyErrorKind::ConnectionLost,
            QCoreApplication::translate("Offsite",
                                        "%1: the server stopped answering for %2 seconds.")
                .arg(doing)
                .arg(m_watchdog->timeoutSeconds()));
    }
    if (!connected() || ssh_get_error_code(m_session.get()) == SSH_FATAL) {
        return CopyResult::failure(
            CopyErrorKind::ConnectionLost,
            QCoreApplication::translate("Offsite", "%1: the connection was lost (%2).")
                .arg(doing, why));
    }
    const int status = m_sftp ? sftp_get_error(m_sftp.get()) : SSH_FX_OK;
    switch (status) {
    case SSH_FX_NO_SUCH_FILE:
    case SSH_FX_NO_SUCH_PATH:
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "%1: no such file or folder.").arg(doing));
    case SSH_FX_PERMISSION_DENIED:
    case SSH_FX_WRITE_PROTECT:
        return CopyResult::failure(
            CopyErrorKind::PermissionDenied,
            QCoreApplication::translate("Offsite", "%1: permission denied.").arg(doing));
    case SSH_FX_NO_MEDIA:
        return CopyResult::failure(
            CopyErrorKind::NoSpace,
            QCoreApplication::translate("Offsite", "%1: the server has no room left.").arg(doing));
    case SSH_FX_CONNECTION_LOST:
    case SSH_FX_NO_CONNECTION:
        return CopyResult::failure(
            CopyErrorKind::ConnectionLost,
            QCoreApplication::translate("Offsite", "%1: the connection was lost.").arg(doing));
    default:
        break;
    }
    // OpenSSH reports a full disk as a plain failure: ask the file system.
    if (bytesStillNeeded > 0 && m_sftp &&
        sftp_extension_supported(m_sftp.get(), "statvfs@openssh.com", "2")) {
        const QByteArray dir = m_dir.isEmpty() ? QByteArray(".") : m_dir.toUtf8();
        sftp_statvfs_t space = sftp_statvfs(m_sftp.get(), dir.constData());
        if (space) {
            const quint64 available = space->f_bavail * space->f_frsize;
            sftp_statvfs_free(space);
            if (available < quint64(bytesStillNeeded)) {
                return CopyResult::failure(
                    CopyErrorKind::NoSpace,
                    QCoreApplication::translate("Offsite",
                                                "%1: the server has no room left (%2 bytes free).")
                        .arg(doing)
                        .arg(available));
            }
        }
    }
    return CopyResult::failure(
        CopyErrorKind::Other,
        QCoreApplication::translate("Offsite", "%1: %2")
            .arg(doing, why.isEmpty() ? QCoreApplication::translate("Offsite", "the server refused")
                                      : why));
}

CopyResult SftpConnection::statFile(const QString &name, RemoteFile *file) const
{
    beat();
    Attributes attributes(sftp_stat(m_sftp.get(), pathOf(name).constData()));
    if (!attributes) {
        CopyResult result = failure(
            QCoreApplication::translate("Offsite", "Cannot find %1 on %2").arg(name, where()));
        if (result.kind == CopyErrorKind::NotFound)
            result.message = QCoreApplication::translate("Offsite", "There is no copy of %1 on %2.")
                                 .arg(name, where());
        return result;
    }
    if (attributes->type != SSH_FILEXFER_TYPE_REGULAR) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "%1 on %2 is not a file.").arg(name, where()));
    }
    *file = {name, qint64(attributes->size)};
    CopyResult result;
    result.size = file->size;
    return result;
}

CopyResult SftpConnection::readRemote(const QString &name, const CancelFlag *cancel,
                                      const std::function<void(qint64)> &advanced,
                                      QIODevice *sink) const
{
    beat();
    const QString reading =
        QCoreApplication::translate("Offsite", "Cannot read %1 on %2").arg(name, where());
    SftpFile file(sftp_open(m_sftp.get(), pathOf(name).constData(), O_RDONLY, 0));
    if (!file)
        return failure(reading);
    qint64 size = 0;
    {
        Attributes attributes(sftp_fstat(file.get()));
        if (!attributes)
            return failure(reading);
        size = qint64(attributes->size);
    }

    struct Request
    {
        int id;
        uint32_t length;
    };
    std::deque<Request> inFlight;
    QByteArray block(ReadChunk, Qt::Uninitialized);
    Sha256 hash;
    qint64 requested = 0;
    qint64 received = 0;
    while (received < size) {
        if (isCancelled(cancel)) {
            return CopyResult::failure(
                CopyErrorKind::Cancelled,
                QCoreApplication::translate("Offsite", "Reading %1 on %2 was cancelled.")
                    .arg(name, where()));
        }
        while (int(inFlight.size()) < ReadDepth && requested < size) {
            const uint32_t length = uint32_t(qMin<qint64>(ReadChunk, size - requested));
            const int id = sftp_async_read_begin(file.get(), length);
            if (id < 0)
                return failure(reading);
            inFlight.push_back({id, length});
            requested += length;
        }
        const Request request = inFlight.front();
        inFlight.pop_front();
        const int got = sftp_async_read(file.get(), block.data(), request.length, request.id);
        if (got < 0)
            return failure(reading);
        if (got == 0)
            break; // shorter than its size said: the comparison below tells
        hash.addData(QByteArrayView(block.constData(), got));
        if (sink && sink->write(block.constData(), got) != got) {
            return CopyResult::failure(
                CopyErrorKind::Other,
                QCoreApplication::translate("Offsite", "Cannot write the file fetched from %1: %2")
                    .arg(where(), sink->errorString()));
        }
        received += got;
        beat();
        if (advanced)
            advanced(got);
        if (uint32_t(got) < request.length) {
            // A short answer (a server with a smaller limit): the requests after it are for
            // the wrong offsets. Collect them and carry on from here.
            for (const Request &stale : inFlight) {
                if (sftp_async_read(file.get(), block.data(), stale.length, stale.id) < 0)
                    return failure(reading);
            }
            inFlight.clear();
            sftp_seek64(file.get(), quint64(received));
            requested = received;
        }
    }
    CopyResult result;
    result.size = received;
    result.sha256 = hash.hex();
    return result;
}

void SftpConnection::removeStaleParts(const QString &remoteName) const
{
    beat();
    const QByteArray dirPath = m_dir.isEmpty() ? QByteArray(".") : m_dir.toUtf8();
    sftp_dir dir = sftp_opendir(m_sftp.get(), dirPath.constData());
    if (!dir)
        return;
    QStringList stale;
    while (sftp_attributes entry = sftp_readdir(m_sftp.get(), dir)) {
        const QString entryName = QString::fromUtf8(entry->name);
        if (isPartOf(entryName, remoteName))
            stale << entryName;
        sftp_attributes_free(entry);
    }
    sftp_closedir(dir);
    for (const QString &part : std::as_const(stale)) {
        if (sftp_unlink(m_sftp.get(), pathOf(part).constData()) == SSH_OK)
            qCInfo(lcOffsite) << "removed the unfinished copy" << part << "on" << where();
    }
}

} // namespace

SftpTarget::SftpTarget(const SftpEndpoint &endpoint) : m_endpoint(endpoint) {}

SftpTarget::~SftpTarget() = default;

QString SftpTarget::description() const
{
    QString dir = m_endpoint.remoteDir;
    if (!dir.startsWith(QLatin1Char('/')))
        dir.prepend(QStringLiteral("/~/"));
    return QStringLiteral("sftp://%1@%2:%3%4")
        .arg(m_endpoint.user, m_endpoint.host)
        .arg(m_endpoint.port)
        .arg(dir);
}

CopyResult SftpTarget::probeHostKey(const QString &host, quint16 port, int timeoutSeconds)
{
    SshPointer session = newSession(host, port, QString(), timeoutSeconds);
    if (!session)
        return CopyResult::failure(CopyErrorKind::Other,
                                   QCoreApplication::translate("Offsite", "Cannot start libssh."));
    if (ssh_connect(session.get()) != SSH_OK) {
        return CopyResult::failure(
            CopyErrorKind::Unreachable,
            QCoreApplication::translate("Offsite", "Cannot reach the SFTP server %1:%2: %3")
                .arg(host)
                .arg(port)
                .arg(fromLibssh(ssh_get_error(session.get()))));
    }
    CopyResult result;
    result.serverFingerprint = fingerprintOf(session.get());
    if (result.serverFingerprint.isEmpty()) {
        return CopyResult::failure(
            CopyErrorKind::Other, QCoreApplication::translate(
                                      "Offsite", "The SFTP server %1:%2 showed no usable host key.")
                                      .arg(host)
                                      .arg(port));
    }
    return result;
}

CopyResult SftpTarget::put(const QString &localPath, const QString &remoteName,
                           const CopyProgress &progress, const CancelFlag *cancel)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    QFile source(localPath);
    if (!source.open(QIODevice::ReadOnly)) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "Cannot read the backup %1: %2")
                .arg(QDir::toNativeSeparators(localPath), source.errorString()));
    }
    const qint64 size = source.size();

    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(cancel);
    if (!opened.ok())
        return opened;
    const QString where = connection.where();
    connection.removeStaleParts(remoteName);

    RemoteFile existing;
    const CopyResult found = connection.statFile(remoteName, &existing);
    if (found.ok()) {
        // Already there (an earlier run that lost its answer): identical is done.
        const CopyResult local =
            hashLocalFile(localPath, remoteName, cancel, [&](qint64) { connection.beat(); });
        if (!local.ok())
            return local;
        if (existing.size == local.size) {
            CopyResult remote = connection.readRemote(remoteName, cancel, {});
            if (!remote.ok())
                return remote;
            if (remote.sha256 == local.sha256) {
                if (progress)
                    progress(2 * size, 2 * size);
                return remote;
            }
        }
        return CopyResult::failure(
            CopyErrorKind::Mismatch,
            QCoreApplication::translate(
                "Offsite", "A different file named %1 already exists on %2; it was left alone.")
                .arg(remoteName, where));
    }
    if (found.kind != CopyErrorKind::NotFound)
        return found;

    const QString partName = newPartName(remoteName);
    const QByteArray partPath = connection.pathOf(partName);
    auto discard = [&](CopyResult result) {
        if (connection.connected())
            sftp_unlink(connection.sftp(), partPath.constData());
        return result;
    };

    Sha256 sourceHash;
    qint64 written = 0;
    {
        SftpFile part(
            sftp_open(connection.sftp(), partPath.constData(), O_WRONLY | O_CREAT | O_EXCL, 0600));
        if (!part)
            return connection.failure(
                QCoreApplication::translate("Offsite", "Cannot create a file in %1").arg(where),
                size);
        QByteArray block(WriteChunk, Qt::Uninitialized);
        for (;;) {
            if (isCancelled(cancel)) {
                part.reset();
                return discard(CopyResult::failure(CopyErrorKind::Cancelled,
                                                   cancelledMessage(remoteName, where)));
            }
            const qint64 got = source.read(block.data(), block.size());
            if (got < 0) {
                part.reset();
                return discard(CopyResult::failure(
                    CopyErrorKind::Other,
                    QCoreApplication::translate("Offsite", "Cannot read the backup %1: %2")
                        .arg(QDir::toNativeSeparators(localPath), source.errorString())));
            }
            if (got == 0)
                break;
            sourceHash.addData(QByteArrayView(block.constData(), got));
            const ssize_t sent = sftp_write(part.get(), block.constData(), size_t(got));
            if (sent != got) {
                CopyResult failed = connection.failure(
                    QCoreApplication::translate("Offsite", "Cannot write %1 on %2")
                        .arg(remoteName, where),
                    size - written);
                part.reset();
                return discard(failed);
            }
            written += got;
            connection.beat();
            if (progress)
                progress(written, 2 * size);
        }
        if (sftp_extension_supported(connection.sftp(), "fsync@openssh.com", "1") &&
            sftp_fsync(part.get()) != SSH_OK) {
            CopyResult failed =
                connection.failure(QCoreApplication::translate("Offsite", "Cannot write %1 on %2")
                                       .arg(remoteName, where));
            part.reset();
            return discard(failed);
        }
        connection.beat();
        // sftp_close's answer tells whether the server could write everything.
        if (sftp_close(part.release()) != SSH_OK) {
            return discard(
                connection.failure(QCoreApplication::translate("Offsite", "Cannot write %1 on %2")
                                       .arg(remoteName, where)));
        }
    }

    // Read the copy back from the server: what counts is what the server now holds.
    qint64 readBack = 0;
    CopyResult copy = connection.readRemote(partName, cancel, [&](qint64 bytes) {
        readBack += bytes;
        if (progress)
            progress(written + readBack, 2 * size);
    });
    if (!copy.ok()) {
        if (copy.kind == CopyErrorKind::Cancelled)
            copy.message = cancelledMessage(remoteName, where);
        return discard(copy);
    }
    const QString sourceSha = sourceHash.hex();
    if (copy.size != written || copy.sha256 != sourceSha) {
        return discard(CopyResult::failure(
            CopyErrorKind::Mismatch,
            mismatchMessage(remoteName, where, written, copy.size, sourceSha, copy.sha256)));
    }

    connection.beat();
    // A plain SFTP rename never replaces an existing file (OpenSSH links, then unlinks).
    if (sftp_rename(connection.sftp(), partPath.constData(),
                    connection.pathOf(remoteName).constData()) != SSH_OK) {
        CopyResult failed = connection.failure(
            QCoreApplication::translate("Offsite", "Cannot rename the copy of %1 on %2")
                .arg(remoteName, where));
        RemoteFile appeared;
        if (connection.connected() && connection.statFile(remoteName, &appeared).ok()) {
            failed = CopyResult::failure(
                CopyErrorKind::Mismatch,
                QCoreApplication::translate(
                    "Offsite",
                    "A different file named %1 appeared on %2 during the copy; it was left "
                    "alone.")
                    .arg(remoteName, where));
        }
        return discard(failed);
    }
    qCInfo(lcOffsite) << "copied" << remoteName << "to" << description() << written << "bytes";
    return copy;
}

CopyResult SftpTarget::get(const QString &remoteName, const QString &localPath,
                           const CopyProgress &progress, const CancelFlag *cancel,
                           qint64 expectedSize, const QString &expectedSha256)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(cancel);
    if (!opened.ok())
        return opened;
    RemoteFile info;
    CopyResult found = connection.statFile(remoteName, &info);
    if (!found.ok())
        return found;
    if (expectedSize >= 0 && info.size != expectedSize) {
        return CopyResult::failure(CopyErrorKind::Mismatch,
                                   mismatchMessage(remoteName, connection.where(), expectedSize,
                                                   info.size, expectedSha256, QString()));
    }
    QSaveFile target(localPath); // a temporary file renamed over localPath by commit()
    if (!target.open(QIODevice::WriteOnly)) {
        return CopyResult::failure(
            CopyErrorKind::PermissionDenied,
            QCoreApplication::translate("Offsite", "Cannot write %1: %2")
                .arg(QDir::toNativeSeparators(localPath), target.errorString()));
    }
    qint64 done = 0;
    CopyResult copy = connection.readRemote(
        remoteName, cancel,
        [&](qint64 bytes) {
            done += bytes;
            if (progress)
                progress(done, info.size);
        },
        &target);
    if (!copy.ok()) {
        target.cancelWriting();
        if (copy.kind == CopyErrorKind::Cancelled) {
            copy.message =
                QCoreApplication::translate("Offsite", "Fetching %1 from %2 was cancelled.")
                    .arg(remoteName, connection.where());
        }
        return copy;
    }
    if ((expectedSize >= 0 && copy.size != expectedSize) ||
        (!expectedSha256.isEmpty() && copy.sha256 != expectedSha256.toLower())) {
        target.cancelWriting();
        return CopyResult::failure(CopyErrorKind::Mismatch,
                                   mismatchMessage(remoteName, connection.where(), expectedSize,
                                                   copy.size, expectedSha256, copy.sha256));
    }
    if (!target.commit()) {
        return CopyResult::failure(
            CopyErrorKind::Other,
            QCoreApplication::translate("Offsite", "Cannot write %1: %2")
                .arg(QDir::toNativeSeparators(localPath), target.errorString()));
    }
    return copy;
}

CopyResult SftpTarget::remove(const QString &remoteName)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(nullptr);
    if (!opened.ok())
        return opened;
    RemoteFile info;
    CopyResult found = connection.statFile(remoteName, &info);
    if (!found.ok())
        return found;
    if (sftp_unlink(connection.sftp(), connection.pathOf(remoteName).constData()) != SSH_OK)
        return connection.failure(QCoreApplication::translate("Offsite", "Cannot delete %1 on %2")
                                      .arg(remoteName, connection.where()));
    return {};
}

CopyResult SftpTarget::list(QList<RemoteFile> *files)
{
    files->clear();
    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(nullptr);
    if (!opened.ok())
        return opened;
    const QString dirName =
        m_endpoint.remoteDir.isEmpty() ? QStringLiteral(".") : m_endpoint.remoteDir;
    sftp_dir dir = sftp_opendir(connection.sftp(), dirName.toUtf8().constData());
    if (!dir)
        return connection.failure(
            QCoreApplication::translate("Offsite", "Cannot list %1").arg(connection.where()));
    while (sftp_attributes entry = sftp_readdir(connection.sftp(), dir)) {
        const QString name = QString::fromUtf8(entry->name);
        if (entry->type == SSH_FILEXFER_TYPE_REGULAR && !name.startsWith(QLatin1Char('.')))
            files->append({name, qint64(entry->size)});
        sftp_attributes_free(entry);
    }
    const bool complete = sftp_dir_eof(dir);
    sftp_closedir(dir);
    if (!complete)
        return connection.failure(
            QCoreApplication::translate("Offsite", "Cannot list %1").arg(connection.where()));
    std::sort(files->begin(), files->end(),
              [](const RemoteFile &a, const RemoteFile &b) { return a.name < b.name; });
    return {};
}

CopyResult SftpTarget::stat(const QString &remoteName, RemoteFile *file)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(nullptr);
    if (!opened.ok())
        return opened;
    return connection.statFile(remoteName, file);
}

CopyResult SftpTarget::verify(const QString &remoteName, qint64 expectedSize,
                              const QString &expectedSha256, const CancelFlag *cancel)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    SftpConnection connection(m_endpoint);
    CopyResult opened = connection.open(cancel);
    if (!opened.ok())
        return opened;
    RemoteFile info;
    CopyResult found = connection.statFile(remoteName, &info);
    if (!found.ok())
        return found;
    if (info.size != expectedSize) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::Mismatch, mismatchMessage(remoteName, connection.where(), expectedSize,
                                                     info.size, expectedSha256, {}));
        result.size = info.size;
        return result;
    }
    CopyResult copy = connection.readRemote(remoteName, cancel, {});
    if (!copy.ok())
        return copy;
    if (copy.size != expectedSize || copy.sha256 != expectedSha256.toLower()) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::Mismatch, mismatchMessage(remoteName, connection.where(), expectedSize,
                                                     copy.size, expectedSha256, copy.sha256));
        result.size = copy.size;
        result.sha256 = copy.sha256;
        return result;
    }
    return copy;
}

} // namespace pbxvault
