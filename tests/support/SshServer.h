#pragma once

#include "TestDirs.h"

#include <QList>
#include <QProcess>
#include <QString>

#include <memory>

namespace pbxvault::test {

// A real OpenSSH server owned by one test, on 127.0.0.1 and a free port: a throwaway ed25519
// host key, a throwaway client key in authorized_keys, internal-sftp, everything in a
// temporary directory. It logs in the user running the test (root too: key only). killAll()
// stands for a server that dies mid-transfer; restart() brings it back on the same port with
// the same host key.
class SshServer
{
public:
    SshServer();
    ~SshServer(); // stop()
    SshServer(const SshServer &) = delete;
    SshServer &operator=(const SshServer &) = delete;

    static QString sshdPath(); // "/usr/sbin/sshd", empty when it is not installed

    // Generates the keys and the configuration, starts sshd -D -e and waits until it listens.
    bool start(QString *error = nullptr);
    // SIGKILL to the listener and to every per-connection process (found through /proc).
    void killAll();
    void stop();                            // killAll() and wait
    bool restart(QString *error = nullptr); // same port, same keys
    bool isRunning() const;

    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_port; }
    QString user() const;               // the account running the test
    QString clientPrivateKey() const;   // OpenSSH private key text, no passphrase
    QString hostKeyFingerprint() const; // "SHA256:<base64>", as ssh-keygen -l shows it
    // An empty folder the user may write, for the copies (absolute path).
    QString remoteDir() const { return m_remoteDir; }
    QString filePath(const QString &name) const
    {
        return m_dir ? m_dir->filePath(name) : QString();
    }
    QString log() const;
    qint64 listenerPid() const;
    // Processes the listener forked for connections, and theirs.
    QList<qint64> connectionPids() const;

private:
    bool prepare(QString *error);
    bool launch(QString *error);
    bool waitUntilListening(QString *error);

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_remoteDir;
    QString m_fingerprint;
    quint16 m_port = 0;
};

} // namespace pbxvault::test
