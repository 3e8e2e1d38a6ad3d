#pragma once

#include "SpeedMeter.h"
#include "common/Records.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QVector>

namespace pbxvault {

class Job;
class Operations;

// Every long job Operations starts, whoever started it (window, tray scheduler), with its
// latest progress. The status bar shows it; a tray icon can use the same object.
class RunningJobs : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QPointer<Job> job;
        JobKind kind = JobKind::Backup;
        QString stage;
        qint64 done = 0;
        qint64 total = -1;
        double bytesPerSecond = 0;
    };

    explicit RunningJobs(Operations &ops, QObject *parent = nullptr);

    // Oldest first.
    QVector<Entry> entries() const;
    int count() const { return int(m_slots.size()); }
    // Whether a job kind is long enough to be worth showing (connection tests are not).
    static bool isTracked(JobKind kind);

Q_SIGNALS:
    void changed();
    void jobFinished(pbxvault::Job *job); // emitted before the job's owner deletes it

private:
    struct Slot
    {
        Entry entry;
        SpeedMeter meter;
    };
    void track(Job *job);
    void onProgress(Job *job, qint64 done, qint64 total);
    void onStage(Job *job, const QString &stage);
    void onFinished(Job *job);
    int indexOf(const Job *job) const;

    QElapsedTimer m_clock;
    QVector<Slot> m_slots;
};

} // namespace pbxvault
