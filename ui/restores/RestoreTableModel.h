#pragma once

#include "common/Records.h"

#include <QAbstractTableModel>
#include <QVector>

namespace pbxvault {

// The restore history: outcome, date, target URL, file name and error.
class RestoreTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        OutcomeColumn,
        DateColumn,
        TargetColumn,
        FileNameColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        RestoreIdRole = Qt::UserRole + 1,
        SortRole
    };

    explicit RestoreTableModel(QObject *parent = nullptr);
    // False (and nothing reset) when the history is unchanged.
    bool setRestores(const QVector<RestoreRecord> &restores);
    const RestoreRecord &restoreAt(int row) const { return m_restores.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<RestoreRecord> m_restores;
};

} // namespace pbxvault
