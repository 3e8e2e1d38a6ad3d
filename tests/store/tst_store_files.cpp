// BackupStore on disk: atomic writes, names from untrusted sources, stale temp files, write
// failures (a real file size limit, a read-only folder) and import.

#include "TestDirs.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pbxvault;

namespace {

// Every file under dir (hidden ones too), relative to dir, sorted.
QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool insideCanonically(const QString &path, const QString &root)
{
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonicalRoot.isEmpty() && canonical.startsWith(canonicalRoot + QLatin1Char('/'));
}

struct ChildResult
{
    bool exited = false;
    int exitCode = -1;
    int signal = 0;
    QString output;
};

// Runs body in a forked child (for process-wide limits, privileges and being killed); what it
// writes to the given descriptor comes back as output.
ChildResult runInChild(const std::function<int(int out)> &body)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const int code = body(fds[1]);
        ::_exit(code);
    }
    ::close(fds[1]);
    QByteArray output;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
        output.append(buffer, n);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ChildResult result;
    result.exited = WIFEXITED(status);
    result.exitCode = result.exited ? WEXITSTATUS(status) : -1;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.output = QString::fromUtf8(output);
    return result;
}

void report(int fd, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    [[maybe_unused]] const ssize_t n = ::write(fd, utf8.constData(), size_t(utf8.size()));
}

} // namespace

class StoreFilesTest : public QObject
{
    Q_OBJECT

private slots:
    void commitIsAtomic();
    void discardAndDestructorLeaveNothing();
    void hashIsDroppedAfterSeek();
    void uniqueNamesOnCollision();
    void staleTempFilesAreRemoved();
    void hostileNames_data();
    void hostileNames();
    void sanitizedNamesFollowTheRules_data();
    void sanitizedNamesFollowTheRules();
    void containsUsesCanonicalPaths();
    void symlinkedFolderIsRefused();
    void removeFile();
    void importCopiesAndHashes();
    void importFailures();
    void fileSizeLimitFailsCleanly_data();
    void fileSizeLimitFailsCleanly();
    void readOnlyFolderFailsCleanly_data();
    void readOnlyFolderFailsCleanly();
};

void StoreFilesTest::commitIsAtomic()
{
    test::TestDir dir;
    BackupStore store(dir.filePath(QStringLiteral("backups")));
    QString error;
    auto incoming = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                QStringLiteral("milano_20240101-120000_4.9.bak"), &error);
    QVERIFY2(incoming, qPrintable(error));

    const QString folder = store.folderFor(QStringLiteral("milano"), QStringLiteral("default"));
    const QFileInfo temp(incoming->tempPath());
    QCOMPARE(temp.absolutePath(), folder);
    QVERIFY(temp.fileName().startsWith(QLatin1String(".milano_20240101-120000_4.9.bak")));
    QVERIFY(temp.fileName().contains(QLatin1String(".pbxvault-part-")));
    QVERIFY(temp.exists());

    const QByteArray data = randomBytes(1024 * 1024 + 3);
    for (qsizetype at = 0; at < data.size(); at += 100000)
        QVERIFY(incoming->device()->write(data.mid(at, 100000)) > 0);
    // Nothing under the final name until commit.
    QCOMPARE(filesUnder(folder), QStringList{temp.fileName()});

    QString finalPath;
    QVERIFY2(incoming->commit(&finalPath, &error), qPrintable(error));
    QCOMPARE(finalPath, folder + QStringLiteral("/milano_20240101-120000_4.9.bak"));
    QCOMPARE(filesUnder(folder), QStringList{QStringLiteral("milano_20240101-120000_4.9.bak")});
    QCOMPARE(readAll(finalPath), data);
    QCOMPARE(incoming->sha256(), sha256(data));
    QCOMPARE(incoming->size(), data.size());
    // Backups hold PBX configuration, credentials included: owner only.
    QCOMPARE(QFile::permissions(finalPath) & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);

    QVERIFY(!incoming->commit(&finalPath, &error));
    QVERIFY(!error.isEmpty());
    incoming.reset();
    QVERIFY(QFileInfo::exists(finalPath)); // destroying a committed backup keeps the file
}

