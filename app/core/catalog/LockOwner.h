#pragma once

#include <QString>

namespace pbxvault {

// The holder of a PBX lock or of a running job, as "<host>:<pid>:<random>". The random part
// keeps ids unique where host and pid are not (a pid reused later, containers that share a
// host name). A reused pid makes a dead holder look alive; the stale limit covers that.
class LockOwner
{
public:
    static QString forThisProcess();

    explicit LockOwner(const QString &id);
    bool isWellFormed() const { return m_pid > 0; }
    QString host() const { return m_host; }
    qint64 pid() const { return m_pid; }

    bool isOnThisHost() const;
    // Certainly dead: it ran on this host and its process no longer exists. A holder on
    // another host (a catalog on a shared folder) cannot be checked and never counts as gone.
    bool isGone() const;
    // Another process on this host that is still running.
    bool isOtherLiveProcess() const;

private:
    QString m_host;
    qint64 m_pid = 0;
};

bool processExists(qint64 pid);

} // namespace pbxvault
