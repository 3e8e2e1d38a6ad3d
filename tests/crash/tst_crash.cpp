// kill -9 of the real pbxvault executable in the middle of its work, against a real pbxsim
// slowed down by its fault options, with passwords in a real gnome-keyring (the test runs
// inside tests/with-keyring.sh). Afterwards the catalog must be intact, no half-written file
// may be visible under a final name, and the next start must report the job as interrupted.
//
// Not covered here: a kill right after a downloaded file is renamed to its final name and
// before its catalog row is inserted. That window is too short to hit reliably from outside
// the process; tests/ops/tst_orphan_recovery.cpp recreates that state directly and checks
// that the next start adopts or removes the file.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "crash-Pa55word!";
constexpr int kWaitMs = 90000; // the machine may be busy; the slowed-down work lasts longer

QJsonArray jsonArray(const CliResult &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    if (!doc.isArray())
        qWarning() << "not a JSON array:" << r.out << r.err;
    return doc.array();
}

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(2000)), QString::fromUtf8(r.err.left(2000)));
}

// Every file under dir, hidden ones included.
QFileInfoList filesUnder(const QString &dir)
{
    QFileInfoList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files << it.fileInfo();
    }
    return files;
}

// The store writes into ".<name>.pbxvault-part-XXXXXX" and renames when complete.
bool isTempFile(const QFileInfo &file)
{
    static const QRegularExpression pattern(QStringLiteral("^\\..+\\.pbxvault-part-\\w{6}$"));
    return pattern.match(file.fileName()).hasMatch();
}

