// FolderTarget on the local disk: a verified copy under the final name only, nothing replaced,
// tampering found, clear refusals for hostile names and unusable folders, and cancelled or
// failed copies that leave neither the final name nor a temporary file behind.
#include "OffsiteTestFiles.h"
#include "TestDirs.h"
#include "offsite/FolderTarget.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

using namespace pbxvault;
using pbxvault::test::TestDir;

namespace {

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestFolderTarget : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void putVerifyListGetRemove();
    void identicalExistingCopyIsSuccess();
    void differentExistingFileIsLeftAlone();
    void tamperedCopyFailsVerification();
    void staleTemporaryFilesAreRemoved();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void missingFolderIsNotFound();
    void unwritableFolderIsPermissionDenied();
    void cancelledPutLeavesNothing();
    void fileSizeLimitIsNoSpace();

private:
    std::unique_ptr<TestDir> m_local;
    std::unique_ptr<TestDir> m_remote;
    QString m_source;
    QString m_sourceSha;
    static constexpr qint64 SourceSize = 3 * 1024 * 1024 + 17;
};

void TestFolderTarget::init()
{
    m_local = std::make_unique<TestDir>();
    m_remote = std::make_unique<TestDir>();
    QVERIFY(m_local->isValid() && m_remote->isValid());
    m_source = m_local->filePath(QStringLiteral("backup.tar.gz"));
    m_sourceSha = test::writeRandomFile(m_source, SourceSize);
    QVERIFY(!m_sourceSha.isEmpty());
}

void TestFolderTarget::cleanup()
{
    m_local.reset();
    m_remote.reset();
}

void TestFolderTarget::putVerifyListGetRemove()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("pbx1-2025-01-01.tar.gz");
    QList<QPair<qint64, qint64>> steps;
    const CopyResult put = target.put(m_source, name, [&](qint64 done, qint64 total) {
        steps.append({done, total});
    });
    QVERIFY2(put.ok(), qPrintable(put.message));
    QCOMPARE(put.size, SourceSize);
    QCOMPARE(put.sha256, m_sourceSha);
    // Upload then read-back, as one range of twice the size.
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last(), qMakePair(2 * SourceSize, 2 * SourceSize));
    QVERIFY(test::sameContent(m_source, m_remote->filePath(name)));
    QCOMPARE(entriesOf(m_remote->path()), QStringList{name}); // no temporary file left

    QList<RemoteFile> files;
    QVERIFY(target.list(&files).ok());
    QCOMPARE(files, (QList<RemoteFile>{{name, SourceSize}}));

    const CopyResult verified = target.verify(name, SourceSize, m_sourceSha);
    QVERIFY2(verified.ok(), qPrintable(verified.message));

    const QString fetched = m_local->filePath(QStringLiteral("fetched.tar.gz"));
    qint64 lastDone = 0;
    const CopyResult got = target.get(
        name, fetched, [&](qint64 done, qint64) { lastDone = done; }, nullptr, SourceSize,
        m_sourceSha);
    QVERIFY2(got.ok(), qPrintable(got.message));
    QCOMPARE(lastDone, SourceSize);
    QVERIFY(test::sameContent(m_source, fetched));

    // A copy with the wrong expected checksum is refused and the local file left as it was.
    QFile::remove(fetched);
    const CopyResult refused =
        target.get(name, fetched, {}, nullptr, SourceSize, QString(64, QLatin1Char('0')));
    QCOMPARE(refused.kind, CopyErrorKind::Mismatch);
    QVERIFY(!QFile::exists(fetched));
    QCOMPARE(entriesOf(m_local->path()), QStringList{QStringLiteral("backup.tar.gz")});

    QVERIFY(target.remove(name).ok());
    QVERIFY(entriesOf(m_remote->path()).isEmpty());
    QCOMPARE(target.remove(name).kind, CopyErrorKind::NotFound);
    RemoteFile info;
    QCOMPARE(target.stat(name, &info).kind, CopyErrorKind::NotFound);
    QCOMPARE(target.verify(name, SourceSize, m_sourceSha).kind, CopyErrorKind::NotFound);
    QCOMPARE(target.get(name, fetched).kind, CopyErrorKind::NotFound);
}

