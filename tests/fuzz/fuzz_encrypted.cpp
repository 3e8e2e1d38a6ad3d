// Encrypted backup files are read back from disks and other machines that may have damaged or
// forged them. Two properties, for any input:
// - raw input as an encrypted file: DecryptingReader fails cleanly or (for a forged file it
//   cannot be) returns data; it never crashes or reads out of bounds;
// - input as plaintext, encrypted with a fixed key and then damaged as its first bytes say
//   (flip a byte, cut the file): reading returns exactly the plaintext when nothing was
//   damaged, and otherwise fails: never different data, never a silent success.

#include "FuzzSupport.h"
#include "crypto/DecryptingReader.h"
#include "crypto/EncryptingWriter.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

using namespace pbxvault;

namespace {

const VaultKey &fixedKey()
{
    static const VaultKey key = VaultKey::fromBytes(QByteArray(VaultKey::kSize, '\x5a'));
    return key;
}

// Reads everything; false on error.
bool readAll(const QByteArray &file, QByteArray *out)
{
    QBuffer in;
    in.setData(file);
    in.open(QIODevice::ReadOnly);
    DecryptingReader reader(fixedKey(), &in);
    char block[700];
    for (;;) {
        const qint64 n = reader.read(block, sizeof block);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        out->append(block, int(n));
        FUZZ_CHECK(out->size() <= file.size(), QString::number(out->size()));
    }
    FUZZ_CHECK(reader.atEnd(), QString());
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietLogging();
    FUZZ_CHECK(ensureSodium(), QString());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), int(size));
    QByteArray ignored;
    readAll(input, &ignored);

    if (size < 6)
        return 0;
    // Bytes 0-1: where to flip (0xffff: nowhere); 2: the flip mask; 3-4: where to cut
    // (0xffff: nowhere); 5: chunk size in KiB (1..8); the rest is the plaintext.
    const int flipAt = (data[0] << 8) | data[1];
    const char mask = char(data[2]);
    const int cutAt = (data[3] << 8) | data[4];
    const int chunk = 1024 * (1 + data[5] % 8);
    const QByteArray plaintext = input.mid(6);

    QBuffer out;
    out.open(QIODevice::WriteOnly);
    EncryptingWriter writer(fixedKey(), &out, chunk);
    FUZZ_CHECK(writer.write(plaintext) && writer.finish(), writer.errorString());
    QByteArray file = out.data();
    bool damaged = false;
    if (flipAt != 0xffff && flipAt < file.size() && mask != 0) {
        file[flipAt] = char(file[flipAt] ^ mask);
        damaged = true;
    }
    if (cutAt != 0xffff && cutAt < file.size()) {
        file.truncate(cutAt);
        damaged = true;
    }
    QByteArray back;
    const bool ok = readAll(file, &back);
    if (damaged)
        FUZZ_CHECK(!ok, QStringLiteral("damaged file read as %1 bytes").arg(back.size()));
    else
        FUZZ_CHECK(ok && back == plaintext, QStringLiteral("round trip lost data"));
    return 0;
}
