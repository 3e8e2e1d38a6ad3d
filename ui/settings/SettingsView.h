#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace pbxvault {

class AppSettings;
class CopyTargetsDialog;
class EncryptionDialog;
class Operations;

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

Q_SIGNALS:
    // After the setting was saved, so the login item and the scheduler can follow.
    void startAtLoginToggled(bool on);
    void concurrentJobsChanged(int jobs);

protected:
    void showEvent(QShowEvent *event) override;

private:
    Operations &m_ops;
    AppSettings &m_settings;
    QLabel *m_encryptionState;
    QLabel *m_offsiteSummary = nullptr;
    QSpinBox *m_concurrent;
    QCheckBox *m_notifySuccess;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QCheckBox *m_startAtLogin;
};

} // namespace pbxvault
