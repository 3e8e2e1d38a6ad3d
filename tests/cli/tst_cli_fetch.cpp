// `pbxvault pbx files NAME [--fetch REMOTE_NAME | --all-missing]` end to end with the real
// executable against pbxsim: each of the PBX's own backups is "in vault" or "missing" (text and
// --json), --fetch and --all-missing catalogue them as fetched, a second --all-missing fetches
// nothing, and failures use the documented exit codes.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "f3tch-Pa55word!";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

QJsonDocument json(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out);
}

bool putOnPbx(const PbxSim &sim, const QString &name, const QByteArray &content)
{
    const QString folder = sim.dataDir() + QStringLiteral("/tenants/default/backups");
    QDir().mkpath(folder);
    QFile f(folder + QLatin1Char('/') + name);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// name -> in_vault, from `--json pbx files`.
QMap<QString, bool> status(const CliResult &r)
{
    QMap<QString, bool> out;
    for (const QJsonValue &v : json(r).array())
        out.insert(v[QStringLiteral("name")].toString(), v[QStringLiteral("in_vault")].toBool());
    return out;
}

} // namespace

class TestCliFetch : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult run(const QStringList &args) { return m_cli->run(args); }
    CliResult files(const QStringList &extra = {}, bool asJson = false)
    {
        QStringList args{QStringLiteral("pbx"), QStringLiteral("files"), QStringLiteral("pbx")};
        if (asJson)
            args.prepend(QStringLiteral("--json"));
        return run(args + extra);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
        m_cli->environment().insert(QStringLiteral("LANG"), QStringLiteral("en_US.UTF-8"));
        m_cli->environment().remove(QStringLiteral("LC_ALL"));
        m_cli->environment().remove(QStringLiteral("LC_MESSAGES"));
        m_cli->environment().remove(QStringLiteral("LANGUAGE"));
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(kPassword), "the password leaked");
        m_cli.reset();
        m_dir.reset();
    }

    void listFetchAndFetchAllMissing()
    {
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        PbxSim sim(o);
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("pbx"),
                        QStringLiteral("--url"), sim.url().toString(), QStringLiteral("--user"),
                        QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                        QStringLiteral("--trust-fingerprint"), sim.fingerprint()},
                       kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject created = json(r).object();
        const QString createdName = created[QStringLiteral("filename")].toString();
        QFile archive(created[QStringLiteral("path")].toString());
        QVERIFY(archive.open(QIODevice::ReadOnly));
        const QByteArray bytes = archive.readAll();
        QVERIFY(putOnPbx(sim, QStringLiteral("auto_0001.bak"), bytes));
        QVERIFY(putOnPbx(sim, QStringLiteral("auto_0002.bak"), bytes));

        // The listing: one line per name, tab, status.
        r = files();
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("auto_0001.bak\tmissing"),
                                     QStringLiteral("auto_0002.bak\tmissing"),
                                     createdName + QStringLiteral("\tin vault")}));
        r = files({}, true);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).array().size(), 3);
        for (const QJsonValue &v : json(r).array()) {
            const bool inVault = v[QStringLiteral("name")].toString() == createdName;
            QCOMPARE(v[QStringLiteral("in_vault")].toBool(), inVault);
            if (inVault)
                QCOMPARE(v[QStringLiteral("backup_id")].toInteger(),
                         created[QStringLiteral("id")].toInteger());
            else
                QVERIFY(v[QStringLiteral("backup_id")].isNull());
        }

        // One by name.
        r = files({QStringLiteral("--fetch"), QStringLiteral("auto_0001.bak")}, true);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject fetched = json(r).object();
        QCOMPARE(fetched[QStringLiteral("origin")].toString(), QStringLiteral("fetched"));
        QCOMPARE(fetched[QStringLiteral("verified")].toString(), QStringLiteral("intact"));
        QCOMPARE(fetched[QStringLiteral("filename")].toString(), QStringLiteral("auto_0001.bak"));
        QCOMPARE(fetched[QStringLiteral("sha256")].toString(),
                 created[QStringLiteral("sha256")].toString());
        QCOMPARE(status(files({}, true)).value(QStringLiteral("auto_0001.bak")), true);

        // A name the PBX does not have: "no such backup" (3), nothing catalogued.
        r = files({QStringLiteral("--fetch"), QStringLiteral("nosuch.bak")});
        QVERIFY2(r.exitCode == 3, qPrintable(describe(r)));
        QCOMPARE(r.out, QByteArray());

        // The rest, then nothing more.
        r = files({QStringLiteral("--all-missing")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.startsWith("auto_0002.bak fetched as backup "), r.out);
        QCOMPARE(r.out.count('\n'), 1);
        r = files({QStringLiteral("--all-missing")}, true);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).array().size(), 0);
        const QMap<QString, bool> after = status(files({}, true));
        QCOMPARE(after.size(), 3);
        for (auto it = after.begin(); it != after.end(); ++it)
            QVERIFY2(it.value(), qPrintable(it.key()));
        r = run({QStringLiteral("--json"), QStringLiteral("backups")});
        QCOMPARE(json(r).array().size(), 3);
        int fetchedCount = 0;
        for (const QJsonValue &v : json(r).array())
            fetchedCount += v[QStringLiteral("origin")].toString() == QLatin1String("fetched");
        QCOMPARE(fetchedCount, 2);

        // A file on the PBX that is not a backup: exit 11 (unreadable), the good one still
        // comes, and the failure is named on stderr.
        QVERIFY(putOnPbx(sim, QStringLiteral("junk.bak"), QByteArray(4096, 'j')));
        QVERIFY(putOnPbx(sim, QStringLiteral("auto_0003.bak"), bytes));
        r = files({QStringLiteral("--all-missing")});
        QVERIFY2(r.exitCode == 11, qPrintable(describe(r)));
        QVERIFY2(r.out.startsWith("auto_0003.bak fetched as backup "), r.out);
        QVERIFY2(r.err.contains("junk.bak: "), r.err);
        const QMap<QString, bool> last = status(files({}, true));
        QCOMPARE(last.value(QStringLiteral("auto_0003.bak")), true);
        QCOMPARE(last.value(QStringLiteral("junk.bak")), false);
    }

    void usage()
    {
        QVERIFY(QDir().mkpath(m_cli->dataDir()));
        CliResult r = run({QStringLiteral("pbx"), QStringLiteral("files"), QStringLiteral("pbx"),
                           QStringLiteral("--fetch"), QStringLiteral("a.bak"),
                           QStringLiteral("--all-missing")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("backup"), QStringLiteral("pbx"), QStringLiteral("--all-missing")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--all-missing does not apply"), r.err);
        r = run({QStringLiteral("pbx"), QStringLiteral("files"), QStringLiteral("nosuch"),
                 QStringLiteral("--all-missing")});
        QCOMPARE(r.exitCode, 3);
        r = run({QStringLiteral("--help")});
        QVERIFY2(r.out.contains("pbx files NAME [--fetch REMOTE_NAME] [--all-missing]"), r.out);
    }
};

QTEST_GUILESS_MAIN(TestCliFetch)
#include "tst_cli_fetch.moc"