void StoreFilesTest::discardAndDestructorLeaveNothing()
{
    test::TestDir dir;
    BackupStore store(dir.filePath(QStringLiteral("backups")));
    const QString folder = store.folderFor(QStringLiteral("pbx"), QStringLiteral("default"));
    QString error;
    {
        auto incoming = store.begin(QStringLiteral("pbx"), QStringLiteral("default"),
                                    QStringLiteral("a.bak"), &error);
        QVERIFY2(incoming, qPrintable(error));
        incoming->device()->write(QByteArray(200000, 'a'));
        QCOMPARE(filesUnder(folder).size(), 1);
    } // destroyed without commit
    QCOMPARE(filesUnder(folder), QStringList());

    auto incoming = store.begin(QStringLiteral("pbx"), QStringLiteral("default"),
                                QStringLiteral("b.bak"), &error);
    QVERIFY2(incoming, qPrintable(error));
    incoming->device()->write(QByteArray(200000, 'b'));
    incoming->discard();
    QCOMPARE(filesUnder(folder), QStringList());
    QString finalPath;
    QVERIFY(!incoming->commit(&finalPath, &error));
    QCOMPARE(filesUnder(folder), QStringList());
}

void StoreFilesTest::hashIsDroppedAfterSeek()
{
    test::TestDir dir;
    BackupStore store(dir.path());
    QString error;
    auto incoming =
        store.begin(QStringLiteral("p"), QStringLiteral("t"), QStringLiteral("x"), &error);
    QVERIFY(incoming);
    incoming->device()->write("hello");
    QCOMPARE(incoming->sha256(), sha256("hello"));
    incoming->device()->seek(0);
    incoming->device()->write("J");
    QCOMPARE(incoming->sha256(), QString()); // no longer the hash of the file's content
}

void StoreFilesTest::uniqueNamesOnCollision()
{
    test::TestDir dir;
    BackupStore store(dir.filePath(QStringLiteral("backups")));
    const QString folder = store.folderFor(QStringLiteral("pbx"), QStringLiteral("default"));
    const QStringList requested = {QStringLiteral("same.bak"),    QStringLiteral("same.bak"),
                                   QStringLiteral("same.bak"),    QStringLiteral("conf.tar.gz"),
                                   QStringLiteral("conf.tar.gz"), QStringLiteral("noext"),
                                   QStringLiteral("noext")};
    const QStringList expected = {QStringLiteral("same.bak"),      QStringLiteral("same-1.bak"),
                                  QStringLiteral("same-2.bak"),    QStringLiteral("conf.tar.gz"),
                                  QStringLiteral("conf-1.tar.gz"), QStringLiteral("noext"),
                                  QStringLiteral("noext-1")};
    for (int i = 0; i < requested.size(); ++i) {
        QString error;
        auto incoming =
            store.begin(QStringLiteral("pbx"), QStringLiteral("default"), requested[i], &error);
        QVERIFY2(incoming, qPrintable(error));
        incoming->device()->write(QByteArray::number(i));
        QString finalPath;
        QVERIFY2(incoming->commit(&finalPath, &error), qPrintable(error));
        QCOMPARE(QFileInfo(finalPath).fileName(), expected[i]);
    }
    // Nothing was overwritten.
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(readAll(folder + QLatin1Char('/') + expected[i]), QByteArray::number(i));
}

void StoreFilesTest::staleTempFilesAreRemoved()
{
    test::TestDir dir;
    const QString root = dir.filePath(QStringLiteral("backups"));
    BackupStore store(root);
    QString error;

    // A process killed in the middle of a download.
    const ChildResult killed = runInChild([&](int out) {
        QString childError;
        auto incoming = store.begin(QStringLiteral("roma"), QStringLiteral("tenant2"),
                                    QStringLiteral("killed.bak"), &childError);
        if (!incoming)
            return 1;
        incoming->device()->write(QByteArray(100000, 'k'));
        incoming->device()->flush();
        report(out, incoming->tempPath());
        ::kill(::getpid(), SIGKILL);
        return 2;
    });
    QCOMPARE(killed.signal, SIGKILL);
    QVERIFY(QFileInfo::exists(killed.output));

    // One left by an older crash, deeper in the tree, and files that must stay.
    const QString folder = store.folderFor(QStringLiteral("milano"), QStringLiteral("default"));
    QVERIFY(QDir().mkpath(folder));
    const QString crashed = folder + QStringLiteral("/.old.bak.pbxvault-part-Ab3dE9");
    const QStringList keep = {folder + QStringLiteral("/old.bak"),
                              folder + QStringLiteral("/.old.bak.pbxvault-part-short"),
                              folder + QStringLiteral("/notes.pbxvault-part-Ab3dE9")};
    const QStringList all = QStringList(keep) << crashed;
    for (const QString &path : all) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }

    // A backup still being written by a live process (this one) must survive.
    auto live = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                            QStringLiteral("live.bak"), &error);
    QVERIFY2(live, qPrintable(error));
    live->device()->write("still downloading");
    live->device()->flush();

    QCOMPARE(store.removeStaleTempFiles(), 2);
    QVERIFY(!QFileInfo::exists(killed.output));
    QVERIFY(!QFileInfo::exists(crashed));
    for (const QString &path : keep)
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QVERIFY(QFileInfo::exists(live->tempPath()));

    QString finalPath;
    QVERIFY2(live->commit(&finalPath, &error), qPrintable(error));
    QCOMPARE(readAll(finalPath), QByteArray("still downloading"));
    QCOMPARE(store.removeStaleTempFiles(), 0);
}

