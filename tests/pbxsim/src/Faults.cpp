#include "Faults.h"

#include <cerrno>
#include <cstdlib>

namespace pbxsim {
namespace {

bool parseInteger(const std::string &text, std::int64_t min, std::int64_t max, std::int64_t *value)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    errno = 0;
    const long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size() || parsed < min || parsed > max)
        return false;
    *value = parsed;
    return true;
}

} // namespace

const FaultSet::StatusRule *FaultSet::statusFor(const std::string &path) const
{
    for (const StatusRule &rule : statusRules) {
        if (std::regex_search(path, *rule.regex))
            return &rule;
    }
    return nullptr;
}

const char *Faults::usage()
{
    return "drop-after=BYTES, delay-ms=N, restore-busy, status=CODE:PATH-REGEX, "
           "clock-offset=SECONDS, hostile-names, garbage-list, throttle=BYTES_PER_SEC, "
           "firmware-plain, bad-create=empty|html|garbage|truncated|tar-empty, clear";
}

bool Faults::apply(const std::string &rawSpec, std::string *error)
{
    std::string spec = rawSpec;
    while (!spec.empty() && (spec.back() == '\n' || spec.back() == '\r' || spec.back() == ' '))
        spec.pop_back();
    const auto equals = spec.find('=');
    const std::string name = spec.substr(0, equals);
    const std::string value = equals == std::string::npos ? std::string() : spec.substr(equals + 1);
    const bool hasValue = equals != std::string::npos;
    auto bad = [&](const std::string &why) {
        *error = "bad fault '" + spec + "': " + why + " (known: " + usage() + ")";
        return false;
    };

    std::lock_guard<std::mutex> lock(m_mutex);
    FaultSet next = m_set;
    std::int64_t number = 0;
    if (name == "clear" && !hasValue) {
        m_set = FaultSet();
        return true;
    } else if (name == "drop-after") {
        if (!parseInteger(value, 0, INT64_MAX, &number))
            return bad("wants a byte count");
        next.dropAfterBytes = number;
    } else if (name == "delay-ms") {
        if (!parseInteger(value, 0, 600000, &number))
            return bad("wants milliseconds");
        next.delayMs = int(number);
    } else if (name == "restore-busy" && !hasValue) {
        next.restoreBusy = true;
    } else if (name == "status") {
        const auto colon = value.find(':');
        if (colon == std::string::npos || !parseInteger(value.substr(0, colon), 100, 599, &number))
            return bad("wants CODE:PATH-REGEX");
        FaultSet::StatusRule rule;
        rule.code = int(number);
        rule.pattern = value.substr(colon + 1);
        try {
            rule.regex = std::make_shared<std::regex>(rule.pattern);
        } catch (const std::regex_error &e) {
            return bad(std::string("invalid regex: ") + e.what());
        }
        next.statusRules.push_back(rule);
    } else if (name == "clock-offset") {
        if (!parseInteger(value, -10LL * 365 * 86400, 10LL * 365 * 86400, &number))
            return bad("wants seconds");
        next.clockOffsetSeconds = number;
    } else if (name == "hostile-names" && !hasValue) {
        next.hostileNames = true;
    } else if (name == "garbage-list" && !hasValue) {
        next.garbageList = true;
    } else if (name == "throttle") {
        if (!parseInteger(value, 1, INT64_MAX, &number))
            return bad("wants bytes per second (> 0)");
        next.throttleBytesPerSecond = number;
    } else if (name == "firmware-plain" && !hasValue) {
        next.firmwarePlain = true;
    } else if (name == "bad-create") {
        if (value != "empty" && value != "html" && value != "garbage" && value != "truncated" &&
            value != "tar-empty")
            return bad("wants empty, html, garbage, truncated or tar-empty");
        next.badCreate = value;
    } else {
        return bad("unknown fault");
    }
    next.specs.push_back(spec);
    m_set = std::move(next);
    return true;
}

FaultSet Faults::snapshot() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_set;
}

} // namespace pbxsim
