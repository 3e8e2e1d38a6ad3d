#include "CatalogWatcher.h"

#include "Catalog.h"
#include "CatalogDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace pbxvault {

CatalogWatcher::CatalogWatcher(const QString &catalogPath, QObject *parent)
    : QObject(parent), m_path(QFileInfo(catalogPath).absoluteFilePath()),
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

void CatalogWatcher::stop()
{
    m_timer.stop();
    m_lastVersion.reset();
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool CatalogWatcher::checkNow()
{
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
