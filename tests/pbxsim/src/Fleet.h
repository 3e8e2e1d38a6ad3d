#pragma once

#include "Options.h"

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace pbxsim {

// One PBX of a fleet as planned from the options, before its port is bound.
struct FleetMember
{
    int index = 0;    // 1-based
    std::string name; // pbx-0001: its data directory under --data-dir
    std::string domain = "default";
    std::string username = "admin";
    std::string password;
    std::string firmware;
    bool failing = false; // answers backup creation with 503
};

// The firmware versions a fleet is spread over (round robin by index) unless --firmware is given.
const std::vector<std::string> &fleetFirmwares();
// Whether member `index` (1-based) of a fleet fails: floor(index * ratio) steps up there, so
// exactly floor(N * ratio) members of N fail, evenly spread.
bool fleetMemberFails(int index, double ratio);
// Every member's account, firmware and failure; passwords are derived from the seed.
std::vector<FleetMember> planFleet(const Options &options, const std::string &passwordSeed);

// A certificate and key for TLS servers: generated in process (EC P-256 takes about a
// millisecond where an RSA key would take ~100 ms, which matters for 1,000 PBXs) or loaded.
class FleetCertificate
{
public:
    static std::unique_ptr<FleetCertificate>
    generate(const std::string &host, const std::string &commonName, std::string *error);
    static std::unique_ptr<FleetCertificate> load(const std::string &certPath,
                                                  const std::string &keyPath, std::string *error);
    ~FleetCertificate();
    FleetCertificate(const FleetCertificate &) = delete;
    FleetCertificate &operator=(const FleetCertificate &) = delete;

    X509 *certificate() const { return m_cert; }
    EVP_PKEY *key() const { return m_key; }
    std::string fingerprint() const; // lowercase hex SHA-256 of the DER

private:
    FleetCertificate(X509 *cert, EVP_PKEY *key) : m_cert(cert), m_key(key) {}
    X509 *m_cert;
    EVP_PKEY *m_key;
};

// Threads shared by every server of a fleet, started on demand and ended after idling: the
// fleet needs as many as it has open connections, not a pool per PBX.
class WorkerPool
{
public:
    WorkerPool(std::size_t maxThreads, std::chrono::seconds idleExit);
    void enqueue(std::function<void()> job);
    std::size_t threads() const;

private:
    void work();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::size_t m_threads = 0;
    std::size_t m_idle = 0;
    const std::size_t m_maxThreads;
    const std::chrono::seconds m_idleExit;
};

// Serves the fleet until one of stopSignals arrives (they must be blocked in every thread);
// returns the process exit code, or does not return once stopped.
int runFleet(const Options &options, const sigset_t &stopSignals);

} // namespace pbxsim
