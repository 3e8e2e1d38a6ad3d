// Cancelling a diff: ArchiveMembers and ArchiveDiff stop at the cancel flag (before a member
// and in the middle of a large one) with no partial result; DiffTask reports on the creating
// thread, cancel() ends a running comparison, a new start() replaces the running one, and
// destroying a running task neither crashes nor leaves its thread behind.
#include "TestArchive.h"
#include "TestDirs.h"
#include "diff/DiffTask.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace pbxvault;
using namespace pbxvault::test;

Q_DECLARE_METATYPE(pbxvault::ArchiveComparison)

namespace {

// Bytes this process has read through read(2) so far (Linux), -1 elsewhere.
qint64 bytesRead()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

class TestDiffTask : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    QString m_small;
    QString m_smallChanged;
    QString m_large;
    static constexpr qint64 kLargeMember = qint64(384) << 20;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ArchiveComparison>();
        m_dir = std::make_unique<TestDir>();
        m_small = m_dir->filePath(QStringLiteral("small.tar.gz"));
        m_smallChanged = m_dir->filePath(QStringLiteral("small2.tar.gz"));
        QVERIFY(TestArchive::write(m_small, {{QStringLiteral("etc/a.conf"), "a\nb\n"},
                                             {QStringLiteral("etc/b.conf"), "x\n"}}));
        QVERIFY(TestArchive::write(m_smallChanged, {{QStringLiteral("etc/a.conf"), "a\nB\n"},
                                                    {QStringLiteral("etc/b.conf"), "x\n"}}));
        // One large incompressible member, stored (gzip level 0): reading it takes a while.
        m_large = m_dir->filePath(QStringLiteral("large.tar.gz"));
        TestArchive large(m_large, 0);
        QVERIFY(large.add(QStringLiteral("etc/first.conf"), "first\n"));
        QVERIFY(large.addStreamed(QStringLiteral("blob.bin"), kLargeMember,
                                  [](char *out, qint64 offset, qint64 n) {
                                      quint64 x = quint64(offset) * 0x9E3779B97F4A7C15ull + 1;
                                      for (qint64 i = 0; i < n; ++i) {
                                          x ^= x << 13;
                                          x ^= x >> 7;
                                          x ^= x << 17;
                                          out[i] = char(x);
                                      }
                                  }));
        QVERIFY2(large.close(), qPrintable(large.error()));
    }

    void raisedFlagStopsBeforeAnyMember()
    {
        std::atomic_bool cancel{true};
        ArchiveMembers members(m_small);
        members.setCancelFlag(&cancel);
        int seen = 0;
        QVERIFY(!members.read([&](const MemberDigest &, const QByteArray &) { ++seen; }));
        QCOMPARE(members.failure(), ArchiveMembers::Failure::Cancelled);
        QCOMPARE(seen, 0);

        ArchiveDiff diff(m_small, m_smallChanged);
        diff.setCancelFlag(&cancel);
        ArchiveComparison result;
        result.members.resize(3); // whatever was there goes: no partial result
        QVERIFY(!diff.compare(&result));
        QCOMPARE(diff.failure(), ArchiveMembers::Failure::Cancelled);
        QVERIFY(result.members.isEmpty());
        QVERIFY(!diff.errorString().isEmpty());
    }

    void flagRaisedBetweenMembers()
    {
        std::atomic_bool cancel{false};
        ArchiveMembers members(m_large);
        members.setCancelFlag(&cancel);
        QStringList seen;
        QVERIFY(!members.read([&](const MemberDigest &d, const QByteArray &) {
            seen << d.name;
            cancel = true;
        }));
        QCOMPARE(members.failure(), ArchiveMembers::Failure::Cancelled);
        QCOMPARE(seen, QStringList{QStringLiteral("etc/first.conf")});
    }

    void taskReportsResult()
    {
        DiffTask task;
        QSignalSpy finished(&task, &DiffTask::finished);
        QSignalSpy failed(&task, &DiffTask::failed);
        QThread *receivedOn = nullptr;
        connect(&task, &DiffTask::finished, this, [&] { receivedOn = QThread::currentThread(); });
        task.start(m_small, m_smallChanged);
        QVERIFY(task.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(!task.isRunning());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(receivedOn, QThread::currentThread());
        const auto result = finished.first().first().value<ArchiveComparison>();
        QCOMPARE(result.changeCount(), 1);
        QCOMPARE(result.members.first().name, QStringLiteral("etc/a.conf"));

        task.start(m_small, m_dir->filePath(QStringLiteral("gone.tar.gz")));
        QVERIFY(failed.wait(60000));
        QCOMPARE(task.failure(), ArchiveMembers::Failure::Missing);
        QCOMPARE(task.failedSide(), ArchiveDiff::Side::New);
        QCOMPARE(finished.count(), 1);
    }

    // Cancelled while the large member streams by: the read stops inside it, far from its end.
    void cancelInsideLargeMember()
    {
        const qint64 before = bytesRead();
        if (before < 0)
            QSKIP("/proc/self/io is not available");
        DiffTask task;
        QSignalSpy finished(&task, &DiffTask::finished);
        QSignalSpy failed(&task, &DiffTask::failed);
        task.start(m_large, m_small);
        // Inside blob.bin once a few MiB of the archive have been read.
        QTRY_VERIFY_WITH_TIMEOUT(bytesRead() - before > (qint64(4) << 20) || !task.isRunning(),
                                 60000);
        QVERIFY2(task.isRunning(), "the comparison ended before it could be cancelled");
        task.cancel();
        QVERIFY(failed.wait(60000));
        QCOMPARE(task.failure(), ArchiveMembers::Failure::Cancelled);
        QCOMPARE(finished.count(), 0);
        const qint64 read = bytesRead() - before;
        qInfo("read %lld MiB of a %lld MiB member before stopping", read >> 20, kLargeMember >> 20);
        QVERIFY2(read < kLargeMember * 3 / 4, qPrintable(QString::number(read)));

        // The task is usable again.
        task.start(m_small, m_smallChanged);
        QVERIFY(finished.wait(60000));
    }

    void newStartReplacesRunning()
    {
        DiffTask task;
        QSignalSpy finished(&task, &DiffTask::finished);
        QSignalSpy failed(&task, &DiffTask::failed);
        task.start(m_large, m_small);
        task.start(m_small, m_smallChanged);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().value<ArchiveComparison>().changeCount(), 1);
        QCOMPARE(failed.count(), 0); // the replaced run does not report
        QTest::qWait(0);
        QCOMPARE(finished.count(), 1);
    }

    void destroyedWhileRunning()
    {
        QElapsedTimer timer;
        timer.start();
        {
            auto task = std::make_unique<DiffTask>();
            QSignalSpy finished(task.get(), &DiffTask::finished);
            task->start(m_large, m_large);
            QVERIFY(task->isRunning());
            task.reset(); // cancels and waits for its worker
            QCOMPARE(finished.count(), 0);
        }
        QCoreApplication::processEvents();
        qInfo("destroyed a running task in %lld ms", timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestDiffTask)
#include "tst_diff_task.moc"
