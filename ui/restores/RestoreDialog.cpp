#include "RestoreDialog.h"

#include "ActionButtons.h"
#include "Icons.h"
#include "JobProgressWidget.h"
#include "UiLog.h"
#include "common/Labels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
// The plan a planRestore job fills in lives as long as the job itself, so a dialog closed
// mid-check leaves nothing dangling.
class PlanHolder : public QObject
{
public:
    using QObject::QObject;
    RestorePlan plan;
};

QLabel *wrappingLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}
} // namespace

RestoreDialog::RestoreDialog(Operations &ops, const BackupRecord &backup, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_backup(backup), m_pages(new QStackedWidget(this)),
      m_target(new QComboBox(this)), m_summary(wrappingLabel(this, "restoreSummary")),
      m_warnings(wrappingLabel(this, "restoreWarnings")), m_safety(new QCheckBox(this)),
      m_force(new QCheckBox(this)), m_question(wrappingLabel(this, "restoreQuestion")),
      m_start(new ActionButton(ActionButton::Go, tr("Restore now"), this)),
      m_progressTitle(wrappingLabel(this, "restoreProgressTitle")),
      m_progress(new JobProgressWidget(this)), m_outcomeIcon(new QLabel(this)),
      m_outcomeTitle(wrappingLabel(this, "restoreOutcomeTitle")),
      m_outcomeText(wrappingLabel(this, "restoreOutcomeText"))
{
    setObjectName(QStringLiteral("restoreDialog"));
    setWindowTitle(tr("Restore backup"));
    setMinimumWidth(560);

    // --- confirmation page
    auto *confirm = new QWidget(m_pages);
    auto *source = wrappingLabel(confirm, "restoreSource");
    source->setText(
        tr("Backup <b>%1</b><br>taken %2 on %3, firmware %4")
            .arg(backup.filename.toHtmlEscaped(), Labels::dateTime(backup.createdAt),
                 backup.pbxName.toHtmlEscaped(),
                 backup.firmware.isEmpty() ? Labels::noValue() : backup.firmware.toHtmlEscaped()));
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_targets = m_ops.vault().catalog().pbxs();
    int preferred = -1;
    for (const PbxRecord &pbx : m_targets) {
        const QString text = pbx.role == PbxRole::Master
                                 ? tr("%1 — %2 (master)").arg(pbx.name, pbx.url.toDisplayString())
                                 : tr("%1 — %2").arg(pbx.name, pbx.url.toDisplayString());
        m_target->addItem(text, pbx.id);
        if (pbx.id == backup.pbxId)
            preferred = m_target->count() - 1;
    }
    // The PBX the backup came from; otherwise the master (listed first).
    m_target->setCurrentIndex(preferred >= 0 ? preferred : 0);

    m_safety->setObjectName(QStringLiteral("safetyBackupCheck"));
    m_safety->setText(tr("Back up the target PBX first (recommended)"));
    m_safety->setChecked(true);
    m_force->setObjectName(QStringLiteral("forceCheck"));
    m_force->setText(tr("I understand the risk: restore anyway"));
    m_force->hide();
    m_start->setObjectName(QStringLiteral("startRestoreButton"));
    auto *cancel = new QPushButton(tr("Cancel"), confirm);
    cancel->setObjectName(QStringLiteral("cancelRestoreButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Restore onto:"), m_target);
    auto *confirmButtons = new QHBoxLayout;
    confirmButtons->addWidget(cancel);
    confirmButtons->addStretch(1);
    confirmButtons->addWidget(m_start);
    auto *confirmLayout = new QVBoxLayout(confirm);
    confirmLayout->setContentsMargins(0, 0, 0, 0);
    confirmLayout->addWidget(source);
    confirmLayout->addLayout(form);
    confirmLayout->addWidget(m_summary);
    confirmLayout->addWidget(m_warnings);
    confirmLayout->addWidget(m_force);
    confirmLayout->addWidget(m_safety);
    confirmLayout->addStretch(1);
    confirmLayout->addWidget(m_question);
    confirmLayout->addLayout(confirmButtons);

    // --- progress page
    auto *progress = new QWidget(m_pages);
    auto *progressLayout = new QVBoxLayout(progress);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressTitle);
    progressLayout->addWidget(m_progress);
    progressLayout->addStretch(1);

    // --- outcome page
    auto *outcome = new QWidget(m_pages);
    auto *history = new QPushButton(tr("Show restore history"), outcome);
    history->setObjectName(QStringLiteral("showHistoryButton"));
    auto *close = new QPushButton(tr("Close"), outcome);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setDefault(true);
    auto *outcomeTop = new QHBoxLayout;
    outcomeTop->addWidget(m_outcomeIcon, 0, Qt::AlignTop);
    auto *outcomeTexts = new QVBoxLayout;
    outcomeTexts->addWidget(m_outcomeTitle);
    outcomeTexts->addWidget(m_outcomeText);
    outcomeTop->addLayout(outcomeTexts, 1);
    auto *outcomeButtons = new QHBoxLayout;
    outcomeButtons->addWidget(history);
    outcomeButtons->addStretch(1);
    outcomeButtons->addWidget(close);
    auto *outcomeLayout = new QVBoxLayout(outcome);
    outcomeLayout->setContentsMargins(0, 0, 0, 0);
    outcomeLayout->addLayout(outcomeTop);
    outcomeLayout->addStretch(1);
    outcomeLayout->addLayout(outcomeButtons);

    m_pages->addWidget(confirm);
    m_pages->addWidget(progress);
    m_pages->addWidget(outcome);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(m_target, &QComboBox::currentIndexChanged, this, &RestoreDialog::plan);
    connect(m_safety, &QCheckBox::toggled, this, &RestoreDialog::updateSummary);
    connect(m_force, &QCheckBox::toggled, this, &RestoreDialog::updateStartButton);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &RestoreDialog::start);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(history, &QPushButton::clicked, this, [this] {
        Q_EMIT showRestoresRequested();
        accept();
    });

    if (m_targets.isEmpty()) {
        m_summary->setText(tr("There is no PBX to restore onto. Add one in “PBXs” first."));
        m_start->setEnabled(false);
    } else {
        plan();
    }
}

