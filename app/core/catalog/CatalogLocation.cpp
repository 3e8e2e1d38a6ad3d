#include "CatalogLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace pbxvault {
namespace {

// libpq's conninfo quoting: single quotes, with backslash and quote escaped.
QString conninfoValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace

bool CatalogLocation::isPostgresUri(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           t.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

CatalogLocation CatalogLocation::parse(const QString &text)
{
    CatalogLocation location;
    if (!isPostgresUri(text)) {
        location.m_filePath = QFileInfo(text).absoluteFilePath();
        return location;
    }
    location.m_postgres = true;
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message quotes the text, which may hold a password: not shown.
        location.m_error = QCoreApplication::translate(
            "Catalog", "The catalog address is not a valid postgresql:// URI.");
        return location;
    }
    const QUrlQuery query(url);
    if (!url.password().isEmpty() || query.hasQueryItem(QStringLiteral("password"))) {
        location.m_error = QCoreApplication::translate(
            "Catalog", "The catalog address must not contain a password; PBX Vault takes it "
                       "from the system keychain or from PGPASSFILE.");
        return location;
    }
    location.m_host = url.host(QUrl::FullyDecoded);
    location.m_port = url.port(-1);
    location.m_user = url.userName(QUrl::FullyDecoded);
    location.m_database = url.path(QUrl::FullyDecoded);
    if (location.m_database.startsWith(QLatin1Char('/')))
        location.m_database.remove(0, 1);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        const QString key = item.first;
        if (key == QLatin1String("host")) {
            location.m_host = item.second;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            const int port = item.second.toInt(&ok);
            if (!ok || port <= 0 || port > 65535) {
                location.m_error =
                    QCoreApplication::translate("Catalog", "The catalog address has an invalid "
                                                           "port: %1.")
                        .arg(item.second);
                return location;
            }
            location.m_port = port;
        } else if (key == QLatin1String("user")) {
            location.m_user = item.second;
        } else if (key == QLatin1String("dbname")) {
            location.m_database = item.second;
        } else {
            location.m_options.append(item);
        }
    }
    return location;
}

CatalogLocation CatalogLocation::postgres(const QString &host, int port, const QString &database,
                                          const QString &userName, const QString &sslMode)
{
    CatalogLocation location;
    location.m_postgres = true;
    location.m_host = host.trimmed();
    location.m_port = port > 0 && port <= 65535 ? port : -1;
    location.m_database = database.trimmed();
    location.m_user = userName.trimmed();
    if (!sslMode.trimmed().isEmpty())
        location.m_options.append({QStringLiteral("sslmode"), sslMode.trimmed()});
    if (location.m_database.isEmpty())
        location.m_error =
            QCoreApplication::translate("Catalog", "The catalog address names no database.");
    return location;
}

QString CatalogLocation::keychainKey() const
{
    if (!m_postgres)
        return {};
    // The same server reached as "host" or with libpq's defaults spelled out gets one entry.
    const QString host = m_host.isEmpty() ? QStringLiteral("localhost") : m_host;
    const int port = m_port > 0 ? m_port : 5432;
    return QStringLiteral("catalog-server/") + m_user + QLatin1Char('@') + host + QLatin1Char(':') +
           QString::number(port) + QLatin1Char('/') + m_database;
}

CatalogLocation::ServerCheck CatalogLocation::checkServer(const QString &password,
                                                          int timeoutSeconds) const
{
    ServerCheck check;
    if (!isValid() || !m_postgres) {
        check.error = isValid() ? QCoreApplication::translate(
                                      "Catalog", "The catalog address is not a postgresql:// URI.")
                                : m_error;
        return check;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        check.error = QCoreApplication::translate(
            "Catalog", "The PostgreSQL driver of Qt (QPSQL) is not installed; on Debian and "
                       "Ubuntu install the package libqt6sql6-psql.");
        return check;
    }
    const QString name =
        QStringLiteral("pbxvault-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setDatabaseName(m_database);
        QString options = connectOptions();
        bool hasTimeout = false;
        for (const auto &option : m_options)
            hasTimeout = hasTimeout || option.first == QLatin1String("connect_timeout");
        if (!hasTimeout && timeoutSeconds > 0) {
            if (!options.isEmpty())
                options += QLatin1Char(';');
            options += QStringLiteral("connect_timeout=%1").arg(timeoutSeconds);
        }
        db.setConnectOptions(options);
        if (!password.isEmpty())
            db.setPassword(password);
        if (!db.open()) {
            const QSqlError e = db.lastError();
            check.error = e.databaseText().trimmed().isEmpty() ? e.text().trimmed()
                                                               : e.databaseText().trimmed();
        } else {
            check.connected = true;
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT to_regclass('pbxs') IS NOT NULL AND "
                                      "to_regclass('backups') IS NOT NULL")) &&
                q.next() && q.value(0).toBool()) {
                check.hasCatalog = true;
                if (q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM pbxs), "
                                          "(SELECT COUNT(*) FROM backups)")) &&
                    q.next()) {
                    check.pbxs = q.value(0).toLongLong();
                    check.backups = q.value(1).toLongLong();
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return check;
}

QString CatalogLocation::connectOptions() const
{
    QStringList parts;
    for (const auto &option : m_options)
        parts << option.first + QLatin1Char('=') + conninfoValue(option.second);
    return parts.join(QLatin1Char(';'));
}

QString CatalogLocation::toString() const
{
    if (!m_postgres)
        return m_filePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    QUrlQuery query;
    // A socket folder cannot be the authority's host: it goes in the query, as libpq allows.
    const bool socket = m_host.startsWith(QLatin1Char('/'));
    if (!m_host.isEmpty() && !socket) {
        url.setHost(m_host);
        if (!m_user.isEmpty())
            url.setUserName(m_user);
        url.setPort(m_port);
    } else {
        if (socket)
            query.addQueryItem(QStringLiteral("host"), m_host);
        if (m_port > 0)
            query.addQueryItem(QStringLiteral("port"), QString::number(m_port));
        if (!m_user.isEmpty())
            query.addQueryItem(QStringLiteral("user"), m_user);
    }
    url.setPath(QLatin1Char('/') + m_database);
    for (const auto &option : m_options)
        query.addQueryItem(option.first, option.second);
    url.setQuery(query);
    QString out = url.toString(QUrl::FullyEncoded);
    // QUrl writes "postgresql:/db" for an empty authority; libpq wants "postgresql:///db".
    if (url.host().isEmpty() && !out.startsWith(QLatin1String("postgresql://")))
        out.replace(0, int(qstrlen("postgresql:")), QStringLiteral("postgresql://"));
    return out;
}

} // namespace pbxvault
