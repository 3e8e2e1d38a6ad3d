#include "Json.h"

#include <cstdio>
#include <cstdlib>

namespace pbxsim {

class JsonParser
{
public:
    explicit JsonParser(const std::string &text) : m_text(text) {}

    bool parseDocument(JsonValue *value, std::string *error)
    {
        skipSpace();
        if (!parseValue(value, 0))
            return fail(error);
        skipSpace();
        if (m_pos != m_text.size()) {
            m_error = "trailing characters";
            return fail(error);
        }
        return true;
    }

private:
    bool fail(std::string *error)
    {
        if (error)
            *error = m_error + " at offset " + std::to_string(m_pos);
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool literal(const char *word)
    {
        const std::string w(word);
        if (m_text.compare(m_pos, w.size(), w) != 0) {
            m_error = "unexpected token";
            return false;
        }
        m_pos += w.size();
        return true;
    }

    bool parseValue(JsonValue *value, int depth)
    {
        if (depth > 64) {
            m_error = "nesting too deep";
            return false;
        }
        if (m_pos >= m_text.size()) {
            m_error = "unexpected end";
            return false;
        }
        const char c = m_text[m_pos];
        if (c == '{')
            return parseObject(value, depth);
        if (c == '[')
            return parseArray(value, depth);
        if (c == '"') {
            value->m_type = JsonValue::Type::String;
            return parseString(&value->m_string);
        }
        if (c == 't' || c == 'f') {
            value->m_type = JsonValue::Type::Bool;
            value->m_bool = c == 't';
            return literal(c == 't' ? "true" : "false");
        }
        if (c == 'n') {
            value->m_type = JsonValue::Type::Null;
            return literal("null");
        }
        return parseNumber(value);
    }

    bool parseObject(JsonValue *value, int depth)
    {
        value->m_type = JsonValue::Type::Object;
        ++m_pos; // {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            std::string key;
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                m_error = "expected a member name";
                return false;
            }
            if (!parseString(&key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                m_error = "expected ':'";
                return false;
            }
            ++m_pos;
            skipSpace();
            JsonValue member;
            if (!parseValue(&member, depth + 1))
                return false;
            value->m_object[key] = std::move(member);
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            m_error = "expected ',' or '}'";
            return false;
        }
    }

    bool parseArray(JsonValue *value, int depth)
    {
        value->m_type = JsonValue::Type::Array;
        ++m_pos; // [
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            JsonValue element;
            if (!parseValue(&element, depth + 1))
                return false;
            value->m_array.push_back(std::move(element));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            m_error = "expected ',' or ']'";
            return false;
        }
    }

    static void appendUtf8(std::string *out, unsigned code)
    {
        if (code < 0x80) {
            out->push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out->push_back(static_cast<char>(0xC0 | (code >> 6)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out->push_back(static_cast<char>(0xE0 | (code >> 12)));
            out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out->push_back(static_cast<char>(0xF0 | (code >> 18)));
            out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    bool parseHex4(unsigned *code)
    {
        if (m_pos + 4 > m_text.size()) {
            m_error = "short \\u escape";
            return false;
        }
        unsigned result = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            result <<= 4;
            if (h >= '0' && h <= '9')
                result |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                result |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                result |= unsigned(h - 'A' + 10);
            else {
                m_error = "bad \\u escape";
                return false;
            }
        }
        *code = result;
        return true;
    }

    bool parseString(std::string *out)
    {
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20) {
                m_error = "control character in string";
                return false;
            }
            if (c != '\\') {
                out->push_back(c);
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out->push_back(e);
                break;
            case 'b':
                out->push_back('\b');
                break;
            case 'f':
                out->push_back('\f');
                break;
            case 'n':
                out->push_back('\n');
                break;
            case 'r':
                out->push_back('\r');
                break;
            case 't':
                out->push_back('\t');
                break;
            case 'u': {
                unsigned code = 0;
                if (!parseHex4(&code))
                    return false;
                if (code >= 0xD800 && code <= 0xDBFF && m_text.compare(m_pos, 2, "\\u") == 0) {
                    m_pos += 2;
                    unsigned low = 0;
                    if (!parseHex4(&low))
                        return false;
                    if (low >= 0xDC00 && low <= 0xDFFF)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, code);
                break;
            }
            default:
                m_error = "bad escape";
                return false;
            }
        }
        m_error = "unterminated string";
        return false;
    }

    bool parseNumber(JsonValue *value)
    {
        const std::size_t start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        bool digits = false;
        while (m_pos < m_text.size() &&
               ((m_text[m_pos] >= '0' && m_text[m_pos] <= '9') || m_text[m_pos] == '.' ||
                m_text[m_pos] == 'e' || m_text[m_pos] == 'E' || m_text[m_pos] == '+' ||
                m_text[m_pos] == '-')) {
            digits = digits || (m_text[m_pos] >= '0' && m_text[m_pos] <= '9');
            ++m_pos;
        }
        if (!digits) {
            m_pos = start;
            m_error = "unexpected character";
            return false;
        }
        const std::string number = m_text.substr(start, m_pos - start);
        char *end = nullptr;
        value->m_type = JsonValue::Type::Number;
        value->m_number = std::strtod(number.c_str(), &end);
        if (end != number.c_str() + number.size()) {
            m_error = "bad number";
            return false;
        }
        return true;
    }

    const std::string &m_text;
    std::size_t m_pos = 0;
    std::string m_error;
};

const JsonValue *JsonValue::member(const std::string &key) const
{
    if (m_type != Type::Object)
        return nullptr;
    const auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &it->second;
}

bool JsonValue::parse(const std::string &text, JsonValue *value, std::string *error)
{
    *value = JsonValue();
    return JsonParser(text).parseDocument(value, error);
}

std::string jsonQuote(const std::string &text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                out += escaped;
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
    return out;
}

std::string jsonArray(const std::vector<std::string> &strings)
{
    std::string out = "[";
    for (std::size_t i = 0; i < strings.size(); ++i) {
        if (i)
            out += ",";
        out += jsonQuote(strings[i]);
    }
    return out + "]";
}

} // namespace pbxsim
