// Unit tests of pbxsim's building blocks (names, JSON, auth header, faults, archive layout).
// The protocol itself is tested end to end by pbxsim_api.
#include "src/Archive.h"
#include "src/Auth.h"
#include "src/Clock.h"
#include "src/Crypto.h"
#include "src/Faults.h"
#include "src/Fleet.h"
#include "src/Json.h"
#include "src/Names.h"
#include "src/Options.h"

#include "TestDirs.h"

#include <QFileInfo>
#include <QSet>
#include <QTest>

#include <atomic>

using namespace pbxsim;

class TestPbxSimUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupNames();
    void configPaths();
    void firmwareOrder();
    void firmwareUrlSegment();
    void firmwareAnswerOption();
    void json();
    void jsonQuoting();
    void authToken();
    void digestMatchesTheDocumentedFormula();
    void nonceCache();
    void isoTime();
    void faultParsing();
    void archiveHitsTheExactSize_data();
    void archiveHitsTheExactSize();
    void archiveRoundTrip();
    void fleetFailingMembers();
    void fleetPlan();
    void fleetCertificates();
};

void TestPbxSimUnits::backupNames()
{
    for (const char *good : {"backup_0001.bak", "a", "A-b_c.d.bak", "2024-01-01T00-00.bak"})
        QVERIFY2(isValidBackupName(good), good);
    for (const char *bad :
         {"", ".", "..", "../x", "a/b", "a\\b", ".hidden", "-rf", "a b", "a..b", "a\nb", "x\x01"})
        QVERIFY2(!isValidBackupName(bad), bad);
    QVERIFY(isValidBackupName(std::string(200, 'x')));
    QVERIFY(!isValidBackupName(std::string(201, 'x')));
    QVERIFY(!isValidBackupName(std::string("a\0b", 3)));
}

void TestPbxSimUnits::configPaths()
{
    QVERIFY(isSafeConfigPath("etc/sip.conf"));
    QVERIFY(isSafeConfigPath("db/dump.sql"));
    for (const char *bad : {"", "/etc/passwd", "../x", "etc/../../x", "etc//x", "./x", "etc/",
                            "a b", "a/b/c/d/e/f/g/h/i"})
        QVERIFY2(!isSafeConfigPath(bad), bad);
}

void TestPbxSimUnits::firmwareOrder()
{
    QVERIFY(compareFirmware("4.9.4", "4.9.4") == 0);
    QVERIFY(compareFirmware("4.9.3", "4.9.4") < 0);
    QVERIFY(compareFirmware("4.10.0", "4.9.4") > 0); // numeric, not lexical
    QVERIFY(compareFirmware("5", "4.9.4") > 0);
    QVERIFY(compareFirmware("4.9", "4.9.0") == 0);
    QVERIFY(isValidFirmware("4.9.4"));
    QVERIFY(!isValidFirmware("v4.9"));
    QVERIFY(!isValidFirmware("4..9"));
    QVERIFY(!isValidFirmware(""));
}

void TestPbxSimUnits::firmwareUrlSegment()
{
    QCOMPARE(firmwareFromUrlSegment("4.9.4"), std::string("4.9.4"));
    QCOMPARE(firmwareFromUrlSegment("\"4.9.4\""), std::string("4.9.4"));
    QCOMPARE(firmwareFromUrlSegment("\"\""), std::string());
    // One pair only, and only when both ends are quoted.
    QCOMPARE(firmwareFromUrlSegment("\"\"4.9.4\"\""), std::string("\"4.9.4\""));
    QCOMPARE(firmwareFromUrlSegment("\"4.9.4"), std::string("\"4.9.4"));
    QCOMPARE(firmwareFromUrlSegment("4.9.4\""), std::string("4.9.4\""));
    QCOMPARE(firmwareFromUrlSegment("\""), std::string("\""));
    QCOMPARE(firmwareFromUrlSegment("'4.9.4'"), std::string("'4.9.4'"));
}

