// `pbxvault catalog login|logout` and `--catalog` with the keychain's password, with the real
// executable, the keyring and a real PostgreSQL server started by the test whose catalog user
// must give a password (scram-sha-256): a refused password stores nothing, an accepted one lets
// --catalog work without PGPASSFILE, logout forgets it, and no password is ever printed.
#include "CliHarness.h"
#include "PgServer.h"
#include "TestDirs.h"
#include "catalog/CatalogLocation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "t3am-Cat4log!pw";
const QByteArray kWrongPassword = "not-the-Passw0rd";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

// A login role "alice" with a password, owning the database "teamdb", and a pg_hba.conf that
// makes her give it over the socket (the superuser keeps trust). Waits until the server has
// reloaded the rules: a wrong password is refused.
bool requirePasswordFor(PgServer &pg, const QString &uri, QString *error)
{
    QSqlDatabase db = pg.openDatabase(QString(), error);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    const QStringList setup{
        QStringLiteral("CREATE ROLE alice LOGIN PASSWORD '%1'").arg(QString::fromLatin1(kPassword)),
        QStringLiteral("CREATE DATABASE teamdb OWNER alice"),
    };
    for (const QString &sql : setup) {
        if (!q.exec(sql)) {
            *error = sql.left(20) + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
    }
    QFile hba(pg.dataDir() + QStringLiteral("/pg_hba.conf"));
    if (!hba.open(QIODevice::ReadOnly)) {
        *error = hba.errorString();
        return false;
    }
    const QByteArray rules = "local all alice scram-sha-256\n" + hba.readAll();
    hba.close();
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate) || hba.write(rules) != rules.size()) {
        *error = hba.errorString();
        return false;
    }
    hba.close();
    if (!q.exec(QStringLiteral("SELECT pg_reload_conf()"))) {
        *error = q.lastError().text();
        return false;
    }
    const CatalogLocation location = CatalogLocation::parse(uri);
    if (!QTest::qWaitFor(
            [&] { return !location.checkServer(QString::fromLatin1(kWrongPassword)).connected; },
            20000)) {
        *error = QStringLiteral("the server still accepts any password");
        return false;
    }
    return true;
}

} // namespace

class TestCliCatalogLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loginThenCatalogWorksWithoutPgpassfile()
    {
        if (PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL is not installed (Debian package postgresql)");
        const QString noDriver = PgServer::whyNoDriver();
        if (!noDriver.isEmpty())
            QSKIP(qPrintable(noDriver));
        PgServer pg;
        QString error;
        QVERIFY2(pg.start(&error), qPrintable(error));
        const QString uri = QStringLiteral("postgresql:///teamdb?host=%1&port=%2&user=alice")
                                .arg(pg.socketDir())
                                .arg(pg.port());
        QVERIFY2(requirePasswordFor(pg, uri, &error), qPrintable(error));

        TestDir dir;
        CliHarness cli(dir.filePath(QStringLiteral("data")));
        // No password file anywhere: only the keychain can give the password.
        cli.environment().insert(QStringLiteral("PGPASSFILE"),
                                 dir.filePath(QStringLiteral("no-such-pgpass")));
        cli.environment().remove(QStringLiteral("PGPASSWORD"));
        const QStringList listBackups{QStringLiteral("--catalog"), uri, QStringLiteral("--json"),
                                      QStringLiteral("backups")};

        CliResult r = cli.run(listBackups);
        QVERIFY2(r.exitCode == 9, qPrintable(describe(r)));

        // A refused password: a clear message, exit 9, nothing stored.
        r = cli.run({QStringLiteral("catalog"), QStringLiteral("login"), uri,
                     QStringLiteral("--password-stdin")},
                    kWrongPassword + '\n');
        QVERIFY2(r.exitCode == 9, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("password authentication failed"), qPrintable(describe(r)));
        QVERIFY2(r.err.contains("Nothing was stored in the keychain"), qPrintable(describe(r)));
        r = cli.run(listBackups);
        QVERIFY2(r.exitCode == 9, qPrintable(describe(r)));

        // Not a server: a usage error.
        r = cli.run({QStringLiteral("catalog"), QStringLiteral("login"),
                     dir.filePath(QStringLiteral("file.sqlite")),
                     QStringLiteral("--password-stdin")},
                    kPassword + '\n');
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));

        r = cli.run({QStringLiteral("catalog"), QStringLiteral("login"), uri,
                     QStringLiteral("--password-stdin")},
                    kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("stored in the keychain"), qPrintable(describe(r)));

        r = cli.run(listBackups);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(QJsonDocument::fromJson(r.out).isArray(), qPrintable(describe(r)));
        // The catalog is really there now: the schema was created through the keychain login.
        r = cli.run(
            {QStringLiteral("--catalog"), uri, QStringLiteral("pbx"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        r = cli.run({QStringLiteral("catalog"), QStringLiteral("logout"), uri});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = cli.run(listBackups);
        QVERIFY2(r.exitCode == 9, qPrintable(describe(r)));

        r = cli.run({QStringLiteral("--help")});
        QVERIFY2(r.out.contains("catalog login LOCATION --password-stdin"), r.out.constData());

        QVERIFY2(!cli.transcript().contains(kPassword), "the password leaked");
        QVERIFY2(!cli.transcript().contains(kWrongPassword), "the wrong password leaked");
    }
};

QTEST_GUILESS_MAIN(TestCliCatalogLogin)
#include "tst_cli_catalog_login.moc"
