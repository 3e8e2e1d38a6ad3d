#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

namespace pbxvault {

class Job;

// The text of the progress line: "31% · 12.4 MB of 40.0 MB · 2.1 MB/s · 13 s left", or
// "12.4 MB · 2.1 MB/s" when the total is unknown (< 0). The speed is the average since the
// transfer started; speed and time left appear once a second has passed.
class ProgressLine
{
    Q_DECLARE_TR_FUNCTIONS(ProgressLine)
public:
    static QString text(qint64 done, qint64 total, qint64 elapsedMs);
};

// One line on stderr, rewritten in place (\r) as the jobs' transfers progress: for backup,
// backup --all (the jobs' bytes added up), restore and import. Shown only when enabled(),
// i.e. stderr is a terminal and neither --json nor --quiet was given; otherwise nothing is
// ever written. clear() erases the line before the command prints its result.
class TerminalProgress : public QObject
{
    Q_OBJECT
public:
    explicit TerminalProgress(bool enabled, QObject *parent = nullptr);
    ~TerminalProgress() override;

    static bool stderrIsTerminal();
    bool enabled() const { return m_enabled; }

    void track(Job *job);
    void clear();

private:
    struct Tracked
    {
        QPointer<Job> job;
        qint64 done = 0;
        qint64 total = -1;
        bool finished = false;
    };
    void onProgress(Job *job, qint64 done, qint64 total);
    void restart(); // a new transfer (next stage, next phase): speed and time left start over
    void draw(bool force);
    Tracked *find(Job *job);

    const bool m_enabled;
    QVector<Tracked> m_jobs;
    QElapsedTimer m_started;
    QElapsedTimer m_lastDraw;
    int m_drawnWidth = 0;
};

} // namespace pbxvault
