#include "CatalogValues.h"

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QTimeZone>
#endif

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

// The exact shape fromTime() writes. Listing 100,000 backups parses 200,000 of these, and
// QDateTime::fromString is several times slower than this.
template <typename Chars> QDateTime parseOwnFormat(const Chars &s, qsizetype size)
{
    if (size != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != '.' || s[23] != 'Z')
        return {};
    int y, mo, d, h, mi, sec, ms;
    if (!digits(s, 0, 4, &y) || !digits(s, 5, 2, &mo) || !digits(s, 8, 2, &d) ||
        !digits(s, 11, 2, &h) || !digits(s, 14, 2, &mi) || !digits(s, 17, 2, &sec) ||
        !digits(s, 20, 3, &ms))
        return {};
    const QDate date(y, mo, d);
    const QTime time(h, mi, sec, ms);
    if (!date.isValid() || !time.isValid())
        return {};
    return utc(date, time);
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
        t = parseOwnFormat(bytes.constData(), bytes.size());
    } else {
        const QString s = v.toString();
        t = parseOwnFormat(reinterpret_cast<const char16_t *>(s.constData()), s.size());
    }
    if (t.isValid())
        return t;
    t = QDateTime::fromString(toText(v), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
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