RestoreDialog::~RestoreDialog()
{
    if (m_planJob) {
        disconnect(m_planJob, nullptr, this, nullptr);
        connect(m_planJob, &Job::finished, m_planJob, &QObject::deleteLater);
        m_planJob->cancel();
    }
}

qint64 RestoreDialog::targetId() const
{
    return m_target->currentData().toLongLong();
}

bool RestoreDialog::selectTarget(qint64 pbxId)
{
    const int i = m_target->findData(pbxId);
    if (i < 0)
        return false;
    m_target->setCurrentIndex(i);
    return true;
}

void RestoreDialog::plan()
{
    if (m_planJob) {
        disconnect(m_planJob, nullptr, this, nullptr);
        m_planJob->cancel();
        connect(m_planJob, &Job::finished, m_planJob, &QObject::deleteLater);
    }
    m_planned = false;
    m_plan = RestorePlan();
    const qint64 target = targetId();
    if (target <= 0)
        return;
    auto *holder = new PlanHolder;
    Job *job = m_ops.planRestore(m_backup.id, target, &holder->plan);
    holder->setParent(job);
    m_planJob = job;
    connect(job, &Job::finished, this, [this, job, holder] { onPlanned(job, holder->plan); });
    updateSummary();
}

void RestoreDialog::onPlanned(Job *job, const RestorePlan &plan)
{
    job->deleteLater();
    if (job != m_planJob)
        return;
    m_planJob = nullptr;
    m_planned = true;
    m_plan = plan;
    if (!job->ok() && m_plan.targetError.isEmpty())
        m_plan.targetError = job->errorMessage();
    updateSummary();
}

