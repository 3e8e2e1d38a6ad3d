// Off-site copies: copy targets and, per backup and target, the state of its copy (schema 5).
// backupsMissingCopy() is in Catalog.cpp, next to the other backup queries.
#include "CatalogPrivate.h"

namespace pbxvault {

using namespace catalogvalues;

namespace {

const QString kTargetColumns =
    QStringLiteral("id, name, kind, location, host_key, auth, enabled, created_at");
const QString kCopyColumns = QStringLiteral(
    "backup_id, target_id, state, remote_name, size, sha256, attempts, error, updated_at");

CopyTargetRecord readTarget(const QSqlQuery &q)
{
    CopyTargetRecord t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.kind = toEnum(q.value(2), CopyTargetKind::Folder);
    t.location = q.value(3).toString();
    t.hostKey = q.value(4).toString();
    t.auth = toEnum(q.value(5), CopyAuth::None);
    t.enabled = q.value(6).toInt() != 0;
    t.createdAt = toTime(q.value(7));
    return t;
}

BackupCopyRecord readCopy(const QSqlQuery &q)
{
    BackupCopyRecord c;
    c.backupId = q.value(0).toLongLong();
    c.targetId = q.value(1).toLongLong();
    c.state = toEnum(q.value(2), CopyState::Pending);
    c.remoteName = q.value(3).toString();
    c.size = q.value(4).toLongLong();
    c.sha256 = q.value(5).toString();
    c.attempts = q.value(6).toInt();
    c.error = q.value(7).toString();
    c.updatedAt = toTime(q.value(8));
    return c;
}

// name, kind, location, host_key, auth, enabled
void bindTarget(QSqlQuery &q, const CopyTargetRecord &t)
{
    q.addBindValue(t.name.trimmed());
    q.addBindValue(toString(t.kind));
    q.addBindValue(text(t.location.trimmed()));
    q.addBindValue(text(t.hostKey.trimmed()));
    q.addBindValue(text(toString(t.auth)));
    q.addBindValue(t.enabled ? 1 : 0);
}

} // namespace

bool Catalog::Private::validateCopyTarget(const CopyTargetRecord &t) const
{
    if (t.name.trimmed().isEmpty())
        return fail(QCoreApplication::translate("Catalog", "A copy target needs a name."));
    if (t.location.trimmed().isEmpty())
        return fail(QCoreApplication::translate("Catalog", "A copy target needs a location."));
    if (t.kind == CopyTargetKind::Sftp && !QUrl(t.location.trimmed()).password().isEmpty())
        return fail(QCoreApplication::translate(
            "Catalog", "The location of a copy target must not contain a password; the "
                       "password is kept in the system keychain."));
    auto q = prepare(QStringLiteral("SELECT id FROM copy_targets WHERE name = ? AND id <> ?"));
    if (!q)
        return false;
    q->addBindValue(t.name.trimmed());
    q->addBindValue(t.id);
    if (!exec(*q))
        return false;
    if (q->next())
        return failCopyTargetExists(t.name);
    return true;
}

bool Catalog::Private::failCopyTargetExists(const QString &name) const
{
    return fail(QCoreApplication::translate("Catalog", "A copy target named \"%1\" already exists.")
                    .arg(name.trimmed()));
}

bool Catalog::Private::failNoCopyTarget(qint64 id) const
{
    return fail(
        QCoreApplication::translate("Catalog", "There is no copy target with id %1.").arg(id));
}

bool Catalog::addCopyTarget(CopyTargetRecord *target)
{
    d->lastError.clear();
    if (!d->validateCopyTarget(*target))
        return false;
    auto q = d->prepare(d->returningId(
        QStringLiteral("INSERT INTO copy_targets (name, kind, location, host_key, auth, enabled, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")));
    if (!q)
        return false;
    const QDateTime now = nowUtc();
    bindTarget(*q, *target);
    q->addBindValue(fromTime(now));
    if (!q->exec()) {
        const QSqlError why = q->lastError();
        // Another process may have added the same name since the check.
        if (copyTargetByName(target->name))
            return d->failCopyTargetExists(target->name);
        return d->fail(why);
    }
    target->id = d->insertedId(*q);
    target->name = target->name.trimmed();
    target->location = target->location.trimmed();
    target->hostKey = target->hostKey.trimmed();
    target->createdAt = now;
    d->lastError.clear();
    return true;
}

bool Catalog::updateCopyTarget(const CopyTargetRecord &target)
{
    d->lastError.clear();
    if (!d->validateCopyTarget(target))
        return false;
    auto q = d->prepare(QStringLiteral("UPDATE copy_targets SET name = ?, kind = ?, location = ?, "
                                       "host_key = ?, auth = ?, enabled = ? WHERE id = ?"));
    if (!q)
        return false;
    bindTarget(*q, target);
    q->addBindValue(target.id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 || d->failNoCopyTarget(target.id);
}

bool Catalog::removeCopyTarget(qint64 id)
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("DELETE FROM copy_targets WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 || d->failNoCopyTarget(id);
}

QVector<CopyTargetRecord> Catalog::copyTargets() const
{
    d->lastError.clear();
    QVector<CopyTargetRecord> out;
    auto q = d->prepare(QStringLiteral("SELECT ") + kTargetColumns +
                        QStringLiteral(" FROM copy_targets ORDER BY name, id"));
    if (q)
        d->readAll(*q, readTarget, &out);
    return out;
}

std::optional<CopyTargetRecord> Catalog::copyTarget(qint64 id) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT ") + kTargetColumns +
                        QStringLiteral(" FROM copy_targets WHERE id = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(id);
    std::optional<CopyTargetRecord> found = d->readOne<CopyTargetRecord>(*q, readTarget);
    if (!found && d->lastError.isEmpty())
        d->failNoCopyTarget(id);
    return found;
}

std::optional<CopyTargetRecord> Catalog::copyTargetByName(const QString &name) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT ") + kTargetColumns +
                        QStringLiteral(" FROM copy_targets WHERE name = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(name.trimmed());
    std::optional<CopyTargetRecord> found = d->readOne<CopyTargetRecord>(*q, readTarget);
    if (!found && d->lastError.isEmpty())
        d->fail(QCoreApplication::translate("Catalog", "There is no copy target named \"%1\".")
                    .arg(name.trimmed()));
    return found;
}

bool Catalog::setBackupCopy(const BackupCopyRecord &copy)
{
    d->lastError.clear();
    if (!backup(copy.backupId))
        return false;
    if (!copyTarget(copy.targetId))
        return false;
    // An upsert (SQLite 3.24+, PostgreSQL 9.5+): one statement, so two processes reporting on
    // the same copy cannot both insert.
    auto q = d->prepare(QStringLiteral(
        "INSERT INTO backup_copies (backup_id, target_id, state, remote_name, size, sha256, "
        "attempts, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (backup_id, target_id) DO UPDATE SET state = excluded.state, "
        "remote_name = excluded.remote_name, size = excluded.size, sha256 = excluded.sha256, "
        "attempts = excluded.attempts, error = excluded.error, "
        "updated_at = excluded.updated_at"));
    if (!q)
        return false;
    q->addBindValue(copy.backupId);
    q->addBindValue(copy.targetId);
    q->addBindValue(toString(copy.state));
    q->addBindValue(text(copy.remoteName));
    q->addBindValue(copy.size);
    q->addBindValue(text(copy.sha256.toLower()));
    q->addBindValue(copy.attempts);
    q->addBindValue(text(copy.error));
    q->addBindValue(fromTime(copy.updatedAt.isValid() ? copy.updatedAt : nowUtc()));
    return d->exec(*q);
}

QVector<BackupCopyRecord> Catalog::backupCopies(qint64 backupId) const
{
    d->lastError.clear();
    QVector<BackupCopyRecord> out;
    auto q =
        d->prepare(QStringLiteral("SELECT ") + kCopyColumns +
                   QStringLiteral(" FROM backup_copies WHERE backup_id = ? ORDER BY target_id"));
    if (!q)
        return out;
    q->addBindValue(backupId);
    d->readAll(*q, readCopy, &out);
    return out;
}

QVector<BackupCopyRecord> Catalog::copiesOnTarget(qint64 targetId) const
{
    d->lastError.clear();
    QVector<BackupCopyRecord> out;
    auto q =
        d->prepare(QStringLiteral("SELECT ") + kCopyColumns +
                   QStringLiteral(" FROM backup_copies WHERE target_id = ? ORDER BY backup_id"));
    if (!q)
        return out;
    q->addBindValue(targetId);
    d->readAll(*q, readCopy, &out);
    return out;
}

bool Catalog::removeBackupCopy(qint64 backupId, qint64 targetId)
{
    d->lastError.clear();
    auto q = d->prepare(
        QStringLiteral("DELETE FROM backup_copies WHERE backup_id = ? AND target_id = ?"));
    if (!q)
        return false;
    q->addBindValue(backupId);
    q->addBindValue(targetId);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 ||
           d->fail(
               QCoreApplication::translate("Catalog", "The backup %1 has no copy on the target %2.")
                   .arg(backupId)
                   .arg(targetId));
}

} // namespace pbxvault
