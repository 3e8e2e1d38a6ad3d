#include "RemovePbxDialog.h"

#include "ActionButtons.h"
#include "Icons.h"
#include "ops/Operations.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pbxvault {

RemovePbxDialog::RemovePbxDialog(Operations &ops, const PbxRecord &pbx, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_pbx(pbx), m_keep(new QRadioButton(this)),
      m_delete(new QRadioButton(this)), m_error(new QLabel(this)),
      m_remove(new ActionButton(ActionButton::Danger, tr("&Remove"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("removePbxDialog"));
    setWindowTitle(tr("Remove PBX"));
    m_backupCount = int(ops.vault().catalog().backups(pbx.id).size());

    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::warning().pixmap(32, 32));
    auto *question = new QLabel(tr("<b>Remove %1 from PBX Vault?</b><br>Its password is "
                                   "removed from the keychain and it is no longer backed up. "
                                   "Nothing changes on the PBX itself.")
                                    .arg(pbx.name.toHtmlEscaped()),
                                this);
    question->setWordWrap(true);
    m_keep->setObjectName(QStringLiteral("keepBackupsRadio"));
    m_keep->setText(
        tr("Keep its %L1 backups (the PBX stays listed as disabled)").arg(m_backupCount));
    m_keep->setChecked(true);
    m_delete->setObjectName(QStringLiteral("deleteBackupsRadio"));
    m_delete->setText(tr("Delete its %L1 backups from this computer too").arg(m_backupCount));
    m_keep->setVisible(m_backupCount > 0);
    m_delete->setVisible(m_backupCount > 0);
    m_error->setObjectName(QStringLiteral("removeError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828;"));
    m_error->hide();
    m_remove->setObjectName(QStringLiteral("confirmRemoveButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    // As in Delete backup: Enter cancels, removing takes a click (or Alt+R).
    m_remove->setAutoDefault(false);
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);

    auto *texts = new QVBoxLayout;
    texts->addWidget(question);
    texts->addWidget(m_keep);
    texts->addWidget(m_delete);
    texts->addWidget(m_error);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(texts, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    setMinimumWidth(480);
    setTabOrder(m_cancel, m_keep);
    setTabOrder(m_keep, m_delete);
    setTabOrder(m_delete, m_remove);
    m_cancel->setFocus();

    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &RemovePbxDialog::confirm);
}

void RemovePbxDialog::setDeleteBackups(bool on)
{
    (on ? m_delete : m_keep)->setChecked(true);
}

void RemovePbxDialog::confirm()
{
    if (m_job)
        return;
    m_remove->setEnabled(false);
    m_cancel->setEnabled(false);
    m_error->hide();
    m_job = m_ops.removePbx(m_pbx.id, m_backupCount > 0 && m_delete->isChecked());
    Job *job = m_job;
    connect(job, &Job::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
        m_remove->setEnabled(true);
        m_cancel->setEnabled(true);
        if (job->ok()) {
            Q_EMIT removed(m_pbx.name, job->warnings());
            accept();
            return;
        }
        m_error->setText(tr("The PBX could not be removed: %1").arg(job->errorMessage()));
        m_error->show();
    });
}

void RemovePbxDialog::reject()
{
    if (m_job)
        return;
    QDialog::reject();
}

} // namespace pbxvault
