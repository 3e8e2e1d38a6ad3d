// The archive check made as a backup is written (IncomingBackup::checkArchiveAsWritten, run by
// StreamingArchiveCheck) must say what BackupStore::verify says of the stored file, for every
// kind of damage, whatever the sizes of the writes, with or without encryption; when it cannot
// know (a format that needs seeking) it says so and the file is read. A discarded download
// does not wait for it. The same holds when the writes are stored on a thread of their own
// (IncomingBackup::writeBehind, run by WriteBehind).

#include "TestDirs.h"
#include "crypto/VaultKey.h"
#include "store/BackupStore.h"
#include "store/StreamingArchiveCheck.h"
#include "store/WriteBehind.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

#include <optional>

using namespace pbxvault;

namespace {

enum class Format
{
    TarGz,
    TarXz,
    Tar,
    Zip,
    RawGz, // gzip of something that is not an archive
};

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

using Entries = QVector<QPair<QString, QByteArray>>;

QByteArray makeArchive(Format format, const Entries &entries)
{
    archive *a = archive_write_new();
    if (format == Format::TarGz || format == Format::RawGz)
        archive_write_add_filter_gzip(a);
    else if (format == Format::TarXz)
        archive_write_add_filter_xz(a);
    if (format == Format::Zip)
        archive_write_set_format_zip(a);
    else if (format == Format::RawGz)
        archive_write_set_format_raw(a);
    else
        archive_write_set_format_pax_restricted(a);
    qsizetype capacity = 1 << 20;
    for (const auto &entry : entries)
        capacity += entry.second.size() + entry.second.size() / 8 + 4096;
    QByteArray out(capacity, '\0');
    size_t used = 0;
    bool ok = archive_write_open_memory(a, out.data(), size_t(out.size()), &used) == ARCHIVE_OK;
    for (const auto &[name, data] : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, data.size());
        ok = ok && archive_write_header(a, entry) == ARCHIVE_OK &&
             (data.isEmpty() || archive_write_data(a, data.constData(), size_t(data.size())) ==
                                    la_ssize_t(data.size()));
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    if (!ok)
        qFatal("cannot make the archive");
    out.truncate(qsizetype(used));
    return out;
}

// A configuration tree, an empty member and incompressible data: 9 MiB of gzip, 36 blocks of
// the check's queue.
Entries bigEntries()
{
    return {
        {QStringLiteral("manifest.json"), R"({"firmware":"4.9.4","tenant":"default"})"},
        {QStringLiteral("etc/sip.conf"),
         QByteArray("[100]\ntype=friend\nsecret=x\n").repeated(5000)},
        {QStringLiteral("etc/empty.conf"), QByteArray()},
        {QStringLiteral("db/dump.sql"),
         QByteArray("INSERT INTO ext VALUES (1);\n").repeated(90000)},
        {QStringLiteral("media/a.bin"), randomBytes(4 << 20, 1)},
        {QStringLiteral("media/b.bin"), randomBytes(5 << 20, 2)},
        {QStringLiteral("tail.txt"), QByteArray("the end\n")},
    };
}

QByteArray flipped(QByteArray data, qsizetype at)
{
    data[at] = char(data[at] ^ 0x20);
    return data;
}

struct Stored
{
    QString path;
    QString sha256;
    std::optional<VerifyReport> asWritten;
};

void compareReports(const VerifyReport &streamed, const VerifyReport &read)
{
    QCOMPARE(toString(streamed.state), toString(read.state));
    QCOMPARE(streamed.message, read.message);
    QCOMPARE(streamed.coded.text(), read.coded.text());
    QCOMPARE(streamed.members, read.members);
    QCOMPARE(streamed.archiveRecognised, read.archiveRecognised);
    QCOMPARE(streamed.archiveIntact, read.archiveIntact);
    QCOMPARE(streamed.checksumMatches, read.checksumMatches);
    QCOMPARE(streamed.fileReadable, read.fileReadable);
    QCOMPARE(streamed.size, read.size);
    QCOMPARE(streamed.sha256, read.sha256);
}

} // namespace

class StoreStreamTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameVerdictAsTheFileRead_data();
    void sameVerdictAsTheFileRead();
    void writeSizesDoNotMatter_data();
    void writeSizesDoNotMatter();
    void formatsThatSeekAreLeftToTheFileRead_data();
    void formatsThatSeekAreLeftToTheFileRead();
    void encryptedFileGetsThePlaintextVerdict();
    void discardMidStreamIsPrompt();
    void destructionWithoutCommitIsPrompt();
    void seekingWriterGivesNoVerdict();
    void checkOnlyBeforeTheFirstWrite();
    void abandonedCheckDoesNotBlockTheWriter();
    void workerHashesEveryByte_data();
    void workerHashesEveryByte();
    void noHashWhenStopped();
    void writeBehindKeepsOrder();
    void writeBehindReportsAFailureLate();
    void writeBehindStoresTheSame_data();
    void writeBehindStoresTheSame();
    void writeBehindEndsAtASeek();
    void writeBehindDiscardIsPrompt();

private:
    enum class Writes
    {
        OnTheWriter,
        Behind
    };
    Stored store(const QByteArray &data, qsizetype chunk, const VaultKey *key = nullptr,
                 Writes writes = Writes::OnTheWriter);
    void checkSameVerdict(const QByteArray &data, qsizetype chunk, const VaultKey *key = nullptr);

    test::TestDir m_dir;
    QByteArray m_big;
    QByteArray m_small;
    int m_files = 0;
};

Stored StoreStreamTest::store(const QByteArray &data, qsizetype chunk, const VaultKey *key,
                              Writes writes)
{
    Stored stored;
    BackupStore backups(m_dir.filePath(QStringLiteral("vault")));
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("b%1.tar.gz").arg(++m_files), &error);
    if (!incoming) {
        qWarning() << error;
        return stored;
    }
    if (key && !incoming->encryptWith(*key, &error)) {
        qWarning() << error;
        return stored;
    }
    incoming->checkArchiveAsWritten();
    if (writes == Writes::Behind && !incoming->writeBehind(&error)) {
        qWarning() << error;
        return stored;
    }
    for (qsizetype at = 0; at < data.size(); at += chunk) {
        const qsizetype n = qMin(chunk, data.size() - at);
        if (incoming->device()->write(data.constData() + at, n) != n) {
            qWarning() << "short write";
            return stored;
        }
    }
    if (!incoming->commit(&stored.path, &error)) {
        qWarning() << error;
        return stored;
    }
    stored.sha256 = incoming->sha256();
    stored.asWritten = incoming->archiveReport();
    return stored;
}

void StoreStreamTest::checkSameVerdict(const QByteArray &data, qsizetype chunk, const VaultKey *key)
{
    const Stored stored = store(data, chunk, key);
    QVERIFY(!stored.path.isEmpty());
    QVERIFY2(stored.asWritten.has_value(), "the check gave no verdict");
    const VerifyReport read = BackupStore::verify(stored.path, stored.sha256, key);
    compareReports(*stored.asWritten, read);
}

void StoreStreamTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_big = makeArchive(Format::TarGz, bigEntries());
    QVERIFY(m_big.size() >= 8 << 20);
    m_small = makeArchive(Format::TarGz, {{QStringLiteral("a.txt"), "alpha\n"},
                                          {QStringLiteral("empty"), QByteArray()},
                                          {QStringLiteral("b.txt"), "beta\n"}});
}

