#include "FolderTarget.h"

#include "common/Sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pbxvault {

using namespace offsite_detail;

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// errno right after a failed call (Unix); the free space decides elsewhere.
CopyErrorKind kindOfLastError(const QString &dir, qint64 bytesStillNeeded)
{
#ifdef Q_OS_UNIX
    switch (errno) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG: // too big for the target's file system (FAT) or a file size limit
        return CopyErrorKind::NoSpace;
    case EACCES:
    case EPERM:
    case EROFS:
        return CopyErrorKind::PermissionDenied;
    case ENOENT:
    case ENOTDIR:
        return CopyErrorKind::NotFound;
    case EIO:
    case ENOTCONN:
    case ESTALE:
        return CopyErrorKind::ConnectionLost; // a network mount that went away
    default:
        break;
    }
#endif
    const QStorageInfo storage(dir);
    if (storage.isValid() && storage.bytesAvailable() >= 0 &&
        storage.bytesAvailable() < bytesStillNeeded)
        return CopyErrorKind::NoSpace;
    return CopyErrorKind::Other;
}

bool syncFile(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true; // QFile on Windows writes through; FlushFileBuffers would need the HANDLE
#endif
}

void syncFolder(const QString &dir)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(dir);
#endif
}

enum class Link
{
    Done,
    Exists,
    Failed
};

// Renames from to to unless `to` exists, atomically where the file system can link.
Link renameWithoutReplacing(const QString &from, const QString &to)
{
#ifdef Q_OS_UNIX
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::link(source.constData(), target.constData()) == 0) {
        ::unlink(source.constData());
        return Link::Done;
    }
    if (errno == EEXIST)
        return Link::Exists;
    // Some shares (SMB, FAT) have no hard links: check, then rename.
    if (QFileInfo::exists(to))
        return Link::Exists;
    return ::rename(source.constData(), target.constData()) == 0 ? Link::Done : Link::Failed;
#else
    if (QFileInfo::exists(to))
        return Link::Exists;
    return QFile::rename(from, to) ? Link::Done : Link::Failed; // never replaces
#endif
}

} // namespace

FolderTarget::FolderTarget(const QString &dir) : m_dir(QDir::cleanPath(dir)) {}

QString FolderTarget::pathOf(const QString &name) const
{
    return m_dir + QLatin1Char('/') + name;
}

CopyResult FolderTarget::checkFolder() const
{
    const QFileInfo info(m_dir);
    if (m_dir.isEmpty() || !info.exists()) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate(
                "Offsite", "The copy folder %1 does not exist (is the share mounted?).")
                .arg(native(m_dir)));
    }
    if (!info.isDir()) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "The copy folder %1 is not a folder.")
                .arg(native(m_dir)));
    }
    return {};
}

void FolderTarget::removeStaleParts(const QString &remoteName) const
{
    QDir dir(m_dir);
    const QStringList parts =
        dir.entryList({partPrefix(remoteName) + QLatin1Char('*')}, QDir::Files | QDir::Hidden);
    for (const QString &part : parts) {
        if (isPartOf(part, remoteName) && dir.remove(part))
            qCInfo(lcOffsite) << "removed the unfinished copy" << dir.filePath(part);
    }
}

