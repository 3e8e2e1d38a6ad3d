#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace pbxvault {

// Notices that the catalog file changed: the command line, the daemon or another window
// committed to it. Polls SQLite's "PRAGMA data_version" on a connection of its own, which
// changes whenever any other connection commits; reading it touches no table, so a check
// costs the same with 10 or 100,000 backups. Commits made through this process's Catalog
// count too (it is another connection): they are reported at most once per interval.
// Lives on the thread that creates it (the GUI thread).
class CatalogWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 700;

    explicit CatalogWatcher(const QString &catalogPath, QObject *parent = nullptr);
    ~CatalogWatcher() override;
    CatalogWatcher(const CatalogWatcher &) = delete;
    CatalogWatcher &operator=(const CatalogWatcher &) = delete;

    // Opens the watching connection on the existing catalog file and starts polling.
    // False with *error when the file cannot be opened.
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
    std::optional<qint64> readDataVersion();

    QString m_path;
    QString m_connectionName;
    QTimer m_timer;
    std::optional<qint64> m_lastVersion;
};

} // namespace pbxvault
