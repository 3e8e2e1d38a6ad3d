#include "SocketReply.h"

#include "PbxClient.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace pbxvault {
namespace {

constexpr qint64 kDefaultBufferSize = 2 * 1024 * 1024;
// What the socket itself holds. Larger reads land in freshly allocated memory each time: for a
// 512 MiB download the page faults alone cost more than the decryption.
constexpr qint64 kSocketBufferSize = 64 * 1024;
constexpr qint64 kMaxChunkLine = 1024;
constexpr qint64 kMaxHeaderLine = kSocketBufferSize / 4;
constexpr int kMaxChunkSizeDigits = 15; // 2^60 bytes: far over any download limit

QByteArray chopLineEnd(QByteArray line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

bool isToken(const QByteArray &name)
{
    static const QByteArray separators = QByteArrayLiteral("()<>@,;:\\\"/[]?={} \t");
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char c) {
        return c > 32 && c < 127 && !separators.contains(c);
    });
}

bool isDigits(const QByteArray &text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

QNetworkReply::NetworkError replyError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

} // namespace

SocketReply::SocketReply(const QNetworkRequest &request, const QByteArray &verb,
                         const QByteArray &body, QObject *parent)
    : SocketReply(request, verb, body, Limits(), parent)
{}

SocketReply::SocketReply(const QNetworkRequest &request, const QByteArray &verb,
                         const QByteArray &body, const Limits &limits, QObject *parent)
    : QNetworkReply(parent), m_socket(new QSslSocket(this)), m_verb(verb), m_body(body),
      m_limits(limits)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(verb == "GET"      ? QNetworkAccessManager::GetOperation
                 : verb == "POST"   ? QNetworkAccessManager::PostOperation
                 : verb == "DELETE" ? QNetworkAccessManager::DeleteOperation
                                    : QNetworkAccessManager::CustomOperation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    setReadBufferSize(kDefaultBufferSize);
    m_socket->setReadBufferSize(kSocketBufferSize);

    m_tls = request.url().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    connect(m_socket, &QSslSocket::connected, this, [this] {
        if (!m_tls && !m_aborted)
            sendRequest();
    });
    connect(m_socket, &QSslSocket::encrypted, this, &SocketReply::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &SocketReply::sslErrors);
    connect(m_socket, &QSslSocket::bytesWritten, this, &SocketReply::onBytesWritten);
    connect(m_socket, &QSslSocket::readyRead, this, &SocketReply::onSocketReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &SocketReply::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SocketReply::onSocketError);
    QMetaObject::invokeMethod(this, &SocketReply::start, Qt::QueuedConnection);
}

SocketReply::~SocketReply() = default;

void SocketReply::start()
{
    if (m_state != State::Connecting || m_aborted)
        return;
    const QUrl target = url();
    const quint16 port = quint16(target.port(m_tls ? 443 : 80));
    emit socketStartedConnecting();
    if (m_tls)
        m_socket->connectToHostEncrypted(target.host(), port);
    else
        m_socket->connectToHost(target.host(), port);
}

void SocketReply::onEncrypted()
{
    emit encrypted();
    // The reader checks the certificate's pin on encrypted(): after a refusal nothing is sent.
    if (!m_aborted && m_state == State::Connecting)
        sendRequest();
}

void SocketReply::sendRequest()
{
    const QUrl target = url();
    QByteArray path = target.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    if (target.hasQuery())
        path += '?' + target.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = target.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (target.port() > 0)
        host += ':' + QByteArray::number(target.port());

    QByteArray head = m_verb + ' ' + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
    const QNetworkRequest &req = request();
    for (const QByteArray &name : req.rawHeaderList()) {
        const QByteArray lower = name.toLower();
        if (lower == "host" || lower == "content-length" || lower == "connection")
            continue;
        head += name + ": " + req.rawHeader(name) + "\r\n";
    }
    if (!m_body.isEmpty() || m_verb == "POST" || m_verb == "PUT")
        head += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    m_state = State::Head;
    m_socket->write(head + m_body);
}

void SocketReply::onBytesWritten()
{
    if (m_requestSent || m_aborted || m_socket->bytesToWrite() > 0 ||
        m_socket->encryptedBytesToWrite() > 0)
        return;
    m_requestSent = true;
    emit requestSent();
}

void SocketReply::onSocketReadyRead()
{
    if (m_aborted || m_state == State::Done)
        return;
    if (m_state == State::Head && !readHead())
        return;
    if (m_state != State::Body)
        return;
    const bool ok = pullBody();
    announceData(!ok || m_bodyComplete);
    checkComplete();
}

