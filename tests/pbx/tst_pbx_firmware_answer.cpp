// PbxClient against a pbxsim that spells the firmware version either way the vendor's PBXs do:
// bare text (4.9.4) or a JSON string ("4.9.4"). fetchFirmware must yield the plain version and
// createBackup must then succeed with it, whatever the body shape the firmware asks for.
#include "PbxTestUtil.h"
#include "TestDirs.h"
#include "pbx/PbxClient.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestPbxFirmwareAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { LogCapture::install(); }

    void fetchThenCreate_data()
    {
        QTest::addColumn<QString>("answer"); // pbxsim --firmware-answer
        QTest::addColumn<QString>("firmware");
        QTest::newRow("text, 4.9.4") << QStringLiteral("text") << QStringLiteral("4.9.4");
        QTest::newRow("json, 4.9.4") << QStringLiteral("json") << QStringLiteral("4.9.4");
        // Older firmware wants the create body without the "backup" wrapper.
        QTest::newRow("text, 4.9.3") << QStringLiteral("text") << QStringLiteral("4.9.3");
        QTest::newRow("json, 4.9.3") << QStringLiteral("json") << QStringLiteral("4.9.3");
    }

    void fetchThenCreate()
    {
        QFETCH(QString, answer);
        QFETCH(QString, firmware);
        PbxSimOptions options = simOptions();
        options.firmwareAnswer = answer;
        options.firmware = firmware;
        PbxSim sim(options);
        QVERIFY(startSim(sim));
        // The sim really answers in the mode under test.
        QCOMPARE(sim.state().value(QLatin1String("firmware_answer")).toString(), answer);

        PbxClient client(connectionTo(sim));
        PbxCall *fetch = client.fetchFirmware();
        QVERIFY(waitFinished(fetch));
        QVERIFY2(fetch->ok(), qPrintable(fetch->error().message));
        QCOMPARE(fetch->firmware(), firmware);

        TestDir dir;
        QFile file(dir.filePath(QStringLiteral("created.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QString name = QStringLiteral("fw_answer_%1.bak").arg(answer);
        PbxCall *create = client.createBackup(
            fetch->firmware(), name, QStringLiteral("firmware answered as %1").arg(answer), &file);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        file.close();

        QVERIFY(create->bytes() > 0);
        QCOMPARE(file.size(), create->bytes());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString why;
        QVERIFY2(isValidGzip(file.readAll(), &why), qPrintable(why));
        QCOMPARE(create->sha256(), sha256OfFile(file.fileName()));
        QCOMPARE(sim.state().value(QLatin1String("backups")).toArray(), QJsonArray{name});
        checkNoSecrets(create, simSalt(sim));
    }
};

QTEST_GUILESS_MAIN(TestPbxFirmwareAnswer)
#include "tst_pbx_firmware_answer.moc"
