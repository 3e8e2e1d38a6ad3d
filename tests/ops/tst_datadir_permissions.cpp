// The data dir holds the catalog (every PBX, its address and user name) and the backups: with
// the usual umask 022 none of it may be readable by other local users.
#include "TestDirs.h"
#include "catalog/CatalogDatabase.h"
#include "common/AppSettings.h"
#include "ops/Vault.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

// The permission bits as the kernel has them, e.g. "0600"; "missing" when there is no file.
QString modeOf(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return QStringLiteral("missing");
    return QStringLiteral("0%1").arg(st.st_mode & 07777, 3, 8, QLatin1Char('0'));
#else
    Q_UNUSED(path)
    return {};
#endif
}

void chmodTo(const QString &path, int mode)
{
#ifdef Q_OS_UNIX
    QVERIFY2(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0, qPrintable(path));
#else
    Q_UNUSED(path)
    Q_UNUSED(mode)
#endif
}

} // namespace

class TestDataDirPermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void newDataDirIsPrivate();
    void laxModesAreTightenedOnOpen();
    void settingsStayPrivateAcrossRewrites();
    void catalogCopyIsPrivate();

private:
#ifdef Q_OS_UNIX
    mode_t m_savedUmask = 0;
#endif
};

void TestDataDirPermissions::initTestCase()
{
#ifdef Q_OS_UNIX
    m_savedUmask = ::umask(022); // what most desktops and servers use
#else
    QSKIP("file modes are a Unix matter");
#endif
}

void TestDataDirPermissions::cleanupTestCase()
{
#ifdef Q_OS_UNIX
    ::umask(m_savedUmask);
#endif
}

void TestDataDirPermissions::newDataDirIsPrivate()
{
    TestDir tmp;
    QVERIFY(tmp.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    QString error;
    std::unique_ptr<Vault> vault = Vault::open(data, nullptr, &error);
    QVERIFY2(vault, qPrintable(error));

    PbxRecord pbx;
    pbx.name = QStringLiteral("Front desk");
    pbx.url = QUrl(QStringLiteral("https://192.0.2.10"));
    QVERIFY2(vault->catalog().addPbx(&pbx), qPrintable(vault->catalog().lastError()));

    std::unique_ptr<IncomingBackup> incoming =
        vault->store().begin(QStringLiteral("Front desk"), QStringLiteral("default"),
                             QStringLiteral("b.tar.gz"), &error);
    QVERIFY2(incoming, qPrintable(error));
    QVERIFY(incoming->device()->write("backup") == 6);
    QString backupPath;
    QVERIFY2(incoming->commit(&backupPath, &error), qPrintable(error));

    AppSettings settings(data);
    settings.setConcurrentJobs(3);
    settings.sync();

    const QString catalog = QDir(data).filePath(QStringLiteral("catalog.sqlite"));
    QCOMPARE(modeOf(data), QStringLiteral("0700"));
    QCOMPARE(modeOf(catalog), QStringLiteral("0600"));
    // The connection is open and has written: SQLite's companions exist.
    QCOMPARE(modeOf(catalog + QStringLiteral("-wal")), QStringLiteral("0600"));
    QCOMPARE(modeOf(catalog + QStringLiteral("-shm")), QStringLiteral("0600"));
    QCOMPARE(modeOf(QDir(data).filePath(QStringLiteral("settings.ini"))), QStringLiteral("0600"));
    QCOMPARE(modeOf(QDir(data).filePath(QStringLiteral("backups"))), QStringLiteral("0700"));
    QCOMPARE(modeOf(backupPath), QStringLiteral("0600"));
}

void TestDataDirPermissions::laxModesAreTightenedOnOpen()
{
    TestDir tmp;
    QVERIFY(tmp.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    const QString catalog = QDir(data).filePath(QStringLiteral("catalog.sqlite"));
    const QString backups = QDir(data).filePath(QStringLiteral("backups"));
    QString error;
    {
        std::unique_ptr<Vault> vault = Vault::open(data, nullptr, &error);
        QVERIFY2(vault, qPrintable(error));
        AppSettings(data).setConcurrentJobs(2);
    }
    // As an older version, or a copy made without care, would have left them.
    chmodTo(data, 0755);
    chmodTo(backups, 0755);
    chmodTo(catalog, 0644);
    chmodTo(QDir(data).filePath(QStringLiteral("settings.ini")), 0644);
    QFile wal(catalog + QStringLiteral("-wal"));
    if (!wal.exists()) {
        QVERIFY(wal.open(QIODevice::WriteOnly)); // an empty log is valid
        wal.close();
    }
    chmodTo(wal.fileName(), 0644);

    std::unique_ptr<Vault> vault = Vault::open(data, nullptr, &error);
    QVERIFY2(vault, qPrintable(error));
    const AppSettings settings(data);
    QCOMPARE(settings.concurrentJobs(), 2);
    QCOMPARE(modeOf(data), QStringLiteral("0700"));
    QCOMPARE(modeOf(backups), QStringLiteral("0700"));
    QCOMPARE(modeOf(catalog), QStringLiteral("0600"));
    QCOMPARE(modeOf(wal.fileName()), QStringLiteral("0600"));
    QCOMPARE(modeOf(catalog + QStringLiteral("-shm")), QStringLiteral("0600"));
    QCOMPARE(modeOf(QDir(data).filePath(QStringLiteral("settings.ini"))), QStringLiteral("0600"));
}

void TestDataDirPermissions::settingsStayPrivateAcrossRewrites()
{
    TestDir tmp;
    QVERIFY(tmp.isValid());
    const QString file = tmp.filePath(QStringLiteral("settings.ini"));
    {
        AppSettings settings(tmp.path());
        QCOMPARE(modeOf(file), QStringLiteral("0600")); // before anything is written
        settings.setLanguage(QStringLiteral("it"));
    } // QSettings writes a new file and renames it over the old one here
    AppSettings settings(tmp.path());
    QCOMPARE(settings.language(), QStringLiteral("it"));
    settings.setLanguage(QStringLiteral("en"));
    settings.sync();
    QCOMPARE(modeOf(file), QStringLiteral("0600"));
}

void TestDataDirPermissions::catalogCopyIsPrivate()
{
    TestDir tmp;
    QVERIFY(tmp.isValid());
    CatalogDatabase db(tmp.filePath(QStringLiteral("catalog.sqlite")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery q(db.database());
    QVERIFY2(q.exec(QStringLiteral("CREATE TABLE t (x)")), qPrintable(q.lastError().text()));
    const QString copy = tmp.filePath(QStringLiteral("catalog-before-migration.sqlite"));
    QVERIFY2(db.copyTo(copy, &error), qPrintable(error));
    QCOMPARE(modeOf(copy), QStringLiteral("0600"));
    QVERIFY(QFile(copy).size() > 0);

    // A failed copy leaves nothing behind.
    const QString nowhere = tmp.filePath(QStringLiteral("no-such-folder/copy.sqlite"));
    QVERIFY(!db.copyTo(nowhere, &error));
    QCOMPARE(modeOf(nowhere), QStringLiteral("missing"));
}

QTEST_GUILESS_MAIN(TestDataDirPermissions)
#include "tst_datadir_permissions.moc"
