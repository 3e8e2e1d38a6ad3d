#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pbxsim {

struct UserAccount
{
    std::string domain;
    std::string username;
    std::string password;
};

// How GET /rest/dashboard/firmwareVersion spells the version: bare text (4.9.4) or a JSON
// string ("4.9.4"). The vendor documents neither; its example client works with both.
enum class FirmwareAnswer
{
    Text,
    Json
};

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string tlsCert, tlsKey;
    std::string dataDir;
    std::vector<UserAccount> users;
    std::string firmware = "4.9.4";
    FirmwareAnswer firmwareAnswer = FirmwareAnswer::Text;
    std::uint64_t backupSize = 0;
    int restoreMs = 1000;
    std::vector<std::string> faults;
    bool verbose = false;
    bool firmwareGiven = false; // --firmware was on the command line

    // Fleet mode (--fleet N): N PBXs in one process, see Fleet.h.
    int fleet = 0;
    std::string fleetManifest;
    std::string fleetPasswordSeed; // empty = a random seed
    double fleetFailRatio = 0;
    bool fleetSharedCert = false;

    bool tls() const { return !tlsCert.empty(); }
};

// Parses argv; on failure returns false with a one-line reason in *error.
bool parseOptions(int argc, char **argv, Options *options, std::string *error);
const char *usage();

} // namespace pbxsim
