#include "Scheduler.h"

#include <QPointer>
#include <QSet>

#include <algorithm>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcSchedule, "pbxvault.schedule")

namespace {

// A wall clock that moves this much more or less than monotonic time between two checks
// means the machine slept or the clock was set.
constexpr qint64 kClockJumpThresholdMs = 10 * 1000;
// Due timer intervals are capped; the periodic check covers the rest.
constexpr qint64 kMaxTimerIntervalMs = 3600 * 1000;

QString describePbx(const ScheduledPbx &p)
{
    return p.name.isEmpty() ? QStringLiteral("#%1").arg(p.pbxId)
                            : QStringLiteral("%1 (#%2)").arg(p.name).arg(p.pbxId);
}

QString isoUtc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

} // namespace

Scheduler::Scheduler(ScheduleSource *source, BackupLauncher *launcher, const Clock *clock,
                     QObject *parent)
    : QObject(parent), m_source(source), m_launcher(launcher), m_clock(clock),
      m_zone(QTimeZone::systemTimeZone())
{
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, &Scheduler::tick);
    connect(&m_clockCheckTimer, &QTimer::timeout, this, &Scheduler::checkClock);
    connect(&m_claimTimer, &QTimer::timeout, this, &Scheduler::renewClaims);
    m_lastWallMs = m_clock->nowUtc().toMSecsSinceEpoch();
    m_lastMonotonicMs = m_clock->monotonicMs();
}

Scheduler::~Scheduler() = default;

void Scheduler::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    for (auto it = m_pbxs.begin(); it != m_pbxs.end(); ++it) {
        PbxState &s = it.value();
        if (!s.cron.isValid())
            continue;
        const QDateTime handled = s.info.lastSlotUtc;
        s.nextSlot = s.cron.nextAfter(handled, m_zone);
        s.overdueBase = {};
        Q_EMIT nextRunChanged(it.key(), s.nextSlot);
    }
    rearm();
}

void Scheduler::setConcurrencyLimit(int jobs)
{
    m_concurrencyLimit = qMax(1, jobs);
    tick();
}

void Scheduler::setRetryPolicy(int maxAttempts, qint64 baseDelaySecs)
{
    m_maxAttempts = qMax(1, maxAttempts);
    m_retryBaseDelaySecs = qMax<qint64>(1, baseDelaySecs);
}

void Scheduler::setCatchUpGraceSecs(qint64 secs)
{
    m_catchUpGraceSecs = qMax<qint64>(0, secs);
}

void Scheduler::setClockCheckIntervalMs(int ms)
{
    m_clockCheckIntervalMs = qMax(1000, ms);
}

void Scheduler::start()
{
    m_started = true;
    reload();
    m_lastWallMs = m_clock->nowUtc().toMSecsSinceEpoch();
    m_lastMonotonicMs = m_clock->monotonicMs();
    m_clockCheckTimer.start(m_clockCheckIntervalMs);
    if (const int renewMs = m_source->claimRenewalIntervalMs(); renewMs > 0) {
        m_claimTimer.start(renewMs);
        renewClaims(); // slots left by a scheduler that died before this one started
    }
    qCInfo(lcSchedule) << "scheduler started:" << m_pbxs.size() << "PBXs, zone" << m_zone.id()
                       << ", limit" << m_concurrencyLimit;
    tick();
}

void Scheduler::stop()
{
    m_started = false;
    m_dueTimer.stop();
    m_clockCheckTimer.stop();
    m_claimTimer.stop();
}

