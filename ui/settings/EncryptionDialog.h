#pragma once

#include <QDialog>

#include <functional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace pbxvault {

class RecoveryKeyDialog;
class Vault;
class VaultEncryption;

// Settings → Encryption…: the vault's encryption state, turning it on (the recovery key shown
// once), showing the recovery key again, importing one, and encrypting the existing backups
// in place with a progress bar and Cancel. Secrets never go to the log.
class EncryptionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit EncryptionDialog(Vault &vault, QWidget *parent = nullptr);
    ~EncryptionDialog() override;

    // "On — key 1a2b3c4d…", "On — key … not loaded on this machine" or "Off".
    static QString stateInWords(Vault &vault);

    // A brand-new vault, never offered encryption (VaultEncryption::isBrandNew): prepares a
    // key and opens the recovery key dialog, which turns encryption on when closed with Done,
    // or leaves the vault plain with "Keep backups unencrypted". Either way it is offered only
    // once. Returns whether it was offered; dialogOpened(dialog) follows once the key is ready.
    static bool offerForNewVault(Vault &vault, QWidget *parent, QObject *receiver,
                                 const std::function<void(RecoveryKeyDialog *)> &opened = {});

    QPushButton *turnOnButton() const { return m_turnOn; }
    QPushButton *showKeyButton() const { return m_showKey; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *encryptAllButton() const { return m_encryptAll; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLineEdit *importField() const { return m_importField; }
    QLabel *importError() const { return m_importError; }
    QLabel *resultLabel() const { return m_result; }
    QProgressBar *progressBar() const { return m_progress; }
    VaultEncryption *encryption() const { return m_encryption; }
    // The recovery key dialog open now (turn on, show), for tests; null when none.
    RecoveryKeyDialog *recoveryKeyDialog() const { return m_keyDialog; }
    // Skips the "show the recovery key?" question (tests).
    void setConfirmBeforeShowing(bool confirm) { m_confirmShow = confirm; }

    void reject() override; // cancels a running conversion first

Q_SIGNALS:
    void stateChanged(); // encryption turned on, a key imported, backups encrypted
    void recoveryKeyShown(pbxvault::RecoveryKeyDialog *dialog);
    void importFinished(bool ok);
    void encryptionFinished();

private:
    void refresh();
    void turnOn();
    void showRecoveryKey();
    void importKey();
    void encryptAll();
    void openKeyDialog(const QString &recoveryKey, const QString &keyId, int purpose);

    Vault &m_vault;
    VaultEncryption *m_encryption;
    QLabel *m_state;
    QLabel *m_backupsNote;
    QPushButton *m_turnOn;
    QPushButton *m_showKey;
    QPushButton *m_import;
    QPushButton *m_encryptAll;
    QPushButton *m_cancel;
    QGroupBox *m_importBox;
    QLineEdit *m_importField;
    QPushButton *m_importOk;
    QLabel *m_importError;
    QProgressBar *m_progress;
    QLabel *m_result;
    RecoveryKeyDialog *m_keyDialog = nullptr;
    bool m_confirmShow = true;
    bool m_busy = false;
};

} // namespace pbxvault
