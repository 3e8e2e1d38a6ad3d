#include "Archive.h"

#include "Crypto.h"
#include "Names.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

namespace pbxsim {

const char *const PaddingMemberName = "pbxsim-padding.bin";

namespace {

constexpr std::size_t StoredBlockMax = 65535;
constexpr std::size_t GzipHeaderSize = 10;
constexpr std::size_t GzipTrailerSize = 8;

// Size of `payload` bytes as deflate stored blocks.
std::uint64_t storedSize(std::uint64_t payload)
{
    const std::uint64_t blocks = payload == 0 ? 1 : (payload + StoredBlockMax - 1) / StoredBlockMax;
    return payload + 5 * blocks;
}

// The largest payload whose stored size fits in budget.
std::uint64_t largestPayload(std::uint64_t budget)
{
    if (budget <= 5)
        return 0;
    std::uint64_t payload = budget / (StoredBlockMax + 5) * StoredBlockMax;
    const std::uint64_t rest = budget - storedSize(payload) + (payload ? 0 : 5);
    if (rest > 5)
        payload += std::min<std::uint64_t>(rest - 5, StoredBlockMax);
    while (payload > 0 && storedSize(payload) > budget)
        --payload;
    return payload;
}

// The compressed size of a gzip member holding `zeros` zero bytes (the tar trailer).
std::uint64_t deflatedZerosSize(std::size_t zeros)
{
    std::vector<unsigned char> in(zeros, 0), out(compressBound(uLong(zeros)) + 64);
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    z.next_in = in.data();
    z.avail_in = uInt(in.size());
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    const std::uint64_t size = z.total_out;
    deflateEnd(&z);
    return size;
}

// Writes a file as a sequence of gzip members: deflated by default, stored between
// beginStored() and endStored().
class GzipMembers
{
public:
    explicit GzipMembers(std::FILE *out) : m_out(out), m_block(StoredBlockMax) {}
    ~GzipMembers()
    {
        if (m_deflating)
            deflateEnd(&m_z);
    }

    bool write(const void *data, std::size_t size)
    {
        if (m_abandoned)
            return false;
        return m_stored ? writeStored(static_cast<const unsigned char *>(data), size)
                        : writeDeflated(static_cast<const unsigned char *>(data), size, Z_NO_FLUSH);
    }

    // Ends the deflated member and opens a stored one whose header carries a comment of
    // commentBytes bytes (0 = none), which is how the file reaches an exact size.
    bool beginStored(std::uint64_t commentBytes)
    {
        if (!finishDeflated())
            return false;
        unsigned char header[GzipHeaderSize] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
        if (commentBytes > 0)
            header[3] = 0x10; // FCOMMENT
        if (!put(header, sizeof header))
            return false;
        if (commentBytes > 0) {
            std::string comment = "pbxsim padding ";
            comment.resize(std::size_t(commentBytes - 1), '.');
            comment.push_back('\0');
            if (!put(comment.data(), comment.size()))
                return false;
        }
        m_stored = true;
        m_crc = crc32(0, nullptr, 0);
        m_storedBytes = 0;
        m_blockFill = 0;
        return true;
    }

    bool endStored()
    {
        if (!emitBlock(true))
            return false;
        unsigned char trailer[GzipTrailerSize];
        const std::uint32_t crc = std::uint32_t(m_crc);
        const std::uint32_t isize = std::uint32_t(m_storedBytes);
        for (int i = 0; i < 4; ++i) {
            trailer[i] = static_cast<unsigned char>(crc >> (8 * i));
            trailer[4 + i] = static_cast<unsigned char>(isize >> (8 * i));
        }
        m_stored = false;
        return put(trailer, sizeof trailer);
    }

