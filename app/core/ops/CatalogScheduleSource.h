#pragma once

#include "schedule/SchedulerInterfaces.h"

namespace pbxvault {

class Catalog;

// The scheduler's view of the catalog: every enabled PBX with its cron text, the last slot
// handled (schedule_state) and when its last successful backup finished (job log).
class CatalogScheduleSource : public ScheduleSource
{
public:
    explicit CatalogScheduleSource(Catalog &catalog) : m_catalog(catalog) {}

    QVector<ScheduledPbx> scheduledPbxs() const override;
    void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) override;

private:
    Catalog &m_catalog;
};

} // namespace pbxvault
