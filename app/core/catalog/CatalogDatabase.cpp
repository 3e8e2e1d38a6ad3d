#include "CatalogDatabase.h"

#include "Catalog.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace pbxvault {

namespace {

// The catalog names every PBX and where its backups are, so only the owner may read it.
// Private before SQLite first opens it: SQLite gives the -wal, -shm and -journal files the
// mode of the database file.
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
const char *const kCompanionSuffixes[] = {"-wal", "-shm", "-journal"};

// Creates path empty and private if it is missing; makes an existing file private. Returns
// true when it created the file.
bool makePrivateFile(const QString &path)
{
#ifdef Q_OS_UNIX
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
        return true;
    if (QFileInfo::exists(path) && !QFile::setPermissions(path, kOwnerOnly)) {
        qCWarning(lcCatalog).noquote()
            << "cannot make" << QDir::toNativeSeparators(path) << "private to its owner";
    }
#else
    Q_UNUSED(path)
#endif
    return false;
}

} // namespace

QString describeSqlError(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.text().trimmed() : text;
}

CatalogDatabase::CatalogDatabase(const QString &path)
    : m_path(path), m_connectionName(QStringLiteral("pbxvault-catalog-") +
                                     QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

CatalogDatabase::CatalogDatabase(const CatalogLocation &location, const QString &password)
    : m_backend(location.isPostgres() ? Backend::PostgreSQL : Backend::SQLite),
      m_location(location), m_password(password), m_path(location.toString()),
      m_connectionName(QStringLiteral("pbxvault-catalog-") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

QString CatalogDatabase::displayName() const
{
    return isPostgres() ? m_path : QDir::toNativeSeparators(m_path);
}

CatalogDatabase::~CatalogDatabase()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool CatalogDatabase::open(QString *error)
{
    return isPostgres() ? openPostgres(error) : openSqlite(error);
}

bool CatalogDatabase::openPostgres(QString *error)
{
    if (!m_location.isValid()) {
        *error = m_location.error();
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *error = QCoreApplication::translate(
            "Catalog", "The PostgreSQL driver of Qt (QPSQL) is not installed; on Debian and "
                       "Ubuntu install the package libqt6sql6-psql.");
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setHostName(m_location.host());
    m_db.setPort(m_location.port());
    m_db.setUserName(m_location.userName());
    m_db.setDatabaseName(m_location.databaseName());
    m_db.setConnectOptions(m_location.connectOptions());
    if (!m_password.isEmpty())
        m_db.setPassword(m_password);
    if (!m_db.open()) {
        *error = QCoreApplication::translate("Catalog", "Cannot open the catalog %1: %2")
                     .arg(displayName(), describeSqlError(m_db.lastError()));
        return false;
    }
    // Notices (such as "relation already exists, skipping") are not worth a log line.
    QString why;
    if (!execute(QStringLiteral("SET client_min_messages = warning"), &why)) {
        *error = QCoreApplication::translate("Catalog", "Cannot open the catalog %1: %2")
                     .arg(displayName(), why);
        return false;
    }
    return true;
}

bool CatalogDatabase::openSqlite(QString *error)
{
    const QString shownPath = QDir::toNativeSeparators(m_path);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        *error = QCoreApplication::translate("Catalog",
                                             "The SQLite driver of Qt (QSQLITE) is not available.");
        return false;
    }
    makePrivateFile(m_path);
    for (const char *suffix : kCompanionSuffixes) {
        if (QFileInfo::exists(m_path + QLatin1String(suffix)))
            makePrivateFile(m_path + QLatin1String(suffix));
    }
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!m_db.open()) {
        *error = QCoreApplication::translate("Catalog", "Cannot open the catalog %1: %2")
                     .arg(shownPath, describeSqlError(m_db.lastError()));
        return false;
    }
    const QStringList setup{
        QStringLiteral("PRAGMA foreign_keys = ON"),
        // Up to 64 MiB of page cache instead of 2 (allocated only as pages are read). The list
        // of backups is read whole and often; 100,000 backups take about 40 MiB, and a cache
        // smaller than the scan evicts every page before it is needed again.
        QStringLiteral("PRAGMA cache_size = -65536"),
        // The first read of the file's content: a file that is not an SQLite database fails
        // here rather than in the middle of a migration.
        QStringLiteral("SELECT COUNT(*) FROM sqlite_master"),
    };
    for (const QString &sql : setup) {
        QString why;
        if (!execute(sql, &why)) {
            *error = QCoreApplication::translate("Catalog",
                                                 "%1 is not a PBX Vault catalog or is damaged: %2")
                         .arg(shownPath, why);
            return false;
        }
    }
    if (!foreignKeysEnabled()) {
        *error = QCoreApplication::translate(
            "Catalog", "This SQLite library cannot enforce foreign keys; the catalog needs them.");
        return false;
    }
    return true;
}

bool CatalogDatabase::enableWriteAheadLog(QString *error)
{
    if (isPostgres())
        return true; // the server has its own log
    QSqlQuery q(m_db);
    // While another connection holds the write lock (a process migrating a new catalog),
    // SQLite refuses this switch at once instead of calling its busy handler, as waiting with
    // a read transaction open could deadlock. It is retried for as long as the busy timeout
    // would have waited.
    const QDeadlineTimer deadline(kBusyTimeoutMs);
    for (int attempt = 0; !q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next();
         ++attempt) {
        const QSqlError why = q.lastError();
        const bool busy = why.nativeErrorCode() == QLatin1String("5") ||
                          why.nativeErrorCode() == QLatin1String("6");
        if (!busy || deadline.hasExpired()) {
            *error = QCoreApplication::translate(
                         "Catalog", "Cannot switch the catalog to write-ahead logging: %1")
                         .arg(describeSqlError(why));
            return false;
        }
        if (attempt == 0)
            qCDebug(lcCatalog) << "The catalog" << m_path
                               << "is busy: waiting to switch it to write-ahead logging";
        QThread::msleep(qMin(5UL << qMin(attempt, 4), 50UL));
    }
    const QString mode = q.value(0).toString().toLower();
    if (mode != QLatin1String("wal")) {
        // Some file systems (network shares) cannot do WAL; SQLite then keeps its rollback
        // journal, which is slower for concurrent use but still safe.
        qCWarning(lcCatalog) << "The catalog" << m_path << "stays in journal mode" << mode
                             << "(write-ahead logging is not available here)";
    }
    return true;
}

bool CatalogDatabase::beginWrite(QString *error)
{
    if (!isPostgres())
        return execute(QStringLiteral("BEGIN IMMEDIATE"), error);
    // One writer at a time, as on SQLite: the read-then-write sequences (PBX locks, unique
    // names, markInterrupted...) then cannot interleave across processes or machines.
    // Readers are never blocked; the lock ends with the transaction.
    if (!execute(QStringLiteral("BEGIN"), error))
        return false;
    if (execute(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriteLockKey), error))
        return true;
    rollback();
    return false;
}

