#include "Firmware.h"

#include <QStringList>

namespace pbxvault {

int compareFirmware(const QString &a, const QString &b)
{
    const QStringList pa = a.trimmed().split(QLatin1Char('.'));
    const QStringList pb = b.trimmed().split(QLatin1Char('.'));
    for (int i = 0; i < qMax(pa.size(), pb.size()); ++i) {
        const QString sa = i < pa.size() ? pa.at(i) : QStringLiteral("0");
        const QString sb = i < pb.size() ? pb.at(i) : QStringLiteral("0");
        bool okA = false;
        bool okB = false;
        const qlonglong na = sa.toLongLong(&okA);
        const qlonglong nb = sb.toLongLong(&okB);
        int c = 0;
        if (okA && okB)
            c = na < nb ? -1 : (na > nb ? 1 : 0);
        else
            c = QString::compare(sa, sb);
        if (c != 0)
            return c;
    }
    return 0;
}

} // namespace pbxvault
