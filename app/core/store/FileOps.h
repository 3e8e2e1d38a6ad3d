#pragma once

// Platform file operations the store needs and Qt does not offer: durable sync, rename that
// never replaces, and a lock that marks a temp file as owned by a live process.

#include <QFileDevice>
#include <QString>

namespace pbxvault::fileops {

// Pushes the file's data to the disk (fsync / FlushFileBuffers). The device must be flushed.
bool syncFile(QFileDevice &file, QString *error);
// Makes a rename inside dir durable (fsync of the directory). Best effort; no-op on Windows.
void syncDirectory(const QString &dir);

enum class RenameResult
{
    Renamed,
    TargetExists,
    Failed
};
// Atomic rename that fails with TargetExists instead of replacing an existing file.
RenameResult renameNoReplace(const QString &from, const QString &to, QString *error);

// Whether an open temp file must be closed before it can be renamed (Windows).
constexpr bool closeBeforeRename()
{
#ifdef Q_OS_WIN
    return true;
#else
    return false;
#endif
}

// Marks the open file as in use by this process for as long as it stays open. Returns false
// when the lock cannot be taken or the path no longer names this file (someone removed it
// between our open and the lock).
bool lockAsInUse(QFileDevice &file);
// Removes path if no live process holds it (it was left by a crashed or killed process).
// Returns true when the file was removed.
bool removeIfAbandoned(const QString &path);

} // namespace pbxvault::fileops