void RestoreDialog::updateSummary()
{
    const int i = m_target->currentIndex();
    if (i < 0 || i >= m_targets.size())
        return;
    const PbxRecord &target = m_targets.at(i);
    const QString name = target.name.toHtmlEscaped();

    QStringList steps;
    if (m_safety->isChecked())
        steps << tr("A safety backup of %1 is taken first. If it fails, nothing is restored.")
                     .arg(name);
    else
        steps << tr("<b>No safety backup</b>: the current configuration of %1 is not kept.")
                     .arg(name);
    steps << tr("The backup is sent to %1 (%2), which replaces its configuration with it.")
                 .arg(name, target.url.toDisplayString().toHtmlEscaped());
    steps << tr("The outcome is recorded in the restore history.");
    QString summary =
        tr("<b>What will happen</b>") + QStringLiteral("<ol style=\"margin-left:0\">");
    for (const QString &step : std::as_const(steps))
        summary += QStringLiteral("<li>%1</li>").arg(step);
    summary += QStringLiteral("</ol>");
    m_summary->setText(summary);

    QStringList warnings;
    if (!m_planned) {
        warnings << tr("Checking %1…").arg(name);
    } else {
        if (m_plan.fromOtherPbx)
            warnings << tr("This backup was taken on %1, not on %2: %2 will get the "
                           "configuration of another PBX.")
                            .arg(m_backup.pbxName.toHtmlEscaped(), name);
        if (m_plan.newerFirmware)
            warnings << tr("The backup comes from firmware %1, newer than the firmware of %2 "
                           "(%3). The PBX may reject it or misbehave.")
                            .arg(m_plan.backupFirmware.toHtmlEscaped(), name,
                                 m_plan.targetFirmware.toHtmlEscaped());
        if (!m_plan.targetError.isEmpty())
            warnings
                << tr("%1 could not be reached: %2").arg(name, m_plan.targetError.toHtmlEscaped());
    }
    QString warningHtml;
    for (const QString &w : std::as_const(warnings)) {
        const bool checking = !m_planned;
        warningHtml += QStringLiteral("<p style=\"color:%1\">%2%3</p>")
                           .arg(checking ? QStringLiteral("#5f6368") : QStringLiteral("#b26a00"),
                                checking ? QString() : QStringLiteral("⚠ "), w);
    }
    m_warnings->setText(warningHtml);
    m_warnings->setVisible(!warningHtml.isEmpty());
    m_force->setVisible(m_planned && m_plan.newerFirmware);
    if (!m_force->isVisible())
        m_force->setChecked(false);
    m_question->setText(tr("Replace the configuration of <b>%1</b> now?").arg(name));
    updateStartButton();
}

bool RestoreDialog::canStart() const
{
    return m_planned && !m_restoreJob && targetId() > 0 &&
           (!m_plan.newerFirmware || m_force->isChecked());
}

void RestoreDialog::updateStartButton()
{
    m_start->setEnabled(canStart());
}

void RestoreDialog::start()
{
    if (!canStart())
        return;
    RestoreOptions options;
    options.safetyBackup = m_safety->isChecked();
    options.force = m_plan.newerFirmware && m_force->isChecked();
    const QString target = m_target->currentText();
    qCInfo(lcUi) << "Restore of backup" << m_backup.id << "onto PBX" << targetId();
    m_restoreJob = m_ops.restoreBackup(m_backup.id, targetId(), options);
    m_progressTitle->setText(tr("<b>Restoring onto %1</b>").arg(target.toHtmlEscaped()));
    m_progress->setJob(m_restoreJob);
    m_pages->setCurrentIndex(1);
    Job *job = m_restoreJob;
    connect(job, &Job::finished, this, [this, job] { onRestoreFinished(job); });
}

void RestoreDialog::onRestoreFinished(Job *job)
{
    const PbxRecord target = m_targets.value(m_target->currentIndex());
    const QString name = target.name.toHtmlEscaped();
    if (job->ok()) {
        m_outcomeIcon->setPixmap(Icons::success().pixmap(40, 40));
        m_outcomeTitle->setText(tr("<b>Restore completed</b>"));
        QString text = tr("%1 now runs the configuration from %2.")
                           .arg(name, m_backup.filename.toHtmlEscaped());
        for (const QString &w : job->warnings())
            text += QStringLiteral("<br>⚠ ") + w.toHtmlEscaped();
        m_outcomeText->setText(text);
    } else if (job->wasCancelled()) {
        m_outcomeIcon->setPixmap(Icons::interrupted().pixmap(40, 40));
        m_outcomeTitle->setText(tr("<b>Restore cancelled</b>"));
        m_outcomeText->setText(tr("The restore onto %1 was cancelled.").arg(name));
    } else {
        m_outcomeIcon->setPixmap(Icons::failure().pixmap(40, 40));
        m_outcomeTitle->setText(tr("<b>Restore failed</b>"));
        m_outcomeText->setText(
            tr("The restore onto %1 failed: %2").arg(name, job->errorMessage().toHtmlEscaped()));
    }
    m_pages->setCurrentIndex(2);
    m_restoreJob = nullptr;
    job->deleteLater();
    Q_EMIT restoreFinished(job->ok());
}

QString RestoreDialog::outcomeText() const
{
    return m_outcomeTitle->text() + QLatin1Char('\n') + m_outcomeText->text();
}

void RestoreDialog::reject()
{
    // A restore half done must be cancelled explicitly (the Cancel button under the bar).
    if (m_restoreJob)
        return;
    QDialog::reject();
}

} // namespace pbxvault
