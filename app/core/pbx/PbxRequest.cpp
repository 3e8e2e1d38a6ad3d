#include "PbxRequest.h"

#include "AuthHeader.h"
#include "NameListParser.h"
#include "SocketReply.h"

#include <QDir>
#include <QFile>
#include <QFileDevice>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStorageInfo>

#include <cerrno>

namespace pbxvault {
namespace {

constexpr qint64 kReadBufferSize = 2 * 1024 * 1024;
// Read from the reply per call on a download: several encryption chunks, so most are
// encrypted where they lie instead of being copied first.
constexpr int kChunkSize = 512 * 1024;
constexpr qint64 kBatchSize = 256 * 1024;
constexpr qint64 kBatchMs = 200;
constexpr int kMaxSmallAnswerSize = 64 * 1024; // salt and firmware answers
constexpr int kMaxErrorBodySize = 64 * 1024;
// While a download goes on, free space is checked again after this many bytes.
constexpr qint64 kDiskCheckStep = 64LL * 1024 * 1024;

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).trimmed();
    if (text.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!dt.isValid()) {
        // IMF-fixdate with the "GMT" zone name
        dt = QLocale::c().toDateTime(text.left(25), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        if (dt.isValid())
            dt.setTimeSpec(Qt::UTC);
    }
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

bool isDigits(const QByteArray &text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHttpSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QString contentDispositionName(const QString &name)
{
    QString safe = name;
    for (QChar &c : safe) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    }
    return safe;
}

} // namespace

PbxRequest::PbxRequest(PbxClient *client, const Spec &spec)
    : PbxCall(client), m_client(client), m_network(client->m_network),
      m_connection(client->m_connection), m_clock(client->m_clock), m_spec(spec),
      m_text(spec.action), m_stallMs(client->m_stallTimeoutMs),
      m_serverWorkMs(qMax(client->m_stallTimeoutMs, client->m_serverWorkTimeoutMs)),
      m_maxDownload(client->m_maxDownloadSize), m_diskReserve(client->m_diskReserve),
      m_requireCheckableEnd(client->m_requireCheckableEnd), m_hashDownloads(client->m_hashDownloads)
{
    // Free space matters for files on a disk, not for devices such as /dev/null.
    if (auto *file = qobject_cast<QFileDevice *>(spec.sink); file && !file->fileName().isEmpty()) {
        const QFileInfo info(file->fileName());
        if (!info.exists() || info.isFile())
            m_sinkFolder = info.absolutePath();
    }
    const QUrl &base = m_connection.baseUrl;
    m_host =
        base.port() > 0 ? QStringLiteral("%1:%2").arg(base.host()).arg(base.port()) : base.host();
    m_pin = PbxClient::normaliseFingerprint(m_connection.pinnedFingerprint);
    m_saltKey = auth::SaltCache::key(base, m_connection.tenant);
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, &PbxRequest::onStall);
    QMetaObject::invokeMethod(this, &PbxRequest::start, Qt::QueuedConnection);
}

PbxRequest::~PbxRequest()
{
    detach();
}

void PbxRequest::cancel()
{
    if (m_finished)
        return;
    qCInfo(lcPbx).noquote() << "cancelling:" << m_spec.verb << m_spec.path;
    fail(m_text.make(PbxErrorKind::Cancelled, ErrorMessage("pbx.cancelled")));
}

void PbxRequest::start()
{
    if (m_finished)
        return;
    if (!m_client || !m_network) {
        fail(m_text.make(PbxErrorKind::Cancelled, ErrorMessage("pbx.connection_closed")));
        return;
    }
    const QUrl &base = m_connection.baseUrl;
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        fail(m_text.make(PbxErrorKind::InvalidUrl,
                         ErrorMessage("pbx.invalid_url").arg(displayText(base.toDisplayString()))));
        return;
    }
    if (!m_spec.invalid.isNull()) {
        fail(m_text.make(PbxErrorKind::BadRequest, m_spec.invalid));
        return;
    }
    // User name and tenant travel inside the X-authenticate header: never let them split it.
    const ErrorMessage credentials = credentialReason(m_connection.username, m_connection.tenant);
    if (!credentials.isNull()) {
        fail(m_text.make(PbxErrorKind::Config, credentials));
        return;
    }
    m_elapsed.start();
    m_saltFromCache = auth::SaltCache::find(m_saltKey, &m_salt);
    if (m_saltFromCache)
        sendMain();
    else
        sendSalt();
}