CopyResult FolderTarget::put(const QString &localPath, const QString &remoteName,
                             const CopyProgress &progress, const CancelFlag *cancel)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    CopyResult folder = checkFolder();
    if (!folder.ok())
        return folder;

    QFile source(localPath);
    if (!source.open(QIODevice::ReadOnly)) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "Cannot read the backup %1: %2")
                .arg(native(localPath), source.errorString()));
    }
    const qint64 size = source.size();
    const QString where = native(m_dir);
    removeStaleParts(remoteName);

    const QString finalPath = pathOf(remoteName);
    if (QFileInfo::exists(finalPath)) {
        // Already there (an earlier run that lost its answer): identical is done.
        const CopyResult local = hashLocalFile(localPath, remoteName, cancel);
        if (!local.ok())
            return local;
        CopyResult existing = verify(remoteName, local.size, local.sha256, cancel);
        if (existing.kind == CopyErrorKind::Mismatch) {
            return CopyResult::failure(
                CopyErrorKind::Mismatch,
                QCoreApplication::translate("Offsite",
                                            "A different file named %1 already exists in %2; it "
                                            "was left alone.")
                    .arg(remoteName, where));
        }
        if (existing.ok() && progress)
            progress(2 * size, 2 * size);
        return existing;
    }

    const QString partPath = pathOf(newPartName(remoteName));
    QFile part(partPath);
    if (!part.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
        const CopyErrorKind kind = kindOfLastError(m_dir, size);
        return CopyResult::failure(
            kind == CopyErrorKind::Other ? CopyErrorKind::PermissionDenied : kind,
            QCoreApplication::translate("Offsite", "Cannot write in the copy folder %1: %2")
                .arg(where, part.errorString()));
    }
    auto discard = [&](CopyResult result) {
        part.close();
        QFile::remove(partPath);
        return result;
    };

    Sha256 sourceHash;
    QByteArray block(BlockSize, Qt::Uninitialized);
    qint64 written = 0;
    for (;;) {
        if (isCancelled(cancel))
            return discard(
                CopyResult::failure(CopyErrorKind::Cancelled, cancelledMessage(remoteName, where)));
        const qint64 got = source.read(block.data(), block.size());
        if (got < 0) {
            return discard(CopyResult::failure(
                CopyErrorKind::Other,
                QCoreApplication::translate("Offsite", "Cannot read the backup %1: %2")
                    .arg(native(localPath), source.errorString())));
        }
        if (got == 0)
            break;
        sourceHash.addData(QByteArrayView(block.constData(), got));
        if (part.write(block.constData(), got) != got) {
            const CopyErrorKind kind = kindOfLastError(m_dir, size - written);
            const QString message =
                kind == CopyErrorKind::NoSpace
                    ? QCoreApplication::translate(
                          "Offsite",
                          "The copy folder %1 is full: %2 of %3 bytes of %4 were written.")
                          .arg(where)
                          .arg(written)
                          .arg(size)
                          .arg(remoteName)
                    : QCoreApplication::translate("Offsite",
                                                  "Cannot write %1 in the copy folder %2: %3")
                          .arg(remoteName, where, part.errorString());
            return discard(CopyResult::failure(kind, message));
        }
        written += got;
        if (progress)
            progress(written, 2 * size);
    }
    if (!syncFile(part)) {
        const CopyErrorKind kind = kindOfLastError(m_dir, 0);
        return discard(CopyResult::failure(
            kind,
            QCoreApplication::translate("Offsite", "Cannot write %1 in the copy folder %2: %3")
                .arg(remoteName, where, part.errorString())));
    }
    part.close();

    // Read the copy back from the target: what counts is what the folder now holds.
    qint64 readBack = 0;
    const CopyResult copy = hashLocalFile(partPath, remoteName, cancel, [&](qint64 bytes) {
        readBack += bytes;
        if (progress)
            progress(written + readBack, 2 * size);
    });
    if (!copy.ok())
        return discard(
            copy.kind == CopyErrorKind::Cancelled
                ? CopyResult::failure(CopyErrorKind::Cancelled, cancelledMessage(remoteName, where))
                : copy);
    const QString sourceSha = sourceHash.hex();
    if (copy.size != written || copy.sha256 != sourceSha) {
        return discard(CopyResult::failure(
            CopyErrorKind::Mismatch,
            mismatchMessage(remoteName, where, written, copy.size, sourceSha, copy.sha256)));
    }

    switch (renameWithoutReplacing(partPath, finalPath)) {
    case Link::Done:
        break;
    case Link::Exists:
        return discard(CopyResult::failure(
            CopyErrorKind::Mismatch,
            QCoreApplication::translate(
                "Offsite",
                "A different file named %1 appeared in %2 during the copy; it was left alone.")
                .arg(remoteName, where)));
    case Link::Failed:
        return discard(CopyResult::failure(
            kindOfLastError(m_dir, 0),
            QCoreApplication::translate("Offsite", "Cannot rename the copy of %1 in %2.")
                .arg(remoteName, where)));
    }
    syncFolder(m_dir);
    qCInfo(lcOffsite) << "copied" << remoteName << "to" << m_dir << written << "bytes";
    return copy;
}

