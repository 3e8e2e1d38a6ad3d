#pragma once

#include "common/Records.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QRadioButton;

namespace pbxvault {

class Job;
class Operations;

// Removes a PBX from the registry, asking what to do with its backups.
class RemovePbxDialog : public QDialog
{
    Q_OBJECT
public:
    RemovePbxDialog(Operations &ops, const PbxRecord &pbx, QWidget *parent = nullptr);
    void setDeleteBackups(bool on);
    void confirm();

Q_SIGNALS:
    void removed(const QString &pbxName, const QStringList &warnings);

public Q_SLOTS:
    void reject() override;

private:
    Operations &m_ops;
    PbxRecord m_pbx;
    int m_backupCount = 0;
    QPointer<Job> m_job;
    QRadioButton *m_keep;
    QRadioButton *m_delete;
    QLabel *m_error;
    QPushButton *m_remove;
    QPushButton *m_cancel;
};

} // namespace pbxvault
