// EncryptingWriter and DecryptingReader: round trips at the chunk boundaries, and every way a
// file can fail (damaged, cut, foreign, not encrypted) reported as what it is.

#include "TestDirs.h"
#include "crypto/DecryptingReader.h"
#include "crypto/EncryptingWriter.h"

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::encryptedfile;

namespace {

constexpr int kChunk = kDefaultChunkSize;
constexpr qint64 kCipherChunk = kChunk + kTagBytes;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (qint64 i = 0; i < size; ++i)
        out[i] = char(gen.generate() & 0xff);
    return out;
}

// Encrypts in pieces of pieceSize, so writes cross chunk boundaries in every way.
QByteArray encrypt(const QByteArray &plain, const VaultKey &key, int pieceSize = 7001,
                   int chunkSize = kChunk)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EncryptingWriter writer(key, &buffer, chunkSize);
    for (qint64 at = 0; at < plain.size(); at += pieceSize) {
        if (!writer.write(
                QByteArrayView(plain).sliced(at, qMin<qint64>(pieceSize, plain.size() - at))))
            qFatal("write failed");
    }
    if (!writer.finish())
        qFatal("finish failed");
    if (writer.plaintextSize() != plain.size() || writer.encryptedBytesWritten() != buffer.size())
        qFatal("sizes");
    return buffer.data();
}

struct Decrypted
{
    QByteArray plain;
    CryptoError error = CryptoError::None;
    QString message;
};

Decrypted decrypt(const QByteArray &cipher, const VaultKey &key, int readSize = 5003)
{
    QBuffer buffer;
    buffer.setData(cipher);
    buffer.open(QIODevice::ReadOnly);
    DecryptingReader reader(key, &buffer);
    Decrypted out;
    QByteArray block(readSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = reader.read(block.data(), block.size());
        if (n < 0)
            break;
        if (n == 0) {
            if (!reader.atEnd())
                qFatal("0 before the end");
            break;
        }
        out.plain += block.left(int(n));
    }
    out.error = reader.error();
    out.message = reader.errorString();
    return out;
}

const char *name(CryptoError e)
{
    switch (e) {
    case CryptoError::None:
        return "None";
    case CryptoError::NoKey:
        return "NoKey";
    case CryptoError::NotEncrypted:
        return "NotEncrypted";
    case CryptoError::UnsupportedVersion:
        return "UnsupportedVersion";
    case CryptoError::WrongKey:
        return "WrongKey";
    case CryptoError::Truncated:
        return "Truncated";
    case CryptoError::Corrupt:
        return "Corrupt";
    case CryptoError::Io:
        return "Io";
    }
    return "?";
}

} // namespace

#define COMPARE_ERROR(d, expected)                                                                 \
    QVERIFY2((d).error == (expected),                                                              \
             qPrintable(QStringLiteral("%1 instead of %2: %3")                                     \
                            .arg(QLatin1String(name((d).error)), QLatin1String(name(expected)),    \
                                 (d).message)))

class CryptoStreamTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void layout();
    void smallChunksAndTinyReads();
    void fileRoundTripSeveralMiB();
    void keyIdIsStableAndDistinct();
    void flippedHeaderByteIsCorrupt();
    void flippedDataByteIsCorrupt_data();
    void flippedDataByteIsCorrupt();
    void truncated_data();
    void truncated();
    void trailingDataIsCorrupt();
    void reorderedChunksAreCorrupt();
    void otherKeyIsWrongKey();
    void otherKeyOnTruncatedFileIsStillWrongKey();
    void garbageIsNotEncrypted();
    void emptyFile();
    void noKey();
    void rewindAndSkip();
    void isEncrypted();

private:
    VaultKey m_key;
};

void CryptoStreamTest::initTestCase()
{
    m_key = VaultKey::generate();
    QVERIFY(!m_key.isNull());
}

void CryptoStreamTest::roundTrip_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("0 bytes") << qint64(0);
    QTest::newRow("1 byte") << qint64(1);
    QTest::newRow("64 KiB - 1") << qint64(kChunk - 1);
    QTest::newRow("64 KiB") << qint64(kChunk);
    QTest::newRow("64 KiB + 1") << qint64(kChunk + 1);
    QTest::newRow("2 x 64 KiB") << qint64(2 * kChunk);
    QTest::newRow("3 MiB + 17") << qint64(3 * 1024 * 1024 + 17);
}

