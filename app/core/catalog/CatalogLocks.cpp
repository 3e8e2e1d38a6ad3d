// Cross-process exclusion per PBX, kept in the table pbx_locks.
#include "CatalogPrivate.h"
#include "LockOwner.h"

namespace pbxvault {

using namespace catalogvalues;

bool Catalog::tryLockPbx(qint64 pbxId, const QString &owner, const QDateTime &now,
                         int staleAfterSeconds)
{
    d->lastError.clear();
    const QDateTime at = now.isValid() ? now.toUTC() : nowUtc();
    // The write lock is taken before reading, so two processes cannot both see "free".
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    auto name = d->prepare(QStringLiteral("SELECT name FROM pbxs WHERE id = ?"));
    if (!name)
        return false;
    name->addBindValue(pbxId);
    if (!d->exec(*name))
        return false;
    if (!name->next())
        return d->failNoPbx(pbxId);
    const QString pbxName = name->value(0).toString();
    name->finish();

    auto held =
        d->prepare(QStringLiteral("SELECT owner, acquired_at FROM pbx_locks WHERE pbx_id = ?"));
    if (!held)
        return false;
    held->addBindValue(pbxId);
    if (!d->exec(*held))
        return false;
    std::optional<QSqlQuery> write;
    if (held->next()) {
        const QString holder = held->value(0).toString();
        const QDateTime since = toTime(held->value(1));
        held->finish();
        const bool tooOld = !since.isValid() || since.secsTo(at) > staleAfterSeconds;
        const bool gone = LockOwner(holder).isGone();
        if (!tooOld && !gone) {
            return d->fail(QCoreApplication::translate("Catalog",
                                                       "Another job is working on the PBX \"%1\" "
                                                       "(%2, since %3).")
                               .arg(pbxName, holder, since.toString(Qt::ISODate)));
        }
        qCInfo(lcCatalog).noquote()
            << "Taking over the lock of PBX" << pbxName << "from" << holder
            << (gone ? "(its process is gone)" : "(it is older than the stale limit)");
        write = d->prepare(QStringLiteral(
            "UPDATE pbx_locks SET owner = ?, acquired_at = ? WHERE pbx_id = ? AND owner = ?"));
        if (!write)
            return false;
        write->addBindValue(owner);
        write->addBindValue(fromTime(at));
        write->addBindValue(pbxId);
        write->addBindValue(holder);
    } else {
        held->finish();
        write = d->prepare(
            QStringLiteral("INSERT INTO pbx_locks (pbx_id, owner, acquired_at) VALUES (?, ?, ?)"));
        if (!write)
            return false;
        write->addBindValue(pbxId);
        write->addBindValue(owner);
        write->addBindValue(fromTime(at));
    }
    if (!d->exec(*write))
        return false;
    write->finish();
    return d->commit(transaction);
}

void Catalog::unlockPbx(qint64 pbxId, const QString &owner)
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("DELETE FROM pbx_locks WHERE pbx_id = ? AND owner = ?"));
    if (!q)
        return;
    q->addBindValue(pbxId);
    q->addBindValue(owner);
    if (d->exec(*q) && q->numRowsAffected() == 0)
        qCDebug(lcCatalog) << "unlockPbx: PBX" << pbxId << "was not locked by" << owner;
}

QString Catalog::lockOwnerId()
{
    return LockOwner::forThisProcess();
}

} // namespace pbxvault
