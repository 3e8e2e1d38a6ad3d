#include "HookRunner.h"

#include <QDir>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace pbxvault {

Q_LOGGING_CATEGORY(lcHooks, "pbxvault.hooks")

QString toString(HookEvent event)
{
    switch (event) {
    case HookEvent::PreBackup:
        return QStringLiteral("pre-backup");
    case HookEvent::PostBackup:
        return QStringLiteral("post-backup");
    case HookEvent::PreRestore:
        return QStringLiteral("pre-restore");
    case HookEvent::PostRestore:
        return QStringLiteral("post-restore");
    }
    return {};
}

QProcessEnvironment hookEnvironment(const HookContext &context, const QProcessEnvironment &base)
{
    QProcessEnvironment env = base;
    QUrl url = context.pbxUrl;
    url.setUserInfo(QString());
    const auto set = [&env](const char *name, const QString &value) {
        env.insert(QString::fromLatin1(name), value);
    };
    set("PBXVAULT_EVENT", toString(context.event));
    set("PBXVAULT_PBX_NAME", context.pbxName);
    set("PBXVAULT_PBX_URL", url.toString());
    set("PBXVAULT_TENANT", context.tenant);
    set("PBXVAULT_JOB_ID", context.jobId > 0 ? QString::number(context.jobId) : QString());
    set("PBXVAULT_BACKUP_ID", context.backupId > 0 ? QString::number(context.backupId) : QString());
    set("PBXVAULT_BACKUP_FILE", QDir::toNativeSeparators(context.backupPath));
    set("PBXVAULT_OUTCOME", context.outcome);
    set("PBXVAULT_ERROR", context.error);
    return env;
}

ErrorMessage HookResult::message(HookEvent event, bool withOutput) const
{
    const ErrorMessage name(QStringLiteral("hook.name.") + toString(event));
    const ErrorMessage printed = withOutput && !output.isEmpty()
                                     ? ErrorMessage("hook.output").arg(outputText())
                                     : ErrorMessage("text").arg(QString());
    switch (status) {
    case Status::Succeeded:
        return ErrorMessage("hook.ok").arg(name).arg(printed);
    case Status::Failed:
        return ErrorMessage("hook.exit").arg(name).arg(exitCode).arg(printed);
    case Status::TimedOut:
        return ErrorMessage("hook.timeout").arg(name).arg((elapsedMs + 500) / 1000).arg(printed);
    case Status::Crashed:
        return ErrorMessage("hook.signal").arg(name).arg(printed);
    case Status::NotStarted:
        return ErrorMessage("hook.not_started").arg(name).arg(startError);
    case Status::Cancelled:
        return ErrorMessage("hook.cancelled").arg(name).arg(printed);
    }
    return {};
}

QString HookResult::summary(HookEvent event) const
{
    return message(event, false).text();
}

QString HookResult::outputText() const
{
    QString text = QString::fromLocal8Bit(output);
    if (outputTruncated)
        text += QCoreApplication::translate("pbxvault::HookResult", "\n[output cut at %1 KiB]")
                    .arg(HookRun::kMaxOutputBytes / 1024);
    return text;
}

HookRun::HookRun(const HookCommand &command, const HookContext &context, QObject *parent)
    : QObject(parent), m_command(command), m_context(context)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setProcessEnvironment(hookEnvironment(context));
    if (!context.workingDirectory.isEmpty())
        m_process.setWorkingDirectory(context.workingDirectory);
#ifdef Q_OS_UNIX
    // Its own process group, so a time-out stops whatever the command started too.
    m_process.setChildProcessModifier([] { ::setsid(); });
#endif
    m_limit.setSingleShot(true);
    m_kill.setSingleShot(true);
    connect(&m_limit, &QTimer::timeout, this, &HookRun::onTimeout);
    connect(&m_kill, &QTimer::timeout, this, [this] { signalGroup(true); });
    connect(&m_process, &QProcess::started, this, [this] { m_pid = m_process.processId(); });
    connect(&m_process, &QProcess::readyRead, this, &HookRun::readOutput);
    connect(&m_process, &QProcess::finished, this, &HookRun::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &HookRun::onError);
}

HookRun::~HookRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_done = true; // nobody is listening any more
        signalGroup(true);
        m_process.waitForFinished(kKillGraceMs);
    }
}

bool HookRun::isRunning() const
{
    return !m_done && m_process.state() != QProcess::NotRunning;
}

void HookRun::start()
{
    m_elapsed.start();
#ifdef Q_OS_WIN
    m_process.setProgram(QStringLiteral("cmd.exe"));
    m_process.setNativeArguments(QStringLiteral("/d /s /c \"") + m_command.command +
                                 QStringLiteral("\""));
#else
    m_process.setProgram(QStringLiteral("/bin/sh"));
    m_process.setArguments({QStringLiteral("-c"), m_command.command});
#endif
    qCInfo(lcHooks) << "Running the" << toString(m_context.event) << "hook for"
                    << m_context.pbxName;
    m_process.start();
    if (m_command.timeoutSeconds > 0)
        m_limit.start(m_command.timeoutSeconds * 1000);
}

void HookRun::cancel()
{
    if (!isRunning())
        return;
    m_cancelled = true;
    signalGroup(false);
    m_kill.start(kKillGraceMs);
}

void HookRun::readOutput()
{
    const QByteArray chunk = m_process.readAll();
    const qint64 room = kMaxOutputBytes - m_result.output.size();
    if (chunk.size() > room) {
        m_result.output += chunk.left(qMax<qint64>(room, 0));
        m_result.outputTruncated = true;
    } else {
        m_result.output += chunk;
    }
}

void HookRun::onTimeout()
{
    qCWarning(lcHooks) << "The" << toString(m_context.event) << "hook for" << m_context.pbxName
                       << "ran past" << m_command.timeoutSeconds << "s; stopping it";
    m_timedOut = true;
    signalGroup(false);
    m_kill.start(kKillGraceMs);
}

void HookRun::signalGroup(bool hard)
{
    if (m_pid <= 0)
        m_pid = m_process.processId();
    if (m_pid <= 0)
        return;
#ifdef Q_OS_UNIX
    ::kill(-pid_t(m_pid), hard ? SIGKILL : SIGTERM);
#else
    if (hard)
        m_process.kill();
    else
        m_process.terminate();
#endif
}

void HookRun::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput();
    // Whatever the command left running in its group goes with it once it timed out or was
    // cancelled; after a normal exit, its background children are its own business.
    if (m_timedOut || m_cancelled)
        signalGroup(true);
    HookResult result = m_result;
    result.exitCode = exitCode;
    if (m_timedOut)
        result.status = HookResult::Status::TimedOut;
    else if (m_cancelled)
        result.status = HookResult::Status::Cancelled;
    else if (status == QProcess::CrashExit)
        result.status = HookResult::Status::Crashed;
    else
        result.status = exitCode == 0 ? HookResult::Status::Succeeded : HookResult::Status::Failed;
    finish(result);
}

void HookRun::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart) {
        HookResult result = m_result;
        result.status = HookResult::Status::NotStarted;
        result.startError = m_process.errorString();
        finish(result);
    }
}

void HookRun::finish(HookResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_limit.stop();
    m_kill.stop();
    result.elapsedMs = m_elapsed.elapsed();
    qCInfo(lcHooks) << "The" << toString(m_context.event) << "hook for" << m_context.pbxName
                    << "ended:" << result.summary(m_context.event);
    // Queued: a caller that starts a hook never gets finished() inside start().
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

} // namespace pbxvault
