#include "TestDirs.h"
#include "common/AppSettings.h"
#include "hooks/HookPlan.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using pbxvault::test::TestDir;

// Which hooks run for a job (settings on a real settings.ini) and in which order, and how a
// sequence treats failures before and after a job, with a real /bin/sh.
class TestHooksPlan : public QObject
{
    Q_OBJECT

private:
    static QStringList commands(const QVector<PlannedHook> &hooks)
    {
        QStringList out;
        for (const PlannedHook &h : hooks)
            out << (h.forPbx ? QStringLiteral("pbx:") : QStringLiteral("all:")) + h.command.command;
        return out;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<HookResult>(); }

    void planOrdersGeneralAndOwnHooks()
    {
        TestDir dir;
        AppSettings settings(dir.path());
        const QString cat = QStringLiteral("c1");
        QVERIFY(planHooks(settings, cat, 7, HookEvent::PreBackup).isEmpty());

        settings.setHookCommand(QString(), QStringLiteral("pre-backup"), QStringLiteral("mount"));
        settings.setHookCommand(AppSettings::hookScope(cat, 7), QStringLiteral("pre-backup"),
                                QStringLiteral("prepare 7"));
        settings.setHookCommand(AppSettings::hookScope(cat, 7), QStringLiteral("post-backup"),
                                QStringLiteral("notify 7"));
        settings.setHookCommand(QString(), QStringLiteral("post-backup"), QStringLiteral("umount"));
        settings.setHookTimeoutSeconds(42);
        settings.sync();

        // A fresh object reads what the file holds.
        AppSettings reread(dir.path());
        const QVector<PlannedHook> pre = planHooks(reread, cat, 7, HookEvent::PreBackup);
        QCOMPARE(commands(pre),
                 (QStringList{QStringLiteral("all:mount"), QStringLiteral("pbx:prepare 7")}));
        QCOMPARE(pre.first().command.timeoutSeconds, 42);
        QCOMPARE(commands(planHooks(reread, cat, 7, HookEvent::PostBackup)),
                 (QStringList{QStringLiteral("pbx:notify 7"), QStringLiteral("all:umount")}));
        // Another PBX, or the same id in another catalog, only gets the general hook.
        QCOMPARE(commands(planHooks(reread, cat, 8, HookEvent::PreBackup)),
                 QStringList{QStringLiteral("all:mount")});
        QCOMPARE(commands(planHooks(reread, QStringLiteral("c2"), 7, HookEvent::PreBackup)),
                 QStringList{QStringLiteral("all:mount")});
        QVERIFY(planHooks(reread, cat, 7, HookEvent::PreRestore).isEmpty());

        reread.setHookCommand(QString(), QStringLiteral("pre-backup"), QStringLiteral("  "));
        QCOMPARE(commands(planHooks(reread, cat, 7, HookEvent::PreBackup)),
                 QStringList{QStringLiteral("pbx:prepare 7")});
    }

    void preSequenceStopsAtTheFirstFailure()
    {
        TestDir dir;
        const QString marker = dir.filePath(QStringLiteral("second-ran"));
        HookContext c;
        c.event = HookEvent::PreBackup;
        HookSequence seq({{false, {QStringLiteral("echo no share; exit 2"), 60}},
                          {true, {QStringLiteral("touch '%1'").arg(marker), 60}}},
                         c);
        QSignalSpy each(&seq, &HookSequence::hookFinished);
        QSignalSpy done(&seq, &HookSequence::finished);
        seq.start();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(done.first().at(1).toString().contains(QStringLiteral("code 2")));
        QCOMPARE(each.size(), 1);
        QCOMPARE(each.first().at(1).value<HookResult>().output, QByteArray("no share\n"));
        QVERIFY(!QFile::exists(marker));
    }

    void postSequenceRunsEveryHook()
    {
        TestDir dir;
        const QString marker = dir.filePath(QStringLiteral("second-ran"));
        HookContext c;
        c.event = HookEvent::PostRestore;
        HookSequence seq({{true, {QStringLiteral("exit 1"), 60}},
                          {false, {QStringLiteral("touch '%1'").arg(marker), 60}}},
                         c);
        QSignalSpy each(&seq, &HookSequence::hookFinished);
        QSignalSpy done(&seq, &HookSequence::finished);
        seq.start();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QCOMPARE(each.size(), 2);
        QVERIFY(QFile::exists(marker));
    }

    void emptySequenceSucceedsLater()
    {
        HookSequence seq({}, HookContext{});
        QSignalSpy done(&seq, &HookSequence::finished);
        seq.start();
        QCOMPARE(done.size(), 0); // never inside start()
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().at(0).toBool(), true);
    }

    void cancelEndsTheSequence()
    {
        HookContext c;
        c.event = HookEvent::PreBackup;
        HookSequence seq(
            {{false, {QStringLiteral("sleep 30"), 60}}, {false, {QStringLiteral("true"), 60}}}, c);
        QSignalSpy each(&seq, &HookSequence::hookFinished);
        QSignalSpy done(&seq, &HookSequence::finished);
        seq.start();
        QTRY_COMPARE(each.size() + done.size(), 0);
        QCoreApplication::processEvents(); // the first hook is running now
        seq.cancel();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QCOMPARE(each.size(), 1);
        QCOMPARE(each.first().at(1).value<HookResult>().status, HookResult::Status::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestHooksPlan)
#include "tst_hooks_plan.moc"
