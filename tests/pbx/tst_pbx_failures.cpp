// Every failure an operator can meet, provoked for real: pbxsim faults, a closed port, an
// unresolvable host, a full disk. Each checks the error kind and the message.
#include "PbxTestUtil.h"
#include "TestDirs.h"
#include "fakes/ManualClock.h"
#include "pbx/PbxClient.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

#define VERIFY_MESSAGE(call, text)                                                                 \
    QVERIFY2((call)->error().message.contains(QLatin1String(text)),                                \
             qPrintable((call)->error().message))

class CountingSink : public QIODevice
{
public:
    CountingSink() { open(QIODevice::WriteOnly); }
    qint64 writes = 0;
    qint64 bytes = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        ++writes;
        bytes += len;
        return len;
    }
};

} // namespace

class TestPbxFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        LogCapture::install();
        PbxSimOptions options = simOptions();
        options.backupSize = 1024 * 1024;
        options.restoreMs = 3000;
        m_sim = std::make_unique<PbxSim>(options);
        QVERIFY(startSim(*m_sim));
        m_salt = simSalt(*m_sim);
        PbxClient client(connectionTo(*m_sim));
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *create = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("big.bak"),
                                              QString(), &sink);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        m_size = create->bytes();
        QVERIFY(m_size >= 1024 * 1024);
    }

    void cleanup() { QVERIFY(m_sim->clearFaults()); }

    void wrongPassword()
    {
        PbxConnection c = connectionTo(*m_sim);
        c.password = QStringLiteral("not-the-password");
        PbxClient client(c);
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::AuthFailed);
        QCOMPARE(call->error().httpStatus, 401);
        QVERIFY(!call->error().isTransient());
        VERIFY_MESSAGE(call, "wrong user name, password or tenant");
        VERIFY_MESSAGE(call, "list the backups on 127.0.0.1:");
        QVERIFY(!call->error().message.contains(QLatin1String("not-the-password")));
    }

    // A PBX reinstalled at the same address has a new salt: the remembered one is refused
    // once, asked for again, and the call succeeds instead of blaming the password.
    void reinstalledPbxAtTheSameAddress()
    {
        PbxSim before(simOptions());
        QVERIFY(startSim(before));
        const quint16 port = before.port();
        const QString oldSalt = simSalt(before);
        {
            PbxClient client(connectionTo(before));
            PbxCall *call = client.fetchFirmware();
            QVERIFY(waitFinished(call));
            QVERIFY2(call->ok(), qPrintable(call->error().message));
        }
        before.stop();

        PbxSimOptions options = simOptions();
        options.port = port;
        PbxSim after(options);
        QVERIFY(startSim(after));
        QCOMPARE(after.port(), port);
        QVERIFY(simSalt(after) != oldSalt);
        const int retriesBefore = LogCapture::matching(QStringLiteral("remembered salt")).size();
        PbxClient client(connectionTo(after));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(LogCapture::matching(QStringLiteral("remembered salt")).size(), retriesBefore + 1);
        // The fresh salt is remembered: the next call needs no second try.
        PbxCall *again = client.fetchFirmware();
        QVERIFY(waitFinished(again));
        QVERIFY(again->ok());
        QCOMPARE(LogCapture::matching(QStringLiteral("remembered salt")).size(), retriesBefore + 1);
    }

    void clockSkewOfPbx()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("clock-offset=900")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::ClockSkew);
        QVERIFY2(qAbs(call->error().clockOffsetSeconds - 900) <= 5,
                 qPrintable(QString::number(call->error().clockOffsetSeconds)));
        VERIFY_MESSAGE(call, "15 minute(s) ahead of this computer's clock");
        VERIFY_MESSAGE(call, "read the firmware version of 127.0.0.1:");
    }

    void clockSkewOfThisComputer()
    {
        PbxClient client(connectionTo(*m_sim));
        const ManualClock fastClock(QDateTime::currentDateTimeUtc().addSecs(1200));
        client.setClock(fastClock);
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::ClockSkew);
        QVERIFY(qAbs(call->error().clockOffsetSeconds + 1200) <= 5);
        VERIFY_MESSAGE(call, "20 minute(s) behind");
    }

    void unknownHost()
    {
        PbxConnection c = connectionTo(*m_sim);
        c.baseUrl = QUrl(QStringLiteral("https://pbxvault-nonexistent.invalid"));
        PbxClient client(c);
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::HostNotFound);
        QVERIFY(call->error().isTransient());
        VERIFY_MESSAGE(call, "the host name pbxvault-nonexistent.invalid was not found");
    }

    void refusedPort()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        PbxConnection c = connectionTo(*m_sim);
        c.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
        PbxClient client(c);
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::ConnectionRefused);
        VERIFY_MESSAGE(call, "was refused");
        QVERIFY(call->error().message.contains(QString::number(port)));
    }

    void stalledServer()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=3000")));
        PbxClient client(connectionTo(*m_sim));
        client.setStallTimeout(500);
        QElapsedTimer elapsed;
        elapsed.start();
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::Timeout);
        QVERIFY2(elapsed.elapsed() < 2500, qPrintable(QString::number(elapsed.elapsed())));
        VERIFY_MESSAGE(call, "no data for 0.5 s");
    }

    // A create or restore the PBX has fully received may take longer than the stall timeout
    // before the first byte of the answer; only the server-work limit applies then.
    void serverWorkIsNotAStall()
    {
        PbxClient client(connectionTo(*m_sim));
        PbxCall *warm = client.fetchFirmware(); // caches the salt, which delay-ms would stall
        QVERIFY(waitFinished(warm));
        QVERIFY(warm->ok());
        QVERIFY(m_sim->addFault(QStringLiteral("delay-ms=1500")));
        client.setStallTimeout(500);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *create = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("slow.bak"),
                                              QString(), &sink);
        QVERIFY(waitFinished(create));
        QVERIFY2(create->ok(), qPrintable(create->error().message));

        client.setServerWorkTimeout(700);
        QBuffer sink2;
        sink2.open(QIODevice::WriteOnly);
        PbxCall *late = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("late.bak"),
                                            QString(), &sink2);
        QVERIFY(waitFinished(late));
        QCOMPARE(late->error().kind, PbxErrorKind::Timeout);
        VERIFY_MESSAGE(late, "did not answer within 0.7 s");
    }

    // The sim takes 3 s per restore, longer than this stall timeout: waiting for the PBX to
    // finish the restore it has fully received is not a stall.
    void slowRestoreIsNotAStall()
    {
        PbxClient client(connectionTo(*m_sim));
        client.setStallTimeout(1000);
        PbxCall *restore = client.restoreStoredBackup(QStringLiteral("big.bak"));
        QVERIFY(waitFinished(restore));
        QVERIFY2(restore->ok(), qPrintable(restore->error().message));

        TestDir dir;
        QFile file(dir.filePath(QStringLiteral("big.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        PbxCall *download = client.downloadBackup(QStringLiteral("big.bak"), &file);
        QVERIFY(waitFinished(download));
        QVERIFY(download->ok());
        file.close();
        PbxCall *uploadRestore =
            client.uploadAndRestore(file.fileName(), QStringLiteral("big.bak"));
        QSignalSpy progress(uploadRestore, &PbxCall::progress);
        QVERIFY(waitFinished(uploadRestore));
        QVERIFY2(uploadRestore->ok(), qPrintable(uploadRestore->error().message));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
    }

    void slowButProgressing()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("throttle=%1").arg(m_size / 3)));
        PbxClient client(connectionTo(*m_sim));
        client.setStallTimeout(1000);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QElapsedTimer elapsed;
        elapsed.start();
        PbxCall *call = client.downloadBackup(QStringLiteral("big.bak"), &sink);
        QSignalSpy progress(call, &PbxCall::progress);
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(call->bytes(), m_size);
        QVERIFY2(elapsed.elapsed() > 2000, qPrintable(QString::number(elapsed.elapsed())));
        // Batches of a slow download still move every 200 ms or so, not every 256 KiB.
        QVERIFY2(progress.size() >= 8, qPrintable(QString::number(progress.size())));
        qInfo("throttled download of %lld bytes took %lld ms", m_size, elapsed.elapsed());
    }

    // Qt passes a TLS download on in pieces of 4 KiB; the sink gets them in batches.
    void fastDownloadReachesTheSinkInBatches()
    {
        PbxClient client(connectionTo(*m_sim));
        CountingSink sink;
        PbxCall *call = client.downloadBackup(QStringLiteral("big.bak"), &sink);
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(sink.bytes, m_size);
        qInfo("%lld bytes reached the sink in %lld writes", sink.bytes, sink.writes);
        // 256 KiB batches make 4 or 5; taken as Qt hands them over, 80 or so (each as much as
        // had arrived when the event loop came round), up to 256.
        QVERIFY2(sink.writes <= 24, qPrintable(QString::number(sink.writes)));
    }

    void notFound()
    {
        PbxClient client(connectionTo(*m_sim));
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *call = client.downloadBackup(QStringLiteral("nope.bak"), &sink);
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::NotFound);
        QCOMPARE(call->error().httpStatus, 404);
        QVERIFY(!call->error().isTransient());
        VERIFY_MESSAGE(call, "there is no backup named nope.bak on the PBX");
        QCOMPARE(sink.size(), qint64(0)); // the error page never reaches the sink
    }

    void restoreBusyFault()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("restore-busy")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *call = client.restoreStoredBackup(QStringLiteral("big.bak"));
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::RestoreBusy);
        QCOMPARE(call->error().httpStatus, 503);
        QVERIFY(call->error().isTransient());
        VERIFY_MESSAGE(call, "a restore is already running on the PBX");
        VERIFY_MESSAGE(call, "restore backup big.bak on 127.0.0.1:");
    }

    void restoreBusyForReal()
    {
        PbxClient client(connectionTo(*m_sim));
        PbxCall *warm = client.fetchFirmware();
        QVERIFY(waitFinished(warm));
        PbxCall *first = client.restoreStoredBackup(QStringLiteral("big.bak"));
        QSignalSpy firstDone(first, &PbxCall::finished);
        TestDir dir;
        const QString path = dir.filePath(QStringLiteral("small.bak"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(1000, 'x'));
        file.close();
        // Waiting for the upload to be refused needs no sleep: the first restore takes 3 s.
        QTRY_VERIFY_WITH_TIMEOUT(m_sim->state().value(QLatin1String("restoring")).toBool(), 5000);
        PbxCall *second = client.uploadAndRestore(path, QStringLiteral("small.bak"));
        QVERIFY(waitFinished(second));
        QCOMPARE(second->error().kind, PbxErrorKind::RestoreBusy);
        VERIFY_MESSAGE(second, "a restore is already running on the PBX");
        QVERIFY(firstDone.wait(10000) || first->isFinished());
        QVERIFY2(first->ok(), qPrintable(first->error().message));
    }

    void serverError()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("status=500:^/rest/backup$")));
        PbxClient client(connectionTo(*m_sim));
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::ServerError);
        QVERIFY(call->error().isTransient());
        VERIFY_MESSAGE(call, "internal error (HTTP 500)");
    }

    void truncatedDownload()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("drop-after=100000")));
        PbxClient client(connectionTo(*m_sim));
        TestDir dir;
        QFile file(dir.filePath(QStringLiteral("partial.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        PbxCall *call = client.downloadBackup(QStringLiteral("big.bak"), &file);
        QVERIFY(waitFinished(call));
        file.close();
        QCOMPARE(call->error().kind, PbxErrorKind::Truncated);
        QVERIFY(call->error().isTransient());
        VERIFY_MESSAGE(call, "the transfer was interrupted after");
        QVERIFY(call->error().message.contains(QString::number(m_size)));
        QVERIFY2(file.size() < m_size, qPrintable(QString::number(file.size())));
        QVERIFY(call->sha256().isEmpty());
    }

    void truncatedCreate()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("drop-after=5000")));
        PbxClient client(connectionTo(*m_sim));
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *call = client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("cut.bak"),
                                            QString(), &sink);
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::Truncated);
        VERIFY_MESSAGE(call, "create a backup on 127.0.0.1:");
        QVERIFY(sink.size() < m_size);
    }

    void diskFull()
    {
        PbxClient client(connectionTo(*m_sim));
        QFile full(QStringLiteral("/dev/full"));
        if (!full.open(QIODevice::WriteOnly))
            QSKIP("no /dev/full here");
        PbxCall *call = client.downloadBackup(QStringLiteral("big.bak"), &full);
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, PbxErrorKind::WriteError);
        QVERIFY(!call->error().isTransient());
        VERIFY_MESSAGE(call, "No space left on device");
        VERIFY_MESSAGE(call, "could not be written");
    }

    void cancelMidDownload()
    {
        QVERIFY(m_sim->addFault(QStringLiteral("throttle=%1").arg(m_size / 4)));
        PbxClient client(connectionTo(*m_sim));
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        PbxCall *call = client.downloadBackup(QStringLiteral("big.bak"), &sink);
        QSignalSpy done(call, &PbxCall::finished);
        connect(call, &PbxCall::progress, call, [call](qint64 bytes) {
            if (bytes > 0)
                call->cancel();
        });
        QVERIFY(done.wait(10000));
        QCoreApplication::processEvents();
        QCOMPARE(done.count(), 1);
        QCOMPARE(call->error().kind, PbxErrorKind::Cancelled);
        QVERIFY(!call->error().isTransient());
        VERIFY_MESSAGE(call, "the operation was cancelled");
        VERIFY_MESSAGE(call, "download backup big.bak from 127.0.0.1:");
        QVERIFY(sink.size() > 0 && sink.size() < m_size);
    }

    void deletedClientEndsItsCalls()
    {
        auto *client = new PbxClient(connectionTo(*m_sim));
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QPointer<PbxCall> call = client->downloadBackup(QStringLiteral("big.bak"), &sink);
        QSignalSpy progress(call.data(), &PbxCall::progress);
        QVERIFY(progress.wait(10000));
        delete client;
        QVERIFY(call.isNull());
        QCoreApplication::processEvents();
    }

    void noSecretsInLogs() { checkNoSecrets(nullptr, m_salt); }

    void cleanupTestCase() { m_sim.reset(); }

private:
    std::unique_ptr<PbxSim> m_sim;
    QString m_salt;
    qint64 m_size = 0;
};

QTEST_GUILESS_MAIN(TestPbxFailures)
#include "tst_pbx_failures.moc"
