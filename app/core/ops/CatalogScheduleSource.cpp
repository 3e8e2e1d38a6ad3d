#include "CatalogScheduleSource.h"

#include "Operations.h"
#include "SchedulerService.h"
#include "catalog/Catalog.h"

namespace pbxvault {

CatalogScheduleSource::CatalogScheduleSource(Catalog &catalog, const QString &owner)
    : m_catalog(catalog), m_owner(owner.isEmpty() ? Catalog::lockOwnerId() : owner),
      m_leaseSeconds(defaultLeaseSeconds())
{}

int CatalogScheduleSource::defaultLeaseSeconds()
{
    bool ok = false;
    const int secs = qEnvironmentVariableIntValue("PBXVAULT_CLAIM_LEASE_SECS", &ok);
    return ok && secs >= 4 ? secs : 60;
}

QVector<ScheduledPbx> CatalogScheduleSource::scheduledPbxs() const
{
    QVector<ScheduledPbx> list;
    const QVector<PbxRecord> pbxs = m_catalog.pbxs();
    for (const PbxRecord &pbx : pbxs) {
        if (!pbx.enabled)
            continue;
        ScheduledPbx s;
        s.pbxId = pbx.id;
        s.name = pbx.name;
        // Stored as cron text by the PBX dialog (presets are turned into cron there) and by
        // `pbx add --schedule`; the @hourly-style macros parse as they are.
        s.cron = pbx.schedule.trimmed();
        s.lastSlotUtc = m_catalog.lastScheduledRun(pbx.id);
        const std::optional<JobRecord> success =
            m_catalog.lastJob(pbx.id, JobKind::Backup, JobOutcome::Success);
        if (success)
            s.lastSuccessUtc =
                success->finishedAt.isValid() ? success->finishedAt : success->startedAt;
        list.append(s);
    }
    return list;
}

void CatalogScheduleSource::setLastSlot(qint64 pbxId, const QDateTime &slotUtc)
{
    if (!m_catalog.setLastScheduledRun(pbxId, slotUtc)) {
        qCWarning(lcOps) << "cannot record the handled schedule slot of PBX" << pbxId << ":"
                         << m_catalog.lastError();
    }
}

ScheduleSource::Claim CatalogScheduleSource::claimSlot(qint64 pbxId, const QDateTime &slotUtc)
{
    switch (m_catalog.claimScheduledSlot(pbxId, slotUtc, m_owner, QDateTime::currentDateTimeUtc(),
                                         m_leaseSeconds)) {
    case Catalog::SlotClaim::Claimed:
        return Claim::Claimed;
    case Catalog::SlotClaim::HandledElsewhere:
        return Claim::HandledElsewhere;
    case Catalog::SlotClaim::Error:
        break;
    }
    qCWarning(lcOps) << "cannot claim the schedule slot of PBX" << pbxId
                     << "; running it unclaimed:" << m_catalog.lastError();
    return Claim::Unavailable;
}

void CatalogScheduleSource::finishClaim(qint64 pbxId)
{
    if (!m_catalog.finishSlotClaim(pbxId, m_owner)) {
        qCWarning(lcOps) << "cannot finish the schedule claim of PBX" << pbxId << ":"
                         << m_catalog.lastError();
    }
}

QVector<AbandonedSlot> CatalogScheduleSource::renewAndTakeOver()
{
    if (!m_catalog.renewSlotClaims(m_owner, QDateTime::currentDateTimeUtc(), m_leaseSeconds)) {
        qCWarning(lcOps) << "cannot renew the schedule claims:" << m_catalog.lastError();
        return {};
    }
    return m_takingOver ? takeOverAbandoned() : QVector<AbandonedSlot>();
}

QVector<AbandonedSlot> CatalogScheduleSource::takeOverAbandoned()
{
    QVector<AbandonedSlot> abandoned;
    const QVector<Catalog::TakenClaim> taken =
        m_catalog.takeAbandonedSlotClaims(m_owner, QDateTime::currentDateTimeUtc(), m_leaseSeconds);
    if (taken.isEmpty() && !m_catalog.lastError().isEmpty())
        qCWarning(lcOps) << "cannot take over abandoned schedule claims:" << m_catalog.lastError();
    for (const Catalog::TakenClaim &claim : taken)
        abandoned.append({claim.pbxId, claim.slot});
    return abandoned;
}

} // namespace pbxvault
