// Backup files are untrusted: a PBX, a disk or a person may hand over anything. Each input is
// a file for BackupStore::verify, listMembers and readMember (ArchiveReader over libarchive,
// plus GzipCheck), and for ArchiveReader directly with a small expansion limit. A file that
// looks encrypted (crypto/EncryptedFile.h) cannot be read without the vault key: the reports
// must say so and never call it intact.
//
// The file lives in a memfd, opened by path through /proc/self/fd: no disk I/O per input.

#include "FuzzSupport.h"
#include "crypto/EncryptedFile.h"
#include "store/ArchiveReader.h"
#include "store/BackupStore.h"

#include <QCryptographicHash>

#include <cstddef>
#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

using namespace pbxvault;

namespace {

int g_fd = -1;
QString g_path;

bool writeInput(const uint8_t *data, size_t size)
{
    if (ftruncate(g_fd, 0) != 0)
        return false;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = pwrite(g_fd, data + done, size - done, off_t(done));
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

void readDirectly(qint64 fileSize)
{
    ArchiveReader reader(g_path);
    QString error;
    FUZZ_CHECK(reader.open(&error), error);
    FUZZ_CHECK(reader.expansionLimit() == ArchiveReader::expansionLimitFor(fileSize),
               QString::number(reader.expansionLimit()));
    reader.setExpansionLimit(4 << 20);
    for (int i = 0; i < 2000; ++i) {
        const ArchiveReader::Next next = reader.next(&error);
        if (next != ArchiveReader::Next::Entry) {
            FUZZ_CHECK(next == ArchiveReader::Next::End || !error.isEmpty(), QString());
            break;
        }
        const QString name = reader.entryName();
        // At most one UTF-16 unit per byte kept, plus the ellipsis.
        FUZZ_CHECK(name.size() <= ArchiveReader::kMaxEntryNameBytes + 1, name.left(80));
        (void)reader.entrySize();
        (void)reader.entryIsDirectory();
        QByteArray sink;
        const bool read = reader.readData(&sink, 300, &error);
        FUZZ_CHECK(sink.size() <= 300, QString::number(sink.size()));
        FUZZ_CHECK(read || !error.isEmpty(), name.left(80));
        if (reader.expansionExceeded())
            FUZZ_CHECK(!read, name.left(80));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietLogging();
    g_fd = memfd_create("fuzz-archive", MFD_CLOEXEC);
    if (g_fd < 0) {
        std::perror("memfd_create");
        std::abort();
    }
    g_path = QStringLiteral("/proc/self/fd/%1").arg(g_fd);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    FUZZ_CHECK(writeInput(data, size), QStringLiteral("cannot write the memfd"));
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString expected =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());

    const VerifyReport report = BackupStore::verify(g_path, expected);
    if (isEncryptedFile(g_path)) {
        // Encrypted (or looks it) and no key given: nothing can be read or vouched for, and
        // the report says so rather than calling the file anything.
        FUZZ_CHECK(!report.fileReadable && report.state != VerifyState::Intact &&
                       report.state != VerifyState::ChecksumOnly && !report.message.isEmpty(),
                   report.message);
        QVector<ArchiveMember> members;
        QString error;
        FUZZ_CHECK(!BackupStore::listMembers(g_path, &members, &error) && !error.isEmpty(),
                   QString());
        return 0;
    }
    FUZZ_CHECK(report.fileReadable, report.message);
    FUZZ_CHECK(report.size == qint64(size), QString::number(report.size));
    // The hash is computed from libarchive's own reads (with seeks) plus what it left: it
    // must still be the file's.
    FUZZ_CHECK(report.sha256 == expected, report.sha256);
    FUZZ_CHECK(report.checksumMatches, report.message);
    FUZZ_CHECK(report.archiveRecognised || !report.archiveIntact, report.message);
    FUZZ_CHECK(!report.message.isEmpty(), QString());

    QVector<ArchiveMember> members;
    QString error;
    const bool listed = BackupStore::listMembers(g_path, &members, &error);
    FUZZ_CHECK(listed || !error.isEmpty(), QString());
    FUZZ_CHECK(!listed || report.archiveRecognised, report.message);
    // What reads completely for verify also lists (short of the member cap).
    FUZZ_CHECK(!report.archiveIntact || listed || members.size() >= 50000,
               report.message + QStringLiteral(" / ") + error);
    for (qsizetype i = 0; i < qMin<qsizetype>(members.size(), 3); ++i) {
        FUZZ_CHECK(members[i].size >= 0, members[i].name.left(80));
        QByteArray content;
        const bool read = BackupStore::readMember(g_path, members[i].name, 1024, &content, &error);
        FUZZ_CHECK(content.size() <= 1024, members[i].name.left(80));
        FUZZ_CHECK(read || !error.isEmpty(), members[i].name.left(80));
    }

    readDirectly(qint64(size));
    return 0;
}
