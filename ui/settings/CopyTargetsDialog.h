#pragma once

#include "catalog/CatalogValues.h"
#include "offsite/CopyTarget.h"

#include <QDialog>
#include <QFutureWatcher>

class QFileDialog;
class QLabel;
class QLineEdit;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeWidget;

namespace pbxvault {

class Catalog;
class MessageBar;
class Vault;

// Settings → Copy targets…: the vault's off-site copy targets (a second folder, SFTP servers)
// with how their copies stand; add, enable/disable and remove them. Changes are saved at once.
class CopyTargetsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CopyTargetsDialog(Vault &vault, QWidget *parent = nullptr);

    // "None", "2 targets · 1 failed copy": what the Settings page shows.
    static QString summary(Catalog &catalog);
    // "12 copied · 1 failed · 3 not copied yet" for one target.
    static QString copiesInWords(Catalog &catalog, const CopyTargetRecord &target);

    // The buttons' actions, also for tests (all non-blocking).
    QFileDialog *chooseFolder();
    // Adds a folder target after the same checks as `pbxvault target add`; false with the
    // reason in the message bar.
    bool addFolder(const QString &path);
    class SftpTargetDialog *openSftpForm();
    void setSelectedEnabled(bool enabled);
    QMessageBox *removeSelected(); // asks first
    void selectTarget(qint64 id);
    qint64 selectedTargetId() const;
    MessageBar *messageBar() const { return m_message; }

    void refresh();

Q_SIGNALS:
    void targetsChanged();

private:
    void updateButtons();
    void remove(const CopyTargetRecord &target);

    Vault &m_vault;
    MessageBar *m_message;
    QTreeWidget *m_list;
    QPushButton *m_enable;
    QPushButton *m_remove;
};

// Add SFTP server…: host, port, user, folder and a password or a private key file. Connect
// shows the server's host key for the operator to trust (pinned from then on, like a PBX
// certificate), logs in once to catch a wrong password, then saves the target and puts the
// secret in the keychain. Nothing is saved unless every step succeeded.
class SftpTargetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SftpTargetDialog(Vault &vault, QWidget *parent = nullptr);

    // The location the fields describe: sftp://user@host:port/dir (dir relative to the home)
    // or sftp://user@host:port//dir (absolute).
    QString location() const;
    MessageBar *messageBar() const { return m_message; }

    void connectToServer(); // Connect: probes the host key
    void trustHostKey();    // Trust and save: logs in with the key pinned, then saves

Q_SIGNALS:
    void saved(qint64 targetId);

private:
    enum class Step
    {
        Editing,
        Probing,
        AskingTrust,
        LoggingIn,
        Saving
    };
    void setStep(Step step);
    void showError(const QString &text);
    void fitHeight();
    void onProbed(const CopyResult &probe);
    void onLoggedIn(const CopyResult &result);
    void save();
    bool readSecret(QString *secret);
    QString targetName() const;

    Vault &m_vault;
    Step m_step = Step::Editing;
    CopyTargetRecord m_target;
    QString m_secret;
    QFutureWatcher<CopyResult> m_probe;
    QFutureWatcher<CopyResult> m_login;

    MessageBar *m_message;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_folder;
    QRadioButton *m_usePassword;
    QRadioButton *m_useKey;
    QLineEdit *m_password;
    QLineEdit *m_keyFile;
    QPushButton *m_browseKey;
    QWidget *m_fields;
    QProgressBar *m_busy;
    QLabel *m_busyText;
    QWidget *m_trustPanel;
    QLabel *m_hostKey;
    QPushButton *m_connect;
    QPushButton *m_trust;
};

} // namespace pbxvault
