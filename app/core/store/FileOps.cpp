#include "FileOps.h"

#include <QFile>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace pbxvault::fileops {
namespace {

#ifdef Q_OS_WIN
QString lastWindowsError()
{
    return qt_error_string(int(GetLastError()));
}
#else
QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}
#endif

} // namespace

bool syncFile(QFileDevice &file, QString *error)
{
#ifdef Q_OS_WIN
    const auto handle = reinterpret_cast<HANDLE>(_get_osfhandle(file.handle()));
    if (handle != INVALID_HANDLE_VALUE && FlushFileBuffers(handle))
        return true;
    *error = lastWindowsError();
    return false;
#else
    int rc;
    do {
        rc = ::fsync(file.handle());
    } while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return true;
    *error = errnoText(errno);
    return false;
#endif
}

void syncDirectory(const QString &dir)
{
#ifndef Q_OS_WIN
    const int fd = ::open(native(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
#else
    Q_UNUSED(dir);
#endif
}

RenameResult renameNoReplace(const QString &from, const QString &to, QString *error)
{
#ifdef Q_OS_WIN
    // Without MOVEFILE_REPLACE_EXISTING the move fails when the target exists.
    if (MoveFileExW(reinterpret_cast<LPCWSTR>(from.utf16()), reinterpret_cast<LPCWSTR>(to.utf16()),
                    MOVEFILE_WRITE_THROUGH))
        return RenameResult::Renamed;
    const DWORD err = GetLastError();
    if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS)
        return RenameResult::TargetExists;
    *error = qt_error_string(int(err));
    return RenameResult::Failed;
#else
    const QByteArray src = native(from);
    const QByteArray dst = native(to);
#ifdef Q_OS_LINUX
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return RenameResult::Renamed;
    if (errno == EEXIST)
        return RenameResult::TargetExists;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        *error = errnoText(errno);
        return RenameResult::Failed;
    }
    // The file system does not support RENAME_NOREPLACE: link + unlink is just as exclusive.
#endif
    if (::link(src.constData(), dst.constData()) != 0) {
        if (errno == EEXIST)
            return RenameResult::TargetExists;
        *error = errnoText(errno);
        return RenameResult::Failed;
    }
    ::unlink(src.constData());
    return RenameResult::Renamed;
#endif
}

bool lockAsInUse(QFileDevice &file)
{
#ifdef Q_OS_WIN
    // Qt opens files without FILE_SHARE_DELETE: nobody can remove it while it is open.
    Q_UNUSED(file);
    return true;
#else
    const int fd = file.handle();
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        return false;
    struct stat byFd = {};
    struct stat byPath = {};
    if (::fstat(fd, &byFd) != 0 || ::lstat(native(file.fileName()).constData(), &byPath) != 0)
        return false;
    return byFd.st_dev == byPath.st_dev && byFd.st_ino == byPath.st_ino;
#endif
}

bool removeIfAbandoned(const QString &path)
{
#ifdef Q_OS_WIN
    // Fails with a sharing violation while the writing process still has the file open.
    return QFile::remove(path);
#else
    const QByteArray name = native(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool removed = false;
    // flock locks die with the process that held them: a lock we can take means no owner.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        removed = ::unlink(name.constData()) == 0;
    ::close(fd);
    return removed;
#endif
}

} // namespace pbxvault::fileops
