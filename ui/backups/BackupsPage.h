#pragma once

#include <QStackedWidget>

class QLabel;
class QPushButton;

namespace pbxvault {

class BackupDetailView;
class BackupsView;
class Operations;

// What the Backups page shows before there is anything to list: first "Add your first PBX"
// (opens the New PBX dialog), then, once a PBX exists, "Back up NAME now".
class BackupsFirstRun : public QWidget
{
    Q_OBJECT
public:
    enum class Step
    {
        None, // there are backups (or one is running): the list is shown
        AddPbx,
        FirstBackup
    };
    explicit BackupsFirstRun(QWidget *parent = nullptr);
    void setStep(Step step, const QString &pbxName);
    Step step() const { return m_step; }
    QPushButton *actionButton() const { return m_action; }

Q_SIGNALS:
    void addPbxRequested();
    void firstBackupRequested();
    void importRequested();

private:
    Step m_step = Step::None;
    QLabel *m_heading;
    QLabel *m_text;
    QPushButton *m_action;
    QPushButton *m_import;
};

// The "Backups" navigation entry: the list, the detail of the backup clicked in it, and the
// first-run guide over the empty list while there is nothing to list.
class BackupsPage : public QStackedWidget
{
    Q_OBJECT
public:
    explicit BackupsPage(Operations &ops, QWidget *parent = nullptr);

    BackupsView *list() const { return m_list; }
    BackupDetailView *detail() const { return m_detail; }
    BackupsFirstRun *firstRun() const { return m_firstRun; }
    // The list (with the first-run guide when there is nothing to list yet).
    void showList();
    void showDetail(qint64 backupId);
    // The New PBX dialog, from the first-run guide.
    void openNewPbxDialog();

Q_SIGNALS:
    void showRestoresRequested();
    void showPbxsRequested();
    void pbxAdded(qint64 pbxId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateFirstRun();
    void placeFirstRun();
    qint64 firstBackupPbx(QString *name) const;

    Operations &m_ops;
    BackupsView *m_list;
    BackupDetailView *m_detail;
    BackupsFirstRun *m_firstRun;
};

} // namespace pbxvault
