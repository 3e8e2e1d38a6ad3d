// Prints how long the catalog takes to insert and list many backups. Not a test: run by hand,
// build/bin/bench_catalog [rows [listing runs]]; with PBXVAULT_TEST_CATALOG=postgresql in the
// environment, against a PostgreSQL server of its own (PgServer) instead of an SQLite file.
// Wall time and process CPU time are both shown because a shared build machine makes wall
// time noisy. On PostgreSQL the server's CPU time is not in the process's: the CPU time of the
// server process serving the catalog's connection is shown too (read from /proc, Linux only).
#include "PgServer.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "catalog/CatalogDatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <unistd.h>

using namespace pbxvault;

namespace {

QVector<BackupRecord> makeBackups(int count, const QVector<PbxRecord> &pbxs)
{
    QVector<BackupRecord> out;
    out.reserve(count);
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-qint64(count) * 3600);
    for (int i = 0; i < count; ++i) {
        const PbxRecord &pbx = pbxs.at(i % pbxs.size());
        BackupRecord b;
        b.pbxId = pbx.id;
        b.createdAt = start.addSecs(qint64(i) * 3600);
        b.filename = QStringLiteral("%1_%2_4.9.3.bak")
                         .arg(pbx.name, b.createdAt.toString(QStringLiteral("yyyyMMdd-HHmmss")));
        b.size = 1024 * 1024 + i;
        b.sha256 = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
        b.masterIp = QStringLiteral("192.0.2.%1").arg(i % 250 + 1);
        b.path = QStringLiteral("/home/operator/.local/share/pbxvault/backups/%1/default/%2")
                     .arg(pbx.name, b.filename);
        b.firmware = QStringLiteral("4.9.3");
        b.origin = i % 3 ? BackupOrigin::Scheduled : BackupOrigin::Manual;
        out.append(b);
    }
    return out;
}

double cpuMs()
{
    return 1000.0 * double(std::clock()) / CLOCKS_PER_SEC;
}

// The PostgreSQL server process serving the catalog's connection; 0 on SQLite.
qint64 serverPid(Catalog &catalog)
{
    if (!catalog.isPostgres())
        return 0;
    QSqlQuery q(catalog.database().database());
    return q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next() ? q.value(0).toLongLong()
                                                                         : 0;
}

// CPU time (user + system) of process pid so far; 0 when not known.
double processCpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // The fields after the command name (in parentheses, which may hold spaces): utime and
    // stime are the 12th and 13th of them, in clock ticks.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return 1000.0 * double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) /
           double(sysconf(_SC_CLK_TCK));
}

template <typename T> T median(QVector<T> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    const int runs = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 5;
    QTextStream out(stdout);
    test::TestDir dir;
    QString error;
    QString location = dir.filePath(QStringLiteral("catalog.sqlite"));
    test::PgServer server;
    if (qEnvironmentVariable("PBXVAULT_TEST_CATALOG") == QLatin1String("postgresql")) {
        if (!server.start(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        location = QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
                       .arg(server.databaseName(), server.socketDir())
                       .arg(server.port())
                       .arg(server.userName());
    }
    out << "catalog: " << location << "\n";
    auto catalog = Catalog::open(location, &error);
    if (!catalog) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QVector<PbxRecord> pbxs;
    for (int i = 0; i < 4; ++i) {
        PbxRecord pbx;
        pbx.name = QStringLiteral("pbx-%1").arg(i);
        pbx.url = QUrl(QStringLiteral("https://pbx-%1.example.net").arg(i));
        pbx.role = i == 0 ? PbxRole::Master : PbxRole::Secondary;
        if (!catalog->addPbx(&pbx)) {
            std::fprintf(stderr, "%s\n", qPrintable(catalog->lastError()));
            return 1;
        }
        pbxs.append(pbx);
    }

    const qint64 backend = serverPid(*catalog);
    QVector<BackupRecord> backups = makeBackups(rows, pbxs);
    QElapsedTimer timer;
    timer.start();
    double cpu = cpuMs();
    double serverCpu = processCpuMs(backend);
    if (!catalog->addBackups(&backups)) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog->lastError()));
        return 1;
    }
    const qint64 insertMs = timer.elapsed();
    const double insertCpuMs = cpuMs() - cpu;
    const double insertServerCpuMs = processCpuMs(backend) - serverCpu;

    QVector<qint64> all, onePbx, list;
    QVector<double> allCpu, listCpu, listServerCpu;
    qsizetype listed = 0, listedOne = 0, listedList = 0;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        cpu = cpuMs();
        serverCpu = processCpuMs(backend);
        listedList = catalog->backupList().size();
        list.append(timer.elapsed());
        listCpu.append(cpuMs() - cpu);
        listServerCpu.append(processCpuMs(backend) - serverCpu);
        timer.restart();
        cpu = cpuMs();
        listed = catalog->backups().size();
        all.append(timer.elapsed());
        allCpu.append(cpuMs() - cpu);
        timer.restart();
        listedOne = catalog->backups(pbxs.at(1).id).size();
        onePbx.append(timer.elapsed());
    }
    // What a command-line run sees: a fresh process opens the catalog and lists once.
    const QString path = catalog->path();
    catalog.reset();
    timer.restart();
    catalog = Catalog::open(path, &error);
    const qint64 reopenMs = timer.elapsed();
    timer.restart();
    cpu = cpuMs();
    const qsizetype listedFresh = catalog ? catalog->backups().size() : 0;
    const qint64 freshMs = timer.elapsed();
    const double freshCpuMs = cpuMs() - cpu;

    timer.restart();
    const qint64 count = catalog ? catalog->backupCount() : 0;
    const qint64 countMs = timer.elapsed();

    // Clock ticks are 10 ms: the server's share of one listing is averaged over the runs.
    const auto serverShare = [backend](double ms) {
        return backend > 0 ? QStringLiteral(", server %1 ms CPU").arg(qRound(ms)) : QString();
    };
    double listServerCpuMs = 0;
    for (double ms : std::as_const(listServerCpu))
        listServerCpuMs += ms / runs;
    out << "rows inserted:               " << rows << "\n"
        << "addBackups (one transaction): " << insertMs << " ms wall, " << qRound(insertCpuMs)
        << " ms CPU" << serverShare(insertServerCpuMs) << "\n"
        << "backupList() (Backups list), " << listedList << " rows: median " << median(list)
        << " ms wall (min " << *std::min_element(list.begin(), list.end()) << "), median "
        << qRound(median(listCpu)) << " ms CPU" << serverShare(listServerCpuMs) << " (mean)\n"
        << "backups() all, " << listed << " rows: median " << median(all) << " ms wall (min "
        << *std::min_element(all.begin(), all.end()) << ", first " << all.first() << "), median "
        << qRound(median(allCpu)) << " ms CPU\n"
        << "reopen: " << reopenMs << " ms, then backups() " << listedFresh << " rows: " << freshMs
        << " ms wall, " << qRound(freshCpuMs) << " ms CPU\n"
        << "backups(pbx), " << listedOne << " rows: median " << median(onePbx) << " ms\n"
        << "backupCount() = " << count << ": " << countMs << " ms\n";
    catalog.reset();
    return listed == rows && listedList == rows && count == rows ? 0 : 1;
}
