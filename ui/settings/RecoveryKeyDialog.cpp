#include "RecoveryKeyDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace pbxvault {

RecoveryKeyDialog::RecoveryKeyDialog(const QString &recoveryKey, const QString &keyId,
                                     Purpose purpose, QWidget *parent)
    : QDialog(parent), m_recoveryKey(recoveryKey), m_keyId(keyId), m_purpose(purpose),
      m_stored(new QCheckBox(this)), m_done(new QPushButton(this)), m_copied(new QLabel(this))
{
    setObjectName(QStringLiteral("recoveryKeyDialog"));
    setWindowTitle(tr("Recovery key"));
    setModal(true);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    switch (purpose) {
    case Purpose::Created:
        intro->setText(tr("<b>Encryption is on.</b> Every new backup of this vault is stored "
                          "encrypted. Write down or print this recovery key now: it is shown "
                          "only this once, and without it the backups cannot be opened on "
                          "another machine, or here if the keychain is lost."));
        break;
    case Purpose::NewVault:
        intro->setText(tr("<b>PBX Vault encrypts the backups of this new vault.</b> A backup "
                          "holds every password of the PBX, so it is stored encrypted with a "
                          "key kept in this computer's keychain. Write down or print this "
                          "recovery key now: without it the backups cannot be opened on another "
                          "machine, or here if the keychain is lost."));
        break;
    case Purpose::Shown:
        intro->setText(tr("The recovery key of this vault. Anyone who has it can read every "
                          "backup of this vault: keep it offline, printed or in a safe."));
        break;
    }

    auto *key = new QLabel(displayText(recoveryKey), this);
    key->setObjectName(QStringLiteral("recoveryKeyText"));
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    key->setFont(font);
    key->setAlignment(Qt::AlignCenter);
    key->setTextInteractionFlags(Qt::TextSelectableByMouse);
    key->setFrameShape(QFrame::StyledPanel);
    key->setContentsMargins(16, 12, 16, 12);
    key->setAccessibleName(tr("Recovery key"));

    auto *id = new QLabel(tr("Key id: %1").arg(keyId), this);
    id->setObjectName(QStringLiteral("recoveryKeyId"));
    id->setAlignment(Qt::AlignCenter);
    id->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *copy = new QPushButton(tr("&Copy"), this);
    copy->setObjectName(QStringLiteral("copyRecoveryKeyButton"));
    copy->setAutoDefault(false);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_recoveryKey);
        m_copied->setText(tr("Copied. Paste it where it stays safe, then clear the clipboard."));
    });
    auto *save = new QPushButton(tr("&Save as text file…"), this);
    save->setObjectName(QStringLiteral("saveRecoveryKeyButton"));
    save->setAutoDefault(false);
    connect(save, &QPushButton::clicked, this, &RecoveryKeyDialog::saveToFile);
    auto *tools = new QHBoxLayout;
    tools->addStretch(1);
    tools->addWidget(copy);
    tools->addWidget(save);
    tools->addStretch(1);
    m_copied->setObjectName(QStringLiteral("recoveryKeyCopiedNote"));
    m_copied->setAlignment(Qt::AlignCenter);
    m_copied->setWordWrap(true);

    m_stored->setObjectName(QStringLiteral("recoveryKeyStoredCheck"));
    m_stored->setText(tr("I have stored the recovery key in a safe place"));
    m_stored->setVisible(purpose != Purpose::Shown);

    m_done->setObjectName(QStringLiteral("recoveryKeyDoneButton"));
    m_done->setText(purpose == Purpose::Shown ? tr("&Close") : tr("&Done"));
    m_done->setDefault(true);
    m_done->setEnabled(canClose());
    connect(m_stored, &QCheckBox::toggled, this, [this] { m_done->setEnabled(canClose()); });
    connect(m_done, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    if (purpose == Purpose::NewVault) {
        m_decline = new QPushButton(tr("&Keep backups unencrypted"), this);
        m_decline->setObjectName(QStringLiteral("keepUnencryptedButton"));
        m_decline->setAutoDefault(false);
        m_decline->setToolTip(tr("You can turn encryption on later in Settings."));
        connect(m_decline, &QPushButton::clicked, this, [this] {
            m_declined = true;
            QDialog::reject();
        });
        buttons->addWidget(m_decline);
    }
    buttons->addStretch(1);
    buttons->addWidget(m_done);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addWidget(key);
    layout->addWidget(id);
    layout->addLayout(tools);
    layout->addWidget(m_copied);
    layout->addSpacing(8);
    layout->addWidget(m_stored);
    layout->addLayout(buttons);
    setMinimumWidth(560);
}

QString RecoveryKeyDialog::displayText(const QString &recoveryKey)
{
    const QStringList groups = recoveryKey.split(QLatin1Char('-'), Qt::SkipEmptyParts);
    QStringList lines;
    for (int i = 0; i < groups.size(); i += 7)
        lines << groups.mid(i, 7).join(QLatin1Char(' '));
    return lines.join(QLatin1Char('\n'));
}

QString RecoveryKeyDialog::fileText(const QString &recoveryKey, const QString &keyId)
{
    return tr("PBX Vault recovery key") + QLatin1Char('\n') + tr("Key id: %1").arg(keyId) +
           QStringLiteral("\n\n") + recoveryKey + QStringLiteral("\n\n") +
           tr("Anyone who has this key can read every backup of the vault. Keep it offline "
              "(printed, in a safe) and delete this file once it is stored.") +
           QLatin1Char('\n');
}

bool RecoveryKeyDialog::canClose() const
{
    return m_purpose == Purpose::Shown || m_stored->isChecked();
}

void RecoveryKeyDialog::reject()
{
    if (canClose())
        QDialog::reject();
}

void RecoveryKeyDialog::saveToFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the recovery key"),
        QDir::home().filePath(QStringLiteral("pbxvault-recovery-key-%1.txt").arg(m_keyId)),
        tr("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly | QIODevice::Text);
    if (ok) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        ok = file.write(fileText(m_recoveryKey, m_keyId).toUtf8()) >= 0 && file.commit();
    }
    if (!ok) {
        QMessageBox::warning(this, tr("Recovery key"),
                             tr("The recovery key could not be saved to %1: %2")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    m_copied->setText(tr("Saved to %1. Print it or move it somewhere safe, then delete the file.")
                          .arg(QDir::toNativeSeparators(path)));
}

} // namespace pbxvault
