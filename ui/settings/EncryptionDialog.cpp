#include "EncryptionDialog.h"

#include "RecoveryKeyDialog.h"
#include "crypto/RecoveryKey.h"
#include "ops/Vault.h"
#include "ops/VaultEncryption.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
QLabel *wrapped(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    return label;
}
} // namespace

QString EncryptionDialog::stateInWords(Vault &vault)
{
    const QString id = vault.catalog().encryptionKeyId();
    if (id.isEmpty())
        return tr("Off");
    const QString shortId = id.left(8) + QStringLiteral("…");
    if (!vault.key() || vault.key()->idHex() != id)
        return tr("On — key %1, not loaded on this machine").arg(shortId);
    return tr("On — key %1").arg(shortId);
}

EncryptionDialog::EncryptionDialog(Vault &vault, QWidget *parent)
    : QDialog(parent), m_vault(vault), m_encryption(new VaultEncryption(vault, this)),
      m_state(wrapped(this, "encryptionStateLabel")),
      m_backupsNote(wrapped(this, "encryptionBackupsNote")), m_turnOn(new QPushButton(this)),
      m_showKey(new QPushButton(this)), m_import(new QPushButton(this)),
      m_encryptAll(new QPushButton(this)), m_cancel(new QPushButton(this)),
      m_importBox(new QGroupBox(this)), m_importField(new QLineEdit(this)),
      m_importOk(new QPushButton(this)), m_importError(wrapped(this, "importKeyError")),
      m_progress(new QProgressBar(this)), m_result(wrapped(this, "encryptionResult"))
{
    setObjectName(QStringLiteral("encryptionDialog"));
    setWindowTitle(tr("Encryption"));

    QFont bold = m_state->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_state->setFont(bold);
    auto *about = wrapped(this, "encryptionAbout");
    about->setText(tr("Encrypted backups are unreadable without the vault key, which lives in "
                      "this computer's keychain. The recovery key opens them anywhere: keep it "
                      "offline. A backup exported or restored is the plain file the PBX "
                      "expects."));

    m_turnOn->setObjectName(QStringLiteral("turnOnEncryptionButton"));
    m_turnOn->setText(tr("&Turn encryption on…"));
    connect(m_turnOn, &QPushButton::clicked, this, &EncryptionDialog::turnOn);
    m_showKey->setObjectName(QStringLiteral("showRecoveryKeyButton"));
    m_showKey->setText(tr("&Show recovery key…"));
    connect(m_showKey, &QPushButton::clicked, this, &EncryptionDialog::showRecoveryKey);
    m_import->setObjectName(QStringLiteral("importRecoveryKeyButton"));
    m_import->setText(tr("&Import recovery key…"));
    connect(m_import, &QPushButton::clicked, this, [this] {
        m_importBox->setVisible(true);
        m_importField->setFocus();
    });
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_turnOn);
    actions->addWidget(m_showKey);
    actions->addWidget(m_import);
    actions->addStretch(1);

    m_importBox->setObjectName(QStringLiteral("importRecoveryKeyBox"));
    m_importBox->setTitle(tr("Import recovery key"));
    m_importField->setObjectName(QStringLiteral("importRecoveryKeyField"));
    m_importField->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_importField->setPlaceholderText(tr("14 groups of 4 characters, e.g. 7K3M-Q0ZD-…"));
    m_importField->setEchoMode(QLineEdit::Normal);
    m_importOk->setObjectName(QStringLiteral("importRecoveryKeyOk"));
    m_importOk->setText(tr("Im&port"));
    connect(m_importOk, &QPushButton::clicked, this, &EncryptionDialog::importKey);
    // Enter in the field presses Import (the dialog's default button), never another action.
    for (QPushButton *button : {m_turnOn, m_showKey, m_import, m_encryptAll, m_cancel})
        button->setAutoDefault(false);
    m_importOk->setDefault(true);
    m_importError->hide();
    QPalette errorPalette = m_importError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_importError->setPalette(errorPalette);
    auto *importRow = new QHBoxLayout;
    importRow->addWidget(m_importField, 1);
    importRow->addWidget(m_importOk);
    auto *importLayout = new QVBoxLayout(m_importBox);
    importLayout->addLayout(importRow);
    importLayout->addWidget(m_importError);
    m_importBox->hide();

    auto *existing = new QGroupBox(tr("Existing backups"), this);
    m_encryptAll->setObjectName(QStringLiteral("encryptAllButton"));
    m_encryptAll->setText(tr("&Encrypt existing backups"));
    m_encryptAll->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    connect(m_encryptAll, &QPushButton::clicked, this, &EncryptionDialog::encryptAll);
    m_cancel->setObjectName(QStringLiteral("cancelEncryptAllButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_encryption, &VaultEncryption::cancelEncryption);
    m_progress->setObjectName(QStringLiteral("encryptAllProgress"));
    m_progress->hide();
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_encryptAll);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto *existingLayout = new QVBoxLayout(existing);
    existingLayout->addWidget(m_backupsNote);
    existingLayout->addLayout(progressRow);
    existingLayout->addWidget(m_result);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &EncryptionDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(about);
    layout->addLayout(actions);
    layout->addWidget(m_importBox);
    layout->addWidget(existing);
    layout->addStretch(1);
    layout->addWidget(close);
    setMinimumWidth(620);
    refresh();
}

EncryptionDialog::~EncryptionDialog() = default;

