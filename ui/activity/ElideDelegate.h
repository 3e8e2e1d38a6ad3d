#pragma once

#include <QStyledItemDelegate>

namespace pbxvault {

// Elides a column's text its own way: the middle for paths, URLs and file names (both ends
// say which one it is), the end for free text such as error messages.
class ElideDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ElideDelegate(Qt::TextElideMode mode, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Qt::TextElideMode m_mode;
};

} // namespace pbxvault