void CryptoStreamTest::roundTrip()
{
    QFETCH(qint64, size);
    const QByteArray plain = randomBytes(size, quint32(size) + 1);
    const QByteArray cipher = encrypt(plain, m_key);
    QCOMPARE(cipher.size(), encryptedSize(size));
    QVERIFY(plain.size() < 16 || !cipher.contains(plain.left(16)));
    const Decrypted d = decrypt(cipher, m_key);
    COMPARE_ERROR(d, CryptoError::None);
    QCOMPARE(d.plain.size(), plain.size());
    QVERIFY(d.plain == plain);
    // Same plaintext, same key: a different file (fresh stream header).
    QVERIFY(encrypt(plain, m_key) != cipher);
}

void CryptoStreamTest::layout()
{
    const QByteArray cipher = encrypt(QByteArray(10, 'x'), m_key);
    QCOMPARE(cipher.left(7), QByteArray("PBXVENC"));
    QCOMPARE(int(cipher.at(7)), 1);
    QCOMPARE(cipher.mid(8, 8), m_key.id());
    QCOMPARE(cipher.mid(16, 4), QByteArray::fromHex("00010000"));
    QCOMPARE(cipher.size(), kHeaderSize + kCipherChunk);
}

void CryptoStreamTest::smallChunksAndTinyReads()
{
    const QByteArray plain = randomBytes(50000, 7);
    const QByteArray cipher = encrypt(plain, m_key, 333, kMinChunkSize);
    QCOMPARE(cipher.size(), encryptedSize(plain.size(), kMinChunkSize));
    const Decrypted d = decrypt(cipher, m_key, 1);
    COMPARE_ERROR(d, CryptoError::None);
    QVERIFY(d.plain == plain);
}

