// pbxsim against kalliope-backup-api.md: every endpoint, every auth rule, every fault, TLS,
// restores and hostile names. The client (KalliopeClient) is written from the API document.
#include "ArchiveTool.h"
#include "KalliopeClient.h"
#include "PbxSim.h"
#include "TestCertificate.h"
#include "TestDirs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include <algorithm>
#include <memory>

Q_DECLARE_METATYPE(pbxsim::test::ArchiveEntry)

using pbxsim::test::ArchiveEntry;
using pbxsim::test::KalliopeClient;
using pbxvault::test::PbxSim;
using pbxvault::test::TestDir;

namespace {

const QByteArray Json = "application/json";

QByteArray createBody(const QString &name, bool wrapped, const QString &comment = {})
{
    QJsonObject fields{{QStringLiteral("filename"), name}, {QStringLiteral("comment"), comment}};
    const QJsonObject body = wrapped ? QJsonObject{{QStringLiteral("backup"), fields}} : fields;
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString encoded(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

bool writeRandomFile(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (qint64 left = size; left > 0;) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()),
                                              chunk.size() / 4);
        const qint64 n = qMin<qint64>(left, chunk.size());
        if (file.write(chunk.constData(), n) != n)
            return false;
        left -= n;
    }
    return true;
}

// Every file below root, relative, with its size: used to prove nothing was written elsewhere.
QMap<QString, qint64> snapshot(const QString &root)
{
    QMap<QString, qint64> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files[QDir(root).relativeFilePath(it.filePath())] = it.fileInfo().size();
    }
    return files;
}

} // namespace

class TestPbxSim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void listeningLineAndSigterm();
    void commandLineErrors_data();
    void commandLineErrors();
    void tlsNeedsThePinnedCertificate();
    void tlsWithTheTestsOwnCertificate();
    void plainHttp();

    void salt();
    void auth_data();
    void auth();
    void authHeaderMissingOrMalformed();
    void nonceReuse();
    void everyEndpointNeedsAuth_data();
    void everyEndpointNeedsAuth();
    void dateHeaderOnEveryResponse();

    void firmwareVersion();
    void firmwareAnswerModes_data();
    void firmwareAnswerModes();
    void createFirmwareSegment_data();
    void createFirmwareSegment();
    void createWrapped();
    void createRejects_data();
    void createRejects();
    void createOnOlderFirmware();
    void paddedBackupSize();
    void listAndDownload();
    void deleteBackup();
    void restoreStoredReplacesConfig();
    void restoreUnknownIs404();
    void secondRestoreGets503();
    void uploadStoresFile();
    void uploadRejects_data();
    void uploadRejects();
    void uploadAndRestore();
    void restoreRejectsNonArchives();
    void restoreRejectsEscapingArchives_data();
    void restoreRejectsEscapingArchives();
    void hostileRequestNamesNeverEscape();

    void faultDropAfter();
    void faultDelay();
    void faultRestoreBusy();
    void faultStatus();
    void faultClockOffset();
    void faultHostileNames();
    void faultGarbageList();
    void faultThrottle();
    void faultFirmwarePlain();
    void faultSpecs();
    void faultsFromCommandLine();

    void simEndpoints();
    void tenantsAreIsolated();
    void persistenceAcrossRestart();

private:
    KalliopeClient client(PbxSim &sim) { return KalliopeClient(sim.url(), sim.fingerprint()); }
    KalliopeClient client() { return client(*m_sim); }
    QStringList names(KalliopeClient &c);
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }
    // Creates a backup and saves the returned file; returns the path (empty on failure).
    QString createAndSave(KalliopeClient &c, const QString &name);

    TestDir m_dir;
    std::unique_ptr<PbxSim> m_sim;
    std::unique_ptr<PbxSim> m_plainSim; // plain HTTP, where raw request targets can be sent
};

void TestPbxSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    PbxSim::Options options;
    options.users = QStringList{QStringLiteral("default:admin:secret"),
                                QStringLiteral("default:operator:pässword"),
                                QStringLiteral("acme:boss:acme-pw")};
    options.restoreMs = 100;
    m_sim = std::make_unique<PbxSim>(options);
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
    PbxSim::Options plain;
    plain.tls = false;
    m_plainSim = std::make_unique<PbxSim>(plain);
    QVERIFY2(m_plainSim->start(&error), qPrintable(error));
}

void TestPbxSim::init()
{
    QVERIFY2(m_sim->clearFaults(), qPrintable(m_sim->lastError()));
}

void TestPbxSim::cleanupTestCase()
{
    m_sim.reset();
    m_plainSim.reset();
}

QStringList TestPbxSim::names(KalliopeClient &c)
{
    const auto answer = c.request("GET", QStringLiteral("/rest/backup"));
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
    if (answer.status != 200 || !doc.isArray())
        return {QStringLiteral("<list failed: %1>").arg(answer.status)};
    QStringList list;
    for (const QJsonValue &v : doc.array())
        list << v.toString();
    return list;
}

QString TestPbxSim::createAndSave(KalliopeClient &c, const QString &name)
{
    const QString path = tempPath(name + QStringLiteral(".download"));
    const auto answer = c.requestToFile("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                                        createBody(name, true), Json, path);
    return answer.status == 200 ? path : QString();
}

// --- process and transport -------------------------------------------------------------------

void TestPbxSim::listeningLineAndSigterm()
{
    TestDir data;
    QProcess sim;
    sim.start(QStringLiteral(PBXSIM_PATH),
              {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
               QStringLiteral("--data-dir"), data.path(), QStringLiteral("--user"),
               QStringLiteral("default:admin:secret")});
    QVERIFY(sim.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(sim.canReadLine(), 20000);
    const QString line = QString::fromUtf8(sim.readLine());
    QVERIFY2(QRegularExpression(QStringLiteral("^pbxsim listening on http://127\\.0\\.0\\.1:"
                                               "[1-9][0-9]*\\n$"))
                 .match(line)
                 .hasMatch(),
             qPrintable(line));
    sim.terminate(); // SIGTERM
    QVERIFY(sim.waitForFinished(15000));
    QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sim.exitCode(), 0);
    QVERIFY(sim.readAllStandardOutput().isEmpty()); // exactly one line
}

void TestPbxSim::commandLineErrors_data()
{
    QTest::addColumn<QStringList>("args");
    const QString dir = m_dir.filePath(QStringLiteral("cli"));
    const QStringList base{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--data-dir"), dir};
    const QStringList user{QStringLiteral("--user"), QStringLiteral("default:admin:secret")};
    QTest::newRow("no arguments") << QStringList();
    QTest::newRow("no user") << base;
    QTest::newRow("no data dir")
        << (QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} << user);
    QTest::newRow("bad user") << (QStringList(base)
                                  << QStringLiteral("--user") << QStringLiteral("nocolon"));
    QTest::newRow("bad domain") << (QStringList(base) << QStringLiteral("--user")
                                                      << QStringLiteral("../x:admin:secret"));
    QTest::newRow("bad fault") << (QStringList(base) << user << QStringLiteral("--fault")
                                                     << QStringLiteral("explode"));
    QTest::newRow("bad status fault") << (QStringList(base) << user << QStringLiteral("--fault")
                                                            << QStringLiteral("status=abc:/x"));
    QTest::newRow("cert without key") << (QStringList(base) << user << QStringLiteral("--tls-cert")
                                                            << QStringLiteral("/nonexistent.pem"));
    QTest::newRow("bad firmware") << (QStringList(base) << user << QStringLiteral("--firmware")
                                                        << QStringLiteral("v4"));
    QTest::newRow("bad firmware answer")
        << (QStringList(base) << user << QStringLiteral("--firmware-answer")
                              << QStringLiteral("xml"));
    QTest::newRow("firmware answer without value")
        << (QStringList(base) << user << QStringLiteral("--firmware-answer"));
    QTest::newRow("bad port") << (QStringList{QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1:99999"),
                                              QStringLiteral("--data-dir"), dir}
                                  << user);
}

void TestPbxSim::commandLineErrors()
{
    QFETCH(QStringList, args);
    QProcess sim;
    sim.start(QStringLiteral(PBXSIM_PATH), args);
    QVERIFY(sim.waitForFinished(15000));
    QCOMPARE(sim.exitCode(), 2);
    QVERIFY(sim.readAllStandardOutput().isEmpty());
    QVERIFY(!sim.readAllStandardError().isEmpty());
}

void TestPbxSim::tlsNeedsThePinnedCertificate()
{
    QCOMPARE(m_sim->url().scheme(), QStringLiteral("https"));
    QCOMPARE(m_sim->fingerprint(),
             pbxvault::test::TestCertificate::fingerprintOfFile(m_sim->certPath()));
    QCOMPARE(m_sim->fingerprint().size(), 64);

    KalliopeClient unpinned(m_sim->url(), QString());
    const auto refused = unpinned.request("GET", QStringLiteral("/rest/salt/default"), {}, {}, "");
    QCOMPARE(refused.status, -1);
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);

    KalliopeClient wrongPin(m_sim->url(), QString(64, QLatin1Char('0')));
    QCOMPARE(wrongPin.request("GET", QStringLiteral("/rest/salt/default"), {}, {}, "").error,
             QNetworkReply::SslHandshakeFailedError);

    auto c = client();
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 200);
}

