// A running Vault (a window or a daemon) and the team's shared store: it follows a store chosen
// and mapped by another process after it opened, refuses to write while the share is not
// mounted (no marker) and takes it again once it is, and keeps deleting files from the store
// it used before. Real SQLite catalogs, real folders and settings files.
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "common/AppSettings.h"
#include "ops/SharedStoreFolder.h"
#include "ops/Vault.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestSharedStoreVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsAStoreChosenElsewhere()
    {
        TestDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString share = dir.filePath(QStringLiteral("share"));
        QString error;
        std::unique_ptr<Vault> vault = Vault::open(data, nullptr, &error);
        QVERIFY2(vault, qPrintable(error));
        ErrorMessage why;
        QVERIFY(vault->storeForWriting(&why));
        QCOMPARE(vault->sharedStore(), QString());
        QCOMPARE(QDir(vault->store().root()), QDir(vault->localBackupFolder()));
        // A local backup file, as taken before the team had a store.
        QVERIFY(QDir().mkpath(vault->store().folderFor(QStringLiteral("hq"), QString())));
        const QString localFile =
            vault->store().folderFor(QStringLiteral("hq"), QString()) + QStringLiteral("/a.bak");
        QFile(localFile).open(QIODevice::WriteOnly);

        // Another process (the CLI, the Settings dialog) chooses and maps the store.
        {
            std::unique_ptr<Catalog> other =
                Catalog::open(QDir(data).filePath(QStringLiteral("catalog.sqlite")), &error);
            QVERIFY2(other, qPrintable(error));
            QVERIFY2(SharedStoreFolder::create(share, QStringLiteral("team"), other->catalogId(),
                                               &error),
                     qPrintable(error));
            QVERIFY(other->setSharedStore(QStringLiteral("team")));
            AppSettings(data).setStoreMount(QStringLiteral("team"), share);
        }
        QVERIFY2(vault->storeForWriting(&why), qPrintable(why.text()));
        QCOMPARE(vault->sharedStore(), QStringLiteral("team"));
        QCOMPARE(QDir(vault->store().root()), QDir(share));
        BackupStore *storeInUse = &vault->store();

        // The share goes away: nothing may be written, and the message says why.
        const QString marker = QDir(share).filePath(SharedStoreFolder::kMarkerName);
        QVERIFY(QFile::rename(marker, marker + QStringLiteral(".away")));
        QVERIFY(!vault->storeForWriting(&why));
        QCOMPARE(why.code, QStringLiteral("store.unreachable"));
        QVERIFY2(why.text().contains(QDir::toNativeSeparators(share)), qPrintable(why.text()));
        QVERIFY(!vault->storeForWriting(&why)); // stays refused, nothing reopened in between
        QVERIFY(QFile::rename(marker + QStringLiteral(".away"), marker));
        QVERIFY2(vault->storeForWriting(&why), qPrintable(why.text()));
        QCOMPARE(QDir(vault->store().root()), QDir(share));
        Q_UNUSED(storeInUse) // an earlier store object stays valid for jobs still using it
        QCOMPARE(QDir(storeInUse->root()), QDir(share));

        // Files from before the store can still be deleted (retention, by hand).
        QVERIFY(vault->store().contains(localFile));
        QVERIFY(vault->store().removeFile(localFile, &error));
        QVERIFY(!QFile::exists(localFile));

        // Unmapped on this computer: the store is named in the message.
        AppSettings(data).setStoreMount(QStringLiteral("team"), QString());
        QVERIFY(!vault->storeForWriting(&why));
        QCOMPARE(why.code, QStringLiteral("store.unmapped"));
        QVERIFY(why.text().contains(QStringLiteral("\"team\"")));

        // Back to each computer's folder.
        QVERIFY(vault->catalog().setSharedStore(QString()));
        QVERIFY2(vault->storeForWriting(&why), qPrintable(why.text()));
        QCOMPARE(QDir(vault->store().root()), QDir(vault->localBackupFolder()));
    }

    void recordsPathsRelativeToTheStore()
    {
        TestDir dir;
        const QString share = dir.filePath(QStringLiteral("share"));
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere"));
        QString error;
        std::unique_ptr<Catalog> catalog =
            Catalog::open(dir.filePath(QStringLiteral("catalog.sqlite")), &error);
        QVERIFY2(catalog, qPrintable(error));
        PbxRecord pbx;
        pbx.name = QStringLiteral("hq");
        pbx.url = QUrl(QStringLiteral("https://127.0.0.1:1"));
        QVERIFY(catalog->addPbx(&pbx));
        StoreMounts mounts;
        mounts.setMount(QStringLiteral("team"), share);
        catalog->setStoreMounts(mounts);

        BackupRecord b;
        b.pbxId = pbx.id;
        b.filename = QStringLiteral("x.bak");
        b.store = QStringLiteral("team");
        b.path = share + QStringLiteral("/hq/default/x.bak");
        QVERIFY2(catalog->addBackup(&b), qPrintable(catalog->lastError()));
        QCOMPARE(catalog->backup(b.id)->path, b.path);
        QVERIFY(catalog->backupPaths().contains(b.path));

        // Another machine mounts it elsewhere: the same row, its own path.
        mounts.setMount(QStringLiteral("team"), elsewhere);
        catalog->setStoreMounts(mounts);
        QCOMPARE(catalog->backup(b.id)->path, elsewhere + QStringLiteral("/hq/default/x.bak"));
        QCOMPARE(catalog->backups().constFirst().path,
                 elsewhere + QStringLiteral("/hq/default/x.bak"));
        // Not mapped: no path, the store still named.
        catalog->setStoreMounts(StoreMounts());
        QCOMPARE(catalog->backup(b.id)->path, QString());
        QCOMPARE(catalog->backup(b.id)->store, QStringLiteral("team"));
        QVERIFY(!catalog->backupPaths().contains(b.path));

        // A file outside the store's root, or a store not mapped here, is refused.
        catalog->setStoreMounts(mounts);
        BackupRecord outside = b;
        outside.path = dir.filePath(QStringLiteral("x.bak"));
        QVERIFY(!catalog->addBackup(&outside));
        QVERIFY(catalog->lastError().contains(QStringLiteral("not inside")));
        BackupRecord unknown = b;
        unknown.store = QStringLiteral("other");
        QVERIFY(!catalog->addBackup(&unknown));
        QCOMPARE(catalog->backups().size(), 1);
        QVERIFY(!catalog->setSharedStore(QStringLiteral("../up")));
        QCOMPARE(catalog->sharedStore(), QString());
    }
};

QTEST_GUILESS_MAIN(TestSharedStoreVault)
#include "tst_shared_store_vault.moc"