void Scheduler::reload()
{
    const QDateTime now = m_clock->nowUtc();
    const QVector<ScheduledPbx> list = m_source->scheduledPbxs();
    QSet<qint64> seen;
    m_order.clear();
    for (const ScheduledPbx &info : list) {
        if (seen.contains(info.pbxId))
            continue;
        seen.insert(info.pbxId);
        m_order.append(info.pbxId);
        const bool isNew = !m_pbxs.contains(info.pbxId);
        PbxState &s = m_pbxs[info.pbxId];
        const bool cronChanged = isNew || s.info.cron != info.cron;
        const QDateTime handledBefore = s.info.lastSlotUtc;
        s.info = info;
        if (isNew)
            s.firstSeen = now;
        if (info.lastSuccessUtc.isValid() &&
            (!s.lastSuccess.isValid() || info.lastSuccessUtc > s.lastSuccess)) {
            s.lastSuccess = info.lastSuccessUtc;
        }
        if (!cronChanged) {
            s.info.lastSlotUtc = handledBefore;
            // Another process (run-due, a second instance) may have handled a later slot.
            const QDateTime theirs = info.lastSlotUtc;
            if (s.cron.isValid() && theirs.isValid() && theirs > handledBefore && theirs <= now) {
                s.info.lastSlotUtc = theirs;
                s.nextSlot = s.cron.nextAfter(theirs, m_zone);
                Q_EMIT nextRunChanged(info.pbxId, s.nextSlot);
            }
            continue;
        }
        if (!isNew) {
            const qint64 id = info.pbxId; // a slot of the old schedule no longer needs to run
            m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(),
                                         [id](const QueuedJob &j) {
                                             return j.pbxId == id && j.forSlot &&
                                                    j.trigger != JobTrigger::Manual;
                                         }),
                          m_queue.end());
        }
        s.cron = {};
        s.cronError.clear();
        s.nextSlot = {};
        s.overdueBase = {};
        s.overdueSignalled = false;
        if (!info.cron.trimmed().isEmpty()) {
            s.cron = CronExpression::parse(info.cron, &s.cronError);
            if (!s.cron.isValid()) {
                qCWarning(lcSchedule).noquote() << QStringLiteral("ignoring the schedule of %1: %2")
                                                       .arg(describePbx(info), s.cronError);
            }
        }
        if (s.cron.isValid()) {
            QDateTime handled = info.lastSlotUtc;
            if (!handled.isValid() || !isNew) {
                handled = now; // nothing before the schedule existed is owed
            } else if (handled > now) {
                qCWarning(lcSchedule).noquote()
                    << describePbx(info) << "last slot" << isoUtc(handled)
                    << "is in the future (clock set back?); restarting the schedule from now";
                handled = now;
            }
            if (handled != info.lastSlotUtc)
                m_source->setLastSlot(info.pbxId, handled);
            s.info.lastSlotUtc = handled;
            s.nextSlot = s.cron.nextAfter(handled, m_zone);
            qCDebug(lcSchedule).noquote()
                << describePbx(info) << "schedule" << info.cron << "next" << isoUtc(s.nextSlot);
        }
        Q_EMIT nextRunChanged(info.pbxId, s.nextSlot);
    }
    for (auto it = m_pbxs.begin(); it != m_pbxs.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        const qint64 id = it.key();
        m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(),
                                     [id](const QueuedJob &j) { return j.pbxId == id; }),
                      m_queue.end());
        it = m_pbxs.erase(it);
    }
    tick();
}

void Scheduler::tick()
{
    if (m_inTick) {
        m_tickAgain = true;
        return;
    }
    m_inTick = true;
    do {
        m_tickAgain = false;
        evaluate(m_clock->nowUtc());
        dispatch();
    } while (m_tickAgain);
    m_inTick = false;
    rearm();
    maybeEmitIdle();
}

void Scheduler::evaluate(const QDateTime &now)
{
    struct Candidate
    {
        QDateTime dueAt;
        QueuedJob job;
    };
    QVector<Candidate> due;
    for (qint64 id : std::as_const(m_order)) {
        PbxState &s = m_pbxs[id];
        updateOverdue(id, s, now);
        if (m_running.contains(id) || isQueued(id))
            continue; // a due slot or retry waits for the running job; it is not doubled
        if (s.nextSlot.isValid() && s.nextSlot <= now && automaticAllowed()) {
            const JobTrigger trigger = slotTrigger(s, latestSlotAtOrBefore(s, now), now);
            if (s.retryAttempt > 0) {
                qCInfo(lcSchedule).noquote()
                    << describePbx(s.info) << "a new slot replaces the pending retry";
                s.retryAttempt = 0;
            }
            due.append({s.nextSlot, {id, trigger, 1, true}});
        } else if (s.retryAttempt > 0 && s.retryAt <= now) {
            const QueuedJob retry{id, s.retryTrigger, s.retryAttempt, false};
            if (!canStart(retry))
                continue;
            s.retryAttempt = 0;
            due.append({s.retryAt, retry});
        }
    }
    // First due, first queued; PBXs due at the same moment keep the source's order.
    std::stable_sort(due.begin(), due.end(),
                     [](const Candidate &a, const Candidate &b) { return a.dueAt < b.dueAt; });
    for (const Candidate &c : std::as_const(due))
        enqueue(c.job);
}

