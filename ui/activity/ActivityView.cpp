#include "ActivityView.h"

#include "HistoryDetailDialog.h"
#include "HistoryTable.h"
#include "JobLogModel.h"
#include "ViewTitle.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace pbxvault {

ActivityView::ActivityView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new JobLogModel(this)), m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("activityView"));
    m_table->setObjectName(QStringLiteral("jobLogTable"));
    m_table->setModel(m_model);
    HistoryTableActions actions;
    actions.idRole = JobLogModel::JobIdRole;
    actions.open = [this](qint64 id) {
        showDetails(id);
    };
    actions.menu = [this](qint64 id) {
        return createRowMenu(id);
    };
    actions.copyText = [this](qint64 id) {
        return detailsText(id);
    };
    setUpHistoryTable(m_table, actions, QStringLiteral("copyJobAction"));
    sizeColumns();

    auto *note = new QLabel(tr("The last %L1 jobs, newest first.").arg(1000), this);
    note->setObjectName(QStringLiteral("activityNote"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new ViewTitle(tr("Activity"), this));
    layout->addWidget(note);
    layout->addWidget(m_table, 1);

    connect(&m_ops, &Operations::jobLogChanged, this, &ActivityView::refresh);
    refresh();
}

void ActivityView::sizeColumns()
{
    // At most 1000 short rows: each column fits its content and never gets narrower than its
    // header; the PBX name is capped, the free text (Details) is last and takes the rest.
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int padding = 16;
    const int icon = m_table->style()->pixelMetric(QStyle::PM_SmallIconSize) + 8;
    const int cap = fm.horizontalAdvance(QLatin1Char('M')) * 14;
    for (int column = 0; column < JobLogModel::DetailColumn; ++column) {
        int content = 0;
        for (int row = 0; row < m_model->rowCount(); ++row)
            content =
                qMax(content, fm.horizontalAdvance(m_model->index(row, column).data().toString()));
        if (column == JobLogModel::OutcomeColumn)
            content += icon;
        if (column == JobLogModel::PbxColumn)
            content = qMin(content, cap);
        m_table->setColumnWidth(column, qMax(header->sectionSizeHint(column), content + padding));
    }
}

void ActivityView::refresh()
{
    // Only new content re-fits the columns: a catalog change elsewhere keeps the operator's.
    if (m_model->setJobs(m_ops.vault().catalog().jobs(1000)))
        sizeColumns();
}

QString ActivityView::detailsText(qint64 jobId)
{
    const int row = m_model->rowOfJob(jobId);
    if (row < 0)
        return QString();
    const std::unique_ptr<HistoryDetailDialog> dialog(createDialog(row));
    return dialog->plainText();
}

QMenu *ActivityView::createRowMenu(qint64 jobId)
{
    return createHistoryRowMenu(
        this, QStringLiteral("jobRowMenu"), [this, jobId] { showDetails(jobId); },
        [this, jobId] { return detailsText(jobId); });
}

HistoryDetailDialog *ActivityView::createDialog(int row)
{
    const JobRecord j = m_model->jobAt(row);
    const QString title = j.pbxName.isEmpty()
                              ? Labels::jobKind(j.kind)
                              : tr("%1 of %2").arg(Labels::jobKind(j.kind), j.pbxName);
    auto *dialog = new HistoryDetailDialog(title, this);
    dialog->setObjectName(QStringLiteral("jobDetailDialog"));
    dialog->addField(tr("Outcome:"), Labels::jobOutcome(j.outcome), "outcomeValue");
    dialog->addField(tr("Operation:"), Labels::jobKind(j.kind), "kindValue");
    dialog->addField(tr("Trigger:"), Labels::jobTrigger(j.trigger), "triggerValue");
    dialog->addField(tr("PBX:"), j.pbxName.isEmpty() ? Labels::noValue() : j.pbxName, "pbxValue");
    dialog->addField(tr("Started:"), Labels::dateTime(j.startedAt), "startedValue");
    dialog->addField(tr("Finished:"), Labels::dateTime(j.finishedAt), "finishedValue");
    if (j.finishedAt.isValid())
        dialog->addField(tr("Duration:"), Labels::duration(j.startedAt.secsTo(j.finishedAt)),
                         "durationValue");
    if (j.bytes > 0)
        dialog->addField(tr("Size:"), tr("%1 (%L2 bytes)").arg(Labels::size(j.bytes)).arg(j.bytes),
                         "sizeValue");
    if (!j.detail.isEmpty())
        dialog->addField(tr("Details:"), j.detail, "detailValue");
    dialog->setMessage(j.outcome == JobOutcome::Unchanged ? tr("Result:") : tr("Error:"), j.error);
    return dialog;
}

HistoryDetailDialog *ActivityView::showDetails(qint64 jobId)
{
    const int row = m_model->rowOfJob(jobId);
    if (row < 0)
        return nullptr;
    HistoryDetailDialog *dialog = createDialog(row);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace pbxvault
