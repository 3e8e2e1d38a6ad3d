#pragma once

#include "common/ErrorMessage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcHooks)

// When an operator's command runs around a job.
enum class HookEvent
{
    PreBackup,
    PostBackup,
    PreRestore,
    PostRestore
};
QString toString(HookEvent event); // "pre-backup"... as PBXVAULT_EVENT says

// An operator's shell command (sh -c on POSIX, cmd /c on Windows) with its time limit.
struct HookCommand
{
    QString command;
    int timeoutSeconds = 300;
    bool isEmpty() const { return command.trimmed().isEmpty(); }
};

// What the command is told about the job, through PBXVAULT_* environment variables only:
// nothing is ever spliced into the command line, so hostile names from a PBX stay data.
struct HookContext
{
    HookEvent event = HookEvent::PreBackup;
    QString pbxName;
    QUrl pbxUrl; // user info is dropped: no secret reaches a hook
    QString tenant;
    qint64 jobId = 0;
    qint64 backupId = 0;
    QString backupPath;
    QString outcome; // post hooks: "succeeded", "failed", "cancelled"...
    QString error;   // post hooks: the job's error, worded for a person
    QString workingDirectory;
};

// The variables a hook sees on top of the process's own environment (documented in the README
// and the man page).
QProcessEnvironment
hookEnvironment(const HookContext &context,
                const QProcessEnvironment &base = QProcessEnvironment::systemEnvironment());

struct HookResult
{
    enum class Status
    {
        Succeeded,  // exit code 0
        Failed,     // another exit code
        TimedOut,   // stopped at the time limit
        Crashed,    // ended by a signal it did not get from us
        NotStarted, // the shell could not be started
        Cancelled
    };
    Status status = Status::NotStarted;
    int exitCode = -1;
    QByteArray output; // stdout and stderr together, at most HookRun::kMaxOutputBytes
    bool outputTruncated = false;
    qint64 elapsedMs = 0;
    QString startError; // NotStarted

    bool ok() const { return status == Status::Succeeded; }
    // What happened as a code + arguments, worded when read: "The pre-backup hook failed: it
    // exited with code 3." and, withOutput, what it printed.
    ErrorMessage message(HookEvent event, bool withOutput) const;
    // message(event, false) worded now.
    QString summary(HookEvent event) const;
    // The output as text for the job log, marked when cut.
    QString outputText() const;
};

// Runs one hook command: output captured (capped), stdin closed, killed with everything it
// started when the time limit passes (its own process group on POSIX). finished() is emitted
// exactly once, from the event loop.
class HookRun : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxOutputBytes = 64 * 1024;
    // After the time limit, SIGTERM; this long after, SIGKILL.
    static constexpr int kKillGraceMs = 3000;

    HookRun(const HookCommand &command, const HookContext &context, QObject *parent = nullptr);
    ~HookRun() override;

    void start();
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void finished(const pbxvault::HookResult &result);

private:
    void readOutput();
    void onTimeout();
    void signalGroup(bool hard); // the whole group on POSIX: SIGKILL when hard, else SIGTERM
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void finish(HookResult result);

    HookCommand m_command;
    HookContext m_context;
    QProcess m_process;
    QTimer m_limit;
    QTimer m_kill;
    QElapsedTimer m_elapsed;
    HookResult m_result;
    qint64 m_pid = 0;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace pbxvault

Q_DECLARE_METATYPE(pbxvault::HookResult)
