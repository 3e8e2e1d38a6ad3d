// RecoveryKey: the vault key as printable text; every typo refused, and named when one
// character explains it.

#include "crypto/RecoveryKey.h"

#include <QRegularExpression>
#include <QTest>

using namespace pbxvault;

namespace {

const QString kAlphabet = QStringLiteral("0123456789ABCDEFGHJKMNPQRSTVWXYZ");

// Position (0-based, among the 56 key characters) to index in the formatted text.
int textIndex(int position)
{
    return position + position / RecoveryKey::kGroupSize;
}

} // namespace

class RecoveryKeyTest : public QObject
{
    Q_OBJECT

private slots:
    void formatShape();
    void roundTrip();
    void lenientReading();
    void everySingleSubstitutionIsRefusedAndNamed();
    void swappedNeighboursAreNamed();
    void wrongLength();
    void invalidCharacter();
    void severalTyposAreRefused();
};

void RecoveryKeyTest::formatShape()
{
    const QString text = RecoveryKey::format(VaultKey::generate());
    QVERIFY2(
        QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$"))
            .match(text)
            .hasMatch(),
        qPrintable(text));
    QVERIFY(RecoveryKey::format(VaultKey()).isEmpty());
}

void RecoveryKeyTest::roundTrip()
{
    for (int i = 0; i < 200; ++i) {
        const VaultKey key = VaultKey::generate();
        QString error;
        const VaultKey back = RecoveryKey::parse(RecoveryKey::format(key), &error);
        QVERIFY2(!back.isNull(), qPrintable(error));
        QVERIFY(back == key);
    }
    // Fixed bytes give fixed text (the format never changes under existing keys).
    const VaultKey zero = VaultKey::fromBytes(QByteArray(VaultKey::kSize, '\0'));
    const QString text = RecoveryKey::format(zero);
    QVERIFY(
        text.startsWith(QStringLiteral("0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-000")));
    QVERIFY(RecoveryKey::parse(text) == zero);
}

void RecoveryKeyTest::lenientReading()
{
    const VaultKey key = VaultKey::generate();
    const QString text = RecoveryKey::format(key);
    QString loose = text.toLower();
    loose.replace(QLatin1Char('-'), QStringLiteral("  "));
    loose = QStringLiteral("\n  ") + loose + QStringLiteral("\t\n");
    QVERIFY(RecoveryKey::parse(loose) == key);
    QString compact = text;
    compact.remove(QLatin1Char('-'));
    QVERIFY(RecoveryKey::parse(compact) == key);
    // Crockford's readings: O is 0, I and L are 1.
    QString misread = text;
    misread.replace(QLatin1Char('0'), QLatin1Char('O')).replace(QLatin1Char('1'), QLatin1Char('l'));
    QVERIFY(RecoveryKey::parse(misread) == key);
}

void RecoveryKeyTest::everySingleSubstitutionIsRefusedAndNamed()
{
    const VaultKey key = VaultKey::generate();
    const QString text = RecoveryKey::format(key);
    int named = 0;
    int total = 0;
    for (int pos = 0; pos < RecoveryKey::kCharacters; ++pos) {
        for (int k = 1; k < 32; k += 5) { // six replacements per position
            QString typo = text;
            const int idx = textIndex(pos);
            typo[idx] = kAlphabet.at((kAlphabet.indexOf(text.at(idx)) + k) % 32);
            QString error;
            QVERIFY2(RecoveryKey::parse(typo, &error).isNull(), qPrintable(typo));
            QVERIFY2(error.contains(QStringLiteral("typo")), qPrintable(error));
            ++total;
            if (error.contains(QStringLiteral("character %1 ").arg(pos + 1)))
                ++named;
        }
    }
    // The 24-bit checksum leaves a second explanation for about one typo in ten thousand.
    QVERIFY2(named >= total - 2,
             qPrintable(QStringLiteral("%1 of %2 named").arg(named).arg(total)));
}

void RecoveryKeyTest::swappedNeighboursAreNamed()
{
    const VaultKey key = VaultKey::generate();
    const QString text = RecoveryKey::format(key);
    // Two neighbours within the first group that differ.
    int pos = 0;
    while (text.at(textIndex(pos)) == text.at(textIndex(pos + 1)) ||
           textIndex(pos + 1) != textIndex(pos) + 1)
        ++pos;
    QString typo = text;
    std::swap(typo[textIndex(pos)], typo[textIndex(pos + 1)]);
    QString error;
    QVERIFY(RecoveryKey::parse(typo, &error).isNull());
    QVERIFY2(error.contains(
                 QStringLiteral("characters %1 and %2 look swapped").arg(pos + 1).arg(pos + 2)),
             qPrintable(error));
}

void RecoveryKeyTest::wrongLength()
{
    const QString text = RecoveryKey::format(VaultKey::generate());
    QString error;
    QVERIFY(RecoveryKey::parse(text.chopped(1), &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("55 characters")), qPrintable(error));
    QVERIFY(RecoveryKey::parse(text + QLatin1Char('7'), &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("57 characters")), qPrintable(error));
    QVERIFY(RecoveryKey::parse(text + QLatin1Char('-') + text, &error).isNull());
    QVERIFY(RecoveryKey::parse(QStringLiteral(" - "), &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("empty")), qPrintable(error));
}

void RecoveryKeyTest::invalidCharacter()
{
    QString text = RecoveryKey::format(VaultKey::generate());
    text[textIndex(16)] = QLatin1Char('U');
    QString error;
    QVERIFY(RecoveryKey::parse(text, &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("Character 17")) &&
                 error.contains(QStringLiteral("\"U\"")),
             qPrintable(error));
    text[textIndex(16)] = QChar(0x00e8); // è
    QVERIFY(RecoveryKey::parse(text, &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("Character 17")), qPrintable(error));
}

void RecoveryKeyTest::severalTyposAreRefused()
{
    const VaultKey key = VaultKey::generate();
    const QString text = RecoveryKey::format(key);
    for (int i = 0; i < 300; ++i) {
        QString typo = text;
        for (int pos : {i % 56, (i * 7 + 3) % 56, (i * 13 + 11) % 56}) {
            const int idx = textIndex(pos);
            typo[idx] = kAlphabet.at((kAlphabet.indexOf(typo.at(idx)) + 1 + i % 31) % 32);
        }
        if (typo == text)
            continue;
        QString error;
        QVERIFY2(RecoveryKey::parse(typo, &error).isNull(), qPrintable(typo));
        QVERIFY(!error.isEmpty());
    }
}

QTEST_GUILESS_MAIN(RecoveryKeyTest)
#include "tst_crypto_recoverykey.moc"
