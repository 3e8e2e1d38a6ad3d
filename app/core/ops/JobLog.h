#pragma once

#include "common/Clock.h"

#include "common/ErrorMessage.h"
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
    JobLog(Catalog &catalog, const Clock &clock, QObject *parent = nullptr);
    void setClock(const Clock &clock) { m_clock = &clock; }

    // A row in state "running"; returns its id, 0 when the catalog refused (logged).
    qint64 begin(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                 const QString &detail);
    // errorCode: error as code + arguments, so readers see it in their language.
    void end(qint64 id, JobOutcome outcome, qint64 bytes = 0, const QString &error = {},
             JobError errorKind = JobError::None, const ErrorMessage &errorCode = {});
    // Ends the row with the job's outcome, bytes and error; Unchanged, with a message naming
    // the equal backup, for a backup discarded as unchanged (Job::unchangedSince()).
    void end(qint64 id, const Job &job);
    // A row that begins and ends at once (an attempt refused before it started).
    void record(JobKind kind, JobTrigger trigger, qint64 pbxId, const QString &pbxName,
                const QString &detail, const Job &job);

Q_SIGNALS:
    void changed();

private:
    Catalog &m_catalog;
    const Clock *m_clock;
};

} // namespace pbxvault