void StoreFilesTest::hostileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected"); // empty: only the rules are checked

    const QString x300 = QString(300, QLatin1Char('x'));
    QTest::newRow("traversal") << QStringLiteral("../../etc/passwd") << QString();
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("_etc_passwd");
    QTest::newRow("subfolder") << QStringLiteral("a/b.bak") << QStringLiteral("a_b.bak");
    QTest::newRow("dotdot") << QStringLiteral("..") << QString();
    QTest::newRow("dot") << QStringLiteral(".") << QString();
    QTest::newRow("dots") << QStringLiteral("....") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("spaces") << QStringLiteral("   ") << QString();
    QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
    QTest::newRow("dash") << QStringLiteral("-rf.bak") << QStringLiteral("rf.bak");
    QTest::newRow("newline") << QStringLiteral("evil\nname.bak") << QStringLiteral("evil_name.bak");
    QTest::newRow("nul") << QString::fromUtf8("a\0b.bak", 7) << QStringLiteral("a_b.bak");
    QTest::newRow("controls") << QStringLiteral("\x01\x1b[31mred\x7f\u0085.bak")
                              << QStringLiteral("__[31mred__.bak");
    QTest::newRow("long") << x300 + QStringLiteral(".bak")
                          << QString(146, QLatin1Char('x')) + QStringLiteral(".bak");
    QTest::newRow("long multibyte") << QString(300, QChar(0x00e8)) + QStringLiteral(".bak")
                                    << QString(73, QChar(0x00e8)) + QStringLiteral(".bak");
    QTest::newRow("long no extension") << x300 << QString(150, QLatin1Char('x'));
    QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("_CON");
    QTest::newRow("nul.bak") << QStringLiteral("nul.bak") << QStringLiteral("_nul.bak");
    QTest::newRow("COM1.tar.gz") << QStringLiteral("COM1.tar.gz") << QStringLiteral("_COM1.tar.gz");
    QTest::newRow("lpt9") << QStringLiteral("lpt9") << QStringLiteral("_lpt9");
    QTest::newRow("aux space") << QStringLiteral("aux .txt") << QStringLiteral("_aux .txt");
    QTest::newRow("backslashes") << QStringLiteral("..\\..\\Windows\\System32\\evil.bak")
                                 << QString();
    QTest::newRow("drive") << QStringLiteral("C:\\x.bak") << QStringLiteral("C__x.bak");
    QTest::newRow("windows invalid")
        << QStringLiteral("a<b>c:d\"e|f?g*h.bak") << QStringLiteral("a_b_c_d_e_f_g_h.bak");
    QTest::newRow("trailing dot") << QStringLiteral("name. . ") << QStringLiteral("name");
    QTest::newRow("bidi override")
        << QStringLiteral("evil\u202egpj.bak") << QStringLiteral("evilgpj.bak");
    QTest::newRow("unicode") << QStringLiteral("Centralino Milano – ufficio ☎ 東京.bak")
                             << QStringLiteral("Centralino Milano – ufficio ☎ 東京.bak");
    QTest::newRow("emoji") << QStringLiteral("backup 😀.bak") << QStringLiteral("backup 😀.bak");
    QTest::newRow("decomposed") << QStringLiteral("cafe\u0301.bak")
                                << QStringLiteral("caf\u00e9.bak");
    QTest::newRow("tilde") << QStringLiteral("~") << QStringLiteral("~");
    QTest::newRow("temp look-alike") << QStringLiteral(".x.bak.pbxvault-part-Ab3dE9")
                                     << QStringLiteral("x.bak.pbxvault-part-Ab3dE9");
}

