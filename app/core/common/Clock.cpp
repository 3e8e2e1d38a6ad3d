#include "Clock.h"

namespace pbxvault {

const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

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

} // namespace pbxvault
