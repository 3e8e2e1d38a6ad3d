#include "ActivityView.h"

#include "JobLogModel.h"
#include "Labels.h"
#include "ViewTitle.h"
#include "ops/Operations.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace pbxvault {

ActivityView::ActivityView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new JobLogModel(this)), m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("activityView"));
    m_table->setObjectName(QStringLiteral("jobLogTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(JobLogModel::StartedColumn,
                            fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88 88:88")) +
                                24);
    m_table->setColumnWidth(JobLogModel::PbxColumn, em * 10);
    int outcomeWidth = 0;
    for (JobOutcome o : {JobOutcome::Running, JobOutcome::Success, JobOutcome::Failed,
                         JobOutcome::Cancelled, JobOutcome::Interrupted})
        outcomeWidth = qMax(outcomeWidth, fontMetrics().horizontalAdvance(Labels::jobOutcome(o)));
    m_table->setColumnWidth(JobLogModel::OutcomeColumn, outcomeWidth + 16 + 28);
    int kindWidth = 0;
    for (JobKind k : {JobKind::Backup, JobKind::Restore, JobKind::Verify, JobKind::Delete,
                      JobKind::Import, JobKind::Retention})
        kindWidth = qMax(kindWidth, fontMetrics().horizontalAdvance(Labels::jobKind(k)));
    m_table->setColumnWidth(JobLogModel::KindColumn, kindWidth + 24);
    int triggerWidth = 0;
    for (JobTrigger t :
         {JobTrigger::Manual, JobTrigger::Scheduled, JobTrigger::CatchUp, JobTrigger::Safety})
        triggerWidth = qMax(triggerWidth, fontMetrics().horizontalAdvance(Labels::jobTrigger(t)));
    m_table->setColumnWidth(JobLogModel::TriggerColumn, triggerWidth + 24);
    m_table->setColumnWidth(JobLogModel::SizeColumn, em * 6);
    m_table->setColumnWidth(JobLogModel::DurationColumn, em * 6);

    auto *note = new QLabel(tr("The last %L1 jobs, newest first.").arg(1000), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new ViewTitle(tr("Activity"), this));
    layout->addWidget(note);
    layout->addWidget(m_table, 1);

    connect(&m_ops, &Operations::jobLogChanged, this, &ActivityView::refresh);
    refresh();
}

void ActivityView::refresh()
{
    m_model->setJobs(m_ops.vault().catalog().jobs(1000));
}

} // namespace pbxvault
