// Loopback SFTP throughput of SftpTarget against a real sshd (SshServer): put (upload, fsync,
// read-back and SHA-256 check, rename) and get of one file, plus the peak RSS of this process.
// Usage: bench_sftp [MiB]   (default 256)
#include "OffsiteTestFiles.h"
#include "SshServer.h"
#include "TestDirs.h"
#include "offsite/SftpTarget.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

#include <sys/resource.h>

using namespace pbxvault;

namespace {

double mibPerSecond(qint64 bytes, qint64 ms)
{
    return ms > 0 ? (double(bytes) / (1024.0 * 1024.0)) / (double(ms) / 1000.0) : 0.0;
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 mib = argc > 1 ? QByteArray(argv[1]).toLongLong() : 256;
    const qint64 size = mib * 1024 * 1024;
    if (test::SshServer::sshdPath().isEmpty()) {
        std::fprintf(stderr, "bench_sftp: /usr/sbin/sshd is not installed\n");
        return 2;
    }
    test::SshServer server;
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "bench_sftp: %s\n", qPrintable(error));
        return 1;
    }
    test::TestDir local;
    const QString source = local.filePath(QStringLiteral("source.bin"));
    const QString sha = test::writeRandomFile(source, size);
    const long rssBefore = peakRssKiB();

    SftpEndpoint endpoint;
    endpoint.host = server.host();
    endpoint.port = server.port();
    endpoint.user = server.user();
    endpoint.remoteDir = server.remoteDir();
    endpoint.privateKey = server.clientPrivateKey();
    endpoint.pinnedHostKey = server.hostKeyFingerprint();
    SftpTarget target(endpoint);

    QElapsedTimer clock;
    clock.start();
    qint64 uploadMs = -1;
    const CopyResult put =
        target.put(source, QStringLiteral("bench.bin"), [&](qint64 done, qint64) {
            if (uploadMs < 0 && done >= size)
                uploadMs = clock.elapsed();
        });
    const qint64 putMs = clock.elapsed();
    if (!put.ok() || put.sha256 != sha) {
        std::fprintf(stderr, "bench_sftp: put failed: %s\n", qPrintable(put.message));
        return 1;
    }

    clock.restart();
    const CopyResult got =
        target.get(QStringLiteral("bench.bin"), local.filePath(QStringLiteral("fetched.bin")), {},
                   nullptr, size, sha);
    const qint64 getMs = clock.elapsed();
    if (!got.ok()) {
        std::fprintf(stderr, "bench_sftp: get failed: %s\n", qPrintable(got.message));
        return 1;
    }

    std::printf("SFTP on loopback (OpenSSH sshd, libssh client), %lld MiB file\n", mib);
    std::printf(
        "  put (upload + fsync + read-back SHA-256 + rename): %lld ms, %.1f MiB/s of file\n", putMs,
        mibPerSecond(size, putMs));
    std::printf("    upload phase: %lld ms, %.1f MiB/s; read-back phase: %lld ms, %.1f MiB/s\n",
                uploadMs, mibPerSecond(size, uploadMs), putMs - uploadMs,
                mibPerSecond(size, putMs - uploadMs));
    std::printf("  get (download + SHA-256 + fsync + rename): %lld ms, %.1f MiB/s\n", getMs,
                mibPerSecond(size, getMs));
    std::printf("  peak RSS: %ld KiB (%ld KiB before the transfers)\n", peakRssKiB(), rssBefore);
    return 0;
}