void TestPbxSim::tlsWithTheTestsOwnCertificate()
{
    TestDir dir;
    QString cert, key, sha, error;
    QVERIFY2(pbxvault::test::TestCertificate::generate(dir.filePath(QStringLiteral("tls")), &cert,
                                                       &key, &sha, &error),
             qPrintable(error));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(sha).hasMatch());
    const QSslCertificate certificate = QSslCertificate::fromPath(cert).value(0);
    QVERIFY(certificate.isSelfSigned());
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("127.0.0.1")});
    const auto altNames = certificate.subjectAlternativeNames();
    QVERIFY(altNames.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QVERIFY(altNames.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    const qint64 validSecs = certificate.effectiveDate().secsTo(certificate.expiryDate());
    QVERIFY(validSecs >= 2 * 86400 - 60 && validSecs <= 2 * 86400 + 60);

    PbxSim::Options options;
    options.certPath = cert;
    options.keyPath = key;
    PbxSim sim(options);
    QVERIFY2(sim.start(&error), qPrintable(error));
    QCOMPARE(sim.fingerprint(), sha);
    KalliopeClient c(sim.url(), sha);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 200);
    QVERIFY(sim.peakRssKiB() > 0);
    sim.stop();
    QVERIFY(sim.peakRssKiB() > 0); // the figure read just before stopping
}

void TestPbxSim::plainHttp()
{
    PbxSim::Options options;
    options.tls = false;
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QCOMPARE(sim.url().scheme(), QStringLiteral("http"));
    QVERIFY(sim.fingerprint().isEmpty());
    auto c = client(sim);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 200);
    QVERIFY(!sim.state().isEmpty());
}

// --- authentication --------------------------------------------------------------------------

void TestPbxSim::salt()
{
    auto c = client();
    int status = 0;
    const QString salt = c.salt(QStringLiteral("default"), &status);
    QCOMPARE(status, 200);
    QVERIFY(!salt.isEmpty());
    QCOMPARE(c.salt(QStringLiteral("default")), salt); // stable
    const QString acme = c.salt(QStringLiteral("acme"));
    QVERIFY(!acme.isEmpty());
    QVERIFY(acme != salt); // per tenant

    // Unknown domains get a salt too (no tenant enumeration), but nobody logs in with it.
    const QString unknown = c.salt(QStringLiteral("nosuchtenant"), &status);
    QCOMPARE(status, 200);
    QVERIFY(!unknown.isEmpty());
    const auto answer = c.request(
        "GET", QStringLiteral("/rest/dashboard/firmwareVersion"), {}, {},
        KalliopeClient::authenticate(QStringLiteral("admin"), QStringLiteral("nosuchtenant"),
                                     QStringLiteral("secret"), unknown,
                                     KalliopeClient::randomNonce(), KalliopeClient::createdNow()));
    QCOMPARE(answer.status, 401);
}

void TestPbxSim::auth_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("saltDomain");
    QTest::addColumn<QString>("nonce");
    QTest::addColumn<QString>("created"); // empty = now + createdOffset
    QTest::addColumn<int>("createdOffset");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorPart");

    const QString a = QStringLiteral("admin"), d = QStringLiteral("default"),
                  p = QStringLiteral("secret"), n = QStringLiteral("0123456789abcdef");
    QTest::newRow("valid") << a << d << p << d << n << QString() << 0 << 200 << QString();
    QTest::newRow("second user, UTF-8 password")
        << QStringLiteral("operator") << d << QStringLiteral("pässword") << d << n << QString() << 0
        << 200 << QString();
    QTest::newRow("user of another tenant")
        << QStringLiteral("boss") << QStringLiteral("acme") << QStringLiteral("acme-pw")
        << QStringLiteral("acme") << n << QString() << 0 << 200 << QString();
    QTest::newRow("wrong password") << a << d << QStringLiteral("Secret") << d << n << QString()
                                    << 0 << 401 << QStringLiteral("digest");
    QTest::newRow("unknown user") << QStringLiteral("nobody") << d << p << d << n << QString() << 0
                                  << 401 << QStringLiteral("unknown user");
    QTest::newRow("wrong domain") << a << QStringLiteral("acme") << p << QStringLiteral("acme") << n
                                  << QString() << 0 << 401 << QStringLiteral("unknown user");
    QTest::newRow("salt of another tenant") << a << d << p << QStringLiteral("acme") << n
                                            << QString() << 0 << 401 << QStringLiteral("digest");
    QTest::newRow("nonce of 8 hex")
        << a << d << p << d << QStringLiteral("0a1b2c3d") << QString() << 0 << 200 << QString();
    QTest::newRow("nonce upper-case hex")
        << a << d << p << d << QStringLiteral("0A1B2C3D4E") << QString() << 0 << 200 << QString();
    QTest::newRow("nonce of 7 hex") << a << d << p << d << QStringLiteral("0a1b2c3") << QString()
                                    << 0 << 401 << QStringLiteral("nonce");
    QTest::newRow("nonce not hex") << a << d << p << d << QStringLiteral("zzzzzzzzzzzz")
                                   << QString() << 0 << 401 << QStringLiteral("nonce");
    QTest::newRow("empty nonce") << a << d << p << d << QString() << QString() << 0 << 401
                                 << QStringLiteral("nonce");
    QTest::newRow("created 4 min ahead")
        << a << d << p << d << n << QString() << 240 << 200 << QString();
    QTest::newRow("created 4 min behind")
        << a << d << p << d << n << QString() << -240 << 200 << QString();
    QTest::newRow("created 6 min ahead")
        << a << d << p << d << n << QString() << 360 << 401 << QStringLiteral("5 minutes");
    QTest::newRow("created 6 min behind")
        << a << d << p << d << n << QString() << -360 << 401 << QStringLiteral("5 minutes");
    QTest::newRow("created years ago")
        << a << d << p << d << n << QStringLiteral("2016-04-29T15:48:26Z") << 0 << 401
        << QStringLiteral("5 minutes");
    QTest::newRow("created without Z")
        << a << d << p << d << n << KalliopeClient::createdNow().chopped(1) << 0 << 401
        << QStringLiteral("Created");
    QTest::newRow("created with space")
        << a << d << p << d << n
        << KalliopeClient::createdNow().replace(QLatin1Char('T'), QLatin1Char(' ')) << 0 << 401
        << QStringLiteral("Created");
}

