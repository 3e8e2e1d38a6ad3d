// Several schedulers over one catalog (daemons on several machines): every due slot runs
// exactly once, and the slots of a scheduler that died are run by another.
#include "CatalogTestUtil.h"
#include "common/Clock.h"
#include "ops/CatalogScheduleSource.h"
#include "schedule/Scheduler.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSysInfo>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

// Records launches; the test completes them.
class HeldLauncher : public BackupLauncher
{
public:
    void launch(qint64 pbxId, JobTrigger, Completion done) override
    {
        launched.append(pbxId);
        pending.append({pbxId, std::move(done)});
    }
    // Completes every job running now (a completion may start the next ones).
    int finishAll(const BackupOutcome &outcome = BackupOutcome::success())
    {
        const auto now = std::move(pending);
        pending.clear();
        for (const auto &[id, done] : now)
            done(outcome);
        return int(now.size());
    }

    QVector<qint64> launched;
    QVector<std::pair<qint64, Completion>> pending;
};

QString ownerTagged(const QString &tag)
{
    return QStringLiteral("%1:%2:%3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(tag);
}

// A holder id on this host whose process has exited; empty if no process could be run.
QString deadOwner()
{
    QProcess exited;
    exited.start(QStringLiteral("sleep"), {QStringLiteral("0")});
    if (!exited.waitForStarted(30000))
        return {};
    const qint64 pid = exited.processId(); // 0 once it has finished
    if (!exited.waitForFinished(30000) || pid <= 0)
        return {};
    return QStringLiteral("%1:%2:dead").arg(QSysInfo::machineHostName()).arg(pid);
}

} // namespace

