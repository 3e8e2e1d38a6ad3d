// pbxsim --fleet: one process serving many PBXs, each with its own port, account,
// certificate, firmware, backups and faults. The client is the API-document one.
#include "KalliopeClient.h"
#include "PbxSim.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QVersionNumber>

#include <memory>

using pbxsim::test::KalliopeClient;
using pbxvault::test::PbxFleet;

namespace {

using Member = PbxFleet::Member;

std::unique_ptr<KalliopeClient> client(const Member &pbx, const QString &password = {})
{
    auto c = std::make_unique<KalliopeClient>(pbx.url, pbx.fingerprint);
    c->setCredentials(pbx.username, pbx.domain, password.isNull() ? pbx.password : password);
    c->setTimeoutMs(30000);
    return c;
}

std::unique_ptr<PbxFleet> startFleet(const PbxFleet::Options &options, QString *error)
{
    auto fleet = std::make_unique<PbxFleet>(options);
    if (!fleet->start(error))
        return nullptr;
    return fleet;
}

QByteArray createBody(const QString &firmware, const QString &name)
{
    const QJsonObject fields{{QStringLiteral("filename"), name},
                             {QStringLiteral("comment"), QStringLiteral("fleet test")}};
    const bool wrapped =
        QVersionNumber::fromString(firmware) >= QVersionNumber::fromString(QStringLiteral("4.9.4"));
    return QJsonDocument(wrapped ? QJsonObject{{QStringLiteral("backup"), fields}} : fields)
        .toJson(QJsonDocument::Compact);
}

KalliopeClient::Answer createBackup(KalliopeClient &client, const Member &pbx, const QString &name)
{
    return client.request("POST", QStringLiteral("/rest/backup/create/") + pbx.firmware,
                          createBody(pbx.firmware, name), "application/json");
}

QStringList backupNames(KalliopeClient &client)
{
    QStringList names;
    const auto answer = client.request("GET", QStringLiteral("/rest/backup"));
    for (const QJsonValue &name : QJsonDocument::fromJson(answer.body).array())
        names << name.toString();
    return names;
}

// /sim/ endpoints need no authentication; the client's header is simply ignored there.
QJsonObject simState(KalliopeClient &client)
{
    return QJsonDocument::fromJson(client.request("GET", QStringLiteral("/sim/state")).body)
        .object();
}

QString procStatusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine())
        if (line.startsWith(field + ':'))
            return QString::fromLatin1(line.mid(field.size() + 1).simplified());
    return {};
}

} // namespace

class TestPbxSimFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manifestListsDistinctPbxs();
    void eachPbxTakesOnlyItsOwnPassword();
    void backupsStayOnTheirPbx();
    void simEndpointsArePerPbx();
    void failRatioFailsExactlyTheListedPbxs();
    void delayAppliesToEveryPbx();
    void consecutivePorts();
    void badFleetOptionsAreRefused_data();
    void badFleetOptionsAreRefused();

private:
    std::unique_ptr<PbxFleet> m_fleet; // 20 PBXs on ephemeral ports, a quarter of them failing
};

void TestPbxSimFleet::initTestCase()
{
    PbxFleet::Options options;
    options.count = 20;
    options.failRatio = 0.25;
    QString error;
    m_fleet = startFleet(options, &error);
    QVERIFY2(m_fleet, qPrintable(error));
    const qint64 pid = m_fleet->pid();
    qInfo("%s", qPrintable(m_fleet->readyLine()));
    qInfo("fleet of 20 (pid %lld): VmRSS %s, %s threads, %lld fds", static_cast<long long>(pid),
          qPrintable(procStatusField(pid, "VmRSS")), qPrintable(procStatusField(pid, "Threads")),
          static_cast<long long>(QDir(QStringLiteral("/proc/%1/fd").arg(pid))
                                     .entryList(QDir::Files | QDir::System)
                                     .size()));
}

