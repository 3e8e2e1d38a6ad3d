#pragma once

#include "ArchiveDiff.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace pbxvault {

// Runs one ArchiveDiff on a worker thread (a big archive takes seconds) and reports on the
// thread that created the task. cancel() stops it within one block read; destroying a running
// task cancels it and waits, so nothing outlives it. start() while running cancels the
// running comparison: only the last one reports.
class DiffTask : public QObject
{
    Q_OBJECT
public:
    explicit DiffTask(QObject *parent = nullptr);
    ~DiffTask() override;

    // key: the vault key when the backups may be encrypted (copied); may be null.
    void start(const QString &oldPath, const QString &newPath, const VaultKey *key = nullptr);
    void cancel();
    bool isRunning() const; // started, and finished() or failed() not emitted yet

    // After failed(): which archive, and why (Cancelled after cancel()).
    ArchiveDiff::Side failedSide() const { return m_failedSide; }
    ArchiveMembers::Failure failure() const { return m_failure; }

Q_SIGNALS:
    void finished(const pbxvault::ArchiveComparison &result);
    void failed(const QString &message);

private:
    struct Run
    {
        std::atomic_bool cancel{false};
        std::atomic_bool done{false};
        bool ok = false;
        ArchiveComparison result;
        ArchiveDiff::Side failedSide = ArchiveDiff::Side::Old;
        ArchiveMembers::Failure failure = ArchiveMembers::Failure::None;
        QString error;
    };
    void onFinished();
    void stopRunning();

    QFutureWatcher<void> *m_watcher;
    std::shared_ptr<Run> m_run;
    ArchiveDiff::Side m_failedSide = ArchiveDiff::Side::Old;
    ArchiveMembers::Failure m_failure = ArchiveMembers::Failure::None;
};

} // namespace pbxvault
