#pragma once

#include <QString>

#include <functional>

class QMenu;
class QTableView;
class QWidget;

namespace pbxvault {

// What the Restores and Activity tables share: read-only rows chosen whole, Tab leaves the
// table, Enter or double-click opens a row's details, right-click its menu, Ctrl+C copies its
// text. Each row carries its record id in idRole.
struct HistoryTableActions
{
    int idRole = 0;
    std::function<void(qint64 id)> open;
    std::function<QMenu *(qint64 id)> menu; // a new menu, deleted when it closes
    std::function<QString(qint64 id)> copyText;
};

void setUpHistoryTable(QTableView *table, const HistoryTableActions &actions,
                       const QString &copyActionName);

// A row's menu: Show details (the default) and Copy, which puts text() on the clipboard.
QMenu *createHistoryRowMenu(QWidget *parent, const QString &objectName,
                            const std::function<void()> &showDetails,
                            const std::function<QString()> &text);

} // namespace pbxvault
