#pragma once

#include "common/Records.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QVector>

namespace pbxvault {

// The PBX registry as two groups: the master PBX first, then the secondary PBXs.
class PbxTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        UrlColumn,
        TenantColumn,
        ScheduleColumn,
        LastSuccessColumn,
        LastFailureColumn,
        NextRunColumn,
        ColumnCount
    };
    enum Role
    {
        PbxIdRole = Qt::UserRole + 1
    };
    enum Group
    {
        MasterGroup,
        SecondaryGroup,
        GroupCount
    };

    struct Entry
    {
        PbxRecord pbx;
        QString scheduleText; // operator-readable
        QDateTime lastSuccess;
        QDateTime lastFailure;
        QString lastError;
        QDateTime nextRun;
        QString retryText;               // "retrying in 42 s (attempt 2 of 3)" while a retry waits
        bool certificateProblem = false; // its last contact failed on an untrusted certificate
    };

    explicit PbxTreeModel(QObject *parent = nullptr);
    void setEntries(const QVector<Entry> &entries);
    const Entry *entryAt(const QModelIndex &index) const;
    // Updates the retry countdowns in place (no reset: selection and scrolling stay).
    void setRetryTexts(const QHash<qint64, QString> &texts);
    QModelIndex indexOfPbx(qint64 pbxId) const;
    QModelIndex groupIndex(Group group) const { return index(group, 0); }

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant groupData(int group, int column, int role) const;
    QVariant entryData(const Entry &entry, int column, int role) const;

    QVector<Entry> m_groups[GroupCount];
};

} // namespace pbxvault
