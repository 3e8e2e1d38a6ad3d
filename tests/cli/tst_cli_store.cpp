// A team's shared backup store with the real executable: two "computers" (two data
// directories) share one catalog and one share, which each mounts at its own path (the second
// through a symlink). Backups taken on either land in the share, recorded relative to its
// root, and open, verify, restore and delete on the other; a computer that has not mapped the
// store, or whose share is not mounted (no marker), writes nothing anywhere.
#include "CliHarness.h"
#include "PbxSim.h"
#include "TestDirs.h"

#include "catalog/Catalog.h"
#include "catalog/CatalogDatabase.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QByteArray kPassword = "st0re-Pa55word!";

QString describe(const CliResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(3000)), QString::fromUtf8(r.err.left(3000)));
}

// Every regular file under folder (recursively), but the store's marker.
QStringList filesUnder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName() != QLatin1String(".pbxvault-store"))
            files << path;
    }
    files.sort();
    return files;
}

} // namespace

class TestCliStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<CliHarness> m_a; // the first computer
    std::unique_ptr<CliHarness> m_b; // the second one
    QString m_catalog, m_share, m_mountB;
    std::unique_ptr<PbxSim> m_sim;

    CliResult a(QStringList args, const QByteArray &in = {})
    {
        args.prepend(m_catalog);
        args.prepend(QStringLiteral("--catalog"));
        return m_a->run(args, in);
    }
    CliResult b(QStringList args, const QByteArray &in = {})
    {
        args.prepend(m_catalog);
        args.prepend(QStringLiteral("--catalog"));
        return m_b->run(args, in);
    }
    static QJsonObject object(const CliResult &r)
    {
        return QJsonDocument::fromJson(r.out).object();
    }
    static QJsonArray array(const CliResult &r) { return QJsonDocument::fromJson(r.out).array(); }
    static void english(CliHarness &cli)
    {
        cli.environment().insert(QStringLiteral("LANG"), QStringLiteral("en_US.UTF-8"));
        cli.environment().remove(QStringLiteral("LC_ALL"));
        cli.environment().remove(QStringLiteral("LC_MESSAGES"));
        cli.environment().remove(QStringLiteral("LANGUAGE"));
    }
    // The newest backup's JSON as one computer sees it.
    QJsonObject newest(bool onB)
    {
        const CliResult r = onB ? b({QStringLiteral("--json"), QStringLiteral("backups")})
                                : a({QStringLiteral("--json"), QStringLiteral("backups")});
        const QJsonArray list = array(r);
        return list.isEmpty() ? QJsonObject() : list.first().toObject();
    }

    // A pbxsim PBX, registered as "hq" by computer A.
    void addHq()
    {
        PbxSim::Options o;
        o.users = QStringList{QStringLiteral("default:admin:") + QString::fromLatin1(kPassword)};
        m_sim = std::make_unique<PbxSim>(o);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        const CliResult r =
            a({QStringLiteral("pbx"), QStringLiteral("add"), QStringLiteral("hq"),
               QStringLiteral("--url"), m_sim->url().toString(), QStringLiteral("--user"),
               QStringLiteral("admin"), QStringLiteral("--password-stdin"),
               QStringLiteral("--trust-fingerprint"), m_sim->fingerprint()},
              kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TestDir>();
        m_a = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("computer-a")));
        m_b = std::make_unique<CliHarness>(m_dir->filePath(QStringLiteral("computer-b")));
        english(*m_a);
        english(*m_b);
        m_catalog = m_dir->filePath(QStringLiteral("team/catalog.sqlite"));
        QVERIFY(QDir().mkpath(QFileInfo(m_catalog).path()));
        m_share = m_dir->filePath(QStringLiteral("nas"));
        QVERIFY(QDir().mkpath(m_share));
        m_mountB = m_dir->filePath(QStringLiteral("mnt-b"));
        QVERIFY(QFile::link(m_share, m_mountB));
    }

    void cleanup()
    {
        QVERIFY2(!m_a->transcript().contains(kPassword), "the password leaked");
        QVERIFY2(!m_b->transcript().contains(kPassword), "the password leaked");
        m_sim.reset();
        m_a.reset();
        m_b.reset();
        m_dir.reset();
    }

    void backupsTravelBetweenComputers()
    {
        addHq();
        if (QTest::currentTestFailed())
            return;

        // Before a store: backups stay on the computer that takes them.
        CliResult r =
            a({QStringLiteral("--json"), QStringLiteral("store"), QStringLiteral("show")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(QStringLiteral("shared_store")).toString(), QString());
        r = a({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject local = newest(false);
        QVERIFY(local.value(QStringLiteral("store")).isNull());
        QVERIFY(local.value(QStringLiteral("path")).toString().startsWith(m_a->dataDir()));

        r = a({QStringLiteral("store"), QStringLiteral("create"), QStringLiteral("team"), m_share});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(QFile::exists(QDir(m_share).filePath(QStringLiteral(".pbxvault-store"))));

        r = a({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject fromA = newest(false);
        QCOMPARE(fromA.value(QStringLiteral("store")).toString(), QStringLiteral("team"));
        const QString pathOnA = fromA.value(QStringLiteral("path")).toString();
        QVERIFY2(pathOnA.startsWith(m_share + QLatin1Char('/')), qPrintable(pathOnA));
        QVERIFY(QFile::exists(pathOnA));
        const QString relative = QDir(m_share).relativeFilePath(pathOnA);
        const QString backupA = QString::number(fromA.value(QStringLiteral("id")).toInteger());

        // The catalog holds the store and the path relative to it, never this computer's mount;
        // a reader that maps no store gets no path at all.
        {
            QString error;
            std::unique_ptr<Catalog> raw = Catalog::open(m_catalog, &error);
            QVERIFY2(raw, qPrintable(error));
            QSqlQuery q(raw->database().database());
            QVERIFY(
                q.exec(QStringLiteral("SELECT store, path FROM backups WHERE id = ") + backupA));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("team"));
            QCOMPARE(q.value(1).toString(), relative);
            q.finish();
            const auto record = raw->backup(backupA.toLongLong());
            QVERIFY(record);
            QCOMPARE(record->store, QStringLiteral("team"));
            QCOMPARE(record->path, QString());
        }

        // Computer B has not mapped the store: it sees the backup but no path, and its own
        // backup fails with what to do, writing nothing anywhere.
        const QStringList shareBefore = filesUnder(m_share);
        QCOMPARE(newest(true).value(QStringLiteral("path")).toString(), QString());
        r = b({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("not mapped on this computer") &&
                     r.err.contains("pbxvault store map team FOLDER"),
                 qPrintable(describe(r)));
        QCOMPARE(filesUnder(m_share), shareBefore);
        QCOMPARE(filesUnder(m_b->dataDir()).filter(QStringLiteral(".bak")), QStringList());
        // Nor does it conclude anything about A's backup: still intact for everyone.
        r = b({QStringLiteral("verify"), backupA});
        QVERIFY2(r.exitCode != 0 && r.err.contains("not mapped on this computer"),
                 qPrintable(describe(r)));
        QCOMPARE(newest(false).value(QStringLiteral("verified")).toString(),
                 QStringLiteral("intact"));

        // A folder without the store's marker is refused; the right mount is taken.
        const QString empty = m_dir->filePath(QStringLiteral("empty-mount-point"));
        QVERIFY(QDir().mkpath(empty));
        r = b({QStringLiteral("store"), QStringLiteral("map"), QStringLiteral("team"), empty});
        QVERIFY2(r.exitCode != 0 && r.err.contains("is the share mounted?"),
                 qPrintable(describe(r)));
        r = b({QStringLiteral("store"), QStringLiteral("map"), QStringLiteral("team"), m_mountB});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // B reads A's backup through its own mount: verify, show, restore.
        QCOMPARE(newest(true).value(QStringLiteral("path")).toString(),
                 QDir(m_mountB).filePath(relative));
        r = b({QStringLiteral("verify"), backupA});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = b({QStringLiteral("--json"), QStringLiteral("restore"), backupA, QStringLiteral("--to"),
               QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));

        // B's backups go to the share too, and A finds them at its own mount.
        r = b({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject fromB = newest(false);
        QCOMPARE(fromB.value(QStringLiteral("store")).toString(), QStringLiteral("team"));
        const QString bOnA = fromB.value(QStringLiteral("path")).toString();
        QVERIFY2(bOnA.startsWith(m_share + QLatin1Char('/')) && QFile::exists(bOnA),
                 qPrintable(bOnA));
        QCOMPARE(filesUnder(m_b->dataDir()).filter(QStringLiteral(".bak")), QStringList());
        const QString backupB = QString::number(fromB.value(QStringLiteral("id")).toInteger());
        r = a({QStringLiteral("verify"), backupB});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // The share is not mounted on A (its marker is gone): A writes nothing.
        const QString marker = QDir(m_share).filePath(QStringLiteral(".pbxvault-store"));
        QVERIFY(QFile::rename(marker, marker + QStringLiteral(".away")));
        const QStringList unmounted = filesUnder(m_share);
        r = a({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode != 0 && r.err.contains("is the share mounted?"),
                 qPrintable(describe(r)));
        QCOMPARE(filesUnder(m_share), unmounted);
        r = a({QStringLiteral("--json"), QStringLiteral("store"), QStringLiteral("show")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(QStringLiteral("ready")).toBool(), false);
        QVERIFY(QFile::rename(marker + QStringLiteral(".away"), marker));

        // A deletes B's backup: the file goes from the share.
        r = a({QStringLiteral("delete"), backupB});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(!QFile::exists(bOnA));

        // Back to each computer's own folder: the share keeps what it holds.
        r = a({QStringLiteral("store"), QStringLiteral("local")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = a({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject again = newest(false);
        QVERIFY(again.value(QStringLiteral("store")).isNull());
        QVERIFY(again.value(QStringLiteral("path")).toString().startsWith(m_a->dataDir()));
        QVERIFY(QFile::exists(pathOnA));
    }

    // encrypt --all over a shared store: where it is mapped the files on the share are
    // encrypted in place; where it is not, they are named as left alone and the command fails
    // instead of saying everything is encrypted.
    void encryptAllOverAShare()
    {
        addHq();
        if (QTest::currentTestFailed())
            return;
        CliResult r =
            a({QStringLiteral("store"), QStringLiteral("create"), QStringLiteral("team"), m_share});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = a({QStringLiteral("backup"), QStringLiteral("hq")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString onShare = newest(false).value(QStringLiteral("path")).toString();
        QVERIFY2(onShare.startsWith(m_share + QLatin1Char('/')), qPrintable(onShare));
        const auto head = [&onShare] {
            QFile f(onShare);
            return f.open(QIODevice::ReadOnly) ? f.read(7) : QByteArray();
        };
        QVERIFY(head() != "PBXVENC");
        r = a({QStringLiteral("key"), QStringLiteral("init")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // B shares the catalog (and, in this test, the keychain) but not the mount.
        r = b({QStringLiteral("encrypt"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 3, qPrintable(describe(r))); // not found here
        QVERIFY2(r.err.contains("not mapped on this computer") &&
                     r.err.contains("1 of 1 backups could not be encrypted"),
                 qPrintable(describe(r)));
        QVERIFY2(!r.out.contains("already encrypted"), qPrintable(describe(r)));
        QVERIFY(head() != "PBXVENC");

        r = a({QStringLiteral("encrypt"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(head(), QByteArray("PBXVENC"));
        const QString id = QString::number(newest(false).value(QStringLiteral("id")).toInteger());
        r = a({QStringLiteral("verify"), id});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void badNamesAndForeignFoldersAreRefused()
    {
        for (const QString &bad :
             {QStringLiteral("../up"), QStringLiteral("a/b"), QStringLiteral(".hidden"),
              QString(65, QLatin1Char('x')), QStringLiteral("t\u00e9am")}) {
            const CliResult r =
                a({QStringLiteral("store"), QStringLiteral("create"), bad, m_share});
            QVERIFY2(r.exitCode != 0 && r.err.contains("cannot name a store"),
                     qPrintable(describe(r)));
        }
        QVERIFY(!QFile::exists(QDir(m_share).filePath(QStringLiteral(".pbxvault-store"))));

        // Another team's catalog already uses the folder: left alone, nothing set here.
        CliHarness other(m_dir->filePath(QStringLiteral("other-team")));
        english(other);
        CliResult r = other.run(
            {QStringLiteral("store"), QStringLiteral("create"), QStringLiteral("theirs"), m_share});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QByteArray theirMarker = [this] {
            QFile f(QDir(m_share).filePath(QStringLiteral(".pbxvault-store")));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        r = a({QStringLiteral("store"), QStringLiteral("create"), QStringLiteral("team"), m_share});
        QVERIFY2(r.exitCode != 0 && r.err.contains("of another catalog"), qPrintable(describe(r)));
        r = a({QStringLiteral("store"), QStringLiteral("map"), QStringLiteral("theirs"), m_share});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        r = a({QStringLiteral("--json"), QStringLiteral("store"), QStringLiteral("show")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(object(r).value(QStringLiteral("shared_store")).toString(), QString());
        QVERIFY(object(r).value(QStringLiteral("stores")).toArray().isEmpty());
        QFile f(QDir(m_share).filePath(QStringLiteral(".pbxvault-store")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), theirMarker);
    }
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