void TestPbxSim::auth()
{
    QFETCH(QString, username);
    QFETCH(QString, domain);
    QFETCH(QString, password);
    QFETCH(QString, saltDomain);
    QFETCH(QString, nonce);
    QFETCH(QString, created);
    QFETCH(int, createdOffset);
    QFETCH(int, status);
    QFETCH(QString, errorPart);

    auto c = client();
    // Each row runs once, but make the nonce unique so rows never collide with each other.
    if (nonce.size() >= 8)
        nonce += KalliopeClient::randomNonce(8);
    if (created.isEmpty())
        created = KalliopeClient::createdNow(createdOffset);
    const QByteArray header = KalliopeClient::authenticate(username, domain, password,
                                                           c.salt(saltDomain), nonce, created);
    const auto answer =
        c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"), {}, {}, header);
    QCOMPARE(answer.status, status);
    if (status == 401) {
        QVERIFY2(answer.jsonError().contains(errorPart, Qt::CaseInsensitive),
                 qPrintable(QString::fromUtf8(answer.body)));
    } else {
        QCOMPARE(answer.body.trimmed(), QByteArray("4.9.4"));
    }
}

void TestPbxSim::authHeaderMissingOrMalformed()
{
    auto c = client();
    const QString path = QStringLiteral("/rest/backup");
    auto none = c.request("GET", path, {}, {}, "");
    QCOMPARE(none.status, 401);
    QVERIFY2(none.jsonError().contains(QStringLiteral("missing")), none.body.constData());

    const QByteArray valid = c.freshAuthHeader();
    const QList<QByteArray> malformed{
        "Basic YWRtaW46c2VjcmV0",
        "RestApiUsernameToken",
        QByteArray(valid).replace("RestApiUsernameToken", "UsernameToken"),
        QByteArray(valid).replace("Nonce=", "Noncence="),
        QByteArray(valid).replace("Digest=\"", "Digest="),
    };
    for (const QByteArray &header : malformed) {
        const auto answer = c.request("GET", path, {}, {}, header);
        QCOMPARE(answer.status, 401);
        QVERIFY2(answer.jsonError().contains(QStringLiteral("malformed")), header.constData());
    }
    QCOMPARE(c.request("GET", path, {}, {}, valid).status, 200); // unused until now
}

void TestPbxSim::nonceReuse()
{
    auto c = client();
    const QByteArray header = c.freshAuthHeader();
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup"), {}, {}, header).status, 200);
    const auto again = c.request("GET", QStringLiteral("/rest/backup"), {}, {}, header);
    QCOMPARE(again.status, 401);
    QVERIFY2(again.jsonError().contains(QStringLiteral("nonce already used")),
             again.body.constData());
    // ...on any endpoint, and a fresh nonce still works.
    QCOMPARE(
        c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"), {}, {}, header).status,
        401);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup")).status, 200);
}

void TestPbxSim::everyEndpointNeedsAuth_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("multipart");
    QTest::newRow("firmware") << QByteArray("GET")
                              << QStringLiteral("/rest/dashboard/firmwareVersion") << false;
    QTest::newRow("create") << QByteArray("POST") << QStringLiteral("/rest/backup/create/4.9.4")
                            << false;
    QTest::newRow("list") << QByteArray("GET") << QStringLiteral("/rest/backup") << false;
    QTest::newRow("download") << QByteArray("GET") << QStringLiteral("/rest/backup/auth.bak")
                              << false;
    QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/rest/backup/auth.bak")
                            << false;
    QTest::newRow("restore") << QByteArray("POST")
                             << QStringLiteral("/rest/backup/auth.bak/restore") << false;
    QTest::newRow("upload") << QByteArray("POST") << QStringLiteral("/rest/backup") << true;
    QTest::newRow("upload and restore")
        << QByteArray("POST") << QStringLiteral("/rest/backup/restore") << true;
}

void TestPbxSim::everyEndpointNeedsAuth()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(bool, multipart);
    auto c = client();
    const QString stored = createAndSave(c, QStringLiteral("auth.bak"));
    QVERIFY(!stored.isEmpty());
    const QString before = m_sim->state().value(QStringLiteral("config_sha256")).toString();

    KalliopeClient::Answer answer;
    if (multipart) {
        const QByteArray wrong = KalliopeClient::authenticate(
            QStringLiteral("admin"), QStringLiteral("default"), QStringLiteral("wrong"),
            c.salt(QStringLiteral("default")), KalliopeClient::randomNonce(),
            KalliopeClient::createdNow());
        answer = c.upload(path, stored, QStringLiteral("sneaky.bak"), QStringLiteral("backupFile"),
                          wrong);
    } else {
        const QByteArray body =
            verb == "POST" ? createBody(QStringLiteral("sneaky.bak"), true) : QByteArray();
        answer = c.request(verb, path, body, body.isEmpty() ? QByteArray() : Json, "");
    }
    QCOMPARE(answer.status, 401);
    QVERIFY(!answer.jsonError().isEmpty());
    // Nothing happened, and the server is still serving.
    QVERIFY(!names(c).contains(QStringLiteral("sneaky.bak")));
    QVERIFY(names(c).contains(QStringLiteral("auth.bak")));
    QCOMPARE(m_sim->state().value(QStringLiteral("config_sha256")).toString(), before);
}

void TestPbxSim::dateHeaderOnEveryResponse()
{
    auto c = client();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<KalliopeClient::Answer> answers{
        c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")),       // 200
        c.request("GET", QStringLiteral("/rest/backup"), {}, {}, ""),              // 401
        c.request("GET", QStringLiteral("/rest/backup/none.bak")),                 // 404
        c.request("GET", QStringLiteral("/no/such/endpoint"), {}, {}, ""),         // 404 (routing)
        c.request("GET", QStringLiteral("/rest/salt/default"), {}, {}, ""),        // 200 no auth
        c.request("GET", QStringLiteral("/sim/state?domain=default"), {}, {}, ""), // sim-only
    };
    const QList<int> statuses{200, 401, 404, 404, 200, 200};
    for (int i = 0; i < answers.size(); ++i) {
        QCOMPARE(answers[i].status, statuses[i]);
        QVERIFY2(answers[i].date.isValid(), qPrintable(QString::number(i)));
        QVERIFY(qAbs(answers[i].date.secsTo(now)) < 120);
    }
    QCOMPARE(answers[3].jsonError(), QStringLiteral("no such endpoint"));
}

// --- backup endpoints ------------------------------------------------------------------------

void TestPbxSim::firmwareVersion()
{
    // Without --firmware-answer the version comes as bare text.
    auto c = client();
    const auto answer = c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("4.9.4"));
    QVERIFY2(answer.contentType.startsWith("text/plain"), answer.contentType.constData());
    QCOMPARE(m_sim->state().value(QStringLiteral("firmware_answer")).toString(),
             QStringLiteral("text"));
}

void TestPbxSim::firmwareAnswerModes_data()
{
    QTest::addColumn<QString>("mode"); // --firmware-answer; empty = not given
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("default") << QString() << QByteArray("4.9.4") << QByteArray("text/plain");
    QTest::newRow("text") << QStringLiteral("text") << QByteArray("4.9.4")
                          << QByteArray("text/plain");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("\"4.9.4\"")
                          << QByteArray("application/json");
}

// The vendor's example client pastes the firmwareVersion body into the create URL unchanged;
// that create must succeed whichever way the version is spelled, raw or percent-encoded.
void TestPbxSim::firmwareAnswerModes()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    PbxSim::Options options;
    options.tls = false;
    options.firmwareAnswer = mode;
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QCOMPARE(sim.state().value(QStringLiteral("firmware_answer")).toString(),
             mode.isEmpty() ? QStringLiteral("text") : mode);

    auto c = client(sim);
    const auto firmware = c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"));
    QCOMPARE(firmware.status, 200);
    QCOMPARE(firmware.body, body);
    QVERIFY2(firmware.contentType.startsWith(contentType), firmware.contentType.constData());

    const QList<QPair<QString, QByteArray>> creates{
        {QStringLiteral("pasted.bak"), firmware.body},
        {QStringLiteral("encoded.bak"),
         QUrl::toPercentEncoding(QString::fromLatin1(firmware.body))}};
    for (const auto &[name, segment] : creates) {
        const auto created =
            c.rawRequest("POST", "/rest/backup/create/" + segment, createBody(name, true), Json);
        QVERIFY2(created.status == 200,
                 qPrintable(QStringLiteral("%1: %2 %3")
                                .arg(name, QString::number(created.status),
                                     QString::fromUtf8(created.body.left(300)))));
        QCOMPARE(created.bytes, created.contentLength);
        QFile file(tempPath(mode + QLatin1Char('-') + name));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(created.body) == created.bytes);
        file.close();
        const auto listing = pbxsim::test::readArchive(file.fileName());
        QVERIFY2(listing.ok, qPrintable(listing.error));
        QCOMPARE(QJsonDocument::fromJson(listing.files.value(QStringLiteral("manifest.json")))
                     .object()
                     .value(QStringLiteral("firmware"))
                     .toString(),
                 QStringLiteral("4.9.4"));
    }
    QCOMPARE(names(c), (QStringList{QStringLiteral("encoded.bak"), QStringLiteral("pasted.bak")}));
}

