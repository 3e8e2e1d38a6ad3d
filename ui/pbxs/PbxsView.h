#pragma once

#include <QSet>
#include <QWidget>

class QMenu;
class QPushButton;
class QTreeView;

namespace pbxvault {

class AppSettings;

class Job;
class MessageBar;
class Operations;
class PbxTreeModel;
class PendingRetries;

// The PBX registry: master first, then the secondaries, with each one's last success, last
// failure and next scheduled run (or the countdown of a waiting retry); New, Edit, Remove,
// Test connection, Back up now, the full text of the last failure, and Review certificate…
// for a PBX whose certificate stopped a backup.
class PbxsView : public QWidget
{
    Q_OBJECT
public:
    explicit PbxsView(Operations &ops, QWidget *parent = nullptr);

    PbxTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    MessageBar *messageBar() const { return m_message; }
    qint64 selectedPbxId() const;
    // The backups the selected PBX keeps of its own, to fetch into the vault.
    void openOwnBackups();
    void selectPbx(qint64 pbxId);

    // The buttons' actions; the dialogs open without blocking.
    void openNewPbxDialog();
    void openEditDialog();
    void openRemoveDialog();
    void testSelected();
    void refresh();
    // The full last failure of the selected PBX, with Copy.
    void openFailureDetail();
    // Contacts the selected PBX and offers to trust its certificate (the prompt of Test
    // connection).
    void reviewCertificate();
    bool hasCertificateProblem(qint64 pbxId) const { return m_certificateProblems.contains(pbxId); }

    // Retry countdowns in the rows ("retrying in 42 s (attempt 2 of 3)"). Not owned.
    void setPendingRetries(PendingRetries *retries);
    // Where the selected PBX's own hooks are kept (the context menu's Hooks…). Not owned.
    void setHookSettings(AppSettings *settings) { m_hookSettings = settings; }
    // The hooks of the selected PBX alone (the ones for every PBX are in Settings).
    void openHooksDialog();

Q_SIGNALS:
    void backupRequested(qint64 pbxId);

private:
    void updateButtons();
    void updateRetries();
    void watchJob(Job *job);
    void setCertificateProblem(qint64 pbxId, bool problem);
    void showContextMenu(const QPoint &pos);
    void onActivated(const QModelIndex &index);

    Operations &m_ops;
    AppSettings *m_hookSettings = nullptr;
    PbxTreeModel *m_model;
    QTreeView *m_tree;
    MessageBar *m_message;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_backup;
    QPushButton *m_review;
    QPushButton *m_details;
    QPushButton *m_ownBackups;
    PendingRetries *m_retries = nullptr;
    bool m_refreshing = false; // the model is being rebuilt: selection changes are not the user's
    QSet<qint64> m_certificateProblems;
};

} // namespace pbxvault
