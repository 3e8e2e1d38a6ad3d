#include "RunningJobs.h"

#include "ops/Job.h"
#include "ops/Operations.h"

namespace pbxvault {

RunningJobs::RunningJobs(Operations &ops, QObject *parent) : QObject(parent)
{
    m_clock.start();
    connect(&ops, &Operations::jobStarted, this, &RunningJobs::track);
}

bool RunningJobs::isTracked(JobKind kind)
{
    switch (kind) {
    case JobKind::Backup:
    case JobKind::Restore:
    case JobKind::Verify:
    case JobKind::Import:
    case JobKind::Retention:
    case JobKind::Fetch:
        return true;
    default:
        return false;
    }
}

QVector<RunningJobs::Entry> RunningJobs::entries() const
{
    QVector<Entry> out;
    out.reserve(m_slots.size());
    for (const Slot &slot : m_slots)
        out.append(slot.entry);
    return out;
}

int RunningJobs::indexOf(const Job *job) const
{
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).entry.job == job)
            return i;
    }
    return -1;
}

void RunningJobs::track(Job *job)
{
    if (!job || job->isFinished() || !isTracked(job->kind()) || indexOf(job) >= 0)
        return;
    Slot slot;
    slot.entry.job = job;
    slot.entry.kind = job->kind();
    slot.entry.stage = job->stage();
    m_slots.append(slot);
    connect(job, &Job::progress, this,
            [this, job](qint64 done, qint64 total) { onProgress(job, done, total); });
    connect(job, &Job::stageChanged, this,
            [this, job](const QString &stage) { onStage(job, stage); });
    connect(job, &Job::finished, this, [this, job] { onFinished(job); });
    // A job deleted without finishing (its owner went away) must not linger.
    connect(job, &QObject::destroyed, this, [this] {
        for (int i = int(m_slots.size()) - 1; i >= 0; --i) {
            if (!m_slots.at(i).entry.job)
                m_slots.removeAt(i);
        }
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void RunningJobs::onProgress(Job *job, qint64 done, qint64 total)
{
    const int i = indexOf(job);
    if (i < 0)
        return;
    Slot &slot = m_slots[i];
    slot.meter.add(m_clock.elapsed(), done);
    slot.entry.done = done;
    slot.entry.total = total;
    slot.entry.bytesPerSecond = slot.meter.bytesPerSecond();
    Q_EMIT changed();
}

void RunningJobs::onStage(Job *job, const QString &stage)
{
    const int i = indexOf(job);
    if (i < 0)
        return;
    m_slots[i].entry.stage = stage;
    Q_EMIT changed();
}

void RunningJobs::onFinished(Job *job)
{
    const int i = indexOf(job);
    if (i < 0)
        return;
    m_slots.removeAt(i);
    Q_EMIT jobFinished(job);
    Q_EMIT changed();
}

} // namespace pbxvault
