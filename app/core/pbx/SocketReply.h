#pragma once

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QNetworkRequest>

class QSslSocket;

namespace pbxvault {

// A QNetworkReply served by one socket of its own, in the thread that made it: one HTTP/1.1
// request per connection ("Connection: close"), the answer's framing checked strictly.
//
// Backups are downloaded through it instead of QNetworkAccessManager, whose HTTP thread hands
// a TLS download over to the caller's thread in 4 KiB pieces, each a cross-thread event: for
// a 512 MiB backup that hand-over cost more CPU than the decryption. Here the body gathers in
// one buffer of the read buffer size, and readyRead is emitted per batch.
class SocketReply : public QNetworkReply
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxHeadBytes = 64 * 1024; // status line and headers together
        int maxHeaderFields = 256;
        qint64 readyReadStep = 64 * 1024; // bytes that make readyRead worth emitting
        int readyReadMs = 100;            // ... or the time since the last one
    };

    // body: sent with its Content-Length (a POST without body sends "Content-Length: 0").
    SocketReply(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body,
                QObject *parent = nullptr);
    SocketReply(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body,
                const Limits &limits, QObject *parent = nullptr);
    ~SocketReply() override;

    void abort() override;
    void ignoreSslErrors() override;
    qint64 bytesAvailable() const override;
    void setReadBufferSize(qint64 size) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;

private:
    enum class State
    {
        Connecting,
        Head,
        Body,
        Done
    };
    enum class Framing
    {
        Length, // Content-Length bytes
        Chunked,
        UntilClose,
        None // 1xx, 204, 304, HEAD
    };
    enum class ChunkStep
    {
        Size,
        Data,
        DataEnd,
        Trailer
    };

    void start();
    void sendRequest();
    void onEncrypted();
    void onBytesWritten();
    void onSocketReadyRead();
    void onDisconnected();
    void onSocketError();

    bool readHead();
    void failHeadTooLong(qint64 room);
    bool takeStatusLine(const QByteArray &line);
    bool takeHeaderLine(const QByteArray &line);
    bool beginBody();
    bool pullBody();
    bool pullChunked();
    qint64 takeFromSocket(qint64 max);
    bool readChunkLine(QByteArray *line, qint64 max);
    qint64 bodyAvailable() const;
    void announceData(bool force);
    void checkComplete();
    void finishWith(NetworkError code, const QString &text);
    void finishOk();

    QSslSocket *m_socket = nullptr;
    QByteArray m_verb;
    QByteArray m_body;
    Limits m_limits;
    State m_state = State::Connecting;
    Framing m_framing = Framing::UntilClose;
    ChunkStep m_chunkStep = ChunkStep::Size;
    bool m_tls = false;
    bool m_aborted = false;
    bool m_requestSent = false;
    bool m_inBody = false; // the head has been read: the socket holds body bytes
    QPair<NetworkError, QString> m_failure{NoError, QString()}; // found while decoding

    qint64 m_headBytes = 0;
    int m_fieldCount = 0;
    int m_status = 0;
    QList<QPair<QByteArray, QByteArray>> m_fields;

    qint64 m_bodyLeft = 0;       // Framing::Length: body bytes not yet taken from the socket
    qint64 m_chunkLeft = 0;      // Framing::Chunked: bytes of the current chunk not yet taken
    QByteArray m_decoded;        // body bytes taken from the socket, not yet read
    qint64 m_decodedPos = 0;     // ... of which the first m_decodedPos have been read
    qint64 m_trailerBytes = 0;   // Framing::Chunked: trailer section
    bool m_bodyComplete = false; // every byte of the body has arrived
    bool m_peerClosed = false;

    qint64 m_received = 0; // body bytes handed to the reader
    qint64 m_announcedAt = 0;
    qint64 m_bufferSize = 0;
    QElapsedTimer m_sinceAnnounce;
};

} // namespace pbxvault
