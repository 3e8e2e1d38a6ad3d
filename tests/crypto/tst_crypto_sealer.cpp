// ChunkSealer must be libsodium's crypto_secretstream_xchacha20poly1305_push and _pull in
// another implementation: the same bytes out and the same state after, for every message and
// additional-data length around the 16-byte padding and 64-byte block edges, every tag, a
// stream of messages, and the counter wrapping into a rekey. What it seals must open with
// libsodium's pull, what libsodium seals must open with it, and every forgery libsodium
// refuses it must refuse without releasing a byte.

#include "crypto/ChunkSealer.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QTest>

#include <sodium.h>

#include <cstring>

using namespace pbxvault;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.generate() & 0xff);
    return bytes;
}

const unsigned char *bytesOf(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

bool sameState(const crypto_secretstream_xchacha20poly1305_state &a,
               const crypto_secretstream_xchacha20poly1305_state &b)
{
    return std::memcmp(a.k, b.k, sizeof a.k) == 0 &&
           std::memcmp(a.nonce, b.nonce, sizeof a.nonce) == 0;
}

} // namespace

class CryptoSealerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameBytesAsLibsodium_data();
    void sameBytesAsLibsodium();
    void streamOfMessagesOpensWithPull();
    void counterWrapRekeys();
    void refusalLeavesTheState();
    void opensWhatLibsodiumSeals_data();
    void opensWhatLibsodiumSeals();
    void forgeriesAreRefused_data();
    void forgeriesAreRefused();

private:
    QByteArray m_key;
    ChunkSealer m_sealer;
};

void CryptoSealerTest::initTestCase()
{
    QVERIFY(sodium_init() >= 0);
    m_key = randomBytes(crypto_secretstream_xchacha20poly1305_KEYBYTES, 1);
    if (!m_sealer.isAvailable())
        QSKIP("built without OpenSSL: libsodium seals every chunk");
}

void CryptoSealerTest::sameBytesAsLibsodium_data()
{
    QTest::addColumn<int>("messageBytes");
    QTest::addColumn<int>("adBytes");
    QTest::addColumn<int>("tag");
    const int tags[] = {crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
                        crypto_secretstream_xchacha20poly1305_TAG_PUSH,
                        crypto_secretstream_xchacha20poly1305_TAG_REKEY,
                        crypto_secretstream_xchacha20poly1305_TAG_FINAL};
    for (const int size : {0, 1, 15, 16, 17, 47, 48, 63, 64, 65, 1000, 65536, 65537})
        for (const int ad : {0, 1, 16, 40})
            for (const int tag : tags)
                QTest::newRow(
                    qPrintable(QStringLiteral("m%1 ad%2 tag%3").arg(size).arg(ad).arg(tag)))
                    << size << ad << tag;
}

void CryptoSealerTest::sameBytesAsLibsodium()
{
    QFETCH(int, messageBytes);
    QFETCH(int, adBytes);
    QFETCH(int, tag);
    const QByteArray message = randomBytes(messageBytes, quint32(messageBytes + 7));
    const QByteArray ad = randomBytes(adBytes, quint32(adBytes + 99));
    crypto_secretstream_xchacha20poly1305_state ours;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&ours, header, bytesOf(m_key)), 0);
    crypto_secretstream_xchacha20poly1305_state theirs = ours;
    const qsizetype outBytes = messageBytes + crypto_secretstream_xchacha20poly1305_ABYTES;
    QByteArray expected(outBytes, '\0');
    unsigned long long expectedBytes = 0;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_push(
                 &theirs, reinterpret_cast<unsigned char *>(expected.data()), &expectedBytes,
                 bytesOf(message), quint64(messageBytes), adBytes ? bytesOf(ad) : nullptr,
                 quint64(adBytes), (unsigned char)tag),
             0);
    QCOMPARE(qsizetype(expectedBytes), outBytes);
    QByteArray sealed(outBytes, '\0');
    QVERIFY(m_sealer.push(&ours, reinterpret_cast<unsigned char *>(sealed.data()), bytesOf(message),
                          std::size_t(messageBytes), adBytes ? bytesOf(ad) : nullptr,
                          std::size_t(adBytes), (unsigned char)tag));
    QCOMPARE(sealed.toHex(), expected.toHex());
    QVERIFY(sameState(ours, theirs));
}

