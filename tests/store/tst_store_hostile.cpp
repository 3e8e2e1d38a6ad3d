// Hostile "backups": files built to hurt whoever reads them. BackupStore::verify, listMembers and
// readMember must end in bounded time and memory, call none of them intact, and never write
// anything to disk, whatever member names, links or expansion ratios the file holds.
//
// The bombs are built by hand from concatenated compressed streams (gzip members, bzip2
// streams): a 10 GiB expansion costs milliseconds to build, not minutes of compression.
// PBXVAULT_HOSTILE_GZIP_BOMB_MIB sets the gzip bomb's expansion (default 512 MiB, about 15 s).
// 10240 is the 10 MB -> 10 GiB case: verify alone took 269 s on a busy 2-core machine (two
// inflates of 9.7 GiB: libarchive's and GzipCheck's), so also set QTEST_FUNCTION_TIMEOUT=1800000.

#include "TestDirs.h"
#include "store/ArchiveReader.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <malloc.h>

#include <cstring>
#include <functional>
#include <limits>

using namespace pbxvault;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.flush();
}

// Every file and folder below root, relative to it (hidden ones and symlinks included).
QStringList treeOf(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next().mid(root.size() + 1);
    out.sort();
    return out;
}

// Resident memory of this process in KiB: now (VmRSS) or its peak (VmHWM).
qint64 rssKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Restarts VmHWM at the current size (Linux >= 4.0); where refused, the peak growth reads low.
void restartPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
}

// Elapsed time and memory of one step, printed and kept for assertions: the peak growth while
// it ran, and what it still holds when done() is called (its result).
class Measure
{
public:
    explicit Measure(const char *what) : m_what(what)
    {
        malloc_trim(0); // memory freed earlier would otherwise be reused unseen
        restartPeakRss();
        m_rssBefore = rssKiB("VmRSS:");
        m_peakBefore = rssKiB("VmHWM:");
        m_timer.start();
    }
    void done()
    {
        m_ms = m_timer.elapsed();
        m_growthKiB = qMax(rssKiB("VmHWM:") - m_peakBefore, rssKiB("VmRSS:") - m_rssBefore);
        qInfo("%s: %.2f s, memory +%lld KiB (peak or held)", m_what, double(m_ms) / 1000.0,
              m_growthKiB);
    }
    qint64 rssGrowthKiB() const { return m_growthKiB; }

private:
    const char *m_what;
    QElapsedTimer m_timer;
    qint64 m_rssBefore = 0;
    qint64 m_peakBefore = 0;
    qint64 m_ms = 0;
    qint64 m_growthKiB = 0;
};

// A ustar header; sizes of 8 GiB and more in GNU base-256, as libarchive writes them.
QByteArray tarHeader(const QByteArray &name, qint64 size)
{
    QByteArray h(512, '\0');
    std::memcpy(h.data(), name.constData(), size_t(qMin<qsizetype>(name.size(), 100)));
    std::memcpy(h.data() + 100, "0000644", 7);
    std::memcpy(h.data() + 108, "0000000", 7);
    std::memcpy(h.data() + 116, "0000000", 7);
    if (size < (qint64(1) << 33)) {
        std::memcpy(h.data() + 124, QByteArray::number(size, 8).rightJustified(11, '0').constData(),
                    11);
    } else {
        h[124] = char(0x80);
        for (int i = 0; i < 8; ++i)
            h[135 - i] = char((size >> (8 * i)) & 0xff);
    }
    std::memcpy(h.data() + 136, "15117254400", 11); // 2026-12-01
    std::memset(h.data() + 148, ' ', 8);
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    unsigned sum = 0;
    for (const char c : std::as_const(h))
        sum += quint8(c);
    std::memcpy(h.data() + 148, QByteArray::number(sum, 8).rightJustified(6, '0').constData(), 6);
    h[154] = '\0';
    return h;
}

