// Scheduled slots claimed in the catalog: each slot runs under one scheduler only, across
// processes and machines, and a claim left by a dead scheduler is taken over.
#include "CatalogTestUtil.h"
#include "catalog/CatalogDatabase.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSemaphore>
#include <QSysInfo>
#include <QThread>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestCatalogClaims : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    // Alive: this very process under another holder id.
    static QString liveOwner(const QString &tag)
    {
        return QStringLiteral("%1:%2:%3")
            .arg(QSysInfo::machineHostName())
            .arg(QCoreApplication::applicationPid())
            .arg(tag);
    }
    static QString remoteOwner() { return QStringLiteral("other-host.example.net:4242:remote"); }
    // A holder on this host whose process has exited.
    static QString deadOwner()
    {
        QProcess process;
        process.start(QStringLiteral("sleep"), {QStringLiteral("0")});
        if (!process.waitForStarted(30000))
            return {};
        const qint64 pid = process.processId(); // 0 once it has finished
        if (!process.waitForFinished(30000) || pid <= 0)
            return {};
        return QStringLiteral("%1:%2:dead").arg(QSysInfo::machineHostName()).arg(pid);
    }

    std::unique_ptr<TestDir> m_dir;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
    const QDateTime m_slot = QDateTime(QDate(2026, 11, 30), QTime(3, 0), Qt::UTC);

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void aSlotIsClaimedOnce()
    {
        OPEN_CATALOG(first, catalogPath());
        OPEN_CATALOG(second, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(first->addPbx(&pbx));
        const QString a = liveOwner(QStringLiteral("a"));
        const QString b = liveOwner(QStringLiteral("b"));

        QCOMPARE(first->claimScheduledSlot(pbx.id, m_slot, a, m_now, 60),
                 Catalog::SlotClaim::Claimed);
        QCOMPARE(first->lastScheduledRun(pbx.id), m_slot); // the claim records the slot
        QCOMPARE(second->claimScheduledSlot(pbx.id, m_slot, b, m_now, 60),
                 Catalog::SlotClaim::HandledElsewhere);
        // An older slot is handled too.
        QCOMPARE(second->claimScheduledSlot(pbx.id, m_slot.addDays(-1), b, m_now, 60),
                 Catalog::SlotClaim::HandledElsewhere);
        // The next slot waits while a's job (or its retries) still runs under a live lease.
        const QDateTime next = m_slot.addDays(1);
        QCOMPARE(second->claimScheduledSlot(pbx.id, next, b, m_now, 60),
                 Catalog::SlotClaim::HandledElsewhere);
        QCOMPARE(first->lastScheduledRun(pbx.id), m_slot);
        // Once a finishes, the next slot is b's to take.
        QVERIFY2(first->finishSlotClaim(pbx.id, a), qPrintable(first->lastError()));
        QCOMPARE(second->claimScheduledSlot(pbx.id, next, b, m_now, 60),
                 Catalog::SlotClaim::Claimed);
        QCOMPARE(first->lastScheduledRun(pbx.id), next);
        // Its holder may claim a later slot over its own open claim (a new slot replacing a
        // pending retry).
        QCOMPARE(second->claimScheduledSlot(pbx.id, next.addDays(1), b, m_now, 60),
                 Catalog::SlotClaim::Claimed);
    }

    void anUnknownPbxIsAnError()
    {
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(
            catalog->claimScheduledSlot(4711, m_slot, liveOwner(QStringLiteral("a")), m_now, 60),
            Catalog::SlotClaim::Error);
        QVERIFY(catalog->lastError().contains(QStringLiteral("4711")));
    }

    void renewalKeepsClaimsAndListsThem()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord one = makePbx(QStringLiteral("One"));
        PbxRecord two = makePbx(QStringLiteral("Two"));
        QVERIFY(catalog->addPbx(&one));
        QVERIFY(catalog->addPbx(&two));
        const QString a = liveOwner(QStringLiteral("a"));
        const QString b = liveOwner(QStringLiteral("b"));
        QCOMPARE(catalog->claimScheduledSlot(one.id, m_slot, a, m_now, 60),
                 Catalog::SlotClaim::Claimed);
        QCOMPARE(catalog->claimScheduledSlot(two.id, m_slot, a, m_now, 60),
                 Catalog::SlotClaim::Claimed);
        QVERIFY(catalog->finishSlotClaim(two.id, a));

        // Renewed at +50 s for 60 s: at +100 s the lease still holds.
        const std::optional<QVector<qint64>> held =
            catalog->renewSlotClaims(a, m_now.addSecs(50), 60);
        QVERIFY2(held, qPrintable(catalog->lastError()));
        QCOMPARE(*held, QVector<qint64>{one.id});
        QVERIFY(catalog->takeAbandonedSlotClaims(b, m_now.addSecs(100), 60).isEmpty());
        // Not renewed again: past +110 s it is abandoned.
        const QVector<Catalog::TakenClaim> taken =
            catalog->takeAbandonedSlotClaims(b, m_now.addSecs(111), 60);
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().pbxId, one.id);
        QCOMPARE(taken.first().slot, m_slot);
        QCOMPARE(taken.first().previousOwner, a);
        // a lost it: its renewal no longer lists it, its finish changes nothing.
        const std::optional<QVector<qint64>> afterwards =
            catalog->renewSlotClaims(a, m_now.addSecs(112), 60);
        QVERIFY(afterwards);
        QVERIFY(afterwards->isEmpty());
        QVERIFY(catalog->finishSlotClaim(one.id, a));
        QCOMPARE(*catalog->renewSlotClaims(b, m_now.addSecs(112), 60), QVector<qint64>{one.id});
        // Nobody else can take b's fresh claim.
        QVERIFY(catalog->takeAbandonedSlotClaims(a, m_now.addSecs(113), 60).isEmpty());
    }

    void takeoverReleasesTheLockAndInterruptsTheJob()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        // The holder is this process (the owner the job log records), whose lease ran out.
        const QString holder = Catalog::lockOwnerId();
        QCOMPARE(catalog->claimScheduledSlot(pbx.id, m_slot, holder, m_now, 30),
                 Catalog::SlotClaim::Claimed);
        QVERIFY(catalog->tryLockPbx(pbx.id, holder, m_now));
        JobRecord job;
        job.kind = JobKind::Backup;
        job.trigger = JobTrigger::Scheduled;
        job.pbxId = pbx.id;
        job.pbxName = pbx.name;
        QVERIFY(catalog->beginJob(&job));

        const QString taker = liveOwner(QStringLiteral("taker"));
        QVERIFY(!catalog->tryLockPbx(pbx.id, taker, m_now.addSecs(40)));
        const QVector<Catalog::TakenClaim> taken =
            catalog->takeAbandonedSlotClaims(taker, m_now.addSecs(40), 30);
        QCOMPARE(taken.size(), 1);
        QVERIFY2(catalog->tryLockPbx(pbx.id, taker, m_now.addSecs(41)),
                 qPrintable(catalog->lastError()));
        const QVector<JobRecord> jobs = catalog->jobs();
        QCOMPARE(jobs.size(), 1);
        QVERIFY(jobs.first().outcome == JobOutcome::Interrupted);
        QVERIFY(jobs.first().finishedAt.isValid());
    }

    void aDeadHolderOnThisHostIsTakenOverAtOnce()
    {
        const QString dead = deadOwner();
        QVERIFY(!dead.isEmpty());
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        QCOMPARE(catalog->claimScheduledSlot(pbx.id, m_slot, dead, m_now, 3600),
                 Catalog::SlotClaim::Claimed);
        // A live lease, but its process is gone.
        const QString b = liveOwner(QStringLiteral("b"));
        QCOMPARE(catalog->claimScheduledSlot(pbx.id, m_slot.addDays(1), b, m_now, 60),
                 Catalog::SlotClaim::Claimed);
        QCOMPARE(catalog->lastScheduledRun(pbx.id), m_slot.addDays(1));
        // The same claim from a dead holder, found by the periodic pass.
        PbxRecord other = makePbx(QStringLiteral("Other"));
        QVERIFY(catalog->addPbx(&other));
        QCOMPARE(catalog->claimScheduledSlot(other.id, m_slot, dead, m_now, 3600),
                 Catalog::SlotClaim::Claimed);
        const QVector<Catalog::TakenClaim> taken =
            catalog->takeAbandonedSlotClaims(b, m_now.addSecs(1), 60);
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().pbxId, other.id);
    }

    void aRemoteHolderKeepsItsClaimUntilTheLeaseEnds()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        QCOMPARE(catalog->claimScheduledSlot(pbx.id, m_slot, remoteOwner(), m_now, 60),
                 Catalog::SlotClaim::Claimed);
        const QString b = liveOwner(QStringLiteral("b"));
        QVERIFY(catalog->takeAbandonedSlotClaims(b, m_now.addSecs(59), 60).isEmpty());
        QCOMPARE(catalog->takeAbandonedSlotClaims(b, m_now.addSecs(61), 60).size(), 1);
    }

    // Schedulers racing for the same slot (threads, each with its own connection): one wins.
    void racingSchedulersOneWins()
    {
        OPEN_CATALOG(setup, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(setup->addPbx(&pbx));
        const QString where = catalogLocation(catalogPath());
        constexpr int kRacers = 6;
        QVector<int> results(kRacers, -1);
        QStringList errors(kRacers);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kRacers; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                std::unique_ptr<Catalog> catalog = Catalog::open(where, &errors[i]);
                if (!catalog)
                    return;
                results[i] = int(catalog->claimScheduledSlot(
                    pbx.id, m_slot, liveOwner(QStringLiteral("racer%1").arg(i)), m_now, 60));
                errors[i] = catalog->lastError();
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            QVERIFY(thread->wait(120000));
        int claimed = 0;
        for (int i = 0; i < kRacers; ++i) {
            QVERIFY2(results[i] != int(Catalog::SlotClaim::Error) && results[i] >= 0,
                     qPrintable(errors[i]));
            claimed += results[i] == int(Catalog::SlotClaim::Claimed) ? 1 : 0;
        }
        QCOMPARE(claimed, 1);
    }

    // Schedulers look for abandoned claims every few seconds: when none is abandoned they only
    // read, so they neither wait for nor hold up the catalog's writers. Another connection
    // holds the write lock meanwhile; the look returns while it still does.
    void nothingAbandonedTakesNoWriteLock()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord one = makePbx(QStringLiteral("One"));
        PbxRecord two = makePbx(QStringLiteral("Two"));
        QVERIFY(catalog->addPbx(&one));
        QVERIFY(catalog->addPbx(&two));
        QCOMPARE(catalog->claimScheduledSlot(one.id, m_slot, remoteOwner(), m_now, 3600),
                 Catalog::SlotClaim::Claimed);
        QCOMPARE(catalog->claimScheduledSlot(two.id, m_slot, liveOwner(QStringLiteral("a")), m_now,
                                             3600),
                 Catalog::SlotClaim::Claimed);

        const QString where = catalogLocation(catalogPath());
        QSemaphore opened;
        QSemaphore go;
        qsizetype taken = -1;
        QString error;
        std::unique_ptr<QThread> scheduler(QThread::create([&] {
            std::unique_ptr<Catalog> own = Catalog::open(where, &error);
            opened.release();
            go.acquire();
            if (own) {
                taken = own->takeAbandonedSlotClaims(liveOwner(QStringLiteral("b")),
                                                     m_now.addSecs(1), 60)
                            .size();
                error = own->lastError();
            }
        }));
        scheduler->start();
        QVERIFY(opened.tryAcquire(1, 120000));
        RawDb writer(catalogPath());
        bool ok = false;
        if (testingPostgres()) {
            writer.exec(QStringLiteral("BEGIN"), {}, &ok);
            QVERIFY(ok);
            writer.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)")
                            .arg(CatalogDatabase::kWriteLockKey),
                        {}, &ok);
        } else {
            writer.exec(QStringLiteral("BEGIN IMMEDIATE"), {}, &ok);
        }
        QVERIFY(ok);
        go.release();
        // Before this change it waited for the lock (SQLite: until the busy timeout, then
        // failed; PostgreSQL: until the writer ended).
        const bool returnedWhileLocked = scheduler->wait(30000);
        writer.exec(QStringLiteral("ROLLBACK"), {}, &ok);
        QVERIFY(scheduler->wait(120000));
        QVERIFY(returnedWhileLocked);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(taken, 0);

        // Once the leases have run out, both are taken over as before.
        const QVector<Catalog::TakenClaim> later = catalog->takeAbandonedSlotClaims(
            liveOwner(QStringLiteral("b")), m_now.addSecs(3601), 60);
        QCOMPARE(later.size(), 2);
        QCOMPARE(later.at(0).pbxId, one.id);
        QCOMPARE(later.at(1).pbxId, two.id);
    }

    // Schedulers that all saw the same abandoned claim in their read: one of them takes it, the
    // others find it taken when they look again under the write lock.
    void racingTakeoversOneWins()
    {
        const QString dead = deadOwner();
        QVERIFY(!dead.isEmpty());
        OPEN_CATALOG(setup, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(setup->addPbx(&pbx));
        QCOMPARE(setup->claimScheduledSlot(pbx.id, m_slot, dead, m_now, 3600),
                 Catalog::SlotClaim::Claimed);
        const QString where = catalogLocation(catalogPath());
        constexpr int kRacers = 6;
        QVector<qsizetype> taken(kRacers, -1);
        QStringList errors(kRacers);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kRacers; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                std::unique_ptr<Catalog> catalog = Catalog::open(where, &errors[i]);
                if (!catalog)
                    return;
                taken[i] = catalog
                               ->takeAbandonedSlotClaims(
                                   liveOwner(QStringLiteral("racer%1").arg(i)), m_now, 60)
                               .size();
                errors[i] = catalog->lastError();
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            QVERIFY(thread->wait(120000));
        qsizetype total = 0;
        for (int i = 0; i < kRacers; ++i) {
            QVERIFY2(taken[i] >= 0 && errors[i].isEmpty(), qPrintable(errors[i]));
            total += taken[i];
        }
        QCOMPARE(total, qsizetype(1));
        RawDb raw(catalogPath());
        QCOMPARE(
            raw.exec(QStringLiteral("SELECT takeovers FROM slot_claims WHERE pbx_id = ?"), {pbx.id})
                .toInt(),
            1);
    }

    void claimsGoWithTheirPbx()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        QCOMPARE(catalog->claimScheduledSlot(pbx.id, m_slot, remoteOwner(), m_now, 1),
                 Catalog::SlotClaim::Claimed);
        QVERIFY2(catalog->removePbx(pbx.id), qPrintable(catalog->lastError()));
        QVERIFY(
            catalog->takeAbandonedSlotClaims(liveOwner(QStringLiteral("b")), m_now.addSecs(10), 60)
                .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalogClaims)
#include "tst_catalog_claims.moc"