CopyResult FolderTarget::get(const QString &remoteName, const QString &localPath,
                             const CopyProgress &progress, const CancelFlag *cancel,
                             qint64 expectedSize, const QString &expectedSha256)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    RemoteFile info;
    CopyResult found = stat(remoteName, &info);
    if (!found.ok())
        return found;
    const QString where = native(m_dir);
    if (expectedSize >= 0 && info.size != expectedSize) {
        return CopyResult::failure(
            CopyErrorKind::Mismatch,
            mismatchMessage(remoteName, where, expectedSize, info.size, expectedSha256, QString()));
    }

    QFile source(pathOf(remoteName));
    if (!source.open(QIODevice::ReadOnly)) {
        return CopyResult::failure(
            kindOfLastError(m_dir, 0),
            QCoreApplication::translate("Offsite", "Cannot read %1 in the copy folder %2: %3")
                .arg(remoteName, where, source.errorString()));
    }
    QSaveFile target(localPath); // a temporary file renamed over localPath by commit()
    if (!target.open(QIODevice::WriteOnly)) {
        return CopyResult::failure(kindOfLastError(QFileInfo(localPath).absolutePath(), info.size),
                                   QCoreApplication::translate("Offsite", "Cannot write %1: %2")
                                       .arg(native(localPath), target.errorString()));
    }
    Sha256 hash;
    QByteArray block(BlockSize, Qt::Uninitialized);
    qint64 done = 0;
    for (;;) {
        if (isCancelled(cancel)) {
            target.cancelWriting();
            return CopyResult::failure(
                CopyErrorKind::Cancelled,
                QCoreApplication::translate("Offsite", "Fetching %1 from %2 was cancelled.")
                    .arg(remoteName, where));
        }
        const qint64 got = source.read(block.data(), block.size());
        if (got < 0) {
            target.cancelWriting();
            return CopyResult::failure(
                kindOfLastError(m_dir, 0),
                QCoreApplication::translate("Offsite", "Cannot read %1 in the copy folder %2: %3")
                    .arg(remoteName, where, source.errorString()));
        }
        if (got == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), got));
        if (target.write(block.constData(), got) != got) {
            const QString localDir = QFileInfo(localPath).absolutePath();
            target.cancelWriting();
            return CopyResult::failure(kindOfLastError(localDir, info.size - done),
                                       QCoreApplication::translate("Offsite", "Cannot write %1: %2")
                                           .arg(native(localPath), target.errorString()));
        }
        done += got;
        if (progress)
            progress(done, info.size);
    }
    CopyResult result;
    result.size = done;
    result.sha256 = hash.hex();
    if ((expectedSize >= 0 && done != expectedSize) ||
        (!expectedSha256.isEmpty() && result.sha256 != expectedSha256)) {
        target.cancelWriting();
        return CopyResult::failure(
            CopyErrorKind::Mismatch,
            mismatchMessage(remoteName, where, expectedSize, done, expectedSha256, result.sha256));
    }
    if (!target.commit()) {
        return CopyResult::failure(kindOfLastError(QFileInfo(localPath).absolutePath(), 0),
                                   QCoreApplication::translate("Offsite", "Cannot write %1: %2")
                                       .arg(native(localPath), target.errorString()));
    }
    return result;
}

CopyResult FolderTarget::remove(const QString &remoteName)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    CopyResult folder = checkFolder();
    if (!folder.ok())
        return folder;
    QFile file(pathOf(remoteName));
    if (!file.exists()) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "There is no copy of %1 in %2.")
                .arg(remoteName, native(m_dir)));
    }
    if (!file.remove()) {
        const CopyErrorKind kind = kindOfLastError(m_dir, 0);
        return CopyResult::failure(
            kind == CopyErrorKind::Other ? CopyErrorKind::PermissionDenied : kind,
            QCoreApplication::translate("Offsite", "Cannot delete %1 in %2: %3")
                .arg(remoteName, native(m_dir), file.errorString()));
    }
    syncFolder(m_dir);
    return {};
}

CopyResult FolderTarget::list(QList<RemoteFile> *files)
{
    files->clear();
    CopyResult folder = checkFolder();
    if (!folder.ok())
        return folder;
    const QDir dir(m_dir);
    if (!dir.isReadable()) {
        return CopyResult::failure(
            CopyErrorKind::PermissionDenied,
            QCoreApplication::translate("Offsite", "Cannot read the copy folder %1.")
                .arg(native(m_dir)));
    }
    const QFileInfoList entries = dir.entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (!entry.fileName().startsWith(QLatin1Char('.')))
            files->append({entry.fileName(), entry.size()});
    }
    return {};
}

CopyResult FolderTarget::stat(const QString &remoteName, RemoteFile *file)
{
    const QString invalid = whyInvalidName(remoteName);
    if (!invalid.isEmpty())
        return CopyResult::failure(CopyErrorKind::Other, invalid);
    CopyResult folder = checkFolder();
    if (!folder.ok())
        return folder;
    const QFileInfo info(pathOf(remoteName));
    if (!info.exists() || !info.isFile()) {
        return CopyResult::failure(
            CopyErrorKind::NotFound,
            QCoreApplication::translate("Offsite", "There is no copy of %1 in %2.")
                .arg(remoteName, native(m_dir)));
    }
    *file = {remoteName, info.size()};
    CopyResult result;
    result.size = info.size();
    return result;
}

CopyResult FolderTarget::verify(const QString &remoteName, qint64 expectedSize,
                                const QString &expectedSha256, const CancelFlag *cancel)
{
    RemoteFile info;
    CopyResult found = stat(remoteName, &info);
    if (!found.ok())
        return found;
    const QString where = native(m_dir);
    if (info.size != expectedSize) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::Mismatch,
            mismatchMessage(remoteName, where, expectedSize, info.size, expectedSha256, {}));
        result.size = info.size;
        return result;
    }
    CopyResult copy = hashLocalFile(pathOf(remoteName), remoteName, cancel);
    if (!copy.ok())
        return copy;
    if (copy.size != expectedSize || copy.sha256 != expectedSha256.toLower()) {
        CopyResult result = CopyResult::failure(
            CopyErrorKind::Mismatch, mismatchMessage(remoteName, where, expectedSize, copy.size,
                                                     expectedSha256, copy.sha256));
        result.size = copy.size;
        result.sha256 = copy.sha256;
        return result;
    }
    return copy;
}

} // namespace pbxvault
