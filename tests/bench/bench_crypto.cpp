// Encryption at rest, streamed: encrypt a SIZE_MIB file to another file, decrypt it back to a
// third, and print MiB/s of each next to a plain copy of the same file, and the peak RSS.
//   build/bin/bench_crypto [SIZE_MIB]   (default 512)
// Blocks of 16 KiB, like the network hands a download over. Exit status: 0 when the
// decrypted file matches (SHA-256) and the peak RSS of the crypto passes stays under 64 MiB.
#include "common/Sha256.h"
#include "crypto/DecryptingReader.h"
#include "crypto/EncryptingWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace pbxvault;

namespace {

constexpr qint64 kRssLimitKiB = 64 * 1024;
constexpr qint64 kBlock = 16 * 1024;

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

bool resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

double mibPerSecond(qint64 bytes, qint64 ms)
{
    return ms > 0 ? double(bytes) / (1 << 20) / (double(ms) / 1000.0) : 0.0;
}

// Random-looking bytes (incompressible, like a gzip backup), fast to make.
bool writePlain(const QString &path, qint64 size, QString *sha)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    Sha256 hash;
    QByteArray block(kBlock * 64, Qt::Uninitialized);
    quint64 state = 0x243f6a8885a308d3ull;
    for (qint64 done = 0; done < size;) {
        auto *words = reinterpret_cast<quint64 *>(block.data());
        for (qsizetype i = 0; i < block.size() / 8; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            words[i] = state;
        }
        const qint64 n = qMin<qint64>(block.size(), size - done);
        hash.addData(QByteArrayView(block).first(n));
        if (out.write(block.constData(), n) != n)
            return false;
        done += n;
    }
    *sha = hash.hex();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 sizeMiB = argc > 1 ? QByteArray(argv[1]).toLongLong() : 512;
    if (sizeMiB <= 0) {
        std::fprintf(stderr, "usage: bench_crypto [SIZE_MIB]\n");
        return 2;
    }
    const QByteArray tmp = qgetenv("PBXVAULT_TEST_TMP");
    if (!tmp.isEmpty())
        QDir().mkpath(QString::fromLocal8Bit(tmp));
    QTemporaryDir dir((tmp.isEmpty() ? QDir::tempPath() : QString::fromLocal8Bit(tmp)) +
                      QStringLiteral("/bench_crypto-XXXXXX"));
    const QString plainPath = dir.filePath(QStringLiteral("backup.tar.gz"));
    const QString copyPath = dir.filePath(QStringLiteral("copy.tar.gz"));
    const QString encPath = dir.filePath(QStringLiteral("backup.tar.gz.enc"));
    const QString decPath = dir.filePath(QStringLiteral("decrypted.tar.gz"));
    const qint64 size = sizeMiB << 20;

    QString plainSha;
    if (!dir.isValid() || !writePlain(plainPath, size, &plainSha)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(plainPath));
        return 1;
    }
    const VaultKey key = VaultKey::generate();
    QByteArray block(kBlock, Qt::Uninitialized);
    const bool peakReset = resetPeakRss();
    QElapsedTimer timer;

    // Baseline: the same reads and writes without encryption.
    timer.start();
    {
        QFile in(plainPath), out(copyPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            return 1;
        qint64 n;
        while ((n = in.read(block.data(), block.size())) > 0) {
            if (out.write(block.constData(), n) != n)
                return 1;
        }
        if (!out.flush())
            return 1;
    }
    const qint64 copyMs = timer.restart();

    {
        QFile in(plainPath), out(encPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            return 1;
        EncryptingWriter writer(key, &out);
        qint64 n;
        while ((n = in.read(block.data(), block.size())) > 0) {
            if (!writer.write(QByteArrayView(block).first(n))) {
                std::fprintf(stderr, "%s\n", qPrintable(writer.errorString()));
                return 1;
            }
        }
        if (!writer.finish() || !out.flush()) {
            std::fprintf(stderr, "%s\n", qPrintable(writer.errorString()));
            return 1;
        }
    }
    const qint64 encryptMs = timer.restart();

    Sha256 hash;
    {
        QFile in(encPath), out(decPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            return 1;
        DecryptingReader reader(key, &in);
        qint64 n;
        while ((n = reader.read(block.data(), block.size())) > 0) {
            hash.addData(QByteArrayView(block).first(n));
            if (out.write(block.constData(), n) != n)
                return 1;
        }
        if (n < 0 || !reader.atEnd()) {
            std::fprintf(stderr, "%s\n", qPrintable(reader.errorString()));
            return 1;
        }
        if (!out.flush())
            return 1;
    }
    const qint64 decryptMs = timer.elapsed();
    const qint64 rss = peakRssKiB();

    const qint64 encSize = QFileInfo(encPath).size();
    std::printf("file: %lld MiB; encrypted %lld bytes (+%lld)\n", sizeMiB, encSize, encSize - size);
    std::printf("plain copy: %lld ms, %.0f MiB/s\n", copyMs, mibPerSecond(size, copyMs));
    std::printf("encrypt:    %lld ms, %.0f MiB/s (%.2fx the plain copy)\n", encryptMs,
                mibPerSecond(size, encryptMs), copyMs > 0 ? double(encryptMs) / copyMs : 0.0);
    std::printf("decrypt:    %lld ms, %.0f MiB/s, SHA-256 and write included (%.2fx)\n", decryptMs,
                mibPerSecond(size, decryptMs), copyMs > 0 ? double(decryptMs) / copyMs : 0.0);
    std::printf("peak RSS: %.1f MiB (target < 64 MiB%s)\n", rss / 1024.0,
                peakReset ? "" : "; includes writing the test file");
    const bool same = hash.hex() == plainSha;
    if (!same)
        std::printf("decrypted file differs\n");
    return same && rss >= 0 && rss < kRssLimitKiB ? 0 : 1;
}
