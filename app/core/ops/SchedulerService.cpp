#include "SchedulerService.h"

#include "CatalogScheduleSource.h"
#include "CopyRetries.h"
#include "Operations.h"
#include "OperationsBackupLauncher.h"
#include "common/Clock.h"
#include "schedule/Scheduler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLockFile>
#include <QNetworkInformation>
#include <QSet>
#include <QTimer>

#include <limits>

namespace pbxvault {

namespace {

constexpr int kDefaultReloadIntervalMs = 30 * 1000;

// run-due asks a throw-away Scheduler which slots are due: it reads the real source but its
// "handled" marks are only recorded, and its launches only noted.
class RecordingSource : public ScheduleSource
{
public:
    explicit RecordingSource(ScheduleSource &inner) : m_inner(inner) {}
    QVector<ScheduledPbx> scheduledPbxs() const override { return m_inner.scheduledPbxs(); }
    void setLastSlot(qint64 pbxId, const QDateTime &slotUtc) override { handled[pbxId] = slotUtc; }

    QHash<qint64, QDateTime> handled;

private:
    ScheduleSource &m_inner;
};

class RecordingLauncher : public BackupLauncher
{
public:
    void launch(qint64 pbxId, JobTrigger trigger, Completion) override
    {
        launches.append({pbxId, trigger});
    }
    QVector<QPair<qint64, JobTrigger>> launches;
};

} // namespace

struct SchedulerService::Private
{
    Private(SchedulerService *q, Operations &ops, const Clock *givenClock)
        : q(q), ops(ops), clock(givenClock ? givenClock : &ops.clock()),
          source(ops.vault().catalog()), launcher(ops, clock), scheduler(&source, &launcher, clock),
          copyRetries(ops)
    {}

    QString pbxName(qint64 pbxId) const;
    JobTrigger recordedTrigger(qint64 pbxId, JobTrigger trigger) const;
    bool isDrained() const;
    void claimScheduling();
    void watchNetwork();
    void applyPause();
    void queueDrainCheck();
    void pruneRetries();
    void finishRunDueClaim(qint64 pbxId);
    QVector<qint64> claimRunDueSlots(const QVector<qint64> &due,
                                     const QHash<qint64, QDateTime> &dueSlots);

    SchedulerService *q;
    Operations &ops;
    const Clock *clock;
    CatalogScheduleSource source;
    OperationsBackupLauncher launcher;
    Scheduler scheduler;
    CopyRetries copyRetries;
    QTimer reloadTimer;
    // Only one process schedules a data directory (tray app, daemon or run-due); the others
    // stand by, still taking manual backups, and take over when the owner exits.
    std::unique_ptr<QLockFile> ownerLock;
    bool standby = false;
    bool networkWatched = false;
    QString owner; // who schedules instead of us, for the operator

