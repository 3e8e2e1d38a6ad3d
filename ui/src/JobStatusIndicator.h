#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace pbxvault {

class RunningJobs;

// Status-bar summary of running jobs: what the oldest is doing, its progress and speed, how
// many others wait, and a button to cancel it.
class JobStatusIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusIndicator(RunningJobs &jobs, QWidget *parent = nullptr);

private:
    void refresh();

    RunningJobs &m_jobs;
    QLabel *m_icon;
    QLabel *m_text;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace pbxvault