void TestFolderTarget::identicalExistingCopyIsSuccess()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("same.tar.gz");
    QVERIFY(target.put(m_source, name).ok());
    const CopyResult again = target.put(m_source, name);
    QVERIFY2(again.ok(), qPrintable(again.message));
    QCOMPARE(again.sha256, m_sourceSha);
    QCOMPARE(entriesOf(m_remote->path()), QStringList{name});
}

void TestFolderTarget::differentExistingFileIsLeftAlone()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("taken.tar.gz");
    const QString other = m_remote->filePath(name);
    const QString otherSha = test::writeRandomFile(other, SourceSize, 99);
    const CopyResult put = target.put(m_source, name);
    QCOMPARE(put.kind, CopyErrorKind::Mismatch);
    QVERIFY2(put.message.contains(name) && put.message.contains(m_remote->path()),
             qPrintable(put.message));
    QCOMPARE(test::sha256OfFile(other), otherSha);
    QCOMPARE(entriesOf(m_remote->path()), QStringList{name});
}

void TestFolderTarget::tamperedCopyFailsVerification()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("tampered.tar.gz");
    QVERIFY(target.put(m_source, name).ok());
    {
        QFile copy(m_remote->filePath(name));
        QVERIFY(copy.open(QIODevice::ReadWrite));
        QVERIFY(copy.seek(SourceSize / 2));
        char byte = 0;
        QVERIFY(copy.getChar(&byte));
        QVERIFY(copy.seek(SourceSize / 2));
        QVERIFY(copy.putChar(char(byte ^ 0x01)));
    }
    const CopyResult flipped = target.verify(name, SourceSize, m_sourceSha);
    QCOMPARE(flipped.kind, CopyErrorKind::Mismatch);
    QVERIFY(flipped.message.contains(QLatin1String("SHA-256")));
    QVERIFY(flipped.sha256 != m_sourceSha);

    QVERIFY(QFile::resize(m_remote->filePath(name), SourceSize - 1));
    const CopyResult truncated = target.verify(name, SourceSize, m_sourceSha);
    QCOMPARE(truncated.kind, CopyErrorKind::Mismatch);
    QVERIFY2(truncated.message.contains(QString::number(SourceSize - 1)),
             qPrintable(truncated.message));
    // A damaged copy under the name blocks a new put: it is never overwritten.
    QCOMPARE(target.put(m_source, name).kind, CopyErrorKind::Mismatch);
}

void TestFolderTarget::staleTemporaryFilesAreRemoved()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("crashed.tar.gz");
    const QString stale = QStringLiteral(".crashed.tar.gz.part-00000000deadbeef");
    const QString otherStale = QStringLiteral(".other.tar.gz.part-00000000deadbeef");
    QVERIFY(!test::writeRandomFile(m_remote->filePath(stale), 1000).isEmpty());
    QVERIFY(!test::writeRandomFile(m_remote->filePath(otherStale), 1000).isEmpty());
    QList<RemoteFile> files;
    QVERIFY(target.list(&files).ok());
    QVERIFY(files.isEmpty()); // temporary files are not copies
    QVERIFY(target.put(m_source, name).ok());
    // Only the leftovers of this name go: another copy may be under way.
    QCOMPARE(entriesOf(m_remote->path()), (QStringList{otherStale, name}));
}

void TestFolderTarget::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("parent") << QStringLiteral("../escape.tar.gz");
    QTest::newRow("dotdot") << QStringLiteral("..");
    QTest::newRow("folder") << QStringLiteral("sub/file.tar.gz");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
    QTest::newRow("backslash") << QStringLiteral("..\\escape.tar.gz");
    QTest::newRow("hidden") << QStringLiteral(".hidden.tar.gz");
    QTest::newRow("nul") << QStringLiteral("a") + QChar(0) + QStringLiteral("b");
    QTest::newRow("newline") << QStringLiteral("a\nb");
}

