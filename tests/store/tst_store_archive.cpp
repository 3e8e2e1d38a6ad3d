// BackupStore's content checks: SHA-256, verification with a full test read through
// libarchive, and listing and reading archive members. Archives are made here with libarchive.

#include "TestDirs.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

#include <sys/resource.h>

using namespace pbxvault;

namespace {

enum class Kind
{
    TarGz,
    Tar,
    TarXz,
    TarBz2,
    Zip
};

struct Entry
{
    QString name;
    QByteArray data;
    bool directory = false;
    qint64 randomSize = 0; // instead of data: this many random bytes, written in chunks
};

QByteArray randomBytes(qsizetype size, quint32 seed = 7)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

// Like a pbxsim backup: a small configuration tree and an incompressible padding member.
QVector<Entry> backupTree(qsizetype padding = 2 * 1024 * 1024)
{
    return {
        {QStringLiteral("manifest.json"), R"({"firmware":"4.9.1","tenant":"default"})"},
        {QStringLiteral("etc/"), {}, true},
        {QStringLiteral("etc/extensions.conf"),
         QByteArray("[default]\nexten => 100,1,Dial(SIP/100)\n")},
        {QStringLiteral("etc/sip.conf"),
         QByteArray("[100]\ntype=friend\nsecret=s3cr3t\n").repeated(50)},
        {QStringLiteral("db/"), {}, true},
        {QStringLiteral("db/dump.sql"), QByteArray("INSERT INTO ext VALUES (1);\n").repeated(2000)},
        {QStringLiteral("padding.bin"), randomBytes(padding)},
    };
}

bool writeArchive(const QString &path, const QVector<Entry> &entries, Kind kind)
{
    archive *a = archive_write_new();
    switch (kind) {
    case Kind::TarGz:
        archive_write_add_filter_gzip(a);
        break;
    case Kind::TarXz:
        archive_write_add_filter_xz(a);
        break;
    case Kind::TarBz2:
        archive_write_add_filter_bzip2(a);
        break;
    case Kind::Tar:
    case Kind::Zip:
        break;
    }
    if (kind == Kind::Zip)
        archive_write_set_format_zip(a);
    else
        archive_write_set_format_pax_restricted(a);
    bool ok = archive_write_open_filename(a, QFile::encodeName(path).constData()) == ARCHIVE_OK;
    for (const Entry &e : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname_utf8(entry, e.name.toUtf8().constData());
        archive_entry_set_filetype(entry, e.directory ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(entry, e.directory ? 0755 : 0644);
        archive_entry_set_size(entry, e.directory ? 0 : e.data.size() + e.randomSize);
        ok = ok && archive_write_header(a, entry) == ARCHIVE_OK;
        if (!e.directory)
            ok = ok && archive_write_data(a, e.data.constData(), size_t(e.data.size())) ==
                           la_ssize_t(e.data.size());
        for (qint64 done = 0; ok && done < e.randomSize; done += 1024 * 1024) {
            const QByteArray chunk =
                randomBytes(qMin<qint64>(1024 * 1024, e.randomSize - done), quint32(done));
            ok = archive_write_data(a, chunk.constData(), size_t(chunk.size())) ==
                 la_ssize_t(chunk.size());
        }
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

const QString kIntact =
    QStringLiteral("Checksum matches. The archive reads completely (7 file(s)).");
const QString kChecksumOnly = QStringLiteral(
    "Checksum matches. The file is not an archive PBX Vault can read, so only its checksum was "
    "checked, not its content.");

} // namespace

class StoreArchiveTest : public QObject
{
    Q_OBJECT

private slots:
    void sha256OfFile_data();
    void sha256OfFile();
    void sha256OfMissingFile();
    void verifyIntactArchive_data();
    void verifyIntactArchive();
    void verifyChecksumMismatch();
    void verifyTruncatedArchive();
    void verifyCorruptedArchive_data();
    void verifyCorruptedArchive();
    void verifyNonArchive_data();
    void verifyNonArchive();
    void verifyEmptyFile();
    void verifyUnreadableFile();
    void verifyWithoutExpectedChecksum();
    void listMembers_data();
    void listMembers();
    void listMembersFailures();
    void readMember();
    void readMemberFailures();
    void throughput();
};

void StoreArchiveTest::sha256OfFile_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("empty") << qsizetype(0);
    QTest::newRow("one byte") << qsizetype(1);
    QTest::newRow("chunk boundary") << qsizetype(256 * 1024);
    QTest::newRow("chunk boundary + 1") << qsizetype(256 * 1024 + 1);
    QTest::newRow("several chunks") << qsizetype(3 * 1024 * 1024 + 5);
}

void StoreArchiveTest::sha256OfFile()
{
    QFETCH(qsizetype, size);
    test::TestDir dir;
    const QByteArray data = randomBytes(size);
    const QString path = dir.filePath(QStringLiteral("f.bin"));
    QVERIFY(writeFile(path, data));
    QString error;
    QCOMPARE(BackupStore::sha256OfFile(path, &error), sha256(data));
    QVERIFY(error.isEmpty());
}

void StoreArchiveTest::sha256OfMissingFile()
{
    test::TestDir dir;
    QString error;
    QCOMPARE(BackupStore::sha256OfFile(dir.filePath(QStringLiteral("none.bak")), &error),
             QString());
    QVERIFY2(error.contains(QLatin1String("none.bak")), qPrintable(error));
}

void StoreArchiveTest::verifyIntactArchive_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("tar.gz") << Kind::TarGz;
    QTest::newRow("tar") << Kind::Tar;
    QTest::newRow("tar.xz") << Kind::TarXz;
    QTest::newRow("tar.bz2") << Kind::TarBz2;
    QTest::newRow("zip (seekable)") << Kind::Zip;
}

void StoreArchiveTest::verifyIntactArchive()
{
    QFETCH(Kind, kind);
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVERIFY(writeArchive(path, backupTree(), kind));
    const QByteArray bytes = readAll(path);

    const VerifyReport report = BackupStore::verify(path, sha256(bytes).toUpper());
    QCOMPARE(report.message, kIntact);
    QCOMPARE(toString(report.state), QStringLiteral("intact"));
    QVERIFY(report.fileReadable);
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY(report.archiveIntact);
    QCOMPARE(report.sha256, sha256(bytes)); // hashed while libarchive read it, seeks included
    QCOMPARE(report.size, bytes.size());
}

void StoreArchiveTest::verifyChecksumMismatch()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVERIFY(writeArchive(path, backupTree(), Kind::TarGz));
    const QString wrong(64, QLatin1Char('0'));
    const VerifyReport report = BackupStore::verify(path, wrong);
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QVERIFY(!report.checksumMatches);
    QVERIFY(report.archiveIntact);
    QCOMPARE(report.message, QStringLiteral("Checksum mismatch: expected %1, got %2. The archive "
                                            "reads completely (7 file(s)).")
                                 .arg(wrong, sha256(readAll(path))));
}

