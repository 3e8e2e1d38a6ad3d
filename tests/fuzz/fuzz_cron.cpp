// Cron expressions as an operator may type them (or a damaged catalog may hold them): parse,
// describe, and compute the next runs in a few time zones with daylight saving time quirks.
//
// Input: byte 0 picks the zone, bytes 1-4 the start time; the rest is the expression (UTF-8).

#include "FuzzSupport.h"
#include "schedule/CronExpression.h"

#include <QDateTime>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace pbxvault;

namespace {

const char *const kZones[] = {
    "UTC",          "Europe/Rome",      "America/New_York", "Australia/Lord_Howe",
    "Pacific/Apia", "America/Santiago", "Asia/Kathmandu",   "Pacific/Chatham"};

bool contains(const QVector<int> &values, int v)
{
    return values.contains(v);
}

// In UTC there is no gap nor repeat: a run time must match every field.
void checkMatchesUtc(const CronExpression &e, const QDateTime &run)
{
    const QDateTime t = run.toUTC();
    FUZZ_CHECK(t.time().second() == 0, e.text());
    FUZZ_CHECK(contains(e.minutes(), t.time().minute()), e.text());
    FUZZ_CHECK(contains(e.hours(), t.time().hour()), e.text());
    FUZZ_CHECK(contains(e.months(), t.date().month()), e.text());
    const bool dom = contains(e.daysOfMonth(), t.date().day());
    const bool dow = contains(e.daysOfWeek(), t.date().dayOfWeek() % 7);
    if (e.dayOfMonthRestricted() && e.dayOfWeekRestricted())
        FUZZ_CHECK(dom || dow, e.text());
    else
        FUZZ_CHECK(dom && dow, e.text());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5 || size > 300) // a cron line is short; longer inputs only slow the search
        return 0;
    const int zoneIndex = data[0] % int(std::size(kZones));
    const quint32 startBits =
        quint32(data[1]) | quint32(data[2]) << 8 | quint32(data[3]) << 16 | quint32(data[4]) << 24;
    // 1970 .. about 2106, at second resolution.
    const QDateTime start = QDateTime::fromSecsSinceEpoch(qint64(startBits), QTimeZone::utc());
    const QString text =
        QString::fromUtf8(reinterpret_cast<const char *>(data) + 5, qsizetype(size - 5));

    QString error;
    const CronExpression e = CronExpression::parse(text, &error);
    if (!e.isValid()) {
        FUZZ_CHECK(!error.isEmpty(), text);
        return 0;
    }
    FUZZ_CHECK(!e.minutes().isEmpty() && !e.hours().isEmpty() && !e.daysOfMonth().isEmpty() &&
                   !e.months().isEmpty() && !e.daysOfWeek().isEmpty(),
               text);
    for (int v : e.minutes())
        FUZZ_CHECK(v >= 0 && v <= 59, text);
    for (int v : e.hours())
        FUZZ_CHECK(v >= 0 && v <= 23, text);
    for (int v : e.daysOfMonth())
        FUZZ_CHECK(v >= 1 && v <= 31, text);
    for (int v : e.months())
        FUZZ_CHECK(v >= 1 && v <= 12, text);
    for (int v : e.daysOfWeek())
        FUZZ_CHECK(v >= 0 && v <= 6, text);
    FUZZ_CHECK(!e.describe().isEmpty(), text);

    // What it prints back parses to the same schedule.
    const CronExpression again = CronExpression::parse(e.text());
    FUZZ_CHECK(again.isValid() && again.minutes() == e.minutes() && again.hours() == e.hours() &&
                   again.daysOfMonth() == e.daysOfMonth() && again.months() == e.months() &&
                   again.daysOfWeek() == e.daysOfWeek(),
               text);

    static const QVector<QTimeZone> zones = [] {
        QVector<QTimeZone> out;
        for (const char *id : kZones) {
            const QTimeZone zone(id);
            out.append(zone.isValid() ? zone : QTimeZone::utc());
        }
        return out;
    }();
    const QVector<QDateTime> runs = e.nextRuns(start, zones[zoneIndex], 3);
    QDateTime previous = start;
    for (const QDateTime &run : runs) {
        FUZZ_CHECK(run.isValid() && run > previous,
                   text + QStringLiteral(" after ") + previous.toString(Qt::ISODate) +
                       QStringLiteral(": ") + run.toString(Qt::ISODate));
        if (zoneIndex == 0)
            checkMatchesUtc(e, run);
        previous = run;
    }
    return 0;
}
