#include "CatalogValues.h"

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QTimeZone>
#endif

namespace pbxvault {
namespace {

template <typename E, size_t N>
bool enumFromString(const QString &s, const std::pair<E, const char *> (&names)[N], E *out)
{
    for (const auto &entry : names) {
        if (s == QLatin1String(entry.second)) {
            *out = entry.first;
            return true;
        }
    }
    return false;
}

template <typename E, size_t N>
QString enumToString(E v, const std::pair<E, const char *> (&names)[N])
{
    for (const auto &entry : names) {
        if (entry.first == v)
            return QString::fromLatin1(entry.second);
    }
    return {};
}

const std::pair<CopyTargetKind, const char *> kKindNames[] = {{CopyTargetKind::Folder, "folder"},
                                                              {CopyTargetKind::Sftp, "sftp"}};
const std::pair<CopyAuth, const char *> kAuthNames[] = {
    {CopyAuth::None, ""}, {CopyAuth::Password, "password"}, {CopyAuth::Key, "key"}};
const std::pair<CopyState, const char *> kStateNames[] = {
    {CopyState::Pending, "pending"}, {CopyState::Copied, "copied"}, {CopyState::Failed, "failed"}};

} // namespace

QString toString(CopyTargetKind v)
{
    return enumToString(v, kKindNames);
}
QString toString(CopyAuth v)
{
    return enumToString(v, kAuthNames);
}
QString toString(CopyState v)
{
    return enumToString(v, kStateNames);
}
bool fromString(const QString &s, CopyTargetKind *out)
{
    return enumFromString(s, kKindNames, out);
}
bool fromString(const QString &s, CopyAuth *out)
{
    return enumFromString(s, kAuthNames, out);
}
bool fromString(const QString &s, CopyState *out)
{
    return enumFromString(s, kStateNames, out);
}

} // namespace pbxvault

namespace pbxvault::catalogvalues {
namespace {

QDateTime utc(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

template <typename Chars> bool digits(const Chars &s, int pos, int count, int *out)
{
    int value = 0;
    for (int i = pos; i < pos + count; ++i) {
        const int c = s[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *out = value;
    return true;
}

struct Fields
{
    int year, month, day, hour, minute, second, msec;
};

// The exact shape fromTime() writes. Listing 100,000 backups parses up to 200,000 of these,
// and QDateTime::fromString is several times slower than this.
template <typename Chars> bool parseOwnFormat(const Chars &s, qsizetype size, Fields *f)
{
    if (size != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != '.' || s[23] != 'Z')
        return false;
    return digits(s, 0, 4, &f->year) && digits(s, 5, 2, &f->month) && digits(s, 8, 2, &f->day) &&
           digits(s, 11, 2, &f->hour) && digits(s, 14, 2, &f->minute) &&
           digits(s, 17, 2, &f->second) && digits(s, 20, 3, &f->msec);
}

template <typename Chars> QDateTime ownFormatTime(const Chars &s, qsizetype size)
{
    Fields f;
    if (!parseOwnFormat(s, size, &f))
        return {};
    const QDate date(f.year, f.month, f.day);
    const QTime time(f.hour, f.minute, f.second, f.msec);
    if (!date.isValid() || !time.isValid())
        return {};
    return utc(date, time);
}

bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil), for years 1 to 9999.
qint64 daysSinceEpoch(int y, int m, int d)
{
    y -= m <= 2;
    const int era = y / 400;
    const int yearOfEra = y - era * 400;
    const int dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

// Milliseconds since the epoch of our own format, without building a QDateTime.
template <typename Chars> bool parseOwnFormatMSecs(const Chars &s, qsizetype size, qint64 *ms)
{
    static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    Fields f;
    if (!parseOwnFormat(s, size, &f) || f.year < 1 || f.month < 1 || f.month > 12 || f.day < 1 ||
        f.hour > 23 || f.minute > 59 || f.second > 59)
        return false;
    const int monthDays = kDaysInMonth[f.month - 1] + (f.month == 2 && isLeapYear(f.year));
    if (f.day > monthDays)
        return false;
    *ms = ((daysSinceEpoch(f.year, f.month, f.day) * 24 + f.hour) * 60 + f.minute) * 60000 +
          f.second * 1000 + f.msec;
    return true;
}

} // namespace

QVariant fromTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime toTime(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t;
    if (v.typeId() == QMetaType::QByteArray) {
        const QByteArray bytes = v.toByteArray();
        t = ownFormatTime(bytes.constData(), bytes.size());
    } else {
        const QString s = v.toString();
        t = ownFormatTime(reinterpret_cast<const char16_t *>(s.constData()), s.size());
    }
    if (t.isValid())
        return t;
    t = QDateTime::fromString(toText(v), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

qint64 toMSecsSinceEpoch(const QVariant &v, qint64 invalid)
{
    if (v.isNull())
        return invalid;
    qint64 ms = 0;
    if (v.typeId() == QMetaType::QByteArray) {
        const auto *bytes = static_cast<const QByteArray *>(v.constData());
        if (parseOwnFormatMSecs(bytes->constData(), bytes->size(), &ms))
            return ms;
    } else if (v.typeId() == QMetaType::QString) {
        const auto *s = static_cast<const QString *>(v.constData());
        if (parseOwnFormatMSecs(reinterpret_cast<const char16_t *>(s->constData()), s->size(), &ms))
            return ms;
    }
    const QDateTime t = toTime(v);
    return t.isValid() ? t.toMSecsSinceEpoch() : invalid;
}

qint64 toMSecsSinceEpoch(QStringView text, qint64 invalid)
{
    qint64 ms = 0;
    if (parseOwnFormatMSecs(text.utf16(), text.size(), &ms))
        return ms;
    if (text.isEmpty())
        return invalid;
    const QDateTime t = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : invalid;
}

QString RepeatedText::operator()(const QVariant &v)
{
    if (v.typeId() != QMetaType::QByteArray)
        return v.toString();
    const QByteArray bytes = v.toByteArray();
    if (bytes != m_bytes || m_text.isNull()) {
        m_bytes = bytes;
        m_text = QString::fromUtf8(bytes);
    }
    return m_text;
}

QString toText(const QVariant &v)
{
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromUtf8(v.toByteArray());
    return v.toString();
}

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

QString nameKey(const QString &name)
{
    return name.trimmed().toCaseFolded();
}

QString normalizedFingerprint(const QString &fingerprint)
{
    QString out = fingerprint.trimmed().toLower();
    out.remove(u':');
    return out;
}

} // namespace pbxvault::catalogvalues
