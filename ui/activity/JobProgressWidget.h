#pragma once

#include "SpeedMeter.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace pbxvault {

class Job;

// Stage, progress bar, bytes moved, speed and a Cancel button for one running job.
class JobProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobProgressWidget(QWidget *parent = nullptr);
    void setJob(Job *job);
    Job *job() const { return m_job; }

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished();

    QPointer<Job> m_job;
    QLabel *m_stage;
    QProgressBar *m_bar;
    QLabel *m_amount;
    QPushButton *m_cancel;
    SpeedMeter m_meter;
    QElapsedTimer m_clock;
};

} // namespace pbxvault
