#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>
#include <QVector>

#include <optional>

namespace pbxvault {

// A standard 5-field cron expression: minute hour day-of-month month day-of-week.
//
// Syntax: `*`, numbers, lists (`1,15`), ranges (`9-17`), steps (`*/15`, `1-30/5`, `5/10` =
// from 5 to the end in steps of 10; a step is at most the number of values in its field, e.g.
// 60 for minutes and 7 for weekdays), month names JAN-DEC and day names SUN-SAT
// (case-insensitive), 0 and 7 both Sunday, and the macros @hourly @daily (@midnight) @weekly
// @monthly @yearly (@annually). As in Vixie cron, when both day fields are restricted (neither
// starts with `*`) a day matches if EITHER matches; otherwise both must match.
//
// Run times follow Vixie/cronie in the wall-clock time of the given zone:
// - "fixed-time" expressions (neither minute nor hour starts with `*`): a time that does not
//   exist because the clock springs forward runs once, at the first valid instant after the
//   gap (the moment of the change: 02:30 on the spring-forward day in Europe/Rome runs at
//   03:00 CEST); a time repeated because the clock falls back runs only at its first
//   occurrence.
// - "wildcard" expressions (minute or hour starts with `*`, e.g. `*/15 * * * *` or `0 * * * *`)
//   follow real time: they skip wall-clock times that do not exist and run through both
//   copies of a repeated hour, so in UTC they run without gaps and without duplicates.
class CronExpression
{
public:
    CronExpression() = default; // invalid

    // Parses text; on failure the result is invalid and *error (if given) names the field
    // and the reason, e.g. "day of week: 9 is out of range 0–7". Translated.
    static CronExpression parse(const QString &text, QString *error = nullptr);

    bool isValid() const { return m_valid; }
    QString text() const { return m_text; } // as given, trimmed
    bool isFixedTime() const { return m_valid && !m_minuteStar && !m_hourStar; }

    // The first run strictly after t (UTC result), computed in the wall-clock time of zone.
    // Invalid when the expression is invalid.
    QDateTime nextAfter(const QDateTime &t, const QTimeZone &zone) const;
    // The next n runs after t (the "next runs" preview).
    QVector<QDateTime> nextRuns(const QDateTime &t, const QTimeZone &zone, int n) const;

    // Operator-readable summary, e.g. "Every hour from 09:00 to 17:00, on Monday–Friday".
    // Translated; day and month names from the default QLocale.
    QString describe() const;

    // The matched values, for preset recognition and the UI. Day of week uses 0-6 (Sunday 0).
    QVector<int> minutes() const;
    QVector<int> hours() const;
    QVector<int> daysOfMonth() const;
    QVector<int> months() const;
    QVector<int> daysOfWeek() const;
    bool dayOfMonthRestricted() const { return !m_domStar; }
    bool dayOfWeekRestricted() const { return !m_dowStar; }
    // True when every day of every month matches (day fields and month field together).
    bool everyDay() const;

private:
    bool monthMatches(int month) const { return (m_months >> month) & 1U; }
    bool dayMatches(int day, int dayOfWeek) const;
    bool matchesEveryDayOfMonth() const;      // the day fields alone match every day
    int firstTimeOfDay(int fromMinute) const; // minute of day, -1 if none left
    // First matching wall-clock time in [from, to), both in "local epoch seconds" (wall
    // clock read as if it were UTC).
    std::optional<qint64> firstLocalMatch(qint64 from, qint64 to) const;

    bool m_valid = false;
    QString m_text;
    quint64 m_minutes = 0; // bit n = minute n
    quint32 m_hours = 0;
    quint32 m_doms = 0;   // bits 1-31
    quint16 m_months = 0; // bits 1-12
    quint8 m_dows = 0;    // bits 0-6, Sunday 0
    bool m_minuteStar = false;
    bool m_hourStar = false;
    bool m_domStar = false;
    bool m_dowStar = false;

    friend class CronParser;
};

} // namespace pbxvault
