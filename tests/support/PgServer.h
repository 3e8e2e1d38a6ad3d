#pragma once

#include "TestDirs.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace pbxvault::test {

// A throwaway PostgreSQL server owned by one test: initdb into a temporary directory, a
// postmaster listening only on a Unix socket in that directory, one empty database, and
// `pg_ctl stop -m fast` in the destructor (also when the test failed). As root the server
// runs as an unprivileged user (initdb refuses root).
class PgServer
{
public:
    PgServer();
    ~PgServer(); // stop()
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Newest /usr/lib/postgresql/<version>/bin holding initdb (or $PBXVAULT_PG_BINDIR, or the
    // folder of an initdb on PATH); empty when PostgreSQL is not installed.
    static QString binDir();
    // Empty when QPSQL connections can be opened, otherwise why not (callers QSKIP with it).
    static QString whyNoDriver();

    // Creates the cluster, starts the server, waits until it accepts connections and creates
    // databaseName(). False with a message (binaries missing, initdb failed, log excerpt...).
    bool start(QString *error = nullptr);
    void stop(); // closes the connections opened here, pg_ctl stop -m fast, waits
    bool isRunning() const { return m_postmasterPid > 0; }

    QString socketDir() const { return m_socketDir; } // the "host" of a socket connection
    quint16 port() const { return m_port; }           // names the socket: .s.PGSQL.PORT
    QString userName() const;                         // the cluster's superuser
    QString databaseName() const;
    QString dataDir() const { return m_dataDir; }
    qint64 postmasterPid() const { return m_postmasterPid; } // 0 when not running
    QString serverLog() const;

    // "pg-PORT"; openDatabase() without a name opens this one.
    QString connectionName() const;
    // Adds (or reuses) the QPSQL connection `name` to databaseName() over the socket and
    // opens it. On failure the returned database is not open and *error says why.
    QSqlDatabase openDatabase(const QString &name = QString(), QString *error = nullptr);

private:
    bool runTool(const QString &tool, const QStringList &arguments, bool asServerUser,
                 QString *error, int timeoutMs = 60000);
    bool waitUntilReady(QString *error);
    bool prepareDirectories(QString *error);

    std::unique_ptr<TestDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_shortSocketDir; // when m_dir's path is too long for a socket
    QString m_binDir, m_dataDir, m_socketDir;
    QString m_serverUser, m_runuser; // set when running as root
    quint16 m_port = 0;
    qint64 m_postmasterPid = 0;
    QStringList m_connections;
};

} // namespace pbxvault::test
