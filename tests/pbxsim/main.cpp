// pbxsim: a KalliopePBX simulator for tests, benchmarks and the demo mode.
// See kalliope-backup-api.md for the API it serves and issue 2 for the command line.
#include "src/Faults.h"
#include "src/Fleet.h"
#include "src/Options.h"
#include "src/Simulator.h"

#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>
#include <unistd.h>

int main(int argc, char **argv)
{
    pbxsim::Options options;
    std::string error;
    if (!pbxsim::parseOptions(argc, argv, &options, &error)) {
        if (error == "help") {
            std::cout << pbxsim::usage() << "faults: " << pbxsim::Faults::usage() << "\n";
            return 0;
        }
        std::cerr << "pbxsim: " << error << "\n" << pbxsim::usage();
        return 2;
    }

    // SIGTERM/SIGINT are taken by a dedicated thread (sigwait); block them before any thread
    // exists so every thread inherits the mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    if (options.fleet > 0)
        return pbxsim::runFleet(options, stopSignals);

    pbxsim::Simulator simulator(options);
    if (!simulator.open(&error)) {
        std::cerr << "pbxsim: " << error << "\n";
        return 2;
    }

    std::unique_ptr<httplib::Server> server;
    if (options.tls())
        server =
            std::make_unique<httplib::SSLServer>(options.tlsCert.c_str(), options.tlsKey.c_str());
    else
        server = std::make_unique<httplib::Server>();
    if (!server->is_valid()) {
        std::cerr << "pbxsim: cannot load the TLS certificate " << options.tlsCert << " or key "
                  << options.tlsKey << "\n";
        return 1;
    }
    simulator.install(*server);

    int port = options.port;
    if (port == 0)
        port = server->bind_to_any_port(options.host);
    else if (!server->bind_to_port(options.host, port))
        port = -1;
    if (port <= 0) {
        std::cerr << "pbxsim: cannot listen on " << options.host << ":" << options.port << "\n";
        return 1;
    }

    std::thread stopper([&server, &simulator, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        simulator.requestStop();
        // A signal right after start may precede the accept loop; stop() needs it running.
        for (int i = 0; i < 200 && !server->is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server->stop();
        // httplib lets idle keep-alive connections run out their timeout before its threads
        // join. All state is on disk and complete once no request is in flight, so leave then.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
        while (simulator.activeRequests() > 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (simulator.activeRequests() > 0)
            std::cerr << "pbxsim: requests still running 8 s after SIGTERM; exiting anyway\n";
        std::fflush(stdout);
        _exit(0);
    });
    stopper.detach();

    std::printf("pbxsim listening on %s://%s:%d\n", options.tls() ? "https" : "http",
                options.host.c_str(), port);
    std::fflush(stdout);
    server->listen_after_bind();
    return 0;
}
