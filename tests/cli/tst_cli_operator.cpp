// The command line for operators, end to end with the real pbxvault executable against pbxsim:
// Italian messages (from LANG or the window's language setting) with English JSON, the one
// size and date format, `pbx edit`, and the progress line (only on a terminal).
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "common/AppSettings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLocale>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "op3rator-Pa55word!";
const QByteArray kOtherPassword = "an0ther-Pa55word!";
const QLocale kItalian(QLocale::Italian, QLocale::Italy);

QJsonValue json(const CliResult &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

PbxSim::Options simOptions(qint64 backupSize = 0, const QStringList &faults = {})
{
    PbxSim::Options o;
    o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
    o.backupSize = backupSize;
    o.faults = faults;
    return o;
}

// A pseudo-terminal for the child's stderr, in raw mode so what arrives is what was written.
class PseudoTerminal
{
public:
    PseudoTerminal()
    {
        if (::openpty(&m_master, &m_slave, nullptr, nullptr, nullptr) != 0)
            return;
        termios mode{};
        ::tcgetattr(m_slave, &mode);
        ::cfmakeraw(&mode);
        ::tcsetattr(m_slave, TCSANOW, &mode);
        ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    }
    ~PseudoTerminal()
    {
        for (int fd : {m_master, m_slave}) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    bool isOpen() const { return m_master >= 0; }
    // Runs in the forked child, before exec: stderr becomes the terminal.
    std::function<void()> asStderr() const
    {
        const int slave = m_slave;
        return [slave] {
            ::dup2(slave, STDERR_FILENO);
        };
    }
    QByteArray readAll()
    {
        QByteArray all;
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(m_master, buffer, sizeof buffer);
            if (n > 0)
                all.append(buffer, n);
            else if (n < 0 && errno == EINTR)
                continue;
            else
                return all;
        }
    }

private:
    int m_master = -1;
    int m_slave = -1;
};

} // namespace

