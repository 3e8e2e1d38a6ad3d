// Restore history, job log and scheduler bookkeeping.
#include "CatalogPrivate.h"
#include "LockOwner.h"

namespace pbxvault {

using namespace catalogvalues;

namespace {

const QString kRestoreColumns =
    QStringLiteral("id, backup_id, filename, target_pbx_id, target_pbx_name, target_url, "
                   "started_at, finished_at, outcome, error, safety_backup_id, error_code");
const QString kJobColumns =
    QStringLiteral("id, kind, job_trigger, pbx_id, pbx_name, started_at, finished_at, outcome, "
                   "bytes, error, detail, error_kind, error_code");
const QString kNewestFirst = QStringLiteral(" ORDER BY started_at DESC, id DESC");

RestoreRecord readRestore(const QSqlQuery &q)
{
    RestoreRecord r;
    r.id = q.value(0).toLongLong();
    r.backupId = q.value(1).toLongLong();
    r.filename = q.value(2).toString();
    r.targetPbxId = q.value(3).toLongLong();
    r.targetPbxName = q.value(4).toString();
    r.targetUrl = q.value(5).toString();
    r.startedAt = toTime(q.value(6));
    r.finishedAt = toTime(q.value(7));
    r.outcome = toEnum(q.value(8), RestoreOutcome::Failed);
    r.error = ErrorMessage::render(q.value(11), q.value(9).toString());
    r.safetyBackupId = q.value(10).toLongLong();
    return r;
}

JobRecord readJob(const QSqlQuery &q)
{
    JobRecord j;
    j.id = q.value(0).toLongLong();
    j.kind = toEnum(q.value(1), JobKind::Backup);
    j.trigger = toEnum(q.value(2), JobTrigger::Manual);
    j.pbxId = q.value(3).toLongLong();
    j.pbxName = q.value(4).toString();
    j.startedAt = toTime(q.value(5));
    j.finishedAt = toTime(q.value(6));
    j.outcome = toEnum(q.value(7), JobOutcome::Failed);
    j.bytes = q.value(8).toLongLong();
    j.error = ErrorMessage::render(q.value(12), q.value(9).toString());
    j.detail = q.value(10).toString();
    j.errorKind = toEnum(q.value(11), JobError::None);
    if (j.errorKind == JobError::None && j.outcome == JobOutcome::Failed)
        j.errorKind = JobError::Failed; // rows written before error kinds existed
    if (j.errorKind == JobError::None && j.outcome == JobOutcome::Interrupted)
        j.errorKind = JobError::Interrupted;
    return j;
}

// Rows left "running" by a process that is gone. A row of another process on this host that
// is still alive (the GUI while the command line starts) is left alone.
bool leftByDeadProcess(const QString &owner)
{
    return !LockOwner(owner).isOtherLiveProcess();
}

} // namespace

// --- Restores

bool Catalog::beginRestore(RestoreRecord *restore)
{
    d->lastError.clear();
    RestoreRecord r = *restore;
    if (r.filename.isEmpty() && r.backupId > 0) {
        const std::optional<BackupRecord> b = backup(r.backupId);
        if (!b)
            return false;
        r.filename = b->filename;
    }
    if (r.targetPbxId > 0 && (r.targetPbxName.isEmpty() || r.targetUrl.isEmpty())) {
        const std::optional<PbxRecord> target = pbx(r.targetPbxId);
        if (!target)
            return false;
        if (r.targetPbxName.isEmpty())
            r.targetPbxName = target->name;
        if (r.targetUrl.isEmpty())
            r.targetUrl = target->url.toString();
    }
    // History is shown and exported: never let a password in a URL reach it.
    r.targetUrl = QUrl(r.targetUrl).adjusted(QUrl::RemovePassword).toString();
    if (!r.startedAt.isValid())
        r.startedAt = nowUtc();
    r.finishedAt = QDateTime();
    r.outcome = RestoreOutcome::Running;
    r.error.clear();

    auto q = d->prepare(d->returningId(QStringLiteral(
        "INSERT INTO restores (backup_id, filename, target_pbx_id, target_pbx_name, target_url, "
        "started_at, outcome, error, safety_backup_id, owner) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    if (!q)
        return false;
    q->addBindValue(fromId(r.backupId));
    q->addBindValue(text(r.filename));
    q->addBindValue(fromId(r.targetPbxId));
    q->addBindValue(text(r.targetPbxName));
    q->addBindValue(text(r.targetUrl));
    q->addBindValue(fromTime(r.startedAt));
    q->addBindValue(toString(r.outcome));
    q->addBindValue(text(r.error));
    q->addBindValue(fromId(r.safetyBackupId));
    q->addBindValue(lockOwnerId());
    if (!d->exec(*q))
        return false;
    r.id = d->insertedId(*q);
    *restore = r;
    return true;
}

bool Catalog::setRestoreSafetyBackup(qint64 restoreId, qint64 backupId)
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("UPDATE restores SET safety_backup_id = ? WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(fromId(backupId));
    q->addBindValue(restoreId);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 ||
           d->fail(QCoreApplication::translate("Catalog", "There is no restore with id %1.")
                       .arg(restoreId));
}

bool Catalog::finishRestore(qint64 id, RestoreOutcome outcome, const QString &error,
                            const QDateTime &finishedAt, const ErrorMessage &errorCode)
{
    d->lastError.clear();
    auto q =
        d->prepare(QStringLiteral("UPDATE restores SET outcome = ?, error = ?, error_code = ?, "
                                  "finished_at = ? WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(toString(outcome));
    q->addBindValue(text(error));
    q->addBindValue(fromErrorCode(errorCode));
    q->addBindValue(fromTime(finishedAt.isValid() ? finishedAt : nowUtc()));
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 ||
           d->fail(
               QCoreApplication::translate("Catalog", "There is no restore with id %1.").arg(id));
}

std::optional<RestoreRecord> Catalog::restore(qint64 id) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT ") + kRestoreColumns +
                        QStringLiteral(" FROM restores WHERE id = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(id);
    std::optional<RestoreRecord> found = d->readOne<RestoreRecord>(*q, readRestore);
    if (!found && d->lastError.isEmpty())
        d->fail(QCoreApplication::translate("Catalog", "There is no restore with id %1.").arg(id));
    return found;
}

QVector<RestoreRecord> Catalog::restores(bool failedOnly) const
{
    d->lastError.clear();
    QVector<RestoreRecord> out;
    auto q =
        d->prepare(QStringLiteral("SELECT ") + kRestoreColumns + QStringLiteral(" FROM restores") +
                   (failedOnly ? QStringLiteral(" WHERE outcome = ?") : QString()) + kNewestFirst);
    if (!q)
        return out;
    if (failedOnly)
        q->addBindValue(toString(RestoreOutcome::Failed));
    d->readAll(*q, readRestore, &out);
    return out;
}

int Catalog::Private::markInterrupted(const QString &table, const QDateTime &at) const
{
    WriteTransaction transaction(*database);
    if (!beginWrite(transaction))
        return 0;
    auto select = prepare(QStringLiteral("SELECT id, owner FROM ") + table +
                          QStringLiteral(" WHERE outcome = 'running'"));
    if (!select || !exec(*select))
        return 0;
    QVector<qint64> ids;
    while (select->next()) {
        if (leftByDeadProcess(select->value(1).toString()))
            ids.append(select->value(0).toLongLong());
    }
    select->finish();
    auto update =
        prepare(QStringLiteral("UPDATE ") + table +
                QStringLiteral(" SET outcome = 'interrupted', finished_at = ?, error = ?, "
                               "error_code = ? WHERE id = ? AND outcome = 'running'"));
    if (!update)
        return 0;
    const ErrorMessage code("job.interrupted");
    const QString error = code.text();
    for (qint64 id : std::as_const(ids)) {
        update->bindValue(0, fromTime(at.isValid() ? at : nowUtc()));
        update->bindValue(1, error);
        update->bindValue(2, fromErrorCode(code));
        update->bindValue(3, id);
        if (!exec(*update))
            return 0;
    }
    update->finish();
    if (!commit(transaction))
        return 0;
    if (!ids.isEmpty())
        qCInfo(lcCatalog) << "Marked" << ids.size() << table << "as interrupted";
    return int(ids.size());
}

int Catalog::markRunningRestoresInterrupted(const QDateTime &at)
{
    d->lastError.clear();
    return d->markInterrupted(QStringLiteral("restores"), at);
}

// --- Job log

bool Catalog::beginJob(JobRecord *job)
{
    d->lastError.clear();
    JobRecord j = *job;
    if (j.pbxId > 0 && j.pbxName.isEmpty()) {
        const std::optional<PbxRecord> p = pbx(j.pbxId);
        if (!p)
            return false;
        j.pbxName = p->name;
    }
    if (!j.startedAt.isValid())
        j.startedAt = nowUtc();
    j.finishedAt = QDateTime();
    j.outcome = JobOutcome::Running;

    auto q = d->prepare(d->returningId(QStringLiteral(
        "INSERT INTO jobs (kind, job_trigger, pbx_id, pbx_name, started_at, outcome, bytes, "
        "error, detail, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    if (!q)
        return false;
    q->addBindValue(toString(j.kind));
    q->addBindValue(toString(j.trigger));
    q->addBindValue(fromId(j.pbxId));
    q->addBindValue(text(j.pbxName));
    q->addBindValue(fromTime(j.startedAt));
    q->addBindValue(toString(j.outcome));
    q->addBindValue(j.bytes);
    q->addBindValue(text(j.error));
    q->addBindValue(text(j.detail));
    q->addBindValue(lockOwnerId());
    if (!d->exec(*q))
        return false;
    j.id = d->insertedId(*q);
    *job = j;
    return true;
}

bool Catalog::finishJob(qint64 id, JobOutcome outcome, qint64 bytes, const QString &error,
                        const QDateTime &finishedAt, JobError errorKind,
                        const ErrorMessage &errorCode)
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("UPDATE jobs SET outcome = ?, bytes = ?, error = ?, "
                                       "error_code = ?, error_kind = ?, finished_at = ? "
                                       "WHERE id = ?"));
    if (!q)
        return false;
    if (errorKind == JobError::None && outcome == JobOutcome::Failed)
        errorKind = JobError::Failed;
    q->addBindValue(toString(outcome));
    q->addBindValue(bytes);
    q->addBindValue(text(error));
    q->addBindValue(fromErrorCode(errorCode));
    q->addBindValue(toString(errorKind));
    q->addBindValue(fromTime(finishedAt.isValid() ? finishedAt : nowUtc()));
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 ||
           d->fail(QCoreApplication::translate("Catalog", "There is no job with id %1.").arg(id));
}

QVector<JobRecord> Catalog::jobs(int limit) const
{
    d->lastError.clear();
    QVector<JobRecord> out;
    auto q = d->prepare(QStringLiteral("SELECT ") + kJobColumns + QStringLiteral(" FROM jobs") +
                        kNewestFirst + (limit > 0 ? QStringLiteral(" LIMIT ?") : QString()));
    if (!q)
        return out;
    if (limit > 0)
        q->addBindValue(limit);
    d->readAll(*q, readJob, &out);
    return out;
}

std::optional<JobRecord> Catalog::lastJob(qint64 pbxId, JobKind kind, JobOutcome outcome) const
{
    d->lastError.clear();
    auto q = d->prepare(
        QStringLiteral("SELECT ") + kJobColumns + QStringLiteral(" FROM jobs ") +
        (pbxId > 0 ? QStringLiteral("WHERE pbx_id = ?") : QStringLiteral("WHERE pbx_id IS NULL")) +
        QStringLiteral(" AND kind = ? AND outcome IN (?, ?)") + kNewestFirst +
        QStringLiteral(" LIMIT 1"));
    if (!q)
        return std::nullopt;
    if (pbxId > 0)
        q->addBindValue(pbxId);
    q->addBindValue(toString(kind));
    q->addBindValue(toString(outcome));
    // A backup discarded as unchanged backed the PBX up all the same (an equal copy is kept).
    q->addBindValue(toString(outcome == JobOutcome::Success ? JobOutcome::Unchanged : outcome));
    return d->readOne<JobRecord>(*q, readJob);
}

int Catalog::markRunningJobsInterrupted(const QDateTime &at)
{
    d->lastError.clear();
    return d->markInterrupted(QStringLiteral("jobs"), at);
}

// --- Crash recovery

QVector<qint64> Catalog::pbxsWithJobsLeftRunning() const
{
    d->lastError.clear();
    QVector<qint64> out;
    auto q = d->prepare(QStringLiteral(
        "SELECT pbx_id, owner FROM jobs WHERE outcome = 'running' AND pbx_id IS NOT NULL "
        "AND kind IN ('backup', 'restore') "
        "UNION ALL SELECT target_pbx_id, owner FROM restores "
        "WHERE outcome = 'running' AND target_pbx_id IS NOT NULL"));
    if (!q || !d->exec(*q))
        return out;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        if (id > 0 && !out.contains(id) && leftByDeadProcess(q->value(1).toString()))
            out.append(id);
    }
    return out;
}

QStringList Catalog::backupPaths() const
{
    d->lastError.clear();
    QStringList out;
    auto q = d->prepare(QStringLiteral("SELECT path, store FROM backups WHERE path <> ''"));
    if (!q || !d->exec(*q))
        return out;
    while (q->next()) {
        const QString path = d->mounts.localPath(q->value(1).toString(), q->value(0).toString());
        if (!path.isEmpty())
            out.append(path);
    }
    return out;
}

// --- Scheduler bookkeeping

QDateTime Catalog::lastScheduledRun(qint64 pbxId) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT last_slot FROM schedule_state WHERE pbx_id = ?"));
    if (!q)
        return {};
    q->addBindValue(pbxId);
    if (!d->exec(*q) || !q->next())
        return {};
    return toTime(q->value(0));
}

bool Catalog::setLastScheduledRun(qint64 pbxId, const QDateTime &slotUtc)
{
    d->lastError.clear();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    if (!slotUtc.isValid()) {
        auto q = d->prepare(QStringLiteral("DELETE FROM schedule_state WHERE pbx_id = ?"));
        if (!q)
            return false;
        q->addBindValue(pbxId);
        if (!d->exec(*q))
            return false;
        q->finish();
        return d->commit(transaction);
    }
    auto update =
        d->prepare(QStringLiteral("UPDATE schedule_state SET last_slot = ? WHERE pbx_id = ?"));
    if (!update)
        return false;
    update->addBindValue(fromTime(slotUtc));
    update->addBindValue(pbxId);
    if (!d->exec(*update))
        return false;
    if (update->numRowsAffected() == 0) {
        if (!d->pbxExists(pbxId))
            return d->lastError.isEmpty() ? d->failNoPbx(pbxId) : false;
        auto insert = d->prepare(
            QStringLiteral("INSERT INTO schedule_state (pbx_id, last_slot) VALUES (?, ?)"));
        if (!insert)
            return false;
        insert->addBindValue(pbxId);
        insert->addBindValue(fromTime(slotUtc));
        if (!d->exec(*insert))
            return false;
    }
    return d->commit(transaction);
}

} // namespace pbxvault
