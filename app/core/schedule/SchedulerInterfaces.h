#pragma once

#include "common/Records.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <functional>

namespace pbxvault {

// One PBX as the scheduler sees it.
struct ScheduledPbx
{
    qint64 pbxId = 0;
    QString name;
    QString cron; // empty: no schedule (runNow() still works)
    // The schedule has been handled up to this instant: the last slot run (or given up), or
    // the moment the scheduler first saw the schedule. Invalid when never handled.
    QDateTime lastSlotUtc;
    // When the last successful backup of this PBX finished, whatever its trigger; invalid if
    // none. Used for the overdue warning.
    QDateTime lastSuccessUtc;
};

// Where schedules come from and where handled slots are remembered (the catalog, in the app).
class ScheduleSource
{
public:
    virtual ~ScheduleSource() = default;
    // Every PBX the scheduler may run, with or without a schedule.
    virtual QVector<ScheduledPbx> scheduledPbxs() const = 0;
    virtual void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) = 0;
};

struct BackupOutcome
{
    bool ok = false;
    // A failure worth retrying: network down, timeout, HTTP 5xx, PBX busy or locked by another
    // process. Wrong credentials and certificate problems are not transient.
    bool transient = false;
    QString message; // operator-readable, translated; empty on success

    static BackupOutcome success() { return {true, false, {}}; }
    static BackupOutcome failure(bool transient, const QString &message)
    {
        return {false, transient, message};
    }
};

// Starts backups for the scheduler (Operations, in the app).
class BackupLauncher
{
public:
    using Completion = std::function<void(const BackupOutcome &)>;
    virtual ~BackupLauncher() = default;
    // Starts a backup of pbxId and calls done exactly once with the outcome, later or even
    // before returning.
    virtual void launch(qint64 pbxId, JobTrigger trigger, Completion done) = 0;
};

} // namespace pbxvault
