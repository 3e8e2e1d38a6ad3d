#include "CopyTargetsDialog.h"

#include "MessageBar.h"
#include "UiLog.h"
#include "catalog/Catalog.h"
#include "offsite/SftpTarget.h"
#include "ops/OffsiteCopies.h"
#include "ops/Vault.h"
#include "secrets/SecretStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace pbxvault {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr qint64 kMaxKeyFileBytes = 1024 * 1024;

QLabel *greyHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}

// base, or "base 2", "base 3"... when a target has that name already.
QString uniqueName(Catalog &catalog, const QString &base)
{
    QString name = base;
    for (int n = 2; catalog.copyTargetByName(name); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

} // namespace

// ---- CopyTargetsDialog ------------------------------------------------------------------

CopyTargetsDialog::CopyTargetsDialog(Vault &vault, QWidget *parent)
    : QDialog(parent), m_vault(vault), m_message(new MessageBar(this)),
      m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("copyTargetsDialog"));
    setWindowTitle(tr("Off-site copies"));

    auto *intro = new QLabel(tr("After each backup, PBX Vault copies the new file to every "
                                "enabled target and checks the copy's size and SHA-256. "
                                "Encrypted backups stay encrypted there. A failed copy is "
                                "retried and never touches the backup on this computer."),
                             this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("copyTargetList"));
    m_list->setHeaderLabels({tr("Name"), tr("Location"), tr("Copies")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &CopyTargetsDialog::updateButtons);

    auto *addFolderButton = new QPushButton(tr("Add &folder…"), this);
    addFolderButton->setObjectName(QStringLiteral("addFolderTargetButton"));
    addFolderButton->setToolTip(tr("A mounted folder on another disk or a NAS"));
    connect(addFolderButton, &QPushButton::clicked, this, &CopyTargetsDialog::chooseFolder);
    auto *addSftp = new QPushButton(tr("Add &SFTP server…"), this);
    addSftp->setObjectName(QStringLiteral("addSftpTargetButton"));
    addSftp->setToolTip(tr("A server reachable over SSH, with a password or a private key"));
    connect(addSftp, &QPushButton::clicked, this, &CopyTargetsDialog::openSftpForm);
    m_enable = new QPushButton(tr("&Disable"), this);
    m_enable->setObjectName(QStringLiteral("enableTargetButton"));
    connect(m_enable, &QPushButton::clicked, this, [this] {
        const std::optional<CopyTargetRecord> t = m_vault.catalog().copyTarget(selectedTargetId());
        if (t)
            setSelectedEnabled(!t->enabled);
    });
    m_remove = new QPushButton(tr("&Remove…"), this);
    m_remove->setObjectName(QStringLiteral("removeTargetButton"));
    connect(m_remove, &QPushButton::clicked, this, &CopyTargetsDialog::removeSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addFolderButton);
    buttons->addWidget(addSftp);
    buttons->addStretch(1);
    buttons->addWidget(m_enable);
    buttons->addWidget(m_remove);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(close);
    resize(720, 420);
    refresh();
}

QString CopyTargetsDialog::summary(Catalog &catalog)
{
    const QVector<CopyTargetRecord> targets = catalog.copyTargets();
    if (targets.isEmpty())
        return tr("None");
    int disabled = 0;
    int failed = 0;
    for (const CopyTargetRecord &t : targets) {
        disabled += t.enabled ? 0 : 1;
        for (const BackupCopyRecord &c : catalog.copiesOnTarget(t.id))
            failed += c.state == CopyState::Failed ? 1 : 0;
    }
    QString text = targets.size() == 1 ? tr("1 target") : tr("%1 targets").arg(targets.size());
    if (disabled > 0)
        text += QStringLiteral(" · ") + tr("%1 disabled").arg(disabled);
    if (failed > 0)
        text += QStringLiteral(" · ") +
                (failed == 1 ? tr("1 failed copy") : tr("%1 failed copies").arg(failed));
    return text;
}

