#include "Names.h"

#include <algorithm>
#include <cstdlib>

namespace pbxsim {
namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool onlyNameChars(const std::string &text)
{
    for (char c : text) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

std::vector<long> firmwareParts(const std::string &version)
{
    std::vector<long> parts;
    std::size_t start = 0;
    while (start <= version.size()) {
        const auto dot = version.find('.', start);
        const std::string part =
            version.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        parts.push_back(std::strtol(part.c_str(), nullptr, 10));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

} // namespace

bool isValidBackupName(const std::string &name)
{
    return !name.empty() && name.size() <= 200 && onlyNameChars(name) && name[0] != '.' &&
           name[0] != '-' && name.find("..") == std::string::npos;
}

bool isValidDomain(const std::string &domain)
{
    return !domain.empty() && domain.size() <= 64 && onlyNameChars(domain) && domain[0] != '.' &&
           domain.find("..") == std::string::npos;
}

bool isValidFirmware(const std::string &version)
{
    if (version.empty() || version.size() > 32 || version.front() == '.' || version.back() == '.' ||
        version.find("..") != std::string::npos)
        return false;
    return version.find_first_not_of("0123456789.") == std::string::npos;
}

std::string firmwareFromUrlSegment(const std::string &segment)
{
    if (segment.size() >= 2 && segment.front() == '"' && segment.back() == '"')
        return segment.substr(1, segment.size() - 2);
    return segment;
}

int compareFirmware(const std::string &a, const std::string &b)
{
    std::vector<long> pa = firmwareParts(a);
    std::vector<long> pb = firmwareParts(b);
    const std::size_t n = std::max(pa.size(), pb.size());
    pa.resize(n, 0);
    pb.resize(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (pa[i] != pb[i])
            return pa[i] < pb[i] ? -1 : 1;
    }
    return 0;
}

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto slash = path.find('/', start);
        parts.push_back(
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return parts;
}

bool isSafeConfigPath(const std::string &path)
{
    if (path.empty() || path.size() > 255 || path.front() == '/')
        return false;
    const std::vector<std::string> parts = splitPath(path);
    if (parts.size() > 8)
        return false;
    for (const std::string &part : parts) {
        if (part.empty() || part == "." || part == ".." || !onlyNameChars(part))
            return false;
    }
    return true;
}

} // namespace pbxsim
