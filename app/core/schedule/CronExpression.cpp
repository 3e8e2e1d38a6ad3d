#include "CronExpression.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <QtAlgorithms>

#include <algorithm>
#include <functional>
#include <optional>

namespace pbxvault {
namespace {

enum class Field
{
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek
};

struct FieldRange
{
    int min;
    int max;
    int maxStep; // how many distinct values the field has
};

constexpr FieldRange kRanges[] = {{0, 59, 60}, {0, 23, 24}, {1, 31, 31}, {1, 12, 12}, {0, 7, 7}};

const char *const kFieldNames[] = {
    QT_TRANSLATE_NOOP("Schedule", "minute"),       QT_TRANSLATE_NOOP("Schedule", "hour"),
    QT_TRANSLATE_NOOP("Schedule", "day of month"), QT_TRANSLATE_NOOP("Schedule", "month"),
    QT_TRANSLATE_NOOP("Schedule", "day of week"),
};

const char *const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char *const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct Macro
{
    const char *name;
    const char *expansion;
};

constexpr Macro kMacros[] = {
    {"@hourly", "0 * * * *"},   {"@daily", "0 0 * * *"},   {"@midnight", "0 0 * * *"},
    {"@weekly", "0 0 * * 0"},   {"@monthly", "0 0 1 * *"}, {"@yearly", "0 0 1 1 *"},
    {"@annually", "0 0 1 1 *"},
};

constexpr qint64 kSecsPerDay = 86400;
// Julian day of 1970-01-01: "local epoch seconds" count from there.
constexpr qint64 kUnixEpochJulianDay = 2440588;
// Every combination of date and weekday recurs within one 400-year Gregorian cycle, so a
// search that finds nothing in that span never will.
constexpr qint64 kSearchHorizonSecs = 400LL * 366 * kSecsPerDay;
// Runs are computed for instants from year 1 to year 9999 (seconds since the epoch). Beyond
// that the arithmetic on milliseconds could overflow and zone data means nothing anyway.
constexpr qint64 kEarliestSecs = -62135596800LL; // 0001-01-01T00:00:00Z
constexpr qint64 kLatestSecs = 253402300799LL;   // 9999-12-31T23:59:59Z
// UTC offsets stay within -12 h and +14 h, and a zone changes its offset at most a few times
// a year, so samples this far either side of a wall-clock time see every offset in force at
// the instants when the clock reads it.
constexpr qint64 kOffsetProbeSecs = 15 * 3600;

constexpr quint64 kAllMinutes = (quint64(1) << 60) - 1;
constexpr quint32 kAllHours = (quint32(1) << 24) - 1;
constexpr quint32 kAllDoms = ((quint32(1) << 31) - 1) << 1;
constexpr quint16 kAllMonths = ((1U << 12) - 1) << 1;
constexpr quint8 kAllDows = (1U << 7) - 1;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

QString fieldName(Field f)
{
    return QCoreApplication::translate("Schedule", kFieldNames[int(f)]);
}

int daysInMonthMax(int month) // Feb counts 29: the day exists in leap years
{
    static constexpr int days[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month];
}

bool isAllDigits(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

QDateTime utcFromSecs(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

// The UTC instants at which a wall clock shows one local time, earliest first: none when a
// spring-forward gap skips it, two when a fall-back repeats it.
struct WallInstants
{
    qint64 utc[3] = {};
    int count = 0;
    int minOffset = 0;
    int maxOffset = 0;
};

// A zone's wall clock, worked out from its UTC offset at each instant. Transition lists are
// deliberately not used: on some systems Qt reports none after 2037 although the offsets it
// gives there still change with daylight saving time.
class WallClock
{
public:
    explicit WallClock(const QTimeZone &zone) : m_zone(zone) {}

    int offsetAt(qint64 secs) const
    {
        return m_zone.isValid() ? m_zone.offsetFromUtc(utcFromSecs(secs)) : 0;
    }

    WallInstants instantsOf(qint64 local) const
    {
        int offsets[] = {offsetAt(local - kOffsetProbeSecs), offsetAt(local),
                         offsetAt(local + kOffsetProbeSecs)};
        std::sort(std::begin(offsets), std::end(offsets), std::greater<int>());
        WallInstants in;
        in.maxOffset = offsets[0];
        in.minOffset = offsets[2];
        for (int i = 0; i < 3; ++i) {
            if (i > 0 && offsets[i] == offsets[i - 1])
                continue;
            const qint64 utc = local - offsets[i]; // larger offsets come first in real time
            if (offsetAt(utc) == offsets[i])
                in.utc[in.count++] = utc;
        }
        return in;
    }

    // The instant the clock jumps over local, a time instantsOf() found in a gap.
    qint64 jumpOver(qint64 local, const WallInstants &in) const
    {
        qint64 before = local - in.maxOffset; // the clock has not jumped yet
        qint64 after = local - in.minOffset;  // it has
        const int offsetBefore = offsetAt(before);
        while (after - before > 1) {
            const qint64 mid = before + (after - before) / 2;
            if (offsetAt(mid) == offsetBefore)
                before = mid;
            else
                after = mid;
        }
        return after;
    }

private:
    const QTimeZone &m_zone;
};

int lowestBitFrom(quint64 bits, int from)
{
    if (from >= 64)
        return -1;
    const quint64 rest = bits >> from;
    return rest ? from + int(qCountTrailingZeroBits(rest)) : -1;
}

QVector<int> bitsToList(quint64 bits, int max)
{
    QVector<int> out;
    for (int i = 0; i <= max; ++i) {
        if ((bits >> i) & 1U)
            out.append(i);
    }
    return out;
}

// "1, 3, 5–9": runs of three or more consecutive values collapse into a range.
QString joinValues(const QVector<int> &values, const std::function<QString(int)> &name)
{
    QStringList parts;
    for (int i = 0; i < values.size();) {
        int j = i;
        while (j + 1 < values.size() && values[j + 1] == values[j] + 1)
            ++j;
        if (j - i >= 2) {
            parts.append(QCoreApplication::translate("Schedule", "%1–%2")
                             .arg(name(values[i]), name(values[j])));
        } else {
            for (int k = i; k <= j; ++k)
                parts.append(name(values[k]));
        }
        i = j + 1;
    }
    return parts.join(QStringLiteral(", "));
}

// Returns the step when values are 0, step, 2*step, ... up to limit (exclusive), else 0.
int uniformStepFromZero(const QVector<int> &values, int limit)
{
    if (values.size() < 2 || values.first() != 0)
        return 0;
    const int step = values[1];
    for (int i = 0; i < values.size(); ++i) {
        if (values[i] != i * step)
            return 0;
    }
    return values.size() == (limit + step - 1) / step ? step : 0;
}

QString twoDigits(int v)
{
    return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
}

} // namespace

// Turns the five fields into bit sets, with messages that name the field at fault.
class CronParser
{
public:
    static bool parseField(const QString &text, Field field, quint64 *bits, QString *error)
    {
        const FieldRange range = kRanges[int(field)];
        *bits = 0;
        const QStringList items = text.split(QLatin1Char(','));
        for (const QString &item : items) {
            if (item.isEmpty()) {
                *error = QCoreApplication::translate("Schedule", "%1: empty item in list \"%2\"")
                             .arg(fieldName(field), text);
                return false;
            }
            QString rangeText = item;
            int step = 1;
            bool hasStep = false;
            const int slash = item.indexOf(QLatin1Char('/'));
            if (slash >= 0) {
                const QString stepText = item.mid(slash + 1);
                rangeText = item.left(slash);
                hasStep = true;
                bool ok = false;
                step = isAllDigits(stepText) ? stepText.toInt(&ok) : 0;
                // A step wider than the field would select its first value only. It is refused
                // rather than clamped, so a typo such as */600 does not silently mean "once".
                if (isAllDigits(stepText) && (!ok || step > range.maxStep)) {
                    *error =
                        QCoreApplication::translate("Schedule", "%1: step %2 is out of range 1–%3")
                            .arg(fieldName(field), stepText)
                            .arg(range.maxStep);
                    return false;
                }
                if (step <= 0) {
                    *error = QCoreApplication::translate(
                                 "Schedule", "%1: step \"%2\" must be a positive number")
                                 .arg(fieldName(field), stepText);
                    return false;
                }
            }
            int lo = 0;
            int hi = 0;
            if (rangeText == QLatin1String("*")) {
                lo = range.min;
                hi = range.max;
            } else {
                const int dash = rangeText.indexOf(QLatin1Char('-'));
                if (dash >= 0) {
                    if (!parseValue(rangeText.left(dash), field, false, &lo, error) ||
                        !parseValue(rangeText.mid(dash + 1), field, true, &hi, error)) {
                        return false;
                    }
                    if (lo > hi) {
                        *error = QCoreApplication::translate(
                                     "Schedule", "%1: range %2 runs backwards (%3 is after %4)")
                                     .arg(fieldName(field), rangeText)
                                     .arg(lo)
                                     .arg(hi);
                        return false;
                    }
                } else {
                    if (!parseValue(rangeText, field, false, &lo, error))
                        return false;
                    hi = hasStep ? range.max : lo; // "5/10" runs from 5 to the end
                }
            }
            for (int v = lo; v <= hi; v += step)
                *bits |= quint64(1) << v;
        }
        if (field == Field::DayOfWeek && ((*bits >> 7) & 1U))
            *bits = (*bits & ~(quint64(1) << 7)) | 1U; // 7 is Sunday too
        return true;
    }

    static bool parseValue(const QString &token, Field field, bool rangeEnd, int *out,
                           QString *error)
    {
        const FieldRange range = kRanges[int(field)];
        if (token.isEmpty()) {
            *error = QCoreApplication::translate("Schedule", "%1: a value is missing")
                         .arg(fieldName(field));
            return false;
        }
        if (isAllDigits(token)) {
            bool ok = false;
            const int v = token.toInt(&ok);
            if (!ok || v < range.min || v > range.max) {
                *error = QCoreApplication::translate("Schedule", "%1: %2 is out of range %3–%4")
                             .arg(fieldName(field), token)
                             .arg(range.min)
                             .arg(range.max);
                return false;
            }
            *out = v;
            return true;
        }
        const QString upper = token.toUpper();
        if (field == Field::Month) {
            for (int i = 0; i < 12; ++i) {
                if (upper == QLatin1String(kMonthNames[i])) {
                    *out = i + 1;
                    return true;
                }
            }
        } else if (field == Field::DayOfWeek) {
            for (int i = 0; i < 7; ++i) {
                if (upper == QLatin1String(kDayNames[i])) {
                    // SUN closing a range means 7, so "SAT-SUN" and "MON-SUN" work.
                    *out = (i == 0 && rangeEnd) ? 7 : i;
                    return true;
                }
            }
        }
        if (field == Field::Month) {
            *error = QCoreApplication::translate(
                         "Schedule", "%1: \"%2\" is not a number or a month name (JAN–DEC)")
                         .arg(fieldName(field), token);
        } else if (field == Field::DayOfWeek) {
            *error = QCoreApplication::translate(
                         "Schedule", "%1: \"%2\" is not a number or a day name (SUN–SAT)")
                         .arg(fieldName(field), token);
        } else {
            *error = QCoreApplication::translate("Schedule", "%1: \"%2\" is not a number")
                         .arg(fieldName(field), token);
        }
        return false;
    }

    static CronExpression parse(const QString &original, QString *error)
    {
        CronExpression expr;
        expr.m_text = original.trimmed();
        QString text = expr.m_text;
        if (text.isEmpty()) {
            *error = QCoreApplication::translate("Schedule", "the schedule is empty");
            return expr;
        }
        if (text.startsWith(QLatin1Char('@'))) {
            const QString macro = text.toLower();
            const Macro *found = nullptr;
            for (const Macro &m : kMacros) {
                if (macro == QLatin1String(m.name))
                    found = &m;
            }
            if (!found) {
                *error = QCoreApplication::translate(
                             "Schedule",
                             "unknown macro \"%1\" (use @hourly, @daily, @weekly, @monthly or "
                             "@yearly)")
                             .arg(text);
                return expr;
            }
            text = QLatin1String(found->expansion);
        }
        static const QRegularExpression spaces(QStringLiteral("\\s+"));
        const QStringList fields = text.split(spaces, Qt::SkipEmptyParts);
        if (fields.size() != 5) {
            *error = QCoreApplication::translate("Schedule", "expected 5 fields, got %1")
                         .arg(fields.size());
            return expr;
        }
        quint64 bits[5] = {};
        for (int i = 0; i < 5; ++i) {
            if (!parseField(fields[i], Field(i), &bits[i], error))
                return expr;
        }
        expr.m_minutes = bits[0];
        expr.m_hours = quint32(bits[1]);
        expr.m_doms = quint32(bits[2]);
        expr.m_months = quint16(bits[3]);
        expr.m_dows = quint8(bits[4]);
        expr.m_minuteStar = fields[0].startsWith(QLatin1Char('*'));
        expr.m_hourStar = fields[1].startsWith(QLatin1Char('*'));
        expr.m_domStar = fields[2].startsWith(QLatin1Char('*'));
        expr.m_dowStar = fields[4].startsWith(QLatin1Char('*'));

        // With the OR rule any weekday eventually matches; otherwise some selected day must
        // exist in some selected month, or the schedule would never run.
        const bool orRule = !expr.m_domStar && !expr.m_dowStar;
        if (!orRule) {
            bool possible = false;
            for (int m = 1; m <= 12 && !possible; ++m) {
                if (expr.monthMatches(m))
                    possible = lowestBitFrom(expr.m_doms, 1) <= daysInMonthMax(m);
            }
            if (!possible) {
                *error = QCoreApplication::translate(
                             "Schedule",
                             "%1: day %2 never occurs in the selected months, so the schedule "
                             "would never run")
                             .arg(fieldName(Field::DayOfMonth))
                             .arg(lowestBitFrom(expr.m_doms, 1));
                return expr;
            }
        }
        expr.m_valid = true;
        return expr;
    }
};

CronExpression CronExpression::parse(const QString &text, QString *error)
{
    QString message;
    CronExpression expr = CronParser::parse(text, &message);
    if (error)
        *error = expr.isValid() ? QString() : message;
    return expr;
}

bool CronExpression::dayMatches(int day, int dayOfWeek) const
{
    const bool dom = (m_doms >> day) & 1U;
    const bool dow = (m_dows >> dayOfWeek) & 1U;
    if (m_domStar || m_dowStar)
        return dom && dow;
    return dom || dow;
}

int CronExpression::firstTimeOfDay(int fromMinute) const
{
    int minute = fromMinute % 60;
    for (int hour = fromMinute / 60; hour < 24; ++hour, minute = 0) {
        if (!((m_hours >> hour) & 1U))
            continue;
        const int m = lowestBitFrom(m_minutes, minute);
        if (m >= 0)
            return hour * 60 + m;
    }
    return -1;
}

std::optional<qint64> CronExpression::firstLocalMatch(qint64 from, qint64 to) const
{
    if (from >= to)
        return std::nullopt;
    qint64 day = floorDiv(from, kSecsPerDay);
    int minuteOfDay = int((from - day * kSecsPerDay) / 60);
    const qint64 lastDay = floorDiv(to - 1, kSecsPerDay);
    QDate date = QDate::fromJulianDay(kUnixEpochJulianDay + day);
    while (day <= lastDay) {
        if (!monthMatches(date.month())) {
            const QDate next = QDate(date.year(), date.month(), 1).addMonths(1);
            day += date.daysTo(next);
            date = next;
            minuteOfDay = 0;
            continue;
        }
        if (dayMatches(date.day(), date.dayOfWeek() % 7)) {
            const int m = firstTimeOfDay(minuteOfDay);
            if (m >= 0) {
                const qint64 local = day * kSecsPerDay + qint64(m) * 60;
                return local < to ? std::optional<qint64>(local) : std::nullopt;
            }
        }
        ++day;
        date = date.addDays(1);
        minuteOfDay = 0;
    }
    return std::nullopt;
}

QDateTime CronExpression::nextAfter(const QDateTime &t, const QTimeZone &zone) const
{
    if (!m_valid || !t.isValid())
        return {};
    // The first whole minute strictly after t.
    const qint64 from = (floorDiv(t.toMSecsSinceEpoch(), 60000) + 1) * 60;
    if (from < kEarliestSecs || from > kLatestSecs)
        return {};
    const WallClock clock(zone);
    // Wall-clock times run in order of real time except across a fall-back, where the clock
    // shows earlier times again, and a spring-forward at from itself, whose skipped times run
    // at from; start low enough to see those.
    const int lowestOffset = std::min(
        {clock.offsetAt(from - 1), clock.offsetAt(from), clock.offsetAt(from + kOffsetProbeSecs)});
    qint64 local = floorDiv(from + lowestOffset + 59, 60) * 60;
    qint64 localLimit = from + lowestOffset + kSearchHorizonSecs;
    std::optional<qint64> best;
    // Matching wall-clock times in order, each placed in real time through the offsets in force
    // around it; a later one can still come earlier in real time only across a fall-back.
    for (;;) {
        const std::optional<qint64> match = firstLocalMatch(local, localLimit);
        if (!match)
            break;
        const qint64 candidate = *match;
        local = candidate + 60;
        const WallInstants in = clock.instantsOf(candidate);
        std::optional<qint64> run;
        if (isFixedTime()) {
            if (in.count == 0)
                run = clock.jumpOver(candidate, in); // skipped: run when the clock jumps
            else
                run = in.utc[0]; // repeated: only the first occurrence runs
        } else {
            for (int i = 0; i < in.count && !run; ++i) {
                if (in.utc[i] >= from)
                    run = in.utc[i];
            }
        }
        if (run && *run >= from && (!best || *run < *best)) {
            best = run;
            localLimit = qMin(localLimit, *best + in.maxOffset);
        }
    }
    return best ? utcFromSecs(*best) : QDateTime();
}

QVector<QDateTime> CronExpression::nextRuns(const QDateTime &t, const QTimeZone &zone, int n) const
{
    QVector<QDateTime> runs;
    QDateTime at = t;
    for (int i = 0; i < n; ++i) {
        at = nextAfter(at, zone);
        if (!at.isValid())
            break;
        runs.append(at);
    }
    return runs;
}

QVector<int> CronExpression::minutes() const
{
    return bitsToList(m_minutes, 59);
}

QVector<int> CronExpression::hours() const
{
    return bitsToList(m_hours, 23);
}

QVector<int> CronExpression::daysOfMonth() const
{
    return bitsToList(m_doms, 31);
}

QVector<int> CronExpression::months() const
{
    return bitsToList(m_months, 12);
}

QVector<int> CronExpression::daysOfWeek() const
{
    return bitsToList(m_dows, 6);
}

bool CronExpression::everyDay() const
{
    return m_valid && m_months == kAllMonths && matchesEveryDayOfMonth();
}

bool CronExpression::matchesEveryDayOfMonth() const
{
    const bool allDoms = m_doms == kAllDoms;
    const bool allDows = m_dows == kAllDows;
    if (m_domStar || m_dowStar)
        return allDoms && allDows;
    return allDoms || allDows;
}

QString CronExpression::describe() const
{
    if (!m_valid)
        return {};
    const QLocale locale;
    const QVector<int> mins = minutes();
    const QVector<int> hrs = hours();
    const auto number = [](int v) {
        return QString::number(v);
    };
    const auto clock = [](int h, int m) {
        return twoDigits(h) + QLatin1Char(':') + twoDigits(m);
    };
    const bool contiguousHours = hrs.last() - hrs.first() + 1 == hrs.size();

    QString time;
    bool atFixedTimes = false;
    if (m_minutes == kAllMinutes && m_hours == kAllHours) {
        time = QCoreApplication::translate("Schedule", "every minute");
    } else if (m_hours == kAllHours && uniformStepFromZero(mins, 60) > 1) {
        time = QCoreApplication::translate("Schedule", "every %1 minutes")
                   .arg(uniformStepFromZero(mins, 60));
    } else if (m_hours == kAllHours) {
        time = QCoreApplication::translate("Schedule", "every hour at minute %1")
                   .arg(joinValues(mins, number));
    } else if (m_minutes == kAllMinutes) {
        time = QCoreApplication::translate("Schedule", "every minute of hour %1")
                   .arg(joinValues(hrs, number));
    } else if (mins.size() == 1 && uniformStepFromZero(hrs, 24) > 1) {
        time = QCoreApplication::translate("Schedule", "every %1 hours at minute %2")
                   .arg(uniformStepFromZero(hrs, 24))
                   .arg(mins.first());
    } else if (mins.size() == 1 && hrs.size() > 2 && contiguousHours) {
        time = QCoreApplication::translate("Schedule", "every hour from %1 to %2")
                   .arg(clock(hrs.first(), mins.first()), clock(hrs.last(), mins.first()));
    } else if (mins.size() * hrs.size() <= 6) {
        QStringList times;
        for (int h : hrs) {
            for (int m : mins)
                times.append(clock(h, m));
        }
        time =
            QCoreApplication::translate("Schedule", "at %1").arg(times.join(QStringLiteral(", ")));
        atFixedTimes = true;
    } else {
        time = QCoreApplication::translate("Schedule", "at minute %1 of hour %2")
                   .arg(joinValues(mins, number), joinValues(hrs, number));
    }

    QStringList parts{time};
    // Monday first, as on the calendars of the people who use this.
    QVector<int> dows;
    for (int d : {1, 2, 3, 4, 5, 6, 0}) {
        if ((m_dows >> d) & 1U)
            dows.append(d == 0 ? 7 : d);
    }
    const auto dayName = [&locale](int d) {
        return locale.dayName(d, QLocale::LongFormat);
    };
    const QString domText = joinValues(daysOfMonth(), number);
    const QString dowText = joinValues(dows, dayName);
    if (!matchesEveryDayOfMonth()) {
        if (!m_domStar && !m_dowStar) {
            parts.append(QCoreApplication::translate("Schedule", "on day %1 of the month or on %2")
                             .arg(domText, dowText));
        } else if (m_dows == kAllDows) {
            parts.append(
                QCoreApplication::translate("Schedule", "on day %1 of the month").arg(domText));
        } else if (m_doms == kAllDoms) {
            parts.append(QCoreApplication::translate("Schedule", "on %1").arg(dowText));
        } else {
            parts.append(
                QCoreApplication::translate("Schedule", "on day %1 of the month if it is a %2")
                    .arg(domText, dowText));
        }
    }
    if (m_months != kAllMonths) {
        const auto monthName = [&locale](int m) {
            return locale.monthName(m, QLocale::LongFormat);
        };
        parts.append(
            QCoreApplication::translate("Schedule", "in %1").arg(joinValues(months(), monthName)));
    }
    if (atFixedTimes && parts.size() == 1)
        parts[0] = QCoreApplication::translate("Schedule", "every day %1").arg(time);
    QString text = parts.join(QStringLiteral(", "));
    text[0] = text[0].toUpper();
    return text;
}

} // namespace pbxvault