// Whatever the names, the file lands inside the root, three levels down, with safe names.
void StoreFilesTest::hostileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);

    const QString sanitized = BackupStore::sanitizeFileName(name);
    if (!expected.isEmpty())
        QCOMPARE(sanitized, expected);

    test::TestDir dir;
    const QString root = dir.filePath(QStringLiteral("store/backups"));
    BackupStore store(root);
    QString error;
    auto incoming = store.begin(name, name, name, &error);
    QVERIFY2(incoming, qPrintable(error));
    incoming->device()->write("content");
    QString finalPath;
    QVERIFY2(incoming->commit(&finalPath, &error), qPrintable(error));

    QVERIFY(store.contains(finalPath));
    QVERIFY(insideCanonically(finalPath, root));
    const QStringList parts = QDir(root).relativeFilePath(finalPath).split(QLatin1Char('/'));
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.last(), sanitized);
    // Nothing appeared anywhere else.
    QCOMPARE(filesUnder(dir.path()),
             QStringList{QStringLiteral("store/backups/") + parts.join(QLatin1Char('/'))});
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("store")});
}

void StoreFilesTest::sanitizedNamesFollowTheRules_data()
{
    hostileNames_data();
}

void StoreFilesTest::sanitizedNamesFollowTheRules()
{
    QFETCH(QString, name);
    const QString s = BackupStore::sanitizeFileName(name);
    QVERIFY(!s.isEmpty());
    QVERIFY(s.toUtf8().size() <= 150);
    QVERIFY(!s.contains(QLatin1Char('/')));
    QVERIFY(!s.contains(QLatin1Char('\\')));
    QVERIFY(!s.contains(QLatin1String("..")));
    QVERIFY(!s.startsWith(QLatin1Char('.')));
    QVERIFY(!s.endsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char(' ')));
    for (const QChar c : s) {
        QVERIFY2(c.unicode() >= 0x20 && !(c.unicode() >= 0x7f && c.unicode() < 0xa0),
                 qPrintable(QString::number(c.unicode(), 16)));
        QVERIFY(!QStringLiteral("<>:\"|?*").contains(c));
    }
    const QString base = s.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    QVERIFY(!QStringList({QStringLiteral("CON"), QStringLiteral("NUL"), QStringLiteral("AUX"),
                          QStringLiteral("PRN"), QStringLiteral("COM1"), QStringLiteral("LPT9")})
                 .contains(base));
    QCOMPARE(BackupStore::sanitizeFileName(s), s); // stable
    if (name.endsWith(QLatin1String(".bak")) && name.size() > 4)
        QVERIFY(s.endsWith(QLatin1String(".bak")));
}

void StoreFilesTest::containsUsesCanonicalPaths()
{
    test::TestDir dir;
    const QString root = dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/pbx/default")));
    BackupStore store(root);
    QVERIFY(store.contains(root + QStringLiteral("/pbx/default/a.bak")));
    QVERIFY(store.contains(root + QStringLiteral("/not/yet/created.bak")));
    QVERIFY(store.contains(root + QStringLiteral("/pbx/../pbx/default/a.bak")));
    QVERIFY(!store.contains(root));
    QVERIFY(!store.contains(root + QStringLiteral("/pbx/../../outside.bak")));
    QVERIFY(!store.contains(root + QStringLiteral("/missing/../../outside.bak")));
    QVERIFY(!store.contains(dir.filePath(QStringLiteral("backups-other/x.bak"))));
    QVERIFY(!store.contains(QStringLiteral("/etc/passwd")));
    QVERIFY(!store.contains(QString()));

    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("outside"))));
    QVERIFY(
        QFile::link(dir.filePath(QStringLiteral("outside")), root + QStringLiteral("/pbx/escape")));
    QVERIFY(!store.contains(root + QStringLiteral("/pbx/escape/x.bak")));
    QVERIFY(
        QFile::link(dir.filePath(QStringLiteral("not-yet")), root + QStringLiteral("/dangling")));
    QVERIFY(!store.contains(root + QStringLiteral("/dangling/x.bak")));

    // A relative root works the same.
    QVERIFY(QDir::setCurrent(dir.path()));
    BackupStore relative(QStringLiteral("backups"));
    QCOMPARE(relative.root(), QFileInfo(root).absoluteFilePath());
    QVERIFY(relative.contains(root + QStringLiteral("/pbx/default/a.bak")));
}

