#include "CatalogOpenPrompt.h"

#include "CatalogDialog.h"
#include "UiLog.h"
#include "common/AppSettings.h"
#include "ops/Vault.h"

#include <QMessageBox>
#include <QPushButton>

namespace pbxvault {

CatalogOpenPrompt::CatalogOpenPrompt(const QString &dataDir, AppSettings &settings,
                                     SecretStore &secrets)
    : m_dataDir(dataDir), m_settings(settings), m_secrets(secrets)
{}

std::unique_ptr<Vault> CatalogOpenPrompt::open(QString *error)
{
    for (;;) {
        const QString location = m_settings.catalogLocation();
        error->clear();
        std::unique_ptr<Vault> vault = Vault::open(m_dataDir, &m_secrets, error, location);
        if (vault || location.isEmpty())
            return vault;
        qCWarning(lcUi).noquote() << *error; // names the catalog, never a password
        switch (ask(location, *error)) {
        case Choice::Retry:
            break;
        case Choice::UseLocal:
            m_settings.setCatalogLocation(QString());
            m_settings.sync();
            break;
        case Choice::Settings: {
            CatalogDialog dialog(m_settings, m_secrets, m_dataDir, nullptr);
            dialog.exec();
            break;
        }
        case Choice::Quit:
            error->clear();
            return nullptr;
        }
    }
}

CatalogOpenPrompt::Choice CatalogOpenPrompt::ask(const QString &location, const QString &error)
{
    QMessageBox box(QMessageBox::Warning, tr("PBX Vault"),
                    tr("PBX Vault cannot open its catalog on %1.").arg(location));
    box.setObjectName(QStringLiteral("catalogUnavailableMessage"));
    box.setInformativeText(
        tr("%1\n\nNothing is written to another catalog unless you choose so: retry when the "
           "server is back, change the server or its password, or use the local catalog in "
           "the data directory from now on (Settings → Catalog switches back).")
            .arg(error.simplified()));
    QPushButton *retry = box.addButton(tr("&Retry"), QMessageBox::AcceptRole);
    retry->setObjectName(QStringLiteral("retryCatalogButton"));
    QPushButton *local = box.addButton(tr("Use the &local catalog"), QMessageBox::ActionRole);
    local->setObjectName(QStringLiteral("useLocalCatalogButton"));
    QPushButton *settings = box.addButton(tr("Catalog &settings…"), QMessageBox::ActionRole);
    settings->setObjectName(QStringLiteral("catalogSettingsButton"));
    QPushButton *quit = box.addButton(tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    box.setDefaultButton(retry);
    box.setEscapeButton(quit);
    box.exec();
    if (box.clickedButton() == retry)
        return Choice::Retry;
    if (box.clickedButton() == local)
        return Choice::UseLocal;
    if (box.clickedButton() == settings)
        return Choice::Settings;
    return Choice::Quit;
}

} // namespace pbxvault
