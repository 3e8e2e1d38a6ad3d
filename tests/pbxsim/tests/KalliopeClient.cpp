#include "KalliopeClient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTcpSocket>
#include <QTimer>

namespace pbxsim::test {

QString KalliopeClient::Answer::jsonError() const
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
}

KalliopeClient::KalliopeClient(const QUrl &base, const QString &pinnedSha256)
    : m_base(base), m_pinned(pinnedSha256)
{
    // A fresh connection per request keeps tests independent of keep-alive reuse.
    m_network.setAutoDeleteReplies(false);
}

void KalliopeClient::setCredentials(const QString &username, const QString &domain,
                                    const QString &password)
{
    m_username = username;
    m_domain = domain;
    m_password = password;
}

QUrl KalliopeClient::url(const QString &path) const
{
    // Paths arrive already percent-encoded where a test wants odd bytes on the wire.
    return QUrl(m_base.toString() + path, QUrl::StrictMode);
}

QString KalliopeClient::randomNonce(int hexChars)
{
    QByteArray bytes(hexChars / 2 + 1, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(QRandomGenerator::global()->generate());
    return QString::fromLatin1(bytes.toHex().left(hexChars));
}

QString KalliopeClient::createdNow(qint64 offsetSeconds)
{
    return QDateTime::currentDateTimeUtc()
        .addSecs(offsetSeconds)
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QByteArray KalliopeClient::authenticate(const QString &username, const QString &domain,
                                        const QString &password, const QString &salt,
                                        const QString &nonce, const QString &created)
{
    const QByteArray digestPassword =
        QCryptographicHash::hash((password + QLatin1Char('{') + salt + QLatin1Char('}')).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex();
    const QByteArray digest =
        QCryptographicHash::hash(nonce.toUtf8() + digestPassword + username.toUtf8() +
                                     domain.toUtf8() + created.toUtf8(),
                                 QCryptographicHash::Sha256)
            .toBase64();
    return QStringLiteral("RestApiUsernameToken Username=\"%1\", Domain=\"%2\", Digest=\"%3\", "
                          "Nonce=\"%4\", Created=\"%5\"")
        .arg(username, domain, QString::fromLatin1(digest), nonce, created)
        .toUtf8();
}

QString KalliopeClient::salt(const QString &domain, int *status)
{
    const Answer answer = request("GET", QStringLiteral("/rest/salt/") + domain, {}, {}, "");
    if (status)
        *status = answer.status;
    return QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("salt")).toString();
}

QByteArray KalliopeClient::freshAuthHeader()
{
    return authenticate(m_username, m_domain, m_password, salt(m_domain), randomNonce(),
                        createdNow(m_clockOffset));
}

void KalliopeClient::pin(QNetworkReply *reply) const
{
    const QString pinned = m_pinned;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned] {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (!pinned.isEmpty() &&
            QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex()) == pinned)
            reply->ignoreSslErrors();
    });
}

QNetworkRequest KalliopeClient::makeRequest(const QString &path, const QByteArray &authHeader)
{
    QNetworkRequest request(url(path));
    request.setRawHeader("Accept", "application/json");
    const QByteArray auth = authHeader.isNull() ? freshAuthHeader() : authHeader;
    if (!auth.isEmpty())
        request.setRawHeader("X-authenticate", auth);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : m_extraHeaders)
        request.setRawHeader(name, value);
    return request;
}

QNetworkReply *KalliopeClient::start(const QByteArray &verb, const QString &path,
                                     const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request = makeRequest(path, QByteArray());
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    pin(reply);
    return reply;
}

KalliopeClient::Answer KalliopeClient::finish(QNetworkReply *reply, QIODevice *sink)
{
    Answer answer;
    QElapsedTimer timer;
    timer.start();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // Qt 6.4 hands the read buffer limit to its HTTP thread only once that thread has its own
    // reply (see PbxRequest::limitReadBuffer): set it again when the request is out and when
    // the answer's headers arrive, or a POST's response piles up while the sink is slow.
    const auto limitReadBuffer = [reply] {
        reply->setReadBufferSize(1 << 20);
    };
    limitReadBuffer();
    QObject::connect(reply, &QNetworkReply::requestSent, reply, limitReadBuffer);
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, limitReadBuffer);
    auto drainReply = [&] {
        while (reply->bytesAvailable() > 0) {
            const QByteArray chunk = reply->read(1 << 20);
            if (chunk.isEmpty())
                break;
            answer.bytes += chunk.size();
            answer.arrivalMs.append(timer.elapsed());
            hash.addData(chunk);
            if (sink)
                sink->write(chunk);
            else
                answer.body += chunk;
        }
    };
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, drainReply);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        answer.errorString = QStringLiteral("test client timeout");
    }
    drainReply();
    answer.elapsedMs = timer.elapsed();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    answer.status = status.isValid() ? status.toInt() : -1;
    answer.error = reply->error();
    if (answer.errorString.isEmpty() && reply->error() != QNetworkReply::NoError)
        answer.errorString = reply->errorString();
    answer.date = QLocale::c().toDateTime(QString::fromLatin1(reply->rawHeader("Date")),
                                          QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    answer.date.setTimeSpec(Qt::UTC); // the text is GMT; only the label was local
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    answer.contentLength = length.isValid() ? length.toLongLong() : -1;
    answer.contentType = reply->rawHeader("Content-Type");
    answer.sha256 = hash.result().toHex();
    reply->deleteLater();
    return answer;
}