void StoreStreamTest::sameVerdictAsTheFileRead_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("state");
    const qsizetype n = m_big.size();
    QTest::newRow("intact tar.gz") << m_big << QStringLiteral("intact");
    QTest::newRow("small tar.gz") << m_small << QStringLiteral("intact");
    QTest::newRow("only a zero-length member")
        << makeArchive(Format::TarGz, {{QStringLiteral("nothing"), QByteArray()}})
        << QStringLiteral("intact");
    QTest::newRow("tar.xz") << makeArchive(Format::TarXz, bigEntries().mid(0, 4))
                            << QStringLiteral("intact");
    QTest::newRow("no members") << makeArchive(Format::TarGz, {}) << QStringLiteral("corrupt");
    for (const qsizetype cut :
         {qsizetype(10), qsizetype(1000), qsizetype(300000), n / 2, n - 5000, n - 4, n - 1})
        QTest::newRow(qPrintable(QStringLiteral("cut at %1").arg(cut)))
            << m_big.left(cut) << QStringLiteral("corrupt");
    QTest::newRow("flipped byte in the stored data")
        << flipped(m_big, n / 2) << QStringLiteral("corrupt");
    QTest::newRow("flipped byte in the compressed text")
        << flipped(m_big, 2000) << QStringLiteral("corrupt");
    QTest::newRow("gzip trailer CRC") << flipped(m_big, n - 7) << QStringLiteral("corrupt");
    QTest::newRow("gzip trailer length") << flipped(m_big, n - 3) << QStringLiteral("corrupt");
    QTest::newRow("bytes after the gzip member")
        << m_small + QByteArray("trailing junk") << QStringLiteral("intact");
    QTest::newRow("two gzip members") << m_small + m_big << QStringLiteral("intact");
    QTest::newRow("gzip of a non-archive")
        << makeArchive(Format::RawGz, {{QStringLiteral("x"), randomBytes(5000, 3)}})
        << QStringLiteral("checksum-only");
    QTest::newRow("gzip magic then garbage")
        << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + randomBytes(100000, 7)
        << QStringLiteral("corrupt");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("corrupt");
}

void StoreStreamTest::sameVerdictAsTheFileRead()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, state);
    const Stored stored = store(data, 64 * 1024 + 3);
    QVERIFY(!stored.path.isEmpty());
    QVERIFY2(stored.asWritten.has_value(), "the check gave no verdict");
    const VerifyReport read = BackupStore::verify(stored.path, stored.sha256);
    compareReports(*stored.asWritten, read);
    QCOMPARE(toString(stored.asWritten->state), state);
}

void StoreStreamTest::writeSizesDoNotMatter_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qsizetype>("chunk");
    const qsizetype n = m_big.size();
    for (const qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(1 << 20)}) {
        QTest::newRow(qPrintable(QStringLiteral("intact, writes of %1").arg(chunk)))
            << m_big << chunk;
        QTest::newRow(qPrintable(QStringLiteral("cut, writes of %1").arg(chunk)))
            << m_big.left(n / 3) << chunk;
        QTest::newRow(qPrintable(QStringLiteral("flipped, writes of %1").arg(chunk)))
            << flipped(m_big, n - 7) << chunk;
        QTest::newRow(qPrintable(QStringLiteral("small, writes of %1").arg(chunk)))
            << m_small << chunk;
    }
}

void StoreStreamTest::writeSizesDoNotMatter()
{
    QFETCH(QByteArray, data);
    QFETCH(qsizetype, chunk);
    checkSameVerdict(data, chunk);
}

void StoreStreamTest::formatsThatSeekAreLeftToTheFileRead_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("state");
    QTest::newRow("zip") << makeArchive(Format::Zip, bigEntries().mid(0, 3))
                         << QStringLiteral("intact");
    QTest::newRow("garbage") << randomBytes(300000, 9) << QStringLiteral("checksum-only");
    QTest::newRow("cut zip") << makeArchive(Format::Zip, bigEntries().mid(0, 3)).left(600)
                             << QStringLiteral("corrupt");
}

// libarchive seeks to the end of an uncompressed file to look for a zip directory; a stream
// cannot answer, so the check leaves those to the file read.
void StoreStreamTest::formatsThatSeekAreLeftToTheFileRead()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, state);
    const Stored stored = store(data, 10007);
    QVERIFY(!stored.path.isEmpty());
    QVERIFY(!stored.asWritten.has_value());
    QCOMPARE(toString(BackupStore::verify(stored.path, stored.sha256).state), state);
}

