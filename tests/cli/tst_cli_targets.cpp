// `pbxvault target add|list|remove|sync` with the real executable, the real keychain, pbxsim and
// a real OpenSSH server on loopback: a folder target and an SFTP target (private key in the
// keychain, host key pinned on first use) receive each backup, verified; `show --json` lists
// each copy's state; a wrong --trust-host-key and a wrong password save nothing; a target added
// after the backups gets them with `target sync`; the secrets never reach the output.
#include "CliHarness.h"
#include "PbxSim.h"
#include "SshServer.h"
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

const QByteArray kPassword = "t4rgets-Pa55word!";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliTargets : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
    std::unique_ptr<PbxSim> m_sim;

    CliResult run(const QStringList &args, const QByteArray &stdinData = {})
    {
        return m_cli->run(args, stdinData);
    }

    qint64 backup()
    {
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("hq")});
        if (r.exitCode != 0)
            qWarning() << describe(r);
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("id")).toInteger();
    }

    QJsonArray copiesOf(qint64 id)
    {
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("show"), QString::number(id)});
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("copies")).toArray();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
        m_cli->environment().insert(QStringLiteral("LANG"), QStringLiteral("en_US.UTF-8"));
        m_cli->environment().remove(QStringLiteral("LC_ALL"));
        m_cli->environment().remove(QStringLiteral("LANGUAGE"));
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        m_sim = std::make_unique<PbxSim>(o);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        const CliResult r =
            run({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("hq"),
                 QStringLiteral("--url"), m_sim->url().toString(), QStringLiteral("--user"),
                 QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                 QStringLiteral("--trust-fingerprint"), m_sim->fingerprint()},
                kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(kPassword), "the password leaked");
        QVERIFY2(!m_cli->transcript().contains("PRIVATE KEY"), "the private key leaked");
        m_cli.reset();
        m_sim.reset();
        m_dir.reset();
    }

    void folderTarget()
    {
        const QString nas = m_dir->filePath(QStringLiteral("nas"));
        QVERIFY(QDir().mkpath(nas));
        // Inside the vault: refused, a copy on the same disk protects nothing.
        CliResult r = run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("x"),
                           m_dir->filePath(QStringLiteral("data"))});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        r = run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("missing"),
                 m_dir->filePath(QStringLiteral("no-such-folder"))});
        QVERIFY2(r.exitCode != 0 && r.err.contains("does not exist"), qPrintable(describe(r)));

        const qint64 before = backup(); // taken before the target exists
        QVERIFY(before > 0);
        r = run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("nas"), nas});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const qint64 after = backup();
        QVERIFY(after > 0);
        QJsonArray copies = copiesOf(after);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(copies[0][QStringLiteral("target")].toString(), QStringLiteral("nas"));
        QCOMPARE(copies[0][QStringLiteral("state")].toString(), QStringLiteral("copied"));
        // The next backup also copies the older one, missing there.
        QCOMPARE(copiesOf(before)[0][QStringLiteral("state")].toString(), QStringLiteral("copied"));
        QCOMPARE(QDir(nas).entryList(QDir::Files).size(), 2);

        r = run({QStringLiteral("--json"), QStringLiteral("target"), QStringLiteral("list")});
        QJsonObject listed = QJsonDocument::fromJson(r.out).array().at(0).toObject();
        QCOMPARE(listed[QStringLiteral("copied")].toInt(), 2);
        QCOMPARE(listed[QStringLiteral("missing")].toInt(), 0);

        // A target added later gets the existing backups with target sync.
        const QString second = m_dir->filePath(QStringLiteral("second"));
        QVERIFY(QDir().mkpath(second));
        r = run(
            {QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("second"), second});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(QDir(second).entryList(QDir::Files).isEmpty());
        r = run({QStringLiteral("--json"), QStringLiteral("target"), QStringLiteral("sync"),
                 QStringLiteral("second")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("copied")].toInt(), 2);
        QCOMPARE(QDir(second).entryList(QDir::Files).size(), 2);
        QCOMPARE(copiesOf(after).size(), 2);

        r = run({QStringLiteral("target"), QStringLiteral("remove"), QStringLiteral("nas")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(QDir(nas).entryList(QDir::Files).size(), 2); // the copies stay
        QCOMPARE(copiesOf(after).size(), 1);
    }

    void sftpTarget()
    {
        if (SshServer::sshdPath().isEmpty())
            QSKIP("OpenSSH's sshd is not installed (Debian package openssh-server)");
        SshServer ssh;
        QString error;
        QVERIFY2(ssh.start(&error), qPrintable(error));
        const QString keyFile = m_dir->filePath(QStringLiteral("id_test"));
        {
            QFile f(keyFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(ssh.clientPrivateKey().toUtf8());
        }
        const QString location = QStringLiteral("sftp://%1@%2:%3/%4")
                                     .arg(ssh.user(), ssh.host())
                                     .arg(ssh.port())
                                     .arg(ssh.remoteDir());
        // Another host key than the server's: nothing saved.
        CliResult r =
            run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("off"), location,
                 QStringLiteral("--ssh-key"), keyFile, QStringLiteral("--trust-host-key"),
                 QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")});
        QVERIFY2(r.exitCode != 0 && r.err.contains(ssh.hostKeyFingerprint().toUtf8()),
                 qPrintable(describe(r)));
        // A password the server refuses: nothing saved.
        r = run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("off"), location,
                 QStringLiteral("--password-stdin")},
                kPassword + '\n');
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        r = run({QStringLiteral("--json"), QStringLiteral("target"), QStringLiteral("list")});
        QVERIFY(QJsonDocument::fromJson(r.out).array().isEmpty());

        r = run({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("off"), location,
                 QStringLiteral("--ssh-key"), keyFile});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(ssh.hostKeyFingerprint().toUtf8()), qPrintable(describe(r)));
        QVERIFY(QFile::remove(keyFile)); // the keychain has it now

        const qint64 id = backup();
        QVERIFY(id > 0);
        const QJsonArray copies = copiesOf(id);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(copies[0][QStringLiteral("state")].toString(), QStringLiteral("copied"));
        const QString remote = ssh.remoteDir() + QLatin1Char('/') +
                               copies[0][QStringLiteral("remote_name")].toString();
        r = run({QStringLiteral("--json"), QStringLiteral("show"), QString::number(id)});
        const QString local =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("path")).toString();
        QCOMPARE(readAll(remote), readAll(local));
    }
};

QTEST_GUILESS_MAIN(TestCliTargets)
#include "tst_cli_targets.moc"
