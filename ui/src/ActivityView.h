#pragma once

#include <QWidget>

class QTableView;

namespace pbxvault {

class JobLogModel;
class Operations;

// The job log: what ran, when, why, and how it ended.
class ActivityView : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityView(Operations &ops, QWidget *parent = nullptr);
    JobLogModel *model() const { return m_model; }
    void refresh();

private:
    Operations &m_ops;
    JobLogModel *m_model;
    QTableView *m_table;
};

} // namespace pbxvault