    bool finish() { return finishDeflated(); }
    // Refuse further writes: libarchive flushes an unfinished entry (possibly gigabytes of
    // zeros) when it is freed early.
    void abandon() { m_abandoned = true; }
    std::uint64_t written() const { return m_written; }

private:
    bool put(const void *data, std::size_t size)
    {
        if (size && std::fwrite(data, 1, size, m_out) != size)
            return false;
        m_written += size;
        return true;
    }

    bool writeDeflated(const unsigned char *data, std::size_t size, int flush)
    {
        if (!m_deflating) {
            m_z = z_stream{};
            if (deflateInit2(&m_z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                return false;
            m_deflating = true;
        }
        unsigned char out[16384];
        m_z.next_in = const_cast<unsigned char *>(data);
        m_z.avail_in = uInt(size);
        int ret = Z_OK;
        do {
            m_z.next_out = out;
            m_z.avail_out = sizeof out;
            ret = deflate(&m_z, flush);
            if (ret == Z_STREAM_ERROR || !put(out, sizeof out - m_z.avail_out))
                return false;
        } while (m_z.avail_out == 0 || (flush == Z_FINISH && ret != Z_STREAM_END));
        return true;
    }

    bool finishDeflated()
    {
        if (!m_deflating)
            return true;
        const bool ok = writeDeflated(nullptr, 0, Z_FINISH);
        deflateEnd(&m_z);
        m_deflating = false;
        return ok;
    }

    bool writeStored(const unsigned char *data, std::size_t size)
    {
        m_crc = crc32(m_crc, data, uInt(size));
        m_storedBytes += size;
        while (size > 0) {
            if (m_blockFill == StoredBlockMax && !emitBlock(false))
                return false;
            const std::size_t n = std::min(size, StoredBlockMax - m_blockFill);
            std::copy(data, data + n, m_block.begin() + std::ptrdiff_t(m_blockFill));
            m_blockFill += n;
            data += n;
            size -= n;
        }
        return true;
    }

    // A block goes out only when more data follows it or the member ends, so the last one
    // can carry the BFINAL bit.
    bool emitBlock(bool final)
    {
        const unsigned char header[5] = {
            static_cast<unsigned char>(final ? 1 : 0), static_cast<unsigned char>(m_blockFill),
            static_cast<unsigned char>(m_blockFill >> 8), static_cast<unsigned char>(~m_blockFill),
            static_cast<unsigned char>(~m_blockFill >> 8)};
        const bool ok = put(header, sizeof header) && put(m_block.data(), m_blockFill);
        m_blockFill = 0;
        return ok;
    }

    std::FILE *m_out;
    std::uint64_t m_written = 0;
    z_stream m_z{};
    bool m_deflating = false;
    bool m_stored = false;
    bool m_abandoned = false;
    uLong m_crc = 0;
    std::uint64_t m_storedBytes = 0;
    std::vector<unsigned char> m_block;
    std::size_t m_blockFill = 0;
};

struct ArchiveDeleter
{
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryDeleter
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

enum class PassResult
{
    Done,
    TooBig,
    Failed
};

// One attempt at writing the archive with `padding` bytes of padding. With measureOnly it stops
// once the first member is complete and reports its size in *headSize.
PassResult writePass(std::FILE *out, const ConfigFiles &files, const std::string &manifestJson,
                     std::int64_t mtime, std::uint64_t padding, std::uint64_t targetSize,
                     bool measureOnly, std::uint64_t *headSize, const std::atomic<bool> &stop,
                     std::string *error)
{
    GzipMembers gzip(out);
    std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get());
    archive_write_set_bytes_per_block(a.get(), 0); // unblocked: every byte reaches us at once
    auto writeCallback = [](archive *, void *client, const void *buffer, size_t length) {
        return static_cast<GzipMembers *>(client)->write(buffer, length) ? la_ssize_t(length)
                                                                         : la_ssize_t(-1);
    };
    if (archive_write_open(a.get(), &gzip, nullptr, writeCallback, nullptr) != ARCHIVE_OK) {
        *error = archive_error_string(a.get());
        return PassResult::Failed;
    }

    auto addFile = [&](const std::string &path, const std::string &content) {
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname(entry.get(), path.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), la_int64_t(content.size()));
        archive_entry_set_mtime(entry.get(), time_t(mtime), 0);
        archive_entry_set_uname(entry.get(), "root");
        archive_entry_set_gname(entry.get(), "root");
        return archive_write_header(a.get(), entry.get()) == ARCHIVE_OK &&
               archive_write_data(a.get(), content.data(), content.size()) ==
                   la_ssize_t(content.size());
    };
    bool ok = addFile("manifest.json", manifestJson);
    for (const auto &[path, content] : files)
        ok = ok && addFile(path, content);
    if (ok && padding > 0) {
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname(entry.get(), PaddingMemberName);
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), la_int64_t(padding));
        archive_entry_set_mtime(entry.get(), time_t(mtime), 0);
        archive_entry_set_uname(entry.get(), "root");
        archive_entry_set_gname(entry.get(), "root");
        ok = archive_write_header(a.get(), entry.get()) == ARCHIVE_OK;

