#pragma once

#include <QByteArray>
#include <QString>

namespace pbxvault {

// Whether a member's content is text worth a line diff: no NUL byte and almost every byte
// printable or white space, read as UTF-8 when it is valid UTF-8, else as Latin-1 (older
// KalliopePBX exports). The name plays no part: a ".conf" holding binary data is binary.
class TextDetection
{
public:
    enum class Encoding
    {
        Binary,
        Utf8,
        Latin1
    };

    static Encoding detect(const QByteArray &content);
    static QString decode(QByteArrayView bytes, Encoding encoding);
};

} // namespace pbxvault
