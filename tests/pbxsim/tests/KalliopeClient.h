#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

class QIODevice;

namespace pbxsim::test {

// A deliberately small client written from kalliope-backup-api.md (not from pbxsim's code), so
// the simulator is checked against the document. Blocking calls are fine in a test.
class KalliopeClient
{
public:
    struct Answer
    {
        int status = -1; // HTTP status, -1 when no HTTP answer arrived
        QByteArray body; // empty when the body went to a file
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QDateTime date;    // the Date header
        qint64 bytes = 0;  // body bytes received
        QByteArray sha256; // hex, of the received body
        qint64 contentLength = -1;
        QByteArray contentType; // the Content-Type header
        qint64 elapsedMs = 0;
        QList<qint64> arrivalMs;   // when body bytes arrived (ms since the request), for throttling
        QString jsonError() const; // the "error" member of a JSON body
    };

    KalliopeClient(const QUrl &base, const QString &pinnedSha256);

    void setCredentials(const QString &username, const QString &domain, const QString &password);
    void setClockOffsetSeconds(qint64 seconds) { m_clockOffset = seconds; } // for Created
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setExtraHeader(const QByteArray &name, const QByteArray &value)
    {
        m_extraHeaders.append({name, value});
    }

    QString salt(const QString &domain, int *status = nullptr);
    static QString randomNonce(int hexChars = 16);
    static QString createdNow(qint64 offsetSeconds = 0);
    // The X-authenticate value per the API document.
    static QByteArray authenticate(const QString &username, const QString &domain,
                                   const QString &password, const QString &salt,
                                   const QString &nonce, const QString &created);
    QByteArray freshAuthHeader(); // salt lookup + new nonce + Created now

    // authHeader: null = a fresh valid one; empty (but not null) = send none.
    Answer request(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                   const QByteArray &contentType = {}, const QByteArray &authHeader = QByteArray());
    // Streams the response body into a file (never held in memory).
    Answer requestToFile(const QByteArray &verb, const QString &path, const QByteArray &body,
                         const QByteArray &contentType, const QString &filePath);
    // Multipart upload of a file, streamed from disk.
    Answer upload(const QString &path, const QString &filePath, const QString &fileName,
                  const QString &field = QStringLiteral("backupFile"),
                  const QByteArray &authHeader = QByteArray());

    // Plain HTTP only: sends target exactly as given on the request line (bytes that QUrl would
    // encode or refuse, such as '"', reach the server raw), like a client that pastes text
    // into its URLs. Authenticated with a fresh header; Connection: close.
    Answer rawRequest(const QByteArray &verb, const QByteArray &target, const QByteArray &body = {},
                      const QByteArray &contentType = {});

    // Asynchronous start / blocking finish, for overlapping calls.
    QNetworkReply *start(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                         const QByteArray &contentType = {});
    Answer finish(QNetworkReply *reply, QIODevice *sink = nullptr);

    QNetworkAccessManager &network() { return m_network; }
    QUrl url(const QString &path) const;

private:
    QNetworkRequest makeRequest(const QString &path, const QByteArray &authHeader);
    void pin(QNetworkReply *reply) const;

    QUrl m_base;
    QString m_pinned;
    QString m_username = QStringLiteral("admin"), m_domain = QStringLiteral("default"),
            m_password = QStringLiteral("secret");
    qint64 m_clockOffset = 0;
    int m_timeoutMs = 60000;
    QList<QPair<QByteArray, QByteArray>> m_extraHeaders;
    QNetworkAccessManager m_network;
};

} // namespace pbxsim::test
