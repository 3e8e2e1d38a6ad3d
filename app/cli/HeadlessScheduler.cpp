#include "HeadlessScheduler.h"

#include "CliContext.h"

#include "common/AppSettings.h"
#include "common/Labels.h"
#include "ops/Operations.h"
#include "schedule/Scheduler.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace pbxvault {
namespace {

// Re-read the settings file and the catalog this often, so that "concurrent jobs", "pause" and
// PBXs changed in the window or with the CLI reach a running daemon.
constexpr int kReloadIntervalMs = 30 * 1000;
// After cancelAll(), jobs end within seconds; this only guards against a hang.
constexpr int kCancelTimeoutMs = 60 * 1000;

#ifdef Q_OS_UNIX
// Self-pipe: the handler only writes the signal number; the event loop does the rest.
int g_signalFds[2] = {-1, -1};

extern "C" void onUnixSignal(int signalNumber)
{
    const int savedErrno = errno;
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
    errno = savedErrno;
}
#endif

// PBXVAULT_DAEMON_RELOAD_MS overrides the interval, so tests need not wait 30 s for a change.
int reloadIntervalFromEnvironment()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("PBXVAULT_DAEMON_RELOAD_MS", &ok);
    return ok && ms > 0 ? ms : kReloadIntervalMs;
}

QString oneLine(const QString &text)
{
    QString s = text;
    s.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return s.trimmed();
}

} // namespace

HeadlessScheduler::HeadlessScheduler(Operations &ops, AppSettings &settings, Mode mode, bool json,
                                     QObject *parent)
    : QObject(parent), m_ops(ops), m_settings(settings), m_mode(mode), m_json(json), m_service(ops)
{
    setReloadIntervalMs(reloadIntervalFromEnvironment());
    connect(&m_settingsTimer, &QTimer::timeout, this, &HeadlessScheduler::applySettings);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        log(tr("Running jobs did not finish in time; cancelling them."));
        cancelJobs();
    });
    m_cancelTimeout.setSingleShot(true);
    connect(&m_cancelTimeout, &QTimer::timeout, this, [this] {
        log(tr("Jobs did not stop after being cancelled; exiting anyway."));
        end(1);
    });

    connect(
        &m_service, &SchedulerService::jobStarted, this,
        [this](qint64 pbxId, JobTrigger trigger, Job *) {
            const std::optional<PbxRecord> pbx = m_ops.vault().catalog().pbx(pbxId);
            log(tr("%1: backup started (%2).")
                    .arg(pbx ? pbx->name : QString::number(pbxId), Labels::jobTrigger(trigger)));
        });
    connect(&m_service, &SchedulerService::jobFinished, this,
            [this](qint64, const QString &pbxName, JobTrigger trigger, bool ok,
                   const QString &message) {
                if (ok) {
                    log(tr("%1: backup finished (%2).").arg(pbxName, Labels::jobTrigger(trigger)));
                } else {
                    ++m_failures;
                    log(tr("%1: backup failed (%2): %3")
                            .arg(pbxName, Labels::jobTrigger(trigger), oneLine(message)));
                }
                QJsonObject result;
                result.insert(QStringLiteral("pbx"), pbxName);
                result.insert(QStringLiteral("trigger"), toString(trigger));
                result.insert(QStringLiteral("ok"), ok);
                result.insert(QStringLiteral("error"),
                              ok ? QJsonValue(QJsonValue::Null) : QJsonValue(message));
                m_results.append(result);
            });
    connect(&m_service, &SchedulerService::retryScheduled, this,
            [this](qint64, const QString &pbxName, const QDateTime &atUtc, const QString &message) {
                log(tr("%1: backup attempt failed: %2 Retrying at %3.")
                        .arg(pbxName, oneLine(message), Labels::dateTime(atUtc)));
            });
    connect(&m_service, &SchedulerService::overdue, this,
            [this](qint64, const QString &pbxName, const QDateTime &lastSuccessUtc) {
                if (lastSuccessUtc.isValid())
                    log(tr("%1 is overdue: no successful backup since %2.")
                            .arg(pbxName, Labels::dateTime(lastSuccessUtc)));
                else
                    log(tr("%1 is overdue: it has no successful backup yet.").arg(pbxName));
            });
    connect(&m_service, &SchedulerService::slotSkipped, this,
            [this](qint64, const QString &pbxName) {
                ++m_skipped;
                log(tr("%1: skipped, another scheduler sharing the catalog runs it.").arg(pbxName));
            });
    connect(&m_service, &SchedulerService::drained, this, &HeadlessScheduler::onDrained);
}

HeadlessScheduler::~HeadlessScheduler()
{
#ifdef Q_OS_UNIX
    if (m_signalNotifier) {
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
    }
#endif
}

