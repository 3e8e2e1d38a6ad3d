#include "PgServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlError>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTimer>
#include <QVersionNumber>

#include <algorithm>

#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcPgServer, "pbxvault.test.pgserver")

namespace pbxvault::test {

namespace {

constexpr int ReadyTimeoutMs = 60000; // a busy CI machine can take its time
constexpr int PollIntervalMs = 50;
constexpr int StopTimeoutSeconds = 60;

const QString SuperUser = QStringLiteral("pbxvault");
const QString Database = QStringLiteral("pbxvault_test");

bool isRoot()
{
    return ::geteuid() == 0;
}

// The account the server runs as when the test runs as root: initdb and postgres refuse root.
QString unprivilegedUser()
{
    for (const char *name : {"postgres", "nobody"}) {
        if (::getpwnam(name))
            return QString::fromLatin1(name);
    }
    return {};
}

bool hasInitdb(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/initdb")).isExecutable();
}

// pg_ctl hands -o to /bin/sh, so paths inside it are quoted for the shell.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

quint16 freePortNumber()
{
    // Only a name for the socket (.s.PGSQL.PORT) and the shared memory key: no TCP listener.
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 0))
        return probe.serverPort();
    return 55432;
}

bool fitsInSocketAddress(const QString &socketDir)
{
    const QByteArray path = QFile::encodeName(socketDir + QStringLiteral("/.s.PGSQL.65535"));
    return path.size() < int(sizeof(sockaddr_un::sun_path));
}

// Waits for the process on the event loop; false on timeout (the process is then killed).
bool finishWithin(QProcess &process, int timeoutMs)
{
    if (process.state() == QProcess::NotRunning)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    return true;
}

void pauseOnEventLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QString lastLines(const QString &text, int count)
{
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

PgServer::PgServer() = default;

PgServer::~PgServer()
{
    stop();
}

QString PgServer::binDir()
{
    const QString fromEnvironment = qEnvironmentVariable("PBXVAULT_PG_BINDIR");
    if (hasInitdb(fromEnvironment))
        return fromEnvironment;

    // Debian keeps the server binaries off PATH, one folder per major version.
    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &name : names) {
        const QString dir = versions.filePath(name) + QStringLiteral("/bin");
        if (hasInitdb(dir))
            return dir;
    }

    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    return onPath.isEmpty() ? QString() : QFileInfo(onPath).absolutePath();
}

QString PgServer::whyNoDriver()
{
    if (QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return {};
    return QStringLiteral("the Qt PostgreSQL driver QPSQL is not installed (Debian: "
                          "libqt6sql6-psql); available drivers: %1")
        .arg(QSqlDatabase::drivers().join(QStringLiteral(", ")));
}

QString PgServer::userName() const
{
    return SuperUser;
}

QString PgServer::databaseName() const
{
    return Database;
}

QString PgServer::connectionName() const
{
    return QStringLiteral("pg-%1").arg(m_port);
}

QString PgServer::serverLog() const
{
    if (m_dataDir.isEmpty())
        return {};
    QFile log(m_dataDir + QStringLiteral("/server.log"));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(log.readAll());
}

bool PgServer::prepareDirectories(QString *error)
{
    // As root the server's user must be able to walk down to its data and socket folders.
    m_dir = std::make_unique<TestDir>(isRoot() ? TestDir::Reach::Everyone : TestDir::Reach::Owner);
    if (!m_dir->isValid()) {
        *error =
            QStringLiteral("cannot create a directory for PostgreSQL: %1").arg(m_dir->whyInvalid());
        return false;
    }
    m_dataDir = m_dir->filePath(QStringLiteral("data"));
    m_socketDir = m_dir->filePath(QStringLiteral("socket"));
    if (!fitsInSocketAddress(m_socketDir)) {
        // A deep checkout makes the socket path longer than a sockaddr_un can hold.
        m_shortSocketDir =
            std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/pbxvault-pg-XXXXXX"));
        if (!m_shortSocketDir->isValid()) {
            *error = QStringLiteral("cannot create a socket directory in /tmp: %1")
                         .arg(m_shortSocketDir->errorString());
            return false;
        }
        QFile::setPermissions(m_shortSocketDir->path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                  QFileDevice::ExeOther);
        m_socketDir = m_shortSocketDir->filePath(QStringLiteral("socket"));
    }

    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString &dir : {m_dataDir, m_socketDir}) {
        if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, ownerOnly)) {
            *error = QStringLiteral("cannot create %1").arg(dir);
            return false;
        }
        if (isRoot()) {
            const passwd *account = ::getpwnam(m_serverUser.toLocal8Bit().constData());
            if (!account || ::chown(QFile::encodeName(dir).constData(), account->pw_uid,
                                    account->pw_gid) != 0) {
                *error = QStringLiteral("cannot give %1 to the user %2").arg(dir, m_serverUser);
                return false;
            }
        }
    }
    return true;
}

