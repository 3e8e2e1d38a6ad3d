// `pbxvault diff` run as a script would, on real backups: pbxsim archives taken by
// `pbxvault backup` (padded, so the padding member is there), before and after /sim/mutate;
// exit codes 0 / 1 / 2 / 3 / 10, --stat, --json, and hostile member names escaped.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestArchive.h"
#include "TestDirs.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "diff-s3cret";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

// "status\tname\told\tnew" lines of --stat, by name.
QMap<QString, QString> statusByName(const QByteArray &stat)
{
    QMap<QString, QString> out;
    for (const QByteArray &line : stat.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() == 4)
            out.insert(QString::fromUtf8(fields[1]), QString::fromUtf8(fields[0]));
    }
    return out;
}

} // namespace

class TestDiffCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult run(const QStringList &args) { return m_cli->run(args); }

    bool addPbx(const PbxSim &sim)
    {
        const CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("office"),
                        QStringLiteral("--url"), sim.url().toString(), QStringLiteral("--user"),
                        QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                        QStringLiteral("--trust-fingerprint"), sim.fingerprint()},
                       kPassword + '\n');
        if (r.exitCode != 0)
            qWarning() << describe(r);
        return r.exitCode == 0;
    }

    // Backs the PBX up; the new backup's id and path, or 0.
    qint64 backup(QString *path = nullptr)
    {
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("office")});
        if (r.exitCode != 0) {
            qWarning() << describe(r);
            return 0;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        if (path)
            *path = o.value(QStringLiteral("path")).toString();
        return qint64(o.value(QStringLiteral("id")).toDouble());
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
    }

    void backupsOfPbxsim()
    {
        PbxSim::Options options;
        options.users =
            QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        options.backupSize = 300 * 1024; // pbxsim-padding.bin, random on every backup
        PbxSim sim(options);
        QVERIFY(sim.start());
        QVERIFY(addPbx(sim));

        const QString first = QString::number(backup());
        QString secondPath;
        const QString second = QString::number(backup(&secondPath));
        QVERIFY(first != QLatin1String("0") && second != QLatin1String("0"));

        // Nothing changed on the PBX: no changes, nothing on stdout, exit 0.
        CliResult r = run({QStringLiteral("diff"), first, second});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.isEmpty(), r.out);
        r = run({QStringLiteral("diff"), second}); // against the previous one: the first
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("backup " + first.toUtf8()), r.err);
        r = run({QStringLiteral("diff"), first, second, QStringLiteral("--stat")});
        QCOMPARE(r.exitCode, 0);
        QMap<QString, QString> stat = statusByName(r.out);
        QCOMPARE(stat.value(QStringLiteral("pbxsim-padding.bin")), QStringLiteral("ignored"));
        QCOMPARE(stat.value(QStringLiteral("manifest.json")), QStringLiteral("unchanged"));
        QVERIFY2(!stat.values().contains(QStringLiteral("changed")), r.out);

        // After a mutate exactly the members the simulator changed are named.
        QVERIFY(sim.mutate());
        const QString third = QString::number(backup());
        r = run({QStringLiteral("diff"), third, QStringLiteral("--stat")});
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        stat = statusByName(r.out);
        QStringList changed;
        for (auto it = stat.cbegin(); it != stat.cend(); ++it) {
            if (it.value() != QLatin1String("unchanged") && it.value() != QLatin1String("ignored"))
                changed << it.value() + QLatin1Char(' ') + it.key();
        }
        QCOMPARE(changed, (QStringList{QStringLiteral("changed db/dump.sql"),
                                       QStringLiteral("changed etc/extensions.conf")}));

        r = run({QStringLiteral("diff"), second, third});
        QCOMPARE(r.exitCode, 1);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith(QStringLiteral("--- a/db/dump.sql\n+++ b/db/dump.sql\n@@ -")),
                 r.out);
        QVERIFY2(
            out.contains(QStringLiteral("--- a/etc/extensions.conf\n+++ b/etc/extensions.conf\n")),
            r.out);
        QVERIFY2(out.contains(QStringLiteral("\n+exten => 301,1,NoOp(changed ")), r.out);
        QVERIFY2(!out.contains(QStringLiteral("padding")), r.out);

        r = run({QStringLiteral("--json"), QStringLiteral("diff"), second, third});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(QStringLiteral("identical")).toBool(true), false);
        QCOMPARE(doc.value(QStringLiteral("changes")).toInt(), 2);
        QCOMPARE(doc.value(QStringLiteral("old")).toObject().value(QStringLiteral("id")).toInt(),
                 second.toInt());
        QCOMPARE(doc.value(QStringLiteral("new")).toObject().value(QStringLiteral("id")).toInt(),
                 third.toInt());
        bool sawExtensions = false;
        for (const QJsonValue &v : doc.value(QStringLiteral("members")).toArray()) {
            const QJsonObject m = v.toObject();
            for (const char *key :
                 {"name", "status", "old_size", "new_size", "old_sha256", "new_sha256", "content"})
                QVERIFY2(m.contains(QLatin1String(key)), key);
            QCOMPARE(m.value(QStringLiteral("new_sha256")).toString().size(), 64);
            if (m.value(QStringLiteral("name")).toString() != QLatin1String("etc/extensions.conf"))
                continue;
            sawExtensions = true;
            QCOMPARE(m.value(QStringLiteral("status")).toString(), QStringLiteral("changed"));
            QCOMPARE(m.value(QStringLiteral("content")).toString(), QStringLiteral("text"));
            const QJsonObject hunk = m.value(QStringLiteral("hunks")).toArray().first().toObject();
            QVERIFY(hunk.value(QStringLiteral("old_start")).toInt() > 0);
            QCOMPARE(hunk.value(QStringLiteral("new_lines")).toInt(),
                     hunk.value(QStringLiteral("old_lines")).toInt() + 1);
            QVERIFY(hunk.value(QStringLiteral("lines"))
                        .toArray()
                        .last()
                        .toString()
                        .startsWith(QStringLiteral("+exten => 301")));
        }
        QVERIFY(sawExtensions);

        // Trouble: never exit 1.
        r = run({QStringLiteral("diff"), first});
        QVERIFY2(r.exitCode == 3, qPrintable(describe(r))); // no previous backup
        QVERIFY2(r.err.contains("no previous backup"), r.err);
        r = run({QStringLiteral("diff"), QStringLiteral("999"), first});
        QCOMPARE(r.exitCode, 3);
        r = run({QStringLiteral("diff"), first, QStringLiteral("x")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("diff"), first, second, third});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("diff")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("backups"), QStringLiteral("--stat")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(QFile::remove(secondPath));
        r = run({QStringLiteral("diff"), first, second});
        QVERIFY2(r.exitCode == 10, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("Backup " + second.toUtf8()), r.err);
    }

    // Member names and lines from an archive never reach the terminal raw.
    void hostileNamesAreEscaped()
    {
        PbxSim::Options options;
        options.users =
            QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        PbxSim sim(options);
        QVERIFY(sim.start());
        QVERIFY(addPbx(sim));
        const QString name = QStringLiteral("etc/\x1b[31mred\u202e.conf");
        QStringList ids;
        for (const QByteArray &content :
             {QByteArray("[general]\n"),
              QByteArray("[general]\ncontext=default\nallowguest=no\nudpbindaddr=0.0.0.0\n"
                         "tcpenable=no\n\x1b]0;pwned\x07\n")}) {
            const QString path = m_dir->filePath(QStringLiteral("in%1.tar.gz").arg(ids.size()));
            QVERIFY(TestArchive::write(
                path, {{QStringLiteral("manifest.json"), "{}\n"}, {name, content}}));
            const CliResult r = run({QStringLiteral("--json"), QStringLiteral("import"), path,
                                     QStringLiteral("--pbx"), QStringLiteral("office")});
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
            ids << QString::number(
                QJsonDocument::fromJson(r.out).object().value(QStringLiteral("id")).toInt());
        }
        for (const QStringList &extra : {QStringList(), QStringList{QStringLiteral("--stat")}}) {
            const CliResult r = run(QStringList{QStringLiteral("diff"), ids[0], ids[1]} + extra);
            QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
            QVERIFY2(!r.out.contains('\x1b') && !r.out.contains('\x07'), r.out);
            QVERIFY2(!r.out.contains("\u202e"), r.out);
            QVERIFY2(r.out.contains("etc/\\x1b[31mred\\x202e.conf"), r.out);
        }
        const CliResult r = run({QStringLiteral("diff"), ids[0], ids[1]});
        QVERIFY2(r.out.contains("+\\x1b]0;pwned\\x07"), r.out);
        const CliResult j = run({QStringLiteral("--json"), QStringLiteral("diff"), ids[0], ids[1]});
        QCOMPARE(j.exitCode, 1);
        QVERIFY(!j.out.contains('\x1b'));
        const QJsonArray members =
            QJsonDocument::fromJson(j.out).object().value(QStringLiteral("members")).toArray();
        QStringList names;
        for (const QJsonValue &m : members)
            names << m.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(names.contains(name)); // JSON keeps the real name; the encoder escapes it
    }
};

QTEST_GUILESS_MAIN(TestDiffCli)
#include "tst_diff_cli.moc"