void SocketReply::onDisconnected()
{
    m_peerClosed = true;
    if (m_aborted || m_state == State::Done)
        return;
    onSocketReadyRead(); // whatever came with the close
    if (m_aborted || m_state == State::Done)
        return;
    // In the body, onSocketReadyRead has noticed a body that cannot end any more.
    if (m_state != State::Body)
        finishWith(RemoteHostClosedError, m_socket->errorString());
}

void SocketReply::onSocketError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    // A close is handled by onDisconnected, which first takes what arrived with it.
    if (m_aborted || m_state == State::Done || error == QAbstractSocket::RemoteHostClosedError)
        return;
    if (m_state == State::Body) {
        onSocketReadyRead();
        if (m_state == State::Done || m_aborted)
            return;
        m_failure = {replyError(error), m_socket->errorString()};
        announceData(true);
        checkComplete();
        return;
    }
    finishWith(replyError(error), m_socket->errorString());
}

// Reads the status line and the header fields, within m_limits; true once the body begins.
bool SocketReply::readHead()
{
    while (m_state == State::Head) {
        const qint64 room = m_limits.maxHeadBytes - m_headBytes;
        // The socket holds kSocketBufferSize bytes: a longer line could never be read.
        const qint64 lineRoom = qMin(room, kMaxHeaderLine);
        if (!m_socket->canReadLine()) {
            if (m_socket->bytesAvailable() > lineRoom)
                failHeadTooLong(room);
            return false;
        }
        const QByteArray raw = m_socket->readLine(lineRoom + 1);
        if (!raw.endsWith('\n')) {
            failHeadTooLong(room);
            return false;
        }
        m_headBytes += raw.size();
        const QByteArray line = chopLineEnd(raw);
        if (m_status == 0) {
            if (!takeStatusLine(line))
                return false;
        } else if (line.isEmpty()) {
            if (m_status >= 100 && m_status < 200 && m_status != 101) {
                m_status = 0; // an interim answer: the real one follows
                m_fields.clear();
                continue;
            }
            return beginBody();
        } else if (!takeHeaderLine(line)) {
            return false;
        }
    }
    return m_state == State::Body;
}

void SocketReply::failHeadTooLong(qint64 room)
{
    if (room > kMaxHeaderLine)
        finishWith(ProtocolFailure,
                   tr("the PBX sent more than %1 bytes in one header line").arg(kMaxHeaderLine));
    else
        finishWith(ProtocolFailure,
                   tr("the PBX sent more than %1 bytes of headers").arg(m_limits.maxHeadBytes));
}

bool SocketReply::takeStatusLine(const QByteArray &line)
{
    // HTTP/1.x SSS reason
    const bool ok = line.startsWith("HTTP/1.") && line.size() >= 12 && line.at(8) == ' ' &&
                    isDigits(line.mid(9, 3)) && (line.size() == 12 || line.at(12) == ' ');
    if (!ok) {
        finishWith(ProtocolFailure, tr("the PBX did not answer in HTTP/1.1"));
        return false;
    }
    m_status = line.mid(9, 3).toInt();
    if (m_status < 100) {
        finishWith(ProtocolFailure, tr("the PBX did not answer in HTTP/1.1"));
        return false;
    }
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute,
                 QString::fromLatin1(line.mid(13)).trimmed());
    return true;
}

bool SocketReply::takeHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (!isToken(name)) {
        finishWith(ProtocolFailure, tr("the PBX sent a malformed header line"));
        return false;
    }
    if (++m_fieldCount > m_limits.maxHeaderFields) {
        finishWith(ProtocolFailure,
                   tr("the PBX sent more than %1 header fields").arg(m_limits.maxHeaderFields));
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    for (auto &field : m_fields) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0) {
            field.second += ", " + value; // as Qt shows repeated fields
            return true;
        }
    }
    m_fields.append({name, value});
    return true;
}

bool SocketReply::beginBody()
{
    QByteArray length, transfer;
    for (const auto &[name, value] : std::as_const(m_fields)) {
        setRawHeader(name, value);
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = value;
        else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            transfer = value.toLower();
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_status);

    bool badLength = false;
    if (m_verb == "HEAD" || m_status < 200 || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
    } else if (!transfer.isEmpty()) {
        // The last coding frames the body; any other coding would need a close to end it.
        m_framing = transfer.split(',').constLast().trimmed() == "chunked" ? Framing::Chunked
                                                                           : Framing::UntilClose;
    } else if (!length.isNull()) {
        // Repeated fields arrive joined: "10, 10" is one length, "10, 5" is none.
        const QList<QByteArray> values = length.split(',');
        qint64 n = -1;
        for (const QByteArray &v : values) {
            const QByteArray digits = v.trimmed();
            const qint64 value = isDigits(digits) && digits.size() <= 18 ? digits.toLongLong() : -1;
            if (value < 0 || (n >= 0 && value != n)) {
                badLength = true;
                break;
            }
            n = value;
        }
        m_framing = Framing::Length;
        m_bodyLeft = badLength ? 0 : n;
    } else {
        m_framing = Framing::UntilClose;
    }
    m_state = State::Body;
    m_inBody = true;
    m_bodyComplete =
        m_framing == Framing::None || (m_framing == Framing::Length && m_bodyLeft == 0);

    QPointer<SocketReply> alive(this);
    emit metaDataChanged();
    if (!alive || m_aborted || m_state != State::Body)
        return false;
    if (badLength) {
        finishWith(ProtocolFailure, tr("the PBX sent an invalid Content-Length"));
        return false;
    }
    return true;
}