class TestSchedulerClaims : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }

    // count PBXs, each owing one missed daily slot.
    QVector<qint64> addDuePbxs(Catalog &catalog, int count)
    {
        QVector<qint64> ids;
        const QDateTime handled = QDateTime::currentDateTimeUtc().addDays(-2);
        for (int i = 0; i < count; ++i) {
            PbxRecord pbx = makePbx(QStringLiteral("pbx%1").arg(i));
            pbx.schedule = QStringLiteral("0 3 * * *");
            if (!catalog.addPbx(&pbx) || !catalog.setLastScheduledRun(pbx.id, handled))
                return {};
            ids.append(pbx.id);
        }
        return ids;
    }

    static QVector<qint64> sorted(QVector<qint64> ids)
    {
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    std::unique_ptr<TestDir> m_dir;
    SystemClock m_clock;

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void twoSchedulersRunEachSlotOnce()
    {
        OPEN_CATALOG(setup, catalogPath());
        const QVector<qint64> ids = addDuePbxs(*setup, 12);
        QCOMPARE(ids.size(), 12);
        OPEN_CATALOG(catalogA, catalogPath());
        OPEN_CATALOG(catalogB, catalogPath());
        CatalogScheduleSource sourceA(*catalogA, ownerTagged(QStringLiteral("a")));
        CatalogScheduleSource sourceB(*catalogB, ownerTagged(QStringLiteral("b")));
        HeldLauncher launcherA;
        HeldLauncher launcherB;
        Scheduler a(&sourceA, &launcherA, &m_clock);
        Scheduler b(&sourceB, &launcherB, &m_clock);
        a.setConcurrencyLimit(3);
        b.setConcurrencyLimit(3);
        a.start();
        b.start();
        QCOMPARE(launcherA.launched.size(), 3);
        QCOMPARE(launcherB.launched.size(), 3);
        // Both hold the same queue; each slot starts under one of them only.
        int guard = 0;
        while (launcherA.finishAll() + launcherB.finishAll() > 0)
            QVERIFY(++guard < 100);
        QVERIFY(a.isIdle() && b.isIdle());
        QCOMPARE(sorted(launcherA.launched + launcherB.launched), ids);
        QVERIFY(!launcherA.launched.isEmpty() && !launcherB.launched.isEmpty());
        // Every claim is finished.
        QVERIFY(sourceA.renewAndTakeOver().isEmpty());
        QVERIFY(catalogA
                    ->renewSlotClaims(ownerTagged(QStringLiteral("a")),
                                      QDateTime::currentDateTimeUtc(), 60)
                    ->isEmpty());
        QVERIFY(catalogB
                    ->renewSlotClaims(ownerTagged(QStringLiteral("b")),
                                      QDateTime::currentDateTimeUtc(), 60)
                    ->isEmpty());
    }

    // A slot job still queued when a reload learns that another scheduler handled the slot is
    // dropped, not started without a claim (which used to run those PBXs twice).
    void aQueuedSlotHandledElsewhereIsDropped()
    {
        OPEN_CATALOG(setup, catalogPath());
        const QVector<qint64> ids = addDuePbxs(*setup, 6);
        QCOMPARE(ids.size(), 6);
        OPEN_CATALOG(catalogA, catalogPath());
        OPEN_CATALOG(catalogB, catalogPath());
        CatalogScheduleSource sourceA(*catalogA, ownerTagged(QStringLiteral("a")));
        CatalogScheduleSource sourceB(*catalogB, ownerTagged(QStringLiteral("b")));
        HeldLauncher launcherA;
        HeldLauncher launcherB;
        Scheduler a(&sourceA, &launcherA, &m_clock);
        Scheduler b(&sourceB, &launcherB, &m_clock);
        b.setConcurrencyLimit(1);
        b.start();
        QCOMPARE(launcherB.launched.size(), 1);
        QCOMPARE(b.queuedCount(), 5);
        a.setConcurrencyLimit(10);
        a.start();
        QCOMPARE(launcherA.launched.size(), 5);
        QCOMPARE(launcherA.finishAll(), 5);
        b.reload(); // as its periodic reload does
        QCOMPARE(launcherB.finishAll(), 1);
        QVERIFY(b.isIdle());
        QCOMPARE(launcherB.launched.size(), 1);
        QCOMPARE(sorted(launcherA.launched + launcherB.launched), ids);
    }

    void aDeadSchedulersSlotsAreRunByAnother()
    {
        OPEN_CATALOG(setup, catalogPath());
        const QVector<qint64> ids = addDuePbxs(*setup, 10);
        QCOMPARE(ids.size(), 10);
        // A scheduler whose process is gone (this host, an exited pid) claimed four slots.
        const QString deadHolder = deadOwner();
        QVERIFY(!deadHolder.isEmpty());
        QVector<qint64> lostWithIt;
        {
            OPEN_CATALOG(catalogDead, catalogPath());
            CatalogScheduleSource sourceDead(*catalogDead, deadHolder);
            HeldLauncher launcherDead;
            Scheduler dead(&sourceDead, &launcherDead, &m_clock);
            dead.setConcurrencyLimit(4);
            dead.start();
            lostWithIt = launcherDead.launched;
            QCOMPARE(lostWithIt.size(), 4);
            // Killed: no completion, no finished claim.
        }
        OPEN_CATALOG(catalog, catalogPath());
        CatalogScheduleSource source(*catalog, ownerTagged(QStringLiteral("survivor")));
        HeldLauncher launcher;
        Scheduler survivor(&source, &launcher, &m_clock);
        QSignalSpy takenOver(&survivor, &Scheduler::claimTakenOver);
        survivor.setConcurrencyLimit(20);
        survivor.start();
        int guard = 0;
        while (launcher.finishAll() > 0)
            QVERIFY(++guard < 100);
        // The six unclaimed slots and the four the dead one held: each once.
        QCOMPARE(sorted(launcher.launched), ids);
        QCOMPARE(takenOver.count(), 4);
        QVector<qint64> taken;
        for (const QList<QVariant> &signal : std::as_const(takenOver))
            taken.append(signal.at(0).toLongLong());
        QCOMPARE(sorted(taken), sorted(lostWithIt));
        QVERIFY(catalog
                    ->renewSlotClaims(ownerTagged(QStringLiteral("survivor")),
                                      QDateTime::currentDateTimeUtc(), 60)
                    ->isEmpty());
        // Nothing left for a third scheduler.
        OPEN_CATALOG(catalogLate, catalogPath());
        CatalogScheduleSource sourceLate(*catalogLate, ownerTagged(QStringLiteral("late")));
        HeldLauncher launcherLate;
        Scheduler late(&sourceLate, &launcherLate, &m_clock);
        late.start();
        QVERIFY(launcherLate.launched.isEmpty());
    }

    // The fleet benchmark's case: the survivor had the PBXs queued before the other scheduler
    // claimed them and died; a reload then shows their slots handled. Taken over, they still
    // run (they were dropped as handled elsewhere, and lost).
    void slotsQueuedHereAndClaimedByTheDeadStillRun()
    {
        OPEN_CATALOG(setup, catalogPath());
        const QVector<qint64> ids = addDuePbxs(*setup, 6);
        QCOMPARE(ids.size(), 6);
        OPEN_CATALOG(catalog, catalogPath());
        CatalogScheduleSource source(*catalog, ownerTagged(QStringLiteral("survivor")));
        HeldLauncher launcher;
        Scheduler survivor(&source, &launcher, &m_clock);
        survivor.setConcurrencyLimit(1);
        survivor.start();
        QCOMPARE(launcher.launched.size(), 1);
        QCOMPARE(survivor.queuedCount(), 5);

        const QString deadHolder = deadOwner();
        QVERIFY(!deadHolder.isEmpty());
        QVector<qint64> lostWithIt;
        {
            OPEN_CATALOG(catalogDead, catalogPath());
            CatalogScheduleSource sourceDead(*catalogDead, deadHolder);
            HeldLauncher launcherDead;
            Scheduler dead(&sourceDead, &launcherDead, &m_clock);
            dead.setConcurrencyLimit(2);
            dead.start();
            lostWithIt = launcherDead.launched;
            QCOMPARE(lostWithIt.size(), 2);
        }
        survivor.reload();      // learns that those two slots are handled
        survivor.renewClaims(); // and takes them over
        int guard = 0;
        while (launcher.finishAll() > 0)
            QVERIFY(++guard < 100);
        QVERIFY(survivor.isIdle());
        QCOMPARE(sorted(launcher.launched), ids);
    }

    void aRetryKeepsTheClaimUntilTheFinalOutcome()
    {
        OPEN_CATALOG(setup, catalogPath());
        const QVector<qint64> ids = addDuePbxs(*setup, 1);
        QCOMPARE(ids.size(), 1);
        const QString owner = ownerTagged(QStringLiteral("a"));
        OPEN_CATALOG(catalog, catalogPath());
        CatalogScheduleSource source(*catalog, owner);
        HeldLauncher launcher;
        Scheduler scheduler(&source, &launcher, &m_clock);
        scheduler.setRetryPolicy(2, 1);
        QSignalSpy retry(&scheduler, &Scheduler::retryScheduled);
        QSignalSpy finished(&scheduler, &Scheduler::jobFinished);
        scheduler.start();
        QCOMPARE(launcher.finishAll(BackupOutcome::failure(true, QStringLiteral("busy"))), 1);
        QCOMPARE(retry.count(), 1);
        // While the retry waits, the claim is held (and another scheduler could not take it).
        QCOMPARE(*catalog->renewSlotClaims(owner, QDateTime::currentDateTimeUtc(), 60), ids);
        OPEN_CATALOG(other, catalogPath());
        QVERIFY(other
                    ->takeAbandonedSlotClaims(ownerTagged(QStringLiteral("b")),
                                              QDateTime::currentDateTimeUtc(), 60)
                    .isEmpty());
        // The retry comes after its backoff (1 s) on the scheduler's own timer.
        QTRY_COMPARE_WITH_TIMEOUT(launcher.pending.size(), 1, 30000);
        QCOMPARE(launcher.finishAll(BackupOutcome::failure(true, QStringLiteral("busy"))), 1);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(2).toBool(), false);
        QVERIFY(catalog->renewSlotClaims(owner, QDateTime::currentDateTimeUtc(), 60)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchedulerClaims)
#include "tst_scheduler_claims.moc"
