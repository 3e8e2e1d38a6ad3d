#include "ArchiveTool.h"

#include <archive.h>
#include <archive_entry.h>

namespace pbxsim::test {

bool writeTarGz(const QString &path, const QList<ArchiveEntry> &entries)
{
    archive *a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    bool ok = archive_write_open_filename(a, path.toLocal8Bit().constData()) == ARCHIVE_OK;
    for (const ArchiveEntry &e : entries) {
        if (!ok)
            break;
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.path.toUtf8().constData());
        archive_entry_set_perm(entry, e.kind == ArchiveEntry::Directory ? 0755 : 0644);
        archive_entry_set_mtime(entry, 1700000000, 0);
        if (e.kind == ArchiveEntry::File) {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, e.content.size());
        } else if (e.kind == ArchiveEntry::Directory) {
            archive_entry_set_filetype(entry, AE_IFDIR);
        } else {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, e.linkTarget.toUtf8().constData());
        }
        ok = archive_write_header(a, entry) == ARCHIVE_OK;
        if (ok && e.kind == ArchiveEntry::File && !e.content.isEmpty())
            ok = archive_write_data(a, e.content.constData(), size_t(e.content.size())) ==
                 e.content.size();
        archive_entry_free(entry);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

ArchiveListing readArchive(const QString &path, qint64 maxContent)
{
    ArchiveListing listing;
    archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, path.toLocal8Bit().constData(), 1 << 16) != ARCHIVE_OK) {
        listing.error = QString::fromUtf8(archive_error_string(a));
        archive_read_free(a);
        return listing;
    }
    archive_entry *entry = nullptr;
    int ret = ARCHIVE_OK;
    while ((ret = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const QString name = QString::fromUtf8(archive_entry_pathname(entry));
        const qint64 size = archive_entry_size(entry);
        listing.sizes[name] = size;
        if (size > maxContent) {
            archive_read_data_skip(a);
            continue;
        }
        QByteArray data(size, Qt::Uninitialized);
        if (size > 0 && archive_read_data(a, data.data(), size_t(size)) != size) {
            listing.error = QString::fromUtf8(archive_error_string(a));
            archive_read_free(a);
            return listing;
        }
        listing.files[name] = data;
    }
    listing.ok = ret == ARCHIVE_EOF;
    if (!listing.ok)
        listing.error = QString::fromUtf8(archive_error_string(a));
    archive_read_free(a);
    return listing;
}

} // namespace pbxsim::test
