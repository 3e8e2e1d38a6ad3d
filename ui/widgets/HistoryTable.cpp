#include "HistoryTable.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace pbxvault {

void setUpHistoryTable(QTableView *table, const HistoryTableActions &actions,
                       const QString &copyActionName)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);

    const int idRole = actions.idRole;
    QObject::connect(table, &QTableView::activated, table,
                     [open = actions.open, idRole](const QModelIndex &index) {
                         open(index.data(idRole).toLongLong());
                     });
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(table, &QTableView::customContextMenuRequested, table,
                     [table, menuFor = actions.menu, idRole](const QPoint &pos) {
                         const QModelIndex index = table->indexAt(pos);
                         if (!index.isValid())
                             return;
                         table->setCurrentIndex(index);
                         QMenu *menu = menuFor(index.data(idRole).toLongLong());
                         menu->setAttribute(Qt::WA_DeleteOnClose);
                         menu->popup(table->viewport()->mapToGlobal(pos));
                     });
    auto *copy = new QAction(table);
    copy->setObjectName(copyActionName);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    table->addAction(copy);
    QObject::connect(copy, &QAction::triggered, table, [table, text = actions.copyText, idRole] {
        const qint64 id = table->currentIndex().data(idRole).toLongLong();
        if (id > 0)
            QGuiApplication::clipboard()->setText(text(id));
    });
}

QMenu *createHistoryRowMenu(QWidget *parent, const QString &objectName,
                            const std::function<void()> &showDetails,
                            const std::function<QString()> &text)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(objectName);
    QAction *details =
        menu->addAction(QCoreApplication::translate("pbxvault::HistoryTable", "Show &details"));
    details->setObjectName(QStringLiteral("showDetailsAction"));
    menu->setDefaultAction(details);
    QObject::connect(details, &QAction::triggered, menu, showDetails);
    QAction *copy = menu->addAction(QCoreApplication::translate("pbxvault::HistoryTable", "&Copy"));
    copy->setObjectName(QStringLiteral("copyAction"));
    copy->setShortcut(QKeySequence::Copy);
    QObject::connect(copy, &QAction::triggered, menu,
                     [text] { QGuiApplication::clipboard()->setText(text()); });
    return menu;
}

} // namespace pbxvault
