#include "Options.h"

#include "Names.h"

#include <cerrno>
#include <cstdlib>

namespace pbxsim {
namespace {

bool parseUnsigned(const std::string &text, std::uint64_t max, std::uint64_t *value)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    errno = 0;
    const unsigned long long parsed = std::strtoull(text.c_str(), nullptr, 10);
    if (errno != 0 || parsed > max)
        return false;
    *value = parsed;
    return true;
}

bool parseUser(const std::string &text, UserAccount *user)
{
    const auto first = text.find(':');
    if (first == std::string::npos)
        return false;
    const auto second = text.find(':', first + 1);
    if (second == std::string::npos)
        return false;
    user->domain = text.substr(0, first);
    user->username = text.substr(first + 1, second - first - 1);
    user->password = text.substr(second + 1);
    return isValidDomain(user->domain) && !user->username.empty();
}

bool checkFleetOptions(const Options &options, std::string *error)
{
    if (options.fleetManifest.empty()) {
        *error = "--fleet needs --fleet-manifest FILE";
        return false;
    }
    if (!options.users.empty()) {
        *error = "--user does not go with --fleet: every PBX of a fleet gets its own admin "
                 "account, listed in the manifest";
        return false;
    }
    if (options.fleetSharedCert && options.tls()) {
        *error = "--fleet-shared-cert generates the shared certificate; with --tls-cert every "
                 "PBX already shares that one";
        return false;
    }
    if (options.port != 0 && options.port + options.fleet - 1 > 65535) {
        *error = "--fleet " + std::to_string(options.fleet) + " from port " +
                 std::to_string(options.port) + " runs past port 65535";
        return false;
    }
    return true;
}

} // namespace

const char *usage()
{
    return "usage: pbxsim --listen HOST:PORT [--tls-cert FILE --tls-key FILE] --data-dir DIR\n"
           "              --user DOMAIN:USERNAME:PASSWORD [--user ...] [--firmware VERSION]\n"
           "              [--firmware-answer text|json]\n"
           "              [--backup-size BYTES] [--restore-ms N] [--fault SPEC]... [--verbose]\n"
           "fleet:  pbxsim --fleet N --fleet-manifest FILE --listen HOST:PORT --data-dir DIR\n"
           "              [--fleet-password-seed SEED] [--fleet-fail-ratio R] "
           "[--fleet-shared-cert]\n"
           "              [--tls-cert FILE --tls-key FILE] [--firmware VERSION] [other options]\n";
}

bool parseOptions(int argc, char **argv, Options *options, std::string *error)
{
    bool listenGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--verbose") {
            options->verbose = true;
            continue;
        }
        if (arg == "--fleet-shared-cert") {
            options->fleetSharedCert = true;
            continue;
        }
        if (arg == "--help" || arg == "-h") {
            *error = "help";
            return false;
        }
        if (i + 1 >= argc) {
            *error = "missing value after " + arg;
            return false;
        }
        const std::string value = argv[++i];
        std::uint64_t number = 0;
        if (arg == "--listen") {
            const auto colon = value.rfind(':');
            if (colon == std::string::npos || colon == 0 ||
                !parseUnsigned(value.substr(colon + 1), 65535, &number)) {
                *error = "--listen wants HOST:PORT, got '" + value + "'";
                return false;
            }
            options->host = value.substr(0, colon);
            options->port = static_cast<int>(number);
            listenGiven = true;
        } else if (arg == "--tls-cert") {
            options->tlsCert = value;
        } else if (arg == "--tls-key") {
            options->tlsKey = value;
        } else if (arg == "--data-dir") {
            options->dataDir = value;
        } else if (arg == "--user") {
            UserAccount user;
            if (!parseUser(value, &user)) {
                *error = "--user wants DOMAIN:USERNAME:PASSWORD (domain of letters, digits, "
                         "'.', '-', '_'), got '" +
                         value + "'";
                return false;
            }
            options->users.push_back(user);
        } else if (arg == "--firmware") {
            if (!isValidFirmware(value)) {
                *error = "--firmware wants a dotted version such as 4.9.4, got '" + value + "'";
                return false;
            }
            options->firmware = value;
            options->firmwareGiven = true;
        } else if (arg == "--firmware-answer") {
            if (value == "text") {
                options->firmwareAnswer = FirmwareAnswer::Text;
            } else if (value == "json") {
                options->firmwareAnswer = FirmwareAnswer::Json;
            } else {
                *error = "--firmware-answer wants text or json, got '" + value + "'";
                return false;
            }
        } else if (arg == "--backup-size") {
            if (!parseUnsigned(value, std::uint64_t(1) << 40, &number)) {
                *error = "--backup-size wants a byte count, got '" + value + "'";
                return false;
            }
            options->backupSize = number;
        } else if (arg == "--restore-ms") {
            if (!parseUnsigned(value, 3600 * 1000, &number)) {
                *error = "--restore-ms wants milliseconds, got '" + value + "'";
                return false;
            }
            options->restoreMs = static_cast<int>(number);
        } else if (arg == "--fault") {
            options->faults.push_back(value);
        } else if (arg == "--fleet") {
            if (!parseUnsigned(value, 10000, &number) || number == 0) {
                *error = "--fleet wants a PBX count from 1 to 10000, got '" + value + "'";
                return false;
            }
            options->fleet = static_cast<int>(number);
        } else if (arg == "--fleet-manifest") {
            options->fleetManifest = value;
        } else if (arg == "--fleet-password-seed") {
            options->fleetPasswordSeed = value;
        } else if (arg == "--fleet-fail-ratio") {
            char *end = nullptr;
            errno = 0;
            const double ratio = std::strtod(value.c_str(), &end);
            if (value.empty() || errno != 0 || *end != '\0' || !(ratio >= 0 && ratio <= 1)) {
                *error = "--fleet-fail-ratio wants a fraction from 0 to 1, got '" + value + "'";
                return false;
            }
            options->fleetFailRatio = ratio;
        } else {
            *error = "unknown option " + arg;
            return false;
        }
    }
    if (!listenGiven) {
        *error = "--listen is required";
        return false;
    }
    if (options->dataDir.empty()) {
        *error = "--data-dir is required";
        return false;
    }
    if (options->tlsCert.empty() != options->tlsKey.empty()) {
        *error = "--tls-cert and --tls-key go together";
        return false;
    }
    if (options->fleet > 0)
        return checkFleetOptions(*options, error);
    if (!options->fleetManifest.empty() || !options->fleetPasswordSeed.empty() ||
        options->fleetFailRatio > 0 || options->fleetSharedCert) {
        *error = "the --fleet-* options need --fleet N";
        return false;
    }
    if (options->users.empty()) {
        *error = "at least one --user is required";
        return false;
    }
    return true;
}

} // namespace pbxsim
