#include "PbxChoiceDialog.h"

#include "Labels.h"

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
    : QDialog(parent), m_filePath(filePath), m_pbx(new QComboBox(this))
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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import->setObjectName(QStringLiteral("importButton"));
    import->setEnabled(!pbxs.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

qint64 PbxChoiceDialog::pbxId() const
{
    return m_pbx->currentData().toLongLong();
}

} // namespace pbxvault
