#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace pbxvault {

class PendingRetries;
class RunningJobs;

// Status-bar summary of running jobs: what the oldest is doing, its progress and speed, how
// many others wait, and a button to cancel it. With nothing running, a backup waiting to
// retry counts down to its next attempt.
class JobStatusIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusIndicator(RunningJobs &jobs, QWidget *parent = nullptr);
    void setPendingRetries(PendingRetries *retries);
    QString text() const;

private:
    void refresh();

    RunningJobs &m_jobs;
    QPointer<PendingRetries> m_retries;
    QLabel *m_icon;
    QLabel *m_text;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace pbxvault