void TestPbxSimUnits::firmwareAnswerOption()
{
    const auto parse = [](std::vector<std::string> extra, Options *options, std::string *error) {
        std::vector<std::string> args{"pbxsim", "--listen", "127.0.0.1:0",        "--data-dir",
                                      "/tmp/x", "--user",   "default:admin:admin"};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char *> argv;
        for (std::string &arg : args)
            argv.push_back(arg.data());
        return parseOptions(int(argv.size()), argv.data(), options, error);
    };
    std::string error;
    Options options;
    QVERIFY2(parse({}, &options, &error), error.c_str());
    QVERIFY(options.firmwareAnswer == FirmwareAnswer::Text);
    options = Options();
    QVERIFY2(parse({"--firmware-answer", "json"}, &options, &error), error.c_str());
    QVERIFY(options.firmwareAnswer == FirmwareAnswer::Json);
    options = Options();
    QVERIFY2(parse({"--firmware-answer", "text"}, &options, &error), error.c_str());
    QVERIFY(options.firmwareAnswer == FirmwareAnswer::Text);
    for (const char *bad : {"JSON", "plain", ""}) {
        options = Options();
        QVERIFY2(!parse({"--firmware-answer", bad}, &options, &error), bad);
        QVERIFY2(error.find("--firmware-answer") != std::string::npos, error.c_str());
    }
}

void TestPbxSimUnits::json()
{
    JsonValue v;
    std::string error;
    QVERIFY(JsonValue::parse(R"( {"backup": {"filename": "a\u00e9\n.bak", "n": -1.5e3,
                                 "x": [true, false, null]}} )",
                             &v, &error));
    const JsonValue *backup = v.member("backup");
    QVERIFY(backup && backup->isObject());
    QCOMPARE(backup->member("filename")->string(), std::string("a\xC3\xA9\n.bak"));
    QCOMPARE(backup->member("x")->array().size(), std::size_t(3));
    QVERIFY(!backup->member("missing"));
    for (const char *bad : {"", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"unterminated", "{'a':1}",
                            "nul", "\"ctl\x01\""})
        QVERIFY2(!JsonValue::parse(bad, &v, &error), bad);
    QVERIFY(JsonValue::parse("\"\\ud83d\\ude00\"", &v, &error)); // surrogate pair
    QCOMPARE(v.string(), std::string("\xF0\x9F\x98\x80"));
}

