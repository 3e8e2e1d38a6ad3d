#include "LockOwner.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#endif

namespace pbxvault {

bool processExists(qint64 pid)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_WIN
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!process)
        return GetLastError() != ERROR_INVALID_PARAMETER; // access denied: it exists
    DWORD code = 0;
    const bool running = GetExitCodeProcess(process, &code) && code == STILL_ACTIVE;
    CloseHandle(process);
    return running;
#else
    if (::kill(pid_t(pid), 0) == 0)
        return true;
    return errno == EPERM; // exists, owned by someone else
#endif
}

QString LockOwner::forThisProcess()
{
    static const QString id =
        QStringLiteral("%1:%2:%3")
            .arg(QSysInfo::machineHostName())
            .arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return id;
}

LockOwner::LockOwner(const QString &id)
{
    // Split from the right: the random part and the pid never contain ':'.
    const int tokenSep = id.lastIndexOf(u':');
    const int pidSep = tokenSep > 0 ? id.lastIndexOf(u':', tokenSep - 1) : -1;
    if (pidSep < 0)
        return;
    bool ok = false;
    const qint64 pid = id.mid(pidSep + 1, tokenSep - pidSep - 1).toLongLong(&ok);
    if (!ok || pid <= 0)
        return;
    m_host = id.left(pidSep);
    m_pid = pid;
}

bool LockOwner::isOnThisHost() const
{
    return isWellFormed() && m_host == QSysInfo::machineHostName();
}

bool LockOwner::isGone() const
{
    return isOnThisHost() && m_pid != QCoreApplication::applicationPid() && !processExists(m_pid);
}

bool LockOwner::isOtherLiveProcess() const
{
    return isOnThisHost() && m_pid != QCoreApplication::applicationPid() && processExists(m_pid);
}

} // namespace pbxvault
