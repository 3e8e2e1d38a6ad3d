#include "RestoresView.h"

#include "ElideDelegate.h"
#include "HistoryDetailDialog.h"
#include "HistoryTable.h"
#include "RestoreTableModel.h"
#include "ViewTitle.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace pbxvault {

RestoresView::RestoresView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new RestoreTableModel(this)),
      m_table(new QTableView(this)), m_failedOnly(new QCheckBox(tr("&Failed only"), this)),
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
    // URLs and file names keep both ends; the error, cut at its end, is whole in the detail.
    m_table->setItemDelegateForColumn(RestoreTableModel::TargetColumn,
                                      new ElideDelegate(Qt::ElideMiddle, this));
    m_table->setItemDelegateForColumn(RestoreTableModel::FileNameColumn,
                                      new ElideDelegate(Qt::ElideMiddle, this));
    HistoryTableActions actions;
    actions.idRole = RestoreTableModel::RestoreIdRole;
    actions.open = [this](qint64 id) {
        showDetails(id);
    };
    actions.menu = [this](qint64 id) {
        return createRowMenu(id);
    };
    actions.copyText = [this](qint64 id) {
        return detailsText(id);
    };
    setUpHistoryTable(m_table, actions, QStringLiteral("copyRestoreAction"));
    sizeColumns();

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

void RestoresView::sizeColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int padding = 16;
    const int icon = m_table->style()->pixelMetric(QStyle::PM_SmallIconSize) + 8;
    int outcome = 0;
    for (RestoreOutcome o : {RestoreOutcome::Running, RestoreOutcome::Success,
                             RestoreOutcome::Failed, RestoreOutcome::Interrupted})
        outcome = qMax(outcome, fm.horizontalAdvance(Labels::restoreOutcome(o)));
    m_table->setColumnWidth(
        RestoreTableModel::OutcomeColumn,
        qMax(header->sectionSizeHint(RestoreTableModel::OutcomeColumn), outcome + icon + padding));
    const QString date = Labels::dateTime(QDateTime(QDate(2088, 12, 28), QTime(23, 58), Qt::UTC));
    m_table->setColumnWidth(RestoreTableModel::DateColumn,
                            qMax(header->sectionSizeHint(RestoreTableModel::DateColumn),
                                 fm.horizontalAdvance(date) + padding));
    // The short history is measured: the two text columns fit their content up to a cap,
    // and never shrink below their header. The error, last, takes what is left.
    const int em = fm.horizontalAdvance(QLatin1Char('M'));
    const int many = 2000;
    for (auto [column, cap] : {std::pair{int(RestoreTableModel::TargetColumn), em * 16},
                               std::pair{int(RestoreTableModel::FileNameColumn), em * 20}}) {
        int width = header->sectionSizeHint(column);
        const int rows = m_model->rowCount();
        if (rows > 0 && rows < many) {
            int content = 0;
            for (int row = 0; row < rows && content < cap; ++row)
                content = qMax(content,
                               fm.horizontalAdvance(m_model->index(row, column).data().toString()));
            width = qMax(width, qMin(cap, content + padding));
        } else {
            width = qMax(width, cap / 2);
        }
        m_table->setColumnWidth(column, width);
    }
}

void RestoresView::refresh()
{
    const bool changed =
        m_model->setRestores(m_ops.vault().catalog().restores(m_failedOnly->isChecked()));
    const bool empty = m_model->rowCount() == 0;
    m_empty->setText(m_failedOnly->isChecked()
                         ? tr("No failed restores.")
                         : tr("No restores yet. Open a backup and click “Restore…” to load it "
                              "into a PBX."));
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
    // Only new content re-fits the columns: a catalog change elsewhere keeps the operator's.
    if (changed && !empty)
        sizeColumns();
}

int RestoresView::rowOf(qint64 restoreId) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->restoreAt(row).id == restoreId)
            return row;
    }
    return -1;
}

QString RestoresView::detailsText(qint64 restoreId)
{
    const int row = rowOf(restoreId);
    if (row < 0)
        return QString();
    const std::unique_ptr<HistoryDetailDialog> dialog(createDialog(row));
    return dialog->plainText();
}

QMenu *RestoresView::createRowMenu(qint64 restoreId)
{
    return createHistoryRowMenu(
        this, QStringLiteral("restoreRowMenu"), [this, restoreId] { showDetails(restoreId); },
        [this, restoreId] { return detailsText(restoreId); });
}

HistoryDetailDialog *RestoresView::createDialog(int row)
{
    const RestoreRecord r = m_model->restoreAt(row);
    Catalog &catalog = m_ops.vault().catalog();
    auto *dialog = new HistoryDetailDialog(tr("Restore of %1").arg(r.filename), this);
    dialog->setObjectName(QStringLiteral("restoreDetailDialog"));
    dialog->addField(tr("Outcome:"), Labels::restoreOutcome(r.outcome), "outcomeValue");
    dialog->addField(tr("Started:"), Labels::dateTime(r.startedAt), "startedValue");
    dialog->addField(tr("Finished:"), Labels::dateTime(r.finishedAt), "finishedValue");
    dialog->addField(tr("Target PBX:"), tr("%1 (%2)").arg(r.targetPbxName, r.targetUrl),
                     "targetValue");
    const bool backupExists = r.backupId > 0 && catalog.backup(r.backupId);
    dialog->addField(tr("Backup:"),
                     backupExists ? r.filename : tr("%1 (deleted since)").arg(r.filename),
                     "backupValue");
    const auto safety = r.safetyBackupId > 0 ? catalog.backup(r.safetyBackupId) : std::nullopt;
    dialog->addField(tr("Safety backup:"),
                     safety             ? safety->filename
                     : r.safetyBackupId ? tr("deleted since")
                                        : tr("none taken"),
                     "safetyValue");
    dialog->setMessage(tr("Error:"), r.error);

    QPushButton *openBackup = dialog->addLinkButton(tr("Open &backup"), "openBackupButton");
    openBackup->setEnabled(backupExists);
    const qint64 backupId = r.backupId;
    connect(openBackup, &QPushButton::clicked, dialog, [this, dialog, backupId] {
        dialog->accept();
        Q_EMIT openBackupRequested(backupId);
    });
    QPushButton *openSafety =
        dialog->addLinkButton(tr("Open &safety backup"), "openSafetyBackupButton");
    openSafety->setEnabled(safety.has_value());
    openSafety->setToolTip(tr("The backup of the target PBX taken just before this restore"));
    const qint64 safetyId = r.safetyBackupId;
    connect(openSafety, &QPushButton::clicked, dialog, [this, dialog, safetyId] {
        dialog->accept();
        Q_EMIT openBackupRequested(safetyId);
    });
    return dialog;
}

HistoryDetailDialog *RestoresView::showDetails(qint64 restoreId)
{
    const int row = rowOf(restoreId);
    if (row < 0)
        return nullptr;
    HistoryDetailDialog *dialog = createDialog(row);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace pbxvault
