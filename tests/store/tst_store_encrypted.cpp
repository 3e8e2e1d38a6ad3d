// Encrypted backup files in the store: IncomingBackup encrypts as it writes (keeping the
// plaintext's SHA-256 and size), and verification, listing and reading see through the
// encryption, while a damaged file, another vault's key or no key each fail as what they are.

#include "TestDirs.h"
#include "crypto/EncryptedFile.h"
#include "crypto/VaultKey.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

using namespace pbxvault;

namespace {

enum class Kind
{
    TarGz,
    TarXz,
    Zip
};

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

// A small configuration tree and an incompressible member, so the file spans many chunks.
QByteArray makeArchive(Kind kind)
{
    const QVector<QPair<QString, QByteArray>> entries{
        {QStringLiteral("manifest.json"), R"({"firmware":"4.9.1","tenant":"default"})"},
        {QStringLiteral("etc/sip.conf"), QByteArray("[100]\ntype=friend\nsecret=x\n").repeated(50)},
        {QStringLiteral("db/dump.sql"), QByteArray("INSERT INTO ext VALUES (1);\n").repeated(2000)},
        {QStringLiteral("padding.bin"), randomBytes(600 * 1024, 5)},
    };
    archive *a = archive_write_new();
    if (kind == Kind::TarGz)
        archive_write_add_filter_gzip(a);
    else if (kind == Kind::TarXz)
        archive_write_add_filter_xz(a);
    if (kind == Kind::Zip)
        archive_write_set_format_zip(a);
    else
        archive_write_set_format_pax_restricted(a);
    QByteArray out(4 << 20, '\0');
    size_t used = 0;
    bool ok = archive_write_open_memory(a, out.data(), size_t(out.size()), &used) == ARCHIVE_OK;
    for (const auto &[name, data] : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, data.size());
        ok =
            ok && archive_write_header(a, entry) == ARCHIVE_OK &&
            archive_write_data(a, data.constData(), size_t(data.size())) == la_ssize_t(data.size());
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    if (!ok)
        qFatal("cannot make the archive");
    out.truncate(qsizetype(used));
    return out;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class StoreEncryptedTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void incomingEncryptsAndKeepsThePlaintextChecksum();
    void readsLikeThePlainFile_data();
    void readsLikeThePlainFile();
    void flippedByteIsCorrupt_data();
    void flippedByteIsCorrupt();
    void truncatedIsCorrupt();
    void wrongKey();
    void noKey();
    void discardedDownloadLeavesNothing();
    void encryptionOnlyBeforeTheFirstWrite();

private:
    // Stores data through IncomingBackup with encryption, in uneven writes.
    QString storeEncrypted(BackupStore &store, const QByteArray &data, QString *sha, qint64 *size);

    test::TestDir m_dir;
    VaultKey m_key;
    QByteArray m_tarGz;
};

QString StoreEncryptedTest::storeEncrypted(BackupStore &store, const QByteArray &data, QString *sha,
                                           qint64 *size)
{
    QString error;
    auto incoming = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                QStringLiteral("backup.tar.gz"), &error);
    if (!incoming || !incoming->encryptWith(m_key, &error))
        return QString();
    for (qsizetype at = 0; at < data.size(); at += 10007) {
        const qsizetype n = qMin<qsizetype>(10007, data.size() - at);
        if (incoming->device()->write(data.constData() + at, n) != n)
            return QString();
    }
    QString finalPath;
    if (!incoming->commit(&finalPath, &error))
        return QString();
    *sha = incoming->sha256();
    *size = incoming->size();
    return finalPath;
}

void StoreEncryptedTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = VaultKey::generate();
    QVERIFY(!m_key.isNull());
    m_tarGz = makeArchive(Kind::TarGz);
}

void StoreEncryptedTest::incomingEncryptsAndKeepsThePlaintextChecksum()
{
    BackupStore store(m_dir.filePath(QStringLiteral("incoming")));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, m_tarGz, &sha, &size);
    QVERIFY(!path.isEmpty());
    QCOMPARE(sha, sha256(m_tarGz));
    QCOMPARE(size, qint64(m_tarGz.size()));

    const QByteArray onDisk = readAll(path);
    QVERIFY(isEncryptedFile(path));
    QVERIFY(!onDisk.startsWith("\x1f\x8b")); // not a readable gzip
    QCOMPARE(onDisk.size(), encryptedfile::encryptedSize(m_tarGz.size()));
    QVERIFY(!onDisk.contains(QByteArray("secret=x")));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());

    QString error;
    QCOMPARE(BackupStore::sha256OfFile(path, &error, &m_key), sha256(m_tarGz));
    QVERIFY(BackupStore::sha256OfFile(path, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("vault key is not available")), qPrintable(error));
}

