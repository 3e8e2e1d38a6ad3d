// The catalog's API against real SQLite files: persistence, PBXs, backups, restore history,
// job log and scheduler bookkeeping.
#include "CatalogTestUtil.h"
#include "catalog/CatalogLocation.h"

#include <QFileInfo>
#include <QSysInfo>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestCatalog : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    std::unique_ptr<TestDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void createsFileAndFolder()
    {
        SQLITE_ONLY();
        const QString path = m_dir->filePath(QStringLiteral("sub/dir/catalog.sqlite"));
        OPEN_CATALOG(catalog, path);
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(catalog->path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QVERIFY(!QUuid::fromString(catalog->catalogId()).isNull());
        QVERIFY(catalog->pbxs().isEmpty());
        QCOMPARE(catalog->backupCount(), 0);
    }

    // Catalog::open's argument: a file path, or a libpq URI whose parts reach QPSQL.
    void locationsAreParsed()
    {
        const CatalogLocation file = CatalogLocation::parse(QStringLiteral("rel/catalog.sqlite"));
        QVERIFY(file.isValid());
        QVERIFY(!file.isPostgres());
        QCOMPARE(file.filePath(),
                 QFileInfo(QStringLiteral("rel/catalog.sqlite")).absoluteFilePath());
        QCOMPARE(file.toString(), file.filePath());

        const CatalogLocation tcp = CatalogLocation::parse(
            QStringLiteral("postgresql://vault@db.example.net:6543/pbxvault?sslmode=verify-full&"
                           "sslrootcert=/etc/ssl/team%20ca.pem&connect_timeout=5"));
        QVERIFY2(tcp.isValid(), qPrintable(tcp.error()));
        QVERIFY(tcp.isPostgres());
        QCOMPARE(tcp.host(), QStringLiteral("db.example.net"));
        QCOMPARE(tcp.port(), 6543);
        QCOMPARE(tcp.userName(), QStringLiteral("vault"));
        QCOMPARE(tcp.databaseName(), QStringLiteral("pbxvault"));
        QCOMPARE(tcp.connectOptions(),
                 QStringLiteral("sslmode='verify-full';sslrootcert='/etc/ssl/team ca.pem';"
                                "connect_timeout='5'"));
        QCOMPARE(CatalogLocation::parse(tcp.toString()).connectOptions(), tcp.connectOptions());
        QCOMPARE(CatalogLocation::parse(tcp.toString()).host(), tcp.host());

        const CatalogLocation socket = CatalogLocation::parse(
            QStringLiteral("postgres:///team?host=/run/postgresql&port=5433&user=u"));
        QVERIFY(socket.isValid());
        QCOMPARE(socket.host(), QStringLiteral("/run/postgresql"));
        QCOMPARE(socket.port(), 5433);
        QCOMPARE(socket.userName(), QStringLiteral("u"));
        QCOMPARE(socket.databaseName(), QStringLiteral("team"));
        QVERIFY(socket.connectOptions().isEmpty());
        const CatalogLocation again = CatalogLocation::parse(socket.toString());
        QVERIFY2(socket.toString().startsWith(QLatin1String("postgresql:///team?")),
                 qPrintable(socket.toString()));
        QCOMPARE(again.host(), socket.host());
        QCOMPARE(again.port(), 5433);
        QCOMPARE(again.userName(), QStringLiteral("u"));
        QCOMPARE(again.databaseName(), QStringLiteral("team"));
    }

    // A password never travels in the location: refused, and not repeated in the message.
    void passwordInLocationRefused()
    {
        for (const QString &uri :
             {QStringLiteral("postgresql://vault:hunter2@db.example.net/pbxvault"),
              QStringLiteral("postgresql:///pbxvault?host=/tmp&password=hunter2")}) {
            const CatalogLocation location = CatalogLocation::parse(uri);
            QVERIFY(!location.isValid());
            QVERIFY(!location.error().contains(QStringLiteral("hunter2")));
            QString error;
            QVERIFY(!Catalog::open(uri, &error));
            QVERIFY2(error.contains(QStringLiteral("must not contain a password")),
                     qPrintable(error));
            QVERIFY(!error.contains(QStringLiteral("hunter2")));
        }
    }

    // The password (from the keychain) reaches the connection only; PgServer's trust
    // authentication accepts any, SQLite ignores it.
    void passwordStaysOutOfThePath()
    {
        SKIP_UNLESS_CATALOG_SERVER();
        QString error;
        std::unique_ptr<Catalog> catalog =
            Catalog::open(catalogLocation(catalogPath()), &error, QStringLiteral("s3cret-pw"));
        QVERIFY2(catalog, qPrintable(error));
        QVERIFY(!catalog->path().contains(QStringLiteral("s3cret-pw")));
        QCOMPARE(catalog->isPostgres(), testingPostgres());
        if (testingPostgres())
            QVERIFY(catalog->path().startsWith(QLatin1String("postgresql://")));
    }

    void reopenKeepsDataAndId()
    {
        QString id;
        PbxRecord pbx = makePbx(QStringLiteral("Main"), PbxRole::Master);
        {
            OPEN_CATALOG(catalog, catalogPath());
            id = catalog->catalogId();
            QVERIFY(catalog->addPbx(&pbx));
            BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
            QVERIFY(catalog->addBackup(&b));
        }
        OPEN_CATALOG(again, catalogPath());
        QCOMPARE(again->catalogId(), id);
        const QVector<PbxRecord> pbxs = again->pbxs();
        QCOMPARE(pbxs.size(), 1);
        QCOMPARE(pbxs.first().name, QStringLiteral("Main"));
        QCOMPARE(again->backupCount(), 1);

        // A different file is a different catalog.
        OPEN_CATALOG(other, m_dir->filePath(QStringLiteral("other.sqlite")));
        QVERIFY(other->catalogId() != id);
    }

    void pbxRoundTrip()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx;
        pbx.name = QStringLiteral("  Head Office ");
        pbx.url = QUrl(QStringLiteral("https://pbx.example.net:8443"));
        pbx.tenant = QStringLiteral("acme");
        pbx.username = QStringLiteral("backup-operator");
        pbx.role = PbxRole::Master;
        pbx.schedule = QStringLiteral("0 3 * * *");
        pbx.keepLast = 10;
        pbx.keepDays = 30;
        pbx.fingerprint = QStringLiteral("AB:CD:EF:01");
        pbx.enabled = false;
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        QVERIFY2(catalog->addPbx(&pbx), qPrintable(catalog->lastError()));
        QVERIFY(pbx.id > 0);
        QCOMPARE(pbx.name, QStringLiteral("Head Office"));
        QVERIFY(pbx.createdAt >= before && pbx.createdAt <= QDateTime::currentDateTimeUtc());

        const std::optional<PbxRecord> read = catalog->pbx(pbx.id);
        QVERIFY(read);
        QCOMPARE(read->id, pbx.id);
        QCOMPARE(read->name, QStringLiteral("Head Office"));
        QCOMPARE(read->url, pbx.url);
        QCOMPARE(read->tenant, QStringLiteral("acme"));
        QCOMPARE(read->username, QStringLiteral("backup-operator"));
        QCOMPARE_ENUM(read->role, PbxRole::Master);
        QCOMPARE(read->schedule, QStringLiteral("0 3 * * *"));
        QCOMPARE(read->keepLast, 10);
        QCOMPARE(read->keepDays, 30);
        QCOMPARE(read->fingerprint, QStringLiteral("abcdef01"));
        QCOMPARE(read->enabled, false);
        QCOMPARE(read->keepOnlyChanged, false);
        QCOMPARE(read->createdAt, pbx.createdAt);
        QCOMPARE(read->createdAt.timeSpec(), Qt::UTC);

        const std::optional<PbxRecord> byName = catalog->pbxByName(QStringLiteral("HEAD OFFICE"));
        QVERIFY(byName);
        QCOMPARE(byName->id, pbx.id);
    }

    void keepOnlyChangedIsStored()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        pbx.keepOnlyChanged = true;
        QVERIFY(catalog->addPbx(&pbx));
        QCOMPARE(catalog->pbx(pbx.id)->keepOnlyChanged, true);
        pbx.keepOnlyChanged = false;
        QVERIFY(catalog->updatePbx(pbx));
        QCOMPARE(catalog->pbx(pbx.id)->keepOnlyChanged, false);
        pbx.keepOnlyChanged = true;
        QVERIFY(catalog->updatePbx(pbx));
        QCOMPARE(catalog->pbxs().constFirst().keepOnlyChanged, true);
    }

    // The backup before b: same PBX and tenant, older, or as old with a smaller id.
    void previousBackup()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        PbxRecord other = makePbx(QStringLiteral("Other"));
        QVERIFY(catalog->addPbx(&pbx));
        QVERIFY(catalog->addPbx(&other));
        const QDateTime t0 = utc(QStringLiteral("2024-05-01T10:00:00Z"));
        auto add = [&](qint64 pbxId, const QDateTime &at, const QString &tenant,
                       const QString &name) {
            BackupRecord b = makeBackup(pbxId, at, name);
            b.tenant = tenant;
            return catalog->addBackup(&b) ? b : BackupRecord();
        };
        const BackupRecord first = add(pbx.id, t0, QStringLiteral("default"), "first.bak");
        // Taken in the same second (backups of one minute by the real clock do): id decides.
        const BackupRecord tieA = add(pbx.id, t0.addSecs(60), QStringLiteral("default"), "a.bak");
        const BackupRecord tieB = add(pbx.id, t0.addSecs(60), QStringLiteral("default"), "b.bak");
        // Newer, but of another tenant or another PBX: never "the previous one".
        const BackupRecord acme = add(pbx.id, t0.addSecs(90), QStringLiteral("acme"), "acme.bak");
        const BackupRecord elsewhere =
            add(other.id, t0.addSecs(90), QStringLiteral("default"), "other.bak");
        const BackupRecord last = add(pbx.id, t0.addSecs(120), QStringLiteral("default"), "z.bak");
        QVERIFY(first.id && tieA.id && tieB.id && acme.id && elsewhere.id && last.id);

        QCOMPARE(catalog->previousBackup(last)->id, tieB.id);
        QCOMPARE(catalog->previousBackup(last)->pbxName, QStringLiteral("Main"));
        QCOMPARE(catalog->previousBackup(tieB)->id, tieA.id);
        QCOMPARE(catalog->previousBackup(tieA)->id, first.id);
        QVERIFY(!catalog->previousBackup(first));
        QVERIFY(catalog->lastError().isEmpty());
        // The first of its tenant and of its PBX.
        QVERIFY(!catalog->previousBackup(acme));
        QVERIFY(!catalog->previousBackup(elsewhere));
        QVERIFY(catalog->lastError().isEmpty());
        // Once the one in between is gone, the next older one is the previous one.
        QVERIFY(catalog->removeBackup(tieB.id));
        QCOMPARE(catalog->previousBackup(last)->id, tieA.id);
    }

    // The count of changes: stored, read by every query, and "not known" once its base is gone.
    void changesSincePrevious()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        const QDateTime t0 = utc(QStringLiteral("2024-05-01T10:00:00Z"));
        QVector<BackupRecord> rows{makeBackup(pbx.id, t0), makeBackup(pbx.id, t0.addSecs(60)),
                                   makeBackup(pbx.id, t0.addSecs(120))};
        QVERIFY(catalog->addBackups(&rows));
        QCOMPARE(catalog->backup(rows[0].id)->changes, -1);
        QCOMPARE(catalog->backup(rows[0].id)->changesBaseId, 0);
        QVERIFY(catalog->setChanges(rows[1].id, 0, rows[0].id));
        QVERIFY(catalog->setChanges(rows[2].id, 3, rows[1].id));
        QCOMPARE(catalog->backup(rows[1].id)->changes, 0);
        QCOMPARE(catalog->backup(rows[1].id)->changesBaseId, rows[0].id);
        QCOMPARE(catalog->backups().constFirst().changes, 3);
        const BackupList list = catalog->backupList();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).changes, 3);
        QCOMPARE(list.at(0).changesBaseId, rows[1].id);
        QCOMPARE(list.at(1).changes, 0);
        QCOMPARE(list.at(2).changes, -1);
        QCOMPARE(list.at(2).changesBaseId, 0);
        QVERIFY(!catalog->setChanges(rows[2].id + 100, 1, rows[2].id));

        // Deleting a base: the counts made against it are no longer known, their base stays.
        QVERIFY(catalog->removeBackup(rows[1].id));
        QCOMPARE(catalog->backup(rows[2].id)->changes, -1);
        QCOMPARE(catalog->backup(rows[2].id)->changesBaseId, rows[1].id);
        QCOMPARE(catalog->backupList().at(0).changes, -1);
        // A count against a backup that is already gone is stored as not known.
        QVERIFY(catalog->setChanges(rows[2].id, 5, rows[1].id));
        QCOMPARE(catalog->backup(rows[2].id)->changes, -1);
        // Compared again with a backup that exists; removing one that is gone touches nothing.
        QVERIFY(catalog->setChanges(rows[2].id, 2, rows[0].id));
        QVERIFY(!catalog->removeBackup(rows[1].id));
        QCOMPARE(catalog->backup(rows[2].id)->changes, 2);
        QCOMPARE(catalog->backup(rows[2].id)->changesBaseId, rows[0].id);
    }

    void defaultsForEmptyFields()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx;
        pbx.name = QStringLiteral("bare");
        pbx.tenant.clear();
        QVERIFY2(catalog->addPbx(&pbx), qPrintable(catalog->lastError()));
        const std::optional<PbxRecord> read = catalog->pbx(pbx.id);
        QVERIFY(read);
        QCOMPARE(read->tenant, QStringLiteral("default"));
        QCOMPARE_ENUM(read->role, PbxRole::Secondary);
        QVERIFY(read->enabled);
        QVERIFY(read->username.isEmpty());
    }

    void updatePbx()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("branch"));
        QVERIFY(catalog->addPbx(&pbx));
        pbx.name = QStringLiteral("Branch 2");
        pbx.url = QUrl(QStringLiteral("http://10.0.0.2"));
        pbx.schedule = QStringLiteral("*/30 * * * *");
        pbx.keepLast = 3;
        pbx.fingerprint = QStringLiteral("00ff");
        pbx.role = PbxRole::Master;
        QVERIFY2(catalog->updatePbx(pbx), qPrintable(catalog->lastError()));
        const std::optional<PbxRecord> read = catalog->pbx(pbx.id);
        QVERIFY(read);
        QCOMPARE(read->name, QStringLiteral("Branch 2"));
        QCOMPARE(read->url, QUrl(QStringLiteral("http://10.0.0.2")));
        QCOMPARE(read->schedule, QStringLiteral("*/30 * * * *"));
        QCOMPARE(read->keepLast, 3);
        QCOMPARE(read->fingerprint, QStringLiteral("00ff"));
        QCOMPARE_ENUM(read->role, PbxRole::Master);
        QCOMPARE(read->createdAt, pbx.createdAt);
        QVERIFY(!catalog->pbxByName(QStringLiteral("branch")));

        // Renaming to its own name in another case is not a clash with itself.
        pbx.name = QStringLiteral("BRANCH 2");
        QVERIFY2(catalog->updatePbx(pbx), qPrintable(catalog->lastError()));

        PbxRecord missing = makePbx(QStringLiteral("ghost"));
        missing.id = 999;
        QVERIFY(!catalog->updatePbx(missing));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX with id 999."));
    }

    void pbxsOrderMastersFirstThenName()
    {
        OPEN_CATALOG(catalog, catalogPath());
        for (const QString &name :
             {QStringLiteral("delta"), QStringLiteral("Alpha"), QStringLiteral("charlie")}) {
            PbxRecord p = makePbx(name);
            QVERIFY(catalog->addPbx(&p));
        }
        PbxRecord master = makePbx(QStringLiteral("zulu"), PbxRole::Master);
        QVERIFY(catalog->addPbx(&master));
        QStringList names;
        for (const PbxRecord &p : catalog->pbxs())
            names << p.name;
        QCOMPARE(names, (QStringList{QStringLiteral("zulu"), QStringLiteral("Alpha"),
                                     QStringLiteral("charlie"), QStringLiteral("delta")}));
    }

    void duplicateNameRefused_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("same") << "Main"
                              << "Main";
        QTest::newRow("case") << "Main"
                              << "mAIN";
        QTest::newRow("blanks") << "Main"
                                << " main  ";
        QTest::newRow("non-ascii case") << "Zürich"
                                        << "ZÜRICH";
    }

    void duplicateNameRefused()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord a = makePbx(first);
        QVERIFY(catalog->addPbx(&a));
        PbxRecord b = makePbx(second);
        QVERIFY(!catalog->addPbx(&b));
        QCOMPARE(b.id, 0);
        QCOMPARE(catalog->lastError(),
                 QStringLiteral("A PBX named \"%1\" already exists.").arg(second.trimmed()));
        QCOMPARE(catalog->pbxs().size(), 1);

        // Renaming another PBX onto the name is refused too.
        PbxRecord c = makePbx(QStringLiteral("other"));
        QVERIFY(catalog->addPbx(&c));
        c.name = second;
        QVERIFY(!catalog->updatePbx(c));
        QVERIFY(catalog->lastError().contains(QStringLiteral("already exists")));
        QCOMPARE(catalog->pbx(c.id)->name, QStringLiteral("other"));
    }

    void invalidPbxRefused()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord unnamed = makePbx(QStringLiteral("   "));
        QVERIFY(!catalog->addPbx(&unnamed));
        QCOMPARE(catalog->lastError(), QStringLiteral("A PBX needs a name."));

        PbxRecord withPassword = makePbx(QStringLiteral("leaky"));
        withPassword.url = QUrl(QStringLiteral("https://admin:s3cret@pbx.example.net"));
        QVERIFY(!catalog->addPbx(&withPassword));
        QVERIFY(catalog->lastError().contains(QStringLiteral("must not contain a password")));
        QVERIFY(catalog->pbxs().isEmpty());
    }

    void lookupsOfMissingRows()
    {
        OPEN_CATALOG(catalog, catalogPath());
        QVERIFY(!catalog->pbx(42));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX with id 42."));
        QVERIFY(!catalog->pbxByName(QStringLiteral("nope")));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX named \"nope\"."));
        QVERIFY(!catalog->backup(7));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no backup with id 7."));
        QVERIFY(!catalog->restore(7));
        QVERIFY(!catalog->removeBackup(7));
        QVERIFY(!catalog->setVerification(7, VerifyState::Intact, QDateTime::currentDateTimeUtc()));
        QVERIFY(!catalog->finishRestore(7, RestoreOutcome::Success, {}, {}));
        QVERIFY(!catalog->finishJob(7, JobOutcome::Success, 0, {}, {}));
        QVERIFY(!catalog->removePbx(42));
        // A successful call clears the previous error.
        QVERIFY(catalog->pbxs().isEmpty());
        QVERIFY(catalog->lastError().isEmpty());
    }

    void removePbx()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("old"));
        QVERIFY(catalog->addPbx(&pbx));
        QVERIFY(catalog->setLastScheduledRun(pbx.id, utc(QStringLiteral("2024-01-01T00:00:00Z"))));
        QVERIFY(
            catalog->tryLockPbx(pbx.id, Catalog::lockOwnerId(), QDateTime::currentDateTimeUtc()));
        QVERIFY2(catalog->removePbx(pbx.id), qPrintable(catalog->lastError()));
        QVERIFY(!catalog->pbx(pbx.id));
        QVERIFY(!catalog->lastScheduledRun(pbx.id).isValid());

        // Ids are not reused: history that names a removed PBX by id stays unambiguous.
        PbxRecord next = makePbx(QStringLiteral("new"));
        QVERIFY(catalog->addPbx(&next));
        QVERIFY(next.id > pbx.id);
        QVERIFY(
            catalog->tryLockPbx(next.id, Catalog::lockOwnerId(), QDateTime::currentDateTimeUtc()));
    }

    void removePbxRefusedWhileBackupsExist()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord b1 = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        BackupRecord b2 = makeBackup(pbx.id, utc(QStringLiteral("2024-05-02T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b1));
        QVERIFY(catalog->addBackup(&b2));
        QVERIFY(!catalog->removePbx(pbx.id));
        QCOMPARE(catalog->lastError(),
                 QStringLiteral("The PBX \"Main\" still has 2 backup(s) in the catalog; delete "
                                "them before removing the PBX."));
        QVERIFY(catalog->pbx(pbx.id));
        QVERIFY(catalog->removeBackup(b1.id));
        QVERIFY(catalog->removeBackup(b2.id));
        QVERIFY2(catalog->removePbx(pbx.id), qPrintable(catalog->lastError()));
    }

    void backupRoundTrip()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord b;
        b.pbxId = pbx.id;
        b.filename = QStringLiteral("Main_20240501-100000_4.9.3.bak");
        b.size = 5'000'000'000;
        b.sha256 = QStringLiteral("ABCDEF") + QStringLiteral("0").repeated(58);
        // A local time with an offset is stored and returned as the same instant in UTC.
        b.createdAt = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.123+02:00"),
                                            Qt::ISODateWithMs);
        b.masterIp = QStringLiteral("2001:db8::1");
        b.tenant = QStringLiteral("acme");
        b.path = QStringLiteral("/data/backups/Main/acme/Main_20240501-100000_4.9.3.bak");
        b.firmware = QStringLiteral("4.9.3");
        b.comment = QStringLiteral("before the upgrade — «test»");
        b.origin = BackupOrigin::Safety;
        QVERIFY2(catalog->addBackup(&b), qPrintable(catalog->lastError()));
        QVERIFY(b.id > 0);
        QCOMPARE(b.pbxName, QStringLiteral("Main"));

        const std::optional<BackupRecord> read = catalog->backup(b.id);
        QVERIFY(read);
        QCOMPARE(read->id, b.id);
        QCOMPARE(read->pbxId, pbx.id);
        QCOMPARE(read->pbxName, QStringLiteral("Main"));
        QCOMPARE(read->filename, b.filename);
        QCOMPARE(read->size, Q_INT64_C(5'000'000'000));
        QCOMPARE(read->sha256, b.sha256.toLower());
        QCOMPARE(read->createdAt, utc(QStringLiteral("2024-05-01T10:00:00.123Z")));
        QCOMPARE(read->createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(read->masterIp, b.masterIp);
        QCOMPARE(read->tenant, QStringLiteral("acme"));
        QCOMPARE(read->path, b.path);
        QCOMPARE(read->firmware, b.firmware);
        QCOMPARE(read->comment, b.comment);
        QCOMPARE_ENUM(read->origin, BackupOrigin::Safety);
        QCOMPARE_ENUM(read->verified, VerifyState::Unverified);
        QVERIFY(!read->verifiedAt.isValid());

        RawDb raw(catalogPath());
        QCOMPARE(raw.exec(QStringLiteral("SELECT created_at FROM backups WHERE id = ?"), {b.id})
                     .toString(),
                 QStringLiteral("2024-05-01T10:00:00.123Z"));
    }

    void backupForUnknownPbxRefused()
    {
        OPEN_CATALOG(catalog, catalogPath());
        BackupRecord b = makeBackup(77, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(!catalog->addBackup(&b));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX with id 77."));
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord unnamed = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        unnamed.filename.clear();
        QVERIFY(!catalog->addBackup(&unnamed));
        QCOMPARE(catalog->lastError(), QStringLiteral("A backup needs a file name."));
        QCOMPARE(catalog->backupCount(), 0);
    }

    void backupsNewestFirstAndPerPbx()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord a = makePbx(QStringLiteral("A"));
        PbxRecord b = makePbx(QStringLiteral("B"));
        QVERIFY(catalog->addPbx(&a));
        QVERIFY(catalog->addPbx(&b));
        // Inserted out of order; two share a timestamp (the later id comes first).
        const QVector<QPair<qint64, QString>> rows{
            {a.id, QStringLiteral("2024-05-03T00:00:00Z")},
            {b.id, QStringLiteral("2024-05-01T00:00:00Z")},
            {a.id, QStringLiteral("2024-05-02T00:00:00Z")},
            {b.id, QStringLiteral("2024-05-03T00:00:00Z")},
        };
        QVector<qint64> ids;
        for (const auto &row : rows) {
            BackupRecord r = makeBackup(row.first, utc(row.second));
            QVERIFY(catalog->addBackup(&r));
            ids << r.id;
        }
        auto idsOf = [](const QVector<BackupRecord> &list) {
            QVector<qint64> out;
            for (const BackupRecord &r : list)
                out << r.id;
            return out;
        };
        const QVector<BackupRecord> all = catalog->backups();
        QCOMPARE(idsOf(all), (QVector<qint64>{ids[3], ids[0], ids[2], ids[1]}));
        QCOMPARE(all[0].pbxName, QStringLiteral("B"));
        QCOMPARE(all[1].pbxName, QStringLiteral("A"));
        QCOMPARE(idsOf(catalog->backups(a.id)), (QVector<qint64>{ids[0], ids[2]}));
        QCOMPARE(idsOf(catalog->backups(b.id)), (QVector<qint64>{ids[3], ids[1]}));
        QCOMPARE(catalog->backupCount(), 4);
    }

    void listedFieldsMatchRowByRow()
    {
        // Values that repeat or alternate between rows must each come back as stored.
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        const QStringList tenants{"default", "default", "acme", "default", "", "acme"};
        const QStringList firmwares{"4.9.3", "4.9.3", "5.0.0", "", "4.9.3", "5.0.0"};
        const QStringList ips{"192.0.2.1", "", "192.0.2.1", "2001:db8::1", "", "192.0.2.9"};
        const QStringList comments{"", "first", "", "", "zweite – «x»", ""};
        const QDateTime start = utc(QStringLiteral("2024-01-01T00:00:00Z"));
        QVector<BackupRecord> rows;
        for (int i = 0; i < tenants.size(); ++i) {
            BackupRecord b = makeBackup(pbx.id, start.addDays(i), QStringLiteral("%1.bak").arg(i));
            b.tenant = tenants[i];
            b.firmware = firmwares[i];
            b.masterIp = ips[i];
            b.comment = comments[i];
            b.origin = i % 2 ? BackupOrigin::Scheduled : BackupOrigin::Import;
            rows << b;
        }
        QVERIFY(catalog->addBackups(&rows));
        QVERIFY(catalog->setVerification(rows[2].id, VerifyState::Intact, start));
        QVERIFY(catalog->setVerification(rows[3].id, VerifyState::Corrupt, start.addSecs(1)));

        const QVector<BackupRecord> listed = catalog->backups();
        QCOMPARE(listed.size(), rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            const BackupRecord &got = listed[rows.size() - 1 - i]; // newest first
            QCOMPARE(got.id, rows[i].id);
            QCOMPARE(got.filename, QStringLiteral("%1.bak").arg(i));
            QCOMPARE(got.tenant, tenants[i].isEmpty() ? QStringLiteral("default") : tenants[i]);
            QCOMPARE(got.firmware, firmwares[i]);
            QCOMPARE(got.masterIp, ips[i]);
            QCOMPARE(got.comment, comments[i]);
            QCOMPARE(got.createdAt, start.addDays(i));
            QCOMPARE_ENUM(got.origin, i % 2 ? BackupOrigin::Scheduled : BackupOrigin::Import);
            QCOMPARE_ENUM(got.verified, i == 2   ? VerifyState::Intact
                                        : i == 3 ? VerifyState::Corrupt
                                                 : VerifyState::Unverified);
            QCOMPARE(got.verifiedAt.isValid(), i == 2 || i == 3);
        }
    }

    void readsTimesWrittenByOthers()
    {
        // Rows written by hand or by another tool may lack milliseconds or use an offset.
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b));
        RawDb raw(catalogPath());
        bool ok = false;
        raw.exec(QStringLiteral("UPDATE backups SET created_at = ?, verified_at = ? WHERE id = ?"),
                 {QStringLiteral("2024-05-01T12:30:00+02:00"), QStringLiteral("garbage"), b.id},
                 &ok);
        QVERIFY(ok);
        const std::optional<BackupRecord> read = catalog->backup(b.id);
        QVERIFY(read);
        QCOMPARE(read->createdAt, utc(QStringLiteral("2024-05-01T10:30:00Z")));
        QCOMPARE(read->createdAt.timeSpec(), Qt::UTC);
        QVERIFY(!read->verifiedAt.isValid());
    }

    void addBackupsInOneGo()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("bulk"));
        QVERIFY(catalog->addPbx(&pbx));
        QVector<BackupRecord> many;
        const QDateTime start = utc(QStringLiteral("2020-01-01T00:00:00Z"));
        for (int i = 0; i < 500; ++i)
            many << makeBackup(pbx.id, start.addSecs(i * 60), QStringLiteral("b%1.bak").arg(i));
        QVERIFY2(catalog->addBackups(&many), qPrintable(catalog->lastError()));
        QCOMPARE(catalog->backupCount(), 500);
        for (int i = 1; i < many.size(); ++i) {
            QVERIFY(many[i].id > many[i - 1].id);
            QCOMPARE(many[i].pbxName, QStringLiteral("bulk"));
        }
        QCOMPARE(catalog->backup(many.last().id)->filename, QStringLiteral("b499.bak"));

        // All or nothing: one bad row leaves no row of the batch behind.
        QVector<BackupRecord> broken{makeBackup(pbx.id, start, QStringLiteral("x.bak")),
                                     makeBackup(999, start, QStringLiteral("y.bak"))};
        QVERIFY(!catalog->addBackups(&broken));
        QCOMPARE(broken[0].id, 0);
        QCOMPARE(catalog->backupCount(), 500);
    }

    void verification()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b));
        const QDateTime at = utc(QStringLiteral("2024-06-01T08:30:00.250Z"));
        QVERIFY(catalog->setVerification(b.id, VerifyState::Corrupt, at));
        QCOMPARE_ENUM(catalog->backup(b.id)->verified, VerifyState::Corrupt);
        QCOMPARE(catalog->backup(b.id)->verifiedAt, at);
        QVERIFY(catalog->setVerification(b.id, VerifyState::Intact, at.addDays(1)));
        QCOMPARE_ENUM(catalog->backup(b.id)->verified, VerifyState::Intact);
        QCOMPARE(catalog->backup(b.id)->verifiedAt, at.addDays(1));
    }

    void restoreHistory()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord source = makePbx(QStringLiteral("Main"));
        PbxRecord target = makePbx(QStringLiteral("Lab"));
        QVERIFY(catalog->addPbx(&source));
        QVERIFY(catalog->addPbx(&target));
        BackupRecord b = makeBackup(source.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        BackupRecord safety = makeBackup(target.id, utc(QStringLiteral("2024-05-02T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b));
        QVERIFY(catalog->addBackup(&safety));

        RestoreRecord r;
        r.backupId = b.id;
        r.targetPbxId = target.id;
        r.startedAt = utc(QStringLiteral("2024-05-02T10:00:00Z"));
        QVERIFY2(catalog->beginRestore(&r), qPrintable(catalog->lastError()));
        QVERIFY(r.id > 0);
        // Filled from the backup and the target PBX when not given.
        QCOMPARE(r.filename, b.filename);
        QCOMPARE(r.targetPbxName, QStringLiteral("Lab"));
        QCOMPARE(r.targetUrl, target.url.toString());
        QCOMPARE_ENUM(catalog->restore(r.id)->outcome, RestoreOutcome::Running);
        QVERIFY(!catalog->restore(r.id)->finishedAt.isValid());

        QVERIFY(catalog->setRestoreSafetyBackup(r.id, safety.id));
        const QDateTime finished = utc(QStringLiteral("2024-05-02T10:05:00Z"));
        QVERIFY(catalog->finishRestore(r.id, RestoreOutcome::Failed,
                                       QStringLiteral("The PBX answered 503."), finished));
        std::optional<RestoreRecord> read = catalog->restore(r.id);
        QVERIFY(read);
        QCOMPARE(read->backupId, b.id);
        QCOMPARE(read->filename, b.filename);
        QCOMPARE(read->targetPbxId, target.id);
        QCOMPARE(read->targetPbxName, QStringLiteral("Lab"));
        QCOMPARE(read->targetUrl, target.url.toString());
        QCOMPARE(read->startedAt, r.startedAt);
        QCOMPARE(read->finishedAt, finished);
        QCOMPARE_ENUM(read->outcome, RestoreOutcome::Failed);
        QCOMPARE(read->error, QStringLiteral("The PBX answered 503."));
        QCOMPARE(read->safetyBackupId, safety.id);

        RestoreRecord ok;
        ok.backupId = b.id;
        ok.filename = b.filename;
        ok.targetPbxId = source.id;
        ok.targetPbxName = source.name;
        ok.targetUrl = QStringLiteral("https://admin:hunter2@main.example.net");
        ok.startedAt = utc(QStringLiteral("2024-05-03T10:00:00Z"));
        QVERIFY(catalog->beginRestore(&ok));
        QCOMPARE(ok.targetUrl, QStringLiteral("https://admin@main.example.net"));
        QVERIFY(catalog->finishRestore(ok.id, RestoreOutcome::Success, {}, ok.startedAt));

        const QVector<RestoreRecord> all = catalog->restores();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].id, ok.id); // newest first
        QCOMPARE(all[1].id, r.id);
        QCOMPARE(all[0].targetUrl, QStringLiteral("https://admin@main.example.net"));
        const QVector<RestoreRecord> failed = catalog->restores(true);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0].id, r.id);
    }

    void removeBackupKeepsRestoreHistory()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        PbxRecord target = makePbx(QStringLiteral("Lab"));
        QVERIFY(catalog->addPbx(&pbx));
        QVERIFY(catalog->addPbx(&target));
        BackupRecord b = makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")));
        BackupRecord safety = makeBackup(target.id, utc(QStringLiteral("2024-05-02T10:00:00Z")));
        QVERIFY(catalog->addBackup(&b));
        QVERIFY(catalog->addBackup(&safety));
        RestoreRecord r;
        r.backupId = b.id;
        r.filename = b.filename;
        r.targetPbxId = target.id;
        r.safetyBackupId = safety.id;
        QVERIFY(catalog->beginRestore(&r));
        QVERIFY(catalog->finishRestore(r.id, RestoreOutcome::Success, {}, {}));

        QVERIFY(catalog->removeBackup(b.id));
        QVERIFY(catalog->removeBackup(safety.id));
        QVERIFY(!catalog->backup(b.id));
        std::optional<RestoreRecord> read = catalog->restore(r.id);
        QVERIFY(read);
        QCOMPARE(read->backupId, 0);
        QCOMPARE(read->safetyBackupId, 0);
        QCOMPARE(read->filename, b.filename);
        QCOMPARE_ENUM(read->outcome, RestoreOutcome::Success);

        // The target PBX can go too; the history keeps its name and URL.
        QVERIFY2(catalog->removePbx(target.id), qPrintable(catalog->lastError()));
        read = catalog->restore(r.id);
        QVERIFY(read);
        QCOMPARE(read->targetPbxName, QStringLiteral("Lab"));
        QCOMPARE(read->targetUrl, target.url.toString());
        QCOMPARE(catalog->restores().size(), 1);
    }

    void markRunningRestoresInterrupted()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        RestoreRecord running, done;
        running.filename = done.filename = QStringLiteral("x.bak");
        running.targetPbxId = done.targetPbxId = pbx.id;
        QVERIFY(catalog->beginRestore(&running));
        QVERIFY(catalog->beginRestore(&done));
        QVERIFY(catalog->finishRestore(done.id, RestoreOutcome::Success, {}, {}));

        const QDateTime at = utc(QStringLiteral("2024-07-01T00:00:00Z"));
        QCOMPARE(catalog->markRunningRestoresInterrupted(at), 1);
        const std::optional<RestoreRecord> read = catalog->restore(running.id);
        QCOMPARE_ENUM(read->outcome, RestoreOutcome::Interrupted);
        QCOMPARE(read->finishedAt, at);
        QVERIFY(!read->error.isEmpty());
        QCOMPARE_ENUM(catalog->restore(done.id)->outcome, RestoreOutcome::Success);
        QCOMPARE(catalog->markRunningRestoresInterrupted(at), 0);
    }

