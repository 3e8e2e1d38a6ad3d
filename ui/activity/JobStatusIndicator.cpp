#include "JobStatusIndicator.h"

#include "Icons.h"
#include "PendingRetries.h"
#include "RunningJobs.h"
#include "common/Labels.h"
#include "ops/Job.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace pbxvault {

JobStatusIndicator::JobStatusIndicator(RunningJobs &jobs, QWidget *parent)
    : QWidget(parent), m_jobs(jobs), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("jobStatusIndicator"));
    m_text->setObjectName(QStringLiteral("jobStatusText"));
    m_bar->setFixedWidth(140);
    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(14);
    m_cancel->setIcon(Icons::cancel());
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel this job"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_icon);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    layout->addStretch(1);

    connect(&m_jobs, &RunningJobs::changed, this, &JobStatusIndicator::refresh);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        const auto entries = m_jobs.entries();
        if (!entries.isEmpty() && entries.first().job)
            entries.first().job->cancel();
    });
    refresh();
}

void JobStatusIndicator::setPendingRetries(PendingRetries *retries)
{
    if (m_retries)
        disconnect(m_retries, nullptr, this, nullptr);
    m_retries = retries;
    if (retries)
        connect(retries, &PendingRetries::changed, this, &JobStatusIndicator::refresh);
    refresh();
}

QString JobStatusIndicator::text() const
{
    return m_text->text();
}

void JobStatusIndicator::refresh()
{
    const auto entries = m_jobs.entries();
    const bool busy = !entries.isEmpty();
    m_bar->setVisible(busy);
    m_cancel->setVisible(busy);
    m_icon->setPixmap((busy ? Icons::running() : Icons::success()).pixmap(16, 16));
    if (!busy) {
        const QString retry = m_retries ? m_retries->summary() : QString();
        if (!retry.isEmpty())
            m_icon->setPixmap(Icons::running().pixmap(16, 16));
        m_text->setText(retry.isEmpty() ? tr("No jobs running") : retry);
        return;
    }
    const RunningJobs::Entry &first = entries.first();
    QString text = first.stage.isEmpty() ? Labels::jobKind(first.kind) : first.stage;
    if (first.done > 0) {
        text += QStringLiteral("  ") + Labels::sizeProgress(first.done, first.total);
        const QString speed = Labels::speed(first.bytesPerSecond);
        if (!speed.isEmpty())
            text += QStringLiteral(" · ") + speed;
    }
    if (entries.size() > 1)
        text += QStringLiteral("  ") + tr("(+%1 more)").arg(entries.size() - 1);
    const QString retry = m_retries ? m_retries->summary() : QString();
    if (!retry.isEmpty())
        text += QStringLiteral(" · ") + retry;
    m_text->setText(text);
    if (first.total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound(qint64(0), first.done * 1000 / first.total, qint64(1000))));
    } else {
        m_bar->setRange(0, 0);
    }
}

} // namespace pbxvault
