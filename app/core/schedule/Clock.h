#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace pbxvault {

// Where the scheduler reads the time. Wall-clock time decides what is due; monotonic time
// (which stops while the machine sleeps and ignores clock changes) lets the scheduler notice
// a suspend/resume or a clock jump by comparing how far each has moved.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    virtual qint64 monotonicMs() const = 0;
};

class SystemClock : public Clock
{
public:
    SystemClock();
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

private:
    QElapsedTimer m_elapsed;
};

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
