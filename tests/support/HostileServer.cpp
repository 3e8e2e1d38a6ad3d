#include "HostileServer.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

namespace pbxvault::test {
namespace {

constexpr qint64 kMaxRequestHead = 1024 * 1024;
constexpr qint64 kWriteAhead = 256 * 1024;
constexpr qint64 kPiece = 64 * 1024;

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

struct HostileServer::Connection
{
    QPointer<QTcpSocket> socket;
    QByteArray input;
    qint64 requestBodyLeft = -1; // -1: reading the head
    bool responding = false;
    Reply reply;
    qint64 bodyPos = 0;
    qint64 fillerLeft = 0;
};

QByteArray HostileServer::Request::header(const QByteArray &name) const
{
    return headerValue(raw, name);
}

bool HostileServer::Request::hasHeader(const QByteArray &name) const
{
    const QList<QByteArray> lines = raw.split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = lines.at(i).indexOf(':');
        if (colon > 0 && lines.at(i).left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HostileServer::HostileServer(QObject *parent) : QTcpServer(parent) {}

HostileServer::~HostileServer()
{
    close();
    const QList<Connection *> open = m_open;
    m_open.clear();
    for (Connection *c : open) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
            delete c->socket;
        }
        delete c;
    }
}

bool HostileServer::start(const QString &certPath, const QString &keyPath)
{
    m_cert = certPath;
    m_key = keyPath;
    return listen(QHostAddress::LocalHost);
}

QUrl HostileServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_cert.isEmpty() ? QStringLiteral("http") : QStringLiteral("https"))
                    .arg(serverPort()));
}

HostileServer::Reply HostileServer::raw(const QByteArray &statusLine,
                                        const QList<QByteArray> &headers, const QByteArray &body,
                                        Reply::After after)
{
    Reply reply;
    reply.head = statusLine + "\r\n";
    for (const QByteArray &h : headers)
        reply.head += h + "\r\n";
    reply.head += "\r\n";
    reply.body = body;
    reply.after = after;
    return reply;
}

QList<HostileServer::Request> HostileServer::nonSaltRequests() const
{
    QList<Request> found;
    for (const Request &r : m_requests) {
        if (!r.path.startsWith("/rest/salt/"))
            found << r;
    }
    return found;
}

void HostileServer::incomingConnection(qintptr handle)
{
    QTcpSocket *socket = nullptr;
    if (m_cert.isEmpty()) {
        socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
    } else {
        auto *ssl = new QSslSocket(this);
        ssl->setSocketDescriptor(handle);
        QFile keyFile(m_key);
        keyFile.open(QIODevice::ReadOnly);
        ssl->setPrivateKey(QSslKey(&keyFile, QSsl::Ec));
        ssl->setLocalCertificate(m_cert);
        ssl->startServerEncryption();
        socket = ssl;
    }
    ++m_connections;
    auto *c = new Connection;
    c->socket = socket;
    m_open << c;
    connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, c] { pump(c); });
    connect(socket, &QTcpSocket::disconnected, this, [this, c] { drop(c); });
}

void HostileServer::onReadyRead(Connection *c)
{
    if (!c->socket)
        return;
    c->input += c->socket->readAll();
    while (!c->responding) {
        if (c->requestBodyLeft < 0) {
            const int end = c->input.indexOf("\r\n\r\n");
            if (end < 0) {
                if (c->input.size() > kMaxRequestHead)
                    c->socket->abort();
                return;
            }
            Request request;
            request.raw = c->input.left(end + 2);
            c->input.remove(0, end + 4);
            const QList<QByteArray> words = request.raw.left(request.raw.indexOf('\r')).split(' ');
            request.method = words.value(0);
            request.path = words.value(1);
            request.bodySize = headerValue(request.raw, "Content-Length").toLongLong();
            c->requestBodyLeft = request.bodySize;
            m_requests << request;
        }
        const qint64 take = qMin<qint64>(c->requestBodyLeft, c->input.size());
        c->input.remove(0, int(take));
        c->requestBodyLeft -= take;
        if (c->requestBodyLeft > 0)
            return;
        c->requestBodyLeft = -1;
        const Request &request = m_requests.last();
        Reply reply;
        if (m_answerSalt && request.path.startsWith("/rest/salt/")) {
            const QByteArray salt = "{\"salt\":\"hostile-salt\"}";
            reply = raw("HTTP/1.1 200 OK",
                        {"Content-Type: application/json",
                         "Content-Length: " + QByteArray::number(salt.size())},
                        salt, Reply::After::KeepAlive);
        } else if (!m_replies.isEmpty()) {
            reply = m_replies.takeFirst();
        } else {
            reply = raw("HTTP/1.1 500 Nothing scripted", {"Content-Length: 0"});
        }
        emit requestReceived();
        respond(c, reply);
    }
}

void HostileServer::respond(Connection *c, const Reply &reply)
{
    c->responding = true;
    c->reply = reply;
    c->bodyPos = 0;
    c->fillerLeft = reply.filler;
    c->socket->write(reply.head);
    pump(c);
}

void HostileServer::pump(Connection *c)
{
    QTcpSocket *socket = c->socket;
    if (!socket || !c->responding || socket->state() != QAbstractSocket::ConnectedState)
        return;
    while (socket->bytesToWrite() < kWriteAhead) {
        if (c->bodyPos < c->reply.body.size()) {
            const qint64 n = qMin<qint64>(kPiece, c->reply.body.size() - c->bodyPos);
            socket->write(c->reply.body.constData() + c->bodyPos, n);
            c->bodyPos += n;
            m_bytesSent += n;
            continue;
        }
        if (c->fillerLeft != 0) {
            static const QByteArray filler(kPiece, 'B');
            const qint64 n = c->fillerLeft < 0 ? kPiece : qMin(kPiece, c->fillerLeft);
            socket->write(filler.constData(), n);
            if (c->fillerLeft > 0)
                c->fillerLeft -= n;
            m_bytesSent += n;
            continue;
        }
        break;
    }
    if (c->bodyPos < c->reply.body.size() || c->fillerLeft != 0)
        return;
    switch (c->reply.after) {
    case Reply::After::KeepAlive:
        c->responding = false;
        if (!c->input.isEmpty())
            onReadyRead(c);
        break;
    case Reply::After::Close:
        c->responding = false;
        c->reply.after = Reply::After::Silence;
        socket->disconnectFromHost();
        break;
    case Reply::After::Silence:
        break;
    }
}

void HostileServer::drop(Connection *c)
{
    if (!m_open.removeOne(c))
        return;
    if (c->socket) {
        c->socket->disconnect(this);
        c->socket->deleteLater();
    }
    delete c;
}

} // namespace pbxvault::test