QString CopyTargetsDialog::copiesInWords(Catalog &catalog, const CopyTargetRecord &target)
{
    int copied = 0;
    int failed = 0;
    for (const BackupCopyRecord &c : catalog.copiesOnTarget(target.id)) {
        copied += c.state == CopyState::Copied ? 1 : 0;
        failed += c.state == CopyState::Failed ? 1 : 0;
    }
    // backupsMissingCopy() counts the failed ones too.
    const int missing = int(catalog.backupsMissingCopy(target.id).size()) - failed;
    QStringList parts;
    if (!target.enabled)
        parts << tr("Disabled");
    parts << tr("%1 copied").arg(copied);
    if (failed > 0)
        parts << tr("%1 failed").arg(failed);
    if (missing > 0)
        parts << tr("%1 missing").arg(missing);
    return parts.join(QStringLiteral(" · "));
}

void CopyTargetsDialog::refresh()
{
    const qint64 selected = selectedTargetId();
    Catalog &catalog = m_vault.catalog();
    m_list->clear();
    const QColor grey = palette().color(QPalette::PlaceholderText);
    for (const CopyTargetRecord &t : catalog.copyTargets()) {
        auto *item = new QTreeWidgetItem(
            {t.name,
             t.kind == CopyTargetKind::Folder ? QDir::toNativeSeparators(t.location) : t.location,
             copiesInWords(catalog, t)});
        item->setData(0, kIdRole, t.id);
        if (!t.hostKey.isEmpty())
            item->setToolTip(1, tr("Host key: %1").arg(t.hostKey));
        if (!t.enabled)
            for (int column = 0; column < 3; ++column)
                item->setForeground(column, grey);
        m_list->addTopLevelItem(item);
        if (t.id == selected)
            item->setSelected(true);
    }
    if (m_list->selectedItems().isEmpty() && m_list->topLevelItemCount() > 0)
        m_list->topLevelItem(0)->setSelected(true);
    updateButtons();
}

void CopyTargetsDialog::updateButtons()
{
    const std::optional<CopyTargetRecord> t = m_vault.catalog().copyTarget(selectedTargetId());
    m_enable->setEnabled(t.has_value());
    m_remove->setEnabled(t.has_value());
    m_enable->setText(t && !t->enabled ? tr("&Enable") : tr("&Disable"));
    m_enable->setToolTip(t && !t->enabled ? tr("Copy new backups to this target again")
                                          : tr("Stop copying to this target for now"));
}

qint64 CopyTargetsDialog::selectedTargetId() const
{
    const QList<QTreeWidgetItem *> items = m_list->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(0, kIdRole).toLongLong();
}

void CopyTargetsDialog::selectTarget(qint64 id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setSelected(item->data(0, kIdRole).toLongLong() == id);
    }
}

