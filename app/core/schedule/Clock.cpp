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

} // namespace pbxvault
