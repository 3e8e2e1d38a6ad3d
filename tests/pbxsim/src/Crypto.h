#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pbxsim {

std::string sha256Raw(const std::string &data);
std::string toHex(const std::string &bytes); // lowercase
std::string base64(const std::string &bytes);
// Cryptographically random lowercase letters and digits (salts, instance secrets).
std::string randomAlnum(std::size_t length);
bool constantTimeEquals(const std::string &a, const std::string &b);

// Incremental SHA-256.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void add(const void *data, std::size_t size);
    void add(const std::string &data) { add(data.data(), data.size()); }
    std::string hexDigest(); // finishes the hash

private:
    void *m_ctx;
};

// Fast non-cryptographic generator (xoshiro256**) for incompressible padding.
class FastRandom
{
public:
    FastRandom(); // seeded from the OS
    void fill(unsigned char *buffer, std::size_t size);

private:
    std::uint64_t next();
    std::uint64_t m_s[4];
};

} // namespace pbxsim
