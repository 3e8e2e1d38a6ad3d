#pragma once

#include "catalog/CatalogLocation.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace pbxvault {

class AppSettings;
class SecretStore;
class Vault;

// Settings → Catalog → Change…: the local file in the data directory, or a PostgreSQL server
// (host, port, database, user, password, TLS mode passed through as sslmode). "Test
// connection" connects without changing anything; OK tests again, then keeps the password in
// the keychain (under the server, CatalogLocation::keychainKey()) and the location in the
// settings. The window opens the new catalog the next time it starts. When the server holds
// no catalog yet, "Copy this catalog to the server" copies the open one there (CatalogCopy,
// on a worker thread, with progress).
class CatalogDialog : public QDialog
{
    Q_OBJECT
public:
    // current: the open vault (copy source); may be null (at start, when no catalog opened).
    CatalogDialog(AppSettings &settings, SecretStore &secrets, const QString &dataDir,
                  Vault *current, QWidget *parent = nullptr);
    ~CatalogDialog() override;

    // "Local file: …" or "PostgreSQL: postgresql://…" for a location (empty: the local file).
    static QString describe(const QString &location, const QString &dataDir);

    // The location the fields describe (empty for the local file).
    QString location() const;
    // Runs "Test connection"; testFinished() follows.
    void testConnection();
    // Runs "Copy this catalog to the server"; copyFinished() follows.
    void copyToServer();
    bool isBusy() const;

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    void testFinished(bool connected);
    void copyFinished(bool ok);
    // After OK stored a location different from the one the window started with.
    void locationSaved(const QString &location);

private:
    struct CopyOutcome
    {
        bool ok = false;
        QString message;
        qint64 backups = 0;
    };
    enum class After
    {
        Nothing,
        Save
    };

    void startCheck(After after);
    void onCheckFinished();
    void onCopyFinished();
    void save();
    void updateState();
    void showResult(const QString &text, bool good);

    AppSettings &m_settings;
    SecretStore &m_secrets;
    QString m_dataDir;
    Vault *m_current;
    QRadioButton *m_local;
    QRadioButton *m_server;
    QWidget *m_serverFields;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_sslMode;
    QPushButton *m_test;
    QPushButton *m_copy;
    QProgressBar *m_progress;
    QLabel *m_result;
    QPushButton *m_ok;
    QFutureWatcher<CatalogLocation::ServerCheck> m_check;
    QFutureWatcher<CopyOutcome> m_copyRun;
    After m_after = After::Nothing;
    QString m_checkLocation;   // what the running (or last) check connects to
    QString m_checkPassword;   // and with which password (kept for the copy)
    QString m_checkedLocation; // the location the last successful check was for
    bool m_checkedEmpty = false;
};

} // namespace pbxvault
