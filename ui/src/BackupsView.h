#pragma once

#include "BackupTableModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QToolButton;

namespace pbxvault {

class BackupListLoader;
class BackupTableModel;
class Job;
class MessageBar;
class Operations;

// The backup list: "Back up now" (+), import, filter box, PBX filter and the table.
class BackupsView : public QWidget
{
    Q_OBJECT
public:
    explicit BackupsView(Operations &ops, QWidget *parent = nullptr);

    BackupTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MessageBar *messageBar() const { return m_message; }

    // "+": backs up the master PBX (or the only one). Returns the job, nullptr if none.
    Job *backUpDefaultPbx();
    Job *backUpPbx(qint64 pbxId);
    // Import without the file dialog (the button asks for the file first).
    void importFile(const QString &path);
    void refresh();
    // The PBX filter and the "Back up" menu, from the catalog's PBXs.
    void refreshPbxs();
    void selectBackup(qint64 backupId);
    // True while a big list is being read on a worker thread.
    bool isLoading() const;

Q_SIGNALS:
    void openBackup(qint64 backupId);
    void showPbxsRequested();

private:
    void applySnapshot(BackupTableModel::Snapshot snapshot);
    void updateCount();
    void chooseImportFile();
    void onBackupFinished(Job *job, const QString &pbxName);

    Operations &m_ops;
    BackupTableModel *m_model;
    BackupListLoader *m_loader;
    bool m_loaded = false;
    QTableView *m_table;
    QToolButton *m_add;
    QMenu *m_addMenu;
    QToolButton *m_import;
    QLineEdit *m_filter;
    QComboBox *m_pbxFilter;
    QLabel *m_count;
    QLabel *m_empty;
    MessageBar *m_message;
    qint64 m_selectAfterRefresh = 0;
};

} // namespace pbxvault
