#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace pbxvault {

// Notices that the catalog changed: the command line, the daemon or another window committed
// to it. On SQLite, polls "PRAGMA data_version" on a connection of its own, which changes
// whenever any other connection commits; reading it touches no table, so a check costs the
// same with 10 or 100,000 backups. On PostgreSQL, listens on the channel pbxvault_catalog,
// which the catalog's triggers notify on every commit that changes a table (from any
// machine); notifications are gathered and reported on the same timer. Commits made through
// this process's Catalog count too (it is another connection): they are reported at most once
// per interval. Lives on the thread that creates it (the GUI thread).
class CatalogWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 700;

    static constexpr const char *kChannel = "pbxvault_catalog";

    // catalogPath: a file path or a postgresql:// URI (Catalog::path()).
    explicit CatalogWatcher(const QString &catalogPath, QObject *parent = nullptr);
    ~CatalogWatcher() override;
    CatalogWatcher(const CatalogWatcher &) = delete;
    CatalogWatcher &operator=(const CatalogWatcher &) = delete;

    // PostgreSQL only, before start(): the password the Catalog was opened with.
    void setPassword(const QString &password) { m_password = password; }

    // Opens the watching connection on the existing catalog and starts polling (listening).
    // False with *error when the catalog cannot be opened.
    bool start(QString *error = nullptr);
    void stop();
    bool isWatching() const { return m_timer.isActive(); }

    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    int intervalMs() const { return m_timer.interval(); }

    // One poll, as the timer does it: emits externalChange() and returns true when another
    // connection committed since the previous poll.
    bool checkNow();

Q_SIGNALS:
    void externalChange();

private:
    bool startPostgres(QString *error);
    bool checkPostgres();
    void onNotification(const QString &channel);
    std::optional<qint64> readDataVersion();

    bool m_postgres = false;
    bool m_notified = false; // PostgreSQL: a notification arrived since the last check
    QString m_password;
    QString m_path;
    QString m_connectionName;
    QTimer m_timer;
    std::optional<qint64> m_lastVersion;
};

} // namespace pbxvault
