#include "Fleet.h"

#include "Crypto.h"
#include "Json.h"
#include "Simulator.h"

#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace fs = std::filesystem;

namespace pbxsim {
namespace {

// Runs a fleet server's connections on the shared WorkerPool. httplib deletes its task queue
// when the server stops, so this is only a handle; the pool outlives every server.
class SharedTaskQueue : public httplib::TaskQueue
{
public:
    explicit SharedTaskQueue(WorkerPool &pool) : m_pool(pool) {}
    void enqueue(std::function<void()> fn) override { m_pool.enqueue(std::move(fn)); }
    void shutdown() override {}

private:
    WorkerPool &m_pool;
};

std::string memberName(int index)
{
    char name[32];
    std::snprintf(name, sizeof name, "pbx-%04d", index);
    return name;
}

bool isIpAddress(const std::string &host)
{
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

std::string urlHost(const std::string &host)
{
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::string lastOpenSslError()
{
    char text[256] = "unknown OpenSSL error";
    if (const unsigned long code = ERR_get_error())
        ERR_error_string_n(code, text, sizeof text);
    return text;
}

// 1,000 listening sockets and their connections do not fit the usual soft limit of 1,024.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

struct ProcessFigures
{
    long rssKiB = -1;
    long threads = -1;
    long fds = -1;
};

ProcessFigures processFigures()
{
    ProcessFigures figures;
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:")
            status >> figures.rssKiB;
        else if (key == "Threads:")
            status >> figures.threads;
        status.ignore(1 << 20, '\n');
    }
    if (DIR *dir = opendir("/proc/self/fd")) {
        figures.fds = 0;
        while (const dirent *entry = readdir(dir))
            if (entry->d_name[0] != '.')
                ++figures.fds;
        --figures.fds; // the directory being read
        closedir(dir);
    }
    return figures;
}

struct RunningMember
{
    FleetMember plan;
    int port = 0;
    std::string fingerprint;
    std::string dataDir;
    std::unique_ptr<Simulator> simulator;
    std::unique_ptr<httplib::Server> server;
};

std::string manifestJson(const Options &options, const std::vector<RunningMember> &members,
                         bool sharedCertificate)
{
    std::string json =
        "{\"count\":" + std::to_string(members.size()) +
        ",\"tls\":true,\"shared_certificate\":" + (sharedCertificate ? "true" : "false") +
        ",\"fail_ratio\":" + std::to_string(options.fleetFailRatio) + ",\"pbxs\":[";
    for (std::size_t i = 0; i < members.size(); ++i) {
        const RunningMember &m = members[i];
        json += std::string(i ? "," : "") + "\n{\"index\":" + std::to_string(m.plan.index) +
                ",\"name\":" + jsonQuote(m.plan.name) + ",\"url\":" +
                jsonQuote("https://" + urlHost(options.host) + ":" + std::to_string(m.port)) +
                ",\"host\":" + jsonQuote(options.host) + ",\"port\":" + std::to_string(m.port) +
                ",\"domain\":" + jsonQuote(m.plan.domain) +
                ",\"username\":" + jsonQuote(m.plan.username) +
                ",\"password\":" + jsonQuote(m.plan.password) +
                ",\"fingerprint\":" + jsonQuote(m.fingerprint) +
                ",\"firmware\":" + jsonQuote(m.plan.firmware) +
                ",\"failing\":" + (m.plan.failing ? "true" : "false") +
                ",\"data_dir\":" + jsonQuote(m.dataDir) + "}";
    }
    return json + "\n]}\n";
}

// The manifest holds passwords: owner-only, and complete or absent (written aside, renamed).
bool writeManifest(const std::string &path, const std::string &content, std::string *error)
{
    const std::string temp = path + ".tmp-" + std::to_string(getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0;
    for (std::size_t done = 0; ok && done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        ok = n > 0;
        done += ok ? std::size_t(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    if (fd >= 0)
        ok = ::close(fd) == 0 && ok;
    ok = ok && std::rename(temp.c_str(), path.c_str()) == 0;
    if (!ok) {
        *error = "cannot write the fleet manifest " + path;
        ::unlink(temp.c_str());
    }
    return ok;
}

long msSince(std::chrono::steady_clock::time_point start)
{
    return long(std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count());
}

} // namespace

const std::vector<std::string> &fleetFirmwares()
{
    // 4.8.3 takes the unwrapped create body; the others the {"backup": …} one.
    static const std::vector<std::string> versions{"4.9.4", "4.10.2", "4.11.0", "4.8.3"};
    return versions;
}

bool fleetMemberFails(int index, double ratio)
{
    const double epsilon = 1e-9; // 0.25 * 4 must count as 1 despite rounding
    return std::floor(index * ratio + epsilon) > std::floor((index - 1) * ratio + epsilon);
}

std::vector<FleetMember> planFleet(const Options &options, const std::string &passwordSeed)
{
    std::vector<FleetMember> members;
    members.reserve(std::size_t(options.fleet));
    for (int index = 1; index <= options.fleet; ++index) {
        FleetMember member;
        member.index = index;
        member.name = memberName(index);
        member.password =
            toHex(sha256Raw("pbxsim-fleet:" + passwordSeed + ":" + std::to_string(index)))
                .substr(0, 24);
        member.firmware = options.firmwareGiven
                              ? options.firmware
                              : fleetFirmwares()[std::size_t(index - 1) % fleetFirmwares().size()];
        member.failing = fleetMemberFails(index, options.fleetFailRatio);
        members.push_back(std::move(member));
    }
    return members;
}

std::unique_ptr<FleetCertificate> FleetCertificate::generate(const std::string &host,
                                                             const std::string &commonName,
                                                             std::string *error)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    auto result = std::unique_ptr<FleetCertificate>(new FleetCertificate(cert, key));
    if (!key || !cert) {
        *error = "cannot generate a key: " + lastOpenSslError();
        return nullptr;
    }
    BIGNUM *serial = BN_new();
    bool ok = serial && BN_rand(serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
              BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert)) != nullptr;
    BN_free(serial);
    ok = ok && X509_set_version(cert, 2) == 1 &&
         X509_gmtime_adj(X509_getm_notBefore(cert), -24 * 3600) != nullptr &&
         X509_gmtime_adj(X509_getm_notAfter(cert), 3650L * 24 * 3600) != nullptr &&
         X509_set_pubkey(cert, key) == 1;
    X509_NAME *name = X509_get_subject_name(cert);
    ok = ok &&
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char *>(commonName.c_str()), -1,
                                    -1, 0) == 1 &&
         X509_set_issuer_name(cert, name) == 1;
    if (ok) {
        X509V3_CTX context;
        X509V3_set_ctx_nodb(&context);
        X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
        const std::string san = (isIpAddress(host) ? "IP:" : "DNS:") + host;
        X509_EXTENSION *extension =
            X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, san.c_str());
        ok = extension && X509_add_ext(cert, extension, -1) == 1;
        X509_EXTENSION_free(extension);
    }
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
    if (!ok) {
        *error = "cannot make a self-signed certificate: " + lastOpenSslError();
        return nullptr;
    }
    return result;
}

std::unique_ptr<FleetCertificate>
FleetCertificate::load(const std::string &certPath, const std::string &keyPath, std::string *error)
{
    X509 *cert = nullptr;
    EVP_PKEY *key = nullptr;
    if (BIO *bio = BIO_new_file(certPath.c_str(), "r")) {
        cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
    }
    if (BIO *bio = BIO_new_file(keyPath.c_str(), "r")) {
        key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
    }
    auto result = std::unique_ptr<FleetCertificate>(new FleetCertificate(cert, key));
    if (!cert || !key) {
        *error = "cannot load the TLS certificate " + certPath + " or key " + keyPath;
        return nullptr;
    }
    return result;
}

FleetCertificate::~FleetCertificate()
{
    X509_free(m_cert);
    EVP_PKEY_free(m_key);
}

std::string FleetCertificate::fingerprint() const
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (X509_digest(m_cert, EVP_sha256(), digest, &size) != 1)
        return {};
    return toHex(std::string(reinterpret_cast<const char *>(digest), size));
}

