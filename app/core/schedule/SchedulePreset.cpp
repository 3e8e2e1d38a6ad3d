#include "SchedulePreset.h"

#include "CronExpression.h"

namespace pbxvault {

SchedulePreset SchedulePreset::hourly(int minute)
{
    SchedulePreset p;
    p.kind = Kind::Hourly;
    p.time = QTime(0, qBound(0, minute, 59));
    return p;
}

SchedulePreset SchedulePreset::daily(const QTime &time)
{
    SchedulePreset p;
    p.kind = Kind::Daily;
    p.time = QTime(time.hour(), time.minute());
    return p;
}

SchedulePreset SchedulePreset::weekly(Qt::DayOfWeek day, const QTime &time)
{
    SchedulePreset p;
    p.kind = Kind::Weekly;
    p.day = day;
    p.time = QTime(time.hour(), time.minute());
    return p;
}

SchedulePreset SchedulePreset::custom(const QString &cron)
{
    SchedulePreset p;
    p.kind = Kind::Custom;
    p.cron = cron.trimmed();
    return p;
}

QString SchedulePreset::toCron() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Hourly:
        return QStringLiteral("%1 * * * *").arg(time.minute());
    case Kind::Daily:
        return QStringLiteral("%1 %2 * * *").arg(time.minute()).arg(time.hour());
    case Kind::Weekly:
        return QStringLiteral("%1 %2 * * %3").arg(time.minute()).arg(time.hour()).arg(day % 7);
    case Kind::Custom:
        return cron;
    }
    return {};
}

SchedulePreset SchedulePreset::fromCron(const QString &text)
{
    if (text.trimmed().isEmpty())
        return none();
    const CronExpression cron = CronExpression::parse(text);
    if (!cron.isValid() || cron.minutes().size() != 1)
        return custom(text);
    const int minute = cron.minutes().first();
    const QVector<int> hours = cron.hours();
    if (hours.size() == 24 && cron.everyDay())
        return hourly(minute);
    if (hours.size() != 1)
        return custom(text);
    const QTime time(hours.first(), minute);
    if (cron.everyDay())
        return daily(time);
    // Weekly: one weekday, and the day-of-month field out of the way ("*", so the AND rule
    // applies and the weekday alone decides).
    const QVector<int> days = cron.daysOfWeek();
    if (days.size() == 1 && !cron.dayOfMonthRestricted() && cron.daysOfMonth().size() == 31 &&
        cron.months().size() == 12) {
        return weekly(Qt::DayOfWeek(days.first() == 0 ? 7 : days.first()), time);
    }
    return custom(text);
}

bool operator==(const SchedulePreset &a, const SchedulePreset &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case SchedulePreset::Kind::None:
        return true;
    case SchedulePreset::Kind::Hourly:
        return a.time.minute() == b.time.minute();
    case SchedulePreset::Kind::Daily:
        return a.time == b.time;
    case SchedulePreset::Kind::Weekly:
        return a.time == b.time && a.day == b.day;
    case SchedulePreset::Kind::Custom:
        return a.cron == b.cron;
    }
    return false;
}

} // namespace pbxvault