void TestPbxSim::createFirmwareSegment_data()
{
    QTest::addColumn<QByteArray>("segment"); // exactly as on the request line
    QTest::addColumn<int>("status");
    QTest::newRow("unquoted") << QByteArray("4.9.4") << 200;
    QTest::newRow("quoted") << QByteArray("\"4.9.4\"") << 200;
    QTest::newRow("quoted, percent-encoded") << QByteArray("%224.9.4%22") << 200;
    QTest::newRow("quoted, lower-case escapes") << QByteArray("%224%2e9%2e4%22") << 200;
    QTest::newRow("unquoted, percent-encoded") << QByteArray("4%2E9%2E4") << 200;
    QTest::newRow("opening quote only") << QByteArray("\"4.9.4") << 400;
    QTest::newRow("closing quote only, encoded") << QByteArray("4.9.4%22") << 400;
    QTest::newRow("quoted twice") << QByteArray("\"\"4.9.4\"\"") << 400;
    QTest::newRow("empty quotes") << QByteArray("%22%22") << 400;
    QTest::newRow("quoted other firmware") << QByteArray("\"4.9.3\"") << 400;
    QTest::newRow("encoded other firmware") << QByteArray("%224.9.3%22") << 400;
    QTest::newRow("single quotes") << QByteArray("'4.9.4'") << 400;
    QTest::newRow("quoted with spaces") << QByteArray("%22%204.9.4%20%22") << 400;
}

void TestPbxSim::createFirmwareSegment()
{
    QFETCH(QByteArray, segment);
    QFETCH(int, status);
    auto c = client(*m_plainSim);
    const QString name =
        QStringLiteral("segment-%1.bak")
            .arg(QString::fromLatin1(
                QCryptographicHash::hash(segment, QCryptographicHash::Sha256).toHex().left(12)));
    const QStringList before = names(c);
    const auto answer =
        c.rawRequest("POST", "/rest/backup/create/" + segment, createBody(name, true), Json);
    QCOMPARE(answer.status, status);
    if (status == 200) {
        QVERIFY(answer.bytes > 100);
        QCOMPARE(answer.bytes, answer.contentLength);
        QVERIFY(names(c).contains(name));
    } else {
        QVERIFY2(answer.jsonError().contains(QStringLiteral("firmware version in the URL")),
                 qPrintable(answer.jsonError()));
        QCOMPARE(names(c), before);
    }
}

void TestPbxSim::createWrapped()
{
    auto c = client();
    const QString file = tempPath(QStringLiteral("created.bak"));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const auto answer = c.requestToFile(
        "POST", QStringLiteral("/rest/backup/create/4.9.4"),
        createBody(QStringLiteral("created-1.bak"), true, QStringLiteral("before the upgrade")),
        Json, file);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.bytes, answer.contentLength);
    QVERIFY(answer.bytes > 100);

    // The body is the backup file: a gzip-compressed tar with the manifest and the config.
    const auto listing = pbxsim::test::readArchive(file);
    QVERIFY2(listing.ok, qPrintable(listing.error));
    const QJsonObject manifest =
        QJsonDocument::fromJson(listing.files.value(QStringLiteral("manifest.json"))).object();
    QCOMPARE(manifest.value(QStringLiteral("firmware")).toString(), QStringLiteral("4.9.4"));
    QCOMPARE(manifest.value(QStringLiteral("tenant")).toString(), QStringLiteral("default"));
    QCOMPARE(manifest.value(QStringLiteral("comment")).toString(),
             QStringLiteral("before the upgrade"));
    const QDateTime created =
        QDateTime::fromString(manifest.value(QStringLiteral("created")).toString(), Qt::ISODate);
    QVERIFY(created >= before && created <= QDateTime::currentDateTimeUtc().addSecs(2));
    for (const char *path : {"etc/extensions.conf", "etc/sip.conf", "db/dump.sql"})
        QVERIFY2(listing.files.contains(QString::fromLatin1(path)), path);

    // ...and it stays stored under that name, byte for byte.
    QVERIFY(names(c).contains(QStringLiteral("created-1.bak")));
    const auto download = c.request("GET", QStringLiteral("/rest/backup/created-1.bak"));
    QCOMPARE(download.status, 200);
    QCOMPARE(download.sha256, answer.sha256);
    QVERIFY(m_sim->state()
                .value(QStringLiteral("backups"))
                .toArray()
                .contains(QStringLiteral("created-1.bak")));
}

void TestPbxSim::createRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QString create = QStringLiteral("/rest/backup/create/4.9.4");
    QTest::newRow("unwrapped body on 4.9.4")
        << create << createBody(QStringLiteral("r.bak"), false);
    QTest::newRow("not JSON") << create << QByteArray("filename=r.bak");
    QTest::newRow("empty body") << create << QByteArray();
    QTest::newRow("array") << create << QByteArray("[]");
    QTest::newRow("no filename") << create << QByteArray(R"({"backup":{"comment":"x"}})");
    QTest::newRow("filename not a string")
        << create << QByteArray(R"({"backup":{"filename":42,"comment":"x"}})");
    QTest::newRow("backup not an object") << create << QByteArray(R"({"backup":"r.bak"})");
    QTest::newRow("firmware in URL differs")
        << QStringLiteral("/rest/backup/create/4.9.3") << createBody(QStringLiteral("r.bak"), true);
    const QStringList badNames{QStringLiteral("../escape.bak"),
                               QStringLiteral("../../etc/passwd"),
                               QStringLiteral("a/b.bak"),
                               QStringLiteral("a\\b.bak"),
                               QStringLiteral("with space.bak"),
                               QString(),
                               QStringLiteral(".hidden.bak"),
                               QStringLiteral("-rf.bak"),
                               QStringLiteral("new\nline.bak"),
                               QStringLiteral("nul") + QChar(0) + QStringLiteral(".bak"),
                               QString(201, QLatin1Char('x')),
                               QStringLiteral("ünïcode.bak"),
                               QStringLiteral(".."),
                               QStringLiteral("a..b.bak")};
    for (const QString &name : badNames)
        QTest::newRow(
            qPrintable(QStringLiteral("bad name %1")
                           .arg(QString::fromLatin1(QUrl::toPercentEncoding(name)).left(40))))
            << create << createBody(name, true);
}

void TestPbxSim::createRejects()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    auto c = client();
    const QStringList before = names(c);
    const auto answer = c.request("POST", path, body, Json);
    QCOMPARE(answer.status, 400);
    QVERIFY(!answer.jsonError().isEmpty());
    QCOMPARE(names(c), before);
}

void TestPbxSim::createOnOlderFirmware()
{
    PbxSim::Options options;
    options.firmware = QStringLiteral("4.9.3");
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto c = client(sim);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).body,
             QByteArray("4.9.3"));
    const QString create = QStringLiteral("/rest/backup/create/4.9.3");
    const auto wrapped = c.request("POST", create, createBody(QStringLiteral("w.bak"), true), Json);
    QCOMPARE(wrapped.status, 400);
    QVERIFY(wrapped.jsonError().contains(QStringLiteral("without the \"backup\" wrapper")));
    const auto plain = c.request("POST", create, createBody(QStringLiteral("p.bak"), false), Json);
    QCOMPARE(plain.status, 200);
    QCOMPARE(names(c), QStringList{QStringLiteral("p.bak")});
    QCOMPARE(c.request("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                       createBody(QStringLiteral("q.bak"), true), Json)
                 .status,
             400);
}

