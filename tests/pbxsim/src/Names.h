#pragma once

#include <string>
#include <vector>

namespace pbxsim {

// Backup names arrive from the network: only these ever become file names. 1-200 characters of
// [A-Za-z0-9._-], not starting with '.' or '-', no "..".
bool isValidBackupName(const std::string &name);
bool isValidDomain(const std::string &domain);    // 1-64 of [A-Za-z0-9._-], not starting with '.'
bool isValidFirmware(const std::string &version); // dotted numbers: 4.9.4
// The firmware segment of a create URL (already percent-decoded) without one pair of enclosing
// double quotes: the vendor's example client pastes the firmwareVersion body into the URL as is,
// so a PBX that answers "4.9.4" JSON-quoted gets the quotes back.
std::string firmwareFromUrlSegment(const std::string &segment);
// <0, 0, >0 like strcmp, comparing dotted versions numerically (missing parts count as 0).
int compareFirmware(const std::string &a, const std::string &b);
// A relative path inside a configuration tree: components of [A-Za-z0-9._-], none "." or "..",
// no leading '/', at most 8 levels.
bool isSafeConfigPath(const std::string &path);
std::vector<std::string> splitPath(const std::string &path);

} // namespace pbxsim