// One gzip member holding data, or `zeros` zero bytes (compressed from a 1 MiB buffer).
QByteArray gzipMember(const QByteArray &data, qint64 zeros = 0)
{
    z_stream z = {};
    if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    const QByteArray zeroChunk(kMiB, '\0');
    const auto pump = [&](const QByteArray &in, int flush) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        z.avail_in = uInt(in.size());
        do {
            z.next_out = reinterpret_cast<Bytef *>(buffer.data());
            z.avail_out = uInt(buffer.size());
            deflate(&z, flush);
            out.append(buffer.constData(), buffer.size() - qsizetype(z.avail_out));
        } while (z.avail_out == 0 || z.avail_in > 0);
    };
    pump(data, Z_NO_FLUSH);
    for (qint64 done = 0; done < zeros; done += kMiB)
        pump(zeroChunk.left(qMin(kMiB, zeros - done)), Z_NO_FLUSH);
    pump(QByteArray(), Z_FINISH);
    deflateEnd(&z);
    return out;
}

// One bzip2 stream of the given bytes or zeros, through libarchive's writer ("raw" format).
QByteArray bzip2Stream(const QByteArray &data, qint64 zeros = 0)
{
    QByteArray out(8 * kMiB, Qt::Uninitialized);
    size_t used = 0;
    archive *a = archive_write_new();
    archive_write_add_filter_bzip2(a);
    archive_write_set_format_raw(a);
    archive_write_set_bytes_in_last_block(a, 1);
    bool ok = archive_write_open_memory(a, out.data(), size_t(out.size()), &used) == ARCHIVE_OK;
    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname(entry, "raw");
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_size(entry, data.size() + zeros);
    ok = ok && archive_write_header(a, entry) == ARCHIVE_OK;
    ok = ok && archive_write_data(a, data.constData(), size_t(data.size())) == data.size();
    const QByteArray zeroChunk(kMiB, '\0');
    for (qint64 done = 0; ok && done < zeros; done += kMiB)
        ok = archive_write_data(a, zeroChunk.constData(), size_t(qMin(kMiB, zeros - done))) > 0;
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_entry_free(entry);
    archive_write_free(a);
    return ok ? out.left(qsizetype(used)) : QByteArray();
}

// A tar holding one file "zeros.bin" of `expanded` zero bytes, cut into compressed pieces of
// `piece` bytes each (expanded must be a multiple of it): header, pieces, end-of-archive.
QByteArray bomb(const std::function<QByteArray(const QByteArray &, qint64)> &compress,
                qint64 expanded, qint64 piece)
{
    const QByteArray zeros = compress(QByteArray(), piece);
    QByteArray out = compress(tarHeader("zeros.bin", expanded), 0);
    for (qint64 done = 0; done < expanded; done += piece)
        out += zeros;
    out += compress(QByteArray(1024, '\0'), 0);
    return out;
}

struct Member
{
    Member(const QByteArray &name, const QByteArray &data = {}, int type = AE_IFREG,
           const QByteArray &link = {})
        : name(name), data(data), type(type), link(link)
    {}
    QByteArray name;
    QByteArray data;
    int type;        // AE_IFREG...; 0 with a link: a hard link
    QByteArray link; // symlink target or hardlink target
};

bool writeTarGz(const QString &path, const QVector<Member> &members)
{
    archive *a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    bool ok = archive_write_open_filename(a, QFile::encodeName(path).constData()) == ARCHIVE_OK;
    for (const Member &m : members) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, m.name.constData());
        archive_entry_set_perm(entry, 0644);
        if (!m.link.isEmpty() && m.type == 0) {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, m.link.constData());
        } else {
            archive_entry_set_filetype(entry, mode_t(m.type));
            if (m.type == AE_IFLNK)
                archive_entry_set_symlink(entry, m.link.constData());
        }
        archive_entry_set_size(entry, m.type == AE_IFREG ? m.data.size() : 0);
        ok = ok && archive_write_header(a, entry) >= ARCHIVE_WARN;
        if (m.type == AE_IFREG && !m.data.isEmpty())
            ok = ok && archive_write_data(a, m.data.constData(), size_t(m.data.size())) ==
                           la_ssize_t(m.data.size());
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class StoreHostileTest : public QObject
{
    Q_OBJECT

private slots:
    void expansionLimit();
    void gzipBomb();
    void bzip2Bomb();
    void linksAndEscapingNames();
    void manyMembers();
    void truncatedGzip_data();
    void truncatedGzip();
    void randomFile();
};