bool CatalogDatabase::commit(QString *error)
{
    return execute(QStringLiteral("COMMIT"), error);
}

void CatalogDatabase::rollback()
{
    QString ignored;
    if (!execute(QStringLiteral("ROLLBACK"), &ignored))
        qCWarning(lcCatalog) << "Rollback failed:" << ignored;
}

QString CatalogDatabase::utf8Column(const QString &column)
{
    return QStringLiteral("CAST(%1 AS BLOB)").arg(column);
}

QString CatalogDatabase::textColumn(const QString &column) const
{
    return isPostgres() ? column : utf8Column(column);
}

bool CatalogDatabase::copyTo(const QString &target, QString *error)
{
    if (isPostgres()) {
        *error = QStringLiteral("copyTo is for SQLite files");
        return false;
    }
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("VACUUM INTO ?"))) {
        *error = describeSqlError(q.lastError());
        return false;
    }
    q.addBindValue(target);
    const bool created = makePrivateFile(target); // VACUUM INTO accepts an empty file
    if (!q.exec()) {
        *error = describeSqlError(q.lastError());
        if (created)
            QFile::remove(target);
        return false;
    }
    return true;
}

QString CatalogDatabase::journalMode() const
{
    if (isPostgres())
        return {};
    return pragma(QStringLiteral("journal_mode")).toString().toLower();
}

bool CatalogDatabase::foreignKeysEnabled() const
{
    if (isPostgres())
        return true; // always enforced
    return pragma(QStringLiteral("foreign_keys")).toInt() == 1;
}

int CatalogDatabase::busyTimeoutMs() const
{
    if (isPostgres())
        return 0;
    return pragma(QStringLiteral("busy_timeout")).toInt();
}

bool CatalogDatabase::execute(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    *error = describeSqlError(q.lastError());
    qCWarning(lcCatalog) << sql << "failed:" << *error;
    return false;
}

QVariant CatalogDatabase::pragma(const QString &name) const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return {};
    return q.value(0);
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        m_db.rollback();
}

bool WriteTransaction::begin(QString *error)
{
    m_open = m_db.beginWrite(error);
    return m_open;
}

bool WriteTransaction::commit(QString *error)
{
    if (!m_db.commit(error))
        return false; // the destructor rolls back
    m_open = false;
    return true;
}

} // namespace pbxvault