#ifdef Q_OS_UNIX
    void markInterruptedSparesOtherLiveProcesses()
    {
        OPEN_CATALOG(catalog, catalogPath());
        JobRecord ours, dead, otherLive, otherHost;
        for (JobRecord *j : {&ours, &dead, &otherLive, &otherHost})
            QVERIFY(catalog->beginJob(j));
        RestoreRecord liveRestore, deadRestore;
        liveRestore.filename = deadRestore.filename = QStringLiteral("x.bak");
        QVERIFY(catalog->beginRestore(&liveRestore));
        QVERIFY(catalog->beginRestore(&deadRestore));

        // Rows as other processes would have written them.
        const QString host = QSysInfo::machineHostName();
        const QString deadOwner = QStringLiteral("%1:%2:dead").arg(host).arg(deadPid());
        const QString liveOwner = QStringLiteral("%1:%2:live").arg(host).arg(getppid());
        RawDb raw(catalogPath());
        const QString setJob = QStringLiteral("UPDATE jobs SET owner = ? WHERE id = ?");
        const QString setRestore = QStringLiteral("UPDATE restores SET owner = ? WHERE id = ?");
        raw.exec(setJob, {deadOwner, dead.id});
        raw.exec(setJob, {liveOwner, otherLive.id});
        raw.exec(setJob, {QStringLiteral("elsewhere:1:x"), otherHost.id});
        raw.exec(setRestore, {liveOwner, liveRestore.id});
        raw.exec(setRestore, {deadOwner, deadRestore.id});

        QCOMPARE(catalog->markRunningJobsInterrupted(QDateTime::currentDateTimeUtc()), 3);
        QCOMPARE(catalog->markRunningRestoresInterrupted(QDateTime::currentDateTimeUtc()), 1);
        auto outcomeOf = [&](qint64 id) {
            for (const JobRecord &j : catalog->jobs())
                if (j.id == id)
                    return j.outcome;
            return JobOutcome::Failed;
        };
        QCOMPARE_ENUM(outcomeOf(ours.id), JobOutcome::Interrupted);
        QCOMPARE_ENUM(outcomeOf(dead.id), JobOutcome::Interrupted);
        QCOMPARE_ENUM(outcomeOf(otherHost.id), JobOutcome::Interrupted);
        QCOMPARE_ENUM(outcomeOf(otherLive.id), JobOutcome::Running);
        QCOMPARE_ENUM(catalog->restore(liveRestore.id)->outcome, RestoreOutcome::Running);
        QCOMPARE_ENUM(catalog->restore(deadRestore.id)->outcome, RestoreOutcome::Interrupted);
    }
