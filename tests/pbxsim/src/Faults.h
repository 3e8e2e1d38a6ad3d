#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

namespace pbxsim {

// The faults in force; a copy is taken per request so a request sees one consistent set.
struct FaultSet
{
    struct StatusRule
    {
        int code = 0;
        std::string pattern;
        std::shared_ptr<std::regex> regex;
    };

    std::int64_t dropAfterBytes = -1;    // close the connection after this many file-body bytes
    int delayMs = 0;                     // before every response outside /sim/
    bool restoreBusy = false;            // restores answer 503
    std::vector<StatusRule> statusRules; // answer CODE on paths the regex finds a match in
    std::int64_t clockOffsetSeconds = 0;
    bool hostileNames = false;               // the backup list carries names no client should trust
    bool garbageList = false;                // the backup list is not JSON
    std::int64_t throttleBytesPerSecond = 0; // file bodies at this steady rate; 0 = full speed
    bool firmwarePlain = false; // firmwareVersion as bare text even with --firmware-answer json
    // Create answers 200 with this instead of the backup (which is still stored): "empty",
    // "html", "garbage" (random bytes), "truncated" (the first half of the real archive) or
    // "tar-empty" (a gzip-compressed tar with no members). Empty = the real backup.
    std::string badCreate;

    std::vector<std::string> specs; // as given, for /sim/state

    const StatusRule *statusFor(const std::string &path) const;
};

class Faults
{
public:
    // Adds one SPEC (see usage()); "clear" removes every fault. False with a reason on error.
    bool apply(const std::string &spec, std::string *error);
    FaultSet snapshot() const;
    static const char *usage();

private:
    mutable std::mutex m_mutex;
    FaultSet m_set;
};

} // namespace pbxsim
