#pragma once

#include "ops/Job.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>
#include <QVector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace pbxvault {

class Operations;

// The backups a PBX keeps of its own: each name, and whether the vault holds it. Fetch
// downloads the selected ones, Fetch all missing the rest (Operations::fetchRemoteBackup /
// fetchAllMissing: the backup pipeline, so each is verified and catalogued as fetched).
// Progress and errors show in the dialog; closing it cancels what is still running.
class PbxRemoteBackupsDialog : public QDialog
{
    Q_OBJECT
public:
    PbxRemoteBackupsDialog(Operations &ops, qint64 pbxId, QWidget *parent = nullptr);
    ~PbxRemoteBackupsDialog() override;

    // What the last listing found (for tests).
    QVector<RemoteBackup> remoteBackups() const { return m_rows; }
    bool isBusy() const { return !m_job.isNull(); }

public Q_SLOTS:
    void refresh();
    void fetchSelected();
    void fetchAllMissing();
    void reject() override;

Q_SIGNALS:
    // A listing, a fetch or a run of fetches ended (ok or not).
    void idle();

private:
    void showList(const QVector<RemoteBackup> &rows);
    void fetchNextQueued();
    void watch(Job *job);
    void onFinished(Job *job);
    void showError(const QString &text);
    void updateButtons();

    Operations &m_ops;
    qint64 m_pbxId;
    QString m_pbxName;
    QVector<RemoteBackup> m_rows;
    QStringList m_queue; // selected names still to fetch, in order
    QStringList m_errors;
    int m_queueTotal = 0;
    int m_fetched = 0;
    QPointer<Job> m_job;
    QLabel *m_intro;
    QTreeWidget *m_list;
    QLabel *m_status;
    QLabel *m_error;
    QProgressBar *m_progress;
    QPushButton *m_refresh;
    QPushButton *m_fetch;
    QPushButton *m_fetchAll;
    QPushButton *m_close;
};

} // namespace pbxvault