void TestPbxSim::paddedBackupSize()
{
    PbxSim::Options options;
    options.backupSize = 300001; // odd on purpose
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto c = client(sim);
    const QString file = tempPath(QStringLiteral("padded.bak"));
    const auto answer = c.requestToFile("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                                        createBody(QStringLiteral("padded.bak"), true), Json, file);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.bytes, qint64(300001));
    QCOMPARE(QFileInfo(file).size(), qint64(300001));
    const auto listing = pbxsim::test::readArchive(file);
    QVERIFY2(listing.ok, qPrintable(listing.error));
    QVERIFY(listing.files.contains(QStringLiteral("manifest.json")));
    QVERIFY(listing.sizes.value(QStringLiteral("pbxsim-padding.bin")) > 290000);
    // Incompressible: gzip of the file gains nothing.
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(qCompress(raw.readAll(), 9).size() > 299000);

    // Restoring a padded backup restores the configuration and ignores the padding.
    const QString sha = sim.state().value(QStringLiteral("config_sha256")).toString();
    QVERIFY(sim.mutate());
    QCOMPARE(c.request("POST", QStringLiteral("/rest/backup/padded.bak/restore")).status, 200);
    QCOMPARE(sim.state().value(QStringLiteral("config_sha256")).toString(), sha);
}

void TestPbxSim::listAndDownload()
{
    auto c = client();
    QVERIFY(!createAndSave(c, QStringLiteral("list-1.bak")).isEmpty());
    QVERIFY(!createAndSave(c, QStringLiteral("list-2.bak")).isEmpty());
    const auto list = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(list.status, 200);
    const QJsonDocument doc = QJsonDocument::fromJson(list.body);
    QVERIFY(doc.isArray());
    for (const QJsonValue &v : doc.array())
        QVERIFY(v.isString());
    QVERIFY(names(c).contains(QStringLiteral("list-1.bak")));
    QVERIFY(names(c).contains(QStringLiteral("list-2.bak")));

    const auto one = c.request("GET", QStringLiteral("/rest/backup/list-1.bak"));
    QCOMPARE(one.status, 200);
    QVERIFY(one.body.startsWith("\x1f\x8b"));
    // Range is not part of the documented API: the whole file comes back.
    auto ranged = client();
    ranged.setExtraHeader("Range", "bytes=10-19");
    const auto whole = ranged.request("GET", QStringLiteral("/rest/backup/list-1.bak"));
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.sha256, one.sha256);

    // A GET carrying a body (odd, but legal) does not confuse the next request.
    const auto withBody = c.request("GET", QStringLiteral("/rest/backup/list-1.bak"), "junk", Json);
    QCOMPARE(withBody.sha256, one.sha256);
    QVERIFY(names(c).contains(QStringLiteral("list-2.bak")));

    const auto missing = c.request("GET", QStringLiteral("/rest/backup/list-3.bak"));
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.jsonError().isEmpty());
}

void TestPbxSim::deleteBackup()
{
    auto c = client();
    QVERIFY(!createAndSave(c, QStringLiteral("delete-me.bak")).isEmpty());
    QCOMPARE(c.request("DELETE", QStringLiteral("/rest/backup/delete-me.bak")).status, 200);
    QVERIFY(!names(c).contains(QStringLiteral("delete-me.bak")));
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/delete-me.bak")).status, 404);
    QCOMPARE(c.request("DELETE", QStringLiteral("/rest/backup/delete-me.bak")).status, 404);
}

void TestPbxSim::restoreStoredReplacesConfig()
{
    auto c = client();
    const QJsonObject before = m_sim->state();
    const QString backedUp = before.value(QStringLiteral("config_sha256")).toString();
    QCOMPARE(backedUp.size(), 64);
    const QString acme =
        m_sim->state(QStringLiteral("acme")).value(QStringLiteral("config_sha256")).toString();
    QVERIFY(!createAndSave(c, QStringLiteral("restore-me.bak")).isEmpty());

    QVERIFY(m_sim->mutate());
    const QString mutated = m_sim->state().value(QStringLiteral("config_sha256")).toString();
    QVERIFY(mutated != backedUp);

    const auto answer = c.request("POST", QStringLiteral("/rest/backup/restore-me.bak/restore"));
    QCOMPARE(answer.status, 200);
    const QJsonObject after = m_sim->state();
    QCOMPARE(after.value(QStringLiteral("config_sha256")).toString(), backedUp);
    QCOMPARE(after.value(QStringLiteral("restores")).toInt(),
             before.value(QStringLiteral("restores")).toInt() + 1);
    // Other tenants are untouched.
    QCOMPARE(m_sim->state(QStringLiteral("acme")).value(QStringLiteral("config_sha256")).toString(),
             acme);
}

void TestPbxSim::restoreUnknownIs404()
{
    auto c = client();
    const int restores = m_sim->state().value(QStringLiteral("restores")).toInt();
    const auto answer = c.request("POST", QStringLiteral("/rest/backup/ghost.bak/restore"));
    QCOMPARE(answer.status, 404);
    QVERIFY(!answer.jsonError().isEmpty());
    QCOMPARE(m_sim->state().value(QStringLiteral("restores")).toInt(), restores);
}

void TestPbxSim::secondRestoreGets503()
{
    PbxSim::Options options;
    options.restoreMs = 5000; // ample time for the overlapping calls on a busy machine
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto c = client(sim);
    const QString saved = createAndSave(c, QStringLiteral("slow.bak"));
    QVERIFY(!saved.isEmpty());

    QNetworkReply *first = c.start("POST", QStringLiteral("/rest/backup/slow.bak/restore"));
    QTRY_VERIFY_WITH_TIMEOUT(sim.state().value(QStringLiteral("restoring")).toBool(), 10000);
    const auto second = c.request("POST", QStringLiteral("/rest/backup/slow.bak/restore"));
    QCOMPARE(second.status, 503);
    QVERIFY(second.jsonError().contains(QStringLiteral("restore")));
    const auto upload =
        c.upload(QStringLiteral("/rest/backup/restore"), saved, QStringLiteral("slow-upload.bak"));
    QCOMPARE(upload.status, 503);
    QVERIFY(!names(c).contains(QStringLiteral("slow-upload.bak")));

    QCOMPARE(c.finish(first).status, 200);
    QVERIFY(!sim.state().value(QStringLiteral("restoring")).toBool());
    QCOMPARE(sim.state().value(QStringLiteral("restores")).toInt(), 1);
    QCOMPARE(c.request("POST", QStringLiteral("/rest/backup/slow.bak/restore")).status, 200);
}

void TestPbxSim::uploadStoresFile()
{
    auto c = client();
    const QString file = tempPath(QStringLiteral("opaque.bin"));
    QVERIFY(writeRandomFile(file, 100 * 1024 + 7));
    const auto answer = c.upload(QStringLiteral("/rest/backup"), file, QStringLiteral("up-1.bak"));
    QCOMPARE(answer.status, 200);
    QVERIFY(names(c).contains(QStringLiteral("up-1.bak")));
    QCOMPARE(m_sim->state()
                 .value(QStringLiteral("backup_sizes"))
                 .toObject()
                 .value(QStringLiteral("up-1.bak"))
                 .toInteger(),
             100 * 1024 + 7);
    QFile original(file);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray sha =
        QCryptographicHash::hash(original.readAll(), QCryptographicHash::Sha256).toHex();
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/up-1.bak")).sha256, sha);

    // Uploading under an existing name replaces it.
    QVERIFY(writeRandomFile(file, 1000));
    QCOMPARE(c.upload(QStringLiteral("/rest/backup"), file, QStringLiteral("up-1.bak")).status,
             200);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/up-1.bak")).bytes, qint64(1000));
}

