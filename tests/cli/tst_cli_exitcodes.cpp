// The documented exit codes of `pbxvault COMMAND`, each produced by the real executable with
// real components (pbxsim over HTTPS, the SQLite catalog, gnome-keyring inside
// tests/with-keyring.sh), plus the fixes that came with them: `import --unverified`, escaped
// archive member names in `show`, and `pbx trust` refusing a changed certificate blindly.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "an0ther-s3cret!";
const QString kEscName = QStringLiteral("\x1b[31mred.conf");

PbxSim::Options simOptions()
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
    return o;
}

QJsonValue json(const CliResult &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(2000)), QString::fromUtf8(r.err.left(2000)));
}

// Fingerprints appear as "AB:CD:..." in messages.
QString plainHex(const QByteArray &text)
{
    return QString::fromUtf8(text).remove(QLatin1Char(':')).toLower();
}

} // namespace

class TestCliExitCodes : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    CliResult add(const QString &name, const PbxSim &sim, const QByteArray &password = kPassword,
                  const QStringList &extra = {})
    {
        return m_cli->run(QStringList{QStringLiteral("pbx"), QStringLiteral("add"), name,
                                      QStringLiteral("--url"), sim.url().toString(),
                                      QStringLiteral("--user"), QStringLiteral("admin"),
                                      QStringLiteral("--password-stdin"),
                                      QStringLiteral("--trust-fingerprint"), sim.fingerprint()} +
                              extra,
                          password + '\n');
    }
    std::unique_ptr<Catalog> openCatalog()
    {
        QString error;
        auto catalog = Catalog::open(m_cli->dataDir() + QStringLiteral("/catalog.sqlite"), &error);
        if (!catalog)
            qWarning() << error;
        return catalog;
    }
    QString writeRandomFile(const QString &name, int bytes)
    {
        QByteArray data(bytes, Qt::Uninitialized);
        for (char &c : data)
            c = char(QRandomGenerator::global()->bounded(256));
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return {};
        return path;
    }
    // A gzip tar holding a manifest and a member whose name starts with ESC[31m.
    QString writeArchiveWithHostileMember()
    {
        const QString tree = m_dir->filePath(QStringLiteral("tree"));
        if (!QDir().mkpath(tree + QStringLiteral("/etc")))
            return {};
        const QList<QPair<QString, QByteArray>> files{
            {QStringLiteral("manifest.json"), R"({"firmware":"4.9.4","tenant":"default"})"},
            {QStringLiteral("etc/") + kEscName, "[general]\n"}};
        for (const auto &[name, content] : files) {
            QFile f(tree + QLatin1Char('/') + name);
            if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
                return {};
        }
        const QString archive = m_dir->filePath(QStringLiteral("hostile.tar.gz"));
        QProcess tar;
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-czf"), archive, QStringLiteral("-C"), tree,
                   QStringLiteral("manifest.json"), QStringLiteral("etc")});
        if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
            return {};
        return archive;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
    }

    // --help lists every code, and the man page documents the same ones.
    void helpAndManPageListTheCodes()
    {
        const CliResult h = m_cli->run({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        const QString help = QString::fromUtf8(h.out);
        const int section = help.indexOf(QStringLiteral("Exit status:"));
        QVERIFY2(section >= 0, h.out);
        QList<int> helpCodes;
        const QRegularExpression line(QStringLiteral("^ +(\\d+)  \\S"),
                                      QRegularExpression::MultilineOption);
        for (auto it = line.globalMatch(help.mid(section)); it.hasNext();)
            helpCodes.append(it.next().captured(1).toInt());
        QList<int> expected;
        for (int code = 0; code <= 12; ++code)
            expected.append(code);
        QCOMPARE(helpCodes, expected);
        QVERIFY(help.contains(QStringLiteral("--unverified")));

        QFile man(QStringLiteral(PBXVAULT_MANPAGE));
        QVERIFY(man.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(man.readAll());
        const int start = page.indexOf(QStringLiteral(".SH EXIT STATUS"));
        QVERIFY(start >= 0);
        const int end = page.indexOf(QStringLiteral("\n.SH "), start + 1);
        const QString exitSection = page.mid(start, end - start);
        QList<int> manCodes;
        const QRegularExpression item(QStringLiteral("^\\.B (\\d+)$"),
                                      QRegularExpression::MultilineOption);
        for (auto it = item.globalMatch(exitSection); it.hasNext();)
            manCodes.append(it.next().captured(1).toInt());
        QCOMPARE(manCodes, expected);
    }

    // Errors the CLI finds itself use the same table.
    void usageAndNotFound()
    {
        CliResult r =
            m_cli->run({QStringLiteral("backups"), QStringLiteral("--jobs"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--jobs does not apply"), r.err);
        r = m_cli->run({QStringLiteral("show"), QStringLiteral("twelve")});
        QCOMPARE(r.exitCode, 2);
        r = m_cli->run({QStringLiteral("--no-such-option"), QStringLiteral("jobs")});
        QCOMPARE(r.exitCode, 2);
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("nosuch")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("nosuch"), r.err);
        r = m_cli->run({QStringLiteral("show"), QStringLiteral("999")});
        QCOMPARE(r.exitCode, 3);
    }

    void disabledPbx()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim).exitCode, 0);
        {
            auto catalog = openCatalog();
            QVERIFY(catalog);
            PbxRecord pbx = *catalog->pbxByName(QStringLiteral("pbx"));
            pbx.enabled = false;
            QVERIFY(catalog->updatePbx(pbx));
        }
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 4, qPrintable(describe(r)));
        QCOMPARE(sim.state().value(QStringLiteral("backups")).toArray().size(), 0);
    }

    // Another process holds the PBX's lock in the shared catalog.
    void busyPbx()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim).exitCode, 0);
        auto catalog = openCatalog();
        QVERIFY(catalog);
        const qint64 id = catalog->pbxByName(QStringLiteral("pbx"))->id;
        const QString owner = Catalog::lockOwnerId();
        QVERIFY(catalog->tryLockPbx(id, owner, QDateTime::currentDateTimeUtc()));
        CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 5, qPrintable(describe(r)));
        // backup --all reports the same code for its (first) failure.
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 5, qPrintable(describe(r)));
        catalog->unlockPbx(id, owner);
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void keychainUnavailable()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim).exitCode, 0);
        const QString bus = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        m_cli->environment().insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                    QStringLiteral("unix:path=/nonexistent/pbxvault-bus"));
        CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 6, qPrintable(describe(r)));
        r = add(QStringLiteral("other"), sim);
        QVERIFY2(r.exitCode == 6, qPrintable(describe(r)));
        m_cli->environment().insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), bus);
    }

    void wrongPasswordIsAPbxError()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim, "wrong").exitCode, 0);
        const CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 7, qPrintable(describe(r)));
    }

    // backup --all starts everything at once under the concurrency limit and exits with the
    // code of the first failure in PBX order; results say what verification and retention did.
    void backupAllAndRetention()
    {
        PbxSim good(simOptions());
        PbxSim bad(simOptions());
        QVERIFY(good.start());
        QVERIFY(bad.start());
        QCOMPARE(add(QStringLiteral("a-good"), good, kPassword,
                     {QStringLiteral("--keep"), QStringLiteral("1")})
                     .exitCode,
                 0);
        QCOMPARE(add(QStringLiteral("b-bad"), bad, "wrong").exitCode, 0);
        CliResult r =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--all"),
                        QStringLiteral("--jobs"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 7, qPrintable(describe(r)));
        const QJsonArray results = json(r).toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("pbx")).toString(),
                 QStringLiteral("a-good"));
        QVERIFY(results.at(0).toObject().value(QStringLiteral("ok")).toBool());
        QVERIFY(!results.at(1).toObject().value(QStringLiteral("ok")).toBool());
        const QJsonObject first =
            results.at(0).toObject().value(QStringLiteral("backup")).toObject();
        QCOMPARE(first.value(QStringLiteral("verified")).toString(), QStringLiteral("intact"));
        QCOMPARE(first.value(QStringLiteral("retentionDeleted")).toInt(-1), 0);

        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("a-good")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("verified intact"), r.out);
        QVERIFY2(r.out.contains("Retention removed 1 older backup"), r.out);
        r = m_cli->run(
            {QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("a-good")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toObject().value(QStringLiteral("retentionDeleted")).toInt(), 1);
    }

    void importUnreadableFile()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim).exitCode, 0);
        const QString file = writeRandomFile(QStringLiteral("random.bin"), 5 * 1024);
        QVERIFY(!file.isEmpty());
        CliResult r = m_cli->run(
            {QStringLiteral("import"), file, QStringLiteral("--pbx"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 11, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("--unverified"), r.err);
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")});
        QCOMPARE(json(r).toArray().size(), 0);

        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("import"), file,
                        QStringLiteral("--pbx"), QStringLiteral("pbx"),
                        QStringLiteral("--unverified")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString id = QString::number(json(r).toObject().value(QStringLiteral("id")).toInt());
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), id});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(json(r).toObject().value(QStringLiteral("verified")).toString(),
                 QStringLiteral("checksum-only"));
        const QByteArray inWords =
            QStringLiteral("checksum only \u2014 format not readable, content not checked")
                .toUtf8();
        r = m_cli->run({QStringLiteral("show"), id});
        QVERIFY2(r.out.contains(inWords), r.out);
        r = m_cli->run({QStringLiteral("backups")});
        QVERIFY2(r.out.contains(inWords), r.out);
    }

    void showEscapesMemberNames()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("pbx"), sim).exitCode, 0);
        const QString archive = writeArchiveWithHostileMember();
        QVERIFY(!archive.isEmpty());
        CliResult r = m_cli->run({QStringLiteral("--json"), QStringLiteral("import"), archive,
                                  QStringLiteral("--pbx"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toObject().value(QStringLiteral("verified")).toString(),
                 QStringLiteral("intact"));
        const QString id = QString::number(json(r).toObject().value(QStringLiteral("id")).toInt());
        r = m_cli->run({QStringLiteral("show"), id});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains('\x1b'), r.out);
        QVERIFY2(r.out.contains("etc/\\x1b[31mred.conf"), r.out);
        // JSON keeps the real name (the encoder escapes it).
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), id});
        QVERIFY(!r.out.contains('\x1b'));
        QStringList members;
        for (const QJsonValue &m : json(r).toObject().value(QStringLiteral("members")).toArray())
            members << m.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(members.contains(QStringLiteral("etc/") + kEscName),
                 qPrintable(members.join(QLatin1Char(','))));
    }

    // A pinned certificate is only replaced by naming the new one.
    void trustAfterCertificateChange()
    {
        PbxSim first(simOptions());
        QVERIFY(first.start());
        QCOMPARE(add(QStringLiteral("pbx"), first).exitCode, 0);
        const QString oldFingerprint = first.fingerprint();
        const quint16 port = first.port();
        first.stop();
        PbxSim::Options o = simOptions();
        o.port = port; // same address, new certificate
        PbxSim second(o);
        QVERIFY(second.start());
        const QString newFingerprint = second.fingerprint();
        QVERIFY(newFingerprint != oldFingerprint);

        CliResult r =
            m_cli->run({QStringLiteral("pbx"), QStringLiteral("trust"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 7, qPrintable(describe(r)));
        QVERIFY2(plainHex(r.err).contains(oldFingerprint), r.err);
        QVERIFY2(plainHex(r.err).contains(newFingerprint), r.err);
        QVERIFY2(
            r.err.contains("pbxvault pbx trust pbx --trust-fingerprint " + newFingerprint.toUtf8()),
            r.err);
        r = m_cli->run({QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("show"),
                        QStringLiteral("pbx")});
        QCOMPARE(json(r).toObject().value(QStringLiteral("fingerprint")).toString(),
                 oldFingerprint);

        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("trust"), QStringLiteral("pbx"),
                        QStringLiteral("--trust-fingerprint"), QString(64, QLatin1Char('b'))});
        QVERIFY2(r.exitCode == 7, qPrintable(describe(r)));

        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("trust"), QStringLiteral("pbx"),
                        QStringLiteral("--trust-fingerprint"), newFingerprint});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("pbx")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void unreadableCatalog()
    {
        QVERIFY(QDir().mkpath(m_cli->dataDir()));
        QFile catalog(m_cli->dataDir() + QStringLiteral("/catalog.sqlite"));
        QVERIFY(catalog.open(QIODevice::WriteOnly));
        catalog.write(QByteArray(8192, 'x'));
        catalog.close();
        const CliResult r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 9, qPrintable(describe(r)));
    }
};

QTEST_GUILESS_MAIN(TestCliExitCodes)
#include "tst_cli_exitcodes.moc"
