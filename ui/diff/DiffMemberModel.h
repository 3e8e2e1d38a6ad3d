#pragma once

#include "diff/ArchiveDiff.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QSortFilterProxyModel>

namespace pbxvault {

// The members of a comparison, one row each: name (status icon, escaped), status in words,
// size before → after.
class DiffMemberModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        SizeColumn,
        ColumnCount
    };
    static constexpr int StatusRole = Qt::UserRole + 1; // MemberStatus as int

    explicit DiffMemberModel(QObject *parent = nullptr);

    void setComparison(const ArchiveComparison &comparison);
    void clear();
    const MemberDiff *member(int row) const;
    int rowOf(const QString &name) const; // -1 when absent

    static QString statusText(MemberStatus status);
    static QString sizeText(const MemberDiff &member);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QIcon iconFor(MemberStatus status) const;

    QVector<MemberDiff> m_members;
    QStringList m_shownNames; // escaped once
    mutable QVector<QIcon> m_icons;
    mutable qint64 m_iconsPalette = 0;
};

// "Changed only" and the name filter over a DiffMemberModel.
class DiffMemberFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DiffMemberFilter(QObject *parent = nullptr);
    void setChangedOnly(bool changedOnly);
    bool changedOnly() const { return m_changedOnly; }
    void setNameFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_changedOnly = true;
    QString m_text;
};

} // namespace pbxvault