// PRAGMA integrity_check through a connection of our own, as the sqlite3 shell would do it.
QString integrityCheck(const QString &catalogPath)
{
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(catalogPath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")))
                while (q.next())
                    result += q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QJsonObject firstOf(const QJsonArray &rows, const QString &key, const QString &value)
{
    for (const QJsonValue &row : rows)
        if (row.toObject().value(key).toString() == value)
            return row.toObject();
    return {};
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;

    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }
    QString storeRoot() const { return m_dir->filePath(QStringLiteral("data/backups")); }
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("data/catalog.sqlite")); }

    PbxSim::Options simOptions() const
    {
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        return o;
    }

    CliResult addPbx(const QString &name, const PbxSim &sim)
    {
        return m_cli->run({QStringLiteral("pbx"), QStringLiteral("add"), name,
                           QStringLiteral("--url"), sim.url().toString(), QStringLiteral("--user"),
                           QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                           QStringLiteral("--trust-fingerprint"), sim.fingerprint()},
                          kPassword + '\n');
    }

    // The executable in the background, as CliHarness::run() starts it.
    std::unique_ptr<QProcess> startCli(const QStringList &args)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_cli->environment());
        // Files, not pipes: nobody reads while it runs, and a full pipe would stall it.
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(m_dir->filePath(QStringLiteral("killed-cli.log")));
        process->start(QStringLiteral(PBXVAULT_PATH),
                       QStringList{QStringLiteral("--data-dir"), dataDir()} + args);
        if (!process->waitForStarted(30000))
            return nullptr;
        process->closeWriteChannel();
        return process;
    }

    bool downloadInProgress() const
    {
        const QFileInfoList files = filesUnder(storeRoot());
        return std::any_of(files.cbegin(), files.cend(),
                           [](const QFileInfo &f) { return isTempFile(f) && f.size() > 0; });
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        QVERIFY(m_dir->isValid());
        m_cli = std::make_unique<CliHarness>(dataDir());
    }

    void killedMidBackup()
    {
        PbxSim::Options o = simOptions();
        o.backupSize = 8 * 1024 * 1024;
        o.faults << QStringLiteral("throttle=262144"); // 32 s for the whole body
        PbxSim sim(o);
        QVERIFY(sim.start());
        const CliResult added = addPbx(QStringLiteral("pbx"), sim);
        QVERIFY2(added.exitCode == 0, qPrintable(describe(added)));

        std::unique_ptr<QProcess> cli = startCli({QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY(cli);
        QTRY_VERIFY_WITH_TIMEOUT(downloadInProgress() || cli->state() == QProcess::NotRunning,
                                 kWaitMs);
        QCOMPARE(cli->state(), QProcess::Running); // still downloading, not finished or failed
        cli->kill();                               // SIGKILL
        QVERIFY(cli->waitForFinished(30000));
        QCOMPARE(cli->exitStatus(), QProcess::CrashExit);

        // As the killed process left it: an intact catalog and only the unfinished temp file.
        QCOMPARE(integrityCheck(catalogPath()), QStringLiteral("ok"));
        const QFileInfoList left = filesUnder(storeRoot());
        QVERIFY(!left.isEmpty());
        for (const QFileInfo &file : left)
            QVERIFY2(isTempFile(file), qPrintable(file.filePath()));

        // The next start tidies up and tells what happened.
        const CliResult jobs = m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")});
        QVERIFY2(jobs.exitCode == 0, qPrintable(describe(jobs)));
        const QJsonObject backupJob =
            firstOf(jsonArray(jobs), QStringLiteral("kind"), QStringLiteral("backup"));
        QCOMPARE(backupJob.value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("interrupted"));
        QCOMPARE(backupJob.value(QStringLiteral("pbx")).toString(), QStringLiteral("pbx"));
        QVERIFY(filesUnder(storeRoot()).isEmpty());
        const CliResult backups = m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")});
        QVERIFY2(backups.exitCode == 0, qPrintable(describe(backups)));
        QVERIFY(jsonArray(backups).isEmpty());
        QCOMPARE(integrityCheck(catalogPath()), QStringLiteral("ok"));

        // The PBX lock of the dead process does not stand in the way of the next backup.
        QVERIFY(sim.clearFaults());
        const CliResult again =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QCOMPARE(
            jsonArray(m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")})).size(), 1);
    }

    void killedMidRestore()
    {
        PbxSim::Options o = simOptions();
        o.restoreMs = 10 * 60 * 1000; // the restore waits until the kill
        PbxSim sim(o);
        QVERIFY(sim.start());
        const CliResult added = addPbx(QStringLiteral("pbx"), sim);
        QVERIFY2(added.exitCode == 0, qPrintable(describe(added)));
        const CliResult backup =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("pbx")});
        QVERIFY2(backup.exitCode == 0, qPrintable(describe(backup)));
        const QString backupId = QString::number(
            QJsonDocument::fromJson(backup.out).object().value(QStringLiteral("id")).toInt());

        std::unique_ptr<QProcess> cli =
            startCli({QStringLiteral("--json"), QStringLiteral("restore"), backupId,
                      QStringLiteral("--to"), QStringLiteral("pbx")});
        QVERIFY(cli);
        // The PBX has the upload and is restoring (after the safety backup was taken).
        QTRY_VERIFY_WITH_TIMEOUT(sim.state().value(QStringLiteral("restoring")).toBool() ||
                                     cli->state() == QProcess::NotRunning,
                                 kWaitMs);
        QCOMPARE(cli->state(), QProcess::Running);
        cli->kill();
        QVERIFY(cli->waitForFinished(30000));
        QCOMPARE(cli->exitStatus(), QProcess::CrashExit);
        QCOMPARE(integrityCheck(catalogPath()), QStringLiteral("ok"));

        const CliResult restores =
            m_cli->run({QStringLiteral("--json"), QStringLiteral("restores")});
        QVERIFY2(restores.exitCode == 0, qPrintable(describe(restores)));
        const QJsonArray history = jsonArray(restores);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("interrupted"));
        const CliResult jobs = m_cli->run({QStringLiteral("--json"), QStringLiteral("jobs")});
        QVERIFY2(jobs.exitCode == 0, qPrintable(describe(jobs)));
        QCOMPARE(firstOf(jsonArray(jobs), QStringLiteral("kind"), QStringLiteral("restore"))
                     .value(QStringLiteral("outcome"))
                     .toString(),
                 QStringLiteral("interrupted"));
        // The safety backup finished before the restore began: it stays, catalogued.
        const QJsonArray backups =
            jsonArray(m_cli->run({QStringLiteral("--json"), QStringLiteral("backups")}));
        QCOMPARE(backups.size(), 2);
        QCOMPARE(firstOf(backups, QStringLiteral("origin"), QStringLiteral("safety")).isEmpty(),
                 false);
        for (const QFileInfo &file : filesUnder(storeRoot()))
            QVERIFY2(!isTempFile(file), qPrintable(file.filePath()));
        QCOMPARE(integrityCheck(catalogPath()), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
