// The command line end to end: the real pbxvault executable against real pbxsim PBXs over
// HTTPS, with passwords in a real gnome-keyring (the test runs inside tests/with-keyring.sh).
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestCertificate.h"
#include "TestDirs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "s3cret-Pa55word!";

QJsonValue json(const CliResult &r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << r.out << r.err;
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

PbxSim::Options simOptions(const QString &password = QString::fromLatin1(kPassword))
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + password};
    return o;
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(2000)), QString::fromUtf8(r.err.left(2000)));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult add(const QString &name, const QUrl &url, const QStringList &extra = {},
                  const QByteArray &password = kPassword)
    {
        QStringList args{QStringLiteral("pbx"),
                         QStringLiteral("add"),
                         name,
                         QStringLiteral("--url"),
                         url.toString(),
                         QStringLiteral("--user"),
                         QStringLiteral("admin"),
                         QStringLiteral("--password-stdin")};
        return m_cli->run(args + extra, password + '\n');
    }
    CliResult addTrusted(const QString &name, const PbxSim &sim, const QStringList &extra = {})
    {
        return add(name, sim.url(),
                   QStringList{QStringLiteral("--trust-fingerprint"), sim.fingerprint()} + extra);
    }
    QStringList backupFiles()
    {
        return filesUnder(m_dir->filePath(QStringLiteral("data/backups")));
    }
    QJsonArray backupsJson()
    {
        return json(m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")})).toArray();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
    }

    void versionAndHelp()
    {
        const CliResult v = m_cli->run({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.contains(PBXVAULT_VERSION_TEXT));
        const CliResult h = m_cli->run({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("restore ID --to NAME"));
    }

    void usageErrors()
    {
        CliResult r = m_cli->run({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Unknown command \"frobnicate\""), r.err);
        r = m_cli->run({QStringLiteral("restore"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--to NAME"), r.err);
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("x"),
                        QStringLiteral("--url"), QStringLiteral("https://a"),
                        QStringLiteral("--user"), QStringLiteral("u")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--password-stdin"), r.err);
        r = add(QStringLiteral("x"), QUrl(QStringLiteral("https://a")),
                {QStringLiteral("--schedule"), QStringLiteral("0 25 * * *")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("hour"), r.err);
        // One clear line (the harness turns debug logging on; those lines are categorised).
        int messageLines = 0;
        for (const QByteArray &line : r.err.split('\n'))
            messageLines += line.startsWith("pbxvault: ") ? 1 : 0;
        QCOMPARE(messageLines, 1);
    }

    // Every command once, on two PBXs, with the outcome checked on the PBXs themselves.
    void happyPath()
    {
        PbxSim master(simOptions());
        PbxSim secondary(simOptions());
        QString error;
        QVERIFY2(master.start(&error), qPrintable(error));
        QVERIFY2(secondary.start(&error), qPrintable(error));

        CliResult r = addTrusted(QStringLiteral("Head Office"), master,
                                 {QStringLiteral("--role"), QStringLiteral("master"),
                                  QStringLiteral("--schedule"), QStringLiteral("0 2 * * *"),
                                  QStringLiteral("--keep"), QStringLiteral("7")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("add"),
             QStringLiteral("branch"), QStringLiteral("--url"), secondary.url().toString(),
             QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password-stdin"),
             QStringLiteral("--role"), QStringLiteral("secondary"),
             QStringLiteral("--trust-fingerprint"),
             // colons and upper case are accepted
             secondary.fingerprint().toUpper().replace(
                 QRegularExpression(QStringLiteral("(..)(?!$)")), QStringLiteral("\\1:"))},
            kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QJsonObject branch = json(r).toObject();
        QCOMPARE(branch.value(QStringLiteral("fingerprint")).toString(), secondary.fingerprint());
        QCOMPARE(branch.value(QStringLiteral("role")).toString(), QStringLiteral("secondary"));

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray pbxs = json(r).toArray();
        QCOMPARE(pbxs.size(), 2);
        const QJsonObject head = pbxs.at(0).toObject();
        for (const char *field :
             {"id", "name", "url", "tenant", "user", "role", "schedule", "keep", "fingerprint"})
            QVERIFY2(head.contains(QLatin1String(field)), field);
        QCOMPARE(head.value(QStringLiteral("name")).toString(), QStringLiteral("Head Office"));
        QCOMPARE(head.value(QStringLiteral("tenant")).toString(), QStringLiteral("default"));
        QCOMPARE(head.value(QStringLiteral("schedule")).toString(), QStringLiteral("0 2 * * *"));
        QCOMPARE(head.value(QStringLiteral("keep")).toInt(), 7);

        r = m_cli->run(
            {QStringLiteral("pbx"), QStringLiteral("show"), QStringLiteral("Head Office")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(master.url().toString().toUtf8()));

        r = m_cli->run(
            {QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("Head Office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("4.9.4"), r.out);

        const QString configAtBackup =
            master.state().value(QStringLiteral("config_sha256")).toString();
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"),
                        QStringLiteral("Head Office"), QStringLiteral("--comment"),
                        QStringLiteral("before upgrade")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject backup = json(r).toObject();
        for (const char *field :
             {"id", "pbx", "filename", "size", "sha256", "created_at", "master_ip", "tenant",
              "path", "firmware", "comment", "origin", "verified"})
            QVERIFY2(backup.contains(QLatin1String(field)), field);
        const QString backupId = QString::number(backup.value(QStringLiteral("id")).toInt());
        QCOMPARE(backup.value(QStringLiteral("master_ip")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(backup.value(QStringLiteral("firmware")).toString(), QStringLiteral("4.9.4"));
        QCOMPARE(backup.value(QStringLiteral("origin")).toString(), QStringLiteral("manual"));
        QCOMPARE(backup.value(QStringLiteral("comment")).toString(),
                 QStringLiteral("before upgrade"));
        QVERIFY(backup.value(QStringLiteral("filename"))
                    .toString()
                    .startsWith(QStringLiteral("Head-Office_")));
        QVERIFY(backup.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
        const QString path = backup.value(QStringLiteral("path")).toString();
        QVERIFY(path.startsWith(m_dir->filePath(QStringLiteral("data/backups"))));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(
                     QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()),
                 backup.value(QStringLiteral("sha256")).toString());
        // The PBX keeps its own copy under the same name.
        QVERIFY(master.state()
                    .value(QStringLiteral("backups"))
                    .toArray()
                    .contains(backup.value(QStringLiteral("filename"))));

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), backupId});
        QCOMPARE(r.exitCode, 0);
        QStringList members;
        for (const QJsonValue &m : json(r).toObject().value(QStringLiteral("members")).toArray())
            members << m.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(members.contains(QStringLiteral("manifest.json")), qPrintable(members.join(',')));

        r = m_cli->run({QStringLiteral("verify"), backupId});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(backupsJson().at(0).toObject().value(QStringLiteral("verified")).toString(),
                 QStringLiteral("intact"));

        // Restore onto the secondary: it ends with the master's configuration, and a safety
        // backup of the secondary was taken first.
        // Two fresh simulators start from the same configuration: make them differ.
        master.mutate();
        secondary.mutate();
        QVERIFY(secondary.state().value(QStringLiteral("config_sha256")).toString() !=
                configAtBackup);
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("restore"), backupId,
                        QStringLiteral("--to"), QStringLiteral("branch")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject restore = json(r).toObject();
        QCOMPARE(restore.value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));
        QCOMPARE(restore.value(QStringLiteral("target_pbx")).toString(), QStringLiteral("branch"));
        QCOMPARE(restore.value(QStringLiteral("target_url")).toString(),
                 secondary.url().toString());
        QCOMPARE(secondary.state().value(QStringLiteral("config_sha256")).toString(),
                 configAtBackup);
        QCOMPARE(secondary.state().value(QStringLiteral("restores")).toInt(), 1);
        const QJsonArray all = backupsJson();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("origin")).toString(),
                 QStringLiteral("safety"));
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("pbx")).toString(),
                 QStringLiteral("branch"));

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("restores")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject history = json(r).toArray().at(0).toObject();
        for (const char *field : {"id", "backup_id", "filename", "target_pbx", "target_url",
                                  "started_at", "finished_at", "outcome", "error"})
            QVERIFY2(history.contains(QLatin1String(field)), field);
        QCOMPARE(history.value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));

        // Import a file from disk, then delete it.
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("import"), path,
                        QStringLiteral("--pbx"), QStringLiteral("branch")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject imported = json(r).toObject();
        QCOMPARE(imported.value(QStringLiteral("origin")).toString(), QStringLiteral("import"));
        QCOMPARE(imported.value(QStringLiteral("sha256")), backup.value(QStringLiteral("sha256")));
        const QString importedPath = imported.value(QStringLiteral("path")).toString();
        QVERIFY(QFile::exists(importedPath));
        r = m_cli->run({QStringLiteral("delete"),
                        QString::number(imported.value(QStringLiteral("id")).toInt())});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(!QFile::exists(importedPath));
        QCOMPARE(backupsJson().size(), 2);

        // Delete also on the PBX.
        r = m_cli->run({QStringLiteral("delete"), backupId, QStringLiteral("--on-pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!master.state()
                     .value(QStringLiteral("backups"))
                     .toArray()
                     .contains(backup.value(QStringLiteral("filename"))));
        // History keeps the file name of the deleted backup.
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("restores")});
        const QJsonObject kept = json(r).toArray().at(0).toObject();
        QCOMPARE(kept.value(QStringLiteral("filename")), backup.value(QStringLiteral("filename")));
        QVERIFY(kept.value(QStringLiteral("backup_id")).isNull());

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--all"),
                        QStringLiteral("--jobs"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toArray().size(), 2);

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(json(r).toArray().size() >= 4);

        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("remove"), QStringLiteral("branch"),
                        QStringLiteral("--delete-backups")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("list")});
        QCOMPARE(json(r).toArray().size(), 1);

        // Neither the password nor the digest password is anywhere: files, output, logs.
        QByteArray salt;
        QCOMPARE(master.simRequest("GET", QStringLiteral("/rest/salt/default"), {}, &salt), 200);
        const QString saltText =
            QJsonDocument::fromJson(salt).object().value(QStringLiteral("salt")).toString();
        const QByteArray digestPassword =
            QCryptographicHash::hash(kPassword + '{' + saltText.toUtf8() + '}',
                                     QCryptographicHash::Sha256)
                .toHex();
        for (const QString &f : filesUnder(m_cli->dataDir())) {
            QFile in(f);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray content = in.readAll();
            QVERIFY2(!content.contains(kPassword), qPrintable(f));
            QVERIFY2(!content.contains(digestPassword), qPrintable(f));
        }
        QVERIFY(!m_cli->transcript().contains(kPassword));
        QVERIFY(!m_cli->transcript().contains(digestPassword));
        QVERIFY(m_cli->transcript().contains("pbxvault.")); // logs were really captured
    }

    // pbx add/edit --keep-only-changed, keep_only_changed in pbx list/show --json, and the
    // changes since the previous backup in backups / show (JSON and text).
    void keepOnlyChangedAndChanges()
    {
        PbxSim sim(simOptions());
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        CliResult r = addTrusted(QStringLiteral("pbx"), sim,
                                 {QStringLiteral("--keep-only-changed"), QStringLiteral("maybe")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--keep-only-changed must be yes or no"), r.err);
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("add"),
                        QStringLiteral("pbx"), QStringLiteral("--url"), sim.url().toString(),
                        QStringLiteral("--user"), QStringLiteral("admin"),
                        QStringLiteral("--password-stdin"), QStringLiteral("--trust-fingerprint"),
                        sim.fingerprint(), QStringLiteral("--keep-only-changed"),
                        QStringLiteral("yes")},
                       kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toObject().value(QStringLiteral("keep_only_changed")).toBool(false), true);
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("show"),
                        QStringLiteral("pbx")});
        QCOMPARE(json(r).toObject().value(QStringLiteral("keep_only_changed")).toBool(false), true);
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("edit"), QStringLiteral("pbx"),
                        QStringLiteral("--keep-only-changed"), QStringLiteral("no")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("list")});
        const QJsonObject listed = json(r).toArray().at(0).toObject();
        QVERIFY(listed.contains(QStringLiteral("keep_only_changed")));
        QCOMPARE(listed.value(QStringLiteral("keep_only_changed")).toBool(true), false);

        // Two backups with nothing changed in between: the second has no changes since the first.
        for (int i = 0; i < 2; ++i) {
            r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
        const QJsonArray backups = backupsJson();
        QCOMPARE(backups.size(), 2);
        const QJsonObject newer = backups.at(0).toObject();
        const QJsonObject older = backups.at(1).toObject();
        QCOMPARE(newer.value(QStringLiteral("changes")).toInt(-1), 0);
        QCOMPARE(newer.value(QStringLiteral("changes_base_id")).toInt(),
                 older.value(QStringLiteral("id")).toInt());
        QVERIFY(older.contains(QStringLiteral("changes")));
        QVERIFY(older.value(QStringLiteral("changes")).isNull());
        QVERIFY(older.value(QStringLiteral("changes_base_id")).isNull());
        const QString newerId = QString::number(newer.value(QStringLiteral("id")).toInt());
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), newerId});
        QCOMPARE(json(r).toObject().value(QStringLiteral("changes")).toInt(-1), 0);
        r = m_cli->run({QStringLiteral("backups")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).endsWith("\tNo changes"), r.out);
        QVERIFY2(lines.at(1).endsWith("\t-"), r.out);
        r = m_cli->run({QStringLiteral("show"), newerId});
        QVERIFY2(r.out.contains("No changes since backup " +
                                QByteArray::number(older.value(QStringLiteral("id")).toInt())),
                 r.out);
    }

    void wrongPassword()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QVERIFY(addTrusted(QStringLiteral("pbx"), sim, {}).exitCode == 0);
        // Re-register with a wrong password.
        QCOMPARE(
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("remove"), QStringLiteral("pbx")})
                .exitCode,
            0);
        QCOMPARE(add(QStringLiteral("pbx"), sim.url(),
                     {QStringLiteral("--trust-fingerprint"), sim.fingerprint()}, "wrong")
                     .exitCode,
                 0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("password"), r.err);
        QVERIFY(backupFiles().isEmpty());
        QVERIFY(backupsJson().isEmpty());
        // The failure is in the job log.
        const QJsonObject job = json(m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")}))
                                    .toArray()
                                    .at(0)
                                    .toObject();
        QCOMPARE(job.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        QVERIFY(job.value(QStringLiteral("error")).toString().contains(QStringLiteral("password")));
    }

    void clockSkew()
    {
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("clock-offset=900");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("clock"), r.err);
        QVERIFY2(r.err.contains("15"), r.err); // 900 s = 15 minutes
        QVERIFY(backupFiles().isEmpty());
    }

    void unknownHost()
    {
        QCOMPARE(
            add(QStringLiteral("pbx"), QUrl(QStringLiteral("https://pbxvault-nonexistent.invalid")))
                .exitCode,
            0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("pbxvault-nonexistent.invalid"), r.err);
        QVERIFY2(r.err.toLower().contains("not found"), r.err);
    }

    void refusedPort()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        QCOMPARE(add(QStringLiteral("pbx"), QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)))
                     .exitCode,
                 0);
        const CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.toLower().contains("refused"), r.err);
    }

    void stalledServer()
    {
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("delay-ms=8000");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        const CliResult r = m_cli->run({QStringLiteral("--timeout"), QStringLiteral("1"),
                                        QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.toLower().contains("no data") || r.err.toLower().contains("timed out") ||
                     r.err.toLower().contains("timeout"),
                 r.err);
        QVERIFY(backupFiles().isEmpty());
    }

    void untrustedThenTrusted()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim.url()).exitCode, 0);
        CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("pbx trust pbx"), r.err);
        QVERIFY2(r.err.toLower().contains(sim.fingerprint().left(2).toUtf8()), r.err);
        // Trusting with a fingerprint that is not what the PBX presents changes nothing.
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("trust"), QStringLiteral("pbx"),
                        QStringLiteral("--trust-fingerprint"), QString(64, QLatin1Char('a'))});
        QCOMPARE(r.exitCode, 7);
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("trust"), QStringLiteral("pbx"),
                        QStringLiteral("--trust-fingerprint"), sim.fingerprint()});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void certificateChanged()
    {
        PbxSim first(simOptions());
        QVERIFY(first.start());
        const quint16 port = first.port();
        QCOMPARE(addTrusted(QStringLiteral("pbx"), first).exitCode, 0);
        const QString oldFingerprint = first.fingerprint();
        first.stop();
        PbxSim::Options o = simOptions();
        o.port = port; // same address, new certificate
        PbxSim second(o);
        QVERIFY(second.start());
        QVERIFY(second.fingerprint() != oldFingerprint);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        const QString err = QString::fromUtf8(r.err).remove(QLatin1Char(':')).toLower();
        QVERIFY2(err.contains(oldFingerprint), r.err);
        QVERIFY2(err.contains(second.fingerprint()), r.err);
        QVERIFY(backupFiles().isEmpty());
    }

    void notFound()
    {
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("status=404:^/rest/backup/create");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.toLower().contains("not found") || r.err.contains("404"), r.err);
        QVERIFY(backupFiles().isEmpty());
    }

    void restoreBusyIsRecordedAsFailed()
    {
        PbxSim master(simOptions());
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("restore-busy");
        PbxSim busy(o);
        QVERIFY(master.start());
        QVERIFY(busy.start());
        QCOMPARE(addTrusted(QStringLiteral("master"), master).exitCode, 0);
        QCOMPARE(addTrusted(QStringLiteral("busy"), busy).exitCode, 0);
        const CliResult b = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("master")});
        QCOMPARE(b.exitCode, 0);
        const QString id = QString::number(json(b).toObject().value(QStringLiteral("id")).toInt());
        const CliResult r =
            m_cli->run({QStringLiteral("restore"), id, QStringLiteral("--to"),
                        QStringLiteral("busy"), QStringLiteral("--no-safety-backup")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("already running"), r.err);
        const QJsonObject history =
            json(m_cli->run({QStringLiteral("--json"), QStringLiteral("restores")}))
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(history.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        QVERIFY(history.value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("already running")));
        QVERIFY(!history.value(QStringLiteral("finished_at")).isNull());
        QCOMPARE(busy.state().value(QStringLiteral("restores")).toInt(), 0);
    }

    void failedSafetyBackupPreventsRestore()
    {
        PbxSim master(simOptions());
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("status=500:^/rest/backup/create");
        PbxSim target(o);
        QVERIFY(master.start());
        QVERIFY(target.start());
        QCOMPARE(addTrusted(QStringLiteral("master"), master).exitCode, 0);
        QCOMPARE(addTrusted(QStringLiteral("target"), target).exitCode, 0);
        const CliResult b = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("master")});
        QCOMPARE(b.exitCode, 0);
        const QString id = QString::number(json(b).toObject().value(QStringLiteral("id")).toInt());
        const CliResult r = m_cli->run(
            {QStringLiteral("restore"), id, QStringLiteral("--to"), QStringLiteral("target")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("safety backup"), r.err);
        QCOMPARE(target.state().value(QStringLiteral("restores")).toInt(), 0);
    }

    void newerFirmwareNeedsForce()
    {
        PbxSim::Options newer = simOptions();
        newer.firmware = QStringLiteral("4.10.1");
        PbxSim master(newer);
        PbxSim target(simOptions()); // 4.9.4
        QVERIFY(master.start());
        QVERIFY(target.start());
        QCOMPARE(addTrusted(QStringLiteral("master"), master).exitCode, 0);
        QCOMPARE(addTrusted(QStringLiteral("target"), target).exitCode, 0);
        const CliResult b = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("master")});
        QCOMPARE(b.exitCode, 0);
        const QString id = QString::number(json(b).toObject().value(QStringLiteral("id")).toInt());
        CliResult r = m_cli->run({QStringLiteral("restore"), id, QStringLiteral("--to"),
                                  QStringLiteral("target"), QStringLiteral("--no-safety-backup")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("4.10.1") && r.err.contains("force"), r.err);
        QCOMPARE(target.state().value(QStringLiteral("restores")).toInt(), 0);
        r = m_cli->run({QStringLiteral("restore"), id, QStringLiteral("--to"),
                        QStringLiteral("target"), QStringLiteral("--no-safety-backup"),
                        QStringLiteral("--force")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(target.state().value(QStringLiteral("restores")).toInt(), 1);
    }

    void truncatedDownloadLeavesNothing()
    {
        PbxSim::Options o = simOptions();
        o.backupSize = 2 * 1024 * 1024;
        o.faults << QStringLiteral("drop-after=100000");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.toLower().contains("truncated") || r.err.toLower().contains("incomplete") ||
                     r.err.toLower().contains("closed"),
                 r.err);
        QVERIFY2(backupFiles().isEmpty(), qPrintable(backupFiles().join(',')));
        QVERIFY(backupsJson().isEmpty());
    }

    void corruptStoredFile()
    {
        PbxSim master(simOptions());
        QVERIFY(master.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), master).exitCode, 0);
        const CliResult b =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(b.exitCode, 0);
        const QJsonObject backup = json(b).toObject();
        const QString id = QString::number(backup.value(QStringLiteral("id")).toInt());
        QFile file(backup.value(QStringLiteral("path")).toString());
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(file.size() / 2);
        file.write("corrupted!");
        file.close();
        CliResult r = m_cli->run({QStringLiteral("verify"), id});
        QCOMPARE(r.exitCode, 10);
        QVERIFY2(r.err.toLower().contains("checksum"), r.err);
        QCOMPARE(backupsJson().at(0).toObject().value(QStringLiteral("verified")).toString(),
                 QStringLiteral("corrupt"));
        const int restoresBefore = master.state().value(QStringLiteral("restores")).toInt();
        r = m_cli->run(
            {QStringLiteral("restore"), id, QStringLiteral("--to"), QStringLiteral("pbx")});
        QCOMPARE(r.exitCode, 10);
        QVERIFY2(r.err.contains("verification"), r.err);
        QCOMPARE(master.state().value(QStringLiteral("restores")).toInt(), restoresBefore);
        r = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--all")});
        QCOMPARE(r.exitCode, 10);
    }

    void hostileNamesFromThePbx()
    {
        PbxSim::Options o = simOptions();
        o.faults << QStringLiteral("hostile-names");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        const CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("files"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains("../../etc/passwd")); // shown as text, never used as a path
        for (const QByteArray &line : r.out.split('\n')) {
            QVERIFY(line.size() <= 200 * 3 + 3);
            for (char c : line)
                QVERIFY2(static_cast<unsigned char>(c) >= 0x20 || c == '\t', line);
        }
        QVERIFY(backupFiles().isEmpty());
        // Backups still work, and their files stay inside the store.
        const CliResult b = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(b.exitCode == 0, qPrintable(describe(b)));
        for (const QString &f : backupFiles())
            QVERIFY(f.startsWith(m_dir->filePath(QStringLiteral("data/backups/"))));
    }

    void keychainUnavailable()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        m_cli->environment().insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                    QStringLiteral("unix:path=/nonexistent/pbxvault-bus"));
        const CliResult r = addTrusted(QStringLiteral("pbx"), sim);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.toLower().contains("keychain"), r.err);
        m_cli->environment().remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        m_cli->environment().insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                    qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
        // Nothing half-registered was left behind.
        const CliResult list =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("list")});
        QCOMPARE(json(list).toArray().size(), 0);
        // And with the keychain back, a PBX whose password is missing says so.
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        m_cli->environment().insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                    QStringLiteral("unix:path=/nonexistent/pbxvault-bus"));
        const CliResult b = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QCOMPARE(b.exitCode, 6);
        QVERIFY2(b.err.toLower().contains("keychain"), b.err);
    }

    void diskFull()
    {
        PbxSim::Options o = simOptions();
        o.backupSize = 4 * 1024 * 1024;
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        // Files may not grow beyond 1 MiB in the child: writing the backup fails like a full disk.
        m_cli->setChildSetup([] {
            ::signal(SIGXFSZ, SIG_IGN);
            struct rlimit limit;
            limit.rlim_cur = limit.rlim_max = 1024 * 1024;
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        m_cli->setChildSetup({});
        QCOMPARE(r.exitCode, 8);
        // Worded by whichever layer met the limit first: the download ("could not be
        // written (File too large)") or the store ("Could not save the backup file to disk").
        const QString err = QString::fromUtf8(r.err).toLower();
        QVERIFY2(err.contains(QStringLiteral("writ")) || err.contains(QStringLiteral("disk")) ||
                     err.contains(QStringLiteral("space")) || err.contains(QStringLiteral("large")),
                 qPrintable(err.right(600)));
        QVERIFY2(backupFiles().isEmpty(), qPrintable(backupFiles().join(',')));
        QVERIFY(backupsJson().isEmpty());
    }

    void killedMidBackup()
    {
        PbxSim::Options o = simOptions();
        o.backupSize = 8 * 1024 * 1024;
        o.faults << QStringLiteral("throttle=1000000");
        PbxSim sim(o);
        QVERIFY(sim.start());
        QCOMPARE(addTrusted(QStringLiteral("pbx"), sim).exitCode, 0);
        QProcess process;
        process.start(QStringLiteral(PBXVAULT_PATH),
                      {QStringLiteral("--data-dir"), m_cli->dataDir(), QStringLiteral("backup"),
                       QStringLiteral("pbx")});
        QVERIFY(process.waitForStarted());
        // Wait until part of the backup is on disk, then kill the process outright.
        QTRY_VERIFY_WITH_TIMEOUT(!backupFiles().isEmpty(), 30000);
        process.kill();
        QVERIFY(process.waitForFinished());
        QVERIFY(!backupFiles().isEmpty()); // the partial file is there...
        const CliResult list = m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")});
        QCOMPARE(list.exitCode, 0); // ...the catalog is intact...
        QCOMPARE(json(list).toArray().size(), 0);
        QVERIFY2(backupFiles().isEmpty(), qPrintable(backupFiles().join(','))); // ...and cleaned
        const QJsonObject job = json(m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")}))
                                    .toArray()
                                    .at(0)
                                    .toObject();
        QCOMPARE(job.value(QStringLiteral("outcome")).toString(), QStringLiteral("interrupted"));
        // The PBX is not left locked: the next backup works.
        const CliResult again = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
