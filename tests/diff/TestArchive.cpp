#include "TestArchive.h"

#include <archive.h>
#include <archive_entry.h>

#include <vector>

namespace pbxvault::test {

TestArchive::TestArchive(const QString &path, int gzipLevel) : m_archive(archive_write_new())
{
    archive_write_set_format_pax_restricted(m_archive);
    archive_write_add_filter_gzip(m_archive);
    archive_write_set_filter_option(m_archive, "gzip", "compression-level",
                                    QByteArray::number(gzipLevel).constData());
    m_open = archive_write_open_filename(m_archive, path.toLocal8Bit().constData()) == ARCHIVE_OK;
    if (!m_open)
        failed();
}

TestArchive::~TestArchive()
{
    close();
    archive_write_free(m_archive);
}

bool TestArchive::failed()
{
    const char *text = archive_error_string(m_archive);
    m_error = QString::fromUtf8(text ? text : "archive write failed");
    return false;
}

bool TestArchive::header(const QString &name, qint64 size, bool directory)
{
    if (!m_open)
        return false;
    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
    archive_entry_set_filetype(entry, directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry, directory ? 0755 : 0644);
    archive_entry_set_size(entry, directory ? 0 : size);
    archive_entry_set_mtime(entry, 1700000000, 0);
    const bool ok = archive_write_header(m_archive, entry) == ARCHIVE_OK;
    archive_entry_free(entry);
    return ok || failed();
}

bool TestArchive::add(const QString &name, const QByteArray &content)
{
    if (!header(name, content.size(), false))
        return false;
    return content.isEmpty() ||
           archive_write_data(m_archive, content.constData(), size_t(content.size())) ==
               la_ssize_t(content.size()) ||
           failed();
}

bool TestArchive::addStreamed(const QString &name, qint64 size,
                              const std::function<void(char *, qint64, qint64)> &fill)
{
    if (!header(name, size, false))
        return false;
    std::vector<char> buffer(1 << 20);
    for (qint64 offset = 0; offset < size;) {
        const qint64 n = qMin<qint64>(qint64(buffer.size()), size - offset);
        fill(buffer.data(), offset, n);
        if (archive_write_data(m_archive, buffer.data(), size_t(n)) != la_ssize_t(n))
            return failed();
        offset += n;
    }
    return true;
}

bool TestArchive::addDirectory(const QString &name)
{
    return header(name, 0, true);
}

bool TestArchive::close()
{
    if (!m_open)
        return m_error.isEmpty();
    m_open = false;
    return archive_write_close(m_archive) == ARCHIVE_OK || failed();
}

bool TestArchive::write(const QString &path, const Members &members, QString *error)
{
    TestArchive archive(path);
    bool ok = true;
    for (const auto &[name, content] : members)
        ok = ok && archive.add(name, content);
    ok = archive.close() && ok;
    if (!ok && error)
        *error = archive.error();
    return ok;
}

} // namespace pbxvault::test
