#include "PbxChoiceDialog.h"

#include "common/Labels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pbxvault {

PbxChoiceDialog::PbxChoiceDialog(const QString &filePath, const QVector<PbxRecord> &pbxs,
                                 QWidget *parent)
    : QDialog(parent), m_filePath(filePath), m_pbx(new QComboBox(this)),
      m_checksumOnly(new QCheckBox(tr("Also import it if PBX Vault cannot read its format "
                                      "(checksum only)"),
                                   this))
{
    setObjectName(QStringLiteral("pbxChoiceDialog"));
    setWindowTitle(tr("Import backup"));
    m_pbx->setObjectName(QStringLiteral("pbxCombo"));
    for (const PbxRecord &pbx : pbxs) {
        m_pbx->addItem(tr("%1 (%2)").arg(pbx.name, Labels::role(pbx.role).toLower()), pbx.id);
    }

    auto *intro =
        new QLabel(tr("Import <b>%1</b> into the vault. Which PBX was this backup taken from?")
                       .arg(QFileInfo(filePath).fileName().toHtmlEscaped()),
                   this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("PBX:"), m_pbx);
    m_checksumOnly->setObjectName(QStringLiteral("checksumOnlyCheck"));
    auto *checksumOnlyNote =
        new QLabel(tr("A file that is not an archive PBX Vault can read is refused: nothing "
                      "about its content can be checked. Tick the box only if you know it is a "
                      "backup of this PBX; it will be marked \"checksum only\" everywhere."),
                   this);
    checksumOnlyNote->setWordWrap(true);
    checksumOnlyNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import->setObjectName(QStringLiteral("importButton"));
    import->setEnabled(!pbxs.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_checksumOnly);
    layout->addWidget(checksumOnlyNote);
    layout->addWidget(buttons);
}

bool PbxChoiceDialog::acceptChecksumOnly() const
{
    return m_checksumOnly->isChecked();
}

qint64 PbxChoiceDialog::pbxId() const
{
    return m_pbx->currentData().toLongLong();
}

} // namespace pbxvault