    bool started = false;
    bool stopped = false;
    bool userPaused = false;
    bool runDue = false;
    bool lastFailed = false;
    bool busy = false; // something ran since drained() was last emitted
    bool drainCheckQueued = false;
    QSet<qint64> retryPending;
    // run-due: the trigger of each PBX it runs as one of the scheduler's manual jobs, and the
    // PBXs whose slot claims it holds until their final outcome.
    QHash<qint64, JobTrigger> runDueTriggers;
    QSet<qint64> runDueClaims;
};

QString SchedulerService::Private::pbxName(qint64 pbxId) const
{
    const std::optional<PbxRecord> pbx = ops.vault().catalog().pbx(pbxId);
    return pbx ? pbx->name : SchedulerService::tr("PBX #%1").arg(pbxId);
}

JobTrigger SchedulerService::Private::recordedTrigger(qint64 pbxId, JobTrigger trigger) const
{
    if (trigger == JobTrigger::Manual)
        return runDueTriggers.value(pbxId, trigger);
    return trigger;
}

void SchedulerService::Private::claimScheduling()
{
    if (!ownerLock) {
        ownerLock = std::make_unique<QLockFile>(
            QDir(ops.vault().dataDir()).filePath(QStringLiteral("scheduler.lock")));
        ownerLock->setStaleLockTime(0); // stale only when its process is gone
    }
    const bool wasStandby = standby;
    if (ownerLock->isLocked() || ownerLock->tryLock(0)) {
        QFile::setPermissions(
            QDir(ops.vault().dataDir()).filePath(QStringLiteral("scheduler.lock")),
            QFile::ReadOwner | QFile::WriteOwner);
        standby = false;
        owner.clear();
        copyRetries.setEnabled(!runDue && !stopped);
        if (wasStandby) {
            qCInfo(lcOps) << "the other scheduler has gone: scheduling here now";
            Q_EMIT q->activityChanged();
        }
        return;
    }
    qint64 pid = 0;
    QString host;
    QString app;
    ownerLock->getLockInfo(&pid, &host, &app);
    standby = true;
    copyRetries.setEnabled(false);
    owner = QCoreApplication::translate("pbxvault::SchedulerService",
                                        "another PBX Vault process (%1, pid %2 on %3)")
                .arg(app.isEmpty() ? QStringLiteral("pbxvault") : app)
                .arg(pid)
                .arg(host);
    if (!wasStandby) {
        qCInfo(lcOps).noquote() << "schedules of this data directory are run by" << owner
                                << "- standing by";
        Q_EMIT q->activityChanged();
    }
}

// Automatic jobs wait while the machine is offline (after a resume, say) and catch up when the
// network is back. Only a backend that reports "no network at all" reliably is used: GLib's
// calls a LAN without a default route disconnected, which would stop every backup of PBXs on
// an isolated network.
void SchedulerService::Private::watchNetwork()
{
    if (networkWatched)
        return;
    networkWatched = true;
    // NetworkManager first where it runs: it tells "no network" from "no default route".
    const bool loaded =
        QNetworkInformation::loadBackendByName(QStringLiteral("networkmanager")) ||
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    if (!loaded) {
        qCInfo(lcOps) << "no network status available: assuming the network is up";
        return;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    if (info->backendName().compare(QLatin1String("glib"), Qt::CaseInsensitive) == 0) {
        qCInfo(lcOps) << "network status from GLib not trusted: assuming the network is up";
        return;
    }
    const auto apply = [this, info] {
        const bool up = info->reachability() != QNetworkInformation::Reachability::Disconnected;
        if (up != scheduler.isNetworkAvailable())
            qCInfo(lcOps) << (up ? "network is back"
                                 : "network is down: automatic "
                                   "backups wait");
        scheduler.setNetworkAvailable(up);
    };
    QObject::connect(info, &QNetworkInformation::reachabilityChanged, q, apply);
    apply();
}

void SchedulerService::Private::applyPause()
{
    const bool wantPaused = userPaused || standby || stopped;
    if (wantPaused && !scheduler.isPaused())
        scheduler.pause();
    else if (!wantPaused && scheduler.isPaused())
        scheduler.resume();
}

bool SchedulerService::Private::isDrained() const
{
    return scheduler.isIdle() && launcher.inFlight() == 0 && (stopped || retryPending.isEmpty());
}

void SchedulerService::Private::queueDrainCheck()
{
    if (drainCheckQueued)
        return;
    drainCheckQueued = true;
    // Later, so that the scheduler has dispatched what a finished job made room for.
    QTimer::singleShot(0, q, [this] {
        drainCheckQueued = false;
        if (busy && isDrained()) {
            busy = false;
            // run-due ends here: a claim whose job never started is over too.
            const QSet<qint64> left = runDueClaims;
            for (qint64 pbxId : left)
                finishRunDueClaim(pbxId);
            qCDebug(lcOps) << "drained: nothing runs and nothing can start";
            Q_EMIT q->drained();
        }
    });
}

void SchedulerService::Private::finishRunDueClaim(qint64 pbxId)
{
    if (runDueClaims.remove(pbxId))
        source.finishClaim(pbxId);
}

// Claims the slot of each due PBX, as the resident scheduler does before starting a slot's
// job, so that a daemon sharing the catalog (on any machine) does not run it too. Returns the
// PBXs to run: those claimed, those whose claim was taken over already, and those whose
// claim could not be recorded (run anyway, as the scheduler does).
QVector<qint64>
SchedulerService::Private::claimRunDueSlots(const QVector<qint64> &due,
                                            const QHash<qint64, QDateTime> &dueSlots)
{
    QVector<qint64> toRun;
    for (qint64 pbxId : due) {
        const QDateTime slot = dueSlots.value(pbxId);
        if (!slot.isValid()) {
            toRun.append(pbxId); // not a slot of its schedule: nothing to claim
            continue;
        }
        switch (source.claimSlot(pbxId, slot)) {
        case ScheduleSource::Claim::Claimed:
            runDueClaims.insert(pbxId);
            toRun.append(pbxId);
            break;
        case ScheduleSource::Claim::HandledElsewhere:
            if (runDueClaims.contains(pbxId)) {
                toRun.append(pbxId); // the earlier slot taken over still runs here
                break;
            }
            qCInfo(lcOps).noquote()
                << "run-due: the slot of" << slot.toString(Qt::ISODate) << "of PBX" << pbxId
                << "is handled by another scheduler; skipped";
            runDueTriggers.remove(pbxId);
            Q_EMIT q->slotSkipped(pbxId, pbxName(pbxId));
            break;
        case ScheduleSource::Claim::Unavailable:
            source.setLastSlot(pbxId, slot); // not run again by the next run-due
            toRun.append(pbxId);
            break;
        }
    }
    return toRun;
}

void SchedulerService::Private::pruneRetries()
{
    const QVector<qint64> ids = scheduler.pbxIds();
    for (auto it = retryPending.begin(); it != retryPending.end();) {
        if (ids.contains(*it))
            ++it;
        else
            it = retryPending.erase(it);
    }
}

SchedulerService::SchedulerService(Operations &ops, const Clock *clock, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, ops, clock))
{
    d->reloadTimer.setInterval(kDefaultReloadIntervalMs);
    connect(&d->reloadTimer, &QTimer::timeout, this, [this] {
        if (d->standby) {
            d->claimScheduling();
            d->applyPause();
        }
        reload();
    });
    connect(&ops, &Operations::pbxsChanged, this, [this] {
        if (d->started && !d->runDue)
            reload();
    });

    d->launcher.setTriggerMap([this](qint64 pbxId, JobTrigger requested) {
        if (requested != JobTrigger::Manual || !d->runDueTriggers.contains(pbxId))
            return requested;
        return d->runDueTriggers.value(pbxId);
    });
    connect(&d->launcher, &OperationsBackupLauncher::backupStarted, this,
            [this](qint64 pbxId, JobTrigger trigger, Job *job) {
                Q_EMIT jobStarted(pbxId, trigger, job);
            });
    connect(&d->launcher, &OperationsBackupLauncher::launchEnded, this,
            [this] { d->queueDrainCheck(); });

    Scheduler *s = &d->scheduler;
    connect(s, &Scheduler::jobStarted, this, [this](qint64 pbxId, JobTrigger, int) {
        d->retryPending.remove(pbxId);
        d->busy = true;
        Q_EMIT activityChanged();
    });
    connect(s, &Scheduler::retryScheduled, this,
            [this](qint64 pbxId, JobTrigger, int, const QDateTime &atUtc, const QString &message) {
                d->retryPending.insert(pbxId);
                Q_EMIT retryScheduled(pbxId, d->pbxName(pbxId), atUtc, message);
                Q_EMIT activityChanged();
                d->queueDrainCheck();
            });
    connect(s, &Scheduler::jobFinished, this,
            [this](qint64 pbxId, JobTrigger trigger, bool ok, const QString &message) {
                d->retryPending.remove(pbxId);
                const JobTrigger recorded = d->recordedTrigger(pbxId, trigger);
                if (d->runDue) {
                    d->runDueTriggers.remove(pbxId);
                    d->finishRunDueClaim(pbxId); // the final outcome, retries included
                }
                // A cancelled job was stopped on purpose; it does not turn the icon red.
                d->lastFailed = !ok && !d->launcher.lastWasCancelled(pbxId);
                Q_EMIT jobFinished(pbxId, d->pbxName(pbxId), recorded, ok, message);
                Q_EMIT activityChanged();
                d->queueDrainCheck();
            });
    connect(s, &Scheduler::overdue, this, [this](qint64 pbxId, const QDateTime &lastSuccessUtc) {
        Q_EMIT overdue(pbxId, d->pbxName(pbxId), lastSuccessUtc);
    });
    connect(s, &Scheduler::pausedChanged, this, [this] { Q_EMIT activityChanged(); });
    connect(s, &Scheduler::idle, this, [this] { d->queueDrainCheck(); });
}

SchedulerService::~SchedulerService() = default;

Scheduler &SchedulerService::scheduler()
{
    return d->scheduler;
}

void SchedulerService::setConcurrencyLimit(int jobs)
{
    // One limit for every backup of this process: the window's and the CLI's share it.
    d->scheduler.setConcurrencyLimit(jobs);
    d->ops.setConcurrencyLimit(jobs);
}

void SchedulerService::setRetryPolicy(int maxAttempts, qint64 baseSecs)
{
    d->scheduler.setRetryPolicy(maxAttempts, baseSecs);
    d->copyRetries.setPolicy(maxAttempts, baseSecs);
}

void SchedulerService::setReloadIntervalMs(int ms)
{
    d->reloadTimer.setInterval(qMax(10, ms));
}

void SchedulerService::start()
{
    if (d->runDue) {
        qCWarning(lcOps) << "start() after runDueOnce() is not supported";
        return;
    }
    d->started = true;
    d->stopped = false;
    d->claimScheduling();
    d->watchNetwork();
    d->scheduler.start();
    d->applyPause();
    d->reloadTimer.start();
    qCInfo(lcOps) << "scheduler service started:" << d->scheduler.pbxIds().size() << "PBXs,"
                  << "limit" << d->scheduler.concurrencyLimit()
                  << (d->userPaused ? "(paused)" : "");
}

void SchedulerService::stop()
{
    if (d->stopped)
        return;
    d->stopped = true;
    d->copyRetries.setEnabled(false);
    d->started = false;
    d->reloadTimer.stop();
    d->scheduler.stop();
    // Nothing automatic starts any more; queued and waiting retries are dropped from view.
    if (!d->scheduler.isPaused())
        d->scheduler.pause();
    d->retryPending.clear();
    if (d->ownerLock)
        d->ownerLock->unlock();
    qCInfo(lcOps) << "scheduler service stopped;" << d->scheduler.runningCount()
                  << "job(s) still running";
    d->queueDrainCheck();
}

void SchedulerService::reload()
{
    if (d->runDue)
        return;
    d->scheduler.reload();
    d->pruneRetries();
    d->queueDrainCheck();
}

void SchedulerService::pause()
{
    const bool was = d->userPaused;
    d->userPaused = true;
    if (!d->scheduler.isPaused())
        d->applyPause(); // emits activityChanged through pausedChanged
    else if (!was)
        Q_EMIT activityChanged();
}

void SchedulerService::resume()
{
    const bool was = d->userPaused;
    d->userPaused = false;
    const bool wasPaused = d->scheduler.isPaused();
    d->applyPause();
    if (wasPaused == d->scheduler.isPaused() && was)
        Q_EMIT activityChanged();
}

bool SchedulerService::isPaused() const
{
    return d->userPaused;
}

bool SchedulerService::isStandingBy() const
{
    return d->standby;
}

QString SchedulerService::schedulingOwner() const
{
    return d->owner;
}

bool SchedulerService::backUpNow(qint64 pbxId)
{
    return d->scheduler.runNow(pbxId);
}

int SchedulerService::backUpAllNow()
{
    return d->scheduler.runAllNow();
}

void SchedulerService::runDueOnce()
{
    d->busy = true;
    if (d->started || d->runDue) {
        d->scheduler.tick();
        d->queueDrainCheck();
        return;
    }
    d->claimScheduling();
    if (d->standby) {
        qCInfo(lcOps).noquote() << "run-due: nothing to do, the schedules are run by" << d->owner;
        d->queueDrainCheck();
        return;
    }
    d->runDue = true;
    d->copyRetries.setEnabled(false); // nothing waits for a timer in a one-shot run
    // Claims are renewed while the run lasts, but nothing is taken over meanwhile: a one-shot
    // run would leave it behind again when it exits. What schedulers that died (a run-due
    // killed earlier, say) left is taken over once, now, and run.
    d->source.setTakingOver(false);
    const QVector<AbandonedSlot> abandoned = d->source.takeOverAbandoned();

    // Which PBXs are due, with which trigger and up to which slot: a throw-away scheduler
    // over the same catalog decides exactly as the resident one would. (Its "starting ..."
    // lines in pbxvault.schedule describe that dry run.)
    qCDebug(lcOps) << "run-due: a dry run of the scheduler decides what is due";
    RecordingSource recording(d->source);
    RecordingLauncher noted;
    QVector<qint64> scheduled;
    {
        Scheduler probe(&recording, &noted, d->clock);
        probe.setTimeZone(d->scheduler.timeZone());
        probe.setConcurrencyLimit(std::numeric_limits<int>::max());
        probe.reload();
        scheduled = probe.pbxIds();
    }
    QVector<qint64> due;
    for (const auto &launch : std::as_const(noted.launches)) {
        due.append(launch.first);
        d->runDueTriggers.insert(launch.first, launch.second);
    }
    for (auto it = recording.handled.cbegin(); it != recording.handled.cend(); ++it) {
        if (!due.contains(it.key()))
            d->source.setLastSlot(it.key(), it.value()); // first seen: nothing owed before now
    }
    QVector<qint64> toRun;
    for (const AbandonedSlot &slot : abandoned) {
        if (!scheduled.contains(slot.pbxId)) {
            d->source.finishClaim(slot.pbxId); // removed or disabled meanwhile
            continue;
        }
        qCInfo(lcOps).noquote() << "run-due: taking over the slot of"
                                << slot.slotUtc.toString(Qt::ISODate) << "of PBX" << slot.pbxId
                                << "from a scheduler that stopped";
        d->runDueClaims.insert(slot.pbxId);
        if (!d->runDueTriggers.contains(slot.pbxId))
            d->runDueTriggers.insert(slot.pbxId, JobTrigger::CatchUp);
        if (!due.contains(slot.pbxId))
            toRun.append(slot.pbxId);
    }
    toRun += d->claimRunDueSlots(due, recording.handled);
    qCInfo(lcOps) << "run-due:" << toRun.size() << "PBX(s) due";

    // The resident scheduler runs them as manual jobs while paused: its concurrency limit,
    // per-PBX exclusion and retries apply, no slot falling due meanwhile is started, and its
    // timer renews the claims.
    d->scheduler.pause();
    d->scheduler.start(); // its timers wake retries
    for (qint64 pbxId : std::as_const(toRun)) {
        if (!d->scheduler.runNow(pbxId)) {
            d->runDueTriggers.remove(pbxId);
            d->finishRunDueClaim(pbxId);
        }
    }
    d->queueDrainCheck();
}

void SchedulerService::cancelAll()
{
    d->busy = true;
    d->retryPending.clear();
    d->launcher.cancelAll();
    d->queueDrainCheck();
}

int SchedulerService::runningCount() const
{
    return d->scheduler.runningCount();
}

bool SchedulerService::lastJobFailed() const
{
    return d->lastFailed;
}

QDateTime SchedulerService::nextRun(qint64 pbxId) const
{
    return d->scheduler.nextRun(pbxId);
}

QDateTime SchedulerService::nextScheduledRun() const
{
    return d->scheduler.nextScheduledRun();
}

} // namespace pbxvault
