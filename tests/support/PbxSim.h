#pragma once

#include "TestDirs.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QProcess;

namespace pbxvault::test {

// PbxSim::Options (declared outside the class so it can be a default argument).
struct PbxSimOptions
{
    bool tls = true;
    QStringList users{QStringLiteral("default:admin:secret")}; // DOMAIN:USERNAME:PASSWORD
    QString firmware;                                          // empty = pbxsim's default (4.9.4)
    qint64 backupSize = 0;     // pad created backups to this many bytes; 0 = no padding
    int restoreMs = 200;       // how long a restore takes
    QStringList faults;        // --fault SPEC, e.g. "delay-ms=50"
    QString certPath, keyPath; // empty = generate a certificate for this sim
    QString dataDir;           // empty = a temporary directory owned by this object
    quint16 port = 0;          // 0 = any free port
    QStringList extraArgs;
    // --firmware-answer: "text" or "json"; empty = pbxsim's default (text)
    QString firmwareAnswer;
};

// Runs one pbxsim process on 127.0.0.1 (ephemeral port) for a test and talks to its /sim/
// endpoints. Every network test gets its PBX from here.
class PbxSim
{
public:
    using Options = PbxSimOptions;

    explicit PbxSim(const Options &options = Options());
    ~PbxSim(); // SIGTERM and wait
    PbxSim(const PbxSim &) = delete;
    PbxSim &operator=(const PbxSim &) = delete;

    // Starts pbxsim and waits (on process signals, at most ~20 s) for its listening line.
    // May be called again after stop(): the data directory and certificate are kept.
    bool start(QString *error = nullptr);
    void stop(); // SIGTERM, wait; kill after 10 s
    bool isRunning() const;

    QUrl url() const; // https://127.0.0.1:PORT (http when tls is off)
    quint16 port() const { return m_port; }
    QString fingerprint() const { return m_fingerprint; } // lowercase hex SHA-256 of the DER
    QString certPath() const { return m_certPath; }
    QString keyPath() const { return m_keyPath; }
    QString dataDir() const { return m_dataDir; }
    qint64 pid() const;
    const Options &options() const { return m_options; }

    // Sim-only endpoints (no auth). They block until the answer arrives (15 s at most).
    QJsonObject state(const QString &domain = QStringLiteral("default")); // {} on failure
    bool mutate(const QString &domain = QStringLiteral("default"));
    bool addFault(const QString &spec);
    bool clearFaults();
    QString lastError() const { return m_lastError; }

    // VmHWM of the pbxsim process in KiB; after stop(), the value read just before stopping.
    qint64 peakRssKiB() const;

    // Generic request to the sim (used by the helpers above); returns the HTTP status or -1.
    int simRequest(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                   QByteArray *answer = nullptr);

private:
    bool prepare(QString *error);

    Options m_options;
    std::unique_ptr<TestDir> m_ownDir;
    std::unique_ptr<QProcess> m_process;
    QString m_certPath, m_keyPath, m_fingerprint, m_dataDir, m_lastError;
    quint16 m_port = 0;
    mutable qint64 m_lastPeakRssKiB = -1;
};

// One PBX of a PbxFleet, as its manifest lists it.
struct PbxFleetMember
{
    int index = 0; // 1-based
    QUrl url;      // https://127.0.0.1:PORT
    quint16 port = 0;
    QString domain, username, password;
    QString fingerprint; // lowercase hex SHA-256 of the DER
    QString firmware;
    QString dataDir;
    bool failing = false; // answers backup creation with 503
};

struct PbxFleetOptions
{
    int count = 10;
    double failRatio = 0; // --fleet-fail-ratio
    QStringList faults;   // --fault SPEC for every PBX, e.g. "delay-ms=1000"
    bool sharedCertificate = false;
    quint16 firstPort = 0; // 0 = an ephemeral port each; else consecutive from here
    int restoreMs = 200;
    qint64 backupSize = 0;
    QString dataDir; // empty = a temporary directory owned by this object
    QStringList extraArgs;
};

// Runs one `pbxsim --fleet N` process (many PBXs, see tests/pbxsim/README.md) for tests and
// benchmarks, and reads its manifest.
class PbxFleet
{
public:
    using Options = PbxFleetOptions;
    using Member = PbxFleetMember;

    explicit PbxFleet(const Options &options = Options());
    ~PbxFleet(); // SIGTERM and wait
    PbxFleet(const PbxFleet &) = delete;
    PbxFleet &operator=(const PbxFleet &) = delete;

    // Starts pbxsim and waits for its listening line (60 s + 50 ms per PBX at most), then reads
    // the manifest.
    bool start(QString *error = nullptr);
    void stop(); // SIGTERM, wait; kill after 10 s
    bool isRunning() const;

    const QList<Member> &members() const { return m_members; }
    QString manifestPath() const { return m_manifestPath; }
    QString readyLine() const { return m_readyLine; } // pbxsim's startup figures
    qint64 pid() const;

private:
    bool readManifest(QString *error);

    Options m_options;
    std::unique_ptr<TestDir> m_ownDir;
    std::unique_ptr<QProcess> m_process;
    QString m_manifestPath, m_readyLine;
    QList<Member> m_members;
};

} // namespace pbxvault::test