void StoreEncryptedTest::readsLikeThePlainFile_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("tar.gz") << int(Kind::TarGz);
    QTest::newRow("tar.xz") << int(Kind::TarXz);
    QTest::newRow("zip (seeks)") << int(Kind::Zip);
}

void StoreEncryptedTest::readsLikeThePlainFile()
{
    QFETCH(int, kind);
    const QByteArray plain = makeArchive(Kind(kind));
    const QString plainPath = m_dir.filePath(QStringLiteral("plain-%1").arg(kind));
    QVERIFY(writeFile(plainPath, plain));
    BackupStore store(m_dir.filePath(QStringLiteral("reads-%1").arg(kind)));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, plain, &sha, &size);
    QVERIFY(!path.isEmpty());

    const VerifyReport expected = BackupStore::verify(plainPath, sha);
    QCOMPARE(int(expected.state), int(VerifyState::Intact));
    const VerifyReport report = BackupStore::verify(path, sha, &m_key);
    QVERIFY2(report.state == VerifyState::Intact, qPrintable(report.message));
    QCOMPARE(report.message, expected.message);
    QCOMPARE(report.sha256, sha);
    QCOMPARE(report.size, qint64(plain.size()));
    QCOMPARE(report.members, expected.members);

    QVector<ArchiveMember> plainMembers, members;
    QString error;
    QVERIFY(BackupStore::listMembers(plainPath, &plainMembers, &error));
    QVERIFY2(BackupStore::listMembers(path, &members, &error, &m_key), qPrintable(error));
    QCOMPARE(members.size(), plainMembers.size());
    for (int i = 0; i < members.size(); ++i) {
        QCOMPARE(members[i].name, plainMembers[i].name);
        QCOMPARE(members[i].size, plainMembers[i].size);
    }
    for (const QString &member : {QStringLiteral("etc/sip.conf"), QStringLiteral("padding.bin"),
                                  QStringLiteral("manifest.json")}) {
        QByteArray want, got;
        QVERIFY(BackupStore::readMember(plainPath, member, 1 << 20, &want, &error));
        QVERIFY2(BackupStore::readMember(path, member, 1 << 20, &got, &error, &m_key),
                 qPrintable(error));
        QVERIFY(got == want);
    }
}

void StoreEncryptedTest::flippedByteIsCorrupt_data()
{
    QTest::addColumn<double>("where"); // fraction of the file
    QTest::addColumn<int>("at");       // or this offset when >= 0
    QTest::newRow("header: key id") << 0.0 << 10;
    QTest::newRow("header: stream header") << 0.0 << 30;
    QTest::newRow("first chunk") << 0.0 << 100;
    QTest::newRow("middle") << 0.5 << -1;
    QTest::newRow("last byte (final tag)") << 1.0 << -1;
}

void StoreEncryptedTest::flippedByteIsCorrupt()
{
    QFETCH(double, where);
    QFETCH(int, at);
    BackupStore store(m_dir.filePath(QStringLiteral("flip-%1-%2").arg(where).arg(at)));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, m_tarGz, &sha, &size);
    QVERIFY(!path.isEmpty());
    QByteArray bytes = readAll(path);
    const qsizetype offset = at >= 0 ? at : qMin(bytes.size() - 1, qsizetype(bytes.size() * where));
    bytes[offset] = char(bytes[offset] ^ 0x04);
    QVERIFY(writeFile(path, bytes));

    const VerifyReport report = BackupStore::verify(path, sha, &m_key);
    QVERIFY2(report.state == VerifyState::Corrupt, qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("corrupt or has been tampered with")),
             qPrintable(report.message));
    QVERIFY(!report.checksumMatches);
    // Listing stops at the damage; past the members' headers it may not get there, and what
    // it did read was authenticated.
    QVector<ArchiveMember> members;
    QString error;
    if (offset < 1000)
        QVERIFY(!BackupStore::listMembers(path, &members, &error, &m_key));
}

