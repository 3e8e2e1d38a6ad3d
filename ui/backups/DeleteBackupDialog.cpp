#include "DeleteBackupDialog.h"

#include "ActionButtons.h"
#include "Icons.h"
#include "ops/Operations.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pbxvault {

DeleteBackupDialog::DeleteBackupDialog(Operations &ops, const BackupRecord &backup, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_backup(backup), m_alsoOnPbx(new QCheckBox(this)),
      m_error(new QLabel(this)),
      m_delete(new ActionButton(ActionButton::Danger, tr("Delete"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("deleteBackupDialog"));
    setWindowTitle(tr("Delete backup"));

    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::warning().pixmap(32, 32));
    auto *question =
        new QLabel(tr("<b>Delete the backup %1?</b>").arg(backup.filename.toHtmlEscaped()), this);
    question->setWordWrap(true);
    auto *detail = new QLabel(tr("The file will be removed from this computer:\n%1\n"
                                 "This cannot be undone.")
                                  .arg(backup.path),
                              this);
    detail->setWordWrap(true);
    m_alsoOnPbx->setObjectName(QStringLiteral("alsoOnPbxCheck"));
    m_alsoOnPbx->setText(
        tr("Also delete it from the PBX %1, if it is still stored there").arg(backup.pbxName));
    m_error->setObjectName(QStringLiteral("deleteError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828;"));
    m_error->hide();
    m_delete->setObjectName(QStringLiteral("confirmDeleteButton"));
    m_cancel->setDefault(true); // Enter must never delete by accident

    auto *text = new QVBoxLayout;
    text->addWidget(question);
    text->addWidget(detail);
    text->addWidget(m_alsoOnPbx);
    text->addWidget(m_error);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addLayout(buttons);
    setMinimumWidth(460);

    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_delete, &QPushButton::clicked, this, &DeleteBackupDialog::confirm);
}

void DeleteBackupDialog::setAlsoOnPbx(bool on)
{
    m_alsoOnPbx->setChecked(on);
}

void DeleteBackupDialog::confirm()
{
    if (m_job)
        return;
    m_delete->setEnabled(false);
    m_cancel->setEnabled(false);
    m_alsoOnPbx->setEnabled(false);
    m_error->hide();
    m_job = m_ops.deleteBackup(m_backup.id, m_alsoOnPbx->isChecked());
    Job *job = m_job;
    connect(job, &Job::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
        if (job->ok()) {
            Q_EMIT deleted(m_backup.filename, job->warnings());
            accept();
            return;
        }
        m_error->setText(tr("The backup could not be deleted: %1").arg(job->errorMessage()));
        m_error->show();
        m_delete->setEnabled(true);
        m_cancel->setEnabled(true);
        m_alsoOnPbx->setEnabled(true);
    });
}

} // namespace pbxvault
