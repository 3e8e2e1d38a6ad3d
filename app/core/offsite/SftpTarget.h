#pragma once

#include "offsite/CopyTarget.h"

namespace pbxvault {

// Where and how to log in. The secrets (password, privateKey, passphrase) come from the
// keychain through the caller and are never logged, put in a message or on a command line.
struct SftpEndpoint
{
    QString host;
    quint16 port = 22;
    QString user;
    QString remoteDir;  // absolute, or relative to the user's home; empty = the home itself
    QString password;   // used when privateKey is empty
    QString privateKey; // OpenSSH private key text ("-----BEGIN OPENSSH PRIVATE KEY-----...")
    QString passphrase; // of privateKey, if any
    // "SHA256:<base64>" as `ssh-keygen -l` prints it. Empty: every connection fails with
    // HostKeyUnknown carrying the server's fingerprint, for the operator to confirm.
    QString pinnedHostKey;
    int connectTimeoutSeconds = 15;
    int ioTimeoutSeconds = 30; // a server that stops answering fails the operation
};

// Copies on an SFTP server (libssh). Every call opens its own connection: connect, check the
// pinned host key, log in, then work in remoteDir.
class SftpTarget : public CopyTarget
{
public:
    explicit SftpTarget(const SftpEndpoint &endpoint);
    ~SftpTarget() override;

    // The fingerprint the server at host:port shows (for the first-use prompt): in
    // serverFingerprint of a successful result; Unreachable otherwise.
    static CopyResult probeHostKey(const QString &host, quint16 port = 22, int timeoutSeconds = 15);

    QString description() const override;

    CopyResult put(const QString &localPath, const QString &remoteName,
                   const CopyProgress &progress = {}, const CancelFlag *cancel = nullptr) override;
    CopyResult get(const QString &remoteName, const QString &localPath,
                   const CopyProgress &progress = {}, const CancelFlag *cancel = nullptr,
                   qint64 expectedSize = -1, const QString &expectedSha256 = {}) override;
    CopyResult remove(const QString &remoteName) override;
    CopyResult list(QList<RemoteFile> *files) override;
    CopyResult stat(const QString &remoteName, RemoteFile *file) override;
    CopyResult verify(const QString &remoteName, qint64 expectedSize, const QString &expectedSha256,
                      const CancelFlag *cancel = nullptr) override;

private:
    SftpEndpoint m_endpoint;
};

} // namespace pbxvault
