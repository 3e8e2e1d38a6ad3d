#include "PbxTreeModel.h"

#include "Icons.h"
#include "common/Labels.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace pbxvault {

namespace {
// internalId 0 marks a group row; a PBX row carries its group + 1.
constexpr quintptr kGroupId = 0;
} // namespace

PbxTreeModel::PbxTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void PbxTreeModel::setEntries(const QVector<Entry> &entries)
{
    beginResetModel();
    for (auto &group : m_groups)
        group.clear();
    for (const Entry &entry : entries)
        m_groups[entry.pbx.role == PbxRole::Master ? MasterGroup : SecondaryGroup].append(entry);
    endResetModel();
}

void PbxTreeModel::setRetryTexts(const QHash<qint64, QString> &texts)
{
    for (int g = 0; g < GroupCount; ++g) {
        for (int row = 0; row < m_groups[g].size(); ++row) {
            Entry &entry = m_groups[g][row];
            const QString text = texts.value(entry.pbx.id);
            if (entry.retryText == text)
                continue;
            entry.retryText = text;
            const QModelIndex cell = createIndex(row, NextRunColumn, quintptr(g + 1));
            Q_EMIT dataChanged(cell, cell);
        }
    }
}

const PbxTreeModel::Entry *PbxTreeModel::entryAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kGroupId)
        return nullptr;
    const auto &group = m_groups[index.internalId() - 1];
    return index.row() < group.size() ? &group.at(index.row()) : nullptr;
}

QModelIndex PbxTreeModel::indexOfPbx(qint64 pbxId) const
{
    for (int g = 0; g < GroupCount; ++g) {
        for (int row = 0; row < m_groups[g].size(); ++row) {
            if (m_groups[g].at(row).pbx.id == pbxId)
                return createIndex(row, 0, quintptr(g + 1));
        }
    }
    return {};
}

QModelIndex PbxTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < GroupCount ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || row >= m_groups[parent.row()].size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex PbxTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int PbxTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() == kGroupId && parent.column() == 0)
        return int(m_groups[parent.row()].size());
    return 0;
}

int PbxTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags PbxTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kGroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant PbxTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kGroupId)
        return groupData(index.row(), index.column(), role);
    const Entry *entry = entryAt(index);
    return entry ? entryData(*entry, index.column(), role) : QVariant();
}

QVariant PbxTreeModel::groupData(int group, int column, int role) const
{
    if (column != NameColumn)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (group == MasterGroup)
            return m_groups[group].isEmpty() ? tr("Master PBX — none yet: add one with “New PBX”")
                                             : tr("Master PBX");
        return m_groups[group].isEmpty()
                   ? tr("Secondary PBXs — none yet (restore targets, optional)")
                   : tr("Secondary PBXs (%1)").arg(m_groups[group].size());
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    }
    return {};
}

QVariant PbxTreeModel::entryData(const Entry &entry, int column, int role) const
{
    const PbxRecord &pbx = entry.pbx;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return pbx.enabled ? pbx.name : tr("%1 (disabled)").arg(pbx.name);
        case UrlColumn:
            return pbx.url.toDisplayString();
        case TenantColumn:
            return pbx.tenant;
        case ScheduleColumn:
            return entry.scheduleText;
        case LastSuccessColumn:
            return entry.lastSuccess.isValid() ? Labels::dateTime(entry.lastSuccess) : tr("never");
        case LastFailureColumn:
            return entry.lastFailure.isValid() ? Labels::dateTime(entry.lastFailure)
                                               : Labels::noValue();
        case NextRunColumn:
            if (!entry.retryText.isEmpty())
                return entry.retryText;
            return entry.nextRun.isValid() ? Labels::dateTime(entry.nextRun) : Labels::noValue();
        }
        break;
    case Qt::DecorationRole:
        if (column == NameColumn)
            return Icons::pbxs();
        if (column == LastSuccessColumn && entry.lastSuccess.isValid())
            return Icons::success();
        if (column == LastFailureColumn && entry.certificateProblem)
            return Icons::warning();
        if (column == LastFailureColumn && entry.lastFailure.isValid())
            return Icons::failure();
        if (column == NextRunColumn && !entry.retryText.isEmpty())
            return Icons::running();
        break;
    case Qt::ToolTipRole:
        if (column == LastFailureColumn && entry.certificateProblem)
            return tr("The certificate of this PBX is not trusted: use “Review certificate…”.");
        if (column == LastFailureColumn && !entry.lastError.isEmpty())
            return tr("%1\n(double-click for the full message)").arg(entry.lastError);
        if (column == NextRunColumn && !entry.retryText.isEmpty())
            return entry.retryText;
        if (column == ScheduleColumn && !pbx.schedule.isEmpty())
            return pbx.schedule;
        break;
    case Qt::ForegroundRole:
        if (!pbx.enabled)
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        break;
    case PbxIdRole:
        return pbx.id;
    }
    return {};
}

QVariant PbxTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UrlColumn:
        return tr("Address");
    case TenantColumn:
        return tr("Tenant");
    case ScheduleColumn:
        return tr("Automatic backups");
    case LastSuccessColumn:
        return tr("Last success");
    case LastFailureColumn:
        return tr("Last failure");
    case NextRunColumn:
        return tr("Next run");
    }
    return {};
}

} // namespace pbxvault
