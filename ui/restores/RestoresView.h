#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QMenu;
class QModelIndex;
class QTableView;

namespace pbxvault {

class HistoryDetailDialog;
class Operations;
class RestoreTableModel;

// The restore history, newest first, optionally only the failures. Enter, a double click or
// the row's context menu show an entry in full, with links to its backups.
class RestoresView : public QWidget
{
    Q_OBJECT
public:
    explicit RestoresView(Operations &ops, QWidget *parent = nullptr);
    RestoreTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void setFailedOnly(bool on);
    void refresh();

    // The restore with this id in full (non-blocking); nullptr when it is not listed.
    HistoryDetailDialog *showDetails(qint64 restoreId);
    // "Show details" and "Copy"; the caller owns it.
    QMenu *createRowMenu(qint64 restoreId);
    // The entry as plain text (what Copy puts on the clipboard).
    QString detailsText(qint64 restoreId);

Q_SIGNALS:
    // "Open backup" / "Open safety backup" in the detail.
    void openBackupRequested(qint64 backupId);

private:
    void sizeColumns();
    int rowOf(qint64 restoreId) const;
    HistoryDetailDialog *createDialog(int row);

    Operations &m_ops;
    RestoreTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_failedOnly;
    QLabel *m_empty;
};

} // namespace pbxvault
