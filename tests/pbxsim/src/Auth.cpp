#include "Auth.h"

#include "Clock.h"
#include "Crypto.h"

#include <cctype>
#include <cstdlib>

namespace pbxsim {
namespace {

bool isHex(const std::string &text)
{
    for (const char c : text) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

} // namespace

bool parseAuthToken(const std::string &header, AuthToken *token)
{
    static const std::string scheme = "RestApiUsernameToken";
    std::size_t pos = header.find_first_not_of(" \t");
    if (pos == std::string::npos || header.compare(pos, scheme.size(), scheme) != 0)
        return false;
    pos += scheme.size();
    if (pos >= header.size() || (header[pos] != ' ' && header[pos] != '\t'))
        return false;

    std::map<std::string, std::string> fields;
    while (pos < header.size()) {
        pos = header.find_first_not_of(" \t,", pos);
        if (pos == std::string::npos)
            break;
        const auto equals = header.find('=', pos);
        if (equals == std::string::npos || equals + 1 >= header.size() || header[equals + 1] != '"')
            return false;
        std::string key = header.substr(pos, equals - pos);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t'))
            key.pop_back();
        const auto close = header.find('"', equals + 2);
        if (close == std::string::npos || key.empty() || fields.count(key))
            return false;
        fields[key] = header.substr(equals + 2, close - equals - 2);
        pos = close + 1;
    }
    auto take = [&fields](const char *key, std::string *out) {
        const auto it = fields.find(key);
        if (it == fields.end())
            return false;
        *out = it->second;
        return true;
    };
    if (!take("Username", &token->username) || !take("Digest", &token->digest) ||
        !take("Nonce", &token->nonce) || !take("Created", &token->created))
        return false;
    if (!take("Domain", &token->domain))
        token->domain = "default";
    return true;
}

std::string expectedDigest(const std::string &password, const std::string &salt,
                           const AuthToken &token)
{
    const std::string digestPassword = toHex(sha256Raw(password + "{" + salt + "}"));
    return base64(
        sha256Raw(token.nonce + digestPassword + token.username + token.domain + token.created));
}

bool NonceCache::remember(const std::string &nonce)
{
    const auto now = Clock::now();
    const auto window = std::chrono::seconds(Authenticator::WindowSeconds);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (now - m_lastPrune > std::chrono::seconds(10)) {
        for (auto it = m_seen.begin(); it != m_seen.end();)
            it = now - it->second > window ? m_seen.erase(it) : std::next(it);
        m_lastPrune = now;
    }
    const auto it = m_seen.find(nonce);
    if (it != m_seen.end() && now - it->second <= window)
        return false;
    m_seen[nonce] = now;
    return true;
}

Authenticator::Authenticator(std::vector<UserAccount> users, SaltLookup salt)
    : m_users(std::move(users)), m_salt(std::move(salt))
{}

AuthResult Authenticator::check(const std::string &headerValue, bool headerPresent,
                                std::int64_t simNow)
{
    AuthResult result;
    if (!headerPresent) {
        result.error = "missing X-authenticate header";
        return result;
    }
    AuthToken token;
    if (!parseAuthToken(headerValue, &token)) {
        result.error = "malformed X-authenticate header: expected RestApiUsernameToken "
                       "Username=\"…\", Domain=\"…\", Digest=\"…\", Nonce=\"…\", Created=\"…\"";
        return result;
    }
    if (token.nonce.size() < 8 || token.nonce.size() > 256 || !isHex(token.nonce)) {
        result.error = "nonce must be at least 8 hexadecimal characters";
        return result;
    }
    std::int64_t created = 0;
    if (!SimClock::parseIsoUtc(token.created, &created)) {
        result.error = "Created must be UTC time formatted YYYY-MM-DDThh:mm:ssZ";
        return result;
    }
    if (std::llabs(created - simNow) > WindowSeconds) {
        result.error = "Created is more than 5 minutes away from the PBX clock (" +
                       SimClock::isoUtc(simNow) + ")";
        return result;
    }
    const UserAccount *user = nullptr;
    for (const UserAccount &candidate : m_users) {
        if (candidate.domain == token.domain && candidate.username == token.username)
            user = &candidate;
    }
    if (!user) {
        result.error = "unknown user in this domain";
        return result;
    }
    if (!constantTimeEquals(expectedDigest(user->password, m_salt(user->domain), token),
                            token.digest)) {
        result.error = "digest does not match (wrong password or salt)";
        return result;
    }
    if (!m_nonces.remember(token.nonce)) {
        result.error = "nonce already used";
        return result;
    }
    result.ok = true;
    result.domain = token.domain;
    result.username = token.username;
    return result;
}

} // namespace pbxsim
