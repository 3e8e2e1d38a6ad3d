#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTreeWidget;
class QWidget;

namespace pbxvault {

class AppSettings;
class Vault;

// Settings → Backup store → Change…: where new backups of every member of the catalog go —
// each computer's own folder, or a shared store (a folder on a share every member mounts,
// wherever each computer likes). OK with a shared store maps this computer to the folder when
// it already holds the store's marker, and creates the store there otherwise; then the store
// becomes the catalog's, as `pbxvault store create|map|local` do. The list shows the stores
// this computer maps (and the catalog's own) and maps or unmaps one without changing where new
// backups go. The window's vault keeps the store it opened with until the next start.
class StoreDialog : public QDialog
{
    Q_OBJECT
public:
    StoreDialog(Vault &vault, AppSettings &settings, QWidget *parent = nullptr);

    // The "Backup store:" value: the local folder, or the shared store and where this computer
    // mounts it (folder empty: not mapped here).
    static QString describe(const QString &store, const QString &folder,
                            const QString &localFolder);

    // Maps store name to folder on this computer, when folder holds that store of this
    // catalog; where new backups go does not change. False, with the reason shown, otherwise.
    bool mapStore(const QString &name, const QString &folder);
    bool unmapStore(const QString &name);

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    // After OK stored a choice. created: a new store marker was written in folder (else an
    // existing store was mapped, or the choice is this computer's folder: name empty).
    void storeSaved(const QString &name, const QString &folder, bool created);
    // A store was mapped or unmapped from the list.
    void mountsChanged();

private:
    void fillStores();
    void updateState();
    void browse();
    void mapSelected();
    void unmapSelected();
    QString selectedStore() const;
    void showResult(const QString &text, bool good);

    Vault &m_vault;
    AppSettings &m_settings;
    QRadioButton *m_local;
    QRadioButton *m_shared;
    QWidget *m_sharedFields;
    QLineEdit *m_name;
    QLineEdit *m_folder;
    QTreeWidget *m_stores;
    QPushButton *m_map;
    QPushButton *m_unmap;
    QLabel *m_result;
};

} // namespace pbxvault