QFileDialog *CopyTargetsDialog::chooseFolder()
{
    auto *chooser = new QFileDialog(this, tr("Folder for the copies"));
    chooser->setObjectName(QStringLiteral("copyTargetFolderChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    connect(chooser, &QFileDialog::fileSelected, this,
            [this](const QString &path) { addFolder(path); });
    chooser->open();
    return chooser;
}

bool CopyTargetsDialog::addFolder(const QString &path)
{
    const QFileInfo folder(path);
    const QString shown = QDir::toNativeSeparators(path);
    QString error;
    if (!folder.isAbsolute() || !folder.isDir()) {
        error = tr("The folder %1 does not exist.").arg(shown);
    } else {
        const QString canonical = folder.canonicalFilePath();
        const QString dataDir = QFileInfo(m_vault.dataDir()).canonicalFilePath();
        if (canonical == dataDir || canonical.startsWith(dataDir + QLatin1Char('/')) ||
            QDir(canonical) == QDir(m_vault.store().root()))
            error = tr("%1 is inside PBX Vault's own folder: a copy on the same disk protects "
                       "nothing. Choose a folder on another disk or a NAS.")
                        .arg(shown);
        else if (!folder.isWritable())
            error = tr("PBX Vault may not write in %1.").arg(shown);
    }
    if (error.isEmpty()) {
        for (const CopyTargetRecord &t : m_vault.catalog().copyTargets())
            if (t.kind == CopyTargetKind::Folder &&
                QFileInfo(t.location).canonicalFilePath() == folder.canonicalFilePath())
                error = tr("%1 is already the copy target \"%2\".").arg(shown, t.name);
    }
    if (!error.isEmpty()) {
        m_message->showMessage(MessageBar::Error, error);
        return false;
    }
    CopyTargetRecord target;
    target.kind = CopyTargetKind::Folder;
    target.location = folder.absoluteFilePath();
    target.name = uniqueName(m_vault.catalog(),
                             folder.fileName().isEmpty() ? target.location : folder.fileName());
    if (!m_vault.catalog().addCopyTarget(&target)) {
        m_message->showMessage(MessageBar::Error, m_vault.catalog().lastError());
        return false;
    }
    qCInfo(lcUi) << "copy target added:" << target.name << target.location;
    refresh();
    selectTarget(target.id);
    m_message->showMessage(
        MessageBar::Success,
        tr("Copy target \"%1\" added: every new backup is copied to %2.").arg(target.name, shown));
    Q_EMIT targetsChanged();
    return true;
}

SftpTargetDialog *CopyTargetsDialog::openSftpForm()
{
    auto *form = new SftpTargetDialog(m_vault, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &SftpTargetDialog::saved, this, [this](qint64 id) {
        refresh();
        selectTarget(id);
        if (const std::optional<CopyTargetRecord> t = m_vault.catalog().copyTarget(id))
            m_message->showMessage(MessageBar::Success,
                                   tr("Copy target \"%1\" added: every new backup is copied to "
                                      "%2.")
                                       .arg(t->name, t->location));
        Q_EMIT targetsChanged();
    });
    form->open();
    return form;
}

void CopyTargetsDialog::setSelectedEnabled(bool enabled)
{
    std::optional<CopyTargetRecord> t = m_vault.catalog().copyTarget(selectedTargetId());
    if (!t || t->enabled == enabled)
        return;
    t->enabled = enabled;
    if (!m_vault.catalog().updateCopyTarget(*t)) {
        m_message->showMessage(MessageBar::Error, m_vault.catalog().lastError());
        return;
    }
    m_message->dismissTransient();
    refresh();
    Q_EMIT targetsChanged();
}

QMessageBox *CopyTargetsDialog::removeSelected()
{
    const std::optional<CopyTargetRecord> t = m_vault.catalog().copyTarget(selectedTargetId());
    if (!t)
        return nullptr;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove copy target"),
                                tr("Remove the copy target \"%1\"?").arg(t->name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeCopyTargetBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("PBX Vault stops copying backups to %1. The copies already "
                               "there stay on the target: delete them there if you no longer "
                               "need them.")
                                .arg(t->location));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemoveTargetButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(remove, &QPushButton::clicked, this, [this, target = *t] { this->remove(target); });
    box->open();
    return box;
}

void CopyTargetsDialog::remove(const CopyTargetRecord &target)
{
    if (!m_vault.catalog().removeCopyTarget(target.id)) {
        m_message->showMessage(MessageBar::Error, m_vault.catalog().lastError());
        return;
    }
    qCInfo(lcUi) << "copy target removed:" << target.name;
    refresh();
    m_message->showMessage(
        MessageBar::Success,
        tr("Copy target \"%1\" removed; the copies on it were left there.").arg(target.name));
    Q_EMIT targetsChanged();
    if (target.auth == CopyAuth::None)
        return;
    m_vault.secrets().deleteSecret(
        OffsiteTargets::secretKey(m_vault.catalog().catalogId(), target.id), this,
        [this, name = target.name](const SecretResult &r) {
            if (!r.ok() && r.error != SecretError::NotFound)
                m_message->showMessage(MessageBar::Warning,
                                       tr("Copy target \"%1\" removed, but its password or key "
                                          "could not be deleted from the system keychain: %2")
                                           .arg(name, r.message));
        });
}

// ---- SftpTargetDialog -------------------------------------------------------------------

SftpTargetDialog::SftpTargetDialog(Vault &vault, QWidget *parent)
    : QDialog(parent), m_vault(vault), m_message(new MessageBar(this)), m_name(new QLineEdit(this)),
      m_host(new QLineEdit(this)), m_port(new QSpinBox(this)), m_user(new QLineEdit(this)),
      m_folder(new QLineEdit(this)), m_usePassword(new QRadioButton(tr("&Password"), this)),
      m_useKey(new QRadioButton(tr("Private &key file"), this)), m_password(new QLineEdit(this)),
      m_keyFile(new QLineEdit(this)), m_browseKey(new QPushButton(tr("&Browse…"), this)),
      m_fields(new QWidget(this)), m_busy(new QProgressBar(this)), m_busyText(new QLabel(this)),
      m_trustPanel(new QWidget(this)), m_hostKey(new QLabel(this))
{
    setObjectName(QStringLiteral("sftpTargetDialog"));
    setWindowTitle(tr("Add SFTP server"));

    m_name->setObjectName(QStringLiteral("sftpNameEdit"));
    m_name->setPlaceholderText(tr("The server's name if empty"));
    m_host->setObjectName(QStringLiteral("sftpHostEdit"));
    m_host->setPlaceholderText(tr("backup.example.com"));
    m_port->setObjectName(QStringLiteral("sftpPortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user->setObjectName(QStringLiteral("sftpUserEdit"));
    m_folder->setObjectName(QStringLiteral("sftpFolderEdit"));
    m_folder->setPlaceholderText(tr("pbx-backups"));
    m_usePassword->setObjectName(QStringLiteral("sftpPasswordRadio"));
    m_useKey->setObjectName(QStringLiteral("sftpKeyRadio"));
    m_password->setObjectName(QStringLiteral("sftpPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_keyFile->setObjectName(QStringLiteral("sftpKeyFileEdit"));
    m_keyFile->setPlaceholderText(tr("~/.ssh/id_ed25519"));
    m_browseKey->setObjectName(QStringLiteral("sftpKeyBrowseButton"));
    m_usePassword->setChecked(true);

    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_host, 1);
    auto *portLabel = new QLabel(tr("P&ort:"), this);
    portLabel->setBuddy(m_port);
    serverRow->addWidget(portLabel);
    serverRow->addWidget(m_port);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_usePassword);
    passwordRow->addWidget(m_password, 1);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_useKey);
    keyRow->addWidget(m_keyFile, 1);
    keyRow->addWidget(m_browseKey);
    const int radioWidth = qMax(m_usePassword->sizeHint().width(), m_useKey->sizeHint().width());
    m_usePassword->setMinimumWidth(radioWidth);
    m_useKey->setMinimumWidth(radioWidth);

    auto *form = new QFormLayout(m_fields);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_name);
    auto *serverLabel = new QLabel(tr("&Server:"), m_fields);
    serverLabel->setBuddy(m_host);
    form->addRow(serverLabel, serverRow);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Folder:"), m_folder);
    form->addRow(QString(), greyHint(tr("Relative to the user's home folder, or an absolute "
                                        "path such as /srv/pbx-backups. Empty: the home folder."),
                                     m_fields));
    form->addRow(tr("Log in with:"), passwordRow);
    form->addRow(QString(), keyRow);
    form->addRow(QString(), greyHint(tr("The password or the key is kept in the system "
                                        "keychain, never in PBX Vault's files. Keys protected "
                                        "by a passphrase are not supported."),
                                     m_fields));

    const auto syncAuth = [this] {
        m_password->setEnabled(m_usePassword->isChecked());
        m_keyFile->setEnabled(m_useKey->isChecked());
        m_browseKey->setEnabled(m_useKey->isChecked());
    };
    connect(m_usePassword, &QRadioButton::toggled, this, syncAuth);
    syncAuth();
    connect(m_browseKey, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Private key file"), QDir::home().filePath(QStringLiteral(".ssh")));
        if (!file.isEmpty())
            m_keyFile->setText(QDir::toNativeSeparators(file));
    });
    // A change after the host key was shown means another server or login: start over.
    const auto edited = [this] {
        if (m_step == Step::AskingTrust)
            setStep(Step::Editing);
    };
    for (QLineEdit *edit : {m_name, m_host, m_user, m_folder, m_password, m_keyFile})
        connect(edit, &QLineEdit::textEdited, this, edited);
    connect(m_port, &QSpinBox::valueChanged, this, edited);
    connect(m_usePassword, &QRadioButton::toggled, this, edited);

    m_busy->setObjectName(QStringLiteral("sftpBusyBar"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busyText->setObjectName(QStringLiteral("sftpBusyText"));
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_busy);
    busyRow->addWidget(m_busyText, 1);

    m_hostKey->setObjectName(QStringLiteral("hostKeyValue"));
    m_hostKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hostKey->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *question = new QLabel(tr("<b>Trust this host key?</b>"), m_trustPanel);
    auto *trustLayout = new QVBoxLayout(m_trustPanel);
    trustLayout->setContentsMargins(0, 0, 0, 0);
    trustLayout->addWidget(new QLabel(tr("The server shows this host key:"), m_trustPanel));
    trustLayout->addWidget(m_hostKey);
    trustLayout->addWidget(greyHint(
        tr("Compare it with the key the server's administrator gives you (on the server: "
           "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Once trusted, PBX Vault refuses "
           "to copy to this server if its key ever changes."),
        m_trustPanel));
    trustLayout->addWidget(question);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::ActionRole);
    m_connect->setObjectName(QStringLiteral("sftpConnectButton"));
    m_trust = buttons->addButton(tr("&Trust and save"), QDialogButtonBox::ActionRole);
    m_trust->setObjectName(QStringLiteral("trustHostKeyButton"));
    connect(m_connect, &QPushButton::clicked, this, &SftpTargetDialog::connectToServer);
    connect(m_trust, &QPushButton::clicked, this, &SftpTargetDialog::trustHostKey);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_probe, &QFutureWatcher<CopyResult>::finished, this,
            [this] { onProbed(m_probe.result()); });
    connect(&m_login, &QFutureWatcher<CopyResult>::finished, this,
            [this] { onLoggedIn(m_login.result()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_fields);
    layout->addLayout(busyRow);
    layout->addWidget(m_trustPanel);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    setStep(Step::Editing);
}

QString SftpTargetDialog::location() const
{
    QUrl url;
    url.setScheme(QStringLiteral("sftp"));
    url.setUserName(m_user->text().trimmed());
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    QString dir = m_folder->text().trimmed();
    while (dir.size() > 1 && dir.endsWith(QLatin1Char('/')))
        dir.chop(1);
    // One '/' after the port separates the authority; an absolute folder keeps its own.
    if (!dir.isEmpty())
        url.setPath(QLatin1Char('/') + dir);
    return url.toString(QUrl::FullyEncoded);
}

QString SftpTargetDialog::targetName() const
{
    const QString name = m_name->text().trimmed();
    return name.isEmpty() ? m_host->text().trimmed() : name;
}

void SftpTargetDialog::setStep(Step step)
{
    m_step = step;
    const bool busy = step == Step::Probing || step == Step::LoggingIn || step == Step::Saving;
    m_fields->setEnabled(!busy);
    m_busy->setVisible(busy);
    m_busyText->setVisible(busy);
    m_trustPanel->setVisible(step == Step::AskingTrust);
    m_connect->setVisible(step != Step::AskingTrust);
    m_connect->setEnabled(step == Step::Editing);
    m_trust->setVisible(step == Step::AskingTrust);
    (step == Step::AskingTrust ? m_trust : m_connect)->setDefault(true);
    fitHeight();
    const QString server =
        QStringLiteral("%1:%2").arg(m_host->text().trimmed()).arg(m_port->value());
    if (step == Step::Probing)
        m_busyText->setText(tr("Connecting to %1…").arg(server));
    else if (step == Step::LoggingIn)
        m_busyText->setText(tr("Logging in to %1 as %2…").arg(server, m_user->text().trimmed()));
    else if (step == Step::Saving)
        m_busyText->setText(tr("Saving…"));
}

void SftpTargetDialog::showError(const QString &text)
{
    m_message->showMessage(MessageBar::Error, text);
    fitHeight();
}

// Wrapped hints, the message bar and the host key panel come and go: grow so none is squeezed.
void SftpTargetDialog::fitHeight()
{
    layout()->activate();
    const int wanted = hasHeightForWidth() ? heightForWidth(width()) : sizeHint().height();
    if (wanted > height())
        resize(width(), wanted);
}

bool SftpTargetDialog::readSecret(QString *secret)
{
    if (m_usePassword->isChecked()) {
        if (m_password->text().isEmpty()) {
            showError(tr("Enter the password."));
            return false;
        }
        *secret = m_password->text();
        return true;
    }
    const QString path = QDir::fromNativeSeparators(m_keyFile->text().trimmed());
    if (path.isEmpty()) {
        showError(tr("Choose the private key file."));
        return false;
    }
    QFile file(path.startsWith(QLatin1String("~/")) ? QDir::home().filePath(path.mid(2)) : path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read the key file %1: %2").arg(m_keyFile->text(), file.errorString()));
        return false;
    }
    const QByteArray text = file.read(kMaxKeyFileBytes);
    if (!text.contains("PRIVATE KEY")) {
        showError(
            tr("%1 is not a private key file (a .pub file is the public half; choose the file "
               "without .pub).")
                .arg(m_keyFile->text()));
        return false;
    }
    *secret = QString::fromUtf8(text);
    return true;
}

void SftpTargetDialog::connectToServer()
{
    if (m_step != Step::Editing)
        return;
    m_message->hide();
    const QString host = m_host->text().trimmed();
    QString problem;
    if (host.isEmpty())
        problem = tr("Enter the server's name or address.");
    else if (m_user->text().trimmed().isEmpty())
        problem = tr("Enter the user to log in as.");
    else if (m_vault.catalog().copyTargetByName(targetName()))
        problem =
            tr("A copy target named \"%1\" exists already: choose another name.").arg(targetName());
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    QString secret;
    if (!readSecret(&secret))
        return;
    QString parsedHost, user, dir, error;
    quint16 port = 0;
    if (!OffsiteTargets::parseSftpLocation(location(), &parsedHost, &port, &user, &dir, &error)) {
        showError(error);
        return;
    }
    m_target = CopyTargetRecord();
    m_target.name = targetName();
    m_target.kind = CopyTargetKind::Sftp;
    m_target.location = location();
    m_target.auth = m_usePassword->isChecked() ? CopyAuth::Password : CopyAuth::Key;
    m_secret = secret;
    setStep(Step::Probing);
    m_probe.setFuture(QtConcurrent::run(
        [parsedHost, port] { return SftpTarget::probeHostKey(parsedHost, port); }));
}

void SftpTargetDialog::onProbed(const CopyResult &probe)
{
    if (m_step != Step::Probing)
        return;
    if (!probe.ok()) {
        setStep(Step::Editing);
        showError(probe.message);
        return;
    }
    m_target.hostKey = probe.serverFingerprint;
    m_hostKey->setText(probe.serverFingerprint);
    setStep(Step::AskingTrust);
    m_trust->setFocus();
}

void SftpTargetDialog::trustHostKey()
{
    if (m_step != Step::AskingTrust)
        return;
    m_message->hide();
    setStep(Step::LoggingIn);
    // Logs in once with the key pinned, so a typo in the password shows now, not at 2 am.
    m_login.setFuture(QtConcurrent::run([target = m_target, secret = m_secret] {
        QString error;
        std::unique_ptr<CopyTarget> t = OffsiteTargets::make(target, secret, &error);
        if (!t)
            return CopyResult::failure(CopyErrorKind::Other, error);
        QList<RemoteFile> files;
        return t->list(&files);
    }));
}

void SftpTargetDialog::onLoggedIn(const CopyResult &result)
{
    if (m_step != Step::LoggingIn)
        return;
    if (!result.ok()) {
        setStep(Step::Editing);
        showError(
            tr("Cannot use %1: %2 Nothing was saved.").arg(m_target.location, result.message));
        return;
    }
    save();
}

void SftpTargetDialog::save()
{
    setStep(Step::Saving);
    Catalog &catalog = m_vault.catalog();
    if (!catalog.addCopyTarget(&m_target)) {
        setStep(Step::Editing);
        showError(catalog.lastError());
        return;
    }
    m_vault.secrets().writeSecret(
        OffsiteTargets::secretKey(catalog.catalogId(), m_target.id), m_secret, this,
        [this](const SecretResult &r) {
            if (!r.ok()) {
                m_vault.catalog().removeCopyTarget(m_target.id);
                setStep(Step::Editing);
                showError(tr("The password or key cannot be kept in the system "
                             "keychain, so nothing was saved: %1")
                              .arg(r.message));
                return;
            }
            qCInfo(lcUi) << "copy target added:" << m_target.name << m_target.location << "host key"
                         << m_target.hostKey;
            m_secret.clear();
            Q_EMIT saved(m_target.id);
            accept();
        });
}

} // namespace pbxvault