#endif

    void jobLog()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        PbxRecord other = makePbx(QStringLiteral("Other"));
        QVERIFY(catalog->addPbx(&pbx));
        QVERIFY(catalog->addPbx(&other));

        JobRecord j;
        j.kind = JobKind::Backup;
        j.trigger = JobTrigger::CatchUp;
        j.pbxId = pbx.id;
        j.startedAt = utc(QStringLiteral("2024-05-01T03:00:00Z"));
        j.detail = QStringLiteral("Main_20240501-030000_4.9.3.bak");
        j.outcome = JobOutcome::Success; // ignored: a job begins as running
        QVERIFY2(catalog->beginJob(&j), qPrintable(catalog->lastError()));
        QVERIFY(j.id > 0);
        QCOMPARE(j.pbxName, QStringLiteral("Main"));
        QCOMPARE_ENUM(j.outcome, JobOutcome::Running);
        QCOMPARE_ENUM(catalog->jobs().first().outcome, JobOutcome::Running);
        const QDateTime finished = utc(QStringLiteral("2024-05-01T03:02:00Z"));
        QVERIFY(catalog->finishJob(j.id, JobOutcome::Success, 123456, {}, finished));

        const QVector<JobRecord> jobs = catalog->jobs();
        QCOMPARE(jobs.size(), 1);
        const JobRecord &read = jobs.first();
        QCOMPARE(read.id, j.id);
        QCOMPARE_ENUM(read.kind, JobKind::Backup);
        QCOMPARE_ENUM(read.trigger, JobTrigger::CatchUp);
        QCOMPARE(read.pbxId, pbx.id);
        QCOMPARE(read.pbxName, QStringLiteral("Main"));
        QCOMPARE(read.startedAt, j.startedAt);
        QCOMPARE(read.finishedAt, finished);
        QCOMPARE_ENUM(read.outcome, JobOutcome::Success);
        QCOMPARE(read.bytes, 123456);
        QVERIFY(read.error.isEmpty());
        QCOMPARE(read.detail, j.detail);

        // A job without a PBX.
        JobRecord verifyAll;
        verifyAll.kind = JobKind::Verify;
        verifyAll.startedAt = utc(QStringLiteral("2024-05-02T00:00:00Z"));
        QVERIFY(catalog->beginJob(&verifyAll));
        QVERIFY(catalog->finishJob(verifyAll.id, JobOutcome::Failed, 0,
                                   QStringLiteral("2 backups failed"), {}));
        QCOMPARE(catalog->jobs().first().id, verifyAll.id);
        QCOMPARE(catalog->jobs().first().pbxId, 0);
        QCOMPARE(catalog->jobs().first().error, QStringLiteral("2 backups failed"));
        QCOMPARE(catalog->lastJob(0, JobKind::Verify, JobOutcome::Failed)->id, verifyAll.id);
    }

    void jobsNewestFirstWithLimit()
    {
        OPEN_CATALOG(catalog, catalogPath());
        QVector<qint64> ids;
        for (int i = 0; i < 5; ++i) {
            JobRecord j;
            j.startedAt = utc(QStringLiteral("2024-05-01T00:00:00Z")).addSecs(i);
            QVERIFY(catalog->beginJob(&j));
            ids.prepend(j.id);
        }
        QVector<qint64> listed;
        for (const JobRecord &j : catalog->jobs(3))
            listed << j.id;
        QCOMPARE(listed, ids.mid(0, 3));
        QCOMPARE(catalog->jobs().size(), 5);
    }

    void lastJob()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        PbxRecord other = makePbx(QStringLiteral("Other"));
        QVERIFY(catalog->addPbx(&pbx));
        QVERIFY(catalog->addPbx(&other));
        auto add = [&](qint64 pbxId, JobKind kind, JobOutcome outcome, const QString &at) {
            JobRecord j;
            j.pbxId = pbxId;
            j.kind = kind;
            j.startedAt = utc(at);
            catalog->beginJob(&j);
            catalog->finishJob(j.id, outcome, 0, {}, j.startedAt.addSecs(10));
            return j.id;
        };
        add(pbx.id, JobKind::Backup, JobOutcome::Success, QStringLiteral("2024-05-01T00:00:00Z"));
        const qint64 newest = add(pbx.id, JobKind::Backup, JobOutcome::Success,
                                  QStringLiteral("2024-05-03T00:00:00Z"));
        add(pbx.id, JobKind::Backup, JobOutcome::Success, QStringLiteral("2024-05-02T00:00:00Z"));
        add(pbx.id, JobKind::Backup, JobOutcome::Failed, QStringLiteral("2024-05-04T00:00:00Z"));
        add(pbx.id, JobKind::Verify, JobOutcome::Success, QStringLiteral("2024-05-05T00:00:00Z"));
        add(other.id, JobKind::Backup, JobOutcome::Success, QStringLiteral("2024-05-06T00:00:00Z"));
        // An unchanged backup is a success for "when was it last backed up".
        const qint64 unchanged = add(other.id, JobKind::Backup, JobOutcome::Unchanged,
                                     QStringLiteral("2024-05-07T00:00:00Z"));
        QCOMPARE(catalog->lastJob(other.id, JobKind::Backup, JobOutcome::Success)->id, unchanged);
        QCOMPARE(catalog->lastJob(other.id, JobKind::Backup, JobOutcome::Unchanged)->id, unchanged);
        QCOMPARE_ENUM(catalog->jobs(1).constFirst().outcome, JobOutcome::Unchanged);

        const std::optional<JobRecord> last =
            catalog->lastJob(pbx.id, JobKind::Backup, JobOutcome::Success);
        QVERIFY(last);
        QCOMPARE(last->id, newest);
        QCOMPARE(last->startedAt, utc(QStringLiteral("2024-05-03T00:00:00Z")));
        QVERIFY(!catalog->lastJob(pbx.id, JobKind::Restore, JobOutcome::Success));
        QVERIFY(!catalog->lastJob(other.id, JobKind::Backup, JobOutcome::Failed));
    }

    void markRunningJobsInterrupted()
    {
        OPEN_CATALOG(catalog, catalogPath());
        JobRecord running, done;
        QVERIFY(catalog->beginJob(&running));
        QVERIFY(catalog->beginJob(&done));
        QVERIFY(catalog->finishJob(done.id, JobOutcome::Cancelled, 0, {}, {}));
        const QDateTime at = utc(QStringLiteral("2024-07-01T00:00:00Z"));
        QCOMPARE(catalog->markRunningJobsInterrupted(at), 1);
        const std::optional<JobRecord> last =
            catalog->lastJob(0, JobKind::Backup, JobOutcome::Interrupted);
        QVERIFY(last);
        QCOMPARE(last->id, running.id);
        QCOMPARE(last->finishedAt, at);
        QVERIFY(catalog->lastJob(0, JobKind::Backup, JobOutcome::Cancelled));
        QCOMPARE(catalog->markRunningJobsInterrupted(at), 0);
    }

    void scheduleState()
    {
        const QDateTime slot = utc(QStringLiteral("2024-05-01T03:00:00Z"));
        qint64 a = 0;
        qint64 b = 0;
        {
            OPEN_CATALOG(catalog, catalogPath());
            PbxRecord pa = makePbx(QStringLiteral("A"));
            PbxRecord pb = makePbx(QStringLiteral("B"));
            QVERIFY(catalog->addPbx(&pa));
            QVERIFY(catalog->addPbx(&pb));
            a = pa.id;
            b = pb.id;
            QVERIFY(!catalog->lastScheduledRun(a).isValid());
            QVERIFY(catalog->setLastScheduledRun(a, slot));
            QCOMPARE(catalog->lastScheduledRun(a), slot);
            QVERIFY(catalog->setLastScheduledRun(a, slot.addDays(1)));
            QCOMPARE(catalog->lastScheduledRun(a), slot.addDays(1));
            QVERIFY(!catalog->lastScheduledRun(b).isValid());
            QVERIFY(catalog->setLastScheduledRun(b, slot));
            QVERIFY(!catalog->setLastScheduledRun(999, slot));
            QCOMPARE(catalog->lastError(), QStringLiteral("There is no PBX with id 999."));
        }
        OPEN_CATALOG(again, catalogPath());
        QCOMPARE(again->lastScheduledRun(a), slot.addDays(1));
        QCOMPARE(again->lastScheduledRun(a).timeSpec(), Qt::UTC);
        QCOMPARE(again->lastScheduledRun(b), slot);
        QVERIFY(again->setLastScheduledRun(b, QDateTime()));
        QVERIFY(!again->lastScheduledRun(b).isValid());
    }

    void copyTargetRoundTrip()
    {
        OPEN_CATALOG(catalog, catalogPath());
        CopyTargetRecord nas;
        nas.name = QStringLiteral("  NAS ");
        nas.kind = CopyTargetKind::Folder;
        nas.location = QStringLiteral("/mnt/nas/pbx");
        QVERIFY2(catalog->addCopyTarget(&nas), qPrintable(catalog->lastError()));
        QVERIFY(nas.id > 0);
        QCOMPARE(nas.name, QStringLiteral("NAS"));
        QVERIFY(nas.createdAt.isValid());

        CopyTargetRecord offsite;
        offsite.name = QStringLiteral("Offsite");
        offsite.kind = CopyTargetKind::Sftp;
        offsite.location = QStringLiteral("sftp://backup@vault.example.net:2222/pbx");
        offsite.hostKey = QStringLiteral("SHA256:AbCdEf0123456789");
        offsite.auth = CopyAuth::Key;
        offsite.enabled = false;
        QVERIFY(catalog->addCopyTarget(&offsite));
        QVERIFY(offsite.id > nas.id);

        const std::optional<CopyTargetRecord> read = catalog->copyTarget(offsite.id);
        QVERIFY(read);
        QCOMPARE(read->name, offsite.name);
        QCOMPARE_ENUM(read->kind, CopyTargetKind::Sftp);
        QCOMPARE(read->location, offsite.location);
        QCOMPARE(read->hostKey, offsite.hostKey); // pinned as given, case and all
        QCOMPARE_ENUM(read->auth, CopyAuth::Key);
        QCOMPARE(read->enabled, false);
        QCOMPARE(read->createdAt, offsite.createdAt);
        QCOMPARE(catalog->copyTargetByName(QStringLiteral("NAS"))->id, nas.id);
        QCOMPARE_ENUM(catalog->copyTarget(nas.id)->auth, CopyAuth::None);

        const QVector<CopyTargetRecord> all = catalog->copyTargets();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).name, QStringLiteral("NAS"));
        QCOMPARE(all.at(1).name, QStringLiteral("Offsite"));

        CopyTargetRecord edited = *read;
        edited.enabled = true;
        edited.auth = CopyAuth::Password;
        edited.location = QStringLiteral("sftp://backup@vault2.example.net/pbx");
        QVERIFY(catalog->updateCopyTarget(edited));
        QCOMPARE(catalog->copyTarget(offsite.id)->location, edited.location);
        QCOMPARE_ENUM(catalog->copyTarget(offsite.id)->auth, CopyAuth::Password);
        QCOMPARE(catalog->copyTarget(offsite.id)->enabled, true);
    }

    void copyTargetRefusals()
    {
        OPEN_CATALOG(catalog, catalogPath());
        CopyTargetRecord nas;
        nas.name = QStringLiteral("NAS");
        nas.location = QStringLiteral("/mnt/nas");
        QVERIFY(catalog->addCopyTarget(&nas));

        CopyTargetRecord clash = nas;
        clash.id = 0;
        QVERIFY(!catalog->addCopyTarget(&clash));
        QCOMPARE(catalog->lastError(),
                 QStringLiteral("A copy target named \"NAS\" already exists."));
        CopyTargetRecord nameless;
        nameless.location = QStringLiteral("/x");
        QVERIFY(!catalog->addCopyTarget(&nameless));
        CopyTargetRecord nowhere;
        nowhere.name = QStringLiteral("Nowhere");
        QVERIFY(!catalog->addCopyTarget(&nowhere));
        CopyTargetRecord secret;
        secret.name = QStringLiteral("Secret");
        secret.kind = CopyTargetKind::Sftp;
        secret.location = QStringLiteral("sftp://user:hunter2@host/dir");
        QVERIFY(!catalog->addCopyTarget(&secret));
        QVERIFY(!catalog->lastError().contains(QStringLiteral("hunter2")));

        CopyTargetRecord renamed;
        renamed.name = QStringLiteral("Other");
        renamed.location = QStringLiteral("/mnt/other");
        QVERIFY(catalog->addCopyTarget(&renamed));
        renamed.name = QStringLiteral("NAS");
        QVERIFY(!catalog->updateCopyTarget(renamed));
        renamed.id = 4242;
        renamed.name = QStringLiteral("Ghost");
        QVERIFY(!catalog->updateCopyTarget(renamed));
        QCOMPARE(catalog->lastError(), QStringLiteral("There is no copy target with id 4242."));
        QVERIFY(!catalog->removeCopyTarget(4242));
        QVERIFY(!catalog->copyTarget(4242));
        QVERIFY(!catalog->copyTargetByName(QStringLiteral("Ghost")));
        QCOMPARE(catalog->copyTargets().size(), 2);
    }

    void backupCopiesFollowBackupsAndTargets()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        const QDateTime t0 = utc(QStringLiteral("2024-05-01T10:00:00Z"));
        QVector<BackupRecord> rows{makeBackup(pbx.id, t0.addDays(2)), makeBackup(pbx.id, t0),
                                   makeBackup(pbx.id, t0.addDays(1))};
        QVERIFY(catalog->addBackups(&rows));
        const qint64 newest = rows[0].id, oldest = rows[1].id, middle = rows[2].id;
        CopyTargetRecord nas, offsite;
        nas.name = QStringLiteral("NAS");
        nas.location = QStringLiteral("/mnt/nas");
        offsite.name = QStringLiteral("Offsite");
        offsite.kind = CopyTargetKind::Sftp;
        offsite.location = QStringLiteral("sftp://u@h/d");
        QVERIFY(catalog->addCopyTarget(&nas));
        QVERIFY(catalog->addCopyTarget(&offsite));

        // Everything is missing everywhere at first, oldest first.
        QVector<BackupRecord> missing = catalog->backupsMissingCopy(nas.id);
        QCOMPARE(missing.size(), 3);
        QCOMPARE(missing.at(0).id, oldest);
        QCOMPARE(missing.at(1).id, middle);
        QCOMPARE(missing.at(2).id, newest);
        QCOMPARE(missing.at(0).pbxName, QStringLiteral("Main"));

        BackupCopyRecord copy;
        copy.backupId = oldest;
        copy.targetId = nas.id;
        copy.state = CopyState::Pending;
        copy.attempts = 1;
        QVERIFY2(catalog->setBackupCopy(copy), qPrintable(catalog->lastError()));
        // Upsert: the same (backup, target) row is replaced, not added.
        copy.state = CopyState::Copied;
        copy.remoteName = QStringLiteral("pbx_20240501.bak");
        copy.size = 5'000'000'000; // past 32 bits
        copy.sha256 = QStringLiteral("AB").repeated(32);
        copy.attempts = 2;
        copy.updatedAt = utc(QStringLiteral("2024-05-05T08:00:00.250Z"));
        QVERIFY(catalog->setBackupCopy(copy));
        BackupCopyRecord failed;
        failed.backupId = middle;
        failed.targetId = nas.id;
        failed.state = CopyState::Failed;
        failed.error = QStringLiteral("No space left on device");
        failed.attempts = 3;
        QVERIFY(catalog->setBackupCopy(failed));
        BackupCopyRecord elsewhere = copy;
        elsewhere.targetId = offsite.id;
        QVERIFY(catalog->setBackupCopy(elsewhere));

        const QVector<BackupCopyRecord> ofOldest = catalog->backupCopies(oldest);
        QCOMPARE(ofOldest.size(), 2);
        QCOMPARE(ofOldest.at(0).targetId, nas.id);
        QCOMPARE(ofOldest.at(1).targetId, offsite.id);
        const BackupCopyRecord &read = ofOldest.at(0);
        QCOMPARE(read.backupId, oldest);
        QCOMPARE_ENUM(read.state, CopyState::Copied);
        QCOMPARE(read.remoteName, copy.remoteName);
        QCOMPARE(read.size, copy.size);
        QCOMPARE(read.sha256, copy.sha256.toLower());
        QCOMPARE(read.attempts, 2);
        QCOMPARE(read.updatedAt, copy.updatedAt);
        QVERIFY(read.error.isEmpty());

        const QVector<BackupCopyRecord> onNas = catalog->copiesOnTarget(nas.id);
        QCOMPARE(onNas.size(), 2);
        QCOMPARE(onNas.at(1).backupId, middle);
        QCOMPARE_ENUM(onNas.at(1).state, CopyState::Failed);
        QCOMPARE(onNas.at(1).error, failed.error);
        QVERIFY(onNas.at(1).updatedAt.isValid());

        // Failed and pending copies are still missing; copied ones are not.
        missing = catalog->backupsMissingCopy(nas.id);
        QCOMPARE(missing.size(), 2);
        QCOMPARE(missing.at(0).id, middle);
        QCOMPARE(missing.at(1).id, newest);
        QCOMPARE(catalog->backupsMissingCopy(offsite.id).size(), 2);

        // Unknown backup or target.
        BackupCopyRecord orphan = copy;
        orphan.backupId = 4242;
        QVERIFY(!catalog->setBackupCopy(orphan));
        orphan = copy;
        orphan.targetId = 4242;
        QVERIFY(!catalog->setBackupCopy(orphan));
        QVERIFY(catalog->backupsMissingCopy(4242).isEmpty());
        QVERIFY(!catalog->lastError().isEmpty());

        // Removing one row, then a backup and a target, takes their rows along.
        QVERIFY(catalog->removeBackupCopy(middle, nas.id));
        QVERIFY(!catalog->removeBackupCopy(middle, nas.id));
        QCOMPARE(catalog->copiesOnTarget(nas.id).size(), 1);
        QVERIFY(catalog->removeBackup(oldest));
        QVERIFY(catalog->backupCopies(oldest).isEmpty());
        QVERIFY(catalog->copiesOnTarget(offsite.id).isEmpty());
        QVERIFY(catalog->setBackupCopy(failed));
        QVERIFY(catalog->removeCopyTarget(nas.id));
        QVERIFY(catalog->backupCopies(middle).isEmpty());
        QCOMPARE(catalog->backupCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
