#include "SshServer.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTimer>

#include <csignal>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pbxvault::test {

namespace {

constexpr int ReadyTimeoutMs = 30000; // a busy machine can take its time
constexpr int PollIntervalMs = 20;
constexpr int PortAttempts = 5;

const QString SshdPath = QStringLiteral("/usr/sbin/sshd");

quint16 freePort()
{
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 0))
        return probe.serverPort();
    return 0;
}

QString quotedForConfig(const QString &path)
{
    return QLatin1Char('"') + path + QLatin1Char('"');
}

bool runKeygen(const QString &keyPath, QString *error)
{
    const QString keygen = QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
    if (keygen.isEmpty()) {
        *error = QStringLiteral("ssh-keygen is not installed (Debian: openssh-client)");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(keygen, {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                           QStringLiteral("pbxvault-test"), QStringLiteral("-f"), keyPath});
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("ssh-keygen failed: %1")
                     .arg(QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

// "ssh-ed25519 AAAA... comment" -> "SHA256:<base64 of the blob's SHA-256, unpadded>".
QString fingerprintOfPublicKey(const QString &publicKeyPath)
{
    QFile file(publicKeyPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    if (fields.size() < 2)
        return {};
    const QByteArray blob = QByteArray::fromBase64(fields.at(1));
    return QStringLiteral("SHA256:") +
           QString::fromLatin1(QCryptographicHash::hash(blob, QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::OmitTrailingEquals));
}

qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() >= 2 ? fields.at(1).toLongLong() : -1;
}

QList<qint64> descendantsOf(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (numeric)
            children[parentOf(pid)].append(pid);
    }
    QList<qint64> found;
    QList<qint64> pending{root};
    while (!pending.isEmpty()) {
        const qint64 pid = pending.takeFirst();
        for (qint64 child : children.value(pid)) {
            found << child;
            pending << child;
        }
    }
    return found;
}

void pauseOnEventLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

SshServer::SshServer() = default;

SshServer::~SshServer()
{
    stop();
}

QString SshServer::sshdPath()
{
    return QFileInfo(SshdPath).isExecutable() ? SshdPath : QString();
}

QString SshServer::user() const
{
    const passwd *account = ::getpwuid(::geteuid());
    return account ? QString::fromLocal8Bit(account->pw_name) : QString();
}

QString SshServer::clientPrivateKey() const
{
    QFile key(filePath(QStringLiteral("client_key")));
    return key.open(QIODevice::ReadOnly) ? QString::fromLatin1(key.readAll()) : QString();
}

QString SshServer::hostKeyFingerprint() const
{
    return m_fingerprint;
}

QString SshServer::log() const
{
    QFile file(filePath(QStringLiteral("sshd.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) : QString();
}

qint64 SshServer::listenerPid() const
{
    return isRunning() ? m_process->processId() : 0;
}

bool SshServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QList<qint64> SshServer::connectionPids() const
{
    const qint64 listener = listenerPid();
    return listener > 0 ? descendantsOf(listener) : QList<qint64>();
}

bool SshServer::prepare(QString *error)
{
    if (sshdPath().isEmpty()) {
        *error = QStringLiteral("%1 is not installed (Debian: openssh-server)").arg(SshdPath);
        return false;
    }
    if (::geteuid() == 0 && !QFileInfo::exists(QStringLiteral("/run/sshd"))) {
        // sshd as root wants its privilege separation folder, which systemd usually makes.
        if (::mkdir("/run/sshd", 0755) != 0 && !QFileInfo::exists(QStringLiteral("/run/sshd"))) {
            *error = QStringLiteral("sshd as root needs /run/sshd, which cannot be created");
            return false;
        }
    }
    m_dir = std::make_unique<TestDir>();
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a directory for sshd: %1").arg(m_dir->whyInvalid());
        return false;
    }
    const QString hostKey = filePath(QStringLiteral("host_key"));
    const QString clientKey = filePath(QStringLiteral("client_key"));
    if (!runKeygen(hostKey, error) || !runKeygen(clientKey, error))
        return false;
    m_fingerprint = fingerprintOfPublicKey(hostKey + QStringLiteral(".pub"));
    const QString authorizedKeys = filePath(QStringLiteral("authorized_keys"));
    if (!QFile::copy(clientKey + QStringLiteral(".pub"), authorizedKeys)) {
        *error = QStringLiteral("cannot write %1").arg(authorizedKeys);
        return false;
    }
    m_remoteDir = filePath(QStringLiteral("remote"));
    if (!QDir().mkpath(m_remoteDir)) {
        *error = QStringLiteral("cannot create %1").arg(m_remoteDir);
        return false;
    }

    const QStringList config{
        QStringLiteral("ListenAddress 127.0.0.1"),
        QStringLiteral("HostKey %1").arg(quotedForConfig(hostKey)),
        QStringLiteral("PidFile %1").arg(quotedForConfig(filePath(QStringLiteral("sshd.pid")))),
        QStringLiteral("AuthorizedKeysFile %1").arg(quotedForConfig(authorizedKeys)),
        // Checkouts sit in private folders, maybe owned by root: no ownership checks.
        QStringLiteral("StrictModes no"),
        QStringLiteral("UsePAM no"),
        QStringLiteral("PubkeyAuthentication yes"),
        QStringLiteral("PasswordAuthentication yes"),
        QStringLiteral("KbdInteractiveAuthentication no"),
        QStringLiteral("PermitRootLogin prohibit-password"),
        QStringLiteral("UseDNS no"),
        QStringLiteral("PrintMotd no"),
        QStringLiteral("MaxStartups 100"),
        QStringLiteral("Subsystem sftp internal-sftp"),
    };
    QFile file(filePath(QStringLiteral("sshd_config")));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(config.join(QLatin1Char('\n')).toUtf8() + '\n') < 0) {
        *error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

bool SshServer::launch(QString *error)
{
    QFile::remove(filePath(QStringLiteral("sshd.log")));
    m_process = std::make_unique<QProcess>();
    // -e logs to stderr; a file rather than a pipe, which nobody drains while a test blocks.
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(filePath(QStringLiteral("sshd.log")));
    m_process->start(SshdPath, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                                filePath(QStringLiteral("sshd_config")), QStringLiteral("-p"),
                                QString::number(m_port)});
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(SshdPath, m_process->errorString());
        return false;
    }
    return waitUntilListening(error);
}

bool SshServer::waitUntilListening(QString *error)
{
    const QByteArray ready = "Server listening on 127.0.0.1 port " + QByteArray::number(m_port);
    const QDeadlineTimer deadline(ReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        if (log().toLocal8Bit().contains(ready))
            return true;
        if (m_process->state() != QProcess::Running) {
            m_process->waitForFinished(1000);
            *error = QStringLiteral("sshd exited (code %1):\n%2")
                         .arg(m_process->exitCode())
                         .arg(log().trimmed());
            return false;
        }
        pauseOnEventLoop(PollIntervalMs);
    }
    *error = QStringLiteral("sshd did not listen within %1 s:\n%2")
                 .arg(ReadyTimeoutMs / 1000)
                 .arg(log().trimmed());
    killAll();
    return false;
}

bool SshServer::start(QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    if (isRunning()) {
        why = QStringLiteral("sshd is already running");
        return false;
    }
    if (!prepare(&why))
        return false;
    for (int attempt = 0; attempt < PortAttempts; ++attempt) {
        m_port = freePort();
        if (m_port == 0) {
            why = QStringLiteral("no free TCP port on 127.0.0.1");
            return false;
        }
        if (launch(&why))
            return true;
        // Another process may have taken the port between the probe and sshd's bind.
        if (!log().contains(QLatin1String("Bind to port")))
            return false;
    }
    return false;
}

bool SshServer::restart(QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    stop();
    if (!m_dir || m_port == 0) {
        why = QStringLiteral("sshd was never started");
        return false;
    }
    return launch(&why);
}

void SshServer::killAll()
{
    if (!m_process)
        return;
    const qint64 listener = m_process->processId();
    if (listener > 0 && m_process->state() == QProcess::Running) {
        // Frozen first, so that it forks nothing new while its children are collected.
        ::kill(pid_t(listener), SIGSTOP);
        const QList<qint64> connections = descendantsOf(listener);
        for (qint64 pid : connections)
            ::kill(pid_t(pid), SIGKILL);
        ::kill(pid_t(listener), SIGKILL);
    }
    m_process->waitForFinished(10000);
}

void SshServer::stop()
{
    killAll();
    m_process.reset();
}

} // namespace pbxvault::test