QNetworkRequest PbxRequest::makeRequest(const QString &path, bool acceptJson) const
{
    QUrl url = m_connection.baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                             QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    url.setPath(url.path(QUrl::FullyEncoded) + path, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", acceptJson ? "application/json" : "*/*");
    // Backups are stored byte for byte: a compressed answer is refused, never inflated (an
    // inflated answer could be far larger than what the PBX sent).
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

void PbxRequest::sendSalt()
{
    m_phase = Phase::Salt;
    const QString path = QStringLiteral("/rest/salt/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(m_connection.tenant));
    QNetworkRequest request = makeRequest(path, true);
    qCDebug(lcPbx).noquote() << "GET" << request.url().toDisplayString() << "(salt)";
    attach(m_network->get(request));
}

void PbxRequest::sendMain()
{
    m_phase = Phase::Main;
    QNetworkRequest request = makeRequest(m_spec.path, m_spec.answer != Answer::File);
    const QByteArray authenticate =
        auth::header(m_connection.username, m_connection.tenant, m_connection.password, m_salt,
                     auth::newNonce(), m_clock->nowUtc());
    if (authenticate.isEmpty()) { // start() has refused such credentials already
        fail(m_text.make(PbxErrorKind::Config, ErrorMessage("pbx.config.header")));
        return;
    }
    request.setRawHeader("X-authenticate", authenticate);
    qCDebug(lcPbx).noquote() << m_spec.verb << request.url().toDisplayString();

    QNetworkReply *reply = nullptr;
    if (m_spec.answer == Answer::File && m_spec.uploadFile.isEmpty()) {
        if (!m_spec.json.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QStringLiteral("application/json"));
        reply = new SocketReply(request, m_spec.verb, m_spec.json, this);
    } else if (!m_spec.uploadFile.isEmpty()) {
        auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        auto *file = new QFile(m_spec.uploadFile, multiPart);
        if (!file->open(QIODevice::ReadOnly)) {
            const QString why = file->errorString();
            delete multiPart;
            fail(m_text.make(PbxErrorKind::WriteError,
                             ErrorMessage("store.file_unreadable")
                                 .arg(QDir::toNativeSeparators(m_spec.uploadFile))
                                 .arg(why)));
            return;
        }
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"backupFile\"; filename=\"%1\"")
                           .arg(contentDispositionName(m_spec.uploadName)));
        part.setHeader(QNetworkRequest::ContentTypeHeader,
                       QStringLiteral("application/octet-stream"));
        part.setBodyDevice(file);
        multiPart->append(part);
        reply = m_network->post(request, multiPart);
        multiPart->setParent(reply);
    } else if (!m_spec.json.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_network->sendCustomRequest(request, m_spec.verb, m_spec.json);
    } else if (m_spec.verb == "POST") {
        // No body: say so explicitly instead of letting Qt invent a form content type.
        request.setHeader(QNetworkRequest::ContentLengthHeader, 0);
        reply = m_network->sendCustomRequest(request, m_spec.verb);
    } else {
        reply = m_network->sendCustomRequest(request, m_spec.verb);
    }
    attach(reply);
}

void PbxRequest::attach(QNetworkReply *reply)
{
    m_reply = reply;
    m_status = 0;
    m_announced = -1;
    m_received = 0;
    m_requestSent = false;
    m_draining = false;
    m_sinceBatch.invalidate();
    m_buffer.clear();
    reply->setReadBufferSize(kReadBufferSize);
    connect(reply, &QNetworkReply::metaDataChanged, this, &PbxRequest::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &PbxRequest::onReadyRead);
    connect(reply, &QNetworkReply::uploadProgress, this, &PbxRequest::onUploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, &PbxRequest::touch);
    connect(reply, &QNetworkReply::socketStartedConnecting, this, &PbxRequest::touch);
    connect(reply, &QNetworkReply::requestSent, this, &PbxRequest::onRequestSent);
    connect(reply, &QNetworkReply::encrypted, this, &PbxRequest::onEncrypted);
    connect(reply, &QNetworkReply::sslErrors, this, &PbxRequest::onSslErrors);
    connect(reply, &QNetworkReply::finished, this, &PbxRequest::onReplyFinished);
    touch();
}

void PbxRequest::detach()
{
    m_stall.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

// Every byte moving restarts the stall timer; while the PBX works on a create or restore
// request it has received completely, the longer server-work limit applies instead.
void PbxRequest::touch()
{
    const bool waiting =
        m_spec.serverWork && m_phase == Phase::Main && m_requestSent && m_status == 0;
    m_stall.start(waiting ? m_serverWorkMs : m_stallMs);
}

void PbxRequest::onRequestSent()
{
    // Qt reports an upload as sent after its first chunk; uploads count as sent once
    // uploadProgress has reached the total.
    if (m_spec.uploadFile.isEmpty())
        m_requestSent = true;
    limitReadBuffer();
    touch();
}

// Qt (6.4) passes the read buffer limit to its HTTP thread only once that thread has created
// its own reply; a limit set right after get() bounds the hand-over between the threads but
// not the socket reads, so a fast PBX would fill memory. Requests that have been sent (or
// answered) prove the thread's reply exists: set the limit again then.
void PbxRequest::limitReadBuffer()
{
    if (m_reply)
        m_reply->setReadBufferSize(kReadBufferSize);
}

void PbxRequest::onUploadProgress(qint64 sent, qint64 total)
{
    if (m_phase != Phase::Main || m_spec.uploadFile.isEmpty() || total <= 0)
        return;
    if (sent >= total)
        m_requestSent = true;
    touch();
    m_bytes = sent;
    emit progress(sent, total);
}

void PbxRequest::onMetaData()
{
    if (!m_reply)
        return;
    // The status first: once the answer has begun, the stall timeout applies again.
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_answerAfterMs < 0)
        m_answerAfterMs = m_elapsed.elapsed();
    touch();
    limitReadBuffer();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    m_announced = length.isValid() ? length.toLongLong() : -1;
    const QDateTime date = parseHttpDate(m_reply->rawHeader("Date"));
    if (date.isValid())
        m_serverDate = date;
    onEncrypted();
    if (!m_finished && isSuccess(m_status))
        checkAnswerHeaders();
}

bool PbxRequest::checkAnswerHeaders()
{
    // Qt reads the first of several Content-Length headers and shows them joined by commas:
    // a duplicate or a Content-Length next to chunked encoding makes the length a guess.
    if (m_reply->hasRawHeader("Content-Length") &&
        (!isDigits(m_reply->rawHeader("Content-Length").trimmed()) ||
         m_reply->hasRawHeader("Transfer-Encoding"))) {
        fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.bad_content_length")));
        return false;
    }
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        fail(m_text.make(
            PbxErrorKind::Protocol,
            ErrorMessage("pbx.compressed").arg(displayText(QString::fromLatin1(encoding), 40))));
        return false;
    }
    if (m_phase != Phase::Main || m_spec.answer != Answer::File)
        return true;
    const QByteArray type = m_reply->rawHeader("Content-Type").trimmed().toLower();
    if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
        fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.web_page")));
        return false;
    }
    if (m_announced > m_maxDownload) {
        fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.announced_too_large")
                                                     .arg(sizeText(m_announced))
                                                     .arg(sizeText(m_maxDownload))));
        return false;
    }
    // A chunked answer ends with its last chunk, which SocketReply checks.
    const bool chunked =
        m_reply->rawHeader("Transfer-Encoding").trimmed().toLower().endsWith("chunked");
    if (m_announced < 0 && !chunked) {
        if (m_requireCheckableEnd) {
            fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.size_unknown")));
            return false;
        }
        qCWarning(lcPbx).noquote()
            << "backup ended by the connection closing: its completeness cannot be checked:"
            << m_reply->url().toDisplayString();
    }
    return m_announced <= 0 || checkDiskRoom(m_announced);
}

// Bytes of a backup on their way to the sink: refused when they look like a web page, exceed
// the size limit or would eat into the disk reserve.
bool PbxRequest::acceptFileBytes(const char *data, qint64 size)
{
    if (m_leadingSpace) {
        qint64 i = 0;
        while (i < size && isHttpSpace(data[i]))
            ++i;
        if (i < size) {
            m_leadingSpace = false;
            if (data[i] == '<') {
                fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.web_page")));
                return false;
            }
        }
    }
    if (m_received + size > m_maxDownload) {
        qCWarning(lcPbx).noquote() << "answer exceeds the download limit of" << m_maxDownload
                                   << "bytes:" << m_reply->url().toDisplayString();
        fail(m_text.make(PbxErrorKind::Protocol,
                         ErrorMessage("pbx.too_large").arg(sizeText(m_maxDownload))));
        return false;
    }
    if (!checkDiskRoom(qMax(m_received + size, m_announced)))
        return false;
    if (m_spec.sink->write(data, size) != size) {
        fail(sinkWriteError());
        return false;
    }
    return true;
}

// Fails when the sink growing to total bytes would leave less than the reserve free. Asks the
// file system again every kDiskCheckStep bytes, as other writers share the disk.
bool PbxRequest::checkDiskRoom(qint64 total)
{
    if (m_sinkFolder.isEmpty() || (m_received < m_nextDiskCheck && total <= m_diskAllowed))
        return true;
    const QStorageInfo storage(m_sinkFolder);
    if (!storage.isValid() || !storage.isReady())
        return true;
    const qint64 available = storage.bytesAvailable();
    const qint64 room = available - m_diskReserve; // what this download may still add
    if (total - m_received > room) {
        fail(m_text.make(PbxErrorKind::WriteError, ErrorMessage("store.no_room")
                                                       .arg(QDir::toNativeSeparators(m_sinkFolder))
                                                       .arg(sizeText(available))
                                                       .arg(sizeText(total - m_received))
                                                       .arg(sizeText(m_diskReserve))));
        return false;
    }
    m_diskAllowed = m_received + room;
    m_nextDiskCheck = m_received + kDiskCheckStep;
    return true;
}

PbxError PbxRequest::sinkWriteError() const
{
    const QString why = m_spec.sink ? m_spec.sink->errorString() : QString();
    if (why == qt_error_string(ENOSPC) || why == qt_error_string(EDQUOT))
        return m_text.make(PbxErrorKind::WriteError, ErrorMessage("store.disk_full").arg(why));
    return m_text.make(PbxErrorKind::WriteError, ErrorMessage("store.write_failed").arg(why));
}

// The answer had a 2xx status but Qt reports an error in its body.
PbxError PbxRequest::bodyError(QNetworkReply::NetworkError code) const
{
    if (code == QNetworkReply::ProtocolFailure || code == QNetworkReply::ProtocolUnknownError ||
        code == QNetworkReply::ProtocolInvalidOperationError)
        return m_text.make(PbxErrorKind::Protocol,
                           ErrorMessage("pbx.malformed_body")
                               .arg(m_received)
                               .arg(m_reply ? m_reply->errorString() : QString()));
    return m_text.truncated(m_received, m_announced);
}

void PbxRequest::onEncrypted()
{
    if (!m_reply || m_reply->url().scheme() != QLatin1String("https"))
        return;
    const QSslCertificate cert = m_reply->sslConfiguration().peerCertificate();
    if (cert.isNull())
        return;
    m_peerFingerprint = PbxClient::fingerprintOf(cert);
    // A certificate that validates against the system CAs must still match the pin.
    if (!m_pin.isEmpty() && m_peerFingerprint != m_pin)
        fail(m_text.tlsChanged(m_pin, m_peerFingerprint));
}

QString PbxRequest::peerFingerprintOf(const QList<QSslError> &errors) const
{
    QSslCertificate cert = m_reply->sslConfiguration().peerCertificate();
    if (cert.isNull()) {
        for (const QSslError &e : errors) {
            if (e.error() == QSslError::SelfSignedCertificate ||
                e.error() == QSslError::HostNameMismatch) {
                cert = e.certificate();
                break;
            }
        }
    }
    return cert.isNull() ? QString() : PbxClient::fingerprintOf(cert);
}

void PbxRequest::onSslErrors(const QList<QSslError> &errors)
{
    touch();
    const QString presented = peerFingerprintOf(errors);
    if (presented.isEmpty()) {
        fail(m_text.make(PbxErrorKind::TlsError,
                         ErrorMessage("pbx.tls.no_certificate")
                             .arg(errors.isEmpty() ? QString() : errors.first().errorString())));
        return;
    }
    m_peerFingerprint = presented;
    // The pin is the trust anchor: with a matching pin every error about this certificate is
    // accepted (appliances often present expired or wrongly named self-signed certificates).
    if (!m_pin.isEmpty() && presented == m_pin) {
        m_reply->ignoreSslErrors(errors);
        return;
    }
    if (!m_pin.isEmpty()) {
        fail(m_text.tlsChanged(m_pin, presented));
        return;
    }
    QStringList why;
    for (const QSslError &e : errors)
        why << e.errorString();
    qCInfo(lcPbx) << "untrusted certificate" << PbxClient::formatFingerprint(presented) << why;
    fail(m_text.tlsUntrusted(presented, why.join(QStringLiteral("; "))));
}

void PbxRequest::onReadyRead()
{
    touch();
    if (!m_reply)
        return;
    const bool toSink =
        m_phase == Phase::Main && m_spec.answer == Answer::File && isSuccess(m_status);
    if (toSink) {
        // Taking the bytes in batches makes the work per piece (encryption, check queue, file
        // write, progress) that of one batch. The read buffer (kReadBufferSize) holds several
        // batches; a slow PBX still gets its bytes taken (and its progress shown) every
        // kBatchMs.
        if (!m_draining && m_reply->bytesAvailable() < kBatchSize && m_sinceBatch.isValid() &&
            !m_sinceBatch.hasExpired(kBatchMs))
            return;
        m_sinceBatch.start();
        if (m_chunk.isEmpty())
            m_chunk.resize(kChunkSize);
        while (m_reply->bytesAvailable() > 0) {
            const qint64 n = m_reply->read(m_chunk.data(), m_chunk.size());
            if (n <= 0)
                break;
            if (!acceptFileBytes(m_chunk.constData(), n))
                return;
            if (m_hashDownloads)
                m_hash.addData(QByteArrayView(m_chunk.constData(), n));
            m_received += n;
            m_bytes = m_received;
        }
        emit progress(m_received, m_announced);
        return;
    }
    const bool answer = m_phase == Phase::Salt || isSuccess(m_status);
    const qint64 limit = !answer ? kMaxErrorBodySize
                         : m_phase == Phase::Main && m_spec.answer == Answer::Names
                             ? PbxClient::kMaxListAnswerSize
                             : kMaxSmallAnswerSize;
    const qint64 available = m_reply->bytesAvailable();
    if (m_buffer.size() + available > limit) {
        if (answer) {
            qCWarning(lcPbx).noquote()
                << "answer over" << limit << "bytes:" << m_reply->url().toDisplayString();
            fail(m_text.make(PbxErrorKind::Protocol,
                             ErrorMessage("pbx.answer_too_large").arg(qint64(limit))));
            return;
        }
        m_reply->skip(available); // only the beginning of an error text is useful
        return;
    }
    m_buffer += m_reply->readAll();
    m_received = m_buffer.size();
}

void PbxRequest::onStall()
{
    if (!m_reply || m_finished)
        return;
    const bool waiting =
        m_spec.serverWork && m_phase == Phase::Main && m_requestSent && m_status == 0;
    const int ms = waiting ? m_serverWorkMs : m_stallMs;
    qCWarning(lcPbx).noquote() << "no data for" << ms << "ms:" << m_reply->url().toDisplayString();
    fail(m_text.timeout(ms, waiting));
}

void PbxRequest::onReplyFinished()
{
    m_stall.stop();
    if (!m_reply || m_finished)
        return;
    if (m_status == 0)
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_status == 0) {
        const QNetworkReply::NetworkError code = m_reply->error();
        qCInfo(lcPbx).noquote() << m_reply->url().toDisplayString() << "failed:" << code
                                << m_reply->errorString();
        fail(m_text.network(code, m_reply->errorString(), m_host));
        return;
    }
    m_draining = true;
    onReadyRead(); // whatever is still buffered
    if (m_finished)
        return;
    if (m_phase == Phase::Salt)
        finishSalt();
    else
        finishMain();
}

void PbxRequest::finishSalt()
{
    const QUrl url = m_reply->url();
    if (!isSuccess(m_status)) {
        ErrorText::HttpContext context;
        context.body = m_buffer;
        context.saltLookup = true;
        context.requestUrl = m_reply->url();
        context.location = m_reply->rawHeader("Location");
        context.tenant = m_connection.tenant;
        context.serverDate = m_serverDate;
        context.now = m_clock->nowUtc();
        fail(m_text.http(m_status, context));
        return;
    }
    const QJsonValue salt = QJsonDocument::fromJson(m_buffer).object().value(QLatin1String("salt"));
    if (!salt.isString()) {
        fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.no_salt")));
        return;
    }
    m_salt = salt.toString();
    auth::SaltCache::insert(m_saltKey, m_salt);
    qCDebug(lcPbx).noquote() << "salt for tenant" << m_connection.tenant << "cached for"
                             << url.toDisplayString(QUrl::RemovePath);
    detach();
    sendMain();
}

void PbxRequest::finishMain()
{
    const QNetworkReply::NetworkError code = m_reply->error();
    if (!isSuccess(m_status)) {
        ErrorText::HttpContext context;
        context.body = m_buffer;
        context.backupName = m_spec.backupName;
        context.requestUrl = m_reply->url();
        context.location = m_reply->rawHeader("Location");
        context.restore = m_spec.restore;
        context.serverDate = m_serverDate;
        context.now = m_clock->nowUtc();
        const PbxError error = m_text.http(m_status, context);
        if (error.kind == PbxErrorKind::AuthFailed) {
            auth::SaltCache::remove(m_saltKey);
            // A PBX reinstalled or a tenant recreated at the same address has a new salt: a
            // refusal with a remembered salt is only believed once a fresh salt is refused.
            if (m_saltFromCache) {
                m_saltFromCache = false;
                qCInfo(lcPbx).noquote() << m_spec.verb << m_reply->url().toDisplayString()
                                        << "refused with the remembered salt: asking for it again";
                detach();
                sendSalt();
                return;
            }
        }
        qCInfo(lcPbx).noquote() << m_spec.verb << m_reply->url().toDisplayString() << "->"
                                << m_status << displayText(pbxErrorText(m_buffer), 200);
        fail(error);
        return;
    }
    // After a 2xx status every error Qt reports concerns the body (a cut connection, a broken
    // chunk): never a success.
    if (code != QNetworkReply::NoError || (m_announced >= 0 && m_received < m_announced)) {
        qCInfo(lcPbx).noquote() << m_reply->url().toDisplayString() << "interrupted:" << code
                                << m_received << "of" << m_announced << "bytes";
        fail(bodyError(code));
        return;
    }
    if (m_spec.answer == Answer::File && m_received == 0) {
        fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.empty_backup")));
        return;
    }
    if (!flushSink() || !parseAnswer())
        return;
    if (m_spec.answer == Answer::File && m_hashDownloads)
        m_sha256 = m_hash.hex();
    complete();
}

bool PbxRequest::flushSink()
{
    auto *file = qobject_cast<QFileDevice *>(m_spec.sink);
    if (m_spec.answer != Answer::File || !file || file->flush())
        return true;
    fail(sinkWriteError());
    return false;
}

bool PbxRequest::parseAnswer()
{
    if (m_spec.answer == Answer::Firmware) {
        QString text = QString::fromUtf8(m_buffer).trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson("[" + m_buffer + "]");
        if (doc.isArray() && doc.array().size() == 1 && doc.array().first().isString())
            text = doc.array().first().toString().trimmed();
        static const QRegularExpression version(QStringLiteral("^[0-9][0-9A-Za-z.+_-]{0,63}$"));
        if (!version.match(text).hasMatch()) {
            fail(m_text.make(PbxErrorKind::Protocol,
                             ErrorMessage("pbx.bad_firmware_answer").arg(displayText(text, 40))));
            return false;
        }
        m_firmware = text;
    } else if (m_spec.answer == Answer::Names) {
        const NameListParser parser(PbxClient::kMaxListNames, PbxClient::kMaxNameLength);
        QStringList names;
        switch (parser.parse(m_buffer, &names)) {
        case NameListParser::Result::Ok:
            m_names = names;
            return true;
        case NameListParser::Result::NotAList:
            fail(m_text.make(PbxErrorKind::Protocol, ErrorMessage("pbx.not_a_list")));
            return false;
        case NameListParser::Result::TooManyNames:
            fail(m_text.make(PbxErrorKind::Protocol,
                             ErrorMessage("pbx.too_many_names").arg(PbxClient::kMaxListNames)));
            return false;
        case NameListParser::Result::NameTooLong:
            fail(m_text.make(PbxErrorKind::Protocol,
                             ErrorMessage("pbx.name_too_long").arg(PbxClient::kMaxNameLength)));
            return false;
        }
    }
    return true;
}

void PbxRequest::fail(const PbxError &error)
{
    if (m_finished)
        return;
    m_error = error;
    complete();
}

void PbxRequest::complete()
{
    if (m_finished)
        return;
    detach();
    m_finished = true;
    if (m_error.isError())
        qCInfo(lcPbx).noquote() << "failed:" << m_error.message;
    else
        qCDebug(lcPbx).noquote() << m_spec.verb << m_spec.path << "done:" << m_status << m_bytes
                                 << "bytes in" << m_elapsed.elapsed() << "ms, answer after"
                                 << m_answerAfterMs << "ms";
    QMetaObject::invokeMethod(
        this, [this] { emit finished(); }, Qt::QueuedConnection);
}

} // namespace pbxvault
