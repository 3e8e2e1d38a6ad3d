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

} // namespace pbxvault
