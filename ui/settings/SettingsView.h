#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace pbxvault {

class AppSettings;
class CatalogDialog;
class CopyTargetsDialog;
class EncryptionDialog;
class Operations;
class StoreDialog;

// Preferences, saved as soon as they change.
class SettingsView : public QWidget
{
    Q_OBJECT
public:
    SettingsView(Operations &ops, AppSettings &settings, QWidget *parent = nullptr);

    // Sets the "start at login" box without emitting startAtLoginToggled() (e.g. to undo a
    // change the system refused).
    void setStartAtLogin(bool on);

    // Opens Settings → Encryption… (non-modal); the Encryption row follows its changes.
    EncryptionDialog *openEncryptionDialog();
    // Reads the encryption state again ("On — key …" / "Off").
    void refreshEncryption();
    // Opens Settings → Copy targets… (window-modal); the Off-site copies row follows it.
    CopyTargetsDialog *openCopyTargetsDialog();
    void refreshOffsite(); // "None" / "2 targets · 1 failed copy"
    // Opens Settings → Catalog → Change… (window-modal); a saved change shows as a note until
    // the next start, which opens it.
    CatalogDialog *openCatalogDialog();
    // Opens Settings → Backup store → Change… (window-modal); a saved change shows as a note
    // until the next start, as does a store this window cannot write to (share not mounted).
    StoreDialog *openStoreDialog();
    void refreshStoreNote();

Q_SIGNALS:
    // After the setting was saved, so the login item and the scheduler can follow.
    void startAtLoginToggled(bool on);
    void concurrentJobsChanged(int jobs);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refreshCatalogNote();

    Operations &m_ops;
    AppSettings &m_settings;
    QLabel *m_encryptionState;
    QLabel *m_offsiteSummary = nullptr;
    QLabel *m_catalogValue = nullptr;
    QLabel *m_catalogNote = nullptr;
    QString m_runningCatalog; // the setting's form of the open catalog: empty = local file
    QLabel *m_storeValue = nullptr;
    QLabel *m_storeNote = nullptr;
    QSpinBox *m_concurrent;
    QCheckBox *m_notifySuccess;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QCheckBox *m_startAtLogin;
};

} // namespace pbxvault