bool PgServer::runTool(const QString &tool, const QStringList &arguments, bool asServerUser,
                       QString *error, int timeoutMs)
{
    QString program = m_binDir + QLatin1Char('/') + tool;
    QStringList programArguments = arguments;
    if (asServerUser && isRoot()) {
        programArguments =
            QStringList{QStringLiteral("-u"), m_serverUser, QStringLiteral("--"), program} +
            arguments;
        program = m_runuser;
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : environment.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            environment.remove(key); // the developer's own PGHOST, PGDATABASE...
    }
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_dir->path()); // the server's user may not enter ours
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, programArguments);
    const bool finished = finishWithin(process, timeoutMs);
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.error() == QProcess::FailedToStart) {
        *error = QStringLiteral("cannot run %1: %2").arg(program, process.errorString());
        return false;
    }
    if (!finished) {
        *error = QStringLiteral("%1 did not finish within %2 s").arg(tool).arg(timeoutMs / 1000);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed (exit code %2): %3")
                     .arg(tool)
                     .arg(process.exitCode())
                     .arg(lastLines(output, 10));
        return false;
    }
    return true;
}

bool PgServer::waitUntilReady(QString *error)
{
    const QStringList probe{
        QStringLiteral("-q"),      QStringLiteral("-h"), m_socketDir, QStringLiteral("-p"),
        QString::number(m_port),   QStringLiteral("-U"), SuperUser,   QStringLiteral("-d"),
        QStringLiteral("postgres")};
    const QDeadlineTimer deadline(ReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        QString notReady;
        if (runTool(QStringLiteral("pg_isready"), probe, false, &notReady))
            return true;
        // A FATAL line alone may be pg_isready turned away during startup; a server that
        // failed also removed its postmaster.pid on the way out.
        const QString log = serverLog();
        const bool failed =
            (log.contains(QLatin1String("FATAL:")) || log.contains(QLatin1String("PANIC:"))) &&
            !QFile::exists(m_dataDir + QStringLiteral("/postmaster.pid"));
        if (failed) {
            *error = QStringLiteral("PostgreSQL did not start:\n%1").arg(lastLines(log, 10));
            return false;
        }
        pauseOnEventLoop(PollIntervalMs);
    }
    *error = QStringLiteral("PostgreSQL did not accept connections within %1 s:\n%2")
                 .arg(ReadyTimeoutMs / 1000)
                 .arg(lastLines(serverLog(), 10));
    return false;
}