void StoreHostileTest::expansionLimit()
{
    QCOMPARE(ArchiveReader::expansionLimitFor(0), ArchiveReader::kMinExpansionLimit);
    QCOMPARE(ArchiveReader::expansionLimitFor(10 * kMiB), 10 * kMiB * 1000);
    QCOMPARE(ArchiveReader::expansionLimitFor(qint64(1) << 40), qint64(64) << 30);
    QCOMPARE(ArchiveReader::expansionLimitFor(std::numeric_limits<qint64>::max()), qint64(64)
                                                                                       << 30);
}

// Compressed zeros in a tar.gz: gzip's best ratio is about 1030:1, just past the 1000:1 the
// store reads, so this is the worst a gzip file can do. It must end at the limit.
void StoreHostileTest::gzipBomb()
{
    const int requested = qEnvironmentVariableIntValue("PBXVAULT_HOSTILE_GZIP_BOMB_MIB");
    const qint64 expandedMiB = requested >= 64 ? requested / 64 * 64 : 512;
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("bomb.tar.gz"));
    const QByteArray bytes = bomb([](const QByteArray &d, qint64 z) { return gzipMember(d, z); },
                                  expandedMiB * kMiB, 64 * kMiB);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(writeFile(path, bytes));
    qInfo("gzip bomb: %lld bytes expanding to %lld MiB (%.0f:1)", qint64(bytes.size()), expandedMiB,
          double(expandedMiB * kMiB) / double(bytes.size()));
    QVERIFY(double(expandedMiB * kMiB) / double(bytes.size()) > 1000);

    Measure verifying("verify");
    const VerifyReport report = BackupStore::verify(path, sha256(bytes));
    verifying.done();
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(report.message.contains(QLatin1String("expands beyond")), qPrintable(report.message));
    QVERIFY(verifying.rssGrowthKiB() < 64 * 1024);

    Measure listing("listMembers");
    QVector<ArchiveMember> members;
    QString error;
    const bool listed = BackupStore::listMembers(path, &members, &error);
    listing.done();
    QVERIFY(!listed);
    QVERIFY2(error.contains(QLatin1String("expands beyond")), qPrintable(error));
    QVERIFY(listing.rssGrowthKiB() < 64 * 1024);

    Measure reading("readMember");
    QByteArray content;
    QVERIFY(!BackupStore::readMember(path, QStringLiteral("zeros.bin"), kMiB, &content, &error));
    reading.done();
    QVERIFY2(error.contains(QLatin1String("expands beyond")), qPrintable(error));
    QVERIFY(content.size() <= kMiB);
    QVERIFY(reading.rssGrowthKiB() < 64 * 1024);
    QCOMPARE(treeOf(dir.path()), QStringList{QStringLiteral("bomb.tar.gz")});
}

// bzip2 compresses zeros about 1,000,000:1: 10 GiB from a few tens of KiB. Reading stops at
// the floor of the limit (64 MiB), long before the end.
void StoreHostileTest::bzip2Bomb()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("bomb.tar.bz2"));
    const qint64 expanded = qint64(10) << 30;
    const QByteArray bytes =
        bomb([](const QByteArray &d, qint64 z) { return bzip2Stream(d, z); }, expanded, 16 * kMiB);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(writeFile(path, bytes));
    qInfo("bzip2 bomb: %lld bytes expanding to %lld MiB", qint64(bytes.size()), expanded / kMiB);

    Measure verifying("verify");
    const VerifyReport report = BackupStore::verify(path, sha256(bytes));
    verifying.done();
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(report.message.contains(QLatin1String("expands beyond")), qPrintable(report.message));

    Measure listing("listMembers");
    QVector<ArchiveMember> members;
    QString error;
    QVERIFY(!BackupStore::listMembers(path, &members, &error));
    listing.done();
    QVERIFY2(error.contains(QLatin1String("expands beyond")), qPrintable(error));

    Measure reading("readMember");
    QByteArray content;
    QVERIFY(!BackupStore::readMember(path, QStringLiteral("zeros.bin"), kMiB, &content, &error));
    reading.done();
    QVERIFY2(error.contains(QLatin1String("expands beyond")), qPrintable(error));
    for (const Measure *m : {&verifying, &listing, &reading})
        QVERIFY(m->rssGrowthKiB() < 64 * 1024);
    QCOMPARE(treeOf(dir.path()), QStringList{QStringLiteral("bomb.tar.bz2")});
}

