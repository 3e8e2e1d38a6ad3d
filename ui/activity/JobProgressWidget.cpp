#include "JobProgressWidget.h"

#include "Icons.h"
#include "common/Labels.h"
#include "ops/Job.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace pbxvault {

JobProgressWidget::JobProgressWidget(QWidget *parent)
    : QWidget(parent), m_stage(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_amount(new QLabel(this)), m_cancel(new QPushButton(Icons::cancel(), tr("Cancel"), this))
{
    m_stage->setObjectName(QStringLiteral("jobStage"));
    m_stage->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("jobProgress"));
    m_bar->setTextVisible(false);
    m_amount->setObjectName(QStringLiteral("jobAmount"));
    m_cancel->setObjectName(QStringLiteral("jobCancel"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stage, 0, 0, 1, 2);
    layout->addWidget(m_bar, 1, 0);
    layout->addWidget(m_cancel, 1, 1);
    layout->addWidget(m_amount, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
            m_cancel->setEnabled(false);
            m_stage->setText(tr("Cancelling…"));
        }
    });
}

void JobProgressWidget::setJob(Job *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_meter.reset();
    m_clock.start();
    m_bar->setRange(0, 0); // busy until the first progress report
    m_amount->clear();
    m_cancel->setEnabled(job && !job->isFinished());
    m_cancel->setVisible(true);
    m_stage->setText(job && !job->stage().isEmpty() ? job->stage() : tr("Starting…"));
    if (!job)
        return;
    connect(job, &Job::stageChanged, m_stage, &QLabel::setText);
    connect(job, &Job::progress, this, &JobProgressWidget::onProgress);
    connect(job, &Job::finished, this, &JobProgressWidget::onFinished);
}

void JobProgressWidget::onProgress(qint64 done, qint64 total)
{
    m_meter.add(m_clock.elapsed(), done);
    if (total > 0) {
        // QProgressBar takes int: scale to per-mille so files over 2 GiB work.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
    } else {
        m_bar->setRange(0, 0);
    }
    const QString speed = Labels::speed(m_meter.bytesPerSecond());
    const QString amount = Labels::sizeProgress(done, total);
    m_amount->setText(speed.isEmpty() ? amount : tr("%1 — %2").arg(amount, speed));
}

void JobProgressWidget::onFinished()
{
    m_cancel->setVisible(false);
    m_bar->setRange(0, 1000);
    m_bar->setValue(1000);
}

} // namespace pbxvault
