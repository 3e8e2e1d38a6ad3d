// `pbxvault hooks list|set|clear` with the real executable, and hooks set that way running
// around `pbxvault backup` against pbxsim: the settings they write, --pbx, usage errors,
// --json, and a failing pre-backup hook making the backup exit non-zero with nothing stored.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "h00ks-Pa55word!";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

} // namespace

class TestCliHooks : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult run(const QStringList &args) { return m_cli->run(args); }

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

    void setListClear()
    {
        CliResult r = run({QStringLiteral("hooks"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("No hooks are set."));

        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("pre-backup"),
                 QStringLiteral("mount /mnt/nas"), QStringLiteral("--hook-timeout"),
                 QStringLiteral("45")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("hooks"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc[QStringLiteral("timeout_seconds")].toInt(), 45);
        QCOMPARE(doc[QStringLiteral("all")][QStringLiteral("pre-backup")].toString(),
                 QStringLiteral("mount /mnt/nas"));
        QVERIFY(doc[QStringLiteral("pbxs")].toArray().isEmpty());

        r = run({QStringLiteral("hooks"), QStringLiteral("list")});
        QCOMPARE(QString::fromUtf8(r.out),
                 QStringLiteral("(every PBX)\tpre-backup\tmount /mnt/nas\n"));

        r = run({QStringLiteral("hooks"), QStringLiteral("clear"), QStringLiteral("pre-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = run({QStringLiteral("hooks"), QStringLiteral("list")});
        QVERIFY(r.out.isEmpty());
    }

    void usageErrors()
    {
        CliResult r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("bogus"),
                           QStringLiteral("true")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Unknown hook"));
        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("pre-backup"),
                 QStringLiteral("  ")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("pre-backup"),
                 QStringLiteral("true"), QStringLiteral("--hook-timeout"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("pre-backup"),
                 QStringLiteral("true"), QStringLiteral("--pbx"), QStringLiteral("nope")});
        QVERIFY2(r.exitCode != 0 && r.err.contains("nope"), qPrintable(describe(r)));
        r = run({QStringLiteral("hooks")});
        QCOMPARE(r.exitCode, 2);
        // Nothing was stored by any of them.
        r = run({QStringLiteral("hooks"), QStringLiteral("list")});
        QVERIFY(r.out.isEmpty());
    }

    void hooksRunAroundABackup()
    {
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        PbxSim sim(o);
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("hq"),
                        QStringLiteral("--url"), sim.url().toString(), QStringLiteral("--user"),
                        QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                        QStringLiteral("--trust-fingerprint"), sim.fingerprint()},
                       kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // The PBX's own post-backup hook gets the file; it runs before the command exits.
        const QString copy = m_dir->filePath(QStringLiteral("copy.bin"));
        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("post-backup"),
                 QStringLiteral("cp \"$PBXVAULT_BACKUP_FILE\" '%1'").arg(copy),
                 QStringLiteral("--pbx"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString path = QJsonDocument::fromJson(r.out)[QStringLiteral("path")].toString();
        QFile original(path);
        QFile copied(copy);
        QVERIFY(original.open(QIODevice::ReadOnly) && copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), original.readAll());

        // A failing pre-backup hook for every PBX: the backup is skipped, exit non-zero.
        r = run({QStringLiteral("hooks"), QStringLiteral("set"), QStringLiteral("pre-backup"),
                 QStringLiteral("echo share offline; exit 5")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("backups")});
        const int before = QJsonDocument::fromJson(r.out).array().size();
        r = run({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("pre-backup hook") && r.err.contains("code 5"),
                 qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("backups")});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), before);
        // The job log has the hook's row with what it printed, and the skipped backup's row,
        // both failed with a kind a script can test.
        r = run({QStringLiteral("--json"), QStringLiteral("jobs")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        bool hookRow = false;
        bool backupRow = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
            const QJsonObject j = v.toObject();
            if (j[QStringLiteral("outcome")].toString() != QStringLiteral("failed"))
                continue;
            QCOMPARE(j[QStringLiteral("error_kind")].toString(), QStringLiteral("failed"));
            if (j[QStringLiteral("kind")].toString() == QStringLiteral("hook"))
                hookRow |=
                    j[QStringLiteral("error")].toString().contains(QStringLiteral("share offline"));
            if (j[QStringLiteral("kind")].toString() == QStringLiteral("backup"))
                backupRow |= j[QStringLiteral("error")].toString().contains(
                    QStringLiteral("pre-backup hook"));
        }
        QVERIFY2(hookRow && backupRow, qPrintable(describe(r)));
        // A job that succeeded has no error kind.
        QVERIFY(r.out.contains("\"error_kind\": null"));
    }
};

QTEST_GUILESS_MAIN(TestCliHooks)
#include "tst_cli_hooks.moc"