void TestFolderTarget::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    FolderTarget target(m_remote->path());
    const CopyResult put = target.put(m_source, name);
    QCOMPARE(put.kind, CopyErrorKind::Other);
    QVERIFY(!put.message.isEmpty());
    QVERIFY(!target.get(name, m_local->filePath(QStringLiteral("x"))).ok());
    QVERIFY(!target.remove(name).ok());
    QVERIFY(!target.verify(name, SourceSize, m_sourceSha).ok());
    QVERIFY(entriesOf(m_remote->path()).isEmpty());
    QVERIFY(!QFile::exists(QDir(m_remote->path()).filePath(QStringLiteral("../escape.tar.gz"))));
}

void TestFolderTarget::missingFolderIsNotFound()
{
    const QString missing = m_remote->filePath(QStringLiteral("not-mounted"));
    FolderTarget target(missing);
    const CopyResult put = target.put(m_source, QStringLiteral("a.tar.gz"));
    QCOMPARE(put.kind, CopyErrorKind::NotFound);
    QVERIFY2(put.message.contains(missing), qPrintable(put.message));
    QList<RemoteFile> files;
    QCOMPARE(target.list(&files).kind, CopyErrorKind::NotFound);
    QVERIFY(!QFileInfo::exists(missing)); // never created: an unmounted share stays visible
}

void TestFolderTarget::unwritableFolderIsPermissionDenied()
{
    if (::geteuid() == 0)
        QSKIP("root writes into a read-only folder anyway; run as a normal user for this case");
    const QString readOnly = m_remote->filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    FolderTarget target(readOnly);
    const CopyResult put = target.put(m_source, QStringLiteral("a.tar.gz"));
    QFile::setPermissions(readOnly,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(put.kind, CopyErrorKind::PermissionDenied);
    QVERIFY2(put.message.contains(readOnly), qPrintable(put.message));
    QVERIFY(entriesOf(readOnly).isEmpty());
}

void TestFolderTarget::cancelledPutLeavesNothing()
{
    FolderTarget target(m_remote->path());
    const QString name = QStringLiteral("cancelled.tar.gz");
    CancelFlag cancel{false};
    qint64 cancelledAt = 0;
    const CopyResult put = target.put(
        m_source, name,
        [&](qint64 done, qint64) {
            if (done >= 1024 * 1024 && !cancel) {
                cancelledAt = done;
                cancel = true;
            }
        },
        &cancel);
    QCOMPARE(put.kind, CopyErrorKind::Cancelled);
    QVERIFY(cancelledAt > 0 && cancelledAt < SourceSize); // mid-upload
    QVERIFY(entriesOf(m_remote->path()).isEmpty());

    // And during the read-back.
    cancel = false;
    const CopyResult late = target.put(
        m_source, name,
        [&](qint64 done, qint64) {
            if (done > SourceSize + 1024 * 1024)
                cancel = true;
        },
        &cancel);
    QCOMPARE(late.kind, CopyErrorKind::Cancelled);
    QVERIFY(entriesOf(m_remote->path()).isEmpty());
}

void TestFolderTarget::fileSizeLimitIsNoSpace()
{
    // A full disk without root tricks: the process's file size limit makes write() fail with
    // EFBIG past 1 MiB, the same path a full share (ENOSPC) or a FAT share takes.
    FolderTarget target(m_remote->path());
    rlimit saved{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 1024 * 1024;
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const CopyResult put = target.put(m_source, QStringLiteral("big.tar.gz"));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
    QCOMPARE(put.kind, CopyErrorKind::NoSpace);
    QVERIFY2(put.message.contains(m_remote->path()), qPrintable(put.message));
    QVERIFY(entriesOf(m_remote->path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestFolderTarget)
#include "tst_folder_target.moc"
