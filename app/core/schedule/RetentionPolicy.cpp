#include "RetentionPolicy.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace pbxvault {
namespace {

bool newerFirst(const BackupRecord *a, const BackupRecord *b)
{
    if (a->createdAt != b->createdAt)
        return a->createdAt > b->createdAt;
    return a->id > b->id;
}

bool isProtectedOrigin(BackupOrigin origin)
{
    return origin == BackupOrigin::Safety || origin == BackupOrigin::Import;
}

void decideForOnePbx(QVector<const BackupRecord *> backups, const RetentionRules &rules,
                     const QDateTime &nowUtc, QVector<RetentionDeletion> *out)
{
    QVector<const BackupRecord *> dated;
    for (const BackupRecord *b : backups) {
        if (b->createdAt.isValid())
            dated.append(b);
    }
    std::sort(dated.begin(), dated.end(), newerFirst);
    if (dated.isEmpty())
        return;

    QSet<qint64> kept;
    kept.insert(dated.first()->id);
    const auto newestVerified = std::find_if(dated.cbegin(), dated.cend(), [](const auto *b) {
        return b->verified == VerifyState::Intact;
    });
    if (newestVerified != dated.cend())
        kept.insert((*newestVerified)->id);

    const QDateTime cutoff = nowUtc.addDays(-rules.keepDays);
    int counted = 0;
    for (const BackupRecord *b : dated) {
        if (!rules.includeSafetyAndImported && isProtectedOrigin(b->origin))
            continue;
        ++counted;
        if (kept.contains(b->id))
            continue;
        const bool outsideLast = rules.keepLast > 0 && counted > rules.keepLast;
        const bool tooOld = rules.keepDays > 0 && b->createdAt < cutoff;
        QString reason;
        if (rules.keepLast > 0 && rules.keepDays > 0) {
            if (outsideLast && tooOld) {
                reason = QCoreApplication::translate(
                             "Schedule", "not among the last %1 backups and older than %2 days")
                             .arg(rules.keepLast)
                             .arg(rules.keepDays);
            }
        } else if (outsideLast) {
            reason = QCoreApplication::translate("Schedule", "not among the last %1 backups")
                         .arg(rules.keepLast);
        } else if (tooOld) {
            reason =
                QCoreApplication::translate("Schedule", "older than %1 days").arg(rules.keepDays);
        }
        if (!reason.isEmpty())
            out->append({b->id, reason});
    }
}

} // namespace

QVector<RetentionDeletion> RetentionPolicy::backupsToDelete(const QVector<BackupRecord> &backups,
                                                            const RetentionRules &rules,
                                                            const QDateTime &nowUtc)
{
    QVector<RetentionDeletion> deletions;
    if (!rules.isActive())
        return deletions;
    QVector<qint64> order;
    QHash<qint64, QVector<const BackupRecord *>> byPbx;
    for (const BackupRecord &b : backups) {
        if (!byPbx.contains(b.pbxId))
            order.append(b.pbxId);
        byPbx[b.pbxId].append(&b);
    }
    for (qint64 pbxId : order)
        decideForOnePbx(byPbx.value(pbxId), rules, nowUtc, &deletions);
    return deletions;
}

} // namespace pbxvault