class TestCliOperator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    void useLanguage(const char *lang)
    {
        QProcessEnvironment &env = m_cli->environment();
        for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("LANG"), QLatin1String(lang));
    }
    CliResult add(const QString &name, const PbxSim &sim, const QStringList &extra = {})
    {
        return m_cli->run(QStringList{QStringLiteral("pbx"), QStringLiteral("add"), name,
                                      QStringLiteral("--url"), sim.url().toString(),
                                      QStringLiteral("--user"), QStringLiteral("admin"),
                                      QStringLiteral("--password-stdin"),
                                      QStringLiteral("--trust-fingerprint"), sim.fingerprint()} +
                              extra,
                          kPassword + '\n');
    }
    CliResult edit(const QStringList &args, const QByteArray &stdinData = {})
    {
        return m_cli->run(QStringList{QStringLiteral("--json"), QStringLiteral("pbx"),
                                      QStringLiteral("edit"), QStringLiteral("office")} +
                              args,
                          stdinData);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_cli = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("data")));
        useLanguage("en_US.UTF-8");
    }

    // LANG=it_IT.UTF-8: help, Qt's own help headings and errors in Italian, with the exit
    // codes unchanged.
    void italianFromTheLocale()
    {
        useLanguage("it_IT.UTF-8");
        CliResult r = m_cli->run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromUtf8(r.out);
        QVERIFY2(help.contains(QStringLiteral("Codici di uscita:")), qPrintable(help));
        QVERIFY2(help.contains(QStringLiteral("Il comando da eseguire.")), qPrintable(help));
        QVERIFY2(!help.contains(QStringLiteral("Exit status:")), qPrintable(help));
        if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                          QStringLiteral("/qtbase_it.qm")))
            QVERIFY2(help.contains(QStringLiteral("Utilizzo:")), qPrintable(help));

        r = m_cli->run({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Comando sconosciuto \"frobnicate\""), r.err);
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("nosuch")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("Non esiste alcuna centrale di nome \"nosuch\""), r.err);

        // LC_ALL wins over LANG, as everywhere else.
        m_cli->environment().insert(QStringLiteral("LC_ALL"), QStringLiteral("en_US.UTF-8"));
        r = m_cli->run({QStringLiteral("frobnicate")});
        QVERIFY2(r.err.contains("Unknown command \"frobnicate\""), r.err);
    }

    // The window's language setting applies to the command line too; "system" follows LANG.
    void languageSetting()
    {
        QVERIFY(QDir().mkpath(m_cli->dataDir()));
        {
            AppSettings settings(m_cli->dataDir());
            settings.setLanguage(QStringLiteral("it"));
            settings.sync();
        }
        CliResult r = m_cli->run({QStringLiteral("frobnicate")});
        QVERIFY2(r.err.contains("Comando sconosciuto"), r.err);
        r = m_cli->run({QStringLiteral("--help")});
        QVERIFY2(r.out.contains("Codici di uscita:"), r.out);

        useLanguage("it_IT.UTF-8");
        {
            AppSettings settings(m_cli->dataDir());
            settings.setLanguage(QStringLiteral("en"));
            settings.sync();
        }
        r = m_cli->run({QStringLiteral("frobnicate")});
        QVERIFY2(r.err.contains("Unknown command"), r.err);
        {
            AppSettings settings(m_cli->dataDir());
            settings.setLanguage(QStringLiteral("system"));
            settings.sync();
        }
        r = m_cli->run({QStringLiteral("frobnicate")});
        QVERIFY2(r.err.contains("Comando sconosciuto"), r.err);
    }

    // JSON is a contract: byte for byte the same in Italian. Human output uses the UI
    // language's labels and the one size and date format (Labels, as the window).
    void jsonStaysEnglishHumanOutputFollowsTheLanguage()
    {
        PbxSim sim(simOptions(1'234'567));
        QVERIFY(sim.start());
        CliResult r = add(QStringLiteral("office"), sim,
                          {QStringLiteral("--role"), QStringLiteral("secondary")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        const QStringList jsonCommands[] = {
            {QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("list")},
            {QStringLiteral("--json"), QStringLiteral("pbx"), QStringLiteral("show"),
             QStringLiteral("office")},
            {QStringLiteral("--json"), QStringLiteral("backups")},
            {QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("1")},
            {QStringLiteral("--json"), QStringLiteral("jobs")},
        };
        QVector<QByteArray> english;
        for (const QStringList &args : jsonCommands) {
            r = m_cli->run(args);
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
            english.append(r.out);
        }
        const QJsonObject backup = json(m_cli->run({QStringLiteral("--json"),
                                                    QStringLiteral("show"), QStringLiteral("1")}))
                                       .toObject();
        const qint64 size = qint64(backup.value(QStringLiteral("size")).toDouble());
        const QDateTime created = QDateTime::fromString(
            backup.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
        QVERIFY(size >= 1'234'567);
        QVERIFY(created.isValid());
        QCOMPARE(backup.value(QStringLiteral("verified")).toString(), QStringLiteral("intact"));

        r = m_cli->run({QStringLiteral("backups")});
        const QString englishSize =
            QLocale(QLocale::English).formattedDataSize(size, 1, QLocale::DataSizeSIFormat);
        QVERIFY2(r.out.contains(englishSize.toUtf8()), r.out);

        useLanguage("it_IT.UTF-8");
        for (int i = 0; i < english.size(); ++i) {
            r = m_cli->run(jsonCommands[i]);
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
            QCOMPARE(r.out, english.at(i));
        }
        r = m_cli->run({QStringLiteral("backups")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString line = QString::fromUtf8(r.out).trimmed();
        const QString italianSize = kItalian.formattedDataSize(size, 1, QLocale::DataSizeSIFormat);
        const QString italianDate = kItalian.toString(created.toLocalTime(), QLocale::ShortFormat);
        QVERIFY2(line.contains(QLatin1Char('\t') + italianSize + QLatin1Char('\t')),
                 qPrintable(line + QStringLiteral(" / ") + italianSize));
        QVERIFY2(line.contains(QLatin1Char('\t') + italianDate + QLatin1Char('\t')),
                 qPrintable(line + QStringLiteral(" / ") + italianDate));
        // Verification, then the changes since the previous backup (none: the first one).
        QVERIFY2(line.endsWith(QStringLiteral("\tintegro\t-")), qPrintable(line));

        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("list")});
        QVERIFY2(r.out.contains("\tSecondaria\t"), r.out);
        r = m_cli->run({QStringLiteral("jobs")});
        QVERIFY2(r.out.contains("\tRiuscito"), r.out);
        r = m_cli->run({QStringLiteral("show"), QStringLiteral("1")});
        QVERIFY2(r.out.contains(italianSize.toUtf8()), r.out);
        QVERIFY2(r.out.contains(italianDate.toUtf8()), r.out);
    }

    // pbx edit changes only what is given, through the same checks as the window.
    void editChangesOnlyWhatIsGiven()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        CliResult r = add(QStringLiteral("office"), sim,
                          {QStringLiteral("--schedule"), QStringLiteral("0 2 * * *"),
                           QStringLiteral("--keep"), QStringLiteral("7")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        r = edit({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Nothing to change"), r.err);
        r = edit({QStringLiteral("--enable"), QStringLiteral("--disable")});
        QCOMPARE(r.exitCode, 2);
        r = edit({QStringLiteral("--schedule"), QStringLiteral("0 25 * * *")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("hour"), r.err);
        r = edit({QStringLiteral("--keep"), QStringLiteral("-1")});
        QCOMPARE(r.exitCode, 2);
        r = edit({QStringLiteral("--comment"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 2);
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("edit"), QStringLiteral("nosuch"),
                        QStringLiteral("--keep"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 3);

        r = edit({QStringLiteral("--schedule"), QStringLiteral("30 3 * * 1-5"),
                  QStringLiteral("--keep"), QStringLiteral("0"), QStringLiteral("--keep-days"),
                  QStringLiteral("30"), QStringLiteral("--role"), QStringLiteral("master"),
                  QStringLiteral("--tenant"), QStringLiteral("default")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QJsonObject pbx = json(r).toObject();
        QCOMPARE(pbx.value(QStringLiteral("schedule")).toString(), QStringLiteral("30 3 * * 1-5"));
        QVERIFY(pbx.value(QStringLiteral("keep")).isNull());
        QCOMPARE(pbx.value(QStringLiteral("keep_days")).toInt(), 30);
        QCOMPARE(pbx.value(QStringLiteral("role")).toString(), QStringLiteral("master"));
        QCOMPARE(pbx.value(QStringLiteral("url")).toString(), sim.url().toString());
        QCOMPARE(pbx.value(QStringLiteral("fingerprint")).toString(), sim.fingerprint());

        r = edit({QStringLiteral("--schedule"), QString()});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(json(r).toObject().value(QStringLiteral("schedule")).isNull());

        r = edit({QStringLiteral("--disable")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toObject().value(QStringLiteral("enabled")).toBool(), false);
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("office")});
        QCOMPARE(r.exitCode, 4);
        r = edit({QStringLiteral("--enable")});
        QCOMPARE(json(r).toObject().value(QStringLiteral("enabled")).toBool(), true);

        // Human output, no --json.
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("edit"), QStringLiteral("office"),
                        QStringLiteral("--user"), QStringLiteral("admin")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("office"), r.out);
    }

    // The password comes from stdin only and reaches the keychain: the PBX is then logged in to
    // with it. It never shows in any output.
    void editPasswordFromStdin()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("office"), sim).exitCode, 0);
        CliResult r = edit({QStringLiteral("--password-stdin")}, kOtherPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("office")});
        QCOMPARE(r.exitCode, 7); // the PBX does not know that password
        r = edit({QStringLiteral("--password-stdin")}, "\n");
        QCOMPARE(r.exitCode, 2); // an empty password is refused
        r = edit({QStringLiteral("--password-stdin")}, kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(!m_cli->transcript().contains(kPassword));
        QVERIFY(!m_cli->transcript().contains(kOtherPassword));
    }

    // A new host forgets the pinned certificate (as the Edit PBX dialog does): the PBX is not
    // trusted until the operator checks the new one; a fingerprint given with the URL is pinned.
    void editUrlForgetsThePinnedCertificate()
    {
        PbxSim sim(simOptions());
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("office"), sim).exitCode, 0);
        QUrl other = sim.url();
        other.setHost(QStringLiteral("localhost"));

        CliResult r = edit({QStringLiteral("--url"), other.toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QJsonObject pbx = json(r).toObject();
        QCOMPARE(pbx.value(QStringLiteral("url")).toString(), other.toString());
        QVERIFY(pbx.value(QStringLiteral("fingerprint")).isNull());
        QVERIFY2(r.err.contains("pbxvault pbx trust office"), r.err);

        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("office")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(sim.fingerprint().toUtf8()), r.err);

        // Back to the first host, naming the certificate expected there.
        r = edit({QStringLiteral("--url"), sim.url().toString(),
                  QStringLiteral("--trust-fingerprint"), sim.fingerprint()});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(json(r).toObject().value(QStringLiteral("fingerprint")).toString(),
                 sim.fingerprint());
        QVERIFY2(!r.err.contains("pbx trust"), r.err);
        r = m_cli->run({QStringLiteral("pbx"), QStringLiteral("test"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // Another port on the same host keeps the pin.
        QUrl samePort = sim.url();
        samePort.setPort(sim.port() == 1 ? 2 : sim.port() - 1);
        r = edit({QStringLiteral("--url"), samePort.toString()});
        QCOMPARE(json(r).toObject().value(QStringLiteral("fingerprint")).toString(),
                 sim.fingerprint());
    }

    // stderr is not a terminal (a pipe, as in cron or a script): no progress line, not one \r.
    void noProgressLineWithoutATerminal()
    {
        PbxSim sim(simOptions(3'000'000, {QStringLiteral("throttle=4000000")}));
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("office"), sim).exitCode, 0);
        CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains('\r') && !r.out.contains('\r'), r.err);
        r = m_cli->run({QStringLiteral("backup"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains('\r') && !r.out.contains('\r'), r.err);
        r = m_cli->run({QStringLiteral("restore"), QStringLiteral("1"), QStringLiteral("--to"),
                        QStringLiteral("office"), QStringLiteral("--no-safety-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains('\r') && !r.out.contains('\r'), r.err);
        const QString path = json(m_cli->run({QStringLiteral("--json"), QStringLiteral("show"),
                                              QStringLiteral("1")}))
                                 .toObject()
                                 .value(QStringLiteral("path"))
                                 .toString();
        const QString copy = m_dir->filePath(QStringLiteral("copy.bak"));
        QVERIFY(QFile::copy(path, copy));
        r = m_cli->run(
            {QStringLiteral("import"), copy, QStringLiteral("--pbx"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains('\r') && !r.out.contains('\r'), r.err);
    }

    // On a terminal the transfer shows as one line rewritten with \r, erased before the result;
    // --json and --quiet keep stderr silent there too.
    void progressLineOnATerminal()
    {
        PbxSim sim(simOptions(3'000'000, {QStringLiteral("throttle=2000000")}));
        QVERIFY(sim.start());
        QCOMPARE(add(QStringLiteral("office"), sim).exitCode, 0);
        PseudoTerminal terminal;
        QVERIFY(terminal.isOpen());
        m_cli->setChildSetup(terminal.asStderr());
        // Only what an operator sees: no debug logging on the terminal.
        m_cli->environment().remove(QStringLiteral("QT_LOGGING_RULES"));

        CliResult r = m_cli->run({QStringLiteral("backup"), QStringLiteral("office")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QByteArray shown = terminal.readAll();
        QVERIFY2(shown.startsWith('\r'), shown);
        QVERIFY2(shown.contains(" MB"), shown);
        QVERIFY2(shown.contains("B/s"), shown);
        QVERIFY2(shown.count('\n') == 0, shown); // one line, rewritten in place
        QVERIFY2(shown.endsWith('\r'), shown);   // and erased before the result was printed
        QVERIFY2(r.out.startsWith("Backup 1 stored"), r.out);

        for (const QString &flag : {QStringLiteral("--json"), QStringLiteral("--quiet")}) {
            r = m_cli->run({flag, QStringLiteral("backup"), QStringLiteral("office")});
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
            QCOMPARE(terminal.readAll(), QByteArray());
        }
        m_cli->setChildSetup({});
    }
};

QTEST_GUILESS_MAIN(TestCliOperator)
#include "tst_cli_operator.moc"
