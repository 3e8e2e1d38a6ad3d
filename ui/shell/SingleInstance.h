#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

namespace pbxvault {

// One running PBX Vault per data directory. The first launch holds a QLockFile and listens on
// a QLocalServer, both named after a hash of the absolute data directory (so instances on
// different --data-dir folders are independent); a later launch on the same folder sends
// "show" to it and exits. A lock left by a crashed instance is taken over.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // dataDir: the folder in use (empty = the default data directory). runtimeDir: where the
    // lock file and, on Unix, the socket go; empty = the user's runtime or temporary folder.
    explicit SingleInstance(const QString &dataDir, const QString &runtimeDir = QString(),
                            QObject *parent = nullptr);
    ~SingleInstance() override;

    // Takes the lock and starts listening. False when another live instance holds the lock
    // (then call notifyPrimary()) or on an error (errorString()).
    bool tryBecomePrimary();
    bool isPrimary() const { return m_primary; }
    bool otherInstanceRunning() const { return m_otherRunning; }

    // Second launch: asks the running instance to show its window. Asynchronous: ends with
    // delivered() or deliveryFailed(); needs an event loop.
    void notifyPrimary(const QByteArray &request = QByteArrayLiteral("show"));

    QString errorString() const { return m_error; }
    QString serverName() const { return m_serverName; }
    QString lockFilePath() const { return m_lockPath; }
    // "pbxvault-" + the first 16 hex digits of SHA-256(user, absolute data dir).
    static QString keyFor(const QString &dataDir);

Q_SIGNALS:
    void showRequested();  // primary: a second launch asked for the window
    void delivered();      // secondary: the running instance took the request
    void deliveryFailed(); // secondary: it did not answer (errorString())

private:
    void onNewConnection();
    void attemptDelivery();
    void readAnswer(QLocalSocket *client);
    void failDelivery(const QString &why);

    QString m_serverName;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_client = nullptr;
    QByteArray m_request;
    int m_attempts = 0;
    bool m_primary = false;
    bool m_otherRunning = false;
    bool m_done = false;
    QString m_error;
};

} // namespace pbxvault
