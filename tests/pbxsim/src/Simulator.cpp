#include "Simulator.h"

#include "Archive.h"
#include "Crypto.h"
#include "Json.h"
#include "Names.h"

#include <httplib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace fs = std::filesystem;

namespace pbxsim {
namespace {

const char *const JsonType = "application/json";

// httplib serves each connection on one thread, one request at a time: this marks whether the
// thread's current request was counted as in flight (malformed requests skip pre-routing but
// still reach the logger).
thread_local bool t_requestCounted = false;

void sendJson(httplib::Response &res, int status, const std::string &body)
{
    res.status = status;
    res.set_content(body, JsonType);
}

void sendError(httplib::Response &res, int status, const std::string &message)
{
    sendJson(res, status, "{\"error\":" + jsonQuote(message) + "}");
}

void sendOk(httplib::Response &res)
{
    sendJson(res, 200, "{\"result\":\"ok\"}");
}

// httplib reads a POST without Content-Length until the connection closes; HTTP says such a
// request has no body.
bool hasBody(const httplib::Request &req)
{
    return req.has_header("Content-Length") ||
           req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
}

// The body of a small (non-multipart) request, at most cap bytes; false if it was larger.
bool readSmallBody(const httplib::Request &req, const httplib::ContentReader &reader,
                   std::size_t cap, std::string *body)
{
    bool tooLarge = false;
    if (hasBody(req))
        reader([&](const char *data, size_t n) {
            if (body->size() + n > cap)
                tooLarge = true;
            else
                body->append(data, n);
            return true;
        });
    return !tooLarge;
}

// Reads and discards the request body: a request rejected before its body was read must still
// consume it, or the connection would be torn down under the client's feet.
void drain(const httplib::Request &req, const httplib::ContentReader &reader)
{
    if (!hasBody(req))
        return;
    if (req.is_multipart_form_data())
        reader([](const httplib::MultipartFormData &) { return true; },
               [](const char *, size_t) { return true; });
    else
        reader([](const char *, size_t) { return true; });
}

// Names the hostile-names fault adds to the backup list; none of them may become a path.
std::vector<std::string> hostileNames()
{
    return {"../../etc/passwd",
            "a/b.bak",
            "evil\nname.bak",
            std::string(296, 'x') + ".bak",
            "/etc/shadow",
            "..\\..\\windows\\win.ini",
            "C:\\temp\\pbx.bak",
            "",
            ".",
            "..",
            "../",
            "name with spaces.bak",
            "tab\there.bak",
            std::string("nul\0byte.bak", 12),
            "%2e%2e%2fescape.bak",
            "\xE2\x80\xAE"
            "kab.exe",
            "\xC3\xBC"
            "n\xC3\xAF"
            "c\xC3\xB6"
            "de-backup.bak",
            "-rf.bak",
            ".hidden.bak",
            "CON.bak",
            "trailing-dot.",
            "$(reboot).bak",
            "quote\"name.bak",
            "<script>alert(1)</script>.bak"};
}

bool isValidUploadName(const std::string &name)
{
    return isValidBackupName(name) && name.size() > 4 &&
           name.compare(name.size() - 4, 4, ".bak") == 0;
}

const char *const NameRules =
    "use 1-200 letters, digits, '.', '_' or '-', not starting with '.' or '-', no '..'";

} // namespace

Simulator::Simulator(Options options) : m_options(std::move(options)) {}

bool Simulator::open(std::string *error)
{
    const fs::path data(m_options.dataDir);
    std::error_code ec;
    m_tmpDir = data / "tmp";
    fs::remove_all(m_tmpDir, ec); // leftovers of an earlier run
    fs::create_directories(m_tmpDir, ec);
    fs::create_directories(data / "tenants", ec);
    if (ec) {
        *error = "cannot create the data directory " + data.string() + ": " + ec.message();
        return false;
    }
    for (const UserAccount &user : m_options.users) {
        if (m_tenants.count(user.domain))
            continue;
        auto tenant = std::make_unique<Tenant>(user.domain, data / "tenants" / user.domain);
        if (!tenant->open(error))
            return false;
        m_tenants[user.domain] = std::move(tenant);
    }
    m_instanceSecret = randomAlnum(32);
    m_auth = std::make_unique<Authenticator>(
        m_options.users, [this](const std::string &domain) { return saltFor(domain); });
    for (const std::string &spec : m_options.faults) {
        bool ok = false;
        applyFault(spec, error, &ok);
        if (!ok)
            return false;
    }
    return true;
}

void Simulator::requestStop()
{
    {
        std::lock_guard<std::mutex> lock(m_sleepMutex);
        m_stopping = true;
    }
    m_sleepWake.notify_all();
}

bool Simulator::sleepMs(std::int64_t ms)
{
    std::unique_lock<std::mutex> lock(m_sleepMutex);
    return !m_sleepWake.wait_for(lock, std::chrono::milliseconds(ms),
                                 [this] { return m_stopping.load(); });
}

Tenant *Simulator::tenant(const std::string &domain) const
{
    const auto it = m_tenants.find(domain);
    return it == m_tenants.end() ? nullptr : it->second.get();
}

std::string Simulator::saltFor(const std::string &domain) const
{
    if (const Tenant *t = tenant(domain))
        return t->salt();
    // Unknown domains get a stable made-up salt, so the salt call does not reveal which
    // tenants exist; authentication then fails as for a wrong domain.
    return toHex(sha256Raw(m_instanceSecret + domain)).substr(0, 31);
}

fs::path Simulator::newTempPath(const std::string &prefix)
{
    return m_tmpDir / (prefix + "-" + std::to_string(++m_tempCounter) + "-" + randomAlnum(6));
}

void Simulator::applyFault(const std::string &spec, std::string *error, bool *ok)
{
    *ok = m_faults.apply(spec, error);
    m_clock.setOffsetSeconds(m_faults.snapshot().clockOffsetSeconds);
}

void Simulator::install(httplib::Server &server, std::function<httplib::TaskQueue *()> newTaskQueue)
{
    if (newTaskQueue)
        server.new_task_queue = std::move(newTaskQueue);
    else
        server.new_task_queue = [] {
            return new httplib::ThreadPool(48);
        };
    server.set_keep_alive_max_count(100);
    // As the PBX's web server: an answer's head and body leave at once, not 40 ms apart while
    // Nagle's algorithm waits for the client's delayed ACK.
    server.set_tcp_nodelay(true);

    // Requests in flight are counted from routing to the end of the answer (the logger runs
    // last), so a stop can tell when only idle keep-alive connections remain.
    server.set_pre_routing_handler([this](const Request &req, Response &) {
        ++m_activeRequests;
        t_requestCounted = true;
        // The vendor documents no Range support, so clients must not come to rely on it here:
        // httplib would honour Range on its own, so forget the parsed ranges.
        const_cast<Request &>(req).ranges.clear();
        if (req.path.rfind("/sim/", 0) != 0) {
            const int delay = m_faults.snapshot().delayMs;
            if (delay > 0)
                sleepMs(delay);
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Every answer carries the PBX clock, which clients use to diagnose clock skew.
    server.set_post_routing_handler([this](const Request &req, Response &res) {
        res.set_header("Date", SimClock::httpDate(m_clock.now()));
        // httplib never reads the body of a GET; what is left of it would be taken for the
        // next request, so such a connection must not be reused.
        if ((req.method == "GET" || req.method == "HEAD") && hasBody(req) &&
            req.get_header_value("Content-Length") != "0")
            res.set_header("Connection", "close");
    });
    // httplib's own errors (no route, bad request line) get a JSON body like ours. Answering
    // Handled makes httplib send the body's Content-Length.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const Request &, Response &res) {
            if (!res.body.empty() || res.content_provider_)
                return httplib::Server::HandlerResponse::Unhandled;
            sendError(res, res.status,
                      res.status == 404 ? "no such endpoint"
                                        : "HTTP error " + std::to_string(res.status));
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const Request &req, Response &res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
        }
        std::cerr << "pbxsim: " << req.method << " " << req.path << ": " << what << std::endl;
        sendError(res, 500, "internal error: " + what);
    });
    server.set_logger([this](const Request &req, const Response &res) {
        if (m_options.verbose)
            std::cerr << "pbxsim: " << req.method << " " << req.path << " -> " << res.status
                      << std::endl;
        if (t_requestCounted)
            --m_activeRequests;
        t_requestCounted = false;
    });

    server.Get("/rest/salt/(.+)", [this](const Request &req, Response &res) {
        const FaultSet faults = m_faults.snapshot();
        if (const FaultSet::StatusRule *rule = faults.statusFor(req.path))
            return sendError(res, rule->code, "injected status fault");
        handleSalt(req, res);
    });
    getRoute(server, "/rest/dashboard/firmwareVersion",
             [this](const Request &, Response &res, Tenant &, const FaultSet &faults) {
                 handleFirmware(res, faults);
             });
    postRoute(server, "/rest/backup/create/(.+)",
              [this](const Request &req, Response &res, const ContentReader &reader, Tenant &t,
                     const FaultSet &faults) { handleCreate(req, res, reader, t, faults); });
    getRoute(server, "/rest/backup",
             [this](const Request &, Response &res, Tenant &t, const FaultSet &faults) {
                 handleList(res, t, faults);
             });
    getRoute(server, "/rest/backup/(.+)",
             [this](const Request &req, Response &res, Tenant &t, const FaultSet &faults) {
                 handleDownload(req, res, t, faults);
             });
    deleteRoute(server, "/rest/backup/(.+)",
                [this](const Request &req, Response &res, Tenant &t, const FaultSet &) {
                    handleDelete(req, res, t);
                });
    postRoute(server, "/rest/backup/restore",
              [this](const Request &req, Response &res, const ContentReader &reader, Tenant &t,
                     const FaultSet &faults) { handleUpload(req, res, reader, t, faults, true); });
    postRoute(server, "/rest/backup/(.+)/restore",
              [this](const Request &req, Response &res, const ContentReader &reader, Tenant &t,
                     const FaultSet &faults) {
                  drain(req, reader);
                  handleRestoreStored(req, res, t, faults);
              });
    postRoute(server, "/rest/backup",
              [this](const Request &req, Response &res, const ContentReader &reader, Tenant &t,
                     const FaultSet &faults) { handleUpload(req, res, reader, t, faults, false); });

    // Unknown endpoints: httplib would read a body without Content-Length until the peer
    // closes; these catch-alls answer 404 at once.
    auto noSuchEndpoint = [](const Request &req, Response &res, const ContentReader &reader) {
        drain(req, reader);
        sendError(res, 404, "no such endpoint");
    };

    server.Get("/sim/state",
               [this](const Request &req, Response &res) { handleSimState(req, res); });
    server.Post("/sim/mutate",
                [this](const Request &req, Response &res, const ContentReader &reader) {
                    drain(req, reader);
                    handleSimMutate(req, res);
                });
    server.Post("/sim/fault",
                [this](const Request &req, Response &res, const ContentReader &reader) {
                    std::string body;
                    if (req.is_multipart_form_data()) {
                        drain(req, reader);
                        return sendError(res, 400, "the body is one fault SPEC as plain text");
                    }
                    if (!readSmallBody(req, reader, 4096, &body))
                        return sendError(res, 400, "the body is one fault SPEC as plain text");
                    handleSimFault(body, res);
                });
    server.Post("[\\s\\S]*", noSuchEndpoint);
    server.Put("[\\s\\S]*", noSuchEndpoint);
    server.Patch("[\\s\\S]*", noSuchEndpoint);
}

void Simulator::getRoute(httplib::Server &server, const std::string &pattern, Handler handler)
{
    server.Get(pattern, [this, handler](const Request &req, Response &res) {
        const FaultSet faults = m_faults.snapshot();
        if (const FaultSet::StatusRule *rule = faults.statusFor(req.path))
            return sendError(res, rule->code, "injected status fault");
        const AuthResult auth = m_auth->check(req.get_header_value("X-authenticate"),
                                              req.has_header("X-authenticate"), m_clock.now());
        if (!auth.ok)
            return sendError(res, 401, auth.error);
        handler(req, res, *tenant(auth.domain), faults);
    });
}

void Simulator::deleteRoute(httplib::Server &server, const std::string &pattern, Handler handler)
{
    server.Delete(pattern, [this, handler](const Request &req, Response &res) {
        const FaultSet faults = m_faults.snapshot();
        if (const FaultSet::StatusRule *rule = faults.statusFor(req.path))
            return sendError(res, rule->code, "injected status fault");
        const AuthResult auth = m_auth->check(req.get_header_value("X-authenticate"),
                                              req.has_header("X-authenticate"), m_clock.now());
        if (!auth.ok)
            return sendError(res, 401, auth.error);
        handler(req, res, *tenant(auth.domain), faults);
    });
}

void Simulator::postRoute(httplib::Server &server, const std::string &pattern, BodyHandler handler)
{
    server.Post(
        pattern, [this, handler](const Request &req, Response &res, const ContentReader &reader) {
            const FaultSet faults = m_faults.snapshot();
            if (const FaultSet::StatusRule *rule = faults.statusFor(req.path)) {
                drain(req, reader);
                return sendError(res, rule->code, "injected status fault");
            }
            const AuthResult auth = m_auth->check(req.get_header_value("X-authenticate"),
                                                  req.has_header("X-authenticate"), m_clock.now());
            if (!auth.ok) {
                drain(req, reader);
                return sendError(res, 401, auth.error);
            }
            handler(req, res, reader, *tenant(auth.domain), faults);
        });
}

void Simulator::handleSalt(const Request &req, Response &res)
{
    sendJson(res, 200, "{\"salt\":" + jsonQuote(saltFor(req.matches[1])) + "}");
}

void Simulator::handleFirmware(Response &res, const FaultSet &faults)
{
    if (m_options.firmwareAnswer == FirmwareAnswer::Json && !faults.firmwarePlain)
        sendJson(res, 200, jsonQuote(m_options.firmware));
    else
        res.set_content(m_options.firmware, "text/plain");
}

void Simulator::handleCreate(const Request &req, Response &res, const ContentReader &reader,
                             Tenant &tenant, const FaultSet &faults)
{
    if (req.is_multipart_form_data()) {
        drain(req, reader);
        return sendError(res, 400, "the create body is JSON, not multipart/form-data");
    }
    std::string body;
    const bool tooLarge = !readSmallBody(req, reader, 65536, &body);
    // httplib has percent-decoded the path, so %224.9.4%22 arrives quoted too.
    const std::string urlFirmware = req.matches[1];
    if (firmwareFromUrlSegment(urlFirmware) != m_options.firmware)
        return sendError(res, 400,
                         "the firmware version in the URL (" + urlFirmware +
                             ") is not this PBX's (" + m_options.firmware + ")");
    if (tooLarge)
        return sendError(res, 400, "request body too large");
    JsonValue root;
    std::string parseError;
    if (!JsonValue::parse(body, &root, &parseError))
        return sendError(res, 400, "the body is not JSON: " + parseError);

    const bool wrapped = compareFirmware(m_options.firmware, "4.9.4") >= 0;
    const JsonValue *fields = nullptr;
    if (wrapped) {
        const JsonValue *backup = root.member("backup");
        if (backup && backup->isObject())
            fields = backup;
    } else if (root.isObject() && !root.member("backup")) {
        fields = &root;
    }
    if (!fields)
        return sendError(res, 400,
                         wrapped ? "firmware 4.9.4 and later expect {\"backup\": {\"filename\": "
                                   "..., \"comment\": ...}}"
                                 : "firmware before 4.9.4 expects {\"filename\": ..., "
                                   "\"comment\": ...} without the \"backup\" wrapper");
    const JsonValue *filename = fields->member("filename");
    const JsonValue *comment = fields->member("comment");
    if (!filename || !filename->isString())
        return sendError(res, 400, "filename is missing or not a string");
    if (comment && !comment->isString() && comment->type() != JsonValue::Type::Null)
        return sendError(res, 400, "comment is not a string");
    const std::string name = filename->string();
    if (!isValidBackupName(name))
        return sendError(res, 400, std::string("invalid backup name: ") + NameRules);

    const ConfigFiles files = tenant.config();
    const std::int64_t created = m_clock.now();
    std::vector<std::string> paths;
    for (const auto &entry : files)
        paths.push_back(entry.first);
    const std::string manifest =
        "{\"product\":\"KalliopePBX\",\"firmware\":" + jsonQuote(m_options.firmware) +
        ",\"tenant\":" + jsonQuote(tenant.domain()) +
        ",\"created\":" + jsonQuote(SimClock::isoUtc(created)) +
        ",\"filename\":" + jsonQuote(name) +
        ",\"comment\":" + jsonQuote(comment && comment->isString() ? comment->string() : "") +
        ",\"config_sha256\":" + jsonQuote(configSha256(files)) + ",\"files\":" + jsonArray(paths) +
        "}\n";

    const fs::path temp = newTempPath("create");
    std::string error;
    std::error_code ec;
    if (!writeBackupArchive(temp.string(), files, manifest, created, m_options.backupSize,
                            m_stopping, &error)) {
        fs::remove(temp, ec);
        return sendError(res, 500, "cannot create the backup: " + error);
    }
    // Opened before it is moved into place, so a concurrent delete cannot pull it away.
    const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    const std::uint64_t size = fs::file_size(temp, ec);
    if (fd < 0 || !tenant.storeBackup(temp, name, &error)) {
        if (fd >= 0)
            ::close(fd);
        fs::remove(temp, ec);
        return sendError(res, 500, "cannot store the backup: " + error);
    }
    if (!faults.badCreate.empty()) {
        std::string substitute;
        if (faults.badCreate == "html") {
            substitute = "<!DOCTYPE html><html><body>Session expired</body></html>";
        } else if (faults.badCreate == "garbage") {
            substitute.resize(5000);
            for (std::size_t i = 0; i < substitute.size(); ++i)
                substitute[i] = char((i * 2654435761u) >> 13);
        } else if (faults.badCreate == "truncated") {
            substitute.resize(size / 2);
            if (::pread(fd, substitute.data(), substitute.size(), 0) != ssize_t(substitute.size()))
                substitute.clear();
        } else if (faults.badCreate == "tar-empty") {
            // gzip of 1024 zero bytes: a tar archive with its end marker and no members.
            static const unsigned char emptyTarGz[] = {
                0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03,
                0x63, 0x60, 0x18, 0x05, 0xa3, 0x60, 0x14, 0x8c, 0x54, 0x00,
                0x00, 0x2e, 0xaf, 0xb5, 0xef, 0x00, 0x04, 0x00, 0x00};
            substitute.assign(reinterpret_cast<const char *>(emptyTarGz), sizeof emptyTarGz);
        }
        ::close(fd);
        res.status = 200;
        res.set_content(substitute, "application/octet-stream");
        return;
    }
    serveFile(res, fd, size, name, faults);
}

void Simulator::handleList(Response &res, Tenant &tenant, const FaultSet &faults)
{
    if (faults.garbageList) {
        res.set_content("<html><body><h1>Whoops, looks like something went wrong.</h1>", JsonType);
        return;
    }
    std::vector<std::string> names = tenant.backupNames();
    if (faults.hostileNames) {
        for (const std::string &name : hostileNames())
            names.push_back(name);
    }
    sendJson(res, 200, jsonArray(names));
}

void Simulator::handleDownload(const Request &req, Response &res, Tenant &tenant,
                               const FaultSet &faults)
{
    const std::string name = req.matches[1];
    if (!tenant.backupExists(name))
        return sendError(res, 404, "no such backup");
    const int fd = ::open(tenant.backupPath(name).c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info
    {
    };
    if (fd < 0 || ::fstat(fd, &info) != 0) {
        if (fd >= 0)
            ::close(fd);
        return sendError(res, 404, "no such backup");
    }
    serveFile(res, fd, std::uint64_t(info.st_size), name, faults);
}

void Simulator::handleDelete(const Request &req, Response &res, Tenant &tenant)
{
    if (!tenant.removeBackup(req.matches[1]))
        return sendError(res, 404, "no such backup");
    sendOk(res);
}

void Simulator::serveFile(Response &res, int fd, std::uint64_t size, const std::string &name,
                          const FaultSet &faults)
{
    struct Transfer
    {
        int fd = -1;
        std::int64_t dropAfter = -1;
        std::int64_t rate = 0;
        bool started = false;
        std::size_t firstOffset = 0;
        std::chrono::steady_clock::time_point start;
    };
    auto transfer = std::make_shared<Transfer>();
    transfer->fd = fd;
    transfer->dropAfter = faults.dropAfterBytes;
    transfer->rate = faults.throttleBytesPerSecond;

    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_content_provider(
        std::size_t(size), "application/octet-stream",
        [this, transfer](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
            Transfer &t = *transfer;
            if (!t.started) {
                t.started = true;
                t.start = std::chrono::steady_clock::now();
                t.firstOffset = offset;
            }
            const std::size_t sent = offset - t.firstOffset;
            std::size_t chunk = std::min<std::size_t>(length, 64 * 1024);
            if (t.rate > 0) {
                // Small steady slices, each sent when the rate says it is due.
                chunk = std::min<std::size_t>(chunk,
                                              std::size_t(std::max<std::int64_t>(1, t.rate / 20)));
                const auto due = t.start + std::chrono::microseconds(
                                               std::int64_t(double(sent) * 1e6 / double(t.rate)));
                const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                    due - std::chrono::steady_clock::now());
                if (wait.count() > 0 && !sleepMs(wait.count()))
                    return false;
            }
            if (t.dropAfter >= 0) {
                if (sent >= std::size_t(t.dropAfter))
                    return false; // the connection closes with the body unfinished
                chunk = std::min<std::size_t>(chunk, std::size_t(t.dropAfter) - sent);
            }
            char buffer[64 * 1024];
            const ssize_t n = ::pread(t.fd, buffer, chunk, off_t(offset));
            if (n <= 0 || m_stopping)
                return false;
            return sink.write(buffer, std::size_t(n));
        },
        [transfer](bool) { ::close(transfer->fd); });
}

bool Simulator::tryLockRestore(Response &res, const FaultSet &faults)
{
    bool expected = false;
    if (faults.restoreBusy || !m_restoring.compare_exchange_strong(expected, true)) {
        sendError(res, 503, "a restore is already running: the restore lock cannot be taken");
        return false;
    }
    return true;
}

void Simulator::unlockRestore()
{
    m_restoring = false;
}

bool Simulator::restoreFrom(Tenant &tenant, const fs::path &path, Response &res)
{
    const auto started = std::chrono::steady_clock::now();
    BackupContent content;
    std::string error;
    if (!readBackupArchive(path.string(), &content, &error)) {
        sendError(res, 400, error);
        return false;
    }
    JsonValue manifest;
    if (!JsonValue::parse(content.manifestJson, &manifest, &error) || !manifest.isObject()) {
        sendError(res, 400, "not a KalliopePBX backup: manifest.json is not a JSON object");
        return false;
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    const std::int64_t remaining = m_options.restoreMs - elapsed.count();
    if (remaining > 0 && !sleepMs(remaining)) {
        sendError(res, 503, "the PBX is shutting down");
        return false;
    }
    if (!tenant.replaceConfig(content.files, &error)) {
        sendError(res, 500, error);
        return false;
    }
    tenant.countRestore();
    sendOk(res);
    return true;
}

void Simulator::handleRestoreStored(const Request &req, Response &res, Tenant &tenant,
                                    const FaultSet &faults)
{
    const std::string name = req.matches[1];
    if (!tenant.backupExists(name))
        return sendError(res, 404, "no such backup");
    if (!tryLockRestore(res, faults))
        return;
    restoreFrom(tenant, tenant.backupPath(name), res);
    unlockRestore();
}

void Simulator::handleUpload(const Request &req, Response &res, const ContentReader &reader,
                             Tenant &tenant, const FaultSet &faults, bool restore)
{
    if (!req.is_multipart_form_data()) {
        drain(req, reader);
        return sendError(res, 400, "expected multipart/form-data with a file field backupFile");
    }
    if (restore && (faults.restoreBusy || m_restoring)) {
        drain(req, reader);
        return sendError(res, 503,
                         "a restore is already running: the restore lock cannot be "
                         "taken");
    }

    struct Upload
    {
        bool sawFile = false;
        bool writing = false;
        bool writeError = false;
        std::string filename;
        std::FILE *out = nullptr;
    } upload;
    const fs::path temp = newTempPath("upload");
    const bool read = reader(
        [&](const httplib::MultipartFormData &part) {
            upload.writing = false;
            if (part.name == "backupFile" && !upload.sawFile) {
                upload.sawFile = true;
                upload.filename = part.filename;
                if (isValidUploadName(upload.filename)) {
                    upload.out = std::fopen(temp.c_str(), "wb");
                    upload.writing = upload.out != nullptr;
                    upload.writeError = upload.out == nullptr;
                }
            }
            return true;
        },
        [&](const char *data, size_t n) {
            if (m_stopping)
                return false;
            if (upload.writing && std::fwrite(data, 1, n, upload.out) != n) {
                upload.writeError = true;
                upload.writing = false;
            }
            return true;
        });
    if (upload.out && std::fclose(upload.out) != 0)
        upload.writeError = true;
    std::error_code ec;
    auto fail = [&](int status, const std::string &message) {
        fs::remove(temp, ec);
        sendError(res, status, message);
    };
    if (!read)
        return fail(400, "malformed multipart/form-data body");
    if (!upload.sawFile)
        return fail(400, "no file field named backupFile");
    if (!isValidUploadName(upload.filename))
        return fail(400, std::string("the file name must end in .bak and ") + NameRules);
    if (upload.writeError)
        return fail(500, "cannot store the upload");

    std::string error;
    if (!restore) {
        if (!tenant.storeBackup(temp, upload.filename, &error))
            return fail(500, error);
        return sendOk(res);
    }
    if (!tryLockRestore(res, faults)) {
        fs::remove(temp, ec);
        return;
    }
    // Only an upload that restored stays stored.
    if (restoreFrom(tenant, temp, res) && !tenant.storeBackup(temp, upload.filename, &error))
        std::cerr << "pbxsim: restored upload not kept: " << error << std::endl;
    fs::remove(temp, ec);
    unlockRestore();
}

void Simulator::handleSimState(const Request &req, Response &res)
{
    const std::string domain = req.has_param("domain") ? req.get_param_value("domain") : "default";
    const Tenant *t = tenant(domain);
    if (!t)
        return sendError(res, 404, "unknown domain");
    const FaultSet faults = m_faults.snapshot();
    std::string sizes;
    for (const auto &[name, size] : t->backupSizes())
        sizes += (sizes.empty() ? "" : ",") + jsonQuote(name) + ":" + std::to_string(size);
    sendJson(res, 200,
             "{\"domain\":" + jsonQuote(domain) + ",\"config_sha256\":" +
                 jsonQuote(t->configSha256()) + ",\"restores\":" + std::to_string(t->restores()) +
                 ",\"backups\":" + jsonArray(t->backupNames()) + ",\"backup_sizes\":{" + sizes +
                 "},\"restoring\":" + (m_restoring ? "true" : "false") +
                 ",\"firmware\":" + jsonQuote(m_options.firmware) + ",\"firmware_answer\":" +
                 jsonQuote(m_options.firmwareAnswer == FirmwareAnswer::Json ? "json" : "text") +
                 ",\"clock\":" + jsonQuote(SimClock::isoUtc(m_clock.now())) +
                 ",\"faults\":" + jsonArray(faults.specs) + "}");
}

void Simulator::handleSimMutate(const Request &req, Response &res)
{
    const std::string domain = req.has_param("domain") ? req.get_param_value("domain") : "default";
    Tenant *t = tenant(domain);
    if (!t)
        return sendError(res, 404, "unknown domain");
    sendJson(res, 200, "{\"config_sha256\":" + jsonQuote(t->mutate()) + "}");
}

void Simulator::handleSimFault(const std::string &spec, Response &res)
{
    std::string error;
    bool ok = false;
    applyFault(spec, &error, &ok);
    if (!ok)
        return sendError(res, 400, error);
    sendJson(res, 200, "{\"faults\":" + jsonArray(m_faults.snapshot().specs) + "}");
}

} // namespace pbxsim