void EncryptionDialog::refresh()
{
    const bool on = m_encryption->isOn();
    const bool loaded = m_encryption->isKeyLoaded();
    m_state->setText(tr("Encryption: %1").arg(stateInWords(m_vault)));
    m_turnOn->setVisible(!on);
    m_turnOn->setEnabled(!m_busy);
    m_showKey->setVisible(loaded);
    m_import->setVisible(!loaded);
    m_import->setEnabled(!m_busy);
    const int plain = int(m_encryption->plainBackups().size());
    if (on && !loaded)
        m_backupsNote->setText(tr("The vault key is not loaded on this machine: backups cannot "
                                  "be made, and encrypted ones cannot be opened, until its "
                                  "recovery key is imported."));
    else if (plain == 0)
        m_backupsNote->setText(tr("Every backup file is encrypted."));
    else if (!on)
        m_backupsNote->setText(tr("%n backup(s) stored unencrypted. Turn encryption on to "
                                  "encrypt them.",
                                  "", plain));
    else
        m_backupsNote->setText(tr("%n backup(s) still stored unencrypted.", "", plain));
    m_encryptAll->setEnabled(loaded && plain > 0 && !m_encryption->isEncrypting());
}

void EncryptionDialog::openKeyDialog(const QString &recoveryKey, const QString &keyId, int purpose)
{
    auto *dialog = new RecoveryKeyDialog(recoveryKey, keyId,
                                         static_cast<RecoveryKeyDialog::Purpose>(purpose), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_keyDialog = dialog;
    connect(dialog, &QObject::destroyed, this, [this, dialog] {
        if (m_keyDialog == dialog)
            m_keyDialog = nullptr;
    });
    dialog->open();
    Q_EMIT recoveryKeyShown(dialog);
}

void EncryptionDialog::turnOn()
{
    m_busy = true;
    refresh();
    m_result->setText(tr("Creating the vault key…"));
    m_encryption->turnOn([this](const VaultEncryptionResult &r) {
        m_busy = false;
        refresh();
        if (!r.ok()) {
            m_result->setText(tr("Encryption could not be turned on: %1").arg(r.message));
            return;
        }
        m_result->clear();
        Q_EMIT stateChanged();
        openKeyDialog(RecoveryKey::format(r.key), r.key.idHex(),
                      int(RecoveryKeyDialog::Purpose::Created));
    });
}

void EncryptionDialog::showRecoveryKey()
{
    if (m_confirmShow &&
        QMessageBox::question(
            this, tr("Show recovery key"),
            tr("The recovery key opens every backup of this vault. Show it now? Make sure "
               "nobody else can see the screen."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const QString text = m_encryption->recoveryKey();
    if (text.isEmpty())
        return;
    openKeyDialog(text, m_encryption->keyId(), int(RecoveryKeyDialog::Purpose::Shown));
}

void EncryptionDialog::importKey()
{
    m_importError->hide();
    m_importOk->setEnabled(false);
    m_encryption->importRecoveryKey(m_importField->text(), [this](const VaultEncryptionResult &r) {
        m_importOk->setEnabled(true);
        if (!r.ok()) {
            m_importError->setText(r.invalidRecoveryKey
                                       ? tr("This is not a valid recovery key: %1").arg(r.message)
                                       : r.message);
            m_importError->show();
            Q_EMIT importFinished(false);
            return;
        }
        m_importField->clear();
        m_importBox->hide();
        m_result->setText(
            tr("Key %1 imported: the backups encrypted with it can be opened.").arg(r.key.idHex()));
        refresh();
        Q_EMIT stateChanged();
        Q_EMIT importFinished(true);
    });
}

void EncryptionDialog::encryptAll()
{
    m_result->clear();
    m_progress->setRange(0, std::max<int>(1, int(m_encryption->plainBackups().size())));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_encryptAll->setEnabled(false);
    m_encryption->encryptAll(
        [this](const FileEncryptionResult &, int tried, int total) {
            m_progress->setMaximum(std::max(1, total));
            m_progress->setValue(tried);
        },
        [this](const EncryptAllSummary &summary) {
            m_progress->hide();
            m_cancel->hide();
            m_result->setText(summary.inWords());
            refresh();
            Q_EMIT stateChanged();
            Q_EMIT encryptionFinished();
        });
}

void EncryptionDialog::reject()
{
    // Each file is replaced atomically: stopping after the one in progress loses nothing.
    m_encryption->cancelEncryption();
    QDialog::reject();
}

bool EncryptionDialog::offerForNewVault(Vault &vault, QWidget *parent, QObject *receiver,
                                        const std::function<void(RecoveryKeyDialog *)> &opened)
{
    auto *encryption = new VaultEncryption(vault, receiver);
    if (!encryption->isBrandNew() || encryption->encryptionOffered()) {
        delete encryption;
        return false;
    }
    QPointer<QWidget> guard(parent);
    encryption->prepareKey([encryption, guard, opened](const VaultEncryptionResult &r) {
        if (!r.ok() || !guard) {
            // No keychain: the vault stays plain and is offered again at the next start;
            // Settings says why if the operator tries.
            encryption->deleteLater();
            return;
        }
        auto *dialog = new RecoveryKeyDialog(RecoveryKey::format(r.key), r.key.idHex(),
                                             RecoveryKeyDialog::Purpose::NewVault, guard);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const VaultKey key = r.key;
        QObject::connect(dialog, &QDialog::finished, encryption, [encryption, dialog, key] {
            if (!dialog->declined()) {
                const VaultEncryptionResult committed = encryption->commitKey(key);
                if (!committed.ok())
                    QMessageBox::warning(
                        dialog->parentWidget(), tr("Encryption"),
                        tr("Encryption could not be turned on: %1").arg(committed.message));
            }
            encryption->setEncryptionOffered();
            encryption->deleteLater();
        });
        dialog->open();
        if (opened)
            opened(dialog);
    });
    return true;
}

} // namespace pbxvault
