#pragma once

#include "common/Records.h"

#include <QObject>

#include <functional>

namespace pbxvault {

class Catalog;
class Job;

// The Activity log's writer. Every row of the job log is written here, by the operations of
// this module; changed() tells views to reload.
class JobLog : public QObject
{
    Q_OBJECT
public:
    JobLog(Catalog &catalog, std::function<QDateTime()> now, QObject *parent = nullptr);

    // A row in state "running"; returns its id, 0 when the catalog refused (logged).
    qint64 begin(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                 const QString &detail);
    void end(qint64 id, JobOutcome outcome, qint64 bytes = 0, const QString &error = {},
             JobError errorKind = JobError::None);
    // Ends the row with the job's outcome, bytes and error.
    void end(qint64 id, const Job &job);
    // A row that begins and ends at once (an attempt refused before it started).
    void record(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                const QString &detail, const Job &job);

Q_SIGNALS:
    void changed();

private:
    Catalog &m_catalog;
    std::function<QDateTime()> m_now;
};

} // namespace pbxvault
