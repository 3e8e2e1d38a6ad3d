#pragma once

#include "offsite/CopyTarget.h"

namespace pbxvault {

// Copies in a mounted folder (a NAS share, a second disk). Each put is written, fsynced,
// read back, renamed without replacing anything, and the folder fsynced.
class FolderTarget : public CopyTarget
{
public:
    explicit FolderTarget(const QString &dir);

    QString dir() const { return m_dir; }
    QString description() const override { return m_dir; }

    CopyResult put(const QString &localPath, const QString &remoteName,
                   const CopyProgress &progress = {}, const CancelFlag *cancel = nullptr) override;
    CopyResult get(const QString &remoteName, const QString &localPath,
                   const CopyProgress &progress = {}, const CancelFlag *cancel = nullptr,
                   qint64 expectedSize = -1, const QString &expectedSha256 = {}) override;
    CopyResult remove(const QString &remoteName) override;
    CopyResult list(QList<RemoteFile> *files) override;
    CopyResult stat(const QString &remoteName, RemoteFile *file) override;
    CopyResult verify(const QString &remoteName, qint64 expectedSize, const QString &expectedSha256,
                      const CancelFlag *cancel = nullptr) override;

private:
    CopyResult checkFolder() const;
    QString pathOf(const QString &name) const;
    void removeStaleParts(const QString &remoteName) const;

    QString m_dir;
};

} // namespace pbxvault
