#pragma once

#include "Options.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pbxsim {

// The fields of one X-authenticate header.
struct AuthToken
{
    std::string username, domain, digest, nonce, created;
};

// "RestApiUsernameToken Username="…", Domain="…", Digest="…", Nonce="…", Created="…"".
// Field order is free; Domain defaults to "default" when absent.
bool parseAuthToken(const std::string &header, AuthToken *token);

// Digest = base64(sha256(nonce + hex(sha256(password + "{" + salt + "}")) + username + domain +
// created)), the KalliopePBX RestApiUsernameToken scheme.
std::string expectedDigest(const std::string &password, const std::string &salt,
                           const AuthToken &token);

// Remembers nonces for five minutes so a repeat is refused.
class NonceCache
{
public:
    // False when the nonce was seen within the window; otherwise records it.
    bool remember(const std::string &nonce);

private:
    using Clock = std::chrono::steady_clock;
    std::mutex m_mutex;
    std::unordered_map<std::string, Clock::time_point> m_seen;
    Clock::time_point m_lastPrune{};
};

struct AuthResult
{
    bool ok = false;
    std::string error; // which rule failed
    std::string domain, username;
};

class Authenticator
{
public:
    using SaltLookup = std::function<std::string(const std::string &domain)>;
    Authenticator(std::vector<UserAccount> users, SaltLookup salt);

    // headerValue empty = header missing; simNow = the PBX clock in epoch seconds.
    AuthResult check(const std::string &headerValue, bool headerPresent, std::int64_t simNow);

    static constexpr std::int64_t WindowSeconds = 300;

private:
    std::vector<UserAccount> m_users;
    SaltLookup m_salt;
    NonceCache m_nonces;
};

} // namespace pbxsim
