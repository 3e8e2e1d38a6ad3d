// `pbxvault catalog copy --to` and `--catalog` with the real executable, pbxsim, the keyring and a
// real PostgreSQL server started by the test: a desktop catalog moves to PostgreSQL and back,
// every command then works on the copy (the backup lists are equal, a new backup lands there),
// and a catalog that already holds something is refused and left alone.
#include "CliHarness.h"
#include "PbxSim.h"
#include "PgServer.h"
#include "TestDirs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "c4talog-Pa55word!";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

// Ids and file names of `backups --json`, the part that must survive a copy.
QStringList backupsOf(const CliResult &r)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        out << QStringLiteral("%1 %2")
                   .arg(v[QStringLiteral("id")].toInteger())
                   .arg(v[QStringLiteral("filename")].toString());
    return out;
}

} // namespace

class TestCliCatalogCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toPostgresAndBack()
    {
        if (PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL is not installed (Debian package postgresql)");
        const QString noDriver = PgServer::whyNoDriver();
        if (!noDriver.isEmpty())
            QSKIP(qPrintable(noDriver));
        PgServer pg;
        QString error;
        QVERIFY2(pg.start(&error), qPrintable(error));
        const QString uri = QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
                                .arg(pg.databaseName(), pg.socketDir())
                                .arg(pg.port())
                                .arg(pg.userName());

        TestDir dir;
        CliHarness cli(dir.filePath(QStringLiteral("data")));
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        PbxSim sim(o);
        QVERIFY2(sim.start(&error), qPrintable(error));
        CliResult r =
            cli.run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("hq"),
                     QStringLiteral("--url"), sim.url().toString(), QStringLiteral("--user"),
                     QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                     QStringLiteral("--trust-fingerprint"), sim.fingerprint()},
                    kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        for (int i = 0; i < 2; ++i) {
            r = cli.run({QStringLiteral("backup"), QStringLiteral("hq")});
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
        const QStringList desktop =
            backupsOf(cli.run({QStringLiteral("--json"), QStringLiteral("backups")}));
        QCOMPARE(desktop.size(), 2);

        r = cli.run(
            {QStringLiteral("catalog"), QStringLiteral("copy"), QStringLiteral("--to"), uri});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = cli.run({QStringLiteral("--catalog"), uri, QStringLiteral("--json"),
                     QStringLiteral("backups")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(backupsOf(r), desktop);
        // The PBX's password is found: the keychain entry belongs to the catalog id, copied too.
        r = cli.run(
            {QStringLiteral("--catalog"), uri, QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QStringList team =
            backupsOf(cli.run({QStringLiteral("--catalog"), uri, QStringLiteral("--json"),
                               QStringLiteral("backups")}));
        QCOMPARE(team.size(), 3);

        // A second copy onto the now full database is refused; it stays as it was.
        r = cli.run(
            {QStringLiteral("catalog"), QStringLiteral("copy"), QStringLiteral("--to"), uri});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QCOMPARE(backupsOf(cli.run({QStringLiteral("--catalog"), uri, QStringLiteral("--json"),
                                    QStringLiteral("backups")})),
                 team);

        // And back to a new SQLite file.
        const QString back = dir.filePath(QStringLiteral("back.sqlite"));
        r = cli.run({QStringLiteral("--catalog"), uri, QStringLiteral("catalog"),
                     QStringLiteral("copy"), QStringLiteral("--to"), back});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(backupsOf(cli.run({QStringLiteral("--catalog"), back, QStringLiteral("--json"),
                                    QStringLiteral("backups")})),
                 team);
        QVERIFY2(!cli.transcript().contains(kPassword), "the password leaked");
    }
};

QTEST_GUILESS_MAIN(TestCliCatalogCopy)
#include "tst_cli_catalog_copy.moc"
