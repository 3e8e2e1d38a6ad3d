#include "RecoveryKey.h"

#include <sodium.h>

#include <array>
#include <optional>
#include <vector>

namespace pbxvault {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kChecksumBytes = 3;
constexpr int kPayloadBytes = VaultKey::kSize + kChecksumBytes; // 35 bytes = 56 x 5 bits
static_assert(kPayloadBytes * 8 == RecoveryKey::kCharacters * 5);

using Payload = std::array<unsigned char, kPayloadBytes>;
using Symbols = std::vector<int>;

void checksum(const unsigned char *key, unsigned char *out)
{
    static const unsigned char context[] = "PBX Vault recovery key v1";
    unsigned char hash[crypto_generichash_BYTES_MIN];
    crypto_generichash(hash, sizeof hash, key, VaultKey::kSize, context, sizeof context - 1);
    std::copy(hash, hash + kChecksumBytes, out);
}

// -1 for a character that is not part of the alphabet; -2 for one that is ignored.
int symbolOf(QChar c)
{
    if (c == QLatin1Char('-') || c.isSpace())
        return -2;
    const char u = c.toUpper().toLatin1();
    switch (u) {
    case 'O':
        return 0;
    case 'I':
    case 'L':
        return 1;
    default:
        break;
    }
    for (int i = 0; i < 32; ++i) {
        if (kAlphabet[i] == u && u != 0)
            return i;
    }
    return -1;
}

Payload toPayload(const Symbols &symbols)
{
    Payload out{};
    int bit = 0;
    for (int s : symbols) {
        for (int b = 4; b >= 0; --b, ++bit) {
            if ((s >> b) & 1)
                out[bit / 8] |= static_cast<unsigned char>(0x80 >> (bit % 8));
        }
    }
    return out;
}

bool checksumMatches(const Payload &p)
{
    unsigned char expected[kChecksumBytes];
    checksum(p.data(), expected);
    return sodium_memcmp(expected, p.data() + VaultKey::kSize, kChecksumBytes) == 0;
}

bool valid(const Symbols &symbols)
{
    Payload p = toPayload(symbols);
    const bool ok = checksumMatches(p);
    sodium_memzero(p.data(), p.size());
    return ok;
}

} // namespace

QString RecoveryKey::format(const VaultKey &key)
{
    if (key.isNull() || !ensureSodium())
        return {};
    Payload p{};
    std::copy(key.bytes(), key.bytes() + VaultKey::kSize, p.begin());
    checksum(key.bytes(), p.data() + VaultKey::kSize);
    QString text;
    text.reserve(kCharacters + kCharacters / kGroupSize);
    for (int i = 0; i < kCharacters; ++i) {
        int s = 0;
        for (int b = 0; b < 5; ++b) {
            const int bit = i * 5 + b;
            s = (s << 1) | ((p[bit / 8] >> (7 - bit % 8)) & 1);
        }
        if (i > 0 && i % kGroupSize == 0)
            text += QLatin1Char('-');
        text += QLatin1Char(kAlphabet[s]);
    }
    sodium_memzero(p.data(), p.size());
    return text;
}

VaultKey RecoveryKey::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return VaultKey();
    };
    if (!ensureSodium())
        return fail(tr("The encryption library could not be started."));

    Symbols symbols;
    symbols.reserve(kCharacters);
    for (QChar c : text) {
        const int s = symbolOf(c);
        if (s == -2)
            continue;
        if (s == -1) {
            return fail(tr("Character %1 of the recovery key (\"%2\") cannot be part of a "
                           "recovery key: it uses only digits and the letters A to Z except "
                           "I, L, O and U.")
                            .arg(symbols.size() + 1)
                            .arg(c));
        }
        symbols.push_back(s);
    }
    if (symbols.empty())
        return fail(tr("The recovery key is empty."));
    if (int(symbols.size()) != kCharacters) {
        return fail(tr("The recovery key has %1 characters, but a recovery key has %2 "
                       "(%3 groups of %4): a character is missing or there is one too many.")
                        .arg(symbols.size())
                        .arg(kCharacters)
                        .arg(kCharacters / kGroupSize)
                        .arg(kGroupSize));
    }

    if (valid(symbols)) {
        Payload p = toPayload(symbols);
        VaultKey key = VaultKey::fromBytes(
            QByteArrayView(reinterpret_cast<const char *>(p.data()), VaultKey::kSize));
        sodium_memzero(p.data(), p.size());
        sodium_memzero(symbols.data(), symbols.size() * sizeof(int));
        return key;
    }

    // A typo. Look for the one character that explains it: a single changed character, or
    // two neighbours swapped. Only a unique explanation is named.
    std::optional<int> changedAt;
    bool ambiguous = false;
    for (int i = 0; i < kCharacters && !ambiguous; ++i) {
        const int original = symbols[size_t(i)];
        for (int v = 0; v < 32; ++v) {
            if (v == original)
                continue;
            symbols[size_t(i)] = v;
            if (valid(symbols)) {
                if (changedAt && *changedAt != i)
                    ambiguous = true;
                changedAt = i;
            }
        }
        symbols[size_t(i)] = original;
    }
    std::optional<int> swappedAt;
    for (int i = 0; i + 1 < kCharacters && !ambiguous; ++i) {
        if (symbols[size_t(i)] == symbols[size_t(i) + 1])
            continue;
        std::swap(symbols[size_t(i)], symbols[size_t(i) + 1]);
        if (valid(symbols)) {
            if (swappedAt || changedAt)
                ambiguous = true;
            swappedAt = i;
        }
        std::swap(symbols[size_t(i)], symbols[size_t(i) + 1]);
    }
    sodium_memzero(symbols.data(), symbols.size() * sizeof(int));

    if (!ambiguous && changedAt) {
        return fail(tr("The recovery key has a typo: character %1 (in group %2) looks wrong.")
                        .arg(*changedAt + 1)
                        .arg(*changedAt / kGroupSize + 1));
    }
    if (!ambiguous && swappedAt) {
        return fail(tr("The recovery key has a typo: characters %1 and %2 look swapped.")
                        .arg(*swappedAt + 1)
                        .arg(*swappedAt + 2));
    }
    return fail(tr("The recovery key has a typo: its checksum does not match. Check every "
                   "group against the printed key."));
}

} // namespace pbxvault