void StoreArchiveTest::verifyTruncatedArchive()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVERIFY(writeArchive(path, backupTree(), Kind::TarGz));
    const QByteArray whole = readAll(path);
    const QByteArray truncated = whole.left(whole.size() * 6 / 10);
    QVERIFY(writeFile(path, truncated));

    // Recorded when the PBX already sent a truncated file: the checksum cannot tell.
    VerifyReport report = BackupStore::verify(path, sha256(truncated));
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(report.message.startsWith(QLatin1String("Checksum matches. The archive is damaged: ")),
             qPrintable(report.message));

    report = BackupStore::verify(path, sha256(whole));
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QVERIFY(!report.checksumMatches);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(report.message.startsWith(QLatin1String("Checksum mismatch: expected ")),
             qPrintable(report.message));
    QVERIFY2(report.message.contains(QLatin1String("The archive is damaged")),
             qPrintable(report.message));
}

void StoreArchiveTest::verifyCorruptedArchive_data()
{
    QTest::addColumn<bool>("compressible");
    QTest::newRow("damage in deflated data") << true;
    // Stored deflate blocks decode whatever the bytes are: only the gzip CRC shows the damage.
    QTest::newRow("damage in incompressible data") << false;
}

void StoreArchiveTest::verifyCorruptedArchive()
{
    QFETCH(bool, compressible);
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVector<Entry> tree = backupTree();
    if (compressible) {
        tree.removeLast();
        tree.append({QStringLiteral("db/big.sql"),
                     QByteArray("INSERT INTO cdr VALUES ('2024-01-01', 42);\n").repeated(40000)});
    }
    QVERIFY(writeArchive(path, tree, Kind::TarGz));
    QByteArray bytes = readAll(path);
    const qsizetype from = bytes.size() / 2;
    for (qsizetype i = from; i < from + (compressible ? 64 : 1); ++i)
        bytes[i] = char(~bytes[i]);
    QVERIFY(writeFile(path, bytes));

    const VerifyReport report = BackupStore::verify(path, sha256(bytes));
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(report.message.startsWith(QLatin1String("Checksum matches. The archive is damaged: ")),
             qPrintable(report.message));
}