void TestPbxSim::uploadRejects_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("path");
    const QString upload = QStringLiteral("/rest/backup");
    const QString restore = QStringLiteral("/rest/backup/restore");
    const QString field = QStringLiteral("backupFile");
    for (const QString &path : {upload, restore}) {
        const QString p = path == upload ? QStringLiteral("upload: ") : QStringLiteral("u+r: ");
        QTest::newRow(qPrintable(p + QStringLiteral("wrong field")))
            << QStringLiteral("file") << QStringLiteral("x.bak") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("not .bak")))
            << field << QStringLiteral("x.tar.gz") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("only .bak")))
            << field << QStringLiteral(".bak") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("traversal")))
            << field << QStringLiteral("../../x.bak") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("slash")))
            << field << QStringLiteral("a/x.bak") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("space")))
            << field << QStringLiteral("a x.bak") << path;
        QTest::newRow(qPrintable(p + QStringLiteral("no file name"))) << field << QString() << path;
    }
}

void TestPbxSim::uploadRejects()
{
    QFETCH(QString, field);
    QFETCH(QString, fileName);
    QFETCH(QString, path);
    auto c = client();
    const QString file = createAndSave(c, QStringLiteral("upload-source.bak"));
    QVERIFY(!file.isEmpty());
    const QStringList before = names(c);
    const QJsonObject state = m_sim->state();
    const auto answer = c.upload(path, file, fileName, field);
    QCOMPARE(answer.status, 400);
    QVERIFY(!answer.jsonError().isEmpty());
    QCOMPARE(names(c), before);
    QCOMPARE(m_sim->state().value(QStringLiteral("restores")),
             state.value(QStringLiteral("restores")));

    // Not multipart at all.
    QCOMPARE(c.request("POST", path, "{}", Json).status, 400);
}

void TestPbxSim::uploadAndRestore()
{
    auto c = client();
    const QString backedUp = m_sim->state().value(QStringLiteral("config_sha256")).toString();
    const QString file = createAndSave(c, QStringLiteral("to-upload.bak"));
    QVERIFY(!file.isEmpty());
    QCOMPARE(c.request("DELETE", QStringLiteral("/rest/backup/to-upload.bak")).status, 200);
    QVERIFY(m_sim->mutate());
    QVERIFY(m_sim->state().value(QStringLiteral("config_sha256")).toString() != backedUp);
    const int restores = m_sim->state().value(QStringLiteral("restores")).toInt();

    const auto answer = c.upload(QStringLiteral("/rest/backup/restore"), file,
                                 QStringLiteral("uploaded-restore.bak"));
    QCOMPARE(answer.status, 200);
    const QJsonObject state = m_sim->state();
    QCOMPARE(state.value(QStringLiteral("config_sha256")).toString(), backedUp);
    QCOMPARE(state.value(QStringLiteral("restores")).toInt(), restores + 1);
    QVERIFY(names(c).contains(QStringLiteral("uploaded-restore.bak")));

    // The same file restores on another PBX (the vendor's multi-PBX scenario).
    PbxSim other;
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    QVERIFY(other.state().value(QStringLiteral("config_sha256")).toString() != backedUp ||
            other.mutate());
    auto o = client(other);
    QCOMPARE(
        o.upload(QStringLiteral("/rest/backup/restore"), file, QStringLiteral("from-a.bak")).status,
        200);
    QCOMPARE(other.state().value(QStringLiteral("config_sha256")).toString(), backedUp);
}

void TestPbxSim::restoreRejectsNonArchives()
{
    auto c = client();
    const QString sha = m_sim->state().value(QStringLiteral("config_sha256")).toString();
    const int restores = m_sim->state().value(QStringLiteral("restores")).toInt();
    const QString junk = tempPath(QStringLiteral("junk.bin"));
    QVERIFY(writeRandomFile(junk, 50000));
    const QString empty = tempPath(QStringLiteral("empty.bin"));
    QVERIFY(writeRandomFile(empty, 0));
    const QString noManifest = tempPath(QStringLiteral("nomanifest.tgz"));
    QVERIFY(pbxsim::test::writeTarGz(noManifest,
                                     {{QStringLiteral("etc/sip.conf"), QByteArray("[201]\n")}}));

    for (const QString &file : {junk, empty, noManifest}) {
        const auto ur =
            c.upload(QStringLiteral("/rest/backup/restore"), file, QStringLiteral("junk-ur.bak"));
        QCOMPARE(ur.status, 400);
        QVERIFY(!ur.jsonError().isEmpty());
        QVERIFY(!names(c).contains(QStringLiteral("junk-ur.bak")));

        // A plain upload stores opaque bytes; restoring them by name is what fails.
        QCOMPARE(c.upload(QStringLiteral("/rest/backup"), file, QStringLiteral("junk.bak")).status,
                 200);
        const auto byName = c.request("POST", QStringLiteral("/rest/backup/junk.bak/restore"));
        QCOMPARE(byName.status, 400);
        QVERIFY(!byName.jsonError().isEmpty());
    }
    QCOMPARE(m_sim->state().value(QStringLiteral("config_sha256")).toString(), sha);
    QCOMPARE(m_sim->state().value(QStringLiteral("restores")).toInt(), restores);
}

void TestPbxSim::restoreRejectsEscapingArchives_data()
{
    QTest::addColumn<QList<ArchiveEntry>>("entries");
    const ArchiveEntry manifest{QStringLiteral("manifest.json"),
                                QByteArray(R"({"firmware":"4.9.4","tenant":"default"})")};
    const ArchiveEntry config{QStringLiteral("etc/sip.conf"), QByteArray("[999]\n")};
    QTest::newRow("dot-dot") << QList<ArchiveEntry>{
        manifest, config, {QStringLiteral("../../escaped.txt"), QByteArray("pwned")}};
    QTest::newRow("dot-dot inside") << QList<ArchiveEntry>{
        manifest, config, {QStringLiteral("etc/../../escaped.txt"), QByteArray("pwned")}};
    QTest::newRow("absolute") << QList<ArchiveEntry>{
        manifest, config, {QStringLiteral("/tmp/escaped.txt"), QByteArray("pwned")}};
    QTest::newRow("symlink") << QList<ArchiveEntry>{
        manifest,
        config,
        {QStringLiteral("etc/link"), {}, ArchiveEntry::Symlink, QStringLiteral("../../..")}};
    QTest::newRow("bad manifest") << QList<ArchiveEntry>{
        {QStringLiteral("manifest.json"), QByteArray("not json")}, config};
}

void TestPbxSim::restoreRejectsEscapingArchives()
{
    QFETCH(QList<ArchiveEntry>, entries);
    auto c = client();
    const QString archive = tempPath(QStringLiteral("hostile.tgz"));
    QVERIFY(pbxsim::test::writeTarGz(archive, entries));
    const QString simRoot = QFileInfo(m_sim->dataDir()).absolutePath();
    const auto before = snapshot(simRoot);
    const QString sha = m_sim->state().value(QStringLiteral("config_sha256")).toString();

    const auto answer =
        c.upload(QStringLiteral("/rest/backup/restore"), archive, QStringLiteral("hostile.bak"));
    QCOMPARE(answer.status, 400);
    QVERIFY(!answer.jsonError().isEmpty());
    QCOMPARE(m_sim->state().value(QStringLiteral("config_sha256")).toString(), sha);
    QCOMPARE(snapshot(simRoot), before);
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/escaped.txt")));
}