void TestPbxSimUnits::jsonQuoting()
{
    QCOMPARE(jsonQuote("a\"b\\c\nd"), std::string(R"("a\"b\\c\nd")"));
    QCOMPARE(jsonQuote(std::string("x\0y", 3)), std::string(R"("x\u0000y")"));
    QCOMPARE(jsonArray({"a", "b"}), std::string(R"(["a","b"])"));
    JsonValue back;
    std::string error;
    QVERIFY(JsonValue::parse(jsonQuote("tab\there\x1f"), &back, &error));
    QCOMPARE(back.string(), std::string("tab\there\x1f"));
}

void TestPbxSimUnits::authToken()
{
    AuthToken t;
    QVERIFY(parseAuthToken(R"(RestApiUsernameToken Username="admin", Domain="default", )"
                           R"(Digest="ZGln", Nonce="0011aabb", Created="2016-04-29T15:48:26Z")",
                           &t));
    QCOMPARE(t.username, std::string("admin"));
    QCOMPARE(t.domain, std::string("default"));
    QCOMPARE(t.digest, std::string("ZGln"));
    QCOMPARE(t.nonce, std::string("0011aabb"));
    QCOMPARE(t.created, std::string("2016-04-29T15:48:26Z"));
    // Any field order; Domain optional.
    QVERIFY(parseAuthToken(R"(RestApiUsernameToken Created="c", Nonce="n", Digest="d", )"
                           R"(Username="u")",
                           &t));
    QCOMPARE(t.domain, std::string("default"));
    for (const char *bad :
         {"", "Basic abc", "RestApiUsernameToken", R"(RestApiUsernameTokenUsername="u")",
          R"(RestApiUsernameToken Username="u", Digest="d", Nonce="n")",
          R"(RestApiUsernameToken Username="u", Username="v", Digest="d", Nonce="n", Created="c")",
          R"(RestApiUsernameToken Username=u, Digest="d", Nonce="n", Created="c")"})
        QVERIFY2(!parseAuthToken(bad, &t), bad);
}

void TestPbxSimUnits::digestMatchesTheDocumentedFormula()
{
    // Worked example computed independently with the openssl CLI:
    //   dp=$(printf 'secret{salt}' | sha256sum | cut -d' ' -f1)
    //   printf '0011aabb%sadmindefault2016-04-29T15:48:26Z' $dp | openssl dgst -sha256 -binary
    //       | base64
    AuthToken t;
    t.username = "admin";
    t.domain = "default";
    t.nonce = "0011aabb";
    t.created = "2016-04-29T15:48:26Z";
    QCOMPARE(toHex(sha256Raw("secret{salt}")),
             std::string("7e29f087c2c4947e3390fe2ab3e776ee4044f0d08bf5e82e5d263f2d15b8030a"));
    QCOMPARE(expectedDigest("secret", "salt", t),
             std::string("7jcSf1I2gbnKKDPZz/6WG201uL6/bqdHZ6WttootaS8="));
}

void TestPbxSimUnits::nonceCache()
{
    NonceCache cache;
    QVERIFY(cache.remember("00112233"));
    QVERIFY(!cache.remember("00112233"));
    QVERIFY(cache.remember("00112234"));
}

void TestPbxSimUnits::isoTime()
{
    std::int64_t t = 0;
    QVERIFY(SimClock::parseIsoUtc("2016-04-29T15:48:26Z", &t));
    QCOMPARE(t, std::int64_t(1461944906));
    QCOMPARE(SimClock::isoUtc(t), std::string("2016-04-29T15:48:26Z"));
    QCOMPARE(SimClock::httpDate(t), std::string("Fri, 29 Apr 2016 15:48:26 GMT"));
    for (const char *bad :
         {"2016-04-29 15:48:26Z", "2016-04-29T15:48:26", "2016-04-29T15:48:26+00:00",
          "2016-13-29T15:48:26Z", "2016-04-29T25:48:26Z", "x016-04-29T15:48:26Z"})
        QVERIFY2(!SimClock::parseIsoUtc(bad, &t), bad);
}

void TestPbxSimUnits::faultParsing()
{
    Faults faults;
    std::string error;
    QVERIFY(faults.apply("drop-after=10", &error));
    QVERIFY(faults.apply("delay-ms=5\n", &error)); // trailing newline from a shell is fine
    QVERIFY(faults.apply("status=502:^/rest/backup$", &error));
    QVERIFY(faults.apply("clock-offset=-30", &error));
    QVERIFY(faults.apply("throttle=1000", &error));
    QVERIFY(faults.apply("restore-busy", &error));
    QVERIFY(faults.apply("hostile-names", &error));
    QVERIFY(faults.apply("garbage-list", &error));
    QVERIFY(faults.apply("firmware-plain", &error));
    FaultSet set = faults.snapshot();
    QCOMPARE(set.dropAfterBytes, std::int64_t(10));
    QCOMPARE(set.delayMs, 5);
    QCOMPARE(set.clockOffsetSeconds, std::int64_t(-30));
    QCOMPARE(set.throttleBytesPerSecond, std::int64_t(1000));
    QVERIFY(set.restoreBusy && set.hostileNames && set.garbageList && set.firmwarePlain);
    QVERIFY(set.statusFor("/rest/backup"));
    QCOMPARE(set.statusFor("/rest/backup")->code, 502);
    QVERIFY(!set.statusFor("/rest/backup/x.bak"));
    QCOMPARE(set.specs.size(), std::size_t(9));
    for (const char *bad :
         {"", "nope", "drop-after=-1", "drop-after=x", "delay-ms=", "status=99:x", "status=500",
          "status=500:(", "throttle=0", "restore-busy=1", "clock-offset=1e3"})
        QVERIFY2(!faults.apply(bad, &error), bad);
    QCOMPARE(faults.snapshot().specs.size(), std::size_t(9)); // a bad spec changes nothing
    QVERIFY(faults.apply("clear", &error));
    set = faults.snapshot();
    QVERIFY(set.specs.empty() && set.dropAfterBytes < 0 && !set.restoreBusy);
}

void TestPbxSimUnits::archiveHitsTheExactSize_data()
{
    QTest::addColumn<qint64>("target");
    for (qint64 size : {0LL, 100LL, 3000LL, 4000LL, 65535LL, 65536LL, 65540LL, 100000LL, 131075LL,
                        1000003LL, 5LL * 1024 * 1024})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void TestPbxSimUnits::archiveHitsTheExactSize()
{
    QFETCH(qint64, target);
    pbxvault::test::TestDir dir;
    const std::string path = dir.filePath(QStringLiteral("a.bak")).toStdString();
    ConfigFiles files{{"etc/sip.conf", "[201]\ntype=friend\n"}, {"db/dump.sql", "-- db\n"}};
    std::atomic<bool> stop{false};
    std::string error;
    QVERIFY2(writeBackupArchive(path, files, "{\"firmware\":\"4.9.4\"}\n", 1700000000,
                                std::uint64_t(target), stop, &error),
             error.c_str());
    const qint64 size = QFileInfo(QString::fromStdString(path)).size();
    if (target > 4000)
        QCOMPARE(size, target);
    else
        QVERIFY(size > 0 && (size >= target || target <= 4000));
    BackupContent content;
    QVERIFY2(readBackupArchive(path, &content, &error), error.c_str());
    QCOMPARE(content.files, files);
    QCOMPARE(content.manifestJson, std::string("{\"firmware\":\"4.9.4\"}\n"));
}

void TestPbxSimUnits::archiveRoundTrip()
{
    pbxvault::test::TestDir dir;
    const std::string path = dir.filePath(QStringLiteral("b.bak")).toStdString();
    std::atomic<bool> stop{false};
    std::string error;
    ConfigFiles files{{"etc/a.conf", std::string(100000, 'a')}, {"x/y/z.txt", ""}};
    QVERIFY(writeBackupArchive(path, files, "{}", 0, 0, stop, &error));
    BackupContent content;
    QVERIFY2(readBackupArchive(path, &content, &error), error.c_str());
    QCOMPARE(content.files, files);
    // A stop request aborts a padded write.
    stop = true;
    QVERIFY(!writeBackupArchive(path, files, "{}", 0, 50 << 20, stop, &error));
}

void TestPbxSimUnits::fleetFailingMembers()
{
    const auto failing = [](int count, double ratio) {
        QList<int> indexes;
        for (int i = 1; i <= count; ++i)
            if (fleetMemberFails(i, ratio))
                indexes << i;
        return indexes;
    };
    QCOMPARE(failing(20, 0.25), (QList<int>{4, 8, 12, 16, 20}));
    QCOMPARE(failing(20, 0), QList<int>());
    QCOMPARE(failing(5, 1).size(), 5);
    QCOMPARE(failing(1000, 0.1).size(), 100);
    QCOMPARE(failing(1000, 0.3).size(), 300);     // 0.3 is not exact in binary
    QCOMPARE(failing(10, 0.15), (QList<int>{7})); // floor(10 * 0.15) = 1
}

void TestPbxSimUnits::fleetPlan()
{
    Options options;
    options.fleet = 8;
    const std::vector<FleetMember> plan = planFleet(options, "seed");
    QCOMPARE(plan.size(), std::size_t(8));
    QCOMPARE(plan[0].name, std::string("pbx-0001"));
    QCOMPARE(plan[7].index, 8);
    QSet<QString> passwords, firmwares;
    for (const FleetMember &member : plan) {
        passwords << QString::fromStdString(member.password);
        firmwares << QString::fromStdString(member.firmware);
        QVERIFY(isValidFirmware(member.firmware));
    }
    QCOMPARE(passwords.size(), 8);
    QCOMPARE(firmwares.size(), int(fleetFirmwares().size()));
    // Derived from the seed: the same seed gives the same passwords, another seed others.
    QCOMPARE(planFleet(options, "seed")[3].password, plan[3].password);
    QVERIFY(planFleet(options, "other")[3].password != plan[3].password);

    options.firmware = "4.9.6";
    options.firmwareGiven = true;
    for (const FleetMember &member : planFleet(options, "seed"))
        QCOMPARE(member.firmware, std::string("4.9.6"));
}

void TestPbxSimUnits::fleetCertificates()
{
    std::string error;
    const auto a = FleetCertificate::generate("127.0.0.1", "pbx-0001.pbxsim", &error);
    const auto b = FleetCertificate::generate("localhost", "pbx-0002.pbxsim", &error);
    QVERIFY2(a && b, error.c_str());
    QCOMPARE(a->fingerprint().size(), std::size_t(64));
    QVERIFY(a->fingerprint() != b->fingerprint());
    QVERIFY(FleetCertificate::load("/nonexistent/cert.pem", "/nonexistent/key.pem", &error) ==
            nullptr);
    QVERIFY(!error.empty());
}

QTEST_GUILESS_MAIN(TestPbxSimUnits)
#include "tst_pbxsim_units.moc"