void StoreStreamTest::encryptedFileGetsThePlaintextVerdict()
{
    const VaultKey key = VaultKey::generate();
    QVERIFY(!key.isNull());
    for (const QByteArray &data : {m_big, m_big.left(m_big.size() / 2), flipped(m_big, 2000)}) {
        const Stored stored = store(data, 10007, &key);
        QVERIFY(!stored.path.isEmpty());
        QVERIFY(stored.asWritten.has_value());
        QFile file(stored.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.peek(2).startsWith("\x1f\x8b")); // the file on disk is encrypted
        QVERIFY(file.size() > data.size());
        // The same verdict as the decrypting read of the file, and as the plain bytes' read.
        compareReports(*stored.asWritten, BackupStore::verify(stored.path, stored.sha256, &key));
        const Stored plain = store(data, 10007);
        compareReports(*stored.asWritten, BackupStore::verify(plain.path, plain.sha256));
    }
}

void StoreStreamTest::discardMidStreamIsPrompt()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("discard")));
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    incoming->checkArchiveAsWritten();
    const QByteArray half = m_big.left(m_big.size() / 2);
    QCOMPARE(incoming->device()->write(half), qint64(half.size()));
    const QString temp = incoming->tempPath();
    QVERIFY(QFile::exists(temp));
    QElapsedTimer timer;
    timer.start();
    incoming->discard();
    // The worker waits for bytes that never come; discard() must not wait with it.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!QFile::exists(temp));
    QVERIFY(!incoming->archiveReport().has_value());
    QString path;
    QVERIFY(!incoming->commit(&path, &error));
}

void StoreStreamTest::destructionWithoutCommitIsPrompt()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("destroy")));
    QString error;
    QString temp;
    QElapsedTimer timer;
    {
        auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                      QStringLiteral("backup.tar.gz"), &error);
        QVERIFY(incoming);
        incoming->checkArchiveAsWritten();
        // Enough to fill the queue: the worker may be anywhere in its reading.
        QCOMPARE(incoming->device()->write(m_big.left(5 << 20)), qint64(5 << 20));
        temp = incoming->tempPath();
        timer.start();
    }
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!QFile::exists(temp));
}

void StoreStreamTest::seekingWriterGivesNoVerdict()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("seek")));
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    incoming->checkArchiveAsWritten();
    QCOMPARE(incoming->device()->write(m_small), qint64(m_small.size()));
    QVERIFY(incoming->device()->seek(0));
    QCOMPARE(incoming->device()->write(m_small.left(10)), qint64(10));
    QString path;
    QVERIFY(incoming->commit(&path, &error));
    QVERIFY(incoming->sha256().isEmpty());
    QVERIFY(!incoming->archiveReport().has_value());
}

void StoreStreamTest::checkOnlyBeforeTheFirstWrite()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("late")));
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    QCOMPARE(incoming->device()->write(m_small.left(5)), qint64(5));
    incoming->checkArchiveAsWritten(); // too late: ignored
    QCOMPARE(incoming->device()->write(m_small.mid(5)), qint64(m_small.size() - 5));
    QString path;
    QVERIFY(incoming->commit(&path, &error));
    QVERIFY(!incoming->archiveReport().has_value());
    QCOMPARE(toString(BackupStore::verify(path, incoming->sha256()).state),
             QStringLiteral("intact"));
}

// Once the check gave up, the writer's bytes are no longer queued: a writer never waits for a
// worker that stopped reading.
void StoreStreamTest::abandonedCheckDoesNotBlockTheWriter()
{
    StreamingArchiveCheck check;
    check.write(m_big.constData(), 1000);
    check.abandon(QStringLiteral("test"));
    for (qsizetype at = 1000; at < m_big.size(); at += 100000)
        check.write(m_big.constData() + at, qMin<qsizetype>(100000, m_big.size() - at));
    const StreamingArchiveCheck::Verdict verdict = check.finish();
    QVERIFY(!verdict.conclusive);
    QCOMPARE(verdict.inconclusiveBecause, QStringLiteral("test"));
}

void StoreStreamTest::workerHashesEveryByte_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("conclusive");
    QTest::newRow("tar.gz") << m_big << true;
    // The archive reading gives up (libarchive asks to seek) long before the end: the hashing
    // goes on to the last byte.
    QTest::newRow("zip") << makeArchive(Format::Zip, bigEntries()) << false;
    QTest::newRow("garbage") << randomBytes(3000000, 4) << false;
    QTest::newRow("empty") << QByteArray() << true;
}

