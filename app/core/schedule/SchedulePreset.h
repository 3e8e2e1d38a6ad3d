#pragma once

#include <QString>
#include <QTime>

namespace pbxvault {

// The schedule shapes the New PBX dialog offers, and the cron text behind each.
struct SchedulePreset
{
    enum class Kind
    {
        None,
        Hourly,
        Daily,
        Weekly,
        Custom
    };

    Kind kind = Kind::None;
    QTime time = QTime(0, 0);       // Hourly uses the minute only
    Qt::DayOfWeek day = Qt::Monday; // Weekly
    QString cron;                   // Custom: the expression as the user wrote it

    static SchedulePreset none() { return {}; }
    static SchedulePreset hourly(int minute = 0);
    static SchedulePreset daily(const QTime &time);
    static SchedulePreset weekly(Qt::DayOfWeek day, const QTime &time);
    static SchedulePreset custom(const QString &cron);

    // "" for None, e.g. "30 2 * * 1" for weekly on Monday at 02:30.
    QString toCron() const;
    // Recognises the preset shapes by meaning (so "0 * * * *", "@hourly" and "0 0-23 * * *"
    // are all Hourly); anything else valid or not is Custom, the empty text None.
    static SchedulePreset fromCron(const QString &cron);

    friend bool operator==(const SchedulePreset &a, const SchedulePreset &b);
    friend bool operator!=(const SchedulePreset &a, const SchedulePreset &b) { return !(a == b); }
};

} // namespace pbxvault