bool Scheduler::canStart(const QueuedJob &job) const
{
    if (!m_networkAvailable && job.attempt > 1)
        return false;
    return job.trigger == JobTrigger::Manual || automaticAllowed();
}

void Scheduler::enqueue(const QueuedJob &job)
{
    m_queue.append(job);
    m_wasBusy = true;
    qCDebug(lcSchedule).noquote() << "queued" << toString(job.trigger) << "backup of PBX"
                                  << job.pbxId << "attempt" << job.attempt;
    Q_EMIT jobQueued(job.pbxId, job.trigger);
}

void Scheduler::dispatch()
{
    if (m_dispatching)
        return;
    m_dispatching = true;
    while (int(m_running.size()) < m_concurrencyLimit) {
        const auto next = std::find_if(m_queue.begin(), m_queue.end(), [this](const QueuedJob &j) {
            return canStart(j) && !m_running.contains(j.pbxId);
        });
        if (next == m_queue.end())
            break;
        const QueuedJob job = *next;
        m_queue.erase(next);
        startJob(job, m_clock->nowUtc()); // a slot handled elsewhere frees its place at once
    }
    m_dispatching = false;
}

bool Scheduler::startJob(QueuedJob job, const QDateTime &now)
{
    const auto it = m_pbxs.find(job.pbxId);
    if (it == m_pbxs.end())
        return false;
    PbxState &s = it.value();
    const bool slotDue = s.nextSlot.isValid() && s.nextSlot <= now;
    if (job.forSlot && !slotDue && job.trigger != JobTrigger::Manual) {
        // Its slot was handled while it waited in the queue: by another scheduler, as a
        // reload found out.
        qCInfo(lcSchedule).noquote() << "dropping the queued backup of" << describePbx(s.info)
                                     << ": its slot was handled by another scheduler";
        return false;
    }
    if (job.forSlot && slotDue) {
        // Time may have passed while queued: take every slot due by now.
        const QDateTime latest = latestSlotAtOrBefore(s, now);
        if (job.trigger != JobTrigger::Manual)
            job.trigger = slotTrigger(s, latest, now);
        const QDateTime firstDue = s.nextSlot;
        switch (m_source->claimSlot(job.pbxId, latest)) {
        case ScheduleSource::Claim::HandledElsewhere:
            qCInfo(lcSchedule).noquote()
                << "the slot of" << isoUtc(latest) << "of" << describePbx(s.info)
                << "is handled by another scheduler";
            markHandled(job.pbxId, s, latest);
            finishClaim(job.pbxId, s); // a retry of an earlier slot it replaced is over
            if (job.trigger != JobTrigger::Manual)
                return false;
            break; // the operator's own request still runs
        case ScheduleSource::Claim::Claimed:
            s.claimOpen = true;
            markHandled(job.pbxId, s, latest);
            break;
        case ScheduleSource::Claim::Unavailable:
            markHandled(job.pbxId, s, latest);
            break;
        }
        if (job.trigger == JobTrigger::CatchUp && latest == firstDue) {
            qCInfo(lcSchedule).noquote() << describePbx(s.info) << "catching up: the slot of"
                                         << isoUtc(latest) << "was missed, running it now";
        } else if (job.trigger == JobTrigger::CatchUp) {
            qCInfo(lcSchedule).noquote()
                << describePbx(s.info) << "catching up: slots from" << isoUtc(firstDue) << "to"
                << isoUtc(latest) << "were missed, running once now";
        }
    }
    const quint64 token = m_nextToken++;
    m_running.insert(job.pbxId, {token, job.trigger, job.attempt});
    qCInfo(lcSchedule).noquote() << "starting" << toString(job.trigger) << "backup of"
                                 << describePbx(s.info) << "attempt" << job.attempt << "of"
                                 << m_maxAttempts;
    Q_EMIT jobStarted(job.pbxId, job.trigger, job.attempt);
    QPointer<Scheduler> self(this);
    const qint64 pbxId = job.pbxId;
    m_launcher->launch(pbxId, job.trigger, [self, pbxId, token](const BackupOutcome &outcome) {
        if (self)
            self->onJobDone(pbxId, token, outcome);
    });
    return true;
}

