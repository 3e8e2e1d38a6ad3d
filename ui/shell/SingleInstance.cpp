#include "SingleInstance.h"

#include "UiLog.h"
#include "ops/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

namespace pbxvault {

namespace {
constexpr int kRetryMs = 100;    // the primary may hold the lock but not listen yet
constexpr int kMaxAttempts = 50; // ~5 s in all
constexpr int kAnswerMs = 5000;  // a connected primary must answer within this

// The absolute path with symbolic links resolved as far as the folder exists, so the key is
// the same before and after the data directory is created.
QString normalizedDir(const QString &dir)
{
    QString path = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    QStringList missing;
    QFileInfo info(path);
    while (!info.exists() && !info.isRoot() && !path.isEmpty()) {
        missing.prepend(info.fileName());
        path = info.absolutePath();
        info = QFileInfo(path);
    }
    QString resolved = info.exists() ? info.canonicalFilePath() : path;
    for (const QString &part : std::as_const(missing))
        resolved = QDir(resolved).filePath(part);
    resolved = QDir::cleanPath(resolved);
#ifdef Q_OS_WIN
    resolved = resolved.toLower();
#endif
    return resolved;
}
} // namespace

QString SingleInstance::keyFor(const QString &dataDir)
{
    const QString dir = normalizedDir(dataDir.isEmpty() ? Vault::defaultDataDir() : dataDir);
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(user.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(dir.toUtf8());
    return QStringLiteral("pbxvault-") + QString::fromLatin1(hash.result().toHex().left(16));
}

SingleInstance::SingleInstance(const QString &dataDir, const QString &runtimeDir, QObject *parent)
    : QObject(parent)
{
    QString dir = runtimeDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    QDir().mkpath(dir);
    const QString key = keyFor(dataDir);
    m_lockPath = QDir(dir).filePath(key + QStringLiteral(".lock"));
#ifdef Q_OS_WIN
    m_serverName = key; // a named pipe: no folder
#else
    m_serverName = QDir(dir).filePath(key + QStringLiteral(".socket"));
#endif
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
    if (m_lock)
        m_lock->unlock();
}

bool SingleInstance::tryBecomePrimary()
{
    if (m_primary)
        return true;
    m_otherRunning = false;
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    // Never stale because of its age: the app runs for weeks. A lock whose process is gone
    // (a crash) is still recognised as stale and removed by tryLock().
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError) {
            m_otherRunning = true;
            m_error = tr("PBX Vault is already running on this data directory.");
            qCInfo(lcUi) << "Another instance holds" << m_lockPath;
        } else {
            m_error =
                tr("Cannot create the lock file %1.").arg(QDir::toNativeSeparators(m_lockPath));
            qCWarning(lcUi) << "Cannot lock" << m_lockPath << m_lock->error();
        }
        m_lock.reset();
        return false;
    }
    // We hold the lock, so a leftover socket belongs to a dead instance.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        m_error = tr("Cannot listen for other launches: %1").arg(m_server->errorString());
        qCWarning(lcUi) << "Single-instance server" << m_serverName << m_server->errorString();
        delete m_server;
        m_server = nullptr;
        m_lock->unlock();
        m_lock.reset();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    m_primary = true;
    qCInfo(lcUi) << "Single instance: listening on" << m_serverName;
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never sends its line is dropped.
        QTimer::singleShot(kAnswerMs, socket, [socket] { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > 256)
                    socket->abort();
                return;
            }
            const QByteArray request = socket->readLine(256).trimmed();
            if (request == "show") {
                qCInfo(lcUi) << "Show requested by a second launch";
                socket->write("ok\n");
                socket->flush();
                socket->disconnectFromServer();
                Q_EMIT showRequested();
            } else {
                qCWarning(lcUi) << "Unknown single-instance request" << request.left(32);
                socket->write("unknown\n");
                socket->disconnectFromServer();
            }
        });
    }
}

void SingleInstance::notifyPrimary(const QByteArray &request)
{
    m_request = request;
    m_attempts = 0;
    m_done = false;
    attemptDelivery();
}

void SingleInstance::attemptDelivery()
{
    ++m_attempts;
    delete m_client;
    m_client = new QLocalSocket(this);
    QLocalSocket *client = m_client;
    connect(client, &QLocalSocket::connected, this, [this, client] {
        client->write(m_request + '\n');
        QTimer::singleShot(kAnswerMs, client,
                           [this] { failDelivery(tr("The running PBX Vault did not answer.")); });
    });
    connect(client, &QLocalSocket::readyRead, this, [this, client] { readAnswer(client); });
    connect(client, &QLocalSocket::errorOccurred, this,
            [this, client](QLocalSocket::LocalSocketError error) {
                if (m_done)
                    return;
                const bool notListening = error == QLocalSocket::ServerNotFoundError ||
                                          error == QLocalSocket::ConnectionRefusedError;
                if (notListening && m_attempts < kMaxAttempts) {
                    QTimer::singleShot(kRetryMs, this, &SingleInstance::attemptDelivery);
                    return;
                }
                if (client->canReadLine()) {
                    readAnswer(client); // the answer came just before the peer closed
                    return;
                }
                if (notListening) {
                    failDelivery(tr("PBX Vault is running on this data directory but does not "
                                    "answer."));
                    return;
                }
                failDelivery(
                    tr("Cannot reach the running PBX Vault: %1").arg(client->errorString()));
            });
    client->connectToServer(m_serverName);
}

void SingleInstance::readAnswer(QLocalSocket *client)
{
    if (m_done || !client->canReadLine())
        return;
    const QByteArray answer = client->readLine(64).trimmed();
    if (answer != "ok") {
        failDelivery(tr("The running PBX Vault refused the request."));
        return;
    }
    m_done = true;
    qCInfo(lcUi) << "The running instance will show its window";
    Q_EMIT delivered();
}

void SingleInstance::failDelivery(const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    m_error = why;
    qCWarning(lcUi) << "Single instance:" << why;
    Q_EMIT deliveryFailed();
}

} // namespace pbxvault
