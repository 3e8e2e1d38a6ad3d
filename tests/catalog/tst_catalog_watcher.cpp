// CatalogWatcher against a real catalog file: commits by a second Catalog instance (another
// connection, as the command line and the daemon have) are noticed within 2 s; the window's
// own writes give at most one signal per burst; reads and idle time give none.
#include "CatalogTestUtil.h"
#include "catalog/CatalogWatcher.h"

#include <QSignalSpy>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestCatalogWatcher : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    std::unique_ptr<TestDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void noticesCommitsOfAnotherConnection()
    {
        OPEN_CATALOG(gui, catalogPath());
        CatalogWatcher watcher(gui->path());
        QString error;
        QVERIFY2(watcher.start(&error), qPrintable(error));
        QVERIFY(watcher.isWatching());
        QSignalSpy spy(&watcher, &CatalogWatcher::externalChange);

        OPEN_CATALOG(cli, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"), PbxRole::Master);
        QVERIFY(cli->addPbx(&pbx));
        QVERIFY(spy.wait(2000));

        spy.clear();
        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(cli->addBackup(&b));
        QVERIFY(spy.wait(2000));

        spy.clear();
        RestoreRecord r;
        r.backupId = b.id;
        r.targetPbxId = pbx.id;
        r.startedAt = utc(QStringLiteral("2024-05-02T10:00:00Z"));
        QVERIFY(cli->beginRestore(&r));
        QVERIFY(spy.wait(2000));

        // A commit from a connection opened after the watcher, then closed again.
        spy.clear();
        cli.reset();
        OPEN_CATALOG(later, catalogPath());
        QVERIFY(later->setVerification(b.id, VerifyState::Intact, QDateTime::currentDateTimeUtc()));
        QVERIFY(spy.wait(2000));
    }

    void ownBurstOfWritesGivesOneSignal()
    {
        OPEN_CATALOG(gui, catalogPath());
        CatalogWatcher watcher(gui->path());
        QVERIFY(watcher.start());
        QSignalSpy spy(&watcher, &CatalogWatcher::externalChange);

        // What a backup job writes, back to back (no event loop in between).
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(gui->addPbx(&pbx));
        JobRecord job;
        job.pbxId = pbx.id;
        job.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(gui->beginJob(&job));
        BackupRecord b = makeBackup(pbx.id, job.startedAt);
        QVERIFY(gui->addBackup(&b));
        QVERIFY(gui->finishJob(job.id, JobOutcome::Success, b.size, {}, job.startedAt));

        QVERIFY(spy.wait(2000));
        QCOMPARE(spy.count(), 1);
        // Everything was reported by that one signal: the next poll finds nothing new.
        QVERIFY(!watcher.checkNow());
        QCOMPARE(spy.count(), 1);
    }

    void quietWhileNothingChanges()
    {
        OPEN_CATALOG(gui, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(gui->addPbx(&pbx));
        OPEN_CATALOG(cli, catalogPath());

        CatalogWatcher watcher(gui->path());
        watcher.setIntervalMs(50); // many polls in the bounded wait below
        QVERIFY(watcher.start());
        QSignalSpy spy(&watcher, &CatalogWatcher::externalChange);

        // Reads, in this connection and in another one, are not changes.
        QCOMPARE(gui->pbxs().size(), 1);
        QCOMPARE(cli->backupCount(), 0);
        QVERIFY(cli->restores().isEmpty());
        QVERIFY(!watcher.checkNow());

        QVERIFY(!spy.wait(1500));
        QCOMPARE(spy.count(), 0);
    }

    void stopsAndRestarts()
    {
        OPEN_CATALOG(gui, catalogPath());
        CatalogWatcher watcher(gui->path());
        QVERIFY(watcher.start());
        watcher.stop();
        QVERIFY(!watcher.isWatching());
        QVERIFY(!watcher.checkNow());

        OPEN_CATALOG(cli, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(cli->addPbx(&pbx));
        // A fresh start takes the state of the file as it is now.
        QVERIFY(watcher.start());
        QVERIFY(!watcher.checkNow());
        PbxRecord other = makePbx(QStringLiteral("Lab"));
        QVERIFY(cli->addPbx(&other));
        QVERIFY(watcher.checkNow());
    }

    void refusesAMissingFile()
    {
        SQLITE_ONLY();
        CatalogWatcher watcher(m_dir->filePath(QStringLiteral("missing.sqlite")));
        QString error;
        QVERIFY(!watcher.start(&error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!watcher.isWatching());
        QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("missing.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestCatalogWatcher)
#include "tst_catalog_watcher.moc"