void Scheduler::finishClaim(qint64 pbxId, PbxState &s)
{
    if (!s.claimOpen)
        return;
    s.claimOpen = false;
    m_source->finishClaim(pbxId);
}

void Scheduler::renewClaims()
{
    const QVector<AbandonedSlot> abandoned = m_source->renewAndTakeOver();
    for (const AbandonedSlot &slot : abandoned)
        adoptAbandoned(slot);
    if (!abandoned.isEmpty())
        tick();
}

// The claim is this scheduler's now: its slot runs here once, as a catch-up (which waits,
// like any automatic job, while paused or offline; the claim is renewed meanwhile).
void Scheduler::adoptAbandoned(const AbandonedSlot &slot)
{
    const auto it = m_pbxs.find(slot.pbxId);
    if (it == m_pbxs.end()) {
        m_source->finishClaim(slot.pbxId); // the PBX was removed or disabled meanwhile
        return;
    }
    PbxState &s = it.value();
    s.claimOpen = true;
    qCInfo(lcSchedule).noquote() << "taking over the slot of" << isoUtc(slot.slotUtc) << "of"
                                 << describePbx(s.info) << "from a scheduler that stopped";
    Q_EMIT claimTakenOver(slot.pbxId, slot.slotUtc);
    if (s.cron.isValid() && slot.slotUtc.isValid() &&
        (!s.info.lastSlotUtc.isValid() || slot.slotUtc > s.info.lastSlotUtc)) {
        markHandled(slot.pbxId, s, slot.slotUtc);
    }
    if (m_running.contains(slot.pbxId))
        return; // that job's outcome finishes the claim
    for (QueuedJob &queued : m_queue) {
        if (queued.pbxId != slot.pbxId)
            continue;
        // Queued here for the same slot before the other scheduler claimed it: it runs under
        // the adopted claim now, instead of being dropped as handled elsewhere.
        queued.forSlot = false;
        return;
    }
    s.retryAttempt = 0;
    enqueue({slot.pbxId, JobTrigger::CatchUp, 1, false});
}

void Scheduler::onJobDone(qint64 pbxId, quint64 token, const BackupOutcome &outcome)
{
    const auto running = m_running.constFind(pbxId);
    if (running == m_running.cend() || running->token != token) {
        qCWarning(lcSchedule) << "ignoring a second or stale completion for PBX" << pbxId;
        return;
    }
    const RunningJob job = *running;
    m_running.erase(running);
    const QDateTime now = m_clock->nowUtc();
    const auto it = m_pbxs.find(pbxId);
    PbxState *s = it == m_pbxs.end() ? nullptr : &it.value();
    const QString who = s ? describePbx(s->info) : QStringLiteral("#%1").arg(pbxId);

    if (outcome.ok) {
        qCInfo(lcSchedule).noquote() << toString(job.trigger) << "backup of" << who << "succeeded";
        if (s) {
            s->lastSuccess = now;
            s->overdueSignalled = false;
            finishClaim(pbxId, *s);
        }
        Q_EMIT jobFinished(pbxId, job.trigger, true, outcome.message);
    } else if (outcome.transient && job.attempt < m_maxAttempts && s) {
        s->retryAttempt = job.attempt + 1;
        s->retryTrigger = job.trigger;
        s->retryAt = now.addSecs(retryDelaySecs(job.attempt));
        qCWarning(lcSchedule).noquote()
            << toString(job.trigger) << "backup of" << who << "failed (attempt" << job.attempt
            << "of" << m_maxAttempts << "):" << outcome.message << "- retrying at"
            << isoUtc(s->retryAt);
        Q_EMIT retryScheduled(pbxId, job.trigger, s->retryAttempt, s->retryAt, outcome.message);
    } else {
        qCWarning(lcSchedule).noquote()
            << toString(job.trigger) << "backup of" << who << "failed"
            << (outcome.transient ? "after the last attempt:" : "(not retried):")
            << outcome.message;
        if (s)
            finishClaim(pbxId, *s);
        Q_EMIT jobFinished(pbxId, job.trigger, false, outcome.message);
    }
    tick();
}