void StoreStreamTest::workerHashesEveryByte()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, conclusive);
    StreamingArchiveCheck check(StreamingArchiveCheck::Hashing::HashInput);
    for (qsizetype at = 0; at < data.size(); at += 70001)
        check.write(data.constData() + at, qMin<qsizetype>(70001, data.size() - at));
    const StreamingArchiveCheck::Verdict verdict = check.finish();
    QCOMPARE(verdict.conclusive, conclusive);
    QCOMPARE(verdict.hashedBytes, qint64(data.size()));
    QCOMPARE(
        verdict.sha256,
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(check.finish().sha256, verdict.sha256); // asked again: the same answer
}

// A hash of part of the stream is no hash: none after a cancel or when the writer moved.
void StoreStreamTest::noHashWhenStopped()
{
    StreamingArchiveCheck cancelled(StreamingArchiveCheck::Hashing::HashInput);
    cancelled.write(m_big.constData(), m_big.size() / 2);
    cancelled.cancel();
    QVERIFY(cancelled.finish().sha256.isEmpty());

    StreamingArchiveCheck abandoned(StreamingArchiveCheck::Hashing::HashInput);
    abandoned.write(m_big.constData(), m_big.size() / 2);
    abandoned.abandon(QStringLiteral("moved"));
    abandoned.write(m_big.constData() + m_big.size() / 2, m_big.size() - m_big.size() / 2);
    const StreamingArchiveCheck::Verdict verdict = abandoned.finish();
    QVERIFY(verdict.sha256.isEmpty());
    QVERIFY(!verdict.conclusive);

    StreamingArchiveCheck off;
    off.write(m_big.constData(), m_big.size());
    QVERIFY(off.finish().sha256.isEmpty());
}

// The job sees every byte in the order written, across blocks and drains.
void StoreStreamTest::writeBehindKeepsOrder()
{
    QByteArray seen;
    int calls = 0;
    WriteBehind behind([&](const char *data, qint64 size, QString *) {
        seen.append(data, qsizetype(size));
        ++calls;
        return true;
    });
    const QByteArray first = randomBytes(3 * WriteBehind::kBlockSize + 12345, 11);
    for (qsizetype at = 0; at < first.size(); at += 7001)
        QVERIFY(behind.write(first.constData() + at, qMin<qsizetype>(7001, first.size() - at)));
    QVERIFY(behind.drain());
    QCOMPARE(seen.size(), first.size());
    QVERIFY(seen == first);
    QCOMPARE(calls, 4); // whole blocks, then what was left at the drain
    const QByteArray second = randomBytes(WriteBehind::kBlockSize * 9 + 1, 12);
    QVERIFY(behind.write(second.constData(), second.size()));
    QVERIFY(behind.drain());
    QVERIFY(seen == first + second);
    QVERIFY(behind.drain()); // nothing left: returns at once
    behind.stop();
    QVERIFY(!behind.failed());
}

// The write that queued the failing bytes has returned; the next write and the drain say it,
// and no byte after the failure reaches the job.
void StoreStreamTest::writeBehindReportsAFailureLate()
{
    int calls = 0;
    WriteBehind behind([&](const char *, qint64, QString *error) {
        ++calls;
        *error = QStringLiteral("No space left on device");
        return false;
    });
    const QByteArray block(WriteBehind::kBlockSize, 'x');
    QVERIFY(behind.write(block.constData(), block.size())); // queued, not stored yet
    QVERIFY(!behind.drain());
    QCOMPARE(behind.errorString(), QStringLiteral("No space left on device"));
    QVERIFY(behind.failed());
    QVERIFY(!behind.write(block.constData(), block.size()));
    QVERIFY(!behind.drain());
    // Enough to fill the queue many times over: the writer is never left waiting.
    for (int i = 0; i < 4 * WriteBehind::kQueuedBlocks; ++i)
        QVERIFY(!behind.write(block.constData(), block.size()));
    behind.stop();
    QCOMPARE(calls, 1);
}

