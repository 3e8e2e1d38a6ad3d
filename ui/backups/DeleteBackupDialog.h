#pragma once

#include "common/Records.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QPushButton;

namespace pbxvault {

class Job;
class Operations;

// Confirms deleting one backup (optionally also the copy kept on the PBX) and runs it.
class DeleteBackupDialog : public QDialog
{
    Q_OBJECT
public:
    DeleteBackupDialog(Operations &ops, const BackupRecord &backup, QWidget *parent = nullptr);

    void setAlsoOnPbx(bool on);
    void confirm(); // the Delete button

Q_SIGNALS:
    void deleted(const QString &fileName, const QStringList &warnings);

private:
    Operations &m_ops;
    BackupRecord m_backup;
    QPointer<Job> m_job;
    QCheckBox *m_alsoOnPbx;
    QLabel *m_error;
    QPushButton *m_delete;
    QPushButton *m_cancel;
};

} // namespace pbxvault
