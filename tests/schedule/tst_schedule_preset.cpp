#include "schedule/SchedulePreset.h"

#include <QTest>

using namespace pbxvault;

Q_DECLARE_METATYPE(pbxvault::SchedulePreset)

class TestSchedulePreset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void recognisesEquivalentShapes_data();
    void recognisesEquivalentShapes();
};

void TestSchedulePreset::roundTrip_data()
{
    QTest::addColumn<SchedulePreset>("preset");
    QTest::addColumn<QString>("cron");
    QTest::newRow("none") << SchedulePreset::none() << "";
    QTest::newRow("hourly") << SchedulePreset::hourly() << "0 * * * *";
    QTest::newRow("hourly at :15") << SchedulePreset::hourly(15) << "15 * * * *";
    QTest::newRow("daily 02:30") << SchedulePreset::daily(QTime(2, 30)) << "30 2 * * *";
    QTest::newRow("daily midnight") << SchedulePreset::daily(QTime(0, 0)) << "0 0 * * *";
    QTest::newRow("weekly Monday")
        << SchedulePreset::weekly(Qt::Monday, QTime(2, 30)) << "30 2 * * 1";
    QTest::newRow("weekly Saturday")
        << SchedulePreset::weekly(Qt::Saturday, QTime(22, 5)) << "5 22 * * 6";
    QTest::newRow("weekly Sunday")
        << SchedulePreset::weekly(Qt::Sunday, QTime(23, 0)) << "0 23 * * 0";
    QTest::newRow("custom") << SchedulePreset::custom(QStringLiteral("*/15 9-17 * * 1-5"))
                            << "*/15 9-17 * * 1-5";
}

void TestSchedulePreset::roundTrip()
{
    QFETCH(SchedulePreset, preset);
    QFETCH(QString, cron);
    QCOMPARE(preset.toCron(), cron);
    QVERIFY(SchedulePreset::fromCron(cron) == preset);
}

void TestSchedulePreset::recognisesEquivalentShapes_data()
{
    QTest::addColumn<QString>("cron");
    QTest::addColumn<SchedulePreset>("preset");
    QTest::newRow("empty") << "  " << SchedulePreset::none();
    QTest::newRow("@hourly") << "@hourly" << SchedulePreset::hourly(0);
    QTest::newRow("hour range 0-23") << "0 0-23 * * *" << SchedulePreset::hourly(0);
    QTest::newRow("@daily") << "@daily" << SchedulePreset::daily(QTime(0, 0));
    QTest::newRow("@weekly") << "@weekly" << SchedulePreset::weekly(Qt::Sunday, QTime(0, 0));
    QTest::newRow("day name") << "30 2 * * mon" << SchedulePreset::weekly(Qt::Monday, QTime(2, 30));
    QTest::newRow("7 is Sunday") << "30 2 * * 7"
                                 << SchedulePreset::weekly(Qt::Sunday, QTime(2, 30));
    // Both day fields restricted: the OR rule with every day of the month is every day.
    QTest::newRow("OR rule every day") << "30 2 1-31 * 1" << SchedulePreset::daily(QTime(2, 30));
    QTest::newRow("two weekdays") << "30 2 * * 1,4"
                                  << SchedulePreset::custom(QStringLiteral("30 2 * * 1,4"));
    QTest::newRow("weekday and date")
        << "30 2 1 * 1" << SchedulePreset::custom(QStringLiteral("30 2 1 * 1"));
    QTest::newRow("weekday in one month")
        << "30 2 * 1 1" << SchedulePreset::custom(QStringLiteral("30 2 * 1 1"));
    QTest::newRow("every 15 minutes")
        << "*/15 * * * *" << SchedulePreset::custom(QStringLiteral("*/15 * * * *"));
    QTest::newRow("monthly") << "0 2 1 * *" << SchedulePreset::custom(QStringLiteral("0 2 1 * *"));
    QTest::newRow("invalid stays custom")
        << "garbage" << SchedulePreset::custom(QStringLiteral("garbage"));
}

void TestSchedulePreset::recognisesEquivalentShapes()
{
    QFETCH(QString, cron);
    QFETCH(SchedulePreset, preset);
    const SchedulePreset found = SchedulePreset::fromCron(cron);
    QCOMPARE(int(found.kind), int(preset.kind));
    QVERIFY(found == preset);
}

QTEST_GUILESS_MAIN(TestSchedulePreset)
#include "tst_schedule_preset.moc"
