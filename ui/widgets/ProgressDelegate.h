#pragma once

#include <QStyledItemDelegate>

namespace pbxvault {

// Draws a progress bar behind the text of cells that carry a per-mille progress value.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ProgressDelegate(int progressRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace pbxvault