void StoreArchiveTest::verifyNonArchive_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("random bytes") << randomBytes(1024 * 1024 + 3);
    QTest::newRow("sql text") << QByteArray("-- dump\nCREATE TABLE t (a int);\n").repeated(1000);
    QTest::newRow("json") << QByteArray(R"({"type":"file","name":"x"})");
}

// Real PBX formats may be opaque: a matching checksum is all that can be said, in words, and
// never "intact".
void StoreArchiveTest::verifyNonArchive()
{
    QFETCH(QByteArray, content);
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("opaque.bak"));
    QVERIFY(writeFile(path, content));
    const VerifyReport report = BackupStore::verify(path, sha256(content));
    QCOMPARE(report.message, kChecksumOnly);
    QCOMPARE(toString(report.state), QStringLiteral("checksum-only"));
    QVERIFY(report.checksumMatches);
    QVERIFY(!report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QCOMPARE(report.sha256, sha256(content));
    QCOMPARE(report.size, content.size());

    const VerifyReport wrong = BackupStore::verify(path, QString(64, QLatin1Char('f')));
    QCOMPARE(toString(wrong.state), QStringLiteral("corrupt"));
    QVERIFY2(wrong.message.startsWith(QLatin1String("Checksum mismatch")),
             qPrintable(wrong.message));
}

// An empty file is no backup, even though libarchive's "empty" format accepts it.
void StoreArchiveTest::verifyEmptyFile()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.bak"));
    QVERIFY(writeFile(path, QByteArray()));
    const VerifyReport report = BackupStore::verify(path, sha256(QByteArray()));
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QCOMPARE(report.message, QStringLiteral("The file is empty."));
    QVERIFY(!report.archiveRecognised);
}

void StoreArchiveTest::verifyUnreadableFile()
{
    test::TestDir dir;
    const VerifyReport report = BackupStore::verify(dir.filePath(QStringLiteral("gone.bak")),
                                                    QString(64, QLatin1Char('0')));
    QCOMPARE(toString(report.state), QStringLiteral("missing"));
    QVERIFY(!report.fileReadable);
    QVERIFY2(report.message.contains(QLatin1String("is missing")), qPrintable(report.message));
    QVERIFY(report.message.contains(QLatin1String("gone.bak")));
}

void StoreArchiveTest::verifyWithoutExpectedChecksum()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVERIFY(writeArchive(path, backupTree(), Kind::TarGz));
    const VerifyReport report = BackupStore::verify(path, QString());
    QCOMPARE(toString(report.state), QStringLiteral("corrupt"));
    QVERIFY(report.archiveIntact);
    QVERIFY2(report.message.startsWith(QLatin1String("No recorded checksum")),
             qPrintable(report.message));
}

void StoreArchiveTest::listMembers_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("tar.gz") << Kind::TarGz;
    QTest::newRow("zip") << Kind::Zip;
}

void StoreArchiveTest::listMembers()
{
    QFETCH(Kind, kind);
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    const QVector<Entry> tree = backupTree();
    QVERIFY(writeArchive(path, tree, kind));
    QVector<ArchiveMember> members;
    QString error;
    QVERIFY2(BackupStore::listMembers(path, &members, &error), qPrintable(error));
    QStringList names;
    for (const Entry &e : tree) {
        if (!e.directory)
            names << e.name;
    }
    QCOMPARE(members.size(), names.size());
    for (int i = 0; i < members.size(); ++i) {
        QCOMPARE(members[i].name, names[i]);
        const auto entry = std::find_if(tree.begin(), tree.end(),
                                        [&](const Entry &e) { return e.name == names[i]; });
        QCOMPARE(members[i].size, entry->data.size());
    }
}

