// Every call of the KalliopePBX backup API against a real pbxsim over HTTPS (pinned).
#include "PbxTestUtil.h"
#include "TestDirs.h"
#include "pbx/PbxClient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestPbxCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        LogCapture::install();
        m_sim = std::make_unique<PbxSim>(simOptions());
        QVERIFY(startSim(*m_sim));
        m_salt = simSalt(*m_sim);
        QVERIFY(!m_salt.isEmpty());
    }

    void firmware()
    {
        PbxClient client(connectionTo(*m_sim));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(call->firmware(), QStringLiteral("4.9.4"));
        QCOMPARE(call->peerFingerprint(), m_sim->fingerprint());
        QVERIFY(call->serverDate().isValid());
        QVERIFY(qAbs(call->serverDate().secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void firmwarePlainText()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("firmware-plain")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QVERIFY(m_sim->clearFaults());
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(call->firmware(), QStringLiteral("4.9.4"));
    }

    void createListDownloadDelete()
    {
        PbxClient client(connectionTo(*m_sim));
        TestDir dir;
        QFile file(dir.filePath(QStringLiteral("created.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        PbxCall *create =
            client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("vault_test_1.bak"),
                                QStringLiteral("from the test"), &file);
        QSignalSpy progress(create, &PbxCall::progress);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        file.close();
        QVERIFY(create->bytes() > 0);
        QCOMPARE(file.size(), create->bytes());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), create->bytes());
        QCOMPARE(create->sha256(), sha256OfFile(file.fileName()));
        QCOMPARE(create->peerFingerprint(), m_sim->fingerprint());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString why;
        QVERIFY2(isValidGzip(file.readAll(), &why), qPrintable(why));
        file.close();

        PbxCall *list = client.listBackups();
        QVERIFY(waitFinished(list));
        QVERIFY2(list->ok(), qPrintable(list->error().message));
        QVERIFY2(list->names().contains(QStringLiteral("vault_test_1.bak")),
                 qPrintable(list->names().join(QLatin1Char(','))));

        QFile copy(dir.filePath(QStringLiteral("downloaded.bak")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        PbxCall *download = client.downloadBackup(QStringLiteral("vault_test_1.bak"), &copy);
        QSignalSpy downloadProgress(download, &PbxCall::progress);
        QVERIFY(waitFinished(download));
        QVERIFY2(download->ok(), qPrintable(download->error().message));
        copy.close();
        QCOMPARE(download->sha256(), create->sha256());
        QCOMPARE(sha256OfFile(copy.fileName()), create->sha256());
        QCOMPARE(download->bytes(), create->bytes());
        QVERIFY(!downloadProgress.isEmpty());
        QCOMPARE(downloadProgress.last().at(1).toLongLong(), create->bytes()); // Content-Length

        PbxCall *remove = client.deleteBackup(QStringLiteral("vault_test_1.bak"));
        QVERIFY(waitFinished(remove));
        QVERIFY2(remove->ok(), qPrintable(remove->error().message));
        PbxCall *again = client.listBackups();
        QVERIFY(waitFinished(again));
        QVERIFY(again->ok());
        QVERIFY(!again->names().contains(QStringLiteral("vault_test_1.bak")));

        PbxCall *removeAgain = client.deleteBackup(QStringLiteral("vault_test_1.bak"));
        QVERIFY(waitFinished(removeAgain));
        QCOMPARE(removeAgain->error().kind, PbxErrorKind::NotFound);
        QCOMPARE(removeAgain->error().httpStatus, 404);
        QVERIFY2(removeAgain->error().message.contains(
                     QLatin1String("there is no backup named vault_test_1.bak")),
                 qPrintable(removeAgain->error().message));
        QVERIFY(removeAgain->error().message.contains(QLatin1String("127.0.0.1")));
    }

    void restoreStored()
    {
        PbxClient client(connectionTo(*m_sim));
        const QString before = configSha();
        QVERIFY(!before.isEmpty());
        QVERIFY(create(client, QStringLiteral("vault_restore.bak")));
        QVERIFY(m_sim->mutate());
        QVERIFY(configSha() != before);

        PbxCall *restore = client.restoreStoredBackup(QStringLiteral("vault_restore.bak"));
        QVERIFY(waitFinished(restore));
        QVERIFY2(restore->ok(), qPrintable(restore->error().message));
        QCOMPARE(configSha(), before);
    }

    void uploadThenRestoreStored()
    {
        PbxClient client(connectionTo(*m_sim));
        TestDir dir;
        const QString path = dir.filePath(QStringLiteral("local.bak"));
        const QString sha = configSha();
        QVERIFY(create(client, QStringLiteral("vault_source.bak"), path));
        QVERIFY(m_sim->mutate());

        PbxCall *upload = client.uploadBackup(path, QStringLiteral("vault_uploaded.bak"));
        QSignalSpy progress(upload, &PbxCall::progress);
        QVERIFY(waitFinished(upload));
        QVERIFY2(upload->ok(), qPrintable(upload->error().message));
        QVERIFY(upload->bytes() >= QFileInfo(path).size());
        QVERIFY(!progress.isEmpty());

        PbxCall *list = client.listBackups();
        QVERIFY(waitFinished(list));
        QVERIFY(list->names().contains(QStringLiteral("vault_uploaded.bak")));

        QFile back(dir.filePath(QStringLiteral("back.bak")));
        QVERIFY(back.open(QIODevice::WriteOnly));
        PbxCall *download = client.downloadBackup(QStringLiteral("vault_uploaded.bak"), &back);
        QVERIFY(waitFinished(download));
        QVERIFY(download->ok());
        QCOMPARE(download->sha256(), sha256OfFile(path));

        PbxCall *restore = client.restoreStoredBackup(QStringLiteral("vault_uploaded.bak"));
        QVERIFY(waitFinished(restore));
        QVERIFY2(restore->ok(), qPrintable(restore->error().message));
        QCOMPARE(configSha(), sha);
    }

    // The vendor's multi-PBX use: a backup of PBX A uploaded and restored onto PBX B.
    void uploadAndRestoreOnAnotherPbx()
    {
        PbxClient a(connectionTo(*m_sim));
        TestDir dir;
        const QString path = dir.filePath(QStringLiteral("from_a.bak"));
        QVERIFY(create(a, QStringLiteral("vault_for_b.bak"), path));
        const QString shaA = configSha();

        PbxSim simB(simOptions());
        QVERIFY(startSim(simB));
        QVERIFY(simB.mutate());
        QVERIFY(simB.state().value(QLatin1String("config_sha256")).toString() != shaA);
        PbxClient b(connectionTo(simB));
        PbxCall *call = b.uploadAndRestore(path, QStringLiteral("vault_for_b.bak"));
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(simB.state().value(QLatin1String("config_sha256")).toString(), shaA);
        QCOMPARE(call->peerFingerprint(), simB.fingerprint());
    }

    void oldFirmwareBodyShape()
    {
        PbxSimOptions options = simOptions();
        options.firmware = QStringLiteral("4.9.3");
        PbxSim old(options);
        QVERIFY(startSim(old));
        PbxClient client(connectionTo(old));
        PbxCall *firmware = client.fetchFirmware();
        QVERIFY(waitFinished(firmware));
        QCOMPARE(firmware->firmware(), QStringLiteral("4.9.3"));

        TestDir dir;
        QFile file(dir.filePath(QStringLiteral("old.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        PbxCall *create = client.createBackup(firmware->firmware(), QStringLiteral("old_fw.bak"),
                                              QStringLiteral("old firmware"), &file);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        QVERIFY(create->bytes() > 0);

        // A create for firmware the PBX does not run is refused, with the PBX's reason.
        QFile wrong(dir.filePath(QStringLiteral("wrong.bak")));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        PbxCall *wrapped = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("w.bak"),
                                               QString(), &wrong);
        QVERIFY(waitFinished(wrapped));
        QCOMPARE(wrapped->error().kind, PbxErrorKind::BadRequest);
        QCOMPARE(wrapped->error().httpStatus, 400);
        QVERIFY2(wrapped->error().message.contains(QLatin1String("the PBX says:")),
                 qPrintable(wrapped->error().message));
        QCOMPARE(wrong.size(), qint64(0));
    }

    void hostileNames()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("hostile-names")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *list = client.listBackups();
        QVERIFY(waitFinished(list));
        QVERIFY(m_sim->clearFaults());
        QVERIFY2(list->ok(), qPrintable(list->error().message));
        const QStringList names = list->names();
        bool separator = false;
        bool dotDot = false;
        bool control = false;
        for (const QString &n : names) {
            separator = separator || n.contains(QLatin1Char('/')) || n.contains(QLatin1Char('\\'));
            dotDot = dotDot || n.contains(QLatin1String(".."));
            for (const QChar c : n)
                control = control || c.unicode() < 0x20;
        }
        QVERIFY2(separator && dotDot && control, qPrintable(names.join(QLatin1String(" | "))));
    }

    void garbageList()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("garbage-list")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *list = client.listBackups();
        QVERIFY(waitFinished(list));
        QVERIFY(m_sim->clearFaults());
        QCOMPARE(list->error().kind, PbxErrorKind::Protocol);
        QVERIFY2(list->error().message.contains(QLatin1String("not a list of backup names")),
                 qPrintable(list->error().message));
        QVERIFY(list->error().message.contains(QLatin1String("list the backups on 127.0.0.1")));
    }

    void noSecretsInLogs()
    {
        QVERIFY(!LogCapture::matching(QStringLiteral("pbxvault.pbx")).isEmpty());
        checkNoSecrets(nullptr, m_salt);
    }

    void cleanupTestCase() { m_sim.reset(); }

private:
    QString configSha() { return m_sim->state().value(QLatin1String("config_sha256")).toString(); }

    bool create(PbxClient &client, const QString &name, const QString &path = QString())
    {
        TestDir dir;
        QFile file(path.isEmpty() ? dir.filePath(name) : path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        PbxCall *call = client.createBackup(QStringLiteral("4.9.4"), name, QString(), &file);
        const bool done = waitFinished(call) && call->ok();
        if (!done)
            qWarning("create failed: %s", qPrintable(call->error().message));
        return done;
    }

    std::unique_ptr<PbxSim> m_sim;
    QString m_salt;
};

QTEST_GUILESS_MAIN(TestPbxCalls)
#include "tst_pbx_calls.moc"