qint64 Scheduler::retryDelaySecs(int failedAttempts) const
{
    const int doublings = qBound(0, failedAttempts - 1, 30);
    return m_retryBaseDelaySecs * (qint64(1) << doublings);
}

JobTrigger Scheduler::slotTrigger(const PbxState &s, const QDateTime &latest,
                                  const QDateTime &now) const
{
    const bool severalMissed = latest != s.nextSlot;
    const bool late = latest.secsTo(now) > m_catchUpGraceSecs;
    return severalMissed || late ? JobTrigger::CatchUp : JobTrigger::Scheduled;
}

// The latest slot at or before now, given that s.nextSlot is one. Probes windows growing
// back from now instead of stepping slot by slot through a long absence.
QDateTime Scheduler::latestSlotAtOrBefore(const PbxState &s, const QDateTime &now) const
{
    QDateTime best = s.nextSlot;
    const qint64 span = best.secsTo(now);
    for (qint64 window = 3600; window < span; window *= 4) {
        const QDateTime probe = s.cron.nextAfter(now.addSecs(-window), m_zone);
        if (probe.isValid() && probe <= now) {
            best = probe;
            break;
        }
    }
    for (;;) {
        const QDateTime next = s.cron.nextAfter(best, m_zone);
        if (!next.isValid() || next > now)
            return best;
        best = next;
    }
}

// Recording the slot in the source is claimSlot()'s part.
void Scheduler::markHandled(qint64 pbxId, PbxState &s, const QDateTime &slot)
{
    s.info.lastSlotUtc = slot;
    s.nextSlot = s.cron.nextAfter(slot, m_zone);
    Q_EMIT nextRunChanged(pbxId, s.nextSlot);
}

// Overdue: no success for twice the interval between consecutive slots, and at least two
// slots come and gone (so a weekday-only schedule is not overdue over the weekend). Without
// any success on record, counted from when this scheduler first saw the PBX.
void Scheduler::updateOverdue(qint64 pbxId, PbxState &s, const QDateTime &now)
{
    if (!s.cron.isValid())
        return;
    const QDateTime base = s.lastSuccess.isValid() ? s.lastSuccess : s.firstSeen;
    if (base != s.overdueBase) {
        s.overdueBase = base;
        s.overdueSignalled = false;
        const QDateTime first = s.cron.nextAfter(base, m_zone);
        const QDateTime second = s.cron.nextAfter(first, m_zone);
        s.overdueDeadline = {};
        if (second.isValid())
            s.overdueDeadline = qMax(base.addSecs(2 * first.secsTo(second)), second);
    }
    if (!s.overdueSignalled && s.overdueDeadline.isValid() && now >= s.overdueDeadline) {
        s.overdueSignalled = true;
        qCWarning(lcSchedule).noquote()
            << describePbx(s.info) << "is overdue: no successful backup since"
            << (s.lastSuccess.isValid() ? isoUtc(s.lastSuccess) : QStringLiteral("ever"));
        Q_EMIT overdue(pbxId, s.lastSuccess);
    }
}

QDateTime Scheduler::nextWakeUp() const
{
    QDateTime wake;
    const auto consider = [&wake](const QDateTime &t) {
        if (t.isValid() && (!wake.isValid() || t < wake))
            wake = t;
    };
    for (auto it = m_pbxs.cbegin(); it != m_pbxs.cend(); ++it) {
        const PbxState &s = it.value();
        if (!s.overdueSignalled)
            consider(s.overdueDeadline);
        if (m_running.contains(it.key()) || isQueued(it.key()))
            continue; // the job's completion ticks
        if (automaticAllowed())
            consider(s.nextSlot);
        if (s.retryAttempt > 0 && m_networkAvailable &&
            (s.retryTrigger == JobTrigger::Manual || !m_paused)) {
            consider(s.retryAt);
        }
    }
    return wake;
}

void Scheduler::rearm()
{
    if (!m_started)
        return;
    const QDateTime now = m_clock->nowUtc();
    const QDateTime wake = nextWakeUp();
    if (!wake.isValid()) {
        m_dueTimer.stop();
        return;
    }
    const qint64 ms = qBound<qint64>(0, now.msecsTo(wake), kMaxTimerIntervalMs);
    m_dueTimer.start(int(ms));
}

