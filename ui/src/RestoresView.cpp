#include "RestoresView.h"

#include "Labels.h"
#include "RestoreTableModel.h"
#include "ViewTitle.h"
#include "ops/Operations.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace pbxvault {

RestoresView::RestoresView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new RestoreTableModel(this)),
      m_table(new QTableView(this)), m_failedOnly(new QCheckBox(tr("Failed only"), this)),
      m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("restoresView"));
    m_failedOnly->setObjectName(QStringLiteral("failedOnlyCheck"));
    connect(m_failedOnly, &QCheckBox::toggled, this, &RestoresView::refresh);

    // A few thousand rows at most: a sorting proxy is fine here.
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(RestoreTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("restoreTable"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RestoreTableModel::DateColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QFontMetrics fm = fontMetrics();
    int outcomeWidth = fm.horizontalAdvance(m_model->headerData(0, Qt::Horizontal).toString());
    for (RestoreOutcome o : {RestoreOutcome::Running, RestoreOutcome::Success,
                             RestoreOutcome::Failed, RestoreOutcome::Interrupted})
        outcomeWidth = qMax(outcomeWidth, fm.horizontalAdvance(Labels::restoreOutcome(o)));
    m_table->setColumnWidth(RestoreTableModel::OutcomeColumn, outcomeWidth + 16 + 28);
    m_table->setColumnWidth(RestoreTableModel::DateColumn,
                            fm.horizontalAdvance(QStringLiteral("8888-88-88 88:88")) + 32);
    m_table->setColumnWidth(RestoreTableModel::TargetColumn,
                            fm.horizontalAdvance(QLatin1Char('M')) * 16);
    m_table->setColumnWidth(RestoreTableModel::FileNameColumn,
                            fm.horizontalAdvance(QLatin1Char('M')) * 20);

    m_empty->setObjectName(QStringLiteral("restoresEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new ViewTitle(tr("Restores"), this));
    top->addStretch(1);
    top->addWidget(m_failedOnly);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty, 1);

    connect(&m_ops, &Operations::restoresChanged, this, &RestoresView::refresh);
    refresh();
}

void RestoresView::setFailedOnly(bool on)
{
    m_failedOnly->setChecked(on);
}

void RestoresView::refresh()
{
    m_model->setRestores(m_ops.vault().catalog().restores(m_failedOnly->isChecked()));
    const bool empty = m_model->rowCount() == 0;
    m_empty->setText(m_failedOnly->isChecked()
                         ? tr("No failed restores.")
                         : tr("No restores yet. Open a backup and click “Restore…” to load it "
                              "into a PBX."));
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
    // The history stays short: fitting the columns to their text is cheap here.
    if (!empty && m_model->rowCount() < 2000) {
        const int cap = fontMetrics().horizontalAdvance(QLatin1Char('M')) * 24;
        for (int column :
             {int(RestoreTableModel::TargetColumn), int(RestoreTableModel::FileNameColumn)}) {
            m_table->resizeColumnToContents(column);
            m_table->setColumnWidth(column, qMin(cap, m_table->columnWidth(column)));
        }
    }
}

} // namespace pbxvault