// Names that would escape an extraction folder, and links to files outside. The store only
// reads: names come back as text, links have no content, nothing reaches the disk.
void StoreHostileTest::linksAndEscapingNames()
{
    test::TestDir dir;
    const QString folder = dir.filePath(QStringLiteral("pbx/tenant"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/hostile.tar.gz");
    const QByteArray absolute =
        QFile::encodeName(dir.filePath(QStringLiteral("outside/absolute.txt")));
    const QVector<Member> members = {
        {"../../escaped.txt", "up and out\n"},
        {absolute, "absolute path\n"},
        {"./a/../../../dotdot.txt", "dot dot\n"},
        {"link", {}, AE_IFLNK, "/etc"},
        {"link/passwd-through-link", "through a symlink\n"},
        {"uplink", {}, AE_IFLNK, "../../.."},
        {"hard", {}, 0, "/etc/passwd"},
        {"../dir/", {}, AE_IFDIR},
        {"fifo", {}, AE_IFIFO},
        {"ok.txt", "plain\n"},
    };
    QVERIFY(writeTarGz(path, members));
    const QByteArray bytes = readAll(path);

    const VerifyReport report = BackupStore::verify(path, sha256(bytes));
    QVERIFY(report.checksumMatches);
    QVERIFY(report.archiveRecognised);
    QVERIFY2(report.archiveIntact, qPrintable(report.message));

    QVector<ArchiveMember> listed;
    QString error;
    QVERIFY2(BackupStore::listMembers(path, &listed, &error), qPrintable(error));
    QStringList names;
    for (const ArchiveMember &m : std::as_const(listed))
        names << m.name;
    // Names are reported as the archive has them: callers never use them as paths.
    QVERIFY2(names.contains(QLatin1String("../../escaped.txt")), qPrintable(names.join(", ")));
    QVERIFY2(names.contains(QString::fromUtf8(absolute)), qPrintable(names.join(", ")));
    QVERIFY(!names.contains(QLatin1String("../dir/")));

    for (const ArchiveMember &m : std::as_const(listed)) {
        QByteArray content;
        QVERIFY2(BackupStore::readMember(path, m.name, kMiB, &content, &error),
                 qPrintable(m.name + QStringLiteral(": ") + error));
        QVERIFY2(!content.contains("root:"), qPrintable(m.name)); // never /etc/passwd
        if (m.name == QLatin1String("link") || m.name == QLatin1String("hard") ||
            m.name == QLatin1String("uplink"))
            QVERIFY2(content.isEmpty(), qPrintable(m.name));
    }
    QByteArray content;
    QVERIFY(BackupStore::readMember(path, QStringLiteral("link/passwd-through-link"), kMiB,
                                    &content, &error));
    QCOMPARE(content, QByteArray("through a symlink\n"));

    QCOMPARE(treeOf(dir.path()), (QStringList{QStringLiteral("pbx"), QStringLiteral("pbx/tenant"),
                                              QStringLiteral("pbx/tenant/hostile.tar.gz")}));
    QVERIFY(!QFile::exists(QFile::decodeName(absolute)));
}

// 100,001 empty members: 51 MB of tar headers in a small tar.gz. Listing must stay bounded
// (a capped list, or a refusal that says why) and verify must still read it all.
void StoreHostileTest::manyMembers()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("many.tar.gz"));
    constexpr int kCount = 100001;
    QVector<Member> members;
    members.reserve(kCount);
    for (int i = 0; i < kCount; ++i)
        members.append(
            {QByteArray("etc/many/file-") + QByteArray::number(i).rightJustified(6, '0'), {}});
    QVERIFY(writeTarGz(path, members));
    members.clear();
    members.squeeze();
    const QByteArray bytes = readAll(path);
    qInfo("%d members in %lld bytes", kCount, qint64(bytes.size()));

    Measure listing("listMembers");
    QVector<ArchiveMember> listed;
    QString error;
    const bool ok = BackupStore::listMembers(path, &listed, &error);
    listing.done();
    qInfo("listMembers: %s, %lld names, %s", ok ? "ok" : "refused", qint64(listed.size()),
          qPrintable(error));
    QVERIFY(listed.size() < kCount);
    QVERIFY(ok || !error.isEmpty());
    if (!ok)
        QVERIFY2(error.contains(QString::number(listed.size())) ||
                     error.contains(QLocale().toString(listed.size())) ||
                     error.contains(QLatin1String("more than")),
                 qPrintable(error));
    QVERIFY(listing.rssGrowthKiB() < 128 * 1024);
    listed.clear();
    listed.squeeze();

    Measure verifying("verify");
    const VerifyReport report = BackupStore::verify(path, sha256(bytes));
    verifying.done();
    QVERIFY(report.checksumMatches);
    QVERIFY2(report.archiveIntact, qPrintable(report.message));
    QVERIFY(verifying.rssGrowthKiB() < 64 * 1024);

    Measure reading("readMember (last)");
    QByteArray content;
    QVERIFY2(BackupStore::readMember(path, QStringLiteral("etc/many/file-100000"), kMiB, &content,
                                     &error),
             qPrintable(error));
    reading.done();
    QVERIFY(content.isEmpty());
    QCOMPARE(treeOf(dir.path()), QStringList{QStringLiteral("many.tar.gz")});
}

