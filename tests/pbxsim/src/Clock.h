#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <string>

namespace pbxsim {

// The PBX's wall clock: system time plus an offset (the clock-offset fault).
class SimClock
{
public:
    std::int64_t now() const; // seconds since the epoch, offset applied
    void setOffsetSeconds(std::int64_t offset) { m_offset = offset; }
    std::int64_t offsetSeconds() const { return m_offset; }

    static std::string httpDate(std::int64_t epochSeconds); // "Sun, 06 Nov 1994 08:49:37 GMT"
    static std::string isoUtc(std::int64_t epochSeconds);   // "2016-04-29T15:48:26Z"
    // Parses exactly YYYY-MM-DDThh:mm:ssZ.
    static bool parseIsoUtc(const std::string &text, std::int64_t *epochSeconds);

private:
    std::atomic<std::int64_t> m_offset{0};
};

} // namespace pbxsim
