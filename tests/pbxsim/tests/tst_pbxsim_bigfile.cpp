// pbxsim with 1 GiB backups: create, download and upload stream from and to disk on both sides,
// and pbxsim's peak RSS stays under 64 MiB. Prints the measured figures.
#include "KalliopeClient.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

using pbxsim::test::KalliopeClient;
using pbxvault::test::PbxSim;
using pbxvault::test::TestDir;

namespace {

// PBXSIM_BIGFILE_BYTES overrides the size for quick local runs; CTest uses 1 GiB.
const qint64 OneGiB = qEnvironmentVariableIsSet("PBXSIM_BIGFILE_BYTES")
                          ? qEnvironmentVariable("PBXSIM_BIGFILE_BYTES").toLongLong()
                          : qint64(1) << 30;
constexpr qint64 LimitKiB = 64 * 1024;

qint64 ownPeakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).simplified().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray wrappedCreateBody(const QString &name)
{
    return QStringLiteral(R"({"backup":{"filename":"%1","comment":"1 GiB"}})").arg(name).toUtf8();
}

} // namespace

class TestPbxSimBigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripOfOneGiB();
};

void TestPbxSimBigFile::roundTripOfOneGiB()
{
    TestDir dir;
    QVERIFY(dir.isValid());
    PbxSim::Options options;
    options.backupSize = OneGiB;
    options.restoreMs = 100;
    PbxSim sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    KalliopeClient client(sim.url(), sim.fingerprint());
    client.setTimeoutMs(600000);

    const QString created = dir.filePath(QStringLiteral("created.bak"));
    const QString downloaded = dir.filePath(QStringLiteral("downloaded.bak"));
    QElapsedTimer timer;

    // 1. Create: pbxsim writes 1 GiB to its disk and streams it back as the response.
    timer.start();
    const auto create = client.requestToFile("POST", QStringLiteral("/rest/backup/create/4.9.4"),
                                             wrappedCreateBody(QStringLiteral("big.bak")),
                                             "application/json", created);
    const qint64 createMs = timer.elapsed();
    QCOMPARE(create.status, 200);
    QCOMPARE(create.bytes, OneGiB);
    QCOMPARE(QFileInfo(created).size(), OneGiB);
    const qint64 afterCreate = sim.peakRssKiB();
    const qint64 ownAfterCreate = ownPeakRssKiB();

    // 2. Download the stored copy: the same bytes.
    timer.restart();
    const auto download =
        client.requestToFile("GET", QStringLiteral("/rest/backup/big.bak"), {}, {}, downloaded);
    const qint64 downloadMs = timer.elapsed();
    QCOMPARE(download.status, 200);
    QCOMPARE(download.bytes, OneGiB);
    QCOMPARE(download.sha256, create.sha256);
    QVERIFY(QFile::remove(downloaded));
    const qint64 afterDownload = sim.peakRssKiB();
    const qint64 ownAfterDownload = ownPeakRssKiB();

    // 3. Upload it back (multipart, streamed from the file).
    timer.restart();
    const auto upload =
        client.upload(QStringLiteral("/rest/backup"), created, QStringLiteral("uploaded.bak"));
    const qint64 uploadMs = timer.elapsed();
    QCOMPARE(upload.status, 200);
    QCOMPARE(sim.state()
                 .value(QStringLiteral("backup_sizes"))
                 .toObject()
                 .value(QStringLiteral("uploaded.bak"))
                 .toInteger(),
             OneGiB);
    QVERIFY(QFile::remove(created));
    const qint64 afterUpload = sim.peakRssKiB();

    // 4. Restore it: reading the configuration back skips the padding without holding it.
    QVERIFY(sim.mutate());
    timer.restart();
    QCOMPARE(client.request("POST", QStringLiteral("/rest/backup/uploaded.bak/restore")).status,
             200);
    const qint64 restoreMs = timer.elapsed();
    const qint64 peak = sim.peakRssKiB();

    // Free the disk before anything can fail below.
    QCOMPARE(client.request("DELETE", QStringLiteral("/rest/backup/big.bak")).status, 200);
    QCOMPARE(client.request("DELETE", QStringLiteral("/rest/backup/uploaded.bak")).status, 200);

    qInfo("pbxsim 1 GiB over %s: create+download %.1f s, download %.1f s, upload %.1f s, "
          "restore %.1f s",
          qPrintable(sim.url().scheme()), createMs / 1000.0, downloadMs / 1000.0, uploadMs / 1000.0,
          restoreMs / 1000.0);
    qInfo("pbxsim peak RSS (VmHWM): after create %lld KiB, after download %lld KiB, after "
          "upload %lld KiB, after restore %lld KiB = %.1f MiB (limit 64 MiB)",
          afterCreate, afterDownload, afterUpload, peak, peak / 1024.0);
    qInfo("test process peak RSS: after create %lld KiB, after download %lld KiB, at the end "
          "%lld KiB",
          ownAfterCreate, ownAfterDownload, ownPeakRssKiB());

    QVERIFY(peak > 0);
    QVERIFY2(peak < LimitKiB, qPrintable(QStringLiteral("pbxsim peak RSS %1 KiB").arg(peak)));
    // The test side streams to and from disk too, with a bounded read buffer, so a disk
    // slower than loopback cannot make the answer pile up in this process.
    QVERIFY2(ownPeakRssKiB() < 2 * LimitKiB, qPrintable(QString::number(ownPeakRssKiB())));
}

QTEST_GUILESS_MAIN(TestPbxSimBigFile)
#include "tst_pbxsim_bigfile.moc"
