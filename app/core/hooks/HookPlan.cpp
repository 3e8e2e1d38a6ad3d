#include "HookPlan.h"

#include "common/AppSettings.h"

namespace pbxvault {

QVector<PlannedHook> planHooks(const AppSettings &settings, const QString &catalogId, qint64 pbxId,
                               HookEvent event)
{
    const QString name = toString(event);
    const int timeout = settings.hookTimeoutSeconds();
    QVector<PlannedHook> hooks;
    const PlannedHook general{false, {settings.hookCommand(QString(), name), timeout}};
    PlannedHook own{true, {}};
    if (pbxId > 0)
        own.command = {settings.hookCommand(AppSettings::hookScope(catalogId, pbxId), name),
                       timeout};
    const bool before = event == HookEvent::PreBackup || event == HookEvent::PreRestore;
    for (const PlannedHook &h :
         before ? QVector<PlannedHook>{general, own} : QVector<PlannedHook>{own, general}) {
        if (!h.command.isEmpty())
            hooks.append(h);
    }
    return hooks;
}

HookSequence::HookSequence(QVector<PlannedHook> hooks, const HookContext &context, QObject *parent)
    : QObject(parent), m_hooks(std::move(hooks)), m_context(context)
{}

HookSequence::~HookSequence() = default;

bool HookSequence::isPre() const
{
    return m_context.event == HookEvent::PreBackup || m_context.event == HookEvent::PreRestore;
}

void HookSequence::start()
{
    // Queued, so finished() never arrives inside start() even with nothing to run.
    QMetaObject::invokeMethod(this, &HookSequence::runNext, Qt::QueuedConnection);
}

void HookSequence::cancel()
{
    m_cancelled = true;
    if (m_current)
        m_current->cancel();
}

void HookSequence::runNext()
{
    if (m_cancelled || m_next >= m_hooks.size()) {
        Q_EMIT finished(m_failure.isEmpty() && !m_cancelled, m_failure);
        return;
    }
    const PlannedHook hook = m_hooks.at(m_next++);
    m_current = std::make_unique<HookRun>(hook.command, m_context);
    connect(m_current.get(), &HookRun::finished, this, [this, hook](const HookResult &result) {
        Q_EMIT hookFinished(hook, result);
        if (!result.ok() && m_failure.isEmpty())
            m_failure = result.summary(m_context.event);
        if (!result.ok() && isPre())
            m_next = int(m_hooks.size());
        // Not deleted here: this lambda runs inside the HookRun's own signal.
        QMetaObject::invokeMethod(this, &HookSequence::runNext, Qt::QueuedConnection);
    });
    Q_EMIT hookStarted(hook);
    m_current->start();
}

} // namespace pbxvault
