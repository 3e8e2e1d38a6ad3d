#include "DiffMemberModel.h"

#include "DiffColors.h"

#include "common/Labels.h"
#include "common/PrintableText.h"

#include <QApplication>
#include <QPalette>

namespace pbxvault {

DiffMemberModel::DiffMemberModel(QObject *parent) : QAbstractTableModel(parent) {}

void DiffMemberModel::setComparison(const ArchiveComparison &comparison)
{
    beginResetModel();
    m_members = comparison.members;
    m_shownNames.clear();
    m_shownNames.reserve(m_members.size());
    for (const MemberDiff &m : std::as_const(m_members))
        m_shownNames.append(PrintableText::escape(m.name));
    endResetModel();
}

void DiffMemberModel::clear()
{
    setComparison(ArchiveComparison());
}

const MemberDiff *DiffMemberModel::member(int row) const
{
    return row >= 0 && row < m_members.size() ? &m_members[row] : nullptr;
}

int DiffMemberModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_members.size(); ++i) {
        if (m_members[i].name == name)
            return i;
    }
    return -1;
}

QString DiffMemberModel::statusText(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Unchanged:
        return tr("Unchanged");
    case MemberStatus::Changed:
        return tr("Changed");
    case MemberStatus::Added:
        return tr("Added");
    case MemberStatus::Removed:
        return tr("Removed");
    case MemberStatus::Ignored:
        return tr("Ignored");
    }
    return {};
}

QString DiffMemberModel::sizeText(const MemberDiff &m)
{
    if (m.oldSize < 0)
        return Labels::size(m.newSize);
    if (m.newSize < 0 || m.oldSize == m.newSize)
        return Labels::size(m.oldSize);
    return tr("%1 → %2").arg(Labels::size(m.oldSize), Labels::size(m.newSize));
}

QIcon DiffMemberModel::iconFor(MemberStatus status) const
{
    const QPalette palette = QApplication::palette();
    if (m_icons.isEmpty() || m_iconsPalette != palette.cacheKey()) {
        m_icons.clear();
        for (const MemberStatus s :
             {MemberStatus::Unchanged, MemberStatus::Changed, MemberStatus::Added,
              MemberStatus::Removed, MemberStatus::Ignored})
            m_icons.append(DiffColors::statusIcon(s, palette));
        m_iconsPalette = palette.cacheKey();
    }
    return m_icons.value(int(status));
}

int DiffMemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int DiffMemberModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffMemberModel::data(const QModelIndex &index, int role) const
{
    const MemberDiff *m = member(index.row());
    if (!m)
        return {};
    if (role == StatusRole)
        return int(m->status);
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return m_shownNames[index.row()];
        if (role == Qt::DecorationRole)
            return iconFor(m->status);
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return statusText(m->status);
        if (role == Qt::ToolTipRole && m->status == MemberStatus::Ignored)
            return tr("Changes on every backup by nature; not compared.");
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return sizeText(*m);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant DiffMemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Member");
    case StatusColumn:
        return tr("Status");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

DiffMemberFilter::DiffMemberFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void DiffMemberFilter::setChangedOnly(bool changedOnly)
{
    if (m_changedOnly == changedOnly)
        return;
    m_changedOnly = changedOnly;
    invalidateFilter();
}

void DiffMemberFilter::setNameFilter(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

bool DiffMemberFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_changedOnly) {
        const auto status = MemberStatus(index.data(DiffMemberModel::StatusRole).toInt());
        if (status != MemberStatus::Changed && status != MemberStatus::Added &&
            status != MemberStatus::Removed)
            return false;
    }
    return m_text.isEmpty() || index.data().toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace pbxvault