// Many messages of a stream, as EncryptingWriter makes them (the header as the first one's
// additional data): libsodium's pull opens each and ends at the FINAL tag.
void CryptoSealerTest::streamOfMessagesOpensWithPull()
{
    crypto_secretstream_xchacha20poly1305_state push;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&push, header, bytesOf(m_key)), 0);
    crypto_secretstream_xchacha20poly1305_state pull;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&pull, header, bytesOf(m_key)), 0);
    const QByteArray ad = randomBytes(64, 5);
    for (int i = 0; i < 50; ++i) {
        const bool last = i == 49;
        const QByteArray message = randomBytes(4096 + i * 37, quint32(i));
        const unsigned char tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        QByteArray sealed(message.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
        QVERIFY(m_sealer.push(&push, reinterpret_cast<unsigned char *>(sealed.data()),
                              bytesOf(message), std::size_t(message.size()),
                              i == 0 ? bytesOf(ad) : nullptr, i == 0 ? 64 : 0, tag));
        QByteArray opened(message.size(), '\0');
        unsigned long long openedBytes = 0;
        unsigned char openedTag = 0xff;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(
                     &pull, reinterpret_cast<unsigned char *>(opened.data()), &openedBytes,
                     &openedTag, bytesOf(sealed), quint64(sealed.size()),
                     i == 0 ? bytesOf(ad) : nullptr, i == 0 ? 64 : 0),
                 0);
        QCOMPARE(qsizetype(openedBytes), message.size());
        QVERIFY(opened == message);
        QCOMPARE(openedTag, tag);
    }
    // One flipped byte: libsodium refuses it.
    const QByteArray message = randomBytes(1000, 77);
    QByteArray sealed(message.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    crypto_secretstream_xchacha20poly1305_state push2;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&push2, header, bytesOf(m_key)), 0);
    crypto_secretstream_xchacha20poly1305_state pull2;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&pull2, header, bytesOf(m_key)), 0);
    QVERIFY(m_sealer.push(&push2, reinterpret_cast<unsigned char *>(sealed.data()),
                          bytesOf(message), std::size_t(message.size()), nullptr, 0,
                          crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
    sealed[500] = char(sealed[500] ^ 1);
    QByteArray opened(message.size(), '\0');
    QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(
                 &pull2, reinterpret_cast<unsigned char *>(opened.data()), nullptr, nullptr,
                 bytesOf(sealed), quint64(sealed.size()), nullptr, 0),
             -1);
}

// The 32-bit counter wraps after 2^32 messages; libsodium then rekeys. Started one message
// before the wrap, both sides must rekey the same way.
void CryptoSealerTest::counterWrapRekeys()
{
    crypto_secretstream_xchacha20poly1305_state ours;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&ours, header, bytesOf(m_key)), 0);
    std::memset(ours.nonce, 0xff, 4);
    crypto_secretstream_xchacha20poly1305_state theirs = ours;
    const QByteArray message = randomBytes(300, 3);
    for (int i = 0; i < 3; ++i) {
        QByteArray expected(message.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
        QByteArray sealed(expected.size(), '\0');
        crypto_secretstream_xchacha20poly1305_push(
            &theirs, reinterpret_cast<unsigned char *>(expected.data()), nullptr, bytesOf(message),
            quint64(message.size()), nullptr, 0, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        QVERIFY(m_sealer.push(&ours, reinterpret_cast<unsigned char *>(sealed.data()),
                              bytesOf(message), std::size_t(message.size()), nullptr, 0,
                              crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
        QCOMPARE(sealed.toHex(), expected.toHex());
        QVERIFY(sameState(ours, theirs));
    }
}

// A refused message leaves the state as it was, so libsodium can seal it instead.
void CryptoSealerTest::refusalLeavesTheState()
{
    crypto_secretstream_xchacha20poly1305_state state;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&state, header, bytesOf(m_key)), 0);
    const crypto_secretstream_xchacha20poly1305_state before = state;
    unsigned char out[1];
    const unsigned char in[1] = {};
    QVERIFY(!m_sealer.push(&state, out, in,
                           std::size_t(crypto_secretstream_xchacha20poly1305_MESSAGEBYTES_MAX) + 1,
                           nullptr, 0, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
    QVERIFY(sameState(state, before));
}

void CryptoSealerTest::opensWhatLibsodiumSeals_data()
{
    sameBytesAsLibsodium_data();
}

void CryptoSealerTest::opensWhatLibsodiumSeals()
{
    QFETCH(int, messageBytes);
    QFETCH(int, adBytes);
    QFETCH(int, tag);
    const QByteArray message = randomBytes(messageBytes, quint32(messageBytes + 17));
    const QByteArray ad = randomBytes(adBytes, quint32(adBytes + 3));
    const unsigned char *adData = adBytes ? bytesOf(ad) : nullptr;
    crypto_secretstream_xchacha20poly1305_state push;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&push, header, bytesOf(m_key)), 0);
    QByteArray sealed(messageBytes + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    // Two messages: the second opens with a state the first one moved on.
    crypto_secretstream_xchacha20poly1305_state ours;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&ours, header, bytesOf(m_key)), 0);
    crypto_secretstream_xchacha20poly1305_state theirs = ours;
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(crypto_secretstream_xchacha20poly1305_push(
                     &push, reinterpret_cast<unsigned char *>(sealed.data()), nullptr,
                     bytesOf(message), quint64(messageBytes), adData, quint64(adBytes),
                     (unsigned char)tag),
                 0);
        QByteArray expected(messageBytes, '\0');
        unsigned char expectedTag = 0xee;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(
                     &theirs, reinterpret_cast<unsigned char *>(expected.data()), nullptr,
                     &expectedTag, bytesOf(sealed), quint64(sealed.size()), adData,
                     quint64(adBytes)),
                 0);
        QByteArray opened(messageBytes, '\0');
        unsigned char openedTag = 0xee;
        QCOMPARE(m_sealer.open(&ours, reinterpret_cast<unsigned char *>(opened.data()), &openedTag,
                               bytesOf(sealed), std::size_t(sealed.size()), adData,
                               std::size_t(adBytes)),
                 ChunkSealer::Opened::Authentic);
        QVERIFY(opened == message);
        QVERIFY(expected == message);
        QCOMPARE(openedTag, expectedTag);
        QCOMPARE(int(openedTag), tag);
        QVERIFY(sameState(ours, theirs));
    }
}