bool PgServer::start(QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    if (isRunning()) {
        why = QStringLiteral("the PostgreSQL server is already running");
        return false;
    }
    m_binDir = binDir();
    if (m_binDir.isEmpty()) {
        why = QStringLiteral("PostgreSQL server binaries not found (no initdb in "
                             "/usr/lib/postgresql/*/bin, $PBXVAULT_PG_BINDIR or PATH; Debian: "
                             "apt-get install postgresql)");
        return false;
    }
    if (isRoot()) {
        m_serverUser = unprivilegedUser();
        m_runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
        if (m_runuser.isEmpty()) {
            m_runuser = QStandardPaths::findExecutable(
                QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        }
        if (m_serverUser.isEmpty() || m_runuser.isEmpty()) {
            why = QStringLiteral("running as root, PostgreSQL needs runuser and an unprivileged "
                                 "user (postgres or nobody)");
            return false;
        }
    }
    if (!prepareDirectories(&why))
        return false;

    if (!runTool(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), m_dataDir, QStringLiteral("-U"), SuperUser,
                  QStringLiteral("--auth=trust"), QStringLiteral("--no-locale"),
                  QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-sync")},
                 true, &why))
        return false;

    m_port = freePortNumber();
    // A throwaway cluster: durability settings off, no TCP listener at all.
    const QString serverOptions =
        QStringLiteral("-k %1 -p %2 -c listen_addresses='' -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off")
            .arg(shellQuoted(m_socketDir))
            .arg(m_port);
    // -W: pg_ctl returns at once; waitUntilReady() polls on the event loop instead.
    if (!runTool(QStringLiteral("pg_ctl"),
                 {QStringLiteral("start"), QStringLiteral("-W"), QStringLiteral("-D"), m_dataDir,
                  QStringLiteral("-l"), m_dataDir + QStringLiteral("/server.log"),
                  QStringLiteral("-o"), serverOptions},
                 true, &why) ||
        !waitUntilReady(&why)) {
        stop();
        return false;
    }

    QFile pidFile(m_dataDir + QStringLiteral("/postmaster.pid"));
    if (pidFile.open(QIODevice::ReadOnly))
        m_postmasterPid = pidFile.readLine().trimmed().toLongLong();

    if (!runTool(QStringLiteral("createdb"),
                 {QStringLiteral("-h"), m_socketDir, QStringLiteral("-p"), QString::number(m_port),
                  QStringLiteral("-U"), SuperUser, Database},
                 false, &why)) {
        stop();
        return false;
    }
    if (m_postmasterPid <= 0) {
        why = QStringLiteral("cannot read the server's process id from %1").arg(pidFile.fileName());
        stop();
        return false;
    }
    return true;
}

void PgServer::stop()
{
    for (const QString &name : std::as_const(m_connections)) {
        {
            QSqlDatabase database = QSqlDatabase::database(name, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();

    if (m_dataDir.isEmpty() || !QFile::exists(m_dataDir + QStringLiteral("/postmaster.pid"))) {
        m_postmasterPid = 0;
        return;
    }
    QString why;
    const QString seconds = QString::number(StopTimeoutSeconds);
    if (!runTool(QStringLiteral("pg_ctl"),
                 {QStringLiteral("stop"), QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"),
                  QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"), seconds},
                 true, &why, (StopTimeoutSeconds + 10) * 1000)) {
        qCWarning(lcPgServer) << "fast shutdown failed, trying immediate:" << why;
        if (!runTool(QStringLiteral("pg_ctl"),
                     {QStringLiteral("stop"), QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"),
                      QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("-t"),
                      seconds},
                     true, &why, (StopTimeoutSeconds + 10) * 1000))
            qCWarning(lcPgServer) << "PostgreSQL left running:" << why;
    }
    m_postmasterPid = 0;
}

QSqlDatabase PgServer::openDatabase(const QString &name, QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    why = whyNoDriver();
    if (!why.isEmpty())
        return {};
    if (!isRunning()) {
        why = QStringLiteral("the PostgreSQL server is not running");
        return {};
    }
    const QString connection = name.isEmpty() ? connectionName() : name;
    QSqlDatabase database;
    if (QSqlDatabase::contains(connection)) {
        database = QSqlDatabase::database(connection, false);
    } else {
        database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        database.setHostName(m_socketDir);
        database.setPort(m_port);
        database.setDatabaseName(Database);
        database.setUserName(SuperUser);
        m_connections << connection;
    }
    if (!database.isOpen() && !database.open())
        why = QStringLiteral("cannot open %1: %2").arg(connection, database.lastError().text());
    return database;
}

} // namespace pbxvault::test
