// Exactly-once scheduled slots across schedulers sharing the catalog, kept in slot_claims.
#include "CatalogPrivate.h"
#include "LockOwner.h"

namespace pbxvault {

using namespace catalogvalues;

Catalog::SlotClaim Catalog::claimScheduledSlot(qint64 pbxId, const QDateTime &slotUtc,
                                               const QString &owner, const QDateTime &now,
                                               int leaseSeconds)
{
    d->lastError.clear();
    const QDateTime at = now.isValid() ? now.toUTC() : nowUtc();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return SlotClaim::Error;
    if (!d->pbxExists(pbxId)) {
        if (d->lastError.isEmpty())
            d->failNoPbx(pbxId);
        return SlotClaim::Error;
    }
    auto handled = d->prepare(QStringLiteral("SELECT last_slot FROM schedule_state "
                                             "WHERE pbx_id = ?"));
    if (!handled)
        return SlotClaim::Error;
    handled->addBindValue(pbxId);
    if (!d->exec(*handled))
        return SlotClaim::Error;
    const QDateTime lastSlot = handled->next() ? toTime(handled->value(0)) : QDateTime();
    handled->finish();
    if (lastSlot.isValid() && lastSlot >= slotUtc)
        return SlotClaim::HandledElsewhere;

    auto current = d->prepare(QStringLiteral("SELECT owner, lease_until, finished "
                                             "FROM slot_claims WHERE pbx_id = ?"));
    if (!current)
        return SlotClaim::Error;
    current->addBindValue(pbxId);
    if (!d->exec(*current))
        return SlotClaim::Error;
    if (current->next()) {
        const QString holder = current->value(0).toString();
        const bool open = current->value(2).toLongLong() == 0;
        const bool leaseLive = toTime(current->value(1)) > at;
        // Another live scheduler is still working on an earlier slot of this PBX: it sees
        // this slot too once its job ends, and whoever takes its claim over runs it.
        if (open && holder != owner && leaseLive && !LockOwner(holder).isGone())
            return SlotClaim::HandledElsewhere;
    }
    current->finish();

    auto mark = d->prepare(
        QStringLiteral("INSERT INTO schedule_state (pbx_id, last_slot) VALUES (?, ?) "
                       "ON CONFLICT (pbx_id) DO UPDATE SET last_slot = excluded.last_slot"));
    if (!mark)
        return SlotClaim::Error;
    mark->addBindValue(pbxId);
    mark->addBindValue(fromTime(slotUtc));
    if (!d->exec(*mark))
        return SlotClaim::Error;
    mark->finish();
    auto claim = d->prepare(QStringLiteral(
        "INSERT INTO slot_claims (pbx_id, slot, owner, lease_until, finished) "
        "VALUES (?, ?, ?, ?, 0) ON CONFLICT (pbx_id) DO UPDATE SET slot = excluded.slot, "
        "owner = excluded.owner, lease_until = excluded.lease_until, finished = 0"));
    if (!claim)
        return SlotClaim::Error;
    claim->addBindValue(pbxId);
    claim->addBindValue(fromTime(slotUtc));
    claim->addBindValue(owner);
    claim->addBindValue(fromTime(at.addSecs(leaseSeconds)));
    if (!d->exec(*claim))
        return SlotClaim::Error;
    claim->finish();
    return d->commit(transaction) ? SlotClaim::Claimed : SlotClaim::Error;
}

std::optional<QVector<qint64>> Catalog::renewSlotClaims(const QString &owner, const QDateTime &now,
                                                        int leaseSeconds)
{
    d->lastError.clear();
    const QDateTime at = now.isValid() ? now.toUTC() : nowUtc();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return std::nullopt;
    auto renew = d->prepare(QStringLiteral("UPDATE slot_claims SET lease_until = ? "
                                           "WHERE owner = ? AND finished = 0"));
    if (!renew)
        return std::nullopt;
    renew->addBindValue(fromTime(at.addSecs(leaseSeconds)));
    renew->addBindValue(owner);
    if (!d->exec(*renew))
        return std::nullopt;
    renew->finish();
    auto held = d->prepare(QStringLiteral("SELECT pbx_id FROM slot_claims "
                                          "WHERE owner = ? AND finished = 0 ORDER BY pbx_id"));
    if (!held)
        return std::nullopt;
    held->addBindValue(owner);
    QVector<qint64> ids;
    if (!d->readAll<qint64>(
            *held, [](QSqlQuery &q) { return q.value(0).toLongLong(); }, &ids))
        return std::nullopt;
    held->finish();
    if (!d->commit(transaction))
        return std::nullopt;
    return ids;
}

bool Catalog::finishSlotClaim(qint64 pbxId, const QString &owner)
{
    d->lastError.clear();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    auto q = d->prepare(QStringLiteral("UPDATE slot_claims SET finished = 1 "
                                       "WHERE pbx_id = ? AND owner = ?"));
    if (!q)
        return false;
    q->addBindValue(pbxId);
    q->addBindValue(owner);
    if (!d->exec(*q))
        return false;
    if (q->numRowsAffected() == 0) {
        // Taken over while this process was stalled: the new holder finishes it.
        qCWarning(lcCatalog) << "the claim on PBX" << pbxId << "is no longer held by" << owner;
    }
    q->finish();
    return d->commit(transaction);
}

QVector<Catalog::TakenClaim>
Catalog::takeAbandonedSlotClaims(const QString &owner, const QDateTime &now, int leaseSeconds)
{
    d->lastError.clear();
    const QDateTime at = now.isValid() ? now.toUTC() : nowUtc();
    // The open claims of other holders whose lease ran out or whose holder died on this host;
    // nullopt on a database error.
    const auto readAbandoned = [this, &owner, &at]() -> std::optional<QVector<TakenClaim>> {
        auto open = d->prepare(QStringLiteral("SELECT pbx_id, slot, owner, lease_until "
                                              "FROM slot_claims WHERE finished = 0 AND owner <> ? "
                                              "ORDER BY pbx_id"));
        if (!open)
            return std::nullopt;
        open->addBindValue(owner);
        if (!d->exec(*open))
            return std::nullopt;
        QVector<TakenClaim> abandoned;
        while (open->next()) {
            const QString holder = open->value(2).toString();
            const bool expired = !(toTime(open->value(3)) > at);
            if (expired || LockOwner(holder).isGone())
                abandoned.append({open->value(0).toLongLong(), toTime(open->value(1)), holder});
        }
        if (open->lastError().isValid()) {
            d->fail(open->lastError());
            return std::nullopt;
        }
        return abandoned;
    };
    // Every scheduler asks every few seconds and almost always nothing is abandoned: a plain
    // read answers that without queueing behind (or holding up) the catalog's writers.
    const std::optional<QVector<TakenClaim>> candidates = readAbandoned();
    if (!candidates || candidates->isEmpty())
        return {};

    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return {};
    // Again under the lock: another scheduler may have taken them (or their holder renewed
    // them) since the read.
    const std::optional<QVector<TakenClaim>> abandoned = readAbandoned();
    if (!abandoned || abandoned->isEmpty())
        return {};
    const QVector<TakenClaim> &taken = *abandoned;

    auto move = d->prepare(QStringLiteral("UPDATE slot_claims SET owner = ?, lease_until = ?, "
                                          "takeovers = takeovers + 1 "
                                          "WHERE pbx_id = ? AND owner = ? AND finished = 0"));
    auto unlock =
        d->prepare(QStringLiteral("DELETE FROM pbx_locks WHERE pbx_id = ? AND owner = ?"));
    auto interrupt = d->prepare(QStringLiteral(
        "UPDATE jobs SET outcome = 'interrupted', finished_at = ?, error = ?, error_code = ? "
        "WHERE pbx_id = ? AND owner = ? AND outcome = 'running'"));
    if (!move || !unlock || !interrupt)
        return {};
    const ErrorMessage code("job.interrupted");
    for (const TakenClaim &claim : std::as_const(taken)) {
        move->bindValue(0, owner);
        move->bindValue(1, fromTime(at.addSecs(leaseSeconds)));
        move->bindValue(2, claim.pbxId);
        move->bindValue(3, claim.previousOwner);
        unlock->bindValue(0, claim.pbxId);
        unlock->bindValue(1, claim.previousOwner);
        interrupt->bindValue(0, fromTime(at));
        interrupt->bindValue(1, code.text());
        interrupt->bindValue(2, fromErrorCode(code));
        interrupt->bindValue(3, claim.pbxId);
        interrupt->bindValue(4, claim.previousOwner);
        if (!d->exec(*move) || !d->exec(*unlock) || !d->exec(*interrupt))
            return {};
    }
    if (!d->commit(transaction))
        return {};
    for (const TakenClaim &claim : std::as_const(taken)) {
        qCInfo(lcCatalog).noquote() << "took over the scheduled slot of PBX" << claim.pbxId
                                    << "from" << claim.previousOwner;
    }
    return taken;
}

} // namespace pbxvault
