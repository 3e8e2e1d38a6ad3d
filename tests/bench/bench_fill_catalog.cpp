// Fills a catalog with N backups of one PBX, for the list benchmarks.
// Usage: bench_fill_catalog DATA_DIR N
#include "catalog/Catalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

using namespace pbxvault;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: bench_fill_catalog DATA_DIR N\n";
        return 2;
    }
    const int count = args.at(2).toInt();
    QDir().mkpath(args.at(1));
    QString error;
    auto catalog =
        Catalog::open(QDir(args.at(1)).filePath(QStringLiteral("catalog.sqlite")), &error);
    if (!catalog) {
        QTextStream(stderr) << error << '\n';
        return 1;
    }
    PbxRecord pbx;
    pbx.name = QStringLiteral("bench-%1").arg(catalog->pbxs().size());
    pbx.url = QUrl(QStringLiteral("https://127.0.0.1:1"));
    pbx.username = QStringLiteral("admin");
    pbx.role = catalog->pbxs().isEmpty() ? PbxRole::Master : PbxRole::Secondary;
    if (!catalog->addPbx(&pbx)) {
        QTextStream(stderr) << catalog->lastError() << '\n';
        return 1;
    }
    QVector<BackupRecord> rows;
    rows.reserve(count);
    const QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < count; ++i) {
        BackupRecord b;
        b.pbxId = pbx.id;
        b.filename =
            QStringLiteral("%1_%2_4.9.4.bak").arg(pbx.name).arg(i, 6, 10, QLatin1Char('0'));
        b.size = 1000000 + (i * 7919) % 5000000;
        b.sha256 = QString::number(i, 16).rightJustified(64, QLatin1Char('0'));
        b.createdAt = start.addSecs(qint64(i) * 600);
        b.masterIp = QStringLiteral("10.0.%1.%2").arg((i / 250) % 250).arg(i % 250);
        b.path = QStringLiteral("/nonexistent/%1").arg(b.filename);
        b.firmware = QStringLiteral("4.9.4");
        rows.append(b);
    }
    QElapsedTimer timer;
    timer.start();
    if (!catalog->addBackups(&rows)) {
        QTextStream(stderr) << catalog->lastError() << '\n';
        return 1;
    }
    QTextStream(stdout) << "inserted " << count << " backups in " << timer.elapsed() << " ms\n";
    return 0;
}