void Scheduler::checkClock()
{
    const QDateTime now = m_clock->nowUtc();
    const qint64 wallMs = now.toMSecsSinceEpoch();
    const qint64 monotonicMs = m_clock->monotonicMs();
    const qint64 driftMs = (wallMs - m_lastWallMs) - (monotonicMs - m_lastMonotonicMs);
    m_lastWallMs = wallMs;
    m_lastMonotonicMs = monotonicMs;
    const bool jumped = qAbs(driftMs) > kClockJumpThresholdMs;
    if (jumped) {
        qCInfo(lcSchedule) << "the wall clock moved" << driftMs / 1000
                           << "s more than monotonic time (suspend/resume or clock change)";
        Q_EMIT clockJumped(driftMs / 1000);
    }
    const QDateTime wake = nextWakeUp();
    if (jumped || (wake.isValid() && wake <= now))
        tick();
}

void Scheduler::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    qCInfo(lcSchedule) << "scheduling paused";
    Q_EMIT pausedChanged(true);
    tick();
}

void Scheduler::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    qCInfo(lcSchedule) << "scheduling resumed";
    Q_EMIT pausedChanged(false);
    tick();
}

void Scheduler::setNetworkAvailable(bool available)
{
    if (m_networkAvailable == available)
        return;
    m_networkAvailable = available;
    qCInfo(lcSchedule) << "network" << (available ? "available" : "unavailable");
    tick();
}

bool Scheduler::runNow(qint64 pbxId)
{
    const auto it = m_pbxs.find(pbxId);
    if (it == m_pbxs.end())
        return false;
    if (m_running.contains(pbxId)) {
        qCInfo(lcSchedule).noquote()
            << QStringLiteral("not starting a second backup of %1: one is running")
                   .arg(describePbx(it->info));
        return false;
    }
    for (QueuedJob &queued : m_queue) {
        if (queued.pbxId != pbxId)
            continue;
        if (queued.trigger == JobTrigger::Manual)
            return false;
        queued.trigger = JobTrigger::Manual; // the operator wants it now, paused or not
        tick();
        return true;
    }
    it->retryAttempt = 0;
    enqueue({pbxId, JobTrigger::Manual, 1, false});
    tick();
    return true;
}

int Scheduler::runAllNow()
{
    int queued = 0;
    const QVector<qint64> ids = pbxIds();
    for (qint64 id : ids) {
        if (runNow(id))
            ++queued;
    }
    return queued;
}

QVector<qint64> Scheduler::pbxIds() const
{
    return m_order;
}

QDateTime Scheduler::nextRun(qint64 pbxId) const
{
    const auto it = m_pbxs.constFind(pbxId);
    return it == m_pbxs.cend() ? QDateTime() : it->nextSlot;
}

QDateTime Scheduler::nextScheduledRun() const
{
    QDateTime best;
    for (const PbxState &s : m_pbxs) {
        if (s.nextSlot.isValid() && (!best.isValid() || s.nextSlot < best))
            best = s.nextSlot;
    }
    return best;
}

QString Scheduler::scheduleError(qint64 pbxId) const
{
    const auto it = m_pbxs.constFind(pbxId);
    return it == m_pbxs.cend() ? QString() : it->cronError;
}

bool Scheduler::isQueued(qint64 pbxId) const
{
    return std::any_of(m_queue.cbegin(), m_queue.cend(),
                       [pbxId](const QueuedJob &j) { return j.pbxId == pbxId; });
}

bool Scheduler::isOverdue(qint64 pbxId) const
{
    const auto it = m_pbxs.constFind(pbxId);
    return it != m_pbxs.cend() && it->overdueSignalled;
}

bool Scheduler::isIdle() const
{
    if (!m_running.isEmpty())
        return false;
    return std::none_of(m_queue.cbegin(), m_queue.cend(),
                        [this](const QueuedJob &j) { return canStart(j); });
}

void Scheduler::maybeEmitIdle()
{
    if (m_wasBusy && isIdle()) {
        m_wasBusy = false;
        Q_EMIT idle();
    }
}

} // namespace pbxvault
