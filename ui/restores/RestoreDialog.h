#pragma once

#include "common/Records.h"
#include "ops/Operations.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace pbxvault {

class JobProgressWidget;

// Restore one backup: choose the target PBX, see what will happen (safety backup, warnings
// about another PBX or newer firmware), confirm, follow the progress, read the outcome.
class RestoreDialog : public QDialog
{
    Q_OBJECT
public:
    RestoreDialog(Operations &ops, const BackupRecord &backup, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    // For tests and the buttons.
    bool selectTarget(qint64 pbxId);
    qint64 targetId() const;
    bool isPlanning() const { return m_planJob != nullptr; }
    bool canStart() const;
    void start(); // the "Restore now" button
    QString outcomeText() const;

Q_SIGNALS:
    void showRestoresRequested();
    void restoreFinished(bool ok);

public Q_SLOTS:
    void reject() override;

private:
    void plan();
    void onPlanned(Job *job, const RestorePlan &plan);
    void updateSummary();
    void updateStartButton();
    void onRestoreFinished(Job *job);

    Operations &m_ops;
    BackupRecord m_backup;
    QVector<PbxRecord> m_targets;
    QPointer<Job> m_planJob;
    QPointer<Job> m_restoreJob;
    bool m_planned = false;
    RestorePlan m_plan;

    QStackedWidget *m_pages;
    QComboBox *m_target;
    QLabel *m_summary;
    QLabel *m_warnings;
    QCheckBox *m_safety;
    QCheckBox *m_force;
    QLabel *m_question;
    QPushButton *m_start;
    QLabel *m_progressTitle;
    JobProgressWidget *m_progress;
    QLabel *m_outcomeIcon;
    QLabel *m_outcomeTitle;
    QLabel *m_outcomeText;
};

} // namespace pbxvault
