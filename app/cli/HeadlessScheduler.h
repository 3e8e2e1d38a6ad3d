#pragma once

#include "ops/SchedulerService.h"

#include <QJsonArray>
#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace pbxvault {

class AppSettings;
class Operations;

// `pbxvault daemon` and `pbxvault run-due`: the SchedulerService with no window. One line on
// stderr per job start, finish, retry and overdue warning (the job log has the rest).
// SIGTERM or SIGINT stop the daemon once running jobs have finished (or, after a grace
// period or a second signal, been cancelled cleanly); it then exits with code 0.
class HeadlessScheduler : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Daemon,
        RunDue
    };

    HeadlessScheduler(Operations &ops, AppSettings &settings, Mode mode, bool json,
                      QObject *parent = nullptr);
    ~HeadlessScheduler() override;

    void setRetryDelaySecs(qint64 secs) { m_retryDelaySecs = secs; }
    // How long a stopping daemon lets running jobs finish before cancelling them.
    void setStopGraceMs(int ms) { m_stopGraceMs = ms; }
    // How often the settings file and the catalog are re-read for changes made by other
    // processes. Default 30 s, or $PBXVAULT_DAEMON_RELOAD_MS.
    void setReloadIntervalMs(int ms);
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void log(const QString &line);
    void applySettings();
    void onStopSignal();
    void stopDaemon();
    void cancelJobs();
    void onDrained();
    void end(int code);
    static bool installSignalHandlers(QString *error);

    Operations &m_ops;
    AppSettings &m_settings;
    Mode m_mode;
    bool m_json;
    SchedulerService m_service;
    qint64 m_retryDelaySecs = 60;
    int m_stopGraceMs = 2 * 60 * 1000;
    QTimer m_settingsTimer;
    QTimer m_graceTimer;
    QTimer m_cancelTimeout;
    QSocketNotifier *m_signalNotifier = nullptr;
    int m_signals = 0;
    bool m_stopping = false;
    bool m_ended = false;
    int m_failures = 0;
    int m_skipped = 0; // run-due: due PBXs left to other schedulers
    QJsonArray m_results;
};

} // namespace pbxvault