KalliopeClient::Answer KalliopeClient::request(const QByteArray &verb, const QString &path,
                                               const QByteArray &body,
                                               const QByteArray &contentType,
                                               const QByteArray &authHeader)
{
    QNetworkRequest request = makeRequest(path, authHeader);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = body.isEmpty() && verb != "POST"
                               ? m_network.sendCustomRequest(request, verb)
                               : m_network.sendCustomRequest(request, verb, body);
    pin(reply);
    return finish(reply);
}

KalliopeClient::Answer KalliopeClient::requestToFile(const QByteArray &verb, const QString &path,
                                                     const QByteArray &body,
                                                     const QByteArray &contentType,
                                                     const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        Answer answer;
        answer.errorString = QStringLiteral("cannot write %1").arg(filePath);
        return answer;
    }
    QNetworkRequest request = makeRequest(path, QByteArray());
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = body.isEmpty() && verb != "POST"
                               ? m_network.sendCustomRequest(request, verb)
                               : m_network.sendCustomRequest(request, verb, body);
    pin(reply);
    return finish(reply, &file);
}

KalliopeClient::Answer KalliopeClient::upload(const QString &path, const QString &filePath,
                                              const QString &fileName, const QString &field,
                                              const QByteArray &authHeader)
{
    auto *file = new QFile(filePath);
    if (!file->open(QIODevice::ReadOnly)) {
        delete file;
        Answer answer;
        answer.errorString = QStringLiteral("cannot read %1").arg(filePath);
        return answer;
    }
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"%1\"; filename=\"%2\"").arg(field, fileName));
    part.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/octet-stream"));
    part.setBodyDevice(file);
    file->setParent(multiPart);
    multiPart->append(part);
    QNetworkReply *reply = m_network.post(makeRequest(path, authHeader), multiPart);
    multiPart->setParent(reply);
    pin(reply);
    return finish(reply);
}

KalliopeClient::Answer KalliopeClient::rawRequest(const QByteArray &verb, const QByteArray &target,
                                                  const QByteArray &body,
                                                  const QByteArray &contentType)
{
    Answer answer;
    if (m_base.scheme() != QLatin1String("http")) {
        answer.errorString = QStringLiteral("rawRequest speaks plain HTTP only");
        return answer;
    }
    QByteArray request = verb + ' ' + target +
                         " HTTP/1.1\r\nHost: " + m_base.authority().toLatin1() +
                         "\r\nAccept: application/json\r\nX-authenticate: " + freshAuthHeader() +
                         "\r\nConnection: close\r\n";
    if (!contentType.isEmpty())
        request += "Content-Type: " + contentType + "\r\n";
    if (!body.isEmpty() || verb == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;

    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    if (!socket.waitForConnected(m_timeoutMs)) {
        answer.errorString = socket.errorString();
        return answer;
    }
    socket.write(request);
    QByteArray received;
    // The server closes the connection after the answer (Connection: close).
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < m_timeoutMs) {
        if (socket.waitForReadyRead(qMax(1, int(m_timeoutMs - timer.elapsed()))))
            received += socket.readAll();
    }
    received += socket.readAll();
    answer.elapsedMs = timer.elapsed();

    const qsizetype headerEnd = received.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        answer.errorString = QStringLiteral("no complete HTTP answer");
        return answer;
    }
    const QList<QByteArray> lines = received.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    bool ok = false;
    answer.status = statusLine.value(1).toInt(&ok);
    if (!ok)
        answer.status = -1;
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-type")
            answer.contentType = value;
        else if (name == "content-length")
            answer.contentLength = value.toLongLong();
        else if (name == "date")
            answer.date = QLocale::c().toDateTime(
                QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    }
    answer.date.setTimeSpec(Qt::UTC);
    answer.body = received.mid(headerEnd + 4);
    answer.bytes = answer.body.size();
    answer.sha256 = QCryptographicHash::hash(answer.body, QCryptographicHash::Sha256).toHex();
    return answer;
}

} // namespace pbxsim::test
