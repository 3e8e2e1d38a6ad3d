#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace pbxvault {

// "Start PBX Vault in the system tray when I log in": the per-user login item of the
// platform, starting `pbxvault --tray` (plus --data-dir when the app runs on another folder).
//   Linux and other XDG desktops: $XDG_CONFIG_HOME/autostart/pbxvault.desktop
//   Windows: HKCU\Software\Microsoft\Windows\CurrentVersion\Run, value "PBX Vault"
//   macOS: ~/Library/LaunchAgents/org.pbxvault.PBXVault.plist
class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)
public:
    // program: empty = this executable (or $APPIMAGE when running from an AppImage).
    explicit Autostart(const QString &dataDir = QString(), const QString &program = QString());

    bool isEnabled() const;
    // Writes (or refreshes) or removes the login item; false with *error on failure.
    bool setEnabled(bool on, QString *error = nullptr);

    QString program() const { return m_program; }
    QStringList arguments() const; // --tray [--data-dir DIR]
    // The file written (Linux, macOS) or the registry key (Windows).
    QString location() const;

    // Desktop Entry "Exec" value for program + arguments, quoted per the specification.
    static QString desktopExec(const QString &program, const QStringList &arguments);
    // The entry's text.
    QString desktopEntry() const;

private:
    QString m_dataDir;
    QString m_program;
};

} // namespace pbxvault