void StoreStreamTest::writeBehindStoresTheSame_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("encrypted");
    QTest::newRow("tar.gz") << m_big << false;
    QTest::newRow("tar.gz, encrypted") << m_big << true;
    QTest::newRow("cut, encrypted") << m_big.left(m_big.size() / 2) << true;
    QTest::newRow("flipped byte") << flipped(m_big, 2000) << false;
    QTest::newRow("zip (left to the file read)") << makeArchive(Format::Zip, bigEntries()) << false;
    QTest::newRow("empty, encrypted") << QByteArray() << true;
    QTest::newRow("small, encrypted") << m_small << true;
}

// The same file, checksum and verdict whether the writes are stored on the writer's thread or
// on their own.
void StoreStreamTest::writeBehindStoresTheSame()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, encrypted);
    const VaultKey key = VaultKey::generate();
    QVERIFY(!key.isNull());
    const VaultKey *keyOrNull = encrypted ? &key : nullptr;
    const Stored direct = store(data, 10007, keyOrNull, Writes::OnTheWriter);
    const Stored behind = store(data, 10007, keyOrNull, Writes::Behind);
    QVERIFY(!direct.path.isEmpty());
    QVERIFY(!behind.path.isEmpty());
    QCOMPARE(behind.sha256, direct.sha256);
    QCOMPARE(
        behind.sha256,
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(behind.asWritten.has_value(), direct.asWritten.has_value());
    if (behind.asWritten)
        compareReports(*behind.asWritten, *direct.asWritten);
    compareReports(BackupStore::verify(behind.path, behind.sha256, keyOrNull),
                   BackupStore::verify(direct.path, direct.sha256, keyOrNull));
    QByteArray plain;
    QBuffer out(&plain);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QString error;
    BackupStore::copyPlaintext(behind.path, &out, &error, keyOrNull);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(plain == data);
    QFile file(behind.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    if (encrypted)
        QVERIFY(file.size() > data.size()); // random per file: only the plaintext compares
    else
        QVERIFY(file.readAll() == data);
}

// A seek waits for the queued bytes, then the writes go on in place: the file is right, and a
// stream that moved has no checksum or verdict, as without the thread.
void StoreStreamTest::writeBehindEndsAtASeek()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("behind-seek")));
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    incoming->checkArchiveAsWritten();
    QVERIFY2(incoming->writeBehind(&error), qPrintable(error));
    const QByteArray data = m_big.left(3 << 20);
    QCOMPARE(incoming->device()->write(data), qint64(data.size()));
    QVERIFY(incoming->device()->seek(100));
    QCOMPARE(incoming->device()->write("PATCH", 5), qint64(5));
    QVERIFY(incoming->device()->seek(data.size()));
    QCOMPARE(incoming->device()->write("tail", 4), qint64(4));
    QString path;
    QVERIFY2(incoming->commit(&path, &error), qPrintable(error));
    QVERIFY(incoming->sha256().isEmpty());
    QVERIFY(!incoming->archiveReport().has_value());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray expected = data + "tail";
    expected.replace(100, 5, "PATCH");
    QVERIFY(file.readAll() == expected);
}

void StoreStreamTest::writeBehindDiscardIsPrompt()
{
    BackupStore backups(m_dir.filePath(QStringLiteral("behind-discard")));
    const VaultKey key = VaultKey::generate();
    QString error;
    auto incoming = backups.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                  QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    QVERIFY(incoming->encryptWith(key, &error));
    incoming->checkArchiveAsWritten();
    QVERIFY(incoming->writeBehind(&error));
    QCOMPARE(incoming->device()->write(m_big), qint64(m_big.size()));
    const QString temp = incoming->tempPath();
    QVERIFY(QFile::exists(temp));
    QElapsedTimer timer;
    timer.start();
    incoming->discard();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!QFile::exists(temp));
    QVERIFY(!incoming->archiveReport().has_value());
    QString path;
    QVERIFY(!incoming->commit(&path, &error));
    QCOMPARE(incoming->device()->write("more", 4), qint64(-1));
}

QTEST_GUILESS_MAIN(StoreStreamTest)
#include "tst_store_stream.moc"
