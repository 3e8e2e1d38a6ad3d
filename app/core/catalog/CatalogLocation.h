#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace pbxvault {

// Where a catalog lives: an SQLite file (any path) or a PostgreSQL database named by a libpq
// URI, "postgresql://user@host:port/db?sslmode=verify-full" or, over a Unix socket,
// "postgresql:///db?host=/run/postgresql&port=5433&user=u". A password never belongs in it:
// it comes from the keychain (Catalog::open's password) or libpq's PGPASSFILE / ~/.pgpass.
class CatalogLocation
{
public:
    // What a test connection to a PostgreSQL location found.
    struct ServerCheck
    {
        bool connected = false;
        QString error;           // why not (the server's words; never the password)
        bool hasCatalog = false; // PBX Vault's tables are there
        qint64 pbxs = 0;
        qint64 backups = 0;
        bool catalogEmpty() const { return !hasCatalog || (pbxs == 0 && backups == 0); }
    };

    // True when text names a PostgreSQL database (postgresql:// or postgres://).
    static bool isPostgresUri(const QString &text);
    // A file path is made absolute. A URI that cannot be used (bad syntax, a password in it)
    // gives an invalid location whose error() says why, without repeating the password.
    static CatalogLocation parse(const QString &text);
    // A PostgreSQL location from its parts (the Settings dialog's fields). port -1: libpq's
    // default; sslMode empty: libpq's default, otherwise passed through as sslmode.
    static CatalogLocation postgres(const QString &host, int port, const QString &database,
                                    const QString &userName, const QString &sslMode = {});

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool isPostgres() const { return m_postgres; }

    QString filePath() const { return m_filePath; } // SQLite only
    QString host() const { return m_host; }         // host name or socket folder; may be empty
    int port() const { return m_port; }             // -1: libpq's default
    QString userName() const { return m_user; }
    QString databaseName() const { return m_database; }
    // Every other URI parameter (sslmode, sslrootcert, connect_timeout...), as given.
    QList<QPair<QString, QString>> options() const { return m_options; }
    // options() in the form QPSQL's setConnectOptions() passes on to libpq.
    QString connectOptions() const;

    // The file path, or the URI rebuilt from its parts: what Catalog::path() returns, what
    // logs and errors show. Holds no secret.
    QString toString() const;

    // The keychain entry holding the password of this server's user:
    // "catalog-server/<user>@<host>:<port>/<db>". Keyed by the server, not by the catalog id,
    // which is unknown before connecting. Empty for an SQLite file.
    QString keychainKey() const;

    // Connects with password (empty: libpq's PGPASSFILE lookup), giving up after
    // timeoutSeconds, and reads whether a catalog is there; changes nothing on the server.
    // Blocks: call it on a worker thread from a window.
    ServerCheck checkServer(const QString &password, int timeoutSeconds = 10) const;

private:
    bool m_postgres = false;
    QString m_error;
    QString m_filePath;
    QString m_host, m_user, m_database;
    int m_port = -1;
    QList<QPair<QString, QString>> m_options;
};

} // namespace pbxvault