WorkerPool::WorkerPool(std::size_t maxThreads, std::chrono::seconds idleExit)
    : m_maxThreads(maxThreads), m_idleExit(idleExit)
{}

void WorkerPool::enqueue(std::function<void()> job)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_jobs.push_back(std::move(job));
    if (m_jobs.size() > m_idle && m_threads < m_maxThreads) {
        try {
            std::thread([this] { work(); }).detach();
            ++m_threads;
            return;
        } catch (const std::system_error &) {
            // Out of threads: the job waits for a running worker.
        }
    }
    m_wake.notify_one();
}

std::size_t WorkerPool::threads() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_threads;
}

void WorkerPool::work()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        ++m_idle;
        const bool woken = m_wake.wait_for(lock, m_idleExit, [this] { return !m_jobs.empty(); });
        --m_idle;
        if (!woken) {
            --m_threads;
            return;
        }
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
}

int runFleet(const Options &options, const sigset_t &stopSignals)
{
    const auto started = std::chrono::steady_clock::now();
    raiseFileLimit();
    const std::string seed =
        options.fleetPasswordSeed.empty() ? randomAlnum(32) : options.fleetPasswordSeed;
    std::vector<RunningMember> members;
    for (FleetMember &plan : planFleet(options, seed)) {
        RunningMember member;
        member.plan = std::move(plan);
        members.push_back(std::move(member));
    }

    // Certificates: one per PBX, or one for all with --tls-cert or --fleet-shared-cert.
    std::string error;
    std::vector<std::unique_ptr<FleetCertificate>> certificates;
    const bool shared = options.tls() || options.fleetSharedCert;
    if (options.tls())
        certificates.push_back(FleetCertificate::load(options.tlsCert, options.tlsKey, &error));
    else if (shared)
        certificates.push_back(FleetCertificate::generate(options.host, "pbxsim-fleet", &error));
    else
        for (const RunningMember &member : members) {
            certificates.push_back(
                FleetCertificate::generate(options.host, member.plan.name + ".pbxsim", &error));
            if (!certificates.back())
                break;
        }
    if (!certificates.back()) {
        std::cerr << "pbxsim: " << error << "\n";
        return 1;
    }
    const long certificateMs = msSince(started);

    static WorkerPool pool(2048, std::chrono::seconds(30));
    const fs::path base(options.dataDir);
    // Data directories first, on a few threads: creating ~15 files per PBX is disk latency.
    const auto openStarted = std::chrono::steady_clock::now();
    std::vector<std::string> openErrors(members.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> openers;
    for (int t = 0; t < 8; ++t)
        openers.emplace_back([&] {
            for (std::size_t i = next++; i < members.size(); i = next++) {
                RunningMember &member = members[i];
                Options own = options;
                own.fleet = 0;
                own.dataDir = (base / member.plan.name).string();
                own.users = {{member.plan.domain, member.plan.username, member.plan.password}};
                own.firmware = member.plan.firmware;
                if (member.plan.failing)
                    own.faults.push_back("status=503:^/rest/backup/create/");
                member.dataDir = own.dataDir;
                member.simulator = std::make_unique<Simulator>(own);
                if (!member.simulator->open(&openErrors[i]) && openErrors[i].empty())
                    openErrors[i] = "cannot open";
            }
        });
    for (std::thread &opener : openers)
        opener.join();
    for (std::size_t i = 0; i < members.size(); ++i)
        if (!openErrors[i].empty()) {
            std::cerr << "pbxsim: " << members[i].plan.name << ": " << openErrors[i] << "\n";
            return 2;
        }
    const long openMs = msSince(openStarted);

    const auto tlsStarted = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < members.size(); ++i) {
        RunningMember &member = members[i];
        const FleetCertificate &certificate = *certificates[shared ? 0 : i];
        member.fingerprint = certificate.fingerprint();
        member.server =
            std::make_unique<httplib::SSLServer>(certificate.certificate(), certificate.key());
        if (!member.server->is_valid()) {
            std::cerr << "pbxsim: " << member.plan.name << ": cannot set up TLS\n";
            return 1;
        }
        member.simulator->install(*member.server, [] { return new SharedTaskQueue(pool); });
        if (options.port == 0) {
            member.port = member.server->bind_to_any_port(options.host);
        } else {
            member.port = options.port + int(i);
            if (!member.server->bind_to_port(options.host, member.port))
                member.port = -1;
        }
        if (member.port <= 0) {
            std::cerr << "pbxsim: " << member.plan.name << ": cannot listen on " << options.host
                      << ":" << (options.port == 0 ? 0 : options.port + int(i)) << "\n";
            return 1;
        }
    }
    const long tlsMs = msSince(tlsStarted);
    if (!writeManifest(options.fleetManifest, manifestJson(options, members, shared), &error)) {
        std::cerr << "pbxsim: " << error << "\n";
        return 1;
    }

    // httplib's accept loop blocks, one thread per listening socket; connections run on the pool.
    for (RunningMember &member : members) {
        httplib::Server *server = member.server.get();
        std::thread([server] { server->listen_after_bind(); }).detach();
    }
    const ProcessFigures figures = processFigures();
    std::printf("pbxsim fleet of %zu listening on https://%s, manifest %s\n", members.size(),
                urlHost(options.host).c_str(), options.fleetManifest.c_str());
    std::printf("pbxsim fleet ready in %ld ms (certificates %ld ms, %s; data directories %ld ms; "
                "TLS servers %ld ms): RSS %ld KiB, %ld threads, %ld fds\n",
                msSince(started), certificateMs, shared ? "shared" : "one per PBX", openMs, tlsMs,
                figures.rssKiB, figures.threads, figures.fds);
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    for (RunningMember &member : members)
        member.simulator->requestStop();
    for (RunningMember &member : members)
        member.server->stop();
    // As in single mode: leave once no request is in flight (state is on disk by then).
    auto inFlight = [&members] {
        int total = 0;
        for (const RunningMember &member : members)
            total += member.simulator->activeRequests();
        return total;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    while (inFlight() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (inFlight() > 0)
        std::cerr << "pbxsim: requests still running 8 s after SIGTERM; exiting anyway\n";
    std::fflush(stdout);
    _exit(0);
}

} // namespace pbxsim