void StoreArchiveTest::listMembersFailures()
{
    test::TestDir dir;
    QVector<ArchiveMember> members;
    QString error;

    const QString opaque = dir.filePath(QStringLiteral("opaque.bak"));
    QVERIFY(writeFile(opaque, randomBytes(4096)));
    QVERIFY(!BackupStore::listMembers(opaque, &members, &error));
    QCOMPARE(error, QStringLiteral("The file is not an archive PBX Vault can read."));

    const QString empty = dir.filePath(QStringLiteral("empty.bak"));
    QVERIFY(writeFile(empty, QByteArray()));
    QVERIFY(!BackupStore::listMembers(empty, &members, &error));
    QCOMPARE(error, QStringLiteral("The file is not an archive PBX Vault can read."));

    const QString truncated = dir.filePath(QStringLiteral("truncated.bak"));
    QVERIFY(writeArchive(truncated, backupTree(), Kind::TarGz));
    const QByteArray whole = readAll(truncated);
    QVERIFY(writeFile(truncated, whole.left(whole.size() / 2)));
    QVERIFY(!BackupStore::listMembers(truncated, &members, &error));
    QVERIFY2(error.startsWith(QLatin1String("The archive is damaged")), qPrintable(error));

    QVERIFY(!BackupStore::listMembers(dir.filePath(QStringLiteral("gone.bak")), &members, &error));
    QVERIFY2(error.startsWith(QLatin1String("Cannot read the file")), qPrintable(error));
}

void StoreArchiveTest::readMember()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    const QVector<Entry> tree = backupTree();
    QVERIFY(writeArchive(path, tree, Kind::TarGz));
    QByteArray content;
    QString error;
    QVERIFY2(
        BackupStore::readMember(path, QStringLiteral("etc/sip.conf"), 1 << 20, &content, &error),
        qPrintable(error));
    QCOMPARE(content, tree[3].data);
    QVERIFY(BackupStore::readMember(path, QStringLiteral("./manifest.json"), 1 << 20, &content,
                                    &error));
    QCOMPARE(content, tree[0].data);
    QVERIFY(BackupStore::readMember(path, QStringLiteral("padding.bin"), 10, &content, &error));
    QCOMPARE(content, tree[6].data.left(10));
    QVERIFY(BackupStore::readMember(path, QStringLiteral("db/dump.sql"), 0, &content, &error));
    QCOMPARE(content, QByteArray());
}

void StoreArchiveTest::readMemberFailures()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("b.bak"));
    QVERIFY(writeArchive(path, backupTree(), Kind::TarGz));
    QByteArray content;
    QString error;
    QVERIFY(
        !BackupStore::readMember(path, QStringLiteral("etc/missing.conf"), 100, &content, &error));
    QCOMPARE(error, QStringLiteral("The archive has no file named \"etc/missing.conf\"."));
    QVERIFY(!BackupStore::readMember(path, QStringLiteral("etc"), 100, &content, &error));

    const QString opaque = dir.filePath(QStringLiteral("opaque.bak"));
    QVERIFY(writeFile(opaque, QByteArray("plain text, not an archive\n")));
    QVERIFY(!BackupStore::readMember(opaque, QStringLiteral("x"), 100, &content, &error));
    QCOMPARE(error, QStringLiteral("The file is not an archive PBX Vault can read."));
}

// Figures, not a pass/fail criterion: PBXVAULT_STORE_BENCH_MIB=512 store_archive throughput
void StoreArchiveTest::throughput()
{
    const int mib = qEnvironmentVariableIntValue("PBXVAULT_STORE_BENCH_MIB");
    if (mib <= 0)
        QSKIP("set PBXVAULT_STORE_BENCH_MIB to measure");
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("big.bak"));
    QVector<Entry> tree = backupTree(0);
    tree.last().randomSize = qint64(mib) * 1024 * 1024;
    QVERIFY(writeArchive(path, tree, Kind::TarGz));
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    const long rssBefore = usage.ru_maxrss;
    const double size = double(QFileInfo(path).size()) / (1024 * 1024);
    QString error;
    QElapsedTimer timer;
    timer.start();
    const QString hash = BackupStore::sha256OfFile(path, &error);
    const double hashSeconds = timer.nsecsElapsed() / 1e9;
    timer.restart();
    const VerifyReport report = BackupStore::verify(path, hash);
    const double verifySeconds = timer.nsecsElapsed() / 1e9;
    QCOMPARE(toString(report.state), QStringLiteral("intact"));
    getrusage(RUSAGE_SELF, &usage);
    qInfo("file %.0f MiB: sha256OfFile %.2f s (%.0f MiB/s), verify %.2f s (%.0f MiB/s), "
          "peak RSS %ld KiB before, %ld KiB after",
          size, hashSeconds, size / hashSeconds, verifySeconds, size / verifySeconds, rssBefore,
          usage.ru_maxrss);
    if (qEnvironmentVariableIsSet("PBXVAULT_KEEP_TEST_DIRS"))
        qInfo("kept %s", qPrintable(path));
}

QTEST_GUILESS_MAIN(StoreArchiveTest)
#include "tst_store_archive.moc"
