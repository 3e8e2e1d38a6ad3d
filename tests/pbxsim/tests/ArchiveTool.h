#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace pbxsim::test {

// libarchive helpers for the tests: craft (hostile) backup archives and look inside real ones.
struct ArchiveEntry
{
    enum Kind
    {
        File,
        Directory,
        Symlink
    };
    ArchiveEntry() = default;
    ArchiveEntry(const QString &p, const QByteArray &c, Kind k = File, const QString &link = {})
        : path(p), content(c), kind(k), linkTarget(link)
    {}
    QString path;
    QByteArray content;
    Kind kind = File;
    QString linkTarget;
};

bool writeTarGz(const QString &path, const QList<ArchiveEntry> &entries);

struct ArchiveListing
{
    bool ok = false;
    QString error;
    QMap<QString, QByteArray> files; // regular files, except the large ones
    QMap<QString, qint64> sizes;     // every regular file
};
// Reads every entry; contents of files larger than maxContent are skipped (size still listed).
ArchiveListing readArchive(const QString &path, qint64 maxContent = 1 << 20);

} // namespace pbxsim::test
