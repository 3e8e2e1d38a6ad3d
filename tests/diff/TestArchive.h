#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

struct archive;

namespace pbxvault::test {

// Writes a gzip-compressed tar (pax) member by member, streamed, for diff tests and the diff
// benchmark. Names are written as given (UTF-8), hostile ones included.
class TestArchive
{
public:
    // gzipLevel 0 writes stored blocks: a 1 GiB archive of random data at disk speed.
    explicit TestArchive(const QString &path, int gzipLevel = 6);
    ~TestArchive();
    TestArchive(const TestArchive &) = delete;
    TestArchive &operator=(const TestArchive &) = delete;

    bool add(const QString &name, const QByteArray &content);
    // fill(buffer, offset, n) writes the member's bytes [offset, offset + n).
    bool addStreamed(const QString &name, qint64 size,
                     const std::function<void(char *, qint64, qint64)> &fill);
    bool addDirectory(const QString &name);
    bool close();
    QString error() const { return m_error; }

    using Members = QList<QPair<QString, QByteArray>>;
    static bool write(const QString &path, const Members &members, QString *error = nullptr);

private:
    bool header(const QString &name, qint64 size, bool directory);
    bool failed();

    archive *m_archive = nullptr;
    bool m_open = false;
    QString m_error;
};

} // namespace pbxvault::test
