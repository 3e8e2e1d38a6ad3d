// The file behind the catalog: SQLite settings, schema, versioning and migrations.
#include "CatalogTestUtil.h"
#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogMigrations.h"

#include <QDir>
#include <QFile>
#include <QSqlRecord>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

// Set when the catalog logs that it waits for another connection to switch to write-ahead
// logging; the handler runs on the opening thread.
std::atomic<bool> g_walWaitLogged{false};
QtMessageHandler g_previousHandler = nullptr;

void watchForWalWait(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("waiting to switch it to write-ahead logging")))
        g_walWaitLogged = true;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QStringList backupCopies(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.bak")}, QDir::Files, QDir::Name);
}

// A test-only step 2 on top of the real schema: what the next real migration will look like.
// Test steps come after the real ones.
constexpr int kNext = Catalog::kSchemaVersion + 1;

CatalogMigration addLabelColumn()
{
    return {kNext, QStringLiteral("test: backups.label"), [](QSqlDatabase &db, QString *error) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral(
                        "ALTER TABLE backups ADD COLUMN label TEXT NOT NULL DEFAULT 'none'")))
                    return true;
                *error = q.lastError().text();
                return false;
            }};
}

CatalogMigration brokenStep()
{
    return {kNext, QStringLiteral("test: broken"), [](QSqlDatabase &db, QString *error) {
                QSqlQuery q(db);
                // The first statement works, the second fails: neither may remain.
                q.exec(QStringLiteral("CREATE TABLE half_done (x INTEGER)"));
                if (q.exec(QStringLiteral("ALTER TABLE no_such_table ADD COLUMN y TEXT")))
                    return true;
                *error = q.lastError().text();
                return false;
            }};
}

} // namespace

