#pragma once

#include "common/Records.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace pbxvault {

struct RetentionRules
{
    int keepLast = 0; // keep the newest N backups; 0 = no count rule
    int keepDays = 0; // keep backups younger than N days; 0 = no age rule
    // Safety backups (taken before a restore) and imported files are left alone unless set.
    bool includeSafetyAndImported = false;

    bool isActive() const { return keepLast > 0 || keepDays > 0; }
};

struct RetentionDeletion
{
    qint64 backupId = 0;
    QString reason; // for the log, translated
};

// Which backups retention deletes. Pure: no catalog, no files, no clock.
//
// A backup is deleted only when every rule that is set lets it go: with both rules, only
// backups outside the newest keepLast AND older than keepDays days go ("keep the last 10, and
// anything from the last 30 days"); with one rule, that rule alone decides. The newest
// keepLast are counted among the backups the rules apply to, so safety and imported backups
// do not use up places unless included.
//
// Never deleted: the newest backup of a PBX, the newest backup of a PBX whose verification is
// Ok, backups without a creation date, and (unless included) safety and imported backups.
// Backups are grouped by pbxId, so a mixed list is handled PBX by PBX.
class RetentionPolicy
{
public:
    static QVector<RetentionDeletion> backupsToDelete(const QVector<BackupRecord> &backups,
                                                      const RetentionRules &rules,
                                                      const QDateTime &nowUtc);
};

} // namespace pbxvault
