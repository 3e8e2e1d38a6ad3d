#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pbxsim {

// Just enough JSON for request bodies and manifests: parse into a tree, quote strings for output.
class JsonValue
{
public:
    enum class Type
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    Type type() const { return m_type; }
    bool isObject() const { return m_type == Type::Object; }
    bool isString() const { return m_type == Type::String; }
    const std::string &string() const { return m_string; }
    const std::vector<JsonValue> &array() const { return m_array; }
    const std::map<std::string, JsonValue> &object() const { return m_object; }
    // Object member or nullptr.
    const JsonValue *member(const std::string &key) const;

    // Strict RFC 8259 parse of a whole document; false with a reason on error.
    static bool parse(const std::string &text, JsonValue *value, std::string *error);

private:
    friend class JsonParser;
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::string m_string;
    std::vector<JsonValue> m_array;
    std::map<std::string, JsonValue> m_object;
};

// "text" with JSON escapes (control characters as \u00XX); the input is taken as UTF-8 bytes.
std::string jsonQuote(const std::string &text);
std::string jsonArray(const std::vector<std::string> &strings);

} // namespace pbxsim
