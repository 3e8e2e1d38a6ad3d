#pragma once

#include "HookRunner.h"

#include <QVector>

#include <memory>

namespace pbxvault {

class AppSettings;

struct PlannedHook
{
    bool forPbx = false; // false: the hook set for every PBX
    HookCommand command;
};

// Which commands run for one event of one PBX's job: the hook for every PBX and the PBX's own,
// both when set. Before a job the general one runs first (it may prepare what the PBX's hook
// needs, e.g. mount a share); after a job the PBX's own runs first.
QVector<PlannedHook> planHooks(const AppSettings &settings, const QString &catalogId, qint64 pbxId,
                               HookEvent event);

// Runs planned hooks one after another. Before a job (pre-*), the first failure stops the
// sequence and fails it: the job is then skipped. After a job every hook runs, and a failure is
// reported but does not change the job's outcome.
class HookSequence : public QObject
{
    Q_OBJECT
public:
    HookSequence(QVector<PlannedHook> hooks, const HookContext &context, QObject *parent = nullptr);
    ~HookSequence() override;

    void start();
    void cancel();
    bool isPre() const;

Q_SIGNALS:
    void hookStarted(const pbxvault::PlannedHook &hook);
    // One per hook that ran, in order.
    void hookFinished(const pbxvault::PlannedHook &hook, const pbxvault::HookResult &result);
    // ok: every hook succeeded. failure: the first failed hook's summary, else empty.
    void finished(bool ok, const QString &failure);

private:
    void runNext();

    QVector<PlannedHook> m_hooks;
    HookContext m_context;
    int m_next = 0;
    std::unique_ptr<HookRun> m_current;
    QString m_failure;
    bool m_cancelled = false;
};

} // namespace pbxvault