void StoreFilesTest::symlinkedFolderIsRefused()
{
    test::TestDir dir;
    const QString root = dir.filePath(QStringLiteral("backups"));
    const QString outside = dir.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(root));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(QFile::link(outside, root + QStringLiteral("/planted")));
    BackupStore store(root);
    QString error;
    auto incoming = store.begin(QStringLiteral("planted"), QStringLiteral("default"),
                                QStringLiteral("x.bak"), &error);
    QVERIFY(!incoming);
    QVERIFY2(error.contains(QLatin1String("outside")), qPrintable(error));
    QCOMPARE(filesUnder(outside), QStringList());
    QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void StoreFilesTest::removeFile()
{
    test::TestDir dir;
    const QString root = dir.filePath(QStringLiteral("backups"));
    BackupStore store(root);
    QString error;
    auto incoming =
        store.begin(QStringLiteral("p"), QStringLiteral("t"), QStringLiteral("a.bak"), &error);
    QVERIFY(incoming);
    QString finalPath;
    QVERIFY(incoming->commit(&finalPath, &error));

    const QString outside = dir.filePath(QStringLiteral("precious.txt"));
    QFile f(outside);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(!store.removeFile(outside, &error));
    QVERIFY2(error.contains(QLatin1String("Refusing")), qPrintable(error));
    QVERIFY(!store.removeFile(root + QStringLiteral("/p/../../precious.txt"), &error));
    QVERIFY(QFileInfo::exists(outside));

    QVERIFY2(store.removeFile(finalPath, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(finalPath));
    QVERIFY2(store.removeFile(finalPath, &error), qPrintable(error)); // missing is fine
}

void StoreFilesTest::importCopiesAndHashes()
{
    test::TestDir dir;
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 17);
    const QString source = dir.filePath(QStringLiteral("From Elsewhere.bak"));
    QFile f(source);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();

    BackupStore store(dir.filePath(QStringLiteral("backups")));
    QString finalPath, hash, error;
    qint64 size = 0;
    QVERIFY2(store.importFile(source, QStringLiteral("roma"), QStringLiteral("default"), &finalPath,
                              &hash, &size, &error),
             qPrintable(error));
    QCOMPARE(finalPath, store.folderFor(QStringLiteral("roma"), QStringLiteral("default")) +
                            QStringLiteral("/From Elsewhere.bak"));
    QCOMPARE(hash, sha256(data));
    QCOMPARE(size, data.size());
    QCOMPARE(readAll(finalPath), data);
    QCOMPARE(readAll(source), data);

    // Importing it again keeps both.
    QString second;
    QVERIFY(store.importFile(source, QStringLiteral("roma"), QStringLiteral("default"), &second,
                             &hash, &size, &error));
    QCOMPARE(QFileInfo(second).fileName(), QStringLiteral("From Elsewhere-1.bak"));
}

void StoreFilesTest::importFailures()
{
    test::TestDir dir;
    BackupStore store(dir.filePath(QStringLiteral("backups")));
    QString finalPath, hash, error;
    qint64 size = 0;
    QVERIFY(!store.importFile(dir.filePath(QStringLiteral("missing.bak")), QStringLiteral("p"),
                              QStringLiteral("t"), &finalPath, &hash, &size, &error));
    QVERIFY2(error.contains(QLatin1String("missing.bak")), qPrintable(error));
    QVERIFY(!store.importFile(dir.path(), QStringLiteral("p"), QStringLiteral("t"), &finalPath,
                              &hash, &size, &error));
    QVERIFY2(error.contains(QLatin1String("not a file")), qPrintable(error));
    QCOMPARE(filesUnder(store.root()), QStringList());
}

void StoreFilesTest::fileSizeLimitFailsCleanly_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addColumn<bool>("behind");
    QTest::newRow("large writes") << 64 * 1024 << false;
    QTest::newRow("small buffered writes") << 1000 << false;
    QTest::newRow("large writes, write thread") << 64 * 1024 << true;
    QTest::newRow("small writes, write thread") << 1000 << true;
}

