#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace pbxvault {

class Operations;
class RestoreTableModel;

// The restore history, newest first, optionally only the failures.
class RestoresView : public QWidget
{
    Q_OBJECT
public:
    explicit RestoresView(Operations &ops, QWidget *parent = nullptr);
    RestoreTableModel *model() const { return m_model; }
    void setFailedOnly(bool on);
    void refresh();

private:
    Operations &m_ops;
    RestoreTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_failedOnly;
    QLabel *m_empty;
};

} // namespace pbxvault
