#include "PrintableText.h"

namespace pbxvault {

QString PrintableText::escape(const QString &untrusted, Tabs tabs)
{
    QString out;
    out.reserve(untrusted.size());
    for (const QChar c : untrusted) {
        const bool keep = tabs == Tabs::Keep && c == QLatin1Char('\t');
        if (!keep && (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace pbxvault
