#pragma once

#include <QWidget>

class QPushButton;
class QTreeView;

namespace pbxvault {

class Job;
class MessageBar;
class Operations;
class PbxTreeModel;

// The PBX registry: master first, then the secondaries, with each one's last success, last
// failure and next scheduled run; New, Edit, Remove, Test connection and Back up now.
class PbxsView : public QWidget
{
    Q_OBJECT
public:
    explicit PbxsView(Operations &ops, QWidget *parent = nullptr);

    PbxTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    MessageBar *messageBar() const { return m_message; }
    qint64 selectedPbxId() const;
    void selectPbx(qint64 pbxId);

    // The buttons' actions; the dialogs open without blocking.
    void openNewPbxDialog();
    void openEditDialog();
    void openRemoveDialog();
    void testSelected();
    void refresh();

Q_SIGNALS:
    void backupRequested(qint64 pbxId);

private:
    void updateButtons();
    void onTestFinished(Job *job, qint64 pbxId);

    Operations &m_ops;
    PbxTreeModel *m_model;
    QTreeView *m_tree;
    MessageBar *m_message;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_backup;
};

} // namespace pbxvault
