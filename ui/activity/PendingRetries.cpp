#include "PendingRetries.h"

#include "catalog/Catalog.h"
#include "common/Labels.h"
#include "schedule/Scheduler.h"

#include <QTimer>

#include <algorithm>

namespace pbxvault {

PendingRetries::PendingRetries(QObject *parent) : QObject(parent), m_tick(new QTimer(this))
{
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &PendingRetries::changed);
}

void PendingRetries::follow(Scheduler &scheduler, Catalog &catalog)
{
    connect(&scheduler, &Scheduler::retryScheduled, this,
            [this, &scheduler, &catalog](qint64 pbxId, JobTrigger, int attempt,
                                         const QDateTime &atUtc, const QString &) {
                Retry retry;
                retry.pbxId = pbxId;
                const auto pbx = catalog.pbx(pbxId);
                retry.pbxName = pbx ? pbx->name : QString();
                retry.attempt = attempt;
                retry.maxAttempts = scheduler.maxAttempts();
                retry.atUtc = atUtc;
                add(retry);
            });
    connect(&scheduler, &Scheduler::jobStarted, this,
            [this](qint64 pbxId, JobTrigger, int) { remove(pbxId); });
    connect(&scheduler, &Scheduler::jobFinished, this,
            [this](qint64 pbxId, JobTrigger, bool, const QString &) { remove(pbxId); });
}

void PendingRetries::add(const Retry &retry)
{
    m_retries.insert(retry.pbxId, retry);
    updateTicking();
    Q_EMIT changed();
}

void PendingRetries::remove(qint64 pbxId)
{
    if (m_retries.remove(pbxId) == 0)
        return;
    updateTicking();
    Q_EMIT changed();
}

void PendingRetries::updateTicking()
{
    if (m_retries.isEmpty())
        m_tick->stop();
    else if (!m_tick->isActive())
        m_tick->start();
}

QVector<PendingRetries::Retry> PendingRetries::retries() const
{
    QVector<Retry> out(m_retries.cbegin(), m_retries.cend());
    std::stable_sort(out.begin(), out.end(),
                     [](const Retry &a, const Retry &b) { return a.atUtc < b.atUtc; });
    return out;
}

QString PendingRetries::describe(const Retry &retry, const QDateTime &nowUtc)
{
    // Rounded up: "in 0 s" only once the moment has come.
    const qint64 ms = qMax(qint64(0), nowUtc.msecsTo(retry.atUtc));
    const qint64 secs = (ms + 999) / 1000;
    const QString when = secs == 0   ? tr("retrying now")
                         : secs < 60 ? tr("retrying in %1 s").arg(secs)
                                     : tr("retrying in %1").arg(Labels::duration(secs));
    QString text = retry.pbxName.isEmpty() ? when : tr("Backup of %1: %2").arg(retry.pbxName, when);
    if (retry.maxAttempts > 0)
        text +=
            QLatin1Char(' ') + tr("(attempt %1 of %2)").arg(retry.attempt).arg(retry.maxAttempts);
    else if (retry.attempt > 0)
        text += QLatin1Char(' ') + tr("(attempt %1)").arg(retry.attempt);
    return text;
}

QString PendingRetries::summary(const QDateTime &nowUtc) const
{
    const QVector<Retry> all = retries();
    if (all.isEmpty())
        return QString();
    QString text = describe(all.first(), nowUtc);
    if (all.size() > 1)
        text += QStringLiteral("  ") + tr("(+%1 more)").arg(all.size() - 1);
    return text;
}

} // namespace pbxvault
