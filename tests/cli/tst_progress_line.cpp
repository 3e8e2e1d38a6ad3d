// The text of the CLI's progress line: bytes, percentage, speed and time left, in the one size
// format of the window (Labels).
#include "cli/ProgressLine.h"

#include <QLocale>
#include <QTest>

using namespace pbxvault;

class TestProgressLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }

    void knownTotal()
    {
        QCOMPARE(ProgressLine::text(0, 40'000'000, 0), QStringLiteral("0%, 0 bytes of 40.0 MB"));
        // Under a second: no speed yet, it would jump about.
        QCOMPARE(ProgressLine::text(12'400'000, 40'000'000, 900),
                 QStringLiteral("31%, 12.4 MB of 40.0 MB"));
        // 12 MB in 6 s: 2 MB/s, 28 MB to go: 14 s.
        QCOMPARE(ProgressLine::text(12'000'000, 40'000'000, 6000),
                 QStringLiteral("30%, 12.0 MB of 40.0 MB, 2.0 MB/s, 14 s left"));
        QCOMPARE(ProgressLine::text(1'000'000, 541'000'000, 10'000),
                 QStringLiteral("0%, 1.0 MB of 541.0 MB, 100.0 kB/s, 1 h 30 min left"));
        QCOMPARE(ProgressLine::text(40'000'000, 40'000'000, 8000),
                 QStringLiteral("100%, 40.0 MB of 40.0 MB, 5.0 MB/s"));
    }

    void unknownTotal()
    {
        QCOMPARE(ProgressLine::text(5'000'000, -1, 2000), QStringLiteral("5.0 MB, 2.5 MB/s"));
        QCOMPARE(ProgressLine::text(900, -1, 100), QStringLiteral("900 bytes"));
    }

    // Numbers follow the UI language's locale (the words come from the translation, not
    // loaded here).
    void localeNumbers()
    {
        QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
        QCOMPARE(ProgressLine::text(12'400'000, 40'000'000, 500),
                 QStringLiteral("31%, 12,4 MB of 40,0 MB"));
    }
};

QTEST_GUILESS_MAIN(TestProgressLine)
#include "tst_progress_line.moc"
