#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace pbxvault {

class Job;
class Operations;
class OffsiteCopier;

// Off-site copies a backup could not make are tried again on the scheduler's backoff:
// base * 2^(n-1) seconds after the n-th failed attempt, until maxAttempts attempts in all (the
// backup's own copy pass is the first). Each retry copies what every target still misses (the
// copier's retry pass), under the PBX's lock; a PBX busy with another job waits for the next
// delay. The next backup of the PBX starts the count over.
class CopyRetries : public QObject
{
    Q_OBJECT
public:
    explicit CopyRetries(Operations &ops, QObject *parent = nullptr);
    ~CopyRetries() override;

    void setPolicy(int maxAttempts, qint64 baseDelaySecs);
    // Off: pending retries are dropped and none are planned (a standby or stopped scheduler).
    void setEnabled(bool enabled);
    bool isPending(qint64 pbxId) const { return m_pending.contains(pbxId); }
    QDateTime nextAttempt(qint64 pbxId) const;

Q_SIGNALS:
    // attempt: the number of the attempt just made (2 for the first retry).
    void retried(qint64 pbxId, int attempt, int copied, int failed, const QString &firstError);
    // No attempt left: the copies wait for the next backup or `target sync`.
    void gaveUp(qint64 pbxId, const QString &lastError);

private:
    struct Pending
    {
        int attempt = 2; // the one the timer will make
        QDateTime at;
        std::unique_ptr<QTimer> timer;
        std::unique_ptr<OffsiteCopier> copier;
    };
    void watch(Job *job);
    void plan(qint64 pbxId, int attempt, const QString &lastError);
    void attempt(qint64 pbxId);

    Operations &m_ops;
    int m_maxAttempts = 3;
    qint64 m_baseDelaySecs = 60;
    bool m_enabled = false; // until a started scheduler turns it on
    QHash<qint64, std::shared_ptr<Pending>> m_pending;
};

} // namespace pbxvault
