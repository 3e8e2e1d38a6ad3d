#include "TextDetection.h"

#include <QStringDecoder>

namespace pbxvault {
namespace {

// At most one control byte in 32: a stray ESC or form feed in a configuration file is
// fine, a binary blob is not.
constexpr qsizetype kControlRatio = 32;

bool isValidUtf8(const QByteArray &content)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(content);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

} // namespace

TextDetection::Encoding TextDetection::detect(const QByteArray &content)
{
    if (content.contains('\0'))
        return Encoding::Binary;
    const bool utf8 = isValidUtf8(content);
    qsizetype controls = 0;
    for (const char ch : content) {
        const auto c = quint8(ch);
        const bool whiteSpace = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        // In Latin-1, 0x80-0x9f are C1 control characters; in UTF-8 they are continuation
        // bytes of printable characters.
        if ((c < 0x20 && !whiteSpace) || c == 0x7f || (!utf8 && c >= 0x80 && c < 0xa0))
            ++controls;
    }
    if (controls * kControlRatio > content.size())
        return Encoding::Binary;
    return utf8 ? Encoding::Utf8 : Encoding::Latin1;
}

QString TextDetection::decode(QByteArrayView bytes, Encoding encoding)
{
    return encoding == Encoding::Latin1 ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
}

} // namespace pbxvault