// A real write failure: the kernel refuses to grow the file past RLIMIT_FSIZE with EFBIG, as
// it would with ENOSPC on a full disk.
void StoreFilesTest::fileSizeLimitFailsCleanly()
{
    QFETCH(int, chunk);
    QFETCH(bool, behind);
    test::TestDir dir;
    BackupStore store(dir.filePath(QStringLiteral("backups")));
    // The write thread reports a failure one write late: more than it can hold in flight is
    // written, so a later write must see it.
    const qint64 total = behind ? 8 * 1024 * 1024 : 1024 * 1024;
    const ChildResult child = runInChild([&](int out) {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{256 * 1024, 256 * 1024};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            return 3;
        QString error;
        auto incoming = store.begin(QStringLiteral("pbx"), QStringLiteral("default"),
                                    QStringLiteral("big.bak"), &error);
        if (!incoming) {
            report(out, QStringLiteral("begin failed: ") + error);
            return 2;
        }
        if (behind && !incoming->writeBehind(&error)) {
            report(out, QStringLiteral("no write thread: ") + error);
            return 2;
        }
        const QByteArray data(chunk, 'x');
        int failedWrites = 0;
        for (qint64 written = 0; written < total; written += chunk) {
            if (incoming->device()->write(data) != data.size())
                ++failedWrites; // a careless writer carries on
        }
        QString finalPath;
        const bool committed = incoming->commit(&finalPath, &error);
        report(out, QStringLiteral("%1|%2|%3").arg(failedWrites).arg(committed).arg(error));
        return 0;
    });
    QVERIFY2(child.exited && child.exitCode == 0, qPrintable(child.output));
    const QStringList fields = child.output.split(QLatin1Char('|'));
    QCOMPARE(fields.size(), 3);
    if (chunk > 16 * 1024 || behind)
        QVERIFY(fields[0].toInt() > 0); // the writer saw the failure as it happened
    QCOMPARE(fields[1], QStringLiteral("0"));
    const QString message = fields[2];
    QVERIFY2(message.contains(QLatin1String("big.bak")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("File too large")), qPrintable(message));
    QCOMPARE(filesUnder(store.root()), QStringList());
}

void StoreFilesTest::readOnlyFolderFailsCleanly_data()
{
    QTest::addColumn<QString>("readOnly"); // relative to the root
    QTest::addColumn<QString>("expected");
    QTest::newRow("tenant folder")
        << QStringLiteral("pbx/default") << QStringLiteral("Cannot create a file in");
    QTest::newRow("store root") << QString() << QStringLiteral("Cannot create the folder");
}

void StoreFilesTest::readOnlyFolderFailsCleanly()
{
    QFETCH(QString, readOnly);
    QFETCH(QString, expected);
    // As root the child drops to "nobody", which must reach the folders: the checkout (and
    // build/test-tmp in it) may sit in a folder only its owner can enter.
    const bool asRoot = ::geteuid() == 0;
    test::TestDir dir(asRoot ? test::TestDir::Reach::Everyone : test::TestDir::Reach::Owner);
    if (!dir.isValid() && asRoot) {
        QSKIP(qPrintable(QStringLiteral("no folder that an unprivileged child can reach: ") +
                         dir.whyInvalid()));
    }
    QVERIFY2(dir.isValid(), qPrintable(dir.whyInvalid()));
    const QString root = dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/pbx/default")));
    const QString lockedDir = readOnly.isEmpty() ? root : root + QLatin1Char('/') + readOnly;
    const auto open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                      QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    const auto readOnlyPermissions = open & ~QFile::WriteOwner;
    // The child may run as "nobody" (root ignores permissions): it must reach the folders.
    for (const QString &path :
         {dir.path(), root, root + QStringLiteral("/pbx"), root + QStringLiteral("/pbx/default")})
        QVERIFY(QFile::setPermissions(path, open));
    QVERIFY(QFile::setPermissions(lockedDir, readOnlyPermissions));

    const QString pbx = readOnly.isEmpty() ? QStringLiteral("other") : QStringLiteral("pbx");
    BackupStore store(root);
    const ChildResult child = runInChild([&](int out) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
            report(out, QStringLiteral("cannot drop root privileges"));
            return 77;
        }
        QString error;
        auto incoming =
            store.begin(pbx, QStringLiteral("default"), QStringLiteral("x.bak"), &error);
        report(out, incoming ? QStringLiteral("began") : error);
        return 0;
    });
    QFile::setPermissions(lockedDir, open);
    if (child.exitCode == 77)
        QSKIP("cannot drop root privileges to test permissions");
    QVERIFY2(child.exited && child.exitCode == 0, qPrintable(child.output));
    QVERIFY2(child.output.contains(expected), qPrintable(child.output));
    QVERIFY2(child.output.contains(QLatin1String("ermission")), qPrintable(child.output));
    QCOMPARE(filesUnder(root), QStringList());
}

QTEST_GUILESS_MAIN(StoreFilesTest)
#include "tst_store_files.moc"
