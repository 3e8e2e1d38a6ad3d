#include "CatalogScheduleSource.h"

#include "Operations.h"
#include "SchedulerService.h"
#include "catalog/Catalog.h"

namespace pbxvault {

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

} // namespace pbxvault
