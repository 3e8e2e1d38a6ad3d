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

// A slot another scheduler claimed and did not finish (it died): this scheduler runs it.
struct AbandonedSlot
{
    qint64 pbxId = 0;
    QDateTime slotUtc;
};

// Where schedules come from and where handled slots are remembered (the catalog, in the app).
class ScheduleSource
{
public:
    virtual ~ScheduleSource() = default;
    // Every PBX the scheduler may run, with or without a schedule.
    virtual QVector<ScheduledPbx> scheduledPbxs() const = 0;
    virtual void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) = 0;

    // Coordination between schedulers sharing the source (daemons on several machines). The
    // defaults suit a scheduler alone: every claim succeeds and nothing is ever abandoned.
    enum class Claim
    {
        Claimed,
        HandledElsewhere,
        Unavailable
    };
    // Before the job of a slot starts: records the slot as handled and claims it for this
    // scheduler, unless another scheduler handled it (or a later one) already.
    // Unavailable: the claim could not be recorded; the job runs anyway.
    virtual Claim claimSlot(qint64 pbxId, const QDateTime &slotUtc)
    {
        setLastSlot(pbxId, slotUtc);
        return Claim::Claimed;
    }
    // The claimed slot's outcome is final (success, or no retry left).
    virtual void finishClaim(qint64 /*pbxId*/) {}
    // Called periodically (claimRenewalIntervalMs): keeps this scheduler's claims alive and
    // returns the slots of schedulers that died holding claims, now this scheduler's to run.
    virtual QVector<AbandonedSlot> renewAndTakeOver() { return {}; }
    virtual int claimRenewalIntervalMs() const { return 0; } // 0: no coordination
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
