#pragma once

#include "TestDirs.h"
#include "common/AppSettings.h"
#include "common/Records.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QApplication>
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPalette>
#include <QWidget>

#include <memory>

namespace pbxvault {
class SecretStore;
}

namespace pbxvault::test {

// A vault in a fresh temporary data directory with its Operations and settings, for widget
// tests, the benchmark and the screenshots. Without a secret store it keeps passwords in a
// MemorySecretStore.
class UiTestVault
{
public:
    explicit UiTestVault(SecretStore *secrets = nullptr);
    ~UiTestVault();
    bool open(QString *error);

    QString dataDir() const { return m_dir.path(); }
    Vault &vault() { return *m_vault; }
    Catalog &catalog() { return m_vault->catalog(); }
    Operations &ops() { return *m_ops; }
    AppSettings &settings() { return *m_settings; }
    SecretStore &secrets() { return *m_secrets; }

private:
    TestDir m_dir;
    std::unique_ptr<SecretStore> m_ownSecrets;
    SecretStore *m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<AppSettings> m_settings;
};

// A PBX record ready for Catalog::addPbx (never contacted: its address is unroutable unless
// a caller sets a real one).
PbxRecord makePbx(const QString &name, PbxRole role, const QString &url);

// count synthetic backups spread over the given PBXs, one an hour back from newestUtc.
QVector<BackupRecord> makeBackups(int count, const QVector<PbxRecord> &pbxs,
                                  const QDateTime &newestUtc);

// A plain ustar archive libarchive can list, with the given members.
bool writeTarArchive(const QString &path, const QList<QPair<QString, QByteArray>> &members);

// A dark theme as desktop dark themes set it, for the contrast tests and the screenshots.
QPalette darkPalette();

// The visible top-level widget (dialog) with that object name, or nullptr.
template <typename T> T *topLevel(const QString &objectName)
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *w : widgets) {
        if (w->objectName() == objectName && w->isVisible())
            if (auto *t = qobject_cast<T *>(w))
                return t;
    }
    return nullptr;
}

} // namespace pbxvault::test
