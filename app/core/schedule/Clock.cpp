#include "Clock.h"

namespace pbxvault {

SystemClock::SystemClock()
{
    m_elapsed.start();
}

QDateTime SystemClock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
    return m_elapsed.elapsed();
}

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
