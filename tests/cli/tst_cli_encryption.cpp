// `pbxvault key init|status|export|import`, `export ID FILE` and `encrypt --all` with the real
// executable, the real keyring and pbxsim: a vault made encrypted keeps new backups encrypted
// and still shows, verifies, diffs, exports and restores them; its plain backups are
// encrypted in place; a second data directory with only the recovery key (read from stdin)
// imports a copied file and restores it; another vault's key is refused. The recovery key
// never shows on stderr, and failures print no stdout that could hold it.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "Cr1pt-Pa55word!";

QString describe(const pbxvault::test::CliResult &r)
{
    return QStringLiteral("exit %1\nstderr: %2")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.err.left(3000)));
}

QJsonObject object(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

class TestCliEncryption : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<PbxSim> m_sim;
    QByteArray m_recoveryKey;

    std::unique_ptr<CliHarness> harness(const QString &name)
    {
        auto cli = std::make_unique<CliHarness>(m_dir->filePath(name));
        cli->environment().insert(s("LANG"), s("en_US.UTF-8"));
        cli->environment().remove(s("LC_ALL"));
        cli->environment().remove(s("LC_MESSAGES"));
        cli->environment().remove(s("LANGUAGE"));
        return cli;
    }

    bool addPbx(CliHarness &cli)
    {
        const CliResult r = cli.run(
            {s("pbx"), s("add"), s("hq"), s("--url"), m_sim->url().toString(), s("--user"),
             s("admin"), s("--password-stdin"), s("--trust-fingerprint"), m_sim->fingerprint()},
            kPassword + '\n');
        if (r.exitCode != 0)
            qWarning().noquote() << describe(r);
        return r.exitCode == 0;
    }

    QJsonObject backup(CliHarness &cli)
    {
        const CliResult r = cli.run({s("--json"), s("backup"), s("hq")});
        if (r.exitCode != 0)
            qWarning().noquote() << describe(r);
        return object(r);
    }

    QString configSha() { return m_sim->state().value(s("config_sha256")).toString(); }

    void checkNoSecret(const CliHarness &cli) { QVERIFY(!cli.transcript().contains(kPassword)); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        o.restoreMs = 50;
        m_sim = std::make_unique<PbxSim>(o);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
    }

    void encryptedVaultEndToEnd()
    {
        auto cli = harness(s("data"));
        QVERIFY(addPbx(*cli));
        CliResult r = cli->run({s("--json"), s("key"), s("status")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(s("encrypted")).toBool(), false);
        // Nothing to export or convert yet.
        r = cli->run({s("key"), s("export")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        r = cli->run({s("encrypt")});
        QCOMPARE(r.exitCode, 2);

        const QJsonObject plain = backup(*cli);
        const QString plainId = QString::number(plain.value(s("id")).toInt());
        const QString plainPath = plain.value(s("path")).toString();
        QVERIFY(readAll(plainPath).startsWith("\x1f\x8b"));

        // key init: the recovery key once, on stdout; the warning on stderr.
        r = cli->run({s("--json"), s("key"), s("init")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString keyId = object(r).value(s("key_id")).toString();
        m_recoveryKey = object(r).value(s("recovery_key")).toString().toLatin1();
        QCOMPARE(int(keyId.size()), 16);
        QCOMPARE(int(m_recoveryKey.count('-')), 13);
        QVERIFY(!r.err.contains(m_recoveryKey));
        r = cli->run({s("key"), s("init")});
        QCOMPARE(r.exitCode, 2); // once only
        r = cli->run({s("--json"), s("key"), s("status")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(s("encrypted")).toBool(), true);
        QCOMPARE(object(r).value(s("key_id")).toString(), keyId);
        QCOMPARE(object(r).value(s("key_loaded")).toBool(), true);
        QCOMPARE(object(r).value(s("plain_backups")).toInt(), 1);
        r = cli->run({s("key"), s("export")});
        QVERIFY(r.exitCode == 0);
        QVERIFY(r.out.contains(m_recoveryKey));

        // A new backup is encrypted; show, verify and diff read it.
        const QString configAtBackup = configSha();
        const QJsonObject enc = backup(*cli);
        const QString encId = QString::number(enc.value(s("id")).toInt());
        const QString encPath = enc.value(s("path")).toString();
        QVERIFY(readAll(encPath).startsWith("PBXVENC"));
        r = cli->run({s("--json"), s("show"), encId});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QStringList members;
        for (const QJsonValue &m : object(r).value(s("members")).toArray())
            members << m.toObject().value(s("name")).toString();
        QVERIFY2(members.contains(s("manifest.json")), qPrintable(members.join(',')));
        QVERIFY(!readAll(encPath).contains("manifest.json"));
        r = cli->run({s("verify"), encId});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains("intact"));
        r = cli->run({s("diff"), plainId, encId});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(describe(r)));

        // export: the plain file, owner-only, as the PBX sent it.
        const QString exported = m_dir->filePath(s("exported.bak"));
        r = cli->run({s("export"), encId, exported});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(
            QString::fromLatin1(
                QCryptographicHash::hash(readAll(exported), QCryptographicHash::Sha256).toHex()),
            enc.value(s("sha256")).toString());
        const int othersAccess = (QFileInfo(exported).permissions() &
                                  (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                   QFileDevice::WriteGroup | QFileDevice::WriteOther))
                                     .toInt();
        QCOMPARE(othersAccess, 0);

        // encrypt --all: the plain backup in place, still verified intact.
        r = cli->run({s("encrypt"), s("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains("backup " + plainId.toLatin1() + ": encrypted"));
        QVERIFY(readAll(plainPath).startsWith("PBXVENC"));
        r = cli->run({s("verify"), s("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = cli->run({s("encrypt"), s("--all")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("already encrypted"), qPrintable(describe(r)));

        // Restore the encrypted backup: the PBX gets the configuration back.
        QVERIFY(m_sim->mutate());
        r = cli->run({s("restore"), encId, s("--to"), s("hq"), s("--no-safety-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(configSha(), configAtBackup);

        // A second machine: a fresh data dir, the recovery key from stdin, the file copied over.
        const QString copied = m_dir->filePath(s("copied.bak"));
        QVERIFY(QFile::copy(encPath, copied));
        auto other = harness(s("other"));
        QVERIFY(addPbx(*other));
        r = other->run({s("key"), s("import")}, "not-a-key\n");
        QCOMPARE(r.exitCode, 2);
        r = other->run({s("key"), s("import")}, m_recoveryKey + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains(keyId.toLatin1()));
        r = other->run({s("--json"), s("import"), copied, s("--pbx"), s("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString importedId = QString::number(object(r).value(s("id")).toInt());
        QVERIFY(m_sim->mutate());
        r = other->run({s("restore"), importedId, s("--to"), s("hq"), s("--no-safety-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(configSha(), configAtBackup);

        // A third vault's key is not the first vault's: refused, nothing changed.
        auto third = harness(s("third"));
        r = third->run({s("--json"), s("key"), s("init")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QByteArray thirdKey = object(r).value(s("recovery_key")).toString().toLatin1();
        r = cli->run({s("key"), s("import")}, thirdKey + '\n');
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not the key of this vault"));
        r = cli->run({s("--json"), s("key"), s("status")});
        QCOMPARE(object(r).value(s("key_id")).toString(), keyId);

        for (const CliHarness *h : {cli.get(), other.get(), third.get()})
            checkNoSecret(*h);
    }
};

QTEST_GUILESS_MAIN(TestCliEncryption)
#include "tst_cli_encryption.moc"
