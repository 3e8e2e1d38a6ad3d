#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

class QWidget;

namespace pbxvault {

class AppSettings;
class SecretStore;
class Vault;

// Opens the window's vault on the catalog the settings name (Settings → Catalog), with the
// keychain's password for a server. When that catalog cannot be opened (the server is down or
// refuses the password) it never falls back by itself, which would write to another catalog:
// a message says why and offers Retry, Use the local catalog (the setting goes back to the
// local file), Catalog settings… (CatalogDialog) and Quit.
class CatalogOpenPrompt
{
    Q_DECLARE_TR_FUNCTIONS(CatalogOpenPrompt)
public:
    CatalogOpenPrompt(const QString &dataDir, AppSettings &settings, SecretStore &secrets);

    // nullptr when the operator chose Quit (*error empty) or the local catalog itself cannot
    // be opened (*error says why).
    std::unique_ptr<Vault> open(QString *error);

private:
    enum class Choice
    {
        Retry,
        UseLocal,
        Settings,
        Quit
    };
    Choice ask(const QString &location, const QString &error);

    QString m_dataDir;
    AppSettings &m_settings;
    SecretStore &m_secrets;
};

} // namespace pbxvault
