#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

namespace pbxvault {

// Shows a vault's recovery key (docs/encryption.md) in large monospace groups of 4 characters,
// with Copy and Save as text file…. When the key was just created, it can be closed only once
// the operator ticks "I have stored the recovery key in a safe place": it is shown only once.
class RecoveryKeyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose
    {
        Created,  // just turned on: confirmation required
        NewVault, // first start of a new vault: confirmation required, or "Keep unencrypted"
        Shown     // asked for again from Settings
    };
    RecoveryKeyDialog(const QString &recoveryKey, const QString &keyId, Purpose purpose,
                      QWidget *parent = nullptr);

    // The key as shown: 14 groups of 4, seven per line.
    static QString displayText(const QString &recoveryKey);
    // The text file "Save as text file…" writes.
    static QString fileText(const QString &recoveryKey, const QString &keyId);

    QPushButton *doneButton() const { return m_done; }
    QPushButton *declineButton() const { return m_decline; } // NewVault only, else null
    QCheckBox *storedCheck() const { return m_stored; }
    bool declined() const { return m_declined; }

    void reject() override; // Esc / the title bar: only once closing is allowed

private:
    void saveToFile();
    bool canClose() const;

    QString m_recoveryKey;
    QString m_keyId;
    Purpose m_purpose;
    QCheckBox *m_stored;
    QPushButton *m_done;
    QPushButton *m_decline = nullptr;
    QLabel *m_copied;
    bool m_declined = false;
};

} // namespace pbxvault
