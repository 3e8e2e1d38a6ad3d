#pragma once

#include "common/Records.h"
#include "store/BackupStore.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace pbxvault {

class BackupChooserDialog;
class BackupDiffDialog;
class Job;
class MessageBar;
class Operations;

// One backup: every field, its archive's contents, Verify now, and the two actions the
// operator came for — Restore (green, bottom right) and Delete (red, bottom left).
class BackupDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit BackupDetailView(Operations &ops, QWidget *parent = nullptr);
    ~BackupDetailView() override;

    void showBackup(qint64 backupId);
    qint64 backupId() const { return m_backup.id; }
    MessageBar *messageBar() const { return m_message; }

    // The buttons' actions, also for tests: they open the dialogs (non-blocking).
    void openRestoreDialog();
    void openDeleteDialog();
    void verifyNow();
    // Compare with previous / Compare with…: the diff window (non-modal) or the chooser of the
    // other backup; null when there is nothing to compare with.
    BackupDiffDialog *compareWithPrevious();
    BackupChooserDialog *openCompareChooser();
    BackupDiffDialog *compareWith(const BackupRecord &other);
    // Reads the shown backup again (it may have been verified or changed elsewhere).
    void reload();

Q_SIGNALS:
    void backRequested();
    void showRestoresRequested();
    void deleted(const QString &fileName, const QStringList &warnings);

private:
    struct MemberListing
    {
        QVector<ArchiveMember> members;
        QString error;
        bool ok = false;
        bool needsKey = false; // encrypted, and no vault key is loaded
        bool unmapped = false; // in a shared store this computer does not map
    };
    void fill();
    bool inUnmappedStore() const; // in a shared store this computer does not map
    void fillCopies();            // the Off-site copies row: one line per copy target
    void loadMembers();
    void onMembersLoaded();
    QLabel *addField(QFormLayout *form, const QString &label, const char *objectName);

    Operations &m_ops;
    BackupRecord m_backup;
    QPointer<Job> m_verifyJob;
    QFutureWatcher<MemberListing> *m_members;

    MessageBar *m_message;
    QLabel *m_title;
    QLabel *m_fileName;
    QLabel *m_size;
    QLabel *m_date;
    QLabel *m_masterIp;
    QLabel *m_pbx;
    QLabel *m_tenant;
    QLabel *m_path;
    QToolButton *m_openFolder;
    QLabel *m_firmware;
    QLabel *m_sha256;
    QLabel *m_verification;
    QPushButton *m_verify;
    QLabel *m_origin;
    QLabel *m_comment;
    QFormLayout *m_form;
    QWidget *m_copies;
    QTreeWidget *m_memberTree;
    QLabel *m_membersNote;
    QPushButton *m_comparePrevious;
    QPushButton *m_compareWith;
    QPushButton *m_restore;
    QPushButton *m_delete;
};

} // namespace pbxvault
