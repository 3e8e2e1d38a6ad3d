#pragma once

#include "schedule/SchedulerInterfaces.h"

#include <QString>

namespace pbxvault {

class Catalog;

// The scheduler's view of the catalog: every enabled PBX with its cron text, the last slot
// handled (schedule_state) and when its last successful backup finished (job log). Slots are
// claimed in the catalog (Catalog::claimScheduledSlot), so every scheduler sharing it, on any
// machine, runs each slot once; a claim is leased for leaseSeconds and renewed well within it.
class CatalogScheduleSource : public ScheduleSource
{
public:
    // owner: who holds the claims; this process (Catalog::lockOwnerId()) when empty.
    explicit CatalogScheduleSource(Catalog &catalog, const QString &owner = {});

    QVector<ScheduledPbx> scheduledPbxs() const override;
    void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) override;
    Claim claimSlot(qint64 pbxId, const QDateTime &slotUtc) override;
    void finishClaim(qint64 pbxId) override;
    QVector<AbandonedSlot> renewAndTakeOver() override;
    // Whether renewAndTakeOver() also takes over abandoned claims (the default). `run-due`
    // turns it off while it runs: it would leave what it took over behind when it exits.
    void setTakingOver(bool takingOver) { m_takingOver = takingOver; }
    // Takes over the open claims whose lease ran out or whose holder died on this host.
    QVector<AbandonedSlot> takeOverAbandoned();
    // At least four renewals per lease; every 5 s at most, so the claims of a scheduler that
    // died on this host are taken over within seconds.
    int claimRenewalIntervalMs() const override { return qMin(m_leaseSeconds * 1000 / 4, 5000); }

    // 60 s, or PBXVAULT_CLAIM_LEASE_SECS (tests and the fleet benchmark shorten it).
    static int defaultLeaseSeconds();
    int leaseSeconds() const { return m_leaseSeconds; }

private:
    Catalog &m_catalog;
    QString m_owner;
    int m_leaseSeconds;
    bool m_takingOver = true;
};

} // namespace pbxvault
