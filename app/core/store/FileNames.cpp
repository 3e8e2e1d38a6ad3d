#include "FileNames.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>

#include <string>

namespace pbxvault::filenames {
namespace {

constexpr int kMaxExtensionBytes = 20;
const QString kTempMarker = QStringLiteral(".pbxvault-part-");

bool isControl(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

// Path separators, and what Windows refuses in a file name.
bool isForbidden(char32_t cp)
{
    return cp == '/' || cp == '\\' || cp == '<' || cp == '>' || cp == ':' || cp == '"' ||
           cp == '|' || cp == '?' || cp == '*';
}

// Invisible characters (bidi overrides, zero-width) that could disguise a name, and code
// points that are not characters at all.
bool isDropped(char32_t cp)
{
    if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff || cp > 0x10ffff)
        return true;
    return QChar::category(cp) == QChar::Other_Format;
}

bool isSpace(char32_t cp)
{
    return QChar::isSpace(cp);
}

std::u32string cleanCodePoints(const QString &input)
{
    std::u32string out;
    const QList<uint> ucs4 = input.normalized(QString::NormalizationForm_C).toUcs4();
    for (const uint value : ucs4) {
        const auto cp = char32_t(value);
        if (isDropped(cp))
            continue;
        const char32_t mapped = (isControl(cp) || isForbidden(cp)) ? U'_' : cp;
        // A run of dots becomes one dot: no "..", whatever else happens.
        if (mapped == U'.' && !out.empty() && out.back() == U'.')
            continue;
        out.push_back(mapped);
    }
    // Leading dots hide files and a leading '-' reads as an option; trailing dots and
    // spaces are silently dropped by Windows.
    std::size_t begin = 0;
    while (begin < out.size() && (out[begin] == U'.' || out[begin] == U'-' || isSpace(out[begin])))
        ++begin;
    std::size_t end = out.size();
    while (end > begin && (out[end - 1] == U'.' || isSpace(out[end - 1])))
        --end;
    return out.substr(begin, end - begin);
}

bool isReservedOnWindows(const QString &name)
{
    static const QStringList reserved = [] {
        QStringList names = {QStringLiteral("CON"),    QStringLiteral("PRN"),
                             QStringLiteral("AUX"),    QStringLiteral("NUL"),
                             QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
        const QString digits = QStringLiteral("0123456789\u00b9\u00b2\u00b3");
        for (const QChar digit : digits) {
            names << QStringLiteral("COM") + digit << QStringLiteral("LPT") + digit;
        }
        return names;
    }();
    // Windows ignores everything from the first dot and trailing spaces: "con .txt" is CON.
    const QString base = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    return reserved.contains(base);
}

QString truncateToBytes(const QString &text, int maxBytes)
{
    QString out;
    int bytes = 0;
    const QList<uint> ucs4 = text.toUcs4();
    for (const uint value : ucs4) {
        const auto cp = char32_t(value);
        const QString one = QString::fromUcs4(&cp, 1);
        bytes += int(one.toUtf8().size());
        if (bytes > maxBytes)
            break;
        out += one;
    }
    return out;
}

QString bounded(const QString &name)
{
    if (name.toUtf8().size() <= kMaxNameBytes)
        return name;
    SplitName parts = split(name);
    if (parts.extension.toUtf8().size() > kMaxExtensionBytes)
        parts = {name, QString()};
    const int stemBytes = kMaxNameBytes - int(parts.extension.toUtf8().size());
    QString stem = truncateToBytes(parts.stem, stemBytes);
    while (!stem.isEmpty() && (stem.back() == QLatin1Char('.') || stem.back().isSpace()))
        stem.chop(1);
    return stem + parts.extension;
}

} // namespace

QString sanitize(const QString &untrusted, const QString &fallback)
{
    const std::u32string cleaned = cleanCodePoints(untrusted);
    // NFC after cleaning: a dropped invisible character may have separated a letter from its
    // accent, and sanitising twice must give the same name.
    QString name = QString::fromStdU32String(cleaned).normalized(QString::NormalizationForm_C);
    if (name.isEmpty())
        return fallback;
    // Cutting to length can turn "CON    …x" into "CON": check the reserved names after it.
    name = bounded(name);
    if (isReservedOnWindows(name))
        name = bounded(QLatin1Char('_') + name);
    return name.isEmpty() ? fallback : name;
}

SplitName split(const QString &name)
{
    static const QStringList compound = {QStringLiteral(".tar.gz"),  QStringLiteral(".tar.bz2"),
                                         QStringLiteral(".tar.xz"),  QStringLiteral(".tar.zst"),
                                         QStringLiteral(".tar.lz4"), QStringLiteral(".tar.lzma")};
    for (const QString &ext : compound) {
        if (name.size() > ext.size() && name.endsWith(ext, Qt::CaseInsensitive))
            return {name.left(name.size() - ext.size()), name.right(ext.size())};
    }
    static const QRegularExpression simple(QStringLiteral("^(.+)(\\.[A-Za-z0-9]{1,10})$"));
    const QRegularExpressionMatch match = simple.match(name);
    if (match.hasMatch())
        return {match.captured(1), match.captured(2)};
    return {name, QString()};
}

QString numbered(const QString &name, int n)
{
    if (n == 0)
        return name;
    const SplitName parts = split(name);
    return parts.stem + QLatin1Char('-') + QString::number(n) + parts.extension;
}

QString tempName(const QString &name)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString suffix;
    for (int i = 0; i < 6; ++i) {
        suffix += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    }
    return QLatin1Char('.') + name + kTempMarker + suffix;
}

bool isTempName(const QString &fileName)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\..+\\.pbxvault-part-[A-Za-z0-9]{6}$"),
        QRegularExpression::DotMatchesEverythingOption);
    return pattern.match(fileName).hasMatch();
}

} // namespace pbxvault::filenames
