#include "TestDirs.h"
#include "hooks/HookRunner.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace pbxvault;
using pbxvault::test::TestDir;

// HookRun against a real /bin/sh: the environment a hook sees, exit codes, the time limit
// (with what the hook started), the output cap, and hostile PBX names staying data.
class TestHooksRunner : public QObject
{
    Q_OBJECT

private:
    static HookContext context()
    {
        HookContext c;
        c.event = HookEvent::PostBackup;
        c.pbxName = QStringLiteral("Head office");
        c.pbxUrl = QUrl(QStringLiteral("https://admin:secret@pbx.example:8443"));
        c.tenant = QStringLiteral("default");
        c.jobId = 12;
        c.backupId = 34;
        c.backupPath = QStringLiteral("/vault/head/backup.tar.gz");
        c.outcome = QStringLiteral("succeeded");
        return c;
    }

    static HookResult run(const QString &command, const HookContext &c = context(),
                          int timeoutSeconds = 60)
    {
        HookRun hook(HookCommand{command, timeoutSeconds}, c);
        QSignalSpy finished(&hook, &HookRun::finished);
        hook.start();
        if (!finished.wait(60000) || finished.size() != 1)
            return {};
        return finished.first().first().value<HookResult>();
    }

    static bool processGone(qint64 pid)
    {
        // Gone, or a zombie waiting for a parent that does not reap (PID 1 in a container).
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')');
        return close > 0 && line.size() > close + 2 && line.at(close + 2) == 'Z';
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<HookResult>(); }

    void environmentDescribesTheJob()
    {
        const HookResult r = run(QStringLiteral(
            "printf '%s|%s|%s|%s|%s|%s|%s|%s' \"$PBXVAULT_EVENT\" \"$PBXVAULT_PBX_NAME\" "
            "\"$PBXVAULT_PBX_URL\" \"$PBXVAULT_TENANT\" \"$PBXVAULT_JOB_ID\" "
            "\"$PBXVAULT_BACKUP_ID\" \"$PBXVAULT_BACKUP_FILE\" \"$PBXVAULT_OUTCOME\""));
        QCOMPARE(r.status, HookResult::Status::Succeeded);
        QVERIFY(r.ok());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.output),
                 QStringLiteral("post-backup|Head office|https://pbx.example:8443|default|12|34|"
                                "/vault/head/backup.tar.gz|succeeded"));
    }

    void noSecretReachesTheHook()
    {
        const HookResult r = run(QStringLiteral("env"));
        QCOMPARE(r.status, HookResult::Status::Succeeded);
        QVERIFY(r.output.contains("PBXVAULT_PBX_URL=https://pbx.example:8443"));
        QVERIFY(!r.output.contains("secret"));
    }

    void hostileNamesStayData()
    {
        TestDir dir;
        const QString marker = dir.filePath(QStringLiteral("owned"));
        HookContext c = context();
        c.pbxName =
            QStringLiteral("x\"; touch '%1'; echo \"$(touch '%1')\n`touch '%1'`").arg(marker);
        const HookResult r = run(QStringLiteral("printf '%s' \"$PBXVAULT_PBX_NAME\""), c);
        QCOMPARE(r.status, HookResult::Status::Succeeded);
        QCOMPARE(QString::fromUtf8(r.output), c.pbxName);
        QVERIFY(!QFile::exists(marker));
    }

    void nonZeroExitFails()
    {
        const HookResult r = run(QStringLiteral("echo 'NAS not mounted' >&2; exit 3"));
        QCOMPARE(r.status, HookResult::Status::Failed);
        QVERIFY(!r.ok());
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.output, QByteArray("NAS not mounted\n"));
        QVERIFY(r.summary(HookEvent::PreBackup).contains(QStringLiteral("code 3")));
        QVERIFY(r.summary(HookEvent::PreBackup).contains(QStringLiteral("pre-backup")));
    }

    void missingCommandFails()
    {
        const HookResult r = run(QStringLiteral("/nonexistent/pbxvault-hook"));
        QCOMPARE(r.status, HookResult::Status::Failed);
        QCOMPARE(r.exitCode, 127);
        QVERIFY(!r.output.isEmpty()); // the shell says what it could not find
    }

    void outputIsCapped()
    {
        const HookResult r = run(QStringLiteral("head -c 300000 /dev/zero | tr '\\0' x"));
        QCOMPARE(r.status, HookResult::Status::Succeeded);
        QCOMPARE(r.output.size(), HookRun::kMaxOutputBytes);
        QVERIFY(r.outputTruncated);
        QVERIFY(r.outputText().endsWith(QStringLiteral("[output cut at 64 KiB]")));
    }

    void timeLimitStopsTheHookAndWhatItStarted()
    {
#ifndef Q_OS_UNIX
        QSKIP("process groups are POSIX");
#else
        TestDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        // The child ignores SIGTERM: only the SIGKILL after the grace period stops it.
        const HookResult r = run(QStringLiteral("sh -c 'trap \"\" TERM; while :; do sleep 1; "
                                                "done' & echo $! > '%1'; wait")
                                     .arg(pidFile),
                                 context(), 1);
        QCOMPARE(r.status, HookResult::Status::TimedOut);
        QVERIFY(r.summary(HookEvent::PostBackup).contains(QStringLiteral("time limit")));
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const qint64 child = f.readAll().trimmed().toLongLong();
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 10000);
#endif
    }

    void cancelStopsIt()
    {
        HookRun hook(HookCommand{QStringLiteral("sleep 30"), 60}, context());
        QSignalSpy finished(&hook, &HookRun::finished);
        hook.start();
        QVERIFY(hook.isRunning());
        hook.cancel();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<HookResult>().status,
                 HookResult::Status::Cancelled);
        QVERIFY(!hook.isRunning());
    }

    void destroyingARunningHookKillsIt()
    {
#ifdef Q_OS_UNIX
        TestDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("pid"));
        qint64 pid = 0;
        {
            HookRun hook(
                HookCommand{QStringLiteral("echo $$ > '%1'; exec sleep 30").arg(pidFile), 60},
                context());
            hook.start();
            QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 10000);
            QFile f(pidFile);
            QVERIFY(f.open(QIODevice::ReadOnly));
            pid = f.readAll().trimmed().toLongLong();
        }
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
#endif
    }

    void workingDirectoryIsUsed()
    {
        TestDir dir;
        HookContext c = context();
        c.workingDirectory = dir.path();
        const HookResult r = run(QStringLiteral("pwd -P"), c);
        QCOMPARE(r.status, HookResult::Status::Succeeded);
        QCOMPARE(QString::fromLocal8Bit(r.output.trimmed()),
                 QFileInfo(dir.path()).canonicalFilePath());
    }
};

QTEST_GUILESS_MAIN(TestHooksRunner)
#include "tst_hooks_runner.moc"
