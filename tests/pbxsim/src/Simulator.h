#pragma once

#include "Auth.h"
#include "Clock.h"
#include "Faults.h"
#include "Options.h"
#include "Tenant.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace httplib {
class Server;
class TaskQueue;
struct Request;
struct Response;
class ContentReader;
} // namespace httplib

namespace pbxsim {

// The simulated KalliopePBX: the REST API of kalliope-backup-api.md, the /sim/ control
// endpoints, and fault injection, installed on an httplib server.
class Simulator
{
public:
    explicit Simulator(Options options);
    bool open(std::string *error); // data directory, tenants, command-line faults
    // newTaskQueue: where the server runs its connections; empty = a pool of its own (48 threads).
    void install(httplib::Server &server,
                 std::function<httplib::TaskQueue *()> newTaskQueue = nullptr);
    void requestStop(); // wakes sleeping handlers so the server can stop promptly
    int activeRequests() const { return m_activeRequests; }

private:
    using Request = httplib::Request;
    using Response = httplib::Response;
    using ContentReader = httplib::ContentReader;
    using Handler = std::function<void(const Request &, Response &, Tenant &, const FaultSet &)>;
    using BodyHandler = std::function<void(const Request &, Response &, const ContentReader &,
                                           Tenant &, const FaultSet &)>;

    // Route wrappers: injected status faults, then authentication, then the handler.
    void getRoute(httplib::Server &server, const std::string &pattern, Handler handler);
    void deleteRoute(httplib::Server &server, const std::string &pattern, Handler handler);
    void postRoute(httplib::Server &server, const std::string &pattern, BodyHandler handler);
    bool injectedStatus(const Request &req, Response &res, const FaultSet &faults);
    Tenant *authenticate(const Request &req, Response &res);

    void handleSalt(const Request &req, Response &res);
    void handleFirmware(Response &res, const FaultSet &faults);
    void handleCreate(const Request &req, Response &res, const ContentReader &reader,
                      Tenant &tenant, const FaultSet &faults);
    void handleList(Response &res, Tenant &tenant, const FaultSet &faults);
    void handleDownload(const Request &req, Response &res, Tenant &tenant, const FaultSet &faults);
    void handleDelete(const Request &req, Response &res, Tenant &tenant);
    void handleRestoreStored(const Request &req, Response &res, Tenant &tenant,
                             const FaultSet &faults);
    void handleUpload(const Request &req, Response &res, const ContentReader &reader,
                      Tenant &tenant, const FaultSet &faults, bool restore);

    void handleSimState(const Request &req, Response &res);
    void handleSimMutate(const Request &req, Response &res);
    void handleSimFault(const std::string &spec, Response &res);

    // Streams an open file as the response body, honouring drop-after and throttle.
    void serveFile(Response &res, int fd, std::uint64_t size, const std::string &name,
                   const FaultSet &faults);
    // Replaces the tenant's configuration with the backup at path; the restore lock is held.
    bool restoreFrom(Tenant &tenant, const std::filesystem::path &path, Response &res);
    bool tryLockRestore(Response &res, const FaultSet &faults);
    void unlockRestore();

    std::filesystem::path newTempPath(const std::string &prefix);
    std::string saltFor(const std::string &domain) const;
    Tenant *tenant(const std::string &domain) const;
    bool sleepMs(std::int64_t ms); // false when interrupted by requestStop()
    void applyFault(const std::string &spec, std::string *error, bool *ok);

    Options m_options;
    std::filesystem::path m_tmpDir;
    std::map<std::string, std::unique_ptr<Tenant>> m_tenants; // fixed after open()
    std::string m_instanceSecret;
    SimClock m_clock;
    Faults m_faults;
    std::unique_ptr<Authenticator> m_auth;
    std::atomic<bool> m_restoring{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_activeRequests{0};
    std::atomic<std::uint64_t> m_tempCounter{0};
    std::mutex m_sleepMutex;
    std::condition_variable m_sleepWake;
};

} // namespace pbxsim
