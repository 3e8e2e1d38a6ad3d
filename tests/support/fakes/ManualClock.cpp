#include "ManualClock.h"

namespace pbxvault {

ManualClock::ManualClock(const QDateTime &nowUtc) : m_now(nowUtc.toUTC()) {}

void ManualClock::advanceMs(qint64 ms)
{
    m_now = m_now.addMSecs(ms);
    m_monotonicMs += ms;
}

void ManualClock::setNowUtc(const QDateTime &nowUtc)
{
    m_now = nowUtc.toUTC();
}

} // namespace pbxvault
