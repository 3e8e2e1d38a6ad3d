#pragma once

#include <QByteArray>
#include <QHash>
#include <QSettings>
#include <QString>

#include <memory>

namespace pbxvault {

// Typed access to the user's preferences. With a data-dir override (tests, portable use)
// the settings live in <dataDir>/settings.ini; otherwise in the platform's usual place.
class AppSettings
{
public:
    explicit AppSettings(const QString &dataDirOverride = QString());

    int concurrentJobs() const; // default 2, 1..8
    void setConcurrentJobs(int n);
    bool notifySuccess() const; // failures are always notified
    void setNotifySuccess(bool on);
    QString language() const; // "system", "en" or "it"
    void setLanguage(const QString &code);
    bool startAtLogin() const;
    void setStartAtLogin(bool on);
    bool trayNoticeShown() const; // "keeps running in the tray" told once
    void setTrayNoticeShown(bool shown);
    bool schedulingPaused() const;
    void setSchedulingPaused(bool paused);

    // The window's catalog: empty for <dataDir>/catalog.sqlite, otherwise an SQLite file or a
    // postgresql:// URI without a password (that one lives in the keychain). Read at start.
    QString catalogLocation() const;
    void setCatalogLocation(const QString &location);

    // Where this machine mounts each shared backup store (catalog/StoreMounts): name -> folder.
    // Per machine, since every member mounts the team's share wherever it likes.
    QHash<QString, QString> storeMounts() const;
    void setStoreMount(const QString &name, const QString &folder); // empty folder: unmapped

    // Operators' hook commands (hooks/HookPlan). scope: empty for every PBX, otherwise
    // hookScope(catalogId, pbxId); event: "pre-backup", "post-backup", "pre-restore",
    // "post-restore". They live in this machine's settings, never in the catalog, so a shared
    // catalog cannot make other machines run commands. An empty command removes the hook.
    static QString hookScope(const QString &catalogId, qint64 pbxId);
    QString hookCommand(const QString &scope, const QString &event) const;
    void setHookCommand(const QString &scope, const QString &event, const QString &command);
    int hookTimeoutSeconds() const; // default 300, 1..86400
    void setHookTimeoutSeconds(int seconds);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &g);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &s);
    QString lastView() const;
    void setLastView(const QString &view);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace pbxvault
