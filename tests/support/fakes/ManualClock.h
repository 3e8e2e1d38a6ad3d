#pragma once

#include "common/Clock.h"

namespace pbxvault {

// A clock the tests move by hand.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &nowUtc = QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
    QDateTime nowUtc() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonicMs; }

    // Time passing normally: wall and monotonic clocks both move.
    void advanceSecs(qint64 secs) { advanceMs(secs * 1000); }
    void advanceMs(qint64 ms);
    // Only the wall clock moves: the machine slept, or someone set the clock.
    void setNowUtc(const QDateTime &nowUtc);
    void jumpSecs(qint64 secs) { setNowUtc(m_now.addSecs(secs)); }

private:
    QDateTime m_now;
    qint64 m_monotonicMs = 0;
};

} // namespace pbxvault