        // Close the first member to learn its size, then size the stored member's comment so
        // the whole file lands exactly on targetSize.
        ok = ok && gzip.finish();
        const std::uint64_t head = gzip.written();
        if (measureOnly) {
            gzip.abandon();
            *headSize = head;
            return ok ? PassResult::Done : PassResult::Failed;
        }
        const std::size_t tarTail = std::size_t((512 - padding % 512) % 512) + 1024;
        const std::uint64_t fixed = head + GzipHeaderSize + storedSize(padding) + GzipTrailerSize +
                                    deflatedZerosSize(tarTail);
        if (fixed > targetSize) {
            gzip.abandon();
            return PassResult::TooBig;
        }
        ok = ok && gzip.beginStored(targetSize - fixed);

        FastRandom random;
        std::vector<unsigned char> buffer(1 << 20);
        for (std::uint64_t left = padding; ok && left > 0;) {
            if (stop) {
                gzip.abandon();
                *error = "shutting down";
                return PassResult::Failed;
            }
            const std::size_t n = std::size_t(std::min<std::uint64_t>(left, buffer.size()));
            random.fill(buffer.data(), n);
            ok = archive_write_data(a.get(), buffer.data(), n) == la_ssize_t(n);
            left -= n;
        }
        ok = ok && gzip.endStored();
    }
    ok = ok && archive_write_finish_entry(a.get()) == ARCHIVE_OK &&
         archive_write_close(a.get()) == ARCHIVE_OK && gzip.finish();
    if (!ok) {
        gzip.abandon();
        *error = std::string("cannot write the archive: ") +
                 (archive_error_string(a.get()) ? archive_error_string(a.get()) : "write failed");
        return PassResult::Failed;
    }
    if (measureOnly)
        *headSize = gzip.written();
    return PassResult::Done;
}

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};

} // namespace

