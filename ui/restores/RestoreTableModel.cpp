#include "RestoreTableModel.h"

#include "ActionButtons.h"
#include "Icons.h"
#include "common/Labels.h"

#include <algorithm>
#include <tuple>

namespace pbxvault {

namespace {
auto fields(const RestoreRecord &r)
{
    return std::tie(r.id, r.backupId, r.filename, r.targetPbxId, r.targetPbxName, r.targetUrl,
                    r.startedAt, r.finishedAt, r.outcome, r.error, r.safetyBackupId);
}
} // namespace

RestoreTableModel::RestoreTableModel(QObject *parent) : QAbstractTableModel(parent) {}

bool RestoreTableModel::setRestores(const QVector<RestoreRecord> &restores)
{
    // The window reloads every view when the catalog changes anywhere: a history that did not
    // change keeps its rows, selection and scroll position.
    if (std::equal(
            restores.cbegin(), restores.cend(), m_restores.cbegin(), m_restores.cend(),
            [](const RestoreRecord &a, const RestoreRecord &b) { return fields(a) == fields(b); }))
        return false;
    beginResetModel();
    m_restores = restores;
    endResetModel();
    return true;
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
            return Tones::textOnBase(Tones::Danger);
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
