#pragma once

#include <QWidget>

class QMenu;
class QTableView;

namespace pbxvault {

class HistoryDetailDialog;
class JobLogModel;
class Operations;

// The job log: what ran, when, why, and how it ended. Enter, a double click or the row's
// context menu show an entry in full.
class ActivityView : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityView(Operations &ops, QWidget *parent = nullptr);
    JobLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void refresh();

    // The job with this id in full (non-blocking); nullptr when it is not listed.
    HistoryDetailDialog *showDetails(qint64 jobId);
    // "Show details" and "Copy"; the caller owns it.
    QMenu *createRowMenu(qint64 jobId);
    // The entry as plain text (what Copy puts on the clipboard).
    QString detailsText(qint64 jobId);

private:
    void sizeColumns();
    HistoryDetailDialog *createDialog(int row);

    Operations &m_ops;
    JobLogModel *m_model;
    QTableView *m_table;
};

} // namespace pbxvault
