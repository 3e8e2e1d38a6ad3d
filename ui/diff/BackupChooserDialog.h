#pragma once

#include "common/Records.h"

#include <QDialog>

class QTreeWidget;
class QPushButton;

namespace pbxvault {

class Catalog;

// "Compare with…": the other backups of the same PBX, newest first, with date, size and
// comment; the chosen one is compared with `backup`.
class BackupChooserDialog : public QDialog
{
    Q_OBJECT
public:
    BackupChooserDialog(const Catalog &catalog, const BackupRecord &backup,
                        QWidget *parent = nullptr);

    int backupCount() const;
    bool selectBackup(qint64 id);
    // The chosen backup; id 0 when none.
    BackupRecord selectedBackup() const;

private:
    QVector<BackupRecord> m_backups;
    QTreeWidget *m_list;
    QPushButton *m_compare;
};

} // namespace pbxvault