bool writeBackupArchive(const std::string &path, const ConfigFiles &files,
                        const std::string &manifestJson, std::int64_t mtime,
                        std::uint64_t targetSize, const std::atomic<bool> &stop, std::string *error)
{
    std::unique_ptr<std::FILE, FileCloser> out(std::fopen(path.c_str(), "wb"));
    if (!out) {
        *error = "cannot create " + path;
        return false;
    }
    std::vector<char> buffer(1 << 20);
    std::setvbuf(out.get(), buffer.data(), _IOFBF, buffer.size());
    auto rewind = [&out] {
        std::fflush(out.get());
        return std::fseek(out.get(), 0, SEEK_SET) == 0 && ftruncate(fileno(out.get()), 0) == 0;
    };

    // Size of the archive without padding: below this nothing can be padded.
    std::uint64_t plain = 0;
    if (writePass(out.get(), files, manifestJson, mtime, 0, 0, true, &plain, stop, error) !=
        PassResult::Done)
        return false;
    const std::uint64_t overhead = 2048 + GzipHeaderSize + GzipTrailerSize + 64;
    if (targetSize > plain + overhead) {
        // Measure the first member with a padding header of about the right size, then leave
        // a few bytes of slack for the stored member's comment to absorb.
        std::uint64_t head = 0;
        if (!rewind() || writePass(out.get(), files, manifestJson, mtime, targetSize, 0, true,
                                   &head, stop, error) != PassResult::Done)
            return false;
        std::uint64_t budget =
            targetSize - head - GzipHeaderSize - GzipTrailerSize - deflatedZerosSize(1536) - 32;
        for (int attempt = 0; attempt < 4; ++attempt) {
            const std::uint64_t padding = largestPayload(budget);
            if (!rewind())
                break;
            const PassResult result = writePass(out.get(), files, manifestJson, mtime, padding,
                                                targetSize, false, nullptr, stop, error);
            if (result == PassResult::Done)
                return std::fflush(out.get()) == 0;
            if (result == PassResult::Failed)
                return false;
            budget -= 256; // the first member came out larger than measured: try smaller
        }
        *error = "cannot lay out the padded archive";
        return false;
    }
    // No padding wanted: the measuring pass already wrote the whole archive.
    return std::fflush(out.get()) == 0;
}

namespace {
struct ReaderDeleter
{
    void operator()(archive *a) const { archive_read_free(a); }
};
} // namespace

bool readBackupArchive(const std::string &path, BackupContent *content, std::string *error)
{
    constexpr std::uint64_t MaxFile = 4 << 20;
    constexpr std::uint64_t MaxTotal = 16 << 20;
    std::unique_ptr<archive, ReaderDeleter> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
        *error = std::string("not a readable backup archive: ") + archive_error_string(a.get());
        return false;
    }
    std::uint64_t total = 0;
    bool haveManifest = false;
    archive_entry *entry = nullptr;
    int ret = ARCHIVE_OK;
    while ((ret = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
        while (name.compare(0, 2, "./") == 0)
            name.erase(0, 2);
        const auto type = archive_entry_filetype(entry);
        if (name == PaddingMemberName && type == AE_IFREG) {
            archive_read_data_skip(a.get());
            continue;
        }
        if (type == AE_IFDIR) {
            while (!name.empty() && name.back() == '/')
                name.pop_back();
            if (!name.empty() && !isSafeConfigPath(name)) {
                *error = "archive entry '" + name + "' is outside the configuration tree";
                return false;
            }
            continue;
        }
        if (type != AE_IFREG || archive_entry_hardlink(entry)) {
            *error = "archive entry '" + name + "' is not a regular file";
            return false;
        }
        if (name != "manifest.json" && !isSafeConfigPath(name)) {
            *error = "archive entry '" + name + "' is outside the configuration tree";
            return false;
        }
        const la_int64_t size = archive_entry_size(entry);
        if (size < 0 || std::uint64_t(size) > MaxFile || total + std::uint64_t(size) > MaxTotal) {
            *error = "archive entry '" + name + "' is too large for a configuration file";
            return false;
        }
        total += std::uint64_t(size);
        std::string data(std::size_t(size), '\0');
        if (size > 0 && archive_read_data(a.get(), &data[0], data.size()) != la_ssize_t(size)) {
            *error = std::string("cannot read archive entry '") + name +
                     "': " + (archive_error_string(a.get()) ? archive_error_string(a.get()) : "");
            return false;
        }
        if (name == "manifest.json") {
            content->manifestJson = data;
            haveManifest = true;
        } else {
            content->files[name] = data;
        }
    }
    if (ret != ARCHIVE_EOF) {
        *error = std::string("not a readable backup archive: ") +
                 (archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error");
        return false;
    }
    if (!haveManifest) {
        *error = "not a KalliopePBX backup: no manifest.json";
        return false;
    }
    return true;
}

} // namespace pbxsim
