// The X-authenticate header and what goes on the wire, checked without pbxsim: a loopback
// HTTP server records the raw requests the client sends.
#include "PbxTestUtil.h"
#include "fakes/ManualClock.h"
#include "pbx/PbxClient.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

struct RawRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lowercase names
    QByteArray body;
};

// Answers every request with the configured body for its path prefix, then closes.
class WireServer : public QObject
{
public:
    WireServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &WireServer::accept);
        m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    void answer(const QByteArray &pathPrefix, const QByteArray &body)
    {
        m_answers.append({pathPrefix, body});
    }
    QList<RawRequest> requests;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }
    void read(QTcpSocket *socket)
    {
        QByteArray &data = m_pending[socket];
        data += socket->readAll();
        const int end = data.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        RawRequest request;
        const QList<QByteArray> lines = data.left(end).split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
        }
        const int length = request.headers.value("content-length", "0").toInt();
        if (data.size() < end + 4 + length)
            return;
        request.body = data.mid(end + 4, length);
        m_pending.remove(socket);
        requests << request;

        QByteArray body = "{}";
        for (const auto &a : qAsConst(m_answers)) {
            if (request.path.startsWith(a.first))
                body = a.second;
        }
        socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<QPair<QByteArray, QByteArray>> m_answers;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

// The header's fields, from `RestApiUsernameToken Username="...", ...`.
QHash<QString, QString> headerFields(const QByteArray &value)
{
    QHash<QString, QString> fields;
    const QString text = QString::fromUtf8(value);
    const QString prefix = QStringLiteral("RestApiUsernameToken ");
    if (!text.startsWith(prefix))
        return fields;
    const QStringList parts = text.mid(prefix.size()).split(QStringLiteral(", "));
    for (const QString &part : parts) {
        const int eq = part.indexOf(QLatin1Char('='));
        QString v = part.mid(eq + 1);
        if (v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"')))
            v = v.mid(1, v.size() - 2);
        fields.insert(part.left(eq), v);
    }
    return fields;
}

// The documented formula, written out step by step (independently of the client's code).
QString expectedDigest(const QString &nonce, const QString &password, const QString &salt,
                       const QString &user, const QString &domain, const QString &created)
{
    QCryptographicHash inner(QCryptographicHash::Sha256);
    inner.addData(password.toUtf8());
    inner.addData("{");
    inner.addData(salt.toUtf8());
    inner.addData("}");
    const QByteArray digestPassword = inner.result().toHex();
    QCryptographicHash outer(QCryptographicHash::Sha256);
    outer.addData(nonce.toUtf8());
    outer.addData(digestPassword);
    outer.addData(user.toUtf8());
    outer.addData(domain.toUtf8());
    outer.addData(created.toUtf8());
    return QString::fromLatin1(outer.result().toBase64());
}

const QDateTime kFixedNow(QDate(2024, 3, 5), QTime(7, 8, 9), Qt::UTC);

} // namespace

class TestPbxAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { LogCapture::install(); }

    void headerVector_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("digest");
        // Computed outside Qt (Python hashlib) from the formula in kalliope-backup-api.md.
        QTest::newRow("ascii") << "admin"
                               << "default"
                               << "secret"
                               << "FQC98cFe5wo5688e5mYCKGTGuY6xTNJZ2w6TsDaCJJ0=";
        QTest::newRow("utf-8") << "mario.rossi"
                               << "tenant-a.example" << QStringLiteral("p\u00e0ss\u20ac")
                               << "EdNmcjArCZ7eTrhuLJGOZadE2+jaXfnngRkLe6zXAeQ=";
    }
    void headerVector()
    {
        QFETCH(QString, user);
        QFETCH(QString, domain);
        QFETCH(QString, password);
        QFETCH(QString, digest);
        const QString salt = QStringLiteral("5f3c2a9e1b");
        const QString nonce = QStringLiteral("d36e316282959a9ed4c89851497a717f");
        const QDateTime created(QDate(2016, 4, 29), QTime(15, 48, 26), Qt::UTC);
        const QByteArray header =
            PbxClient::authenticateHeader(user, domain, password, salt, nonce, created);
        const QByteArray expected = QStringLiteral("RestApiUsernameToken Username=\"%1\", "
                                                   "Domain=\"%2\", Digest=\"%3\", Nonce=\"%4\", "
                                                   "Created=\"2016-04-29T15:48:26Z\"")
                                        .arg(user, domain, digest, nonce)
                                        .toUtf8();
        QCOMPARE(header, expected);
        QCOMPARE(expectedDigest(nonce, password, salt, user, domain,
                                QStringLiteral("2016-04-29T15:48:26Z")),
                 digest);
        // A local time is converted to UTC for Created.
        const QDateTime local = created.toOffsetFromUtc(2 * 3600);
        QCOMPARE(PbxClient::authenticateHeader(user, domain, password, salt, nonce, local),
                 expected);
    }

    void wireHeadersAndSaltCache()
    {
        WireServer server;
        server.answer("/rest/salt/", R"({"salt":"s4lt-xyz"})");
        server.answer("/rest/dashboard/firmwareVersion", "\"4.9.4\"\n");
        PbxConnection c;
        c.baseUrl = server.url();
        c.username = QStringLiteral("admin");
        c.password = kPassword;
        PbxClient client(c);
        const ManualClock fixedClock(kFixedNow);
        client.setClock(fixedClock);

        PbxCall *first = client.fetchFirmware();
        QVERIFY(!first->isFinished());
        QVERIFY(waitFinished(first));
        QVERIFY2(first->ok(), qPrintable(first->error().message));
        QCOMPARE(first->firmware(), QStringLiteral("4.9.4"));
        PbxCall *second = client.fetchFirmware();
        QVERIFY(waitFinished(second));
        QVERIFY(second->ok());

        // One salt lookup (cached), then two authenticated calls.
        QCOMPARE(server.requests.size(), 3);
        const RawRequest &salt = server.requests.at(0);
        QCOMPARE(salt.method, QByteArray("GET"));
        QCOMPARE(salt.path, QByteArray("/rest/salt/default"));
        QVERIFY(!salt.headers.contains("x-authenticate"));
        QCOMPARE(salt.headers.value("accept"), QByteArray("application/json"));

        QStringList nonces;
        for (int i = 1; i < 3; ++i) {
            const RawRequest &r = server.requests.at(i);
            QCOMPARE(r.path, QByteArray("/rest/dashboard/firmwareVersion"));
            QCOMPARE(r.headers.value("accept"), QByteArray("application/json"));
            const auto fields = headerFields(r.headers.value("x-authenticate"));
            QCOMPARE(fields.value(QStringLiteral("Username")), QStringLiteral("admin"));
            QCOMPARE(fields.value(QStringLiteral("Domain")), QStringLiteral("default"));
            QCOMPARE(fields.value(QStringLiteral("Created")),
                     QStringLiteral("2024-03-05T07:08:09Z"));
            const QString nonce = fields.value(QStringLiteral("Nonce"));
            QVERIFY2(nonce.size() >= 16, qPrintable(nonce));
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]+$")).match(nonce).hasMatch());
            QCOMPARE(fields.value(QStringLiteral("Digest")),
                     expectedDigest(nonce, kPassword, QStringLiteral("s4lt-xyz"),
                                    QStringLiteral("admin"), QStringLiteral("default"),
                                    QStringLiteral("2024-03-05T07:08:09Z")));
            nonces << nonce;
        }
        QVERIFY(nonces.at(0) != nonces.at(1));
        // Plain http is allowed when chosen, with a warning.
        QVERIFY(!LogCapture::matching(QStringLiteral("plain HTTP")).isEmpty());
        checkNoSecrets(second, QStringLiteral("s4lt-xyz"));
    }

    void firmwareAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("firmware");
        QTest::newRow("plain") << QByteArray("4.9.4") << "4.9.4";
        QTest::newRow("plain, newline") << QByteArray(" 4.10.1\r\n") << "4.10.1";
        QTest::newRow("json-quoted") << QByteArray("\"4.9.3\"") << "4.9.3";
        QTest::newRow("html") << QByteArray("<html>login</html>") << QString();
        QTest::newRow("empty") << QByteArray("") << QString();
        QTest::newRow("json object") << QByteArray("{\"v\":1}") << QString();
    }
    void firmwareAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, firmware);
        WireServer server;
        server.answer("/rest/salt/", R"({"salt":"x"})");
        server.answer("/rest/dashboard/", body);
        PbxClient client(connectionFor(server.url()));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        if (firmware.isEmpty()) {
            QCOMPARE(call->error().kind, PbxErrorKind::Protocol);
            QVERIFY2(call->error().message.contains(QLatin1String("firmware version")),
                     qPrintable(call->error().message));
        } else {
            QVERIFY2(call->ok(), qPrintable(call->error().message));
            QCOMPARE(call->firmware(), firmware);
        }
    }

    void requestBodies()
    {
        WireServer server;
        server.answer("/rest/salt/", R"({"salt":"x"})");
        server.answer("/rest/backup", "fake-backup-bytes");
        PbxClient client(connectionFor(server.url()));

        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *create = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("a b.bak"),
                                              QStringLiteral("before \"upgrade\""), &sink);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        QCOMPARE(sink.data(), QByteArray("fake-backup-bytes"));
        QCOMPARE(
            create->sha256(),
            QString::fromLatin1(
                QCryptographicHash::hash("fake-backup-bytes", QCryptographicHash::Sha256).toHex()));
        QCOMPARE(create->bytes(), qint64(17));

        QBuffer oldSink;
        oldSink.open(QIODevice::WriteOnly);
        PbxCall *oldCreate = client.createBackup(QStringLiteral("4.9.3"), QStringLiteral("o.bak"),
                                                 QString(), &oldSink);
        QVERIFY(waitFinished(oldCreate));
        QVERIFY(oldCreate->ok());

        PbxCall *restore = client.restoreStoredBackup(QStringLiteral("odd/name?.bak"));
        QVERIFY(waitFinished(restore));
        QVERIFY(restore->ok());

        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("uploaded content");
        file.flush();
        PbxCall *upload = client.uploadBackup(file.fileName(), QStringLiteral("up.bak"));
        QVERIFY(waitFinished(upload));
        QVERIFY2(upload->ok(), qPrintable(upload->error().message));
        QCOMPARE(upload->bytes() > 16, true);

        QCOMPARE(server.requests.size(), 5);
        const RawRequest &c = server.requests.at(1);
        QCOMPARE(c.method, QByteArray("POST"));
        QCOMPARE(c.path, QByteArray("/rest/backup/create/4.9.4"));
        QCOMPARE(c.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY(c.headers.value("accept") != "application/json");
        const QJsonObject body = QJsonDocument::fromJson(c.body).object();
        QCOMPARE(body.value(QLatin1String("backup")).toObject().value(QLatin1String("filename")),
                 QStringLiteral("a b.bak"));
        QCOMPARE(body.value(QLatin1String("backup")).toObject().value(QLatin1String("comment")),
                 QStringLiteral("before \"upgrade\""));
        QCOMPARE(body.size(), 1);

        const RawRequest &o = server.requests.at(2);
        QCOMPARE(o.path, QByteArray("/rest/backup/create/4.9.3"));
        const QJsonObject oldBody = QJsonDocument::fromJson(o.body).object();
        QCOMPARE(oldBody.value(QLatin1String("filename")), QStringLiteral("o.bak"));
        QVERIFY(oldBody.contains(QLatin1String("comment")));
        QVERIFY(!oldBody.contains(QLatin1String("backup")));

        const RawRequest &r = server.requests.at(3);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/rest/backup/odd%2Fname%3F.bak/restore"));
        QCOMPARE(r.headers.value("content-length"), QByteArray("0"));
        QCOMPARE(r.headers.value("accept"), QByteArray("application/json"));

        const RawRequest &u = server.requests.at(4);
        QCOMPARE(u.path, QByteArray("/rest/backup"));
        QVERIFY(u.headers.value("content-type").startsWith("multipart/form-data; boundary="));
        QVERIFY(u.body.contains("Content-Disposition: form-data; name=\"backupFile\"; "
                                "filename=\"up.bak\""));
        QVERIFY(u.body.contains("\r\n\r\nuploaded content\r\n"));
        QVERIFY(u.headers.contains("x-authenticate"));
    }

    void invalidArguments()
    {
        PbxClient client(connectionFor(QUrl(QStringLiteral("https://127.0.0.1:9"))));
        PbxCall *upload =
            client.uploadBackup(QStringLiteral("/etc/hostname"), QStringLiteral("x.tar"));
        QSignalSpy spy(upload, &PbxCall::finished);
        QCOMPARE(spy.count(), 0); // never synchronously
        QVERIFY(waitFinished(upload));
        QCOMPARE(upload->error().kind, PbxErrorKind::BadRequest);
        QVERIFY(upload->error().message.contains(QLatin1String(".bak")));

        PbxCall *dots = client.downloadBackup(QStringLiteral(".."), nullptr);
        QVERIFY(waitFinished(dots));
        QCOMPARE(dots->error().kind, PbxErrorKind::BadRequest);

        PbxClient ftp(connectionFor(QUrl(QStringLiteral("ftp://pbx.example.com"))));
        PbxCall *list = ftp.listBackups();
        QVERIFY(waitFinished(list));
        QCOMPARE(list->error().kind, PbxErrorKind::InvalidUrl);
        QVERIFY(list->error().message.contains(QLatin1String("ftp://pbx.example.com")));
    }

    void cancelBeforeStart()
    {
        PbxClient client(connectionFor(QUrl(QStringLiteral("https://127.0.0.1:9"))));
        PbxCall *call = client.listBackups();
        QSignalSpy spy(call, &PbxCall::finished);
        call->cancel();
        QCOMPARE(spy.count(), 0);
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::Cancelled);
        QVERIFY(call->error().message.contains(QLatin1String("cancelled")));
        call->cancel(); // no second finished()
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);
    }

    void fingerprints()
    {
        const QString hex =
            QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        QCOMPARE(PbxClient::normaliseFingerprint(hex), hex);
        QCOMPARE(PbxClient::normaliseFingerprint(hex.toUpper()), hex);
        const QString colons = PbxClient::formatFingerprint(hex);
        QVERIFY(colons.startsWith(QLatin1String("01:23:45:67:89:AB:CD:EF:01")));
        QCOMPARE(colons.size(), 32 * 3 - 1);
        QCOMPARE(PbxClient::normaliseFingerprint(colons), hex);
        QCOMPARE(PbxClient::normaliseFingerprint(colons.toLower()), hex);
        QVERIFY(PbxClient::normaliseFingerprint(hex.left(62)).isEmpty());
        QVERIFY(PbxClient::normaliseFingerprint(hex.left(63) + QLatin1Char('g')).isEmpty());
        QVERIFY(PbxClient::normaliseFingerprint(QString()).isEmpty());
    }

    void transient()
    {
        const QList<PbxErrorKind> transient{
            PbxErrorKind::HostNotFound, PbxErrorKind::ConnectionRefused, PbxErrorKind::Timeout,
            PbxErrorKind::RestoreBusy,  PbxErrorKind::ServerError,       PbxErrorKind::Truncated,
            PbxErrorKind::Network};
        const QList<PbxErrorKind> permanent{
            PbxErrorKind::None,       PbxErrorKind::InvalidUrl, PbxErrorKind::TlsUntrusted,
            PbxErrorKind::TlsChanged, PbxErrorKind::TlsError,   PbxErrorKind::AuthFailed,
            PbxErrorKind::ClockSkew,  PbxErrorKind::NotFound,   PbxErrorKind::BadRequest,
            PbxErrorKind::Protocol,   PbxErrorKind::WriteError, PbxErrorKind::Cancelled};
        for (PbxErrorKind k : transient) {
            PbxError e;
            e.kind = k;
            QVERIFY2(e.isTransient(), qPrintable(kindName(k)));
        }
        for (PbxErrorKind k : permanent) {
            PbxError e;
            e.kind = k;
            QVERIFY2(!e.isTransient(), qPrintable(kindName(k)));
        }
    }

private:
    static PbxConnection connectionFor(const QUrl &url)
    {
        PbxConnection c;
        c.baseUrl = url;
        c.username = kUser;
        c.password = kPassword;
        return c;
    }
};

QTEST_GUILESS_MAIN(TestPbxAuth)
#include "tst_pbx_auth.moc"
