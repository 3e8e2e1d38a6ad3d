// Memory does not grow with the backup: a 256 MiB backup is created, downloaded and uploaded
// through the client while the test process's peak RSS is watched.
#include "PbxTestUtil.h"
#include "TestDirs.h"
#include "pbx/PbxClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTest>
#include <QThread>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

constexpr qint64 kBackupSize = 256LL * 1024 * 1024;
constexpr qint64 kMaxGrowthKiB = 64 * 1024;

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).simplified().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A disk slower than the network: every MiB written costs 10 ms (about 100 MiB/s). The
// client must then stop reading the socket instead of queueing the answer in memory.
class SlowSink : public QIODevice
{
public:
    SlowSink() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        m_pending += len;
        if (m_pending >= kMiB) {
            QThread::msleep(10 * (m_pending / kMiB));
            m_pending %= kMiB;
        }
        return len;
    }

private:
    static constexpr qint64 kMiB = 1024 * 1024;
    qint64 m_pending = 0;
};

// Resets VmHWM to the current RSS (Linux 4.0+), so the next peak belongs to what follows.
bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace

class TestPbxMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        LogCapture::install();
        QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.*.debug=false"));
        PbxSimOptions options = simOptions();
        options.backupSize = kBackupSize;
        m_sim = std::make_unique<PbxSim>(options);
        QVERIFY(startSim(*m_sim));
        if (!resetPeak())
            QSKIP("cannot reset the peak RSS (/proc/self/clear_refs)");
    }

    void createDownloadUpload()
    {
        PbxClient client(connectionTo(*m_sim));
        TestDir dir;

        QFile devNull(QStringLiteral("/dev/null"));
        QVERIFY(devNull.open(QIODevice::WriteOnly));
        qint64 growth = 0;
        qint64 ms = 0;
        PbxCall *create =
            measure(client.createBackup(QStringLiteral("4.9.4"), QStringLiteral("huge.bak"),
                                        QString(), &devNull),
                    &growth, &ms);
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        QVERIFY(create->bytes() >= kBackupSize);
        QVERIFY(report("create", create->bytes(), growth, ms));

        QFile file(dir.filePath(QStringLiteral("huge.bak")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        PbxCall *download =
            measure(client.downloadBackup(QStringLiteral("huge.bak"), &file), &growth, &ms);
        file.close();
        QVERIFY2(download->ok(), qPrintable(download->error().message));
        QCOMPARE(download->sha256(), create->sha256());
        QCOMPARE(file.size(), create->bytes());
        QVERIFY(report("download", download->bytes(), growth, ms));

        PbxCall *upload = measure(client.uploadBackup(file.fileName(), QStringLiteral("huge2.bak")),
                                  &growth, &ms);
        QVERIFY2(upload->ok(), qPrintable(upload->error().message));
        QVERIFY(upload->bytes() >= create->bytes());
        QVERIFY(report("upload", upload->bytes(), growth, ms));
    }

    void createIntoSlowDisk()
    {
        PbxClient client(connectionTo(*m_sim));
        SlowSink sink;
        qint64 growth = 0;
        qint64 ms = 0;
        PbxCall *create = measure(client.createBackup(QStringLiteral("4.9.4"),
                                                      QStringLiteral("slow.bak"), QString(), &sink),
                                  &growth, &ms);
        QVERIFY2(create->ok(), qPrintable(create->error().message));
        QVERIFY(create->bytes() >= kBackupSize);
        QVERIFY(report("create into a slow disk", create->bytes(), growth, ms));
    }

    void cleanupTestCase() { m_sim.reset(); }

private:
    PbxCall *measure(PbxCall *call, qint64 *growthKiB, qint64 *ms)
    {
        // The peak is reset first and the baseline read after, so memory freed in between
        // cannot make the growth negative.
        resetPeak();
        const qint64 before = statusKiB("VmRSS:");
        QElapsedTimer timer;
        timer.start();
        const bool done = waitFinished(call, 600000);
        *ms = timer.elapsed();
        const qint64 peak = statusKiB("VmHWM:");
        *growthKiB = (before < 0 || peak < 0) ? -1 : qMax<qint64>(0, peak - before);
        if (!done)
            qWarning("call did not finish");
        return call;
    }

    static bool report(const char *what, qint64 bytes, qint64 growthKiB, qint64 ms)
    {
        qInfo("%s: %lld MiB in %lld ms (%.1f MiB/s), peak RSS growth %lld KiB (limit %lld KiB)",
              what, bytes >> 20, ms, ms > 0 ? (bytes / 1048576.0) / (ms / 1000.0) : 0.0, growthKiB,
              kMaxGrowthKiB);
        return growthKiB >= 0 && growthKiB < kMaxGrowthKiB;
    }

    std::unique_ptr<PbxSim> m_sim;
};

QTEST_GUILESS_MAIN(TestPbxMemory)
#include "tst_pbx_memory.moc"