void TestPbxSimFleet::manifestListsDistinctPbxs()
{
    const QList<Member> &pbxs = m_fleet->members();
    QCOMPARE(pbxs.size(), 20);
    QSet<int> ports;
    QSet<QString> urls, passwords, fingerprints, firmwares, dataDirs;
    for (int i = 0; i < pbxs.size(); ++i) {
        const Member &pbx = pbxs[i];
        QCOMPARE(pbx.index, i + 1);
        QVERIFY(pbx.port > 0);
        QCOMPARE(pbx.url, QUrl(QStringLiteral("https://127.0.0.1:%1").arg(pbx.port)));
        QVERIFY(!pbx.username.isEmpty() && !pbx.domain.isEmpty());
        QVERIFY(pbx.password.size() >= 16);
        QCOMPARE(pbx.fingerprint.size(), 64);
        QVERIFY(QFileInfo(pbx.dataDir).isDir());
        ports << pbx.port;
        urls << pbx.url.toString();
        passwords << pbx.password;
        fingerprints << pbx.fingerprint;
        firmwares << pbx.firmware;
        dataDirs << pbx.dataDir;
    }
    QCOMPARE(ports.size(), 20);
    QCOMPARE(urls.size(), 20);
    QCOMPARE(passwords.size(), 20);
    QCOMPARE(fingerprints.size(), 20);
    QCOMPARE(dataDirs.size(), 20);
    QVERIFY2(firmwares.size() >= 3, qPrintable(QStringList(firmwares.values()).join(u',')));
    // The manifest carries passwords: owner-only.
    QCOMPARE(QFileInfo(m_fleet->manifestPath()).permissions() &
                 (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());

    // Each PBX presents the certificate and firmware the manifest gives it (the client accepts
    // only the pinned fingerprint).
    for (const Member &pbx : pbxs) {
        auto c = client(pbx);
        const auto answer = c->request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"));
        QVERIFY2(answer.status == 200, qPrintable(answer.errorString));
        QCOMPARE(QString::fromUtf8(answer.body).remove(u'"').trimmed(), pbx.firmware);
    }
}

void TestPbxSimFleet::eachPbxTakesOnlyItsOwnPassword()
{
    const QList<Member> &pbxs = m_fleet->members();
    for (int i = 0; i < pbxs.size(); ++i) {
        auto own = client(pbxs[i]);
        QCOMPARE(own->request("GET", QStringLiteral("/rest/backup")).status, 200);
        auto other = client(pbxs[i], pbxs[(i + 1) % pbxs.size()].password);
        const int refused = other->request("GET", QStringLiteral("/rest/backup")).status;
        QVERIFY2(refused == 401 || refused == 403, qPrintable(QString::number(refused)));
    }
}

void TestPbxSimFleet::backupsStayOnTheirPbx()
{
    // The first two PBXs do not fail (the failing quarter is every fourth).
    const Member &first = m_fleet->members().at(0);
    const Member &second = m_fleet->members().at(1);
    QVERIFY(!first.failing && !second.failing);
    auto a = client(first);
    auto b = client(second);
    const QString name = QStringLiteral("only-on-first.bak");
    const auto created = createBackup(*a, first, name);
    QVERIFY2(created.status == 200, qPrintable(QString::fromUtf8(created.body.left(200))));
    QVERIFY(created.bytes > 0);
    QVERIFY(backupNames(*a).contains(name));
    QVERIFY(!backupNames(*b).contains(name));
    QCOMPARE(b->request("GET", QStringLiteral("/rest/backup/") + name).status, 404);
}

void TestPbxSimFleet::simEndpointsArePerPbx()
{
    const Member &first = m_fleet->members().at(0);
    auto a = client(first);
    auto b = client(m_fleet->members().at(1));
    const QJsonObject beforeA = simState(*a), beforeB = simState(*b);
    QCOMPARE(beforeA.value(QStringLiteral("firmware")).toString(), first.firmware);
    QCOMPARE(a->request("POST", QStringLiteral("/sim/mutate?domain=default")).status, 200);
    QVERIFY(simState(*a).value(QStringLiteral("config_sha256")) !=
            beforeA.value(QStringLiteral("config_sha256")));
    QCOMPARE(simState(*b).value(QStringLiteral("config_sha256")),
             beforeB.value(QStringLiteral("config_sha256")));

    QCOMPARE(a->request("POST", QStringLiteral("/sim/fault"), "garbage-list", "text/plain").status,
             200);
    QVERIFY(
        QJsonDocument::fromJson(a->request("GET", QStringLiteral("/rest/backup")).body).isNull());
    QVERIFY(
        QJsonDocument::fromJson(b->request("GET", QStringLiteral("/rest/backup")).body).isArray());
    QCOMPARE(a->request("POST", QStringLiteral("/sim/fault"), "clear", "text/plain").status, 200);
}

void TestPbxSimFleet::failRatioFailsExactlyTheListedPbxs()
{
    int failing = 0;
    for (const Member &pbx : m_fleet->members()) {
        failing += pbx.failing ? 1 : 0;
        auto c = client(pbx);
        const auto answer = createBackup(*c, pbx, QStringLiteral("ratio-%1.bak").arg(pbx.index));
        QVERIFY2(answer.status == (pbx.failing ? 503 : 200),
                 qPrintable(QStringLiteral("PBX %1 (listed failing: %2): %3")
                                .arg(pbx.index)
                                .arg(pbx.failing)
                                .arg(answer.status)));
        // A failing PBX fails backup creation only.
        QCOMPARE(c->request("GET", QStringLiteral("/rest/backup")).status, 200);
    }
    QCOMPARE(failing, 5);
}

void TestPbxSimFleet::delayAppliesToEveryPbx()
{
    PbxFleet::Options options;
    options.count = 3;
    options.faults = QStringList{QStringLiteral("delay-ms=300")};
    QString error;
    const auto fleet = startFleet(options, &error);
    QVERIFY2(fleet, qPrintable(error));
    for (const Member &pbx : fleet->members()) {
        auto c = client(pbx);
        const QByteArray header = c->freshAuthHeader(); // the salt call is delayed too
        const auto answer =
            c->request("GET", QStringLiteral("/rest/dashboard/firmwareVersion"), {}, {}, header);
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.elapsedMs >= 300, qPrintable(QString::number(answer.elapsedMs)));
    }
}

