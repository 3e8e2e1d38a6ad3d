#pragma once

#include "common/Records.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace pbxvault {

class CliContext;
class Job;

// How `backup` and `backup --all` report one finished backup job.
class BackupReport
{
    Q_DECLARE_TR_FUNCTIONS(BackupReport)
public:
    // The catalogued backup with "retentionDeleted" added.
    static QJsonObject json(const BackupRecord &backup, const Job *job);
    // ", verified intact. Retention removed 2 older backups." after "stored (1.2 MB)".
    static QString outcome(const BackupRecord &backup, const Job *job);
};

} // namespace pbxvault