void TestPbxSim::hostileRequestNamesNeverEscape()
{
    auto c = client();
    QVERIFY(!createAndSave(c, QStringLiteral("victim.bak")).isEmpty());
    const QString simRoot = QFileInfo(m_sim->dataDir()).absolutePath();
    const auto before = snapshot(simRoot);
    QVERIFY(before.contains(QStringLiteral("pbx/tenants/default/salt")));

    const QStringList hostile{QStringLiteral("../salt"),
                              QStringLiteral("../../acme/salt"),
                              QStringLiteral("../config/etc/sip.conf"),
                              QStringLiteral("..\\salt"),
                              QStringLiteral("/etc/passwd"),
                              QStringLiteral("victim.bak/"),
                              QStringLiteral("victim.bak\n"),
                              QStringLiteral(".."),
                              QStringLiteral("."),
                              QString(300, QLatin1Char('y')),
                              QStringLiteral("nul") + QChar(0) + QStringLiteral("victim.bak")};
    for (const QString &name : hostile) {
        const QString path = QStringLiteral("/rest/backup/") + encoded(name);
        const auto get = c.request("GET", path);
        QVERIFY2(get.status == 404 || get.status == 400, qPrintable(name));
        QVERIFY2(c.request("DELETE", path).status >= 400, qPrintable(name));
        QVERIFY2(c.request("POST", path + QStringLiteral("/restore")).status >= 400,
                 qPrintable(name));
        QVERIFY2(c.request("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                           createBody(name, true), Json)
                         .status == 400,
                 qPrintable(name));
    }
    QCOMPARE(snapshot(simRoot), before);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/victim.bak")).status, 200);
}

// --- faults ----------------------------------------------------------------------------------

void TestPbxSim::faultDropAfter()
{
    auto c = client();
    const QString file = tempPath(QStringLiteral("drop.bin"));
    QVERIFY(writeRandomFile(file, 200000));
    QCOMPARE(c.upload(QStringLiteral("/rest/backup"), file, QStringLiteral("drop.bak")).status,
             200);
    QVERIFY(m_sim->addFault(QStringLiteral("drop-after=300")));

    const auto dropped = c.request("GET", QStringLiteral("/rest/backup/drop.bak"));
    QCOMPARE(dropped.contentLength, qint64(200000));
    QCOMPARE(dropped.bytes, qint64(300));
    QVERIFY(dropped.error != QNetworkReply::NoError);

    // A created backup is cut short on the wire but stays stored whole.
    const auto created = c.request("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                                   createBody(QStringLiteral("dropped-create.bak"), true), Json);
    QVERIFY2(created.contentLength > 300, qPrintable(QString::number(created.contentLength)));
    QCOMPARE(created.bytes, qint64(300));
    QVERIFY(created.error != QNetworkReply::NoError);

    // Small answers (JSON) are not file bodies and are unaffected.
    QVERIFY(names(c).contains(QStringLiteral("dropped-create.bak")));

    QVERIFY(m_sim->clearFaults());
    const auto whole = c.request("GET", QStringLiteral("/rest/backup/drop.bak"));
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.bytes, qint64(200000));
}

void TestPbxSim::faultDelay()
{
    auto c = client();
    const QByteArray header = c.freshAuthHeader(); // the salt call would be delayed too
    QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=400")));
    const auto answer =
        c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"), {}, {}, header);
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.elapsedMs >= 400, qPrintable(QString::number(answer.elapsedMs)));
    const auto salt = c.request("GET", QStringLiteral("/rest/salt/default"), {}, {}, "");
    QVERIFY(salt.elapsedMs >= 400);
    const auto unauthorised = c.request("GET", QStringLiteral("/rest/backup"), {}, {}, "");
    QCOMPARE(unauthorised.status, 401);
    QVERIFY(unauthorised.elapsedMs >= 400);
}

void TestPbxSim::faultRestoreBusy()
{
    auto c = client();
    const QString file = createAndSave(c, QStringLiteral("busy.bak"));
    QVERIFY(!file.isEmpty());
    QVERIFY(m_sim->addFault(QStringLiteral("restore-busy")));
    const auto byName = c.request("POST", QStringLiteral("/rest/backup/busy.bak/restore"));
    QCOMPARE(byName.status, 503);
    QVERIFY(!byName.jsonError().isEmpty());
    QCOMPARE(
        c.upload(QStringLiteral("/rest/backup/restore"), file, QStringLiteral("busy2.bak")).status,
        503);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup")).status, 200); // others work
    QVERIFY(m_sim->clearFaults());
    QCOMPARE(c.request("POST", QStringLiteral("/rest/backup/busy.bak/restore")).status, 200);
}

void TestPbxSim::faultStatus()
{
    auto c = client();
    QVERIFY(!createAndSave(c, QStringLiteral("status.bak")).isEmpty());
    QVERIFY(m_sim->addFault(QStringLiteral("status=500:^/rest/backup$")));
    const auto list = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(list.status, 500);
    QVERIFY(!list.jsonError().isEmpty());
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/status.bak")).status, 200);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 200);

    QVERIFY(m_sim->addFault(QStringLiteral("status=403:firmware")));
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 403);

    // An upload answered by a fault still has its body consumed: the next call works.
    QVERIFY(m_sim->addFault(QStringLiteral("status=502:/restore$")));
    const QString file = tempPath(QStringLiteral("status.bin"));
    QVERIFY(writeRandomFile(file, 300000));
    QCOMPARE(c.upload(QStringLiteral("/rest/backup/restore"), file, QStringLiteral("s.bak")).status,
             502);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup/status.bak")).status, 200);

    // Unauthenticated endpoints too, and /sim/ never.
    QVERIFY(m_sim->addFault(QStringLiteral("status=503:.*")));
    QCOMPARE(c.request("GET", QStringLiteral("/rest/salt/default"), {}, {}, "").status, 503);
    QVERIFY(!m_sim->state().isEmpty());
}

void TestPbxSim::faultClockOffset()
{
    QVERIFY(m_sim->addFault(QStringLiteral("clock-offset=3600")));
    auto c = client();
    const auto skewed = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(skewed.status, 401);
    QVERIFY(skewed.jsonError().contains(QStringLiteral("5 minutes")));
    const qint64 offset = QDateTime::currentDateTimeUtc().secsTo(skewed.date);
    QVERIFY2(qAbs(offset - 3600) < 60, qPrintable(QString::number(offset)));

    c.setClockOffsetSeconds(3600); // a client that follows the PBX clock gets in
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup")).status, 200);

    QVERIFY(m_sim->addFault(QStringLiteral("clock-offset=-7200")));
    const auto behind = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(behind.status, 401);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(behind.date) + 7200) < 60);
    QVERIFY(m_sim->clearFaults());
    c.setClockOffsetSeconds(0);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/backup")).status, 200);
}

void TestPbxSim::faultHostileNames()
{
    auto c = client();
    QVERIFY(!createAndSave(c, QStringLiteral("real.bak")).isEmpty());
    const QStringList real = names(c);
    QVERIFY(m_sim->addFault(QStringLiteral("hostile-names")));
    const auto answer = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(answer.status, 200);
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
    QVERIFY(doc.isArray());
    QStringList list;
    for (const QJsonValue &v : doc.array()) {
        QVERIFY(v.isString());
        list << v.toString();
    }
    QVERIFY(list.contains(QStringLiteral("real.bak")));
    QVERIFY(list.contains(QStringLiteral("../../etc/passwd")));
    QVERIFY(list.contains(QStringLiteral("a/b.bak")));
    QVERIFY(std::any_of(list.cbegin(), list.cend(),
                        [](const QString &n) { return n.contains(QLatin1Char('\n')); }));
    QVERIFY(
        std::any_of(list.cbegin(), list.cend(), [](const QString &n) { return n.size() == 300; }));
    QVERIFY(list.contains(QString()));
    QVERIFY(list.contains(QStringLiteral("nul") + QChar(0) + QStringLiteral("byte.bak")));

    // None of them can be fetched, deleted or restored: they are not files.
    const QString simRoot = QFileInfo(m_sim->dataDir()).absolutePath();
    const auto before = snapshot(simRoot);
    for (const QString &name : list) {
        if (real.contains(name) || name.isEmpty())
            continue;
        const QString path = QStringLiteral("/rest/backup/") + encoded(name);
        QVERIFY2(c.request("GET", path).status >= 400, qPrintable(name));
        QVERIFY2(c.request("DELETE", path).status >= 400, qPrintable(name));
    }
    QCOMPARE(snapshot(simRoot), before);
    QVERIFY(m_sim->clearFaults());
    QVERIFY(!names(c).contains(QStringLiteral("a/b.bak")));
}