void TestPbxSimFleet::consecutivePorts()
{
    // The base port comes from a fleet that just went away, which keeps this test off busy
    // ports as far as possible; should another process take one meanwhile, pbxsim refuses to
    // start and the test skips saying so.
    PbxFleet::Options options;
    options.count = 1;
    QString error;
    quint16 base = 0;
    {
        const auto probe = startFleet(options, &error);
        QVERIFY2(probe, qPrintable(error));
        base = probe->members().at(0).port;
    }
    if (base > 65535 - 3)
        QSKIP("the probe port is too close to 65535");
    options.count = 3;
    options.firstPort = base;
    const auto fleet = startFleet(options, &error);
    if (!fleet)
        QSKIP(qPrintable(QStringLiteral("ports from %1 are taken: %2").arg(base).arg(error)));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(int(fleet->members().at(i).port), base + i);
}

void TestPbxSimFleet::badFleetOptionsAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    const QStringList base{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--data-dir"), QDir::tempPath()};
    const QStringList fleet{QStringLiteral("--fleet"), QStringLiteral("2"),
                            QStringLiteral("--fleet-manifest"), QStringLiteral("/nonexistent/m")};
    QTest::newRow("no manifest") << base +
                                        QStringList{QStringLiteral("--fleet"), QStringLiteral("2")};
    QTest::newRow("user with fleet")
        << base + fleet + QStringList{QStringLiteral("--user"), QStringLiteral("default:admin:x")};
    QTest::newRow("ratio above 1")
        << base + fleet + QStringList{QStringLiteral("--fleet-fail-ratio"), QStringLiteral("1.5")};
    QTest::newRow("fleet option without fleet")
        << base + QStringList{QStringLiteral("--user"), QStringLiteral("default:admin:x"),
                              QStringLiteral("--fleet-fail-ratio"), QStringLiteral("0.5")};
    QTest::newRow("ports past 65535")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:65535"),
                       QStringLiteral("--data-dir"), QDir::tempPath()} +
               fleet;
}

void TestPbxSimFleet::badFleetOptionsAreRefused()
{
    QFETCH(QStringList, args);
    QProcess process;
    process.start(QStringLiteral(PBXSIM_PATH), args);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("pbxsim: "));
}

QTEST_GUILESS_MAIN(TestPbxSimFleet)
#include "tst_pbxsim_fleet.moc"