void StoreHostileTest::truncatedGzip_data()
{
    QTest::addColumn<int>("cutAt"); // percent of the file kept; -8: all but the gzip trailer
    QTest::newRow("half") << 50;
    QTest::newRow("first 100 bytes") << -100;
    QTest::newRow("without the CRC and length") << -8;
}

void StoreHostileTest::truncatedGzip()
{
    QFETCH(int, cutAt);
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("cut.tar.gz"));
    QByteArray random(256 * 1024, Qt::Uninitialized);
    QRandomGenerator(3).fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    QVERIFY(
        writeTarGz(path, {{"manifest.json", R"({"firmware":"4.9.1"})"},
                          {"db/dump.sql", QByteArray("INSERT INTO t VALUES (1);\n").repeated(4000)},
                          {"padding.bin", random}}));
    const QByteArray whole = readAll(path);
    const QByteArray cut = cutAt == -8     ? whole.left(whole.size() - 8)
                           : cutAt == -100 ? whole.left(100)
                                           : whole.left(whole.size() * cutAt / 100);
    QVERIFY(writeFile(path, cut));

    const VerifyReport report = BackupStore::verify(path, sha256(cut));
    QVERIFY(report.checksumMatches);
    if (cutAt != -100) // 100 bytes may not even hold a whole tar header
        QVERIFY(report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QVERIFY2(!report.message.isEmpty() && !report.message.contains(QLatin1String("unknown")),
             qPrintable(report.message));

    QByteArray content;
    QString error;
    if (cutAt != -8) {
        QVERIFY(
            !BackupStore::readMember(path, QStringLiteral("padding.bin"), kMiB, &content, &error));
        QVERIFY(!error.isEmpty());
        QVector<ArchiveMember> members;
        QVERIFY(!BackupStore::listMembers(path, &members, &error));
    }
    QCOMPARE(treeOf(dir.path()), QStringList{QStringLiteral("cut.tar.gz")});
}

// 5 kB of noise with its checksum recorded: the checksum matches, but nothing says the content
// is a backup, so it is never "intact".
void StoreHostileTest::randomFile()
{
    test::TestDir dir;
    const QString path = dir.filePath(QStringLiteral("noise.tar.gz"));
    QByteArray noise(5000, Qt::Uninitialized);
    QRandomGenerator(11).fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    QVERIFY(writeFile(path, noise));

    const VerifyReport report = BackupStore::verify(path, sha256(noise));
    QVERIFY(report.fileReadable);
    QVERIFY(report.checksumMatches);
    QVERIFY(!report.archiveRecognised);
    QVERIFY(!report.archiveIntact);
    QCOMPARE(report.size, qint64(noise.size()));

    QVector<ArchiveMember> members;
    QString error;
    QVERIFY(!BackupStore::listMembers(path, &members, &error));
    QVERIFY(members.isEmpty());
    QByteArray content;
    QVERIFY(
        !BackupStore::readMember(path, QStringLiteral("manifest.json"), kMiB, &content, &error));
    QCOMPARE(treeOf(dir.path()), QStringList{QStringLiteral("noise.tar.gz")});
}

QTEST_GUILESS_MAIN(StoreHostileTest)
#include "tst_store_hostile.moc"