bool HeadlessScheduler::installSignalHandlers(QString *error)
{
#ifdef Q_OS_UNIX
    if (g_signalFds[0] < 0) {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        // The handler must never block, even if nobody reads for a while.
        ::fcntl(g_signalFds[0], F_SETFL, ::fcntl(g_signalFds[0], F_GETFL) | O_NONBLOCK);
        ::fcntl(g_signalFds[1], F_SETFL, ::fcntl(g_signalFds[1], F_GETFL) | O_NONBLOCK);
    }
    struct sigaction action = {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (::sigaction(SIGTERM, &action, nullptr) != 0 || ::sigaction(SIGINT, &action, nullptr) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    return true;
#else
    Q_UNUSED(error);
    return true;
#endif
}

void HeadlessScheduler::start()
{
    m_service.setConcurrencyLimit(m_settings.concurrentJobs());
    m_service.setRetryPolicy(m_service.scheduler().maxAttempts(), m_retryDelaySecs);

    QString error;
    if (!installSignalHandlers(&error)) {
        log(tr("Cannot handle SIGTERM: %1").arg(error));
        end(1);
        return;
    }
#ifdef Q_OS_UNIX
    m_signalNotifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char bytes[16];
        ssize_t count = 0;
        while ((count = ::read(g_signalFds[1], bytes, sizeof bytes)) > 0) {
            for (ssize_t i = 0; i < count; ++i)
                onStopSignal();
        }
    });
#endif

    if (m_mode == Mode::RunDue) {
        if (m_settings.schedulingPaused()) {
            log(tr("Scheduling is paused in the settings; nothing was run."));
            end(0);
            return;
        }
        m_service.runDueOnce();
        return;
    }

    if (m_settings.schedulingPaused())
        m_service.pause();
    m_service.start();
    m_settingsTimer.start();
    const int pbxs = int(m_service.scheduler().pbxIds().size());
    const QDateTime next = m_service.nextScheduledRun();
    log(tr("Daemon started: %n PBX(s), at most %1 job(s) at once.", nullptr, pbxs)
            .arg(m_service.scheduler().concurrencyLimit()) +
        QLatin1Char(' ') +
        (m_service.isPaused() ? tr("Scheduling is paused in the settings.")
         : next.isValid()     ? tr("Next run: %1.").arg(Labels::dateTime(next))
                              : tr("No PBX has a schedule yet.")));
}

void HeadlessScheduler::setReloadIntervalMs(int ms)
{
    m_settingsTimer.setInterval(qMax(10, ms));
    m_service.setReloadIntervalMs(ms);
}

void HeadlessScheduler::applySettings()
{
    m_settings.sync();
    const int limit = m_settings.concurrentJobs();
    if (limit != m_service.scheduler().concurrencyLimit()) {
        m_service.setConcurrencyLimit(limit);
        log(tr("Now running at most %1 job(s) at once.").arg(limit));
    }
    const bool paused = m_settings.schedulingPaused();
    if (paused != m_service.isPaused()) {
        if (paused)
            m_service.pause();
        else
            m_service.resume();
        log(paused ? tr("Scheduling paused.") : tr("Scheduling resumed."));
    }
}

void HeadlessScheduler::onStopSignal()
{
    ++m_signals;
    if (m_mode == Mode::RunDue) {
        if (!m_stopping) {
            m_stopping = true;
            log(tr("Stopping: cancelling running jobs."));
            cancelJobs();
        }
        return;
    }
    if (m_signals == 1)
        stopDaemon();
    else
        cancelJobs();
}

void HeadlessScheduler::stopDaemon()
{
    m_stopping = true;
    m_settingsTimer.stop();
    m_service.stop();
    const int running = m_service.runningCount();
    if (running == 0) {
        log(tr("Stopped."));
        end(0);
        return;
    }
    log(tr("Stopping: waiting for %n running job(s) to finish (a second signal cancels them).",
           nullptr, running));
    m_graceTimer.start(m_stopGraceMs);
}

void HeadlessScheduler::cancelJobs()
{
    m_graceTimer.stop();
    if (m_cancelTimeout.isActive())
        return;
    m_service.cancelAll();
    m_cancelTimeout.start(kCancelTimeoutMs);
}

void HeadlessScheduler::onDrained()
{
    if (m_mode == Mode::RunDue) {
        if (m_results.isEmpty() && m_skipped > 0)
            log(tr("Nothing was run here: %n due PBX(s) are run by other schedulers.", nullptr,
                   m_skipped));
        else if (m_results.isEmpty())
            log(tr("Nothing is due."));
        else if (m_failures == 0)
            log(tr("%n backup(s) finished.", nullptr, int(m_results.size())));
        else
            log(tr("%1 of %2 backup(s) failed.").arg(m_failures).arg(m_results.size()));
        if (m_json)
            QTextStream(stdout) << QJsonDocument(m_results).toJson(QJsonDocument::Indented);
        end(m_failures > 0 || m_stopping ? 1 : 0);
        return;
    }
    if (m_stopping && m_service.runningCount() == 0) {
        log(tr("Stopped."));
        end(0);
    }
}

void HeadlessScheduler::end(int code)
{
    if (m_ended)
        return;
    m_ended = true;
    m_graceTimer.stop();
    m_cancelTimeout.stop();
    m_settingsTimer.stop();
    Q_EMIT finished(code);
}

void HeadlessScheduler::log(const QString &line)
{
    QTextStream(stderr) << QDateTime::currentDateTime().toString(Qt::ISODate)
                        << QStringLiteral(" pbxvault: ") << CliContext::printable(line) << Qt::endl;
}

} // namespace pbxvault
