#include "CatalogDialog.h"

#include "ActionButtons.h"
#include "UiLog.h"
#include "catalog/Catalog.h"
#include "catalog/CatalogCopy.h"
#include "common/AppSettings.h"
#include "ops/Vault.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>

namespace pbxvault {

namespace {
constexpr int kDefaultPort = 5432;
} // namespace

CatalogDialog::CatalogDialog(AppSettings &settings, SecretStore &secrets, const QString &dataDir,
                             Vault *current, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_secrets(secrets), m_dataDir(dataDir),
      m_current(current), m_local(new QRadioButton(this)), m_server(new QRadioButton(this)),
      m_serverFields(new QWidget(this)), m_host(new QLineEdit(m_serverFields)),
      m_port(new QSpinBox(m_serverFields)), m_database(new QLineEdit(m_serverFields)),
      m_user(new QLineEdit(m_serverFields)), m_password(new QLineEdit(m_serverFields)),
      m_sslMode(new QComboBox(m_serverFields)), m_test(new QPushButton(this)),
      m_copy(new QPushButton(this)), m_progress(new QProgressBar(this)), m_result(new QLabel(this)),
      m_ok(nullptr)
{
    setObjectName(QStringLiteral("catalogDialog"));
    setWindowTitle(tr("Catalog"));

    auto *intro = new QLabel(tr("The catalog lists the PBXs, backups, restores and jobs. A team "
                                "shares one on a PostgreSQL server; every window and daemon "
                                "using it sees the others' work within seconds."),
                             this);
    intro->setWordWrap(true);

    m_local->setObjectName(QStringLiteral("localCatalogRadio"));
    m_local->setText(tr("&Local file in the data directory"));
    auto *localPath = new QLabel(
        QDir::toNativeSeparators(QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"))), this);
    localPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    localPath->setContentsMargins(24, 0, 0, 0);
    m_server->setObjectName(QStringLiteral("serverCatalogRadio"));
    m_server->setText(tr("&PostgreSQL server"));

    m_host->setObjectName(QStringLiteral("catalogHostEdit"));
    m_host->setPlaceholderText(tr("db.example.com, or a socket folder such as /run/postgresql"));
    m_port->setObjectName(QStringLiteral("catalogPortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(kDefaultPort);
    m_database->setObjectName(QStringLiteral("catalogDatabaseEdit"));
    m_database->setPlaceholderText(QStringLiteral("pbxvault"));
    m_user->setObjectName(QStringLiteral("catalogUserEdit"));
    m_password->setObjectName(QStringLiteral("catalogPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Empty: the one in the keychain, or PGPASSFILE"));
    m_sslMode->setObjectName(QStringLiteral("catalogSslModeCombo"));
    m_sslMode->addItem(tr("libpq's default (prefer)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    m_sslMode->setToolTip(tr("Passed to the server connection as sslmode; verify-full checks the "
                             "server's certificate and name"));
    auto *fields = new QFormLayout(m_serverFields);
    fields->setContentsMargins(24, 0, 0, 0);
    fields->addRow(tr("Host:"), m_host);
    fields->addRow(tr("Port:"), m_port);
    fields->addRow(tr("Database:"), m_database);
    fields->addRow(tr("User:"), m_user);
    fields->addRow(tr("Password:"), m_password);
    fields->addRow(tr("TLS:"), m_sslMode);

    m_test->setObjectName(QStringLiteral("testCatalogButton"));
    m_test->setText(tr("&Test connection"));
    m_copy->setObjectName(QStringLiteral("copyCatalogButton"));
    m_copy->setText(tr("&Copy this catalog to the server"));
    m_copy->setToolTip(tr("Copies every PBX, backup, restore and job of the open catalog into "
                          "the server's empty one; the backup files stay where they are"));
    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(24, 0, 0, 0);
    actions->addWidget(m_test);
    actions->addWidget(m_copy);
    actions->addStretch(1);
    m_progress->setObjectName(QStringLiteral("catalogCopyProgress"));
    m_progress->hide();
    m_result->setObjectName(QStringLiteral("catalogTestResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *note = new QLabel(tr("PBX Vault opens the new catalog the next time it starts."), this);
    note->setObjectName(QStringLiteral("catalogRestartNote"));
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("catalogOkButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CatalogDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CatalogDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_local);
    layout->addWidget(localPath);
    layout->addWidget(m_server);
    layout->addWidget(m_serverFields);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(note);
    layout->addWidget(buttons);

    const CatalogLocation saved = CatalogLocation::parse(settings.catalogLocation());
    if (saved.isPostgres()) {
        m_server->setChecked(true);
        m_host->setText(saved.host());
        m_port->setValue(saved.port() > 0 ? saved.port() : kDefaultPort);
        m_database->setText(saved.databaseName());
        m_user->setText(saved.userName());
        for (const auto &option : saved.options()) {
            if (option.first == QLatin1String("sslmode")) {
                const int i = m_sslMode->findData(option.second);
                if (i >= 0)
                    m_sslMode->setCurrentIndex(i);
            }
        }
    } else {
        m_local->setChecked(true);
    }

    connect(m_local, &QRadioButton::toggled, this, &CatalogDialog::updateState);
    for (QLineEdit *edit : {m_host, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, &CatalogDialog::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &CatalogDialog::updateState);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &CatalogDialog::updateState);
    connect(m_test, &QPushButton::clicked, this, &CatalogDialog::testConnection);
    connect(m_copy, &QPushButton::clicked, this, &CatalogDialog::copyToServer);
    connect(&m_check, &QFutureWatcher<CatalogLocation::ServerCheck>::finished, this,
            &CatalogDialog::onCheckFinished);
    connect(&m_copyRun, &QFutureWatcher<CopyOutcome>::finished, this,
            &CatalogDialog::onCopyFinished);
    connect(&m_copyRun, &QFutureWatcher<CopyOutcome>::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(&m_copyRun, &QFutureWatcher<CopyOutcome>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    updateState();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

CatalogDialog::~CatalogDialog()
{
    // The workers hold copies of what they need; wait so none outlives its watcher.
    m_check.waitForFinished();
    m_copyRun.waitForFinished();
}

QString CatalogDialog::describe(const QString &location, const QString &dataDir)
{
    if (location.trimmed().isEmpty())
        return tr("Local file: %1")
            .arg(
                QDir::toNativeSeparators(QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"))));
    const CatalogLocation where = CatalogLocation::parse(location);
    if (where.isPostgres())
        return tr("PostgreSQL: %1").arg(where.isValid() ? where.toString() : location);
    return tr("SQLite file: %1").arg(QDir::toNativeSeparators(where.filePath()));
}

QString CatalogDialog::location() const
{
    if (m_local->isChecked())
        return {};
    const CatalogLocation where =
        CatalogLocation::postgres(m_host->text(), m_port->value(), m_database->text(),
                                  m_user->text(), m_sslMode->currentData().toString());
    return where.isValid() ? where.toString() : QString();
}

bool CatalogDialog::isBusy() const
{
    return m_check.isRunning() || m_copyRun.isRunning();
}

void CatalogDialog::updateState()
{
    const bool server = m_server->isChecked();
    const bool busy = isBusy();
    m_serverFields->setEnabled(server && !busy);
    m_local->setEnabled(!busy);
    m_server->setEnabled(!busy);
    const bool complete = server && !m_database->text().trimmed().isEmpty();
    m_test->setEnabled(complete && !busy);
    // Only into the server just found empty, and never onto the catalog that is open.
    const bool copyable = m_current && complete && m_checkedEmpty &&
                          m_checkedLocation == location() &&
                          m_current->catalog().path() != location();
    m_copy->setVisible(m_current != nullptr && server);
    m_copy->setEnabled(copyable && !busy);
    m_ok->setEnabled(!busy && (!server || complete));
}

void CatalogDialog::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    QPalette p = m_result->palette();
    p.setColor(QPalette::WindowText,
               good ? palette().color(QPalette::WindowText)
                    : Tones::text(Tones::Danger, palette().color(QPalette::Window)));
    m_result->setPalette(p);
}

void CatalogDialog::testConnection()
{
    startCheck(After::Nothing);
}

void CatalogDialog::startCheck(After after)
{
    const QString where = location();
    if (where.isEmpty() || isBusy())
        return;
    m_after = after;
    m_checkedLocation.clear();
    m_checkedEmpty = false;
    showResult(tr("Connecting to %1…").arg(where), true);
    const auto run = [this, where](const QString &password) {
        m_checkLocation = where;
        m_checkPassword = password;
        m_check.setFuture(QtConcurrent::run(
            [where, password] { return CatalogLocation::parse(where).checkServer(password); }));
        updateState();
    };
    if (!m_password->text().isEmpty()) {
        run(m_password->text());
        return;
    }
    // No password typed: the keychain's, as the window will use it (else libpq's PGPASSFILE).
    m_test->setEnabled(false);
    m_secrets.readSecret(CatalogLocation::parse(where).keychainKey(), this,
                         [run](const SecretResult &r) { run(r.ok() ? r.secret : QString()); });
}

void CatalogDialog::onCheckFinished()
{
    const CatalogLocation::ServerCheck check = m_check.result();
    const QString where = m_checkLocation;
    const After after = m_after;
    m_after = After::Nothing;
    if (!check.connected) {
        qCInfo(lcUi).noquote() << "Catalog server check failed:" << check.error;
        showResult(tr("The server did not accept the connection: %1").arg(check.error), false);
        updateState();
        Q_EMIT testFinished(false);
        return;
    }
    m_checkedLocation = where;
    m_checkedEmpty = check.catalogEmpty();
    if (!check.hasCatalog)
        showResult(tr("Connected. The database holds no catalog yet: PBX Vault creates it on "
                      "first use, or copy this one there."),
                   true);
    else if (m_checkedEmpty)
        showResult(tr("Connected. The catalog there is empty."), true);
    else
        showResult(tr("Connected. The catalog there already has %1 and %2.")
                       .arg(tr("%n PBX(s)", nullptr, int(check.pbxs)),
                            tr("%n backup(s)", nullptr, int(check.backups))),
                   true);
    updateState();
    Q_EMIT testFinished(true);
    if (after == After::Save)
        save();
}

void CatalogDialog::copyToServer()
{
    if (!m_current || isBusy())
        return;
    const QString target = location();
    const QString targetPassword = m_checkPassword;
    const QString source = m_current->catalog().path();
    const QString sourcePassword = m_current->catalogPassword();
    m_progress->setRange(0, 0);
    m_progress->show();
    showResult(tr("Copying the catalog to %1…").arg(target), true);
    m_copyRun.setFuture(QtConcurrent::run(
        [source, sourcePassword, target, targetPassword](QPromise<CopyOutcome> &promise) {
            CopyOutcome out;
            // Connections of this thread: the window's catalog stays on the GUI thread.
            std::unique_ptr<Catalog> from = Catalog::open(source, &out.message, sourcePassword);
            std::unique_ptr<Catalog> to =
                from ? Catalog::open(target, &out.message, targetPassword) : nullptr;
            if (from && to) {
                out.backups = from->backupCount();
                out.ok = CatalogCopy::copy(
                    *from, *to,
                    [&promise](qint64 done, qint64 total) {
                        promise.setProgressRange(0, int(qMin<qint64>(total, INT_MAX)));
                        promise.setProgressValue(int(qMin<qint64>(done, INT_MAX)));
                    },
                    &out.message);
            }
            promise.addResult(out);
        }));
    updateState();
}

void CatalogDialog::onCopyFinished()
{
    m_progress->hide();
    const CopyOutcome out = m_copyRun.result();
    if (out.ok) {
        m_checkedEmpty = false;
        showResult(tr("Copied: %n backup(s), every table's rows checked. Press OK to use the "
                      "server's catalog from the next start.",
                      nullptr, int(out.backups)),
                   true);
    } else {
        qCWarning(lcUi).noquote() << "Catalog copy failed:" << out.message;
        showResult(
            tr("The copy failed and the server's catalog was left as it was: %1").arg(out.message),
            false);
    }
    updateState();
    Q_EMIT copyFinished(out.ok);
}

void CatalogDialog::accept()
{
    if (isBusy())
        return;
    if (m_local->isChecked()) {
        save();
        return;
    }
    // The server must accept the connection before anything is stored.
    startCheck(After::Save);
}

void CatalogDialog::reject()
{
    if (m_copyRun.isRunning())
        return; // one transaction on the server: it finishes or rolls back by itself
    QDialog::reject();
}

void CatalogDialog::save()
{
    const QString where = location();
    const auto finish = [this, where] {
        const bool changed = m_settings.catalogLocation() != where;
        m_settings.setCatalogLocation(where);
        m_settings.sync();
        if (changed)
            Q_EMIT locationSaved(where);
        QDialog::accept();
    };
    if (where.isEmpty() || m_password->text().isEmpty()) {
        finish();
        return;
    }
    m_ok->setEnabled(false);
    m_secrets.writeSecret(CatalogLocation::parse(where).keychainKey(), m_password->text(), this,
                          [this, finish](const SecretResult &r) {
                              if (!r.ok()) {
                                  showResult(tr("The keychain did not store the password, so "
                                                "nothing was changed: %1")
                                                 .arg(r.message),
                                             false);
                                  updateState();
                                  return;
                              }
                              finish();
                          });
}

} // namespace pbxvault