void CryptoSealerTest::forgeriesAreRefused_data()
{
    QTest::addColumn<QString>("forgery");
    for (const char *f : {"tag byte", "first cipher byte", "middle cipher byte", "last cipher byte",
                          "first mac byte", "last mac byte", "other ad", "no ad", "one byte short",
                          "shorter than a tag", "empty"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

// libsodium refuses each of these; so must ChunkSealer, with the message buffer untouched and
// the state as it was (the next, authentic message still opens).
void CryptoSealerTest::forgeriesAreRefused()
{
    QFETCH(QString, forgery);
    const QByteArray message = randomBytes(1000, 21);
    const QByteArray ad = randomBytes(44, 22);
    crypto_secretstream_xchacha20poly1305_state push;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_push(&push, header, bytesOf(m_key)), 0);
    QByteArray sealed(message.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    QCOMPARE(crypto_secretstream_xchacha20poly1305_push(
                 &push, reinterpret_cast<unsigned char *>(sealed.data()), nullptr, bytesOf(message),
                 quint64(message.size()), bytesOf(ad), quint64(ad.size()),
                 crypto_secretstream_xchacha20poly1305_TAG_MESSAGE),
             0);
    QByteArray forged = sealed;
    QByteArray usedAd = ad;
    const qsizetype macAt = forged.size() - 16;
    const auto flip = [&forged](qsizetype at) {
        forged[at] = char(forged[at] ^ 0x01);
    };
    if (forgery == QLatin1String("tag byte"))
        flip(0);
    else if (forgery == QLatin1String("first cipher byte"))
        flip(1);
    else if (forgery == QLatin1String("middle cipher byte"))
        flip(500);
    else if (forgery == QLatin1String("last cipher byte"))
        flip(macAt - 1);
    else if (forgery == QLatin1String("first mac byte"))
        flip(macAt);
    else if (forgery == QLatin1String("last mac byte"))
        flip(forged.size() - 1);
    else if (forgery == QLatin1String("other ad"))
        usedAd[10] = char(usedAd[10] ^ 0x40);
    else if (forgery == QLatin1String("no ad"))
        usedAd.clear();
    else if (forgery == QLatin1String("one byte short"))
        forged.chop(1);
    else if (forgery == QLatin1String("shorter than a tag"))
        forged.truncate(crypto_secretstream_xchacha20poly1305_ABYTES - 1);
    else
        forged.clear();
    const unsigned char *adData = usedAd.isEmpty() ? nullptr : bytesOf(usedAd);

    crypto_secretstream_xchacha20poly1305_state ours;
    QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&ours, header, bytesOf(m_key)), 0);
    crypto_secretstream_xchacha20poly1305_state theirs = ours;
    const crypto_secretstream_xchacha20poly1305_state before = ours;
    QByteArray theirOut(message.size(), '\xaa');
    QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(
                 &theirs, reinterpret_cast<unsigned char *>(theirOut.data()), nullptr, nullptr,
                 forged.isEmpty() ? bytesOf(sealed) : bytesOf(forged), quint64(forged.size()),
                 adData, quint64(usedAd.size())),
             -1);
    QByteArray ourOut(message.size(), '\xaa');
    unsigned char tag = 0x55;
    QCOMPARE(m_sealer.open(&ours, reinterpret_cast<unsigned char *>(ourOut.data()), &tag,
                           forged.isEmpty() ? bytesOf(sealed) : bytesOf(forged),
                           std::size_t(forged.size()), adData, std::size_t(usedAd.size())),
             ChunkSealer::Opened::Forged);
    QVERIFY(ourOut == QByteArray(message.size(), '\xaa'));
    QCOMPARE(tag, (unsigned char)0x55);
    QVERIFY(sameState(ours, before));
    QCOMPARE(m_sealer.open(&ours, reinterpret_cast<unsigned char *>(ourOut.data()), &tag,
                           bytesOf(sealed), std::size_t(sealed.size()), bytesOf(ad),
                           std::size_t(ad.size())),
             ChunkSealer::Opened::Authentic);
    QVERIFY(ourOut == message);
}

QTEST_GUILESS_MAIN(CryptoSealerTest)
#include "tst_crypto_sealer.moc"
