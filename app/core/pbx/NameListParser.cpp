#include "NameListParser.h"

namespace pbxvault {
namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void skipSpace(QByteArrayView json, qsizetype *pos)
{
    while (*pos < json.size() && isJsonSpace(json.at(*pos)))
        ++*pos;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool readHex4(QByteArrayView json, qsizetype pos, char16_t *unit)
{
    if (pos + 4 > json.size())
        return false;
    int value = 0;
    for (int i = 0; i < 4; ++i) {
        const int digit = hexValue(json.at(pos + i));
        if (digit < 0)
            return false;
        value = value * 16 + digit;
    }
    *unit = char16_t(value);
    return true;
}

} // namespace

NameListParser::Result NameListParser::parse(QByteArrayView json, QStringList *names) const
{
    names->clear();
    qsizetype pos = 0;
    if (json.size() >= 3 && json.at(0) == '\xEF' && json.at(1) == '\xBB' && json.at(2) == '\xBF')
        pos = 3; // UTF-8 byte order mark
    skipSpace(json, &pos);
    if (pos >= json.size() || json.at(pos) != '[')
        return Result::NotAList;
    ++pos;
    skipSpace(json, &pos);
    if (pos < json.size() && json.at(pos) == ']') {
        ++pos;
    } else {
        for (;;) {
            if (names->size() >= m_maxNames)
                return Result::TooManyNames;
            QString name;
            const Result r = parseString(json, &pos, &name);
            if (r != Result::Ok)
                return r;
            names->append(name);
            skipSpace(json, &pos);
            if (pos >= json.size())
                return Result::NotAList;
            const char c = json.at(pos++);
            if (c == ']')
                break;
            if (c != ',')
                return Result::NotAList;
            skipSpace(json, &pos);
        }
    }
    skipSpace(json, &pos);
    return pos == json.size() ? Result::Ok : Result::NotAList;
}

NameListParser::Result NameListParser::parseString(QByteArrayView json, qsizetype *pos,
                                                   QString *out) const
{
    qsizetype i = *pos;
    if (i >= json.size() || json.at(i) != '"')
        return Result::NotAList;
    ++i;
    qsizetype runStart = i; // unescaped bytes are decoded from UTF-8 run by run
    auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            out->append(QString::fromUtf8(json.sliced(runStart, end - runStart)));
    };
    for (;;) {
        if (i >= json.size())
            return Result::NotAList;
        const char c = json.at(i);
        if (quint8(c) < 0x20)
            return Result::NotAList; // JSON forbids raw control characters in strings
        if (c == '"') {
            flushRun(i);
            ++i;
            break;
        }
        if (c != '\\') {
            ++i;
            // Checked on the bytes so far: a UTF-8 byte never decodes to more than one unit.
            if (out->size() + (i - runStart) > m_maxNameLength * 4 + 4) {
                flushRun(i);
                runStart = i;
                if (out->size() > m_maxNameLength)
                    return Result::NameTooLong;
            }
            continue;
        }
        flushRun(i);
        if (i + 1 >= json.size())
            return Result::NotAList;
        const char e = json.at(i + 1);
        i += 2;
        switch (e) {
        case '"':
            out->append(QLatin1Char('"'));
            break;
        case '\\':
            out->append(QLatin1Char('\\'));
            break;
        case '/':
            out->append(QLatin1Char('/'));
            break;
        case 'b':
            out->append(QLatin1Char('\b'));
            break;
        case 'f':
            out->append(QLatin1Char('\f'));
            break;
        case 'n':
            out->append(QLatin1Char('\n'));
            break;
        case 'r':
            out->append(QLatin1Char('\r'));
            break;
        case 't':
            out->append(QLatin1Char('\t'));
            break;
        case 'u': {
            char16_t unit = 0;
            if (!readHex4(json, i, &unit))
                return Result::NotAList;
            i += 4;
            out->append(QChar(unit)); // lone surrogates are kept: the name is shown sanitised
            break;
        }
        default:
            return Result::NotAList;
        }
        runStart = i;
        if (out->size() > m_maxNameLength)
            return Result::NameTooLong;
    }
    if (out->size() > m_maxNameLength)
        return Result::NameTooLong;
    *pos = i;
    return Result::Ok;
}

} // namespace pbxvault
