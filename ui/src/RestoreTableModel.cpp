#include "RestoreTableModel.h"

#include "Icons.h"
#include "Labels.h"

#include <QColor>

namespace pbxvault {

RestoreTableModel::RestoreTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RestoreTableModel::setRestores(const QVector<RestoreRecord> &restores)
{
    beginResetModel();
    m_restores = restores;
    endResetModel();
}

int RestoreTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_restores.size());
}

int RestoreTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RestoreTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_restores.size())
        return {};
    const RestoreRecord &r = m_restores.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OutcomeColumn:
            return Labels::restoreOutcome(r.outcome);
        case DateColumn:
            return Labels::dateTime(r.startedAt);
        case TargetColumn:
            return r.targetUrl;
        case FileNameColumn:
            return r.filename;
        case ErrorColumn:
            return r.error;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == OutcomeColumn)
            return Icons::forOutcome(r.outcome);
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TargetColumn:
            return tr("%1 (%2)").arg(r.targetPbxName, r.targetUrl);
        case ErrorColumn:
            return r.error;
        case DateColumn:
            if (r.finishedAt.isValid())
                return tr("Started %1, finished %2")
                    .arg(Labels::dateTime(r.startedAt), Labels::dateTime(r.finishedAt));
            break;
        case FileNameColumn:
            if (r.backupId == 0)
                return tr("This backup has since been deleted");
            break;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ErrorColumn)
            return QColor(0xc6, 0x28, 0x28);
        break;
    case SortRole:
        switch (index.column()) {
        case OutcomeColumn:
            return int(r.outcome);
        case DateColumn:
            return r.startedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case RestoreIdRole:
        return r.id;
    }
    return {};
}

QVariant RestoreTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OutcomeColumn:
        return tr("Outcome");
    case DateColumn:
        return tr("Date");
    case TargetColumn:
        return tr("PBX URL");
    case FileNameColumn:
        return tr("Backup file");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

} // namespace pbxvault