void CryptoStreamTest::fileRoundTripSeveralMiB()
{
    test::TestDir dir;
    QVERIFY(dir.isValid());
    const qint64 size = 6 * 1024 * 1024 + 12345;
    const QByteArray plain = randomBytes(size, 99);
    {
        QFile out(dir.filePath(QStringLiteral("b.enc")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        EncryptingWriter writer(m_key, &out);
        for (qint64 at = 0; at < size; at += 1 << 20)
            QVERIFY(
                writer.write(QByteArrayView(plain).sliced(at, qMin<qint64>(1 << 20, size - at))));
        QVERIFY(writer.finish());
    }
    QFile in(dir.filePath(QStringLiteral("b.enc")));
    QCOMPARE(in.size(), encryptedSize(size));
    QVERIFY(in.open(QIODevice::ReadOnly));
    DecryptingReader reader(m_key, &in);
    QByteArray back;
    QByteArray block(100000, Qt::Uninitialized);
    qint64 n;
    while ((n = reader.read(block.data(), block.size())) > 0)
        back += block.left(int(n));
    QCOMPARE(n, qint64(0));
    QVERIFY(reader.atEnd());
    QCOMPARE(reader.pos(), size);
    QVERIFY(back == plain);
}

void CryptoStreamTest::keyIdIsStableAndDistinct()
{
    const VaultKey copy = m_key;
    QCOMPARE(copy.id(), m_key.id());
    QCOMPARE(m_key.id().size(), VaultKey::kIdSize);
    QCOMPARE(m_key.idHex().size(), 16);
    const VaultKey other = VaultKey::generate();
    QVERIFY(other != m_key);
    QVERIFY(other.id() != m_key.id());
    QVERIFY(VaultKey::fromBytes(QByteArray(31, 'a')).isNull());
    QVERIFY(VaultKey().id().isEmpty());
}

void CryptoStreamTest::flippedHeaderByteIsCorrupt()
{
    const QByteArray cipher = encrypt(randomBytes(100000, 3), m_key);
    for (int i = 0; i < kHeaderSize; ++i) {
        for (char mask : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray bad = cipher;
            bad[i] = char(bad[i] ^ mask);
            const Decrypted d = decrypt(bad, m_key);
            if (d.error != CryptoError::Corrupt)
                qWarning("header byte %d, mask %02x", i, quint8(mask));
            COMPARE_ERROR(d, CryptoError::Corrupt);
            QVERIFY(d.plain.isEmpty()); // nothing unauthenticated came out
        }
    }
}

void CryptoStreamTest::flippedDataByteIsCorrupt_data()
{
    QTest::addColumn<qint64>("offset");
    const qint64 first = kHeaderSize;
    QTest::newRow("first chunk, first byte") << first;
    QTest::newRow("first chunk, its tag") << first + kCipherChunk - 1;
    QTest::newRow("middle chunk") << first + kCipherChunk + kCipherChunk / 2;
    QTest::newRow("final chunk, data") << first + 2 * kCipherChunk + 10;
    QTest::newRow("final chunk, padding") << first + 3 * kCipherChunk - kTagBytes - 3;
    QTest::newRow("last byte") << first + 3 * kCipherChunk - 1;
}

void CryptoStreamTest::flippedDataByteIsCorrupt()
{
    QFETCH(qint64, offset);
    const QByteArray cipher = encrypt(randomBytes(2 * kChunk + 100, 4), m_key);
    QCOMPARE(cipher.size(), kHeaderSize + 3 * kCipherChunk);
    QByteArray bad = cipher;
    bad[offset] = char(bad[offset] ^ 0x10);
    const Decrypted d = decrypt(bad, m_key);
    COMPARE_ERROR(d, CryptoError::Corrupt);
    QVERIFY2(d.message.contains(QStringLiteral("corrupt")), qPrintable(d.message));
}

void CryptoStreamTest::truncated_data()
{
    QTest::addColumn<qint64>("length");
    QTest::newRow("in the magic") << qint64(3);
    QTest::newRow("in the header") << qint64(30);
    QTest::newRow("after the header") << qint64(kHeaderSize);
    QTest::newRow("in the first chunk") << qint64(kHeaderSize + 1000);
    QTest::newRow("at a chunk boundary") << qint64(kHeaderSize + kCipherChunk);
    QTest::newRow("in the final chunk") << qint64(kHeaderSize + 2 * kCipherChunk + 100);
    QTest::newRow("without the final chunk") << qint64(kHeaderSize + 2 * kCipherChunk);
    QTest::newRow("one byte short") << qint64(kHeaderSize + 3 * kCipherChunk - 1);
}

void CryptoStreamTest::truncated()
{
    QFETCH(qint64, length);
    const QByteArray plain = randomBytes(2 * kChunk + 100, 5);
    const QByteArray cipher = encrypt(plain, m_key);
    const Decrypted d = decrypt(cipher.left(int(length)), m_key);
    COMPARE_ERROR(d, CryptoError::Truncated);
    QVERIFY2(d.message.contains(QStringLiteral("truncated")), qPrintable(d.message));
    // What came out before the cut is the plaintext's beginning, and never all of it.
    QVERIFY(plain.startsWith(d.plain));
    QVERIFY(d.plain.size() < plain.size());
}

void CryptoStreamTest::trailingDataIsCorrupt()
{
    const QByteArray cipher = encrypt(randomBytes(1000, 6), m_key);
    COMPARE_ERROR(decrypt(cipher + QByteArray(1, '\0'), m_key), CryptoError::Corrupt);
    const QByteArray twice = cipher + cipher.mid(kHeaderSize);
    COMPARE_ERROR(decrypt(twice, m_key), CryptoError::Corrupt);
}

void CryptoStreamTest::reorderedChunksAreCorrupt()
{
    const QByteArray cipher = encrypt(randomBytes(3 * kChunk + 5, 8), m_key);
    QByteArray swapped = cipher.left(kHeaderSize + kCipherChunk);
    swapped += cipher.mid(kHeaderSize + 2 * kCipherChunk, kCipherChunk);
    swapped += cipher.mid(kHeaderSize + kCipherChunk, kCipherChunk);
    swapped += cipher.mid(kHeaderSize + 3 * kCipherChunk);
    QCOMPARE(swapped.size(), cipher.size());
    COMPARE_ERROR(decrypt(swapped, m_key), CryptoError::Corrupt);
    // A chunk dropped from the middle.
    QByteArray dropped = cipher;
    dropped.remove(kHeaderSize + kCipherChunk, kCipherChunk);
    COMPARE_ERROR(decrypt(dropped, m_key), CryptoError::Corrupt);
}

void CryptoStreamTest::otherKeyIsWrongKey()
{
    const VaultKey other = VaultKey::generate();
    const QByteArray cipher = encrypt(randomBytes(70000, 9), other);
    const Decrypted d = decrypt(cipher, m_key);
    COMPARE_ERROR(d, CryptoError::WrongKey);
    QVERIFY(d.plain.isEmpty());
    QVERIFY2(d.message.contains(other.idHex()) && d.message.contains(m_key.idHex()),
             qPrintable(d.message));
}

void CryptoStreamTest::otherKeyOnTruncatedFileIsStillWrongKey()
{
    const VaultKey other = VaultKey::generate();
    const QByteArray cipher = encrypt(randomBytes(70000, 10), other);
    COMPARE_ERROR(decrypt(cipher.left(kHeaderSize + 10), m_key), CryptoError::WrongKey);
}

void CryptoStreamTest::garbageIsNotEncrypted()
{
    const Decrypted d = decrypt(randomBytes(200000, 11), m_key);
    COMPARE_ERROR(d, CryptoError::NotEncrypted);
    QVERIFY(d.plain.isEmpty());
    // A gzip file: what an unencrypted backup looks like.
    COMPARE_ERROR(decrypt(QByteArray::fromHex("1f8b0800") + randomBytes(100, 12), m_key),
                  CryptoError::NotEncrypted);
}

void CryptoStreamTest::emptyFile()
{
    const Decrypted d = decrypt(QByteArray(), m_key);
    COMPARE_ERROR(d, CryptoError::Truncated);
    QVERIFY2(d.message.contains(QStringLiteral("header")), qPrintable(d.message));
    QVERIFY(!DecryptingReader::isEncrypted(QStringLiteral("/nonexistent/file")));
}

void CryptoStreamTest::noKey()
{
    const QByteArray cipher = encrypt(randomBytes(100, 13), m_key);
    const Decrypted d = decrypt(cipher, VaultKey());
    COMPARE_ERROR(d, CryptoError::NoKey);
    QVERIFY2(d.message.contains(QStringLiteral("vault key is not available")),
             qPrintable(d.message));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    EncryptingWriter writer(VaultKey(), &out);
    QVERIFY(!writer.write("x"));
    QCOMPARE(int(writer.error()), int(CryptoError::NoKey));
    QCOMPARE(out.size(), qint64(0));
}

void CryptoStreamTest::rewindAndSkip()
{
    const QByteArray plain = randomBytes(3 * kChunk + 77, 14);
    QBuffer buffer;
    buffer.setData(QByteArray("prefix") + encrypt(plain, m_key));
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    buffer.seek(6); // the reader starts where the device is
    DecryptingReader reader(m_key, &buffer);
    QCOMPARE(reader.skip(kChunk + 5), qint64(kChunk + 5));
    QByteArray part(10, Qt::Uninitialized);
    QCOMPARE(reader.read(part.data(), 10), qint64(10));
    QCOMPARE(part, plain.mid(kChunk + 5, 10));
    QVERIFY(reader.rewind());
    QCOMPARE(reader.pos(), qint64(0));
    QByteArray all(plain.size() + 10, Qt::Uninitialized);
    QCOMPARE(reader.read(all.data(), all.size()), qint64(plain.size()));
    QVERIFY(all.left(plain.size()) == plain);
    QCOMPARE(reader.read(all.data(), all.size()), qint64(0));
    QVERIFY(reader.atEnd());
}

void CryptoStreamTest::isEncrypted()
{
    QBuffer buffer;
    buffer.setData(encrypt(QByteArray("abc"), m_key));
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QVERIFY(DecryptingReader::isEncrypted(&buffer));
    QCOMPARE(buffer.pos(), qint64(0)); // peeked, not consumed
    QBuffer plain;
    plain.setData(QByteArray::fromHex("1f8b08000000"));
    QVERIFY(plain.open(QIODevice::ReadOnly));
    QVERIFY(!DecryptingReader::isEncrypted(&plain));

    test::TestDir dir;
    QFile f(dir.filePath(QStringLiteral("x.enc")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(buffer.data());
    f.close();
    QVERIFY(DecryptingReader::isEncrypted(f.fileName()));
}

QTEST_GUILESS_MAIN(CryptoStreamTest)
#include "tst_crypto_stream.moc"