// Moves body bytes from the socket into m_decoded, up to the read buffer size, removing the
// chunk framing; false when the framing is broken or the body cannot end any more (m_failure
// says why).
bool SocketReply::pullBody()
{
    while (!m_bodyComplete && m_decoded.size() - m_decodedPos < m_bufferSize) {
        if (m_framing == Framing::Chunked) {
            if (!pullChunked())
                return m_failure.first == NoError;
            continue;
        }
        qint64 want = m_bufferSize - (m_decoded.size() - m_decodedPos);
        if (m_framing == Framing::Length)
            want = qMin(want, m_bodyLeft);
        const qint64 n = takeFromSocket(want);
        if (n > 0) {
            if (m_framing == Framing::Length && (m_bodyLeft -= n) == 0)
                m_bodyComplete = true;
            continue;
        }
        if (!m_peerClosed || m_socket->bytesAvailable() > 0)
            return true;
        if (m_framing == Framing::Length) {
            m_failure = {RemoteHostClosedError,
                         tr("the PBX closed the connection before the end of the answer")};
            return false;
        }
        m_bodyComplete = true; // Framing::UntilClose
    }
    return true;
}

qint64 SocketReply::takeFromSocket(qint64 max)
{
    const qint64 n = qMin(m_socket->bytesAvailable(), max);
    if (n <= 0)
        return 0;
    const qsizetype at = m_decoded.size();
    m_decoded.resize(at + n);
    const qint64 got = qMax<qint64>(m_socket->read(m_decoded.data() + at, n), 0);
    m_decoded.resize(at + got);
    return got;
}

// One step of the chunk framing; false when it needs bytes that have not arrived (or never
// will, or are broken: then m_failure is set).
bool SocketReply::pullChunked()
{
    QByteArray line;
    switch (m_chunkStep) {
    case ChunkStep::Size: {
        if (!readChunkLine(&line, kMaxChunkLine))
            return false;
        const qsizetype extension = line.indexOf(';');
        const QByteArray digits = (extension >= 0 ? line.left(extension) : line).trimmed();
        bool ok = !digits.isEmpty() && digits.size() <= kMaxChunkSizeDigits &&
                  !digits.startsWith('+') && !digits.startsWith('-');
        const qint64 size = ok ? digits.toLongLong(&ok, 16) : -1;
        if (!ok || size < 0) {
            m_failure = {ProtocolFailure, tr("a chunk of the answer has an invalid size")};
            return false;
        }
        m_chunkLeft = size;
        m_chunkStep = size > 0 ? ChunkStep::Data : ChunkStep::Trailer;
        return true;
    }
    case ChunkStep::Data: {
        const qint64 room = m_bufferSize - (m_decoded.size() - m_decodedPos);
        const qint64 n = takeFromSocket(qMin(m_chunkLeft, room));
        if (n <= 0) {
            if (m_peerClosed && m_socket->bytesAvailable() == 0)
                m_failure = {RemoteHostClosedError,
                             tr("the PBX closed the connection before the end of the answer")};
            return false;
        }
        if ((m_chunkLeft -= n) == 0)
            m_chunkStep = ChunkStep::DataEnd;
        return true;
    }
    case ChunkStep::DataEnd:
        if (!readChunkLine(&line, kMaxChunkLine))
            return false;
        if (!line.isEmpty()) {
            m_failure = {ProtocolFailure, tr("a chunk of the answer is longer than its size")};
            return false;
        }
        m_chunkStep = ChunkStep::Size;
        return true;
    case ChunkStep::Trailer:
        if (!readChunkLine(&line, qMin(kMaxHeaderLine, m_limits.maxHeadBytes - m_trailerBytes)))
            return false;
        m_trailerBytes += line.size() + 2;
        if (line.isEmpty())
            m_bodyComplete = true;
        return true;
    }
    return false;
}

