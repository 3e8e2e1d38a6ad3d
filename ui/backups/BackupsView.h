#pragma once

#include "BackupTableModel.h"

#include <QWidget>

class QAction;
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

    // Ctrl+F: the filter box, its text selected.
    void focusFilter();
    // The backup of the table's current row, 0 on a running row or none.
    qint64 currentBackupId() const;
    // The row's context menu (Open, Restore…, Verify, Delete, Open folder, Copy path); the
    // caller owns it. Null on a running row.
    QMenu *createRowMenu(qint64 backupId);
    // The row actions, also for the keyboard (Del) and tests; they open the same dialogs as
    // the detail view's buttons (non-blocking).
    void openRestoreDialog(qint64 backupId);
    void openDeleteDialog(qint64 backupId);
    void verify(qint64 backupId);
    void openFolder(qint64 backupId);
    void copyPath(qint64 backupId);

Q_SIGNALS:
    void openBackup(qint64 backupId);
    void showPbxsRequested();
    void showRestoresRequested();

private:
    void sizeColumns();
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
    QAction *m_deleteAction;
    QStringList m_columnsSizedFor; // the PBX names the columns were fitted to
    bool m_columnsSized = false;
    qint64 m_selectAfterRefresh = 0;
};

} // namespace pbxvault
