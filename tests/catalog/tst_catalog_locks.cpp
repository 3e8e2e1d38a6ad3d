// Two Catalog instances on one file, as the GUI and a command-line run would have: shared
// data and per-PBX exclusion through the database.
#include "CatalogTestUtil.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QThread>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestCatalogLocks : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    static QString otherOwner()
    {
        // Same host and pid as this test (so certainly alive), another holder.
        return QStringLiteral("%1:%2:other")
            .arg(QSysInfo::machineHostName())
            .arg(QCoreApplication::applicationPid());
    }
    std::unique_ptr<TestDir> m_dir;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void ownerIdNamesThisProcess()
    {
        const QString id = Catalog::lockOwnerId();
        const QStringList parts = id.split(QLatin1Char(':'));
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[0], QSysInfo::machineHostName());
        QCOMPARE(parts[1].toLongLong(), QCoreApplication::applicationPid());
        QVERIFY(!parts[2].isEmpty());
        QCOMPARE(Catalog::lockOwnerId(), id);
    }

    void instancesSeeEachOthersWrites()
    {
        OPEN_CATALOG(gui, catalogPath());
        OPEN_CATALOG(cli, catalogPath());
        QCOMPARE(cli->catalogId(), gui->catalogId());

        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(gui->addPbx(&pbx));
        const std::optional<PbxRecord> seen = cli->pbxByName(QStringLiteral("main"));
        QVERIFY(seen);
        QCOMPARE(seen->id, pbx.id);

        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(cli->addBackup(&b));
        QCOMPARE(gui->backupCount(), 1);
        QCOMPARE(gui->backups().first().filename, b.filename);

        // The uniqueness of names holds across instances too.
        PbxRecord clash = makePbx(QStringLiteral("MAIN"));
        QVERIFY(!cli->addPbx(&clash));
        QCOMPARE(cli->lastError(), QStringLiteral("A PBX named \"MAIN\" already exists."));

        QVERIFY(cli->removeBackup(b.id));
        QVERIFY(gui->removePbx(pbx.id));
        QVERIFY(!cli->pbx(pbx.id));
    }

    void lockExcludesOtherOwnersUntilUnlocked()
    {
        OPEN_CATALOG(gui, catalogPath());
        OPEN_CATALOG(cli, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        PbxRecord other = makePbx(QStringLiteral("Other"));
        QVERIFY(gui->addPbx(&pbx));
        QVERIFY(gui->addPbx(&other));
        const QString guiOwner = Catalog::lockOwnerId();
        const QString cliOwner = otherOwner();

        QVERIFY2(gui->tryLockPbx(pbx.id, guiOwner, m_now), qPrintable(gui->lastError()));
        QVERIFY(!cli->tryLockPbx(pbx.id, cliOwner, m_now));
        QVERIFY2(cli->lastError().contains(QStringLiteral("Another job is working on the PBX "
                                                          "\"Main\"")),
                 qPrintable(cli->lastError()));
        QVERIFY(cli->lastError().contains(guiOwner));
        // Not re-entrant: one job per PBX, even within the holder's process.
        QVERIFY(!gui->tryLockPbx(pbx.id, guiOwner, m_now));
        // Other PBXs are free.
        QVERIFY(cli->tryLockPbx(other.id, cliOwner, m_now));

        // Only the holder can release it.
        cli->unlockPbx(pbx.id, cliOwner);
        QVERIFY(!cli->tryLockPbx(pbx.id, cliOwner, m_now));
        gui->unlockPbx(pbx.id, guiOwner);
        QVERIFY2(cli->tryLockPbx(pbx.id, cliOwner, m_now), qPrintable(cli->lastError()));
        QVERIFY(!gui->tryLockPbx(pbx.id, guiOwner, m_now));
    }

    // Processes racing for the same PBX (threads here, each with its own catalog connection):
    // exactly one gets it.
    void racingLockersOneWins()
    {
        OPEN_CATALOG(setup, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(setup->addPbx(&pbx));
        const QString where = catalogLocation(catalogPath());
        constexpr int kRacers = 6;
        QVector<int> won(kRacers, -1);
        QStringList errors(kRacers);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kRacers; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                std::unique_ptr<Catalog> catalog = Catalog::open(where, &errors[i]);
                if (!catalog)
                    return;
                const QString owner = QStringLiteral("%1:%2:racer%3")
                                          .arg(QSysInfo::machineHostName())
                                          .arg(QCoreApplication::applicationPid())
                                          .arg(i);
                won[i] = catalog->tryLockPbx(pbx.id, owner, m_now) ? 1 : 0;
                if (!won[i])
                    errors[i] = catalog->lastError();
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            QVERIFY(thread->wait(120000));
        int winners = 0;
        for (int i = 0; i < kRacers; ++i) {
            QVERIFY2(won[i] >= 0, qPrintable(errors[i]));
            winners += won[i];
            if (!won[i])
                QVERIFY2(errors[i].contains(QStringLiteral("Another job is working")),
                         qPrintable(errors[i]));
        }
        QCOMPARE(winners, 1);
    }

    void lockSurvivesReopen()
    {
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        {
            OPEN_CATALOG(first, catalogPath());
            QVERIFY(first->addPbx(&pbx));
            QVERIFY(first->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now));
        }
        OPEN_CATALOG(second, catalogPath());
        QVERIFY(!second->tryLockPbx(pbx.id, otherOwner(), m_now));
    }

    void staleLockTakenOverByAge()
    {
        OPEN_CATALOG(gui, catalogPath());
        OPEN_CATALOG(cli, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(gui->addPbx(&pbx));
        QVERIFY(gui->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now, 600));
        QVERIFY(!cli->tryLockPbx(pbx.id, otherOwner(), m_now.addSecs(600), 600));
        QVERIFY2(cli->tryLockPbx(pbx.id, otherOwner(), m_now.addSecs(601), 600),
                 qPrintable(cli->lastError()));
        // The previous holder's unlock no longer releases the new holder's lock.
        gui->unlockPbx(pbx.id, Catalog::lockOwnerId());
        QVERIFY(!gui->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now.addSecs(602), 600));
    }

    void lockOfAnotherHostIsNotTakenOverEarly()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        // A pid that does not exist here means nothing for a process on another machine.
        const QString remote = QStringLiteral("other-host.example.net:999999:abc");
        QVERIFY(catalog->tryLockPbx(pbx.id, remote, m_now));
        QVERIFY(!catalog->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now.addSecs(60)));
        QVERIFY(catalog->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now.addSecs(7 * 3600)));
    }

    void lockOfDeadProcessTakenOver()
    {
#ifdef Q_OS_UNIX
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        const QString dead =
            QStringLiteral("%1:%2:crashed").arg(QSysInfo::machineHostName()).arg(deadPid());
        QVERIFY(catalog->tryLockPbx(pbx.id, dead, m_now));
        QVERIFY2(catalog->tryLockPbx(pbx.id, Catalog::lockOwnerId(), m_now.addSecs(1)),
                 qPrintable(catalog->lastError()));
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("SELECT owner FROM pbx_locks WHERE pbx_id = ?"), {pbx.id})
                     .toString(),
                 Catalog::lockOwnerId());
#else
        QSKIP("Needs fork() to make a process that is gone");
#endif
    }

    void lockOfUnknownPbxFails()
    {
        OPEN_CATALOG(catalog, catalogPath());
        QVERIFY(!catalog->tryLockPbx(4242, Catalog::lockOwnerId(), m_now));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX with id 4242."));
    }

    void readersAreNotBlockedByAWriter()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        // Another connection holds the write lock; a reader is not blocked by it (WAL)...
        RawDb raw(catalogPath());
        bool ok = false;
        raw.exec(testingPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"),
                 {}, &ok);
        QVERIFY(ok);
        raw.exec(QStringLiteral("UPDATE pbxs SET username = 'changed'"), {}, &ok);
        QVERIFY(ok);
        QCOMPARE(catalog->pbx(pbx.id)->username, QStringLiteral("admin"));
        raw.exec(QStringLiteral("COMMIT"), {}, &ok);
        QVERIFY(ok);
        // ...and sees the committed change right after.
        QCOMPARE(catalog->pbx(pbx.id)->username, QStringLiteral("changed"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogLocks)
#include "tst_catalog_locks.moc"
