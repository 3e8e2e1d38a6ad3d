#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace pbxvault::test {

// A deliberately misbehaving "PBX" on loopback: answers every request with a scripted raw
// byte sequence (no HTTP library on this side, so it can send anything), and records the raw
// requests it received. Plain TCP, or TLS with a certificate from TestCertificate.
class HostileServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Reply
    {
        QByteArray head;   // written as is: status line, headers, maybe some body
        QByteArray body;   // then written at the pace the client reads (large bodies)
        qint64 filler = 0; // then this many filler bytes ('B'), -1 for an endless stream
        enum class After
        {
            KeepAlive, // read the next request on this connection
            Close,     // close once everything is written
            Silence    // keep the connection open and send nothing more
        } after = After::Close;
    };

    struct Request
    {
        QByteArray raw; // request line and headers (the body is counted, not kept)
        QByteArray method;
        QByteArray path;
        qint64 bodySize = 0;
        QByteArray header(const QByteArray &name) const; // first value, empty when absent
        bool hasHeader(const QByteArray &name) const;
    };

    explicit HostileServer(QObject *parent = nullptr);
    ~HostileServer() override;

    // Loopback, any free port. With certificate and key (PEM paths) it speaks TLS.
    bool start(const QString &certPath = QString(), const QString &keyPath = QString());
    QUrl url() const; // http(s)://127.0.0.1:port

    // GET /rest/salt/... is answered with a fixed salt (keep-alive) unless turned off; every
    // other request takes the next scripted reply (an empty 500 when none is left).
    void setAnswerSalt(bool answer) { m_answerSalt = answer; }
    void enqueue(const Reply &reply) { m_replies << reply; }
    // Helper for the common case: status line, the given headers, CRLF, body (all raw).
    static Reply raw(const QByteArray &statusLine, const QList<QByteArray> &headers,
                     const QByteArray &body = QByteArray(),
                     Reply::After after = Reply::After::Close);

    QList<Request> requests() const { return m_requests; }
    QList<Request> nonSaltRequests() const;
    qint64 bytesSent() const { return m_bytesSent; } // body and filler bytes written so far
    int connectionCount() const { return m_connections; }
    int openConnections() const { return int(m_open.size()); } // not yet closed by the client

Q_SIGNALS:
    void requestReceived();

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Connection;
    void onReadyRead(Connection *c);
    void respond(Connection *c, const Reply &reply);
    void pump(Connection *c);
    void drop(Connection *c);

    QString m_cert;
    QString m_key;
    bool m_answerSalt = true;
    QList<Reply> m_replies;
    QList<Request> m_requests;
    QList<Connection *> m_open;
    qint64 m_bytesSent = 0;
    int m_connections = 0;
};

} // namespace pbxvault::test
