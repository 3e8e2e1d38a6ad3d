#include "Notifier.h"

#include "TrayController.h"
#include "UiLog.h"
#include "common/AppSettings.h"
#include "common/Labels.h"
#include "ops/Job.h"
#include "ops/SchedulerService.h"

namespace pbxvault {

Notifier::Notifier(SchedulerService &scheduler, AppSettings &settings, TrayController *tray,
                   QObject *parent)
    : QObject(parent), m_settings(settings), m_tray(tray)
{
    connect(&scheduler, &SchedulerService::jobFinished, this, &Notifier::onJobFinished);
    connect(&scheduler, &SchedulerService::overdue, this, &Notifier::onOverdue);
    // The job ends before jobFinished() (which names the PBX): its copy failures wait there.
    connect(&scheduler, &SchedulerService::jobStarted, this,
            [this](qint64 pbxId, JobTrigger, Job *job) {
                connect(job, &Job::finished, this, [this, pbxId, job] {
                    if (job->ok() && job->copiesFailed() > 0)
                        m_copyFailures.insert(pbxId, {job->copiesFailed(), job->copyError()});
                });
            });
    connect(
        &scheduler, &SchedulerService::retryScheduled, this,
        [](qint64 pbxId, const QString &pbxName, const QDateTime &atUtc, const QString &message) {
            // Not a notification: the final outcome after the retries is.
            qCInfo(lcUi) << "Backup of PBX" << pbxId << pbxName << "will be retried at" << atUtc
                         << ":" << message;
        });
}

void Notifier::onJobFinished(qint64 pbxId, const QString &pbxName, JobTrigger trigger, bool ok,
                             const QString &message)
{
    const auto copyFailure = m_copyFailures.constFind(pbxId);
    if (copyFailure != m_copyFailures.cend()) {
        const auto [failed, why] = *copyFailure;
        m_copyFailures.remove(pbxId);
        if (ok)
            onCopyFailed(pbxId, pbxName, failed, why);
    }
    if (ok) {
        m_overdueTold.remove(pbxId);
        if (!m_settings.notifySuccess())
            return;
        notify(pbxId, QSystemTrayIcon::Information, tr("%1 backed up").arg(pbxName),
               trigger == JobTrigger::Manual ? tr("The backup finished successfully.")
                                             : tr("The scheduled backup finished successfully."),
               kInfoMs);
        return;
    }
    QString title;
    switch (trigger) {
    case JobTrigger::Scheduled:
        title = tr("Scheduled backup of %1 failed").arg(pbxName);
        break;
    case JobTrigger::CatchUp:
        title = tr("Catch-up backup of %1 failed").arg(pbxName);
        break;
    case JobTrigger::Manual:
    case JobTrigger::Safety:
        title = tr("Backup of %1 failed").arg(pbxName);
        break;
    }
    const QString reason = message.isEmpty() ? tr("No reason was given.") : message;
    notify(pbxId, QSystemTrayIcon::Critical, title, reason, kStickyMs);
}

void Notifier::onCopyFailed(qint64 pbxId, const QString &pbxName, int failed,
                            const QString &message)
{
    notify(pbxId, QSystemTrayIcon::Warning, tr("Off-site copy of %1 failed").arg(pbxName),
           tr("The backup itself is good and stays in the vault; %n copy(ies) will be tried "
              "again at the next backup. %1",
              nullptr, failed)
               .arg(message),
           kStickyMs);
}

void Notifier::onOverdue(qint64 pbxId, const QString &pbxName, const QDateTime &lastSuccessUtc)
{
    if (m_overdueTold.contains(pbxId))
        return;
    m_overdueTold.insert(pbxId);
    const QString text =
        lastSuccessUtc.isValid()
            ? tr("No successful backup since %1, more than twice its scheduled interval.")
                  .arg(Labels::dateTime(lastSuccessUtc))
            : tr("It has a schedule but has never been backed up successfully.");
    notify(pbxId, QSystemTrayIcon::Warning, tr("Backups of %1 are overdue").arg(pbxName), text,
           kStickyMs);
}

void Notifier::notify(qint64 pbxId, QSystemTrayIcon::MessageIcon icon, const QString &title,
                      const QString &text, int msecs)
{
    Notice notice;
    notice.atUtc = QDateTime::currentDateTimeUtc();
    notice.icon = icon;
    notice.pbxId = pbxId;
    notice.title = title;
    notice.text = text;
    m_notices.append(notice);
    if (m_notices.size() > kHistory)
        m_notices.remove(0, m_notices.size() - kHistory);
    if (icon == QSystemTrayIcon::Critical || icon == QSystemTrayIcon::Warning)
        qCWarning(lcUi).noquote() << "Notification:" << title << "-" << text;
    else
        qCInfo(lcUi).noquote() << "Notification:" << title << "-" << text;
    if (m_tray)
        m_tray->showMessage(title, text, icon, msecs);
    Q_EMIT notified(icon, title, text);
}

} // namespace pbxvault
