#include "SpeedMeter.h"

namespace pbxvault {

void SpeedMeter::add(qint64 atMs, qint64 bytes)
{
    if (!m_samples.isEmpty() && bytes < m_samples.last().bytes)
        m_samples.clear(); // a new transfer in the same job (e.g. safety backup, then upload)
    m_samples.append({atMs, bytes});
    // Keep one sample older than the window so the span always covers it.
    while (m_samples.size() > 2 && m_samples.at(1).atMs <= atMs - m_windowMs)
        m_samples.removeFirst();
}

double SpeedMeter::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.first();
    const Sample &last = m_samples.last();
    const qint64 spanMs = last.atMs - first.atMs;
    if (spanMs < 200)
        return 0;
    return double(last.bytes - first.bytes) * 1000.0 / double(spanMs);
}

} // namespace pbxvault
