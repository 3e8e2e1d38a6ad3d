#pragma once

#include "common/Records.h"
#include "crypto/VaultKey.h"
#include "diff/ArchiveDiff.h"

#include <QDialog>

class QAbstractButton;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTreeView;
class QWidget;

namespace pbxvault {

class DiffLinesModel;
class DiffMemberFilter;
class DiffMemberModel;
class DiffTask;
class MessageBar;

// Two backups compared member by member (non-modal): the summary on top, the members on the
// left (status icon and word, size before → after, "Changed only" and a name filter), the
// selected member's lines on the right, unified or side by side. The comparison runs off the
// UI thread with a busy row and Cancel; failures show in the message bar with the backup's id.
class BackupDiffDialog : public QDialog
{
    Q_OBJECT
public:
    // older and newer as the user chose them; the comparison goes from older to newer. key:
    // the vault key (copied) when the vault is encrypted, so encrypted backups can be read.
    BackupDiffDialog(const BackupRecord &older, const BackupRecord &newer,
                     QWidget *parent = nullptr, const VaultKey *key = nullptr);
    ~BackupDiffDialog() override;

    void compare(); // (again): starts the comparison
    void cancel();
    bool isComparing() const;
    // Selects the member's row (when the filters show it); false when it is not listed.
    bool selectMember(const QString &name);
    void setSideBySide(bool sideBySide);

    MessageBar *messageBar() const { return m_message; }
    DiffMemberModel *memberModel() const { return m_members; }
    DiffMemberFilter *memberFilter() const { return m_filter; }
    DiffLinesModel *linesModel() const { return m_lines; }
    QString summary() const;

Q_SIGNALS:
    void comparisonEnded(); // finished, failed or cancelled

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFinished(const ArchiveComparison &result);
    void onFailed(const QString &message);
    void setBusy(bool busy);
    void showCurrentMember();
    void showMember(const MemberDiff *member);
    void applyColors();
    void fitTextColumns();
    QString summaryOf(const ArchiveComparison &result) const;
    QString describe(const BackupRecord &backup) const;

    BackupRecord m_older;
    BackupRecord m_newer;
    VaultKey m_key; // null when none was given
    DiffTask *m_task;
    DiffMemberModel *m_members;
    DiffMemberFilter *m_filter;
    DiffLinesModel *m_lines;

    MessageBar *m_message;
    QLabel *m_heading;
    QLabel *m_summary;
    QWidget *m_busyRow;
    QAbstractButton *m_cancel;
    QSplitter *m_splitter;
    QLineEdit *m_filterEdit;
    QCheckBox *m_changedOnly;
    QTreeView *m_memberView;
    QLabel *m_memberTitle;
    QLabel *m_memberNote;
    QAbstractButton *m_unified;
    QAbstractButton *m_sideBySide;
    QTableView *m_lineView;
};

} // namespace pbxvault