class TestCatalogSchema : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    // The catalog file, or its database on PostgreSQL.
    CatalogLocation location() const
    {
        return CatalogLocation::parse(catalogLocation(catalogPath()));
    }
    std::unique_ptr<TestDir> m_dir;

    // A catalog of this build's schema with one PBX and one backup, closed again.
    void makeCurrentCatalog()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b));
    }

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void walForeignKeysAndBusyTimeout()
    {
        SQLITE_ONLY();
        OPEN_CATALOG(catalog, catalogPath());
        // Journal mode is stored in the file: any connection sees it.
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));

        CatalogDatabase database(catalogPath());
        QString error;
        QVERIFY2(database.open(&error), qPrintable(error));
        QCOMPARE(database.journalMode(), QStringLiteral("wal"));
        QVERIFY(database.foreignKeysEnabled());
        QVERIFY(database.busyTimeoutMs() >= 5000);
        // Foreign keys are enforced, not just declared.
        QSqlQuery q(database.database());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO backups (pbx_id, filename, created_at) "
                                       "VALUES (12345, 'orphan.bak', '2024-01-01')")));
        QVERIFY(q.lastError().text().contains(QStringLiteral("FOREIGN KEY")));
    }

    void connectionsAreNamedAndRemoved()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        catalogLocation(catalogPath()); // the test server's own connection, on PostgreSQL
        const QStringList before = QSqlDatabase::connectionNames();
        {
            OPEN_CATALOG(first, catalogPath());
            OPEN_CATALOG(second, catalogPath());
            const QStringList during = QSqlDatabase::connectionNames();
            QCOMPARE(during.size(), before.size() + 2);
        }
        QCOMPARE(QSqlDatabase::connectionNames(), before);
    }

    void schemaHasTablesIndexesAndNoSecrets()
    {
        OPEN_CATALOG(catalog, catalogPath());
        RawDb raw(catalogPath());
        const QStringList tables = raw.db().tables();
        for (const char *expected :
             {"meta", "pbxs", "backups", "restores", "jobs", "schedule_state", "pbx_locks"})
            QVERIFY2(tables.contains(QLatin1String(expected)), expected);
        for (const QString &table : tables) {
            const QSqlRecord columns = raw.db().record(table);
            QVERIFY(!columns.isEmpty());
            for (int i = 0; i < columns.count(); ++i) {
                const QString column = columns.fieldName(i).toLower();
                for (const char *word : {"pass", "secret", "pwd", "token", "credential"})
                    QVERIFY2(!column.contains(QLatin1String(word)),
                             qPrintable(table + QLatin1Char('.') + column));
            }
        }
        if (testingPostgres())
            return; // the plans below are SQLite's
        // Listing by PBX and by time uses the indexes, not a full scan and a sort.
        QSqlQuery plan(raw.db());
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM backups "
                                         "WHERE pbx_id = 1 ORDER BY created_at DESC, id DESC")));
        QString details;
        while (plan.next())
            details += plan.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(details.contains(QStringLiteral("backups_by_pbx")), qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("TEMP B-TREE")), qPrintable(details));
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM backups "
                                         "ORDER BY created_at DESC, id DESC")));
        details.clear();
        while (plan.next())
            details += plan.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(details.contains(QStringLiteral("backups_by_time")), qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("TEMP B-TREE")), qPrintable(details));
    }

    void versionAndIdAreStored()
    {
        QString id;
        {
            OPEN_CATALOG(catalog, catalogPath());
            id = catalog->catalogId();
        }
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"))
                     .toString(),
                 QString::number(Catalog::kSchemaVersion));
        QCOMPARE(
            raw.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'catalog_id'")).toString(),
            id);
        // Nothing to protect in a new file: no copy was made.
        QVERIFY(backupCopies(m_dir->path()).isEmpty());
    }

    void newerSchemaRefused()
    {
        makeCurrentCatalog();
        const int newer = Catalog::kSchemaVersion + 1;
        {
            RawDb raw(catalogPath());
            bool ok = false;
            raw.exec(QStringLiteral("UPDATE meta SET value = ? WHERE name = 'schema_version'"),
                     {QString::number(newer)}, &ok);
            QVERIFY(ok);
        }
        QString error;
        QVERIFY(!Catalog::open(catalogLocation(catalogPath()), &error));
        QCOMPARE(error, QStringLiteral("This catalog was written by a newer PBX Vault (schema %1; "
                                       "this version understands up to %2). Update PBX Vault to "
                                       "open it.")
                            .arg(newer)
                            .arg(Catalog::kSchemaVersion));
        // Refused, not touched: still the newer version, data still there, no copy.
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"))
                     .toInt(),
                 newer);
        QCOMPARE(raw.exec(QStringLiteral("SELECT COUNT(*) FROM backups")).toInt(), 1);
        QVERIFY(backupCopies(m_dir->path()).isEmpty());
    }

    void otherDatabaseRefused()
    {
        if (!testingPostgres())
            QSKIP("PostgreSQL's counterpart of otherFilesRefused");
        SKIP_UNLESS_CATALOG_SERVER();
        {
            RawDb raw(catalogPath());
            bool ok = false;
            raw.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)"), {}, &ok);
            QVERIFY(ok);
        }
        QString error;
        QVERIFY(!Catalog::open(catalogLocation(catalogPath()), &error));
        QVERIFY2(error.contains(QStringLiteral("holds other tables but no PBX Vault catalog")),
                 qPrintable(error));
        RawDb raw(catalogPath());
        QCOMPARE(raw.db().tables(), QStringList{QStringLiteral("contacts")});
    }

    // Two processes (threads here, each with its own connection) opening a new database
    // together: one creates the schema, the other waits for it and uses it.
    void concurrentOpensMigrateOnce()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        const QString where = catalogLocation(catalogPath());
        QStringList ids(4), errors(4);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                std::unique_ptr<Catalog> catalog = Catalog::open(where, &errors[i]);
                if (catalog)
                    ids[i] = catalog->catalogId();
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(120000));
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(!ids[i].isEmpty(), qPrintable(errors[i]));
            QCOMPARE(ids[i], ids[0]);
        }
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
    }

    void otherFilesRefused()
    {
        SQLITE_ONLY();
        QString error;
        // Some other program's SQLite database.
        const QString foreign = m_dir->filePath(QStringLiteral("foreign.sqlite"));
        {
            RawDb raw(foreign);
            bool ok = false;
            raw.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)"), {}, &ok);
            QVERIFY(ok);
        }
        QVERIFY(!Catalog::open(foreign, &error));
        QVERIFY2(error.contains(QStringLiteral("not a PBX Vault catalog")), qPrintable(error));
        RawDb raw(foreign);
        QCOMPARE(raw.db().tables(), QStringList{QStringLiteral("contacts")});

        // Not a database at all.
        const QString text = m_dir->filePath(QStringLiteral("notes.txt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("This is a text file, not a catalog.\n").repeated(200));
        file.close();
        error.clear();
        QVERIFY(!Catalog::open(text, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a PBX Vault catalog or is damaged")),
                 qPrintable(error));
    }

    // While another connection holds the write lock on a catalog still in rollback-journal
    // mode, SQLite refuses the switch to write-ahead logging at once, without its busy
    // handler: two processes opening a new catalog together made one fail with "database is
    // locked" (concurrentOpensMigrateOnce, now and then). The open must wait for the writer.
    void walSwitchWaitsForAWriter()
    {
        SQLITE_ONLY();
        const QString path = catalogPath();
        RawDb writer(path); // a new, empty file: still in rollback-journal mode
        bool ok = false;
        writer.exec(QStringLiteral("BEGIN IMMEDIATE"), {}, &ok);
        QVERIFY(ok); // as another process migrating the new catalog
        g_walWaitLogged = false;
        g_previousHandler = qInstallMessageHandler(watchForWalWait);
        QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.catalog.debug=true"));
        QString error;
        std::unique_ptr<Catalog> opened;
        std::unique_ptr<QThread> thread(
            QThread::create([&] { opened = Catalog::open(path, &error); }));
        thread->start();
        QTRY_VERIFY_WITH_TIMEOUT(g_walWaitLogged.load() || thread->isFinished(), 20000);
        const bool waited = g_walWaitLogged.load();
        writer.exec(QStringLiteral("COMMIT"), {}, &ok);
        QVERIFY(thread->wait(60000));
        qInstallMessageHandler(g_previousHandler);
        QVERIFY2(waited,
                 qPrintable(QStringLiteral("the open did not wait for the writer: ") + error));
        QVERIFY(ok);
        QVERIFY2(opened, qPrintable(error));
        QCOMPARE(writer.exec(QStringLiteral("PRAGMA journal_mode")).toString().toLower(),
                 QStringLiteral("wal"));
    }

    void emptyFileBecomesCatalog()
    {
        SQLITE_ONLY();
        QFile file(catalogPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QVERIFY(backupCopies(m_dir->path()).isEmpty());
    }

    void olderCatalogIsCopiedThenMigrated()
    {
        SQLITE_ONLY();
        makeCurrentCatalog();
        QVector<CatalogMigration> steps = catalogMigrations();
        steps << addLabelColumn();
        CatalogMigrator migrator(steps);
        QCOMPARE(migrator.targetVersion(), kNext);
        {
            CatalogDatabase database(catalogPath());
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            QCOMPARE(CatalogMigrator::currentVersion(database.database(), &error),
                     Catalog::kSchemaVersion);
            QVERIFY2(migrator.migrate(database, &error), qPrintable(error));
            QCOMPARE(CatalogMigrator::currentVersion(database.database(), &error), kNext);
        }
        const QString copy = catalogPath() + QStringLiteral(".pre-v%1.bak").arg(kNext);
        QCOMPARE(migrator.backupPath(), copy);
        QCOMPARE(backupCopies(m_dir->path()),
                 QStringList{QStringLiteral("catalog.sqlite.pre-v%1.bak").arg(kNext)});

        // The copy is the catalog as it was: its version, its data, without the new column.
        {
            RawDb old(copy);
            QCOMPARE(old.exec(QStringLiteral("SELECT value FROM meta WHERE name = "
                                             "'schema_version'"))
                         .toInt(),
                     Catalog::kSchemaVersion);
            QCOMPARE(old.exec(QStringLiteral("SELECT COUNT(*) FROM backups")).toInt(), 1);
            QVERIFY(!old.db().record(QStringLiteral("backups")).contains(QStringLiteral("label")));
        }
        // The migrated file kept its rows and gained the column.
        {
            RawDb migrated(catalogPath());
            QCOMPARE(migrated.exec(QStringLiteral("SELECT label FROM backups")).toString(),
                     QStringLiteral("none"));
        }
        // This build does not know the test step: the migrated file is now too new for it.
        QString error;
        QVERIFY(!Catalog::open(catalogPath(), &error));
        QVERIFY2(error.contains(QStringLiteral("schema %1; this version understands up to %2")
                                    .arg(kNext)
                                    .arg(Catalog::kSchemaVersion)),
                 qPrintable(error));

        // Opening the copy instead works: it is a complete catalog.
        OPEN_CATALOG(restored, copy);
        QCOMPARE(restored->backupCount(), 1);
    }

    void failedMigrationLeavesFileUnchanged()
    {
        makeCurrentCatalog();
        QVector<CatalogMigration> steps = catalogMigrations();
        steps << brokenStep();
        CatalogMigrator migrator(steps);
        {
            CatalogDatabase database(location());
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            QVERIFY(!migrator.migrate(database, &error));
            QVERIFY2(
                error.contains(
                    QStringLiteral("from schema %1 to %2").arg(Catalog::kSchemaVersion).arg(kNext)),
                qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("no_such_table")), qPrintable(error));
            QCOMPARE(CatalogMigrator::currentVersion(database.database(), &error),
                     Catalog::kSchemaVersion);
            QVERIFY(!database.database().tables().contains(QStringLiteral("half_done")));
        }
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->backupCount(), 1);
        if (testingPostgres())
            return; // no file to copy aside: the failed transaction left nothing behind
        QVERIFY(QFile::exists(catalogPath() + QStringLiteral(".pre-v%1.bak").arg(kNext)));

        // A second attempt keeps the first copy and writes another one beside it.
        CatalogDatabase database(catalogPath());
        QString error;
        QVERIFY(database.open(&error));
        QVERIFY(!migrator.migrate(database, &error));
        QCOMPARE(migrator.backupPath(),
                 catalogPath() + QStringLiteral(".pre-v%1-2.bak").arg(kNext));
        QCOMPARE(backupCopies(m_dir->path()).size(), 2);
    }

    // Schema 1 to 2 rebuilds the backups table: rows, ids and the restores pointing at them
    // survive; "ok" is no longer trusted (it also covered unreadable formats), "failed" is
    // "corrupt"; the job log gains its error kind.
    void schemaOneCatalogIsMigratedToVerificationOutcomes()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        {
            CatalogDatabase database(location());
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            CatalogMigrator first(catalogMigrations().mid(0, 1));
            QVERIFY2(first.migrate(database, &error), qPrintable(error));
        }
        {
            RawDb raw(catalogPath());
            bool ok = false;
            const QStringList inserts{
                QStringLiteral("INSERT INTO pbxs (id, name, name_key, url, created_at) VALUES "
                               "(1, 'Main', 'main', 'https://pbx', '2024-05-01T00:00:00Z')"),
                QStringLiteral("INSERT INTO backups (id, pbx_id, filename, created_at, verified, "
                               "verified_at) VALUES (7, 1, 'a.bak', '2024-05-01T10:00:00Z', 'ok', "
                               "'2024-05-01T11:00:00Z')"),
                QStringLiteral("INSERT INTO backups (id, pbx_id, filename, created_at, verified, "
                               "verified_at) VALUES (8, 1, 'b.bak', '2024-05-02T10:00:00Z', "
                               "'failed', '2024-05-02T11:00:00Z')"),
                QStringLiteral("INSERT INTO restores (backup_id, filename, started_at, outcome, "
                               "safety_backup_id) VALUES (7, 'a.bak', '2024-05-03T10:00:00Z', "
                               "'success', 8)"),
                QStringLiteral("INSERT INTO jobs (kind, job_trigger, started_at, outcome, error) "
                               "VALUES ('backup', 'manual', '2024-05-03T10:00:00Z', 'failed', "
                               "'boom')"),
            };
            for (const QString &sql : inserts) {
                raw.exec(sql, {}, &ok);
                QVERIFY2(ok, qPrintable(sql));
            }
        }
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QCOMPARE(toString(catalog->backup(7)->verified), QStringLiteral("unverified"));
        QVERIFY(!catalog->backup(7)->verifiedAt.isValid());
        QCOMPARE(toString(catalog->backup(8)->verified), QStringLiteral("corrupt"));
        QVERIFY(catalog->backup(8)->verifiedAt.isValid());
        const QVector<RestoreRecord> restores = catalog->restores();
        QCOMPARE(restores.size(), 1);
        QCOMPARE(restores.first().backupId, 7);
        QCOMPARE(restores.first().safetyBackupId, 8);
        const QVector<JobRecord> jobs = catalog->jobs();
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(toString(jobs.first().errorKind), QStringLiteral("failed"));
        // The new values are accepted; foreign keys are on again.
        QVERIFY(catalog->setVerification(7, VerifyState::ChecksumOnly,
                                         QDateTime::currentDateTimeUtc()));
        if (testingPostgres())
            return; // PostgreSQL never turned its foreign keys off; no file to copy
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA foreign_key_check")).toString(), QString());
        // Copied aside once, before the whole upgrade (named after the schema it leads to).
        QVERIFY(QFile::exists(catalogPath() +
                              QStringLiteral(".pre-v%1.bak").arg(Catalog::kSchemaVersion)));
    }

    // Schema 3 to 4 adds the count of changes since the previous backup and the PBX option to
    // keep only backups that differ: every row stays, counts are not known, the option is off.
    void schemaThreeCatalogIsMigratedToChangesSincePrevious()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        {
            CatalogDatabase database(location());
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            CatalogMigrator three(catalogMigrations().mid(0, 3));
            QVERIFY2(three.migrate(database, &error), qPrintable(error));
        }
        {
            RawDb raw(catalogPath());
            bool ok = false;
            const QStringList inserts{
                QStringLiteral("INSERT INTO pbxs (id, name, name_key, url, schedule, keep_last, "
                               "created_at) VALUES (1, 'Main', 'main', 'https://pbx', "
                               "'0 3 * * *', 5, '2024-05-01T00:00:00Z')"),
                QStringLiteral("INSERT INTO backups (id, pbx_id, filename, created_at, verified) "
                               "VALUES (7, 1, 'a.bak', '2024-05-01T10:00:00Z', 'intact')"),
                QStringLiteral("INSERT INTO backups (id, pbx_id, filename, created_at) "
                               "VALUES (8, 1, 'b.bak', '2024-05-02T10:00:00Z')"),
                QStringLiteral("INSERT INTO restores (backup_id, filename, started_at, outcome) "
                               "VALUES (8, 'b.bak', '2024-05-03T10:00:00Z', 'success')"),
                QStringLiteral("INSERT INTO jobs (kind, job_trigger, started_at, outcome, "
                               "error_code) VALUES ('backup', 'scheduled', "
                               "'2024-05-03T10:00:00Z', 'success', NULL)"),
            };
            for (const QString &sql : inserts) {
                raw.exec(sql, {}, &ok);
                QVERIFY2(ok, qPrintable(sql));
            }
        }
        {
            OPEN_CATALOG(catalog, catalogPath());
            QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
            const std::optional<PbxRecord> pbx = catalog->pbx(1);
            QVERIFY(pbx);
            QCOMPARE(pbx->schedule, QStringLiteral("0 3 * * *"));
            QCOMPARE(pbx->keepLast, 5);
            QCOMPARE(pbx->keepOnlyChanged, false);
            const QVector<BackupRecord> backups = catalog->backups();
            QCOMPARE(backups.size(), 2);
            for (const BackupRecord &b : backups) {
                QCOMPARE(b.changes, -1);
                QCOMPARE(b.changesBaseId, 0);
            }
            QCOMPARE_ENUM(catalog->backup(7)->verified, VerifyState::Intact);
            QCOMPARE(catalog->restores().constFirst().backupId, 8);
            QCOMPARE(catalog->jobs().size(), 1);
            // The new columns are written and read.
            QVERIFY(catalog->setChanges(8, 0, 7));
            QCOMPARE(catalog->backupList().at(0).changes, 0);
            PbxRecord edited = *pbx;
            edited.keepOnlyChanged = true;
            QVERIFY(catalog->updatePbx(edited));
            QCOMPARE(catalog->pbx(1)->keepOnlyChanged, true);
        }
        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("SELECT changes FROM backups WHERE id = 7")).isNull(),
                 true);
        if (testingPostgres())
            return;
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA foreign_key_check")).toString(), QString());
        QVERIFY(QFile::exists(catalogPath() +
                              QStringLiteral(".pre-v%1.bak").arg(Catalog::kSchemaVersion)));
    }

    // Schema 4 to 5 adds off-site copies: existing backups are all missing a copy on a new
    // target, copies follow their backup and target, and the state values are checked.
    void schemaFourCatalogIsMigratedToOffsiteCopies()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        {
            CatalogDatabase database(location());
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            CatalogMigrator four(catalogMigrations().mid(0, 4));
            QVERIFY2(four.migrate(database, &error), qPrintable(error));
            QVERIFY(!database.database().tables().contains(QStringLiteral("copy_targets")));
        }
        {
            RawDb raw(catalogPath());
            bool ok = false;
            const QStringList inserts{
                QStringLiteral("INSERT INTO pbxs (name, name_key, url, created_at) VALUES "
                               "('Main', 'main', 'https://pbx', '2024-05-01T00:00:00.000Z')"),
                QStringLiteral("INSERT INTO backups (pbx_id, filename, created_at) SELECT id, "
                               "'b.bak', '2024-05-02T10:00:00.000Z' FROM pbxs"),
                QStringLiteral("INSERT INTO backups (pbx_id, filename, created_at) SELECT id, "
                               "'a.bak', '2024-05-01T10:00:00.000Z' FROM pbxs"),
            };
            for (const QString &sql : inserts) {
                raw.exec(sql, {}, &ok);
                QVERIFY2(ok, qPrintable(sql));
            }
        }
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QCOMPARE(catalog->backupCount(), 2);
        QVERIFY(catalog->copyTargets().isEmpty());
        CopyTargetRecord target;
        target.name = QStringLiteral("NAS");
        target.location = m_dir->filePath(QStringLiteral("nas"));
        QVERIFY2(catalog->addCopyTarget(&target), qPrintable(catalog->lastError()));
        const QVector<BackupRecord> missing = catalog->backupsMissingCopy(target.id);
        QCOMPARE(missing.size(), 2);
        QCOMPARE(missing.at(0).filename, QStringLiteral("a.bak")); // oldest first
        QCOMPARE(missing.at(0).pbxName, QStringLiteral("Main"));
        BackupCopyRecord copy;
        copy.backupId = missing.at(0).id;
        copy.targetId = target.id;
        copy.state = CopyState::Copied;
        QVERIFY2(catalog->setBackupCopy(copy), qPrintable(catalog->lastError()));
        QCOMPARE(catalog->backupsMissingCopy(target.id).size(), 1);

        RawDb raw(catalogPath());
        bool ok = true;
        raw.exec(QStringLiteral("UPDATE backup_copies SET state = 'lost'"), {}, &ok);
        QVERIFY(!ok); // CHECK constraint
        QCOMPARE(raw.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"))
                     .toString(),
                 QString::number(Catalog::kSchemaVersion));
        if (!testingPostgres())
            QVERIFY(QFile::exists(catalogPath() +
                                  QStringLiteral(".pre-v%1.bak").arg(Catalog::kSchemaVersion)));
    }
};

QTEST_GUILESS_MAIN(TestCatalogSchema)
#include "tst_catalog_schema.moc"
