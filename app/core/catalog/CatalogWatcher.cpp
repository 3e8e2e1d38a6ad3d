#include "CatalogWatcher.h"

#include "Catalog.h"
#include "CatalogDatabase.h"
#include "CatalogLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace pbxvault {

CatalogWatcher::CatalogWatcher(const QString &catalogPath, QObject *parent)
    : QObject(parent), m_postgres(CatalogLocation::isPostgresUri(catalogPath)),
      m_path(m_postgres ? catalogPath : QFileInfo(catalogPath).absoluteFilePath()),
      m_connectionName(QStringLiteral("pbxvault-catalog-watch-") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CatalogWatcher::checkNow);
}

CatalogWatcher::~CatalogWatcher()
{
    stop();
}

bool CatalogWatcher::start(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    stop();
    if (m_postgres)
        return startPostgres(error);
    if (!QFileInfo::exists(m_path)) {
        *error = QCoreApplication::translate("Catalog", "The catalog %1 does not exist.")
                     .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    // Read-only: the watcher never writes, never creates a file and never checkpoints. A poll
    // must not block the GUI thread: when the file is locked it simply tries again next time.
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=0"));
    if (!db.open()) {
        *error = QCoreApplication::translate("Catalog", "Cannot open the catalog %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), describeSqlError(db.lastError()));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    m_lastVersion = readDataVersion();
    m_timer.start();
    qCDebug(lcCatalog) << "Watching" << m_path << "every" << m_timer.interval() << "ms";
    return true;
}

bool CatalogWatcher::startPostgres(QString *error)
{
    const CatalogLocation location = CatalogLocation::parse(m_path);
    if (!location.isValid()) {
        *error = location.error();
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *error = QCoreApplication::translate(
            "Catalog", "The PostgreSQL driver of Qt (QPSQL) is not installed; on Debian and "
                       "Ubuntu install the package libqt6sql6-psql.");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    db.setHostName(location.host());
    db.setPort(location.port());
    db.setUserName(location.userName());
    db.setDatabaseName(location.databaseName());
    db.setConnectOptions(location.connectOptions());
    if (!m_password.isEmpty())
        db.setPassword(m_password);
    const QString channel = QString::fromLatin1(kChannel);
    if (!db.open() || !db.driver()->subscribeToNotification(channel)) {
        *error = QCoreApplication::translate("Catalog", "Cannot watch the catalog %1: %2")
                     .arg(location.toString(), describeSqlError(db.lastError()));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    connect(db.driver(), &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &) {
                onNotification(name);
            });
    m_notified = false;
    m_timer.start();
    qCDebug(lcCatalog) << "Listening on" << channel << "of" << location.toString();
    return true;
}

void CatalogWatcher::onNotification(const QString &channel)
{
    if (channel == QLatin1String(kChannel))
        m_notified = true;
}

bool CatalogWatcher::checkPostgres()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return false;
    // A round trip makes libpq read what the server sent; the driver then hands the
    // notifications over through a queued call, delivered here rather than on a later turn of
    // the event loop, so that a check right after another connection's commit sees it.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT 1")))
        qCDebug(lcCatalog) << "Cannot reach the catalog server:" << describeSqlError(q.lastError());
    q.finish();
    QCoreApplication::sendPostedEvents(db.driver(), QEvent::MetaCall);
    const bool changed = m_notified;
    m_notified = false;
    if (changed) {
        qCDebug(lcCatalog) << "The catalog changed in another connection";
        Q_EMIT externalChange();
    }
    return changed;
}

void CatalogWatcher::stop()
{
    m_timer.stop();
    m_lastVersion.reset();
    m_notified = false;
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool CatalogWatcher::checkNow()
{
    if (m_postgres)
        return checkPostgres();
    const std::optional<qint64> version = readDataVersion();
    if (!version)
        return false; // busy or closed: the next poll tells
    // Without a baseline (the first read failed) a change may have been missed: say so.
    const bool changed = !m_lastVersion || *version != *m_lastVersion;
    m_lastVersion = version;
    if (changed) {
        qCDebug(lcCatalog) << "The catalog changed in another connection";
        Q_EMIT externalChange();
    }
    return changed;
}

std::optional<qint64> CatalogWatcher::readDataVersion()
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next()) {
        qCDebug(lcCatalog) << "Cannot read the catalog's data version:"
                           << describeSqlError(q.lastError());
        return std::nullopt;
    }
    const qint64 version = q.value(0).toLongLong();
    // Ends the read transaction the statement opened; otherwise the connection would keep
    // seeing the same snapshot and never notice a commit.
    q.finish();
    return version;
}

} // namespace pbxvault
