#include "BackupChooserDialog.h"

#include "catalog/Catalog.h"
#include "common/Labels.h"
#include "common/PrintableText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pbxvault {

BackupChooserDialog::BackupChooserDialog(const Catalog &catalog, const BackupRecord &backup,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("backupChooserDialog"));
    setWindowTitle(tr("Compare with another backup"));
    auto *intro = new QLabel(
        tr("Compare backup %1 (%2) with this backup of %3:")
            .arg(backup.id)
            .arg(Labels::dateTime(backup.createdAt), PrintableText::escape(backup.pbxName)),
        this);
    intro->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("backupChooserList"));
    m_list->setHeaderLabels({tr("Date"), tr("Size"), tr("Comment")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    intro->setBuddy(m_list);

    const QVector<BackupRecord> all = catalog.backups(backup.pbxId); // newest first
    QList<QTreeWidgetItem *> items;
    for (const BackupRecord &b : all) {
        if (b.id == backup.id)
            continue;
        auto *item = new QTreeWidgetItem(
            {Labels::dateTime(b.createdAt), Labels::size(b.size),
             b.comment.isEmpty() ? Labels::noValue() : PrintableText::escape(b.comment)});
        item->setData(0, Qt::UserRole, b.id);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0, tr("Backup %1, %2").arg(b.id).arg(b.filename));
        if (b.tenant != backup.tenant)
            item->setToolTip(2, tr("Tenant %1").arg(b.tenant));
        items.append(item);
        m_backups.append(b);
    }
    m_list->addTopLevelItems(items);
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_compare = buttons->addButton(tr("&Compare"), QDialogButtonBox::AcceptRole);
    m_compare->setObjectName(QStringLiteral("backupChooserCompareButton"));
    m_compare->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { m_compare->setEnabled(current != nullptr); });
    connect(m_list, &QTreeWidget::itemActivated, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    if (items.isEmpty()) {
        auto *none = new QLabel(tr("There is no other backup of this PBX."), this);
        none->setObjectName(QStringLiteral("backupChooserEmpty"));
        layout->addWidget(none);
    } else {
        m_list->setCurrentItem(items.first());
    }
    layout->addWidget(buttons);
    resize(620, 400);
}

int BackupChooserDialog::backupCount() const
{
    return int(m_backups.size());
}

bool BackupChooserDialog::selectBackup(qint64 id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toLongLong() == id) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

BackupRecord BackupChooserDialog::selectedBackup() const
{
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    return row >= 0 ? m_backups.value(row) : BackupRecord();
}

} // namespace pbxvault
