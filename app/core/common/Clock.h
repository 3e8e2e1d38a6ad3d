#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace pbxvault {

// The one place the core reads the time: Operations (job log, locks, verification times),
// PbxClient (request timestamps, clock-skew checks) and the scheduler all take a Clock, so a
// test moves them together with a ManualClock (tests/support/fakes).
//
// Where the scheduler reads the time. Wall-clock time decides what is due; monotonic time
// (which stops while the machine sleeps and ignores clock changes) lets the scheduler notice
// a suspend/resume or a clock jump by comparing how far each has moved.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    virtual qint64 monotonicMs() const = 0;

    // The process's system clock; lives as long as the program.
    static const Clock &system();
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

} // namespace pbxvault
