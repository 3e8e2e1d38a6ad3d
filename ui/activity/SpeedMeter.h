#pragma once

#include <QVector>

namespace pbxvault {

// Transfer speed over a sliding window of recent progress samples.
class SpeedMeter
{
public:
    explicit SpeedMeter(qint64 windowMs = 3000) : m_windowMs(windowMs) {}
    void reset() { m_samples.clear(); }
    void add(qint64 atMs, qint64 bytes);
    // 0 until two samples at least 200 ms apart exist.
    double bytesPerSecond() const;

private:
    struct Sample
    {
        qint64 atMs;
        qint64 bytes;
    };
    qint64 m_windowMs;
    QVector<Sample> m_samples;
};

} // namespace pbxvault