void TestPbxSim::faultGarbageList()
{
    QVERIFY(m_sim->addFault(QStringLiteral("garbage-list")));
    auto c = client();
    const auto answer = c.request("GET", QStringLiteral("/rest/backup"));
    QCOMPARE(answer.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(answer.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(c.request("GET", QStringLiteral("/rest/dashboard/firmwareVersion")).status, 200);
}

void TestPbxSim::faultThrottle()
{
    auto c = client();
    const QString file = tempPath(QStringLiteral("throttle.bin"));
    const qint64 size = 400000;
    QVERIFY(writeRandomFile(file, size));
    QCOMPARE(c.upload(QStringLiteral("/rest/backup"), file, QStringLiteral("slow.bak")).status,
             200);
    QVERIFY(m_sim->addFault(QStringLiteral("throttle=200000")));
    const auto answer = c.request("GET", QStringLiteral("/rest/backup/slow.bak"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.bytes, size);
    // 400 kB at 200 kB/s: about two seconds, arriving steadily rather than in one late burst.
    QVERIFY2(answer.elapsedMs >= 1800, qPrintable(QString::number(answer.elapsedMs)));
    qint64 longestGap = 0;
    for (int i = 1; i < answer.arrivalMs.size(); ++i)
        longestGap = qMax(longestGap, answer.arrivalMs[i] - answer.arrivalMs[i - 1]);
    // Loose bounds (the machine may be busy); a single late burst would break both.
    QVERIFY2(longestGap < 1200, qPrintable(QString::number(longestGap)));
    QVERIFY(answer.arrivalMs.size() >= 10);
    QVERIFY2(answer.arrivalMs.first() < 1200,
             qPrintable(QString::number(answer.arrivalMs.first())));
}

void TestPbxSim::faultFirmwarePlain()
{
    // The fault turns a JSON-answering PBX back to bare text, until it is cleared.
    PbxSim::Options options;
    options.firmwareAnswer = QStringLiteral("json");
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto c = client(sim);
    const QString path = QStringLiteral("/rest/dashboard/firmwareVersion");
    QCOMPARE(c.request("GET", path).body, QByteArray("\"4.9.4\""));
    QVERIFY(sim.addFault(QStringLiteral("firmware-plain")));
    const auto answer = c.request("GET", path);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("4.9.4"));
    QVERIFY2(answer.contentType.startsWith("text/plain"), answer.contentType.constData());
    QVERIFY(sim.clearFaults());
    QCOMPARE(c.request("GET", path).body, QByteArray("\"4.9.4\""));
}

void TestPbxSim::faultSpecs()
{
    QByteArray answer;
    QCOMPARE(m_sim->simRequest("POST", QStringLiteral("/sim/fault"), "no-such-fault", &answer),
             400);
    QVERIFY(answer.contains("unknown fault"));
    QCOMPARE(m_sim->simRequest("POST", QStringLiteral("/sim/fault"), "status=999:x"), 400);
    QCOMPARE(m_sim->simRequest("POST", QStringLiteral("/sim/fault"), "status=500:(("), 400);
    QCOMPARE(m_sim->simRequest("POST", QStringLiteral("/sim/fault"), "throttle=0"), 400);

    QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=1")));
    QVERIFY(m_sim->addFault(QStringLiteral("garbage-list")));
    QCOMPARE(m_sim->state().value(QStringLiteral("faults")).toArray(),
             (QJsonArray{QStringLiteral("delay-ms=1"), QStringLiteral("garbage-list")}));
    QVERIFY(m_sim->clearFaults());
    QVERIFY(m_sim->state().value(QStringLiteral("faults")).toArray().isEmpty());
    auto c = client();
    QVERIFY(
        QJsonDocument::fromJson(c.request("GET", QStringLiteral("/rest/backup")).body).isArray());
}

void TestPbxSim::faultsFromCommandLine()
{
    PbxSim::Options options;
    options.faults = QStringList{QStringLiteral("garbage-list"), QStringLiteral("restore-busy")};
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QCOMPARE(sim.state().value(QStringLiteral("faults")).toArray().size(), 2);
    auto c = client(sim);
    QVERIFY(
        QJsonDocument::fromJson(c.request("GET", QStringLiteral("/rest/backup")).body).isNull());
    QVERIFY(!createAndSave(c, QStringLiteral("cli.bak")).isEmpty());
    QCOMPARE(c.request("POST", QStringLiteral("/rest/backup/cli.bak/restore")).status, 503);
}

// --- sim-only endpoints, tenants, persistence ------------------------------------------------

void TestPbxSim::simEndpoints()
{
    const QJsonObject state = m_sim->state();
    QCOMPARE(state.value(QStringLiteral("config_sha256")).toString().size(), 64);
    QVERIFY(state.value(QStringLiteral("restores")).isDouble());
    QVERIFY(state.value(QStringLiteral("backups")).isArray());
    QCOMPARE(state.value(QStringLiteral("firmware")).toString(), QStringLiteral("4.9.4"));
    QCOMPARE(state.value(QStringLiteral("firmware_answer")).toString(), QStringLiteral("text"));

    QCOMPARE(m_sim->simRequest("GET", QStringLiteral("/sim/state?domain=nosuch"), {}), 404);
    QCOMPARE(m_sim->simRequest("POST", QStringLiteral("/sim/mutate?domain=nosuch"), {}), 404);

    // A mutation changes the configuration, so the next backup differs from the last.
    auto c = client();
    const QString a = createAndSave(c, QStringLiteral("before-mutate.bak"));
    QVERIFY(m_sim->mutate());
    const QString b = createAndSave(c, QStringLiteral("after-mutate.bak"));
    const QString sha = m_sim->state().value(QStringLiteral("config_sha256")).toString();
    QVERIFY(sha != state.value(QStringLiteral("config_sha256")).toString());
    const auto before = pbxsim::test::readArchive(a);
    const auto after = pbxsim::test::readArchive(b);
    QVERIFY(before.ok && after.ok);
    QVERIFY(before.files.value(QStringLiteral("etc/extensions.conf")) !=
            after.files.value(QStringLiteral("etc/extensions.conf")));
    QCOMPARE(QJsonDocument::fromJson(after.files.value(QStringLiteral("manifest.json")))
                 .object()
                 .value(QStringLiteral("config_sha256"))
                 .toString(),
             sha);
}

void TestPbxSim::tenantsAreIsolated()
{
    auto boss = client();
    boss.setCredentials(QStringLiteral("boss"), QStringLiteral("acme"), QStringLiteral("acme-pw"));
    QVERIFY(!createAndSave(boss, QStringLiteral("acme-only.bak")).isEmpty());
    auto admin = client();
    QVERIFY(names(boss).contains(QStringLiteral("acme-only.bak")));
    QVERIFY(!names(admin).contains(QStringLiteral("acme-only.bak")));
    QCOMPARE(admin.request("GET", QStringLiteral("/rest/backup/acme-only.bak")).status, 404);
    QVERIFY(m_sim->state(QStringLiteral("acme"))
                .value(QStringLiteral("backups"))
                .toArray()
                .contains(QStringLiteral("acme-only.bak")));
    const auto listing =
        pbxsim::test::readArchive(tempPath(QStringLiteral("acme-only.bak.download")));
    QCOMPARE(QJsonDocument::fromJson(listing.files.value(QStringLiteral("manifest.json")))
                 .object()
                 .value(QStringLiteral("tenant"))
                 .toString(),
             QStringLiteral("acme"));
}

void TestPbxSim::persistenceAcrossRestart()
{
    PbxSim sim;
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto c = client(sim);
    QVERIFY(!createAndSave(c, QStringLiteral("kept.bak")).isEmpty());
    QVERIFY(sim.mutate());
    const QString salt = c.salt(QStringLiteral("default"));
    const QString sha = sim.state().value(QStringLiteral("config_sha256")).toString();
    sim.stop();
    QVERIFY(!sim.isRunning());
    QVERIFY2(sim.start(&error), qPrintable(error));
    auto again = client(sim);
    QCOMPARE(again.salt(QStringLiteral("default")), salt);
    QCOMPARE(sim.state().value(QStringLiteral("config_sha256")).toString(), sha);
    QVERIFY(names(again).contains(QStringLiteral("kept.bak")));
}

QTEST_GUILESS_MAIN(TestPbxSim)
#include "tst_pbxsim_api.moc"