// One line of the chunk framing, without its line end; false when it has not arrived yet (or
// never will: then m_failure is set).
bool SocketReply::readChunkLine(QByteArray *line, qint64 max)
{
    if (!m_socket->canReadLine()) {
        if (m_socket->bytesAvailable() > max)
            m_failure = {ProtocolFailure, tr("a chunk of the answer has an invalid size")};
        else if (m_peerClosed)
            m_failure = {RemoteHostClosedError,
                         tr("the PBX closed the connection before the end of the answer")};
        return false;
    }
    const QByteArray raw = m_socket->readLine(max + 1);
    if (!raw.endsWith('\n')) {
        m_failure = {ProtocolFailure, tr("a chunk of the answer has an invalid size")};
        return false;
    }
    *line = chopLineEnd(raw);
    return true;
}

qint64 SocketReply::bodyAvailable() const
{
    if (!m_inBody || m_aborted)
        return 0;
    return m_decoded.size() - m_decodedPos;
}

qint64 SocketReply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + bodyAvailable();
}

// Tells the reader about new body bytes once enough have gathered, or some time has passed,
// rather than for every piece the socket decrypts.
void SocketReply::announceData(bool force)
{
    const qint64 available = bodyAvailable();
    if (!force && available < m_announcedAt + m_limits.readyReadStep && m_sinceAnnounce.isValid() &&
        !m_sinceAnnounce.hasExpired(m_limits.readyReadMs))
        return;
    if (available == 0 && !force)
        return;
    m_sinceAnnounce.start();
    const qint64 total = m_framing == Framing::Length ? m_received + available + m_bodyLeft : -1;
    QPointer<SocketReply> alive(this);
    emit downloadProgress(m_received + available, total);
    if (alive && !m_aborted && available > 0)
        emit readyRead();
    if (alive)
        m_announcedAt = bodyAvailable();
}

// Ends the reply once the body is complete or broken; data already received stays readable.
void SocketReply::checkComplete()
{
    if (m_aborted || m_state != State::Body)
        return;
    if (m_failure.first != NoError)
        finishWith(m_failure.first, m_failure.second);
    else if (m_bodyComplete)
        finishOk();
}

qint64 SocketReply::readData(char *data, qint64 maxSize)
{
    if (!m_inBody || m_aborted)
        return m_state == State::Done ? -1 : 0;
    const qint64 n = qMin(maxSize, bodyAvailable());
    if (n > 0) {
        memcpy(data, m_decoded.constData() + m_decodedPos, size_t(n));
        m_decodedPos += n;
    }
    if (m_decodedPos == m_decoded.size()) {
        m_decoded.resize(0);
        m_decodedPos = 0;
    } else if (m_decodedPos >= m_bufferSize / 2) {
        m_decoded.remove(0, m_decodedPos);
        m_decodedPos = 0;
    }
    // The socket may hold more than the buffer had room for; an end or a broken framing found
    // here is reported after the reader returns.
    if (!m_aborted) {
        const bool ended = m_bodyComplete;
        if ((!pullBody() || (!ended && m_bodyComplete)) && m_state == State::Body)
            QMetaObject::invokeMethod(this, &SocketReply::checkComplete, Qt::QueuedConnection);
    }
    if (n > 0) {
        m_received += n;
        m_announcedAt = qMax<qint64>(0, m_announcedAt - n);
        return n;
    }
    return m_state == State::Done ? -1 : 0;
}

void SocketReply::finishWith(NetworkError code, const QString &text)
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    setError(code, text);
    setFinished(true);
    QPointer<SocketReply> alive(this);
    emit errorOccurred(code);
    if (alive)
        emit finished();
}

void SocketReply::finishOk()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    setFinished(true);
    emit finished();
}

void SocketReply::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    // abort() may come from inside one of the socket's signals (a refused certificate):
    // the socket is closed once that signal has returned, and tells this reply nothing more.
    disconnect(m_socket, nullptr, this, nullptr);
    QTimer::singleShot(0, m_socket, &QSslSocket::abort);
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    setError(OperationCanceledError, tr("the request was cancelled"));
    setFinished(true);
    QPointer<SocketReply> alive(this);
    emit errorOccurred(OperationCanceledError);
    if (alive)
        emit finished();
}

void SocketReply::ignoreSslErrors()
{
    m_socket->ignoreSslErrors();
}

void SocketReply::ignoreSslErrorsImplementation(const QList<QSslError> &errors)
{
    m_socket->ignoreSslErrors(errors);
}

void SocketReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    configuration = m_socket->sslConfiguration();
}

void SocketReply::setReadBufferSize(qint64 size)
{
    m_bufferSize = size > 0 ? size : kDefaultBufferSize;
    QNetworkReply::setReadBufferSize(m_bufferSize);
}

} // namespace pbxvault