void StoreEncryptedTest::truncatedIsCorrupt()
{
    BackupStore store(m_dir.filePath(QStringLiteral("cut")));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, m_tarGz, &sha, &size);
    QVERIFY(!path.isEmpty());
    const QByteArray bytes = readAll(path);
    // Without the FINAL chunk: everything left still authenticates, yet the file is cut.
    const qint64 cut = bytes.size() - (encryptedfile::kDefaultChunkSize + encryptedfile::kTagBytes);
    QVERIFY(writeFile(path, bytes.left(cut)));
    const VerifyReport report = BackupStore::verify(path, sha, &m_key);
    QVERIFY2(report.state == VerifyState::Corrupt, qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("truncated")), qPrintable(report.message));
}

void StoreEncryptedTest::wrongKey()
{
    BackupStore store(m_dir.filePath(QStringLiteral("wrong")));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, m_tarGz, &sha, &size);
    QVERIFY(!path.isEmpty());
    const VaultKey other = VaultKey::generate();

    const VerifyReport report = BackupStore::verify(path, sha, &other);
    // Not corrupt: the file may be fine, the key is not the one.
    QVERIFY2(report.state == VerifyState::Unverified, qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("another vault key")) &&
                 report.message.contains(m_key.idHex()),
             qPrintable(report.message));
    QVector<ArchiveMember> members;
    QString error;
    QVERIFY(!BackupStore::listMembers(path, &members, &error, &other));
    QVERIFY2(error.contains(QStringLiteral("another vault key")), qPrintable(error));
    QByteArray content;
    QVERIFY(!BackupStore::readMember(path, QStringLiteral("etc/sip.conf"), 100, &content, &error,
                                     &other));
    QVERIFY2(error.contains(QStringLiteral("another vault key")), qPrintable(error));
    QVERIFY(content.isEmpty());
}

void StoreEncryptedTest::noKey()
{
    BackupStore store(m_dir.filePath(QStringLiteral("nokey")));
    QString sha;
    qint64 size = 0;
    const QString path = storeEncrypted(store, m_tarGz, &sha, &size);
    QVERIFY(!path.isEmpty());
    const QString expected = QStringLiteral("encrypted and the vault key is not available");

    const VerifyReport report = BackupStore::verify(path, sha);
    QVERIFY2(report.state == VerifyState::Unverified, qPrintable(report.message));
    QVERIFY2(report.message.contains(expected), qPrintable(report.message));
    QVector<ArchiveMember> members;
    QString error;
    QVERIFY(!BackupStore::listMembers(path, &members, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("not an archive")));
}

void StoreEncryptedTest::discardedDownloadLeavesNothing()
{
    const QString root = m_dir.filePath(QStringLiteral("discard"));
    BackupStore store(root);
    QString error;
    {
        auto incoming = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                    QStringLiteral("backup.tar.gz"), &error);
        QVERIFY(incoming);
        QVERIFY(incoming->encryptWith(m_key, &error));
        QVERIFY(incoming->isEncrypted());
        QCOMPARE(incoming->device()->write(m_tarGz.left(200000)), qint64(200000));
        QVERIFY(QFileInfo::exists(incoming->tempPath()));
        // The download fails: the incoming backup goes without commit().
    }
    QCOMPARE(filesUnder(root), QStringList());
    {
        auto incoming = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                    QStringLiteral("backup.tar.gz"), &error);
        QVERIFY(incoming->encryptWith(m_key, &error));
        QCOMPARE(incoming->device()->write(m_tarGz.left(1000)), qint64(1000));
        incoming->discard();
    }
    QCOMPARE(filesUnder(root), QStringList());
}

void StoreEncryptedTest::encryptionOnlyBeforeTheFirstWrite()
{
    BackupStore store(m_dir.filePath(QStringLiteral("late")));
    QString error;
    auto incoming = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                                QStringLiteral("backup.tar.gz"), &error);
    QVERIFY(incoming);
    QCOMPARE(incoming->device()->write("abc", 3), qint64(3));
    QVERIFY(!incoming->encryptWith(m_key, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!incoming->isEncrypted());

    auto second = store.begin(QStringLiteral("milano"), QStringLiteral("default"),
                              QStringLiteral("other.tar.gz"), &error);
    QVERIFY(!second->encryptWith(VaultKey(), &error));
    QVERIFY2(error.contains(QStringLiteral("vault key is not available")), qPrintable(error));
}

QTEST_GUILESS_MAIN(StoreEncryptedTest)
#include "tst_store_encrypted.moc"
