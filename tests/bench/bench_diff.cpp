// Diff of two large backup archives: the peak RSS stays under 64 MiB whatever their size.
//   build/bin/bench_diff [SIZE_MIB]   (default 1024: two archives of about 1 GiB each)
// Each archive: a manifest, a few configuration files, a 6 MiB SQL dump (over the text cap)
// and a SIZE_MIB binary member of random bytes; the second differs by one line in a
// configuration file, a line appended to the dump, 16 bytes in the middle of the binary
// member and the manifest's creation time. Gzip level 0 (stored blocks, like pbxsim's
// padding) keeps the archives at full size and writes them at disk speed.
// Exit status: 0 when the diff is right and the peak RSS is under 64 MiB, 1 otherwise.
#include "TestArchive.h"
#include "diff/ArchiveDiff.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

constexpr qint64 kRssLimitKiB = 64 * 1024;

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Random bytes that depend only on their position, so both archives share them.
void fillRandom(char *out, qint64 offset, qint64 n)
{
    quint64 state = quint64(offset) * 0x9e3779b97f4a7c15ull + 1;
    for (qint64 i = 0; i < n; i += 8) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        const qint64 take = qMin<qint64>(8, n - i);
        memcpy(out + i, &state, size_t(take));
    }
}

bool writeArchive(const QString &path, qint64 binaryBytes, bool changed)
{
    TestArchive archive(path, 0);
    const QByteArray created = changed ? "2026-12-01T11:00:00Z" : "2026-12-01T10:00:00Z";
    bool ok = archive.add(QStringLiteral("manifest.json"),
                          R"({"product":"KalliopePBX","firmware":"4.9.4","created":")" + created +
                              "\"}\n");
    QByteArray sip;
    for (int i = 0; i < 2000; ++i)
        sip += "[peer" + QByteArray::number(i) + "]\ntype=friend\nhost=dynamic\n";
    if (changed)
        sip.replace("[peer1000]\ntype=friend", "[peer1000]\ntype=peer");
    ok = ok && archive.add(QStringLiteral("etc/sip.conf"), sip);
    ok = ok && archive.add(QStringLiteral("etc/extensions.conf"),
                           "[default]\nexten => 100,1,Dial(SIP/100)\n");
    QByteArray dump;
    for (int i = 0; dump.size() < (6 << 20); ++i)
        dump += "INSERT INTO cdr VALUES (" + QByteArray::number(i) + ", 'call');\n";
    if (changed)
        dump += "INSERT INTO cdr VALUES (-1, 'new call');\n";
    ok = ok && archive.add(QStringLiteral("db/dump.sql"), dump);
    dump = QByteArray();
    const qint64 flipAt = binaryBytes / 2;
    ok = ok &&
         archive.addStreamed(QStringLiteral("var/spool/recordings.bin"), binaryBytes,
                             [&](char *out, qint64 offset, qint64 n) {
                                 fillRandom(out, offset, n);
                                 if (changed && flipAt >= offset && flipAt < offset + n)
                                     for (qint64 i = flipAt; i < qMin(flipAt + 16, offset + n); ++i)
                                         out[i - offset] = char(~out[i - offset]);
                             });
    ok = archive.close() && ok;
    if (!ok)
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path),
                     qPrintable(archive.error()));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 sizeMiB = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1024;
    if (sizeMiB <= 0) {
        std::fprintf(stderr, "usage: bench_diff [SIZE_MIB]\n");
        return 2;
    }
    const QByteArray tmp = qgetenv("PBXVAULT_TEST_TMP");
    if (!tmp.isEmpty())
        QDir().mkpath(QString::fromLocal8Bit(tmp));
    QTemporaryDir dir(tmp.isEmpty()
                          ? QDir::tempPath() + QStringLiteral("/bench_diff-XXXXXX")
                          : QString::fromLocal8Bit(tmp) + QStringLiteral("/bench_diff-XXXXXX"));
    const QString a = dir.filePath(QStringLiteral("a.tar.gz"));
    const QString b = dir.filePath(QStringLiteral("b.tar.gz"));
    QElapsedTimer timer;
    timer.start();
    if (!writeArchive(a, sizeMiB << 20, false) || !writeArchive(b, sizeMiB << 20, true))
        return 1;
    const qint64 writeMs = timer.restart();
    const qint64 rssBefore = peakRssKiB();
    // Writing the archives has its own peak; measure the diff's alone (Linux >= 4.0).
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    const bool peakReset = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
    clearRefs.close();

    ArchiveDiff diff(a, b);
    ArchiveComparison result;
    if (!diff.compare(&result)) {
        std::fprintf(stderr, "diff failed: %s\n", qPrintable(diff.errorString()));
        return 1;
    }
    const qint64 diffMs = timer.elapsed();
    const qint64 rss = peakRssKiB();

    QStringList changes;
    for (const MemberDiff &m : result.members) {
        if (m.isChange())
            changes << toString(m.status) + QLatin1Char(' ') + m.name;
    }
    const QStringList expected{QStringLiteral("changed db/dump.sql"),
                               QStringLiteral("changed etc/sip.conf"),
                               QStringLiteral("changed var/spool/recordings.bin")};
    std::printf("archives: 2 x %.1f MiB written in %lld ms\n",
                double(QFileInfo(a).size()) / (1 << 20), writeMs);
    std::printf("diff: %lld ms, changes: %s\n", diffMs,
                qPrintable(changes.join(QStringLiteral(", "))));
    std::printf("peak RSS of the diff: %.1f MiB (target < 64 MiB; writing the archives peaked at "
                "%.1f MiB%s)\n",
                rss / 1024.0, rssBefore / 1024.0,
                peakReset ? "" : ", and could not be told apart: this figure includes it");
    if (changes != expected) {
        std::printf("unexpected changes\n");
        return 1;
    }
    return rss >= 0 && rss < kRssLimitKiB ? 0 : 1;
}
