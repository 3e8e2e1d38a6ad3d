#include "CopyRetries.h"

#include "Job.h"
#include "OffsiteCopies.h"
#include "Operations.h"
#include "Vault.h"
#include "catalog/Catalog.h"

#include <QPointer>
#include <QTimer>

#include <limits>

namespace pbxvault {

CopyRetries::CopyRetries(Operations &ops, QObject *parent) : QObject(parent), m_ops(ops)
{
    connect(&ops, &Operations::jobStarted, this, &CopyRetries::watch);
}

CopyRetries::~CopyRetries() = default;

void CopyRetries::setPolicy(int maxAttempts, qint64 baseDelaySecs)
{
    m_maxAttempts = qMax(1, maxAttempts);
    m_baseDelaySecs = qMax<qint64>(1, baseDelaySecs);
}

void CopyRetries::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled)
        return;
    // A copy already under way finishes; only the waiting ones go.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it.value()->copier)
            ++it;
        else
            it = m_pending.erase(it);
    }
}

QDateTime CopyRetries::nextAttempt(qint64 pbxId) const
{
    const auto it = m_pending.constFind(pbxId);
    return it == m_pending.cend() ? QDateTime() : it.value()->at;
}

void CopyRetries::watch(Job *job)
{
    if (job->kind() != JobKind::Backup)
        return;
    QPointer<Job> watched(job);
    connect(job, &Job::finished, this, [this, watched] {
        if (!watched || !watched->ok())
            return;
        const qint64 pbxId = watched->pbxId();
        const auto it = m_pending.constFind(pbxId);
        if (it != m_pending.cend() && !it.value()->copier)
            m_pending.erase(it); // this backup's own copy pass was a new first attempt
        if (watched->copiesFailed() > 0)
            plan(pbxId, 2, watched->copyError());
    });
}

void CopyRetries::plan(qint64 pbxId, int attempt, const QString &lastError)
{
    if (!m_enabled)
        return;
    if (attempt > m_maxAttempts) {
        m_pending.remove(pbxId);
        qCWarning(lcOps) << "off-site copies of PBX" << pbxId << "still failing after"
                         << m_maxAttempts << "attempts; they wait for the next backup";
        Q_EMIT gaveUp(pbxId, lastError);
        return;
    }
    auto pending = std::make_shared<Pending>();
    pending->attempt = attempt;
    const qint64 delaySecs = m_baseDelaySecs * (qint64(1) << qBound(0, attempt - 2, 30));
    pending->at = QDateTime::currentDateTimeUtc().addSecs(delaySecs);
    pending->timer = std::make_unique<QTimer>();
    pending->timer->setSingleShot(true);
    connect(pending->timer.get(), &QTimer::timeout, this, [this, pbxId] { this->attempt(pbxId); });
    pending->timer->start(int(qMin<qint64>(delaySecs * 1000, std::numeric_limits<int>::max())));
    m_pending.insert(pbxId, pending);
    qCInfo(lcOps) << "off-site copies of PBX" << pbxId << "will be tried again at"
                  << pending->at.toString(Qt::ISODate) << "(attempt" << attempt << "of"
                  << m_maxAttempts << ")";
}

void CopyRetries::attempt(qint64 pbxId)
{
    const auto it = m_pending.constFind(pbxId);
    if (it == m_pending.cend())
        return;
    const std::shared_ptr<Pending> pending = it.value();
    Catalog &catalog = m_ops.vault().catalog();
    const std::optional<PbxRecord> pbx = catalog.pbx(pbxId);
    if (!pbx) {
        m_pending.remove(pbxId);
        return;
    }
    const QString owner = Catalog::lockOwnerId();
    if (!catalog.tryLockPbx(pbxId, owner, QDateTime::currentDateTimeUtc())) {
        // Busy with a backup (whose own copy pass may settle it) or a restore: same attempt
        // after the next delay.
        plan(pbxId, pending->attempt, catalog.lastError());
        return;
    }
    pending->copier =
        std::make_unique<OffsiteCopier>(m_ops.vault(), m_ops.jobLog(), JobTrigger::Scheduled);
    pending->copier->run(*pbx, 0, nullptr,
                         [this, pbxId, pending, owner](const OffsiteCopier::Summary &summary) {
                             m_ops.vault().catalog().unlockPbx(pbxId, owner);
                             Q_EMIT retried(pbxId, pending->attempt, summary.copied, summary.failed,
                                            summary.firstError);
                             // The copier may not be destroyed from its own callback.
                             QTimer::singleShot(0, this, [this, pbxId, pending, summary] {
                                 pending->copier.reset(); // it held this callback, and pending
                                 if (m_pending.value(pbxId) != pending)
                                     return; // replaced by a backup's own failed copies
                                 m_pending.remove(pbxId);
                                 if (summary.failed > 0)
                                     plan(pbxId, pending->attempt + 1, summary.firstError);
                             });
                         });
}

} // namespace pbxvault
