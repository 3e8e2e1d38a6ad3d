#pragma once

#include "catalog/BackupList.h"
#include "common/Records.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QVector>

namespace pbxvault {

class Job;

// The backup list: every catalog backup in a BackupList, with its own sorting and substring
// filtering (a proxy model is too slow at 100,000 rows); display texts are made only for the
// cells being painted. Backups being taken right now are shown as extra rows on top, with
// their progress.
class BackupTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileNameColumn,
        SizeColumn,
        DateColumn,
        ChangesColumn, // members changed since the previous backup
        MasterIpColumn,
        PbxColumn,
        ColumnCount
    };
    enum Role
    {
        BackupIdRole = Qt::UserRole + 1, // qint64; 0 on a running row
        ProgressRole,                    // running rows: per-mille, -1 when unknown
    };

    // Everything setBackups() computes, built off the UI thread for big catalogs.
    struct Snapshot
    {
        BackupList list;
        // list.text() case-folded, character for character (same offsets): what the text
        // filter searches, and the sort key of the file name column.
        QString folded;
        QVector<int> order; // indexes into list, sorted by sortColumn / sortOrder
        int sortColumn = DateColumn;
        Qt::SortOrder sortOrder = Qt::DescendingOrder;
    };
    // Pure and thread-safe.
    static Snapshot buildSnapshot(BackupList list, int sortColumn, Qt::SortOrder sortOrder);
    static Snapshot buildSnapshot(const QVector<BackupRecord> &backups, int sortColumn,
                                  Qt::SortOrder sortOrder);
    // The list of a few records (tests, small catalogs); pbxName of each record names its PBX.
    static BackupList toBackupList(const QVector<BackupRecord> &backups);

    explicit BackupTableModel(QObject *parent = nullptr);

    void setBackups(const QVector<BackupRecord> &backups);
    void setSnapshot(Snapshot snapshot);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Case-insensitive substring of file name, PBX name or master IP.
    void setFilterText(const QString &text);
    void setPbxFilter(qint64 pbxId); // 0 = every PBX

    // A backup in progress: shown on top until the job finishes.
    void addRunningBackup(Job *job, const QString &pbxName);

    qint64 backupIdAt(int row) const;
    int rowOfBackup(qint64 backupId) const; // -1 when filtered out or unknown
    bool isRunningRow(int row) const { return row >= 0 && row < m_running.size(); }
    int totalCount() const { return int(m_list.size()); }
    int shownCount() const { return int(m_visible.size()); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Running
    {
        QPointer<Job> job;
        QString pbxName;
        QString stage;
        qint64 done = 0;
        qint64 total = -1;
        qint64 startedMs = 0;
    };

    QVariant rowData(const BackupList::Row &row, int column, int role) const;
    QVariant runningData(const Running &running, int column, int role) const;
    static QString changesToolTip(const BackupList::Row &row);
    static void sortRows(const BackupList &list, const QString &folded, QVector<int> *order,
                         int column, Qt::SortOrder direction);
    void applyFilter(bool narrowing);
    void onRunningProgress(Job *job, qint64 done, qint64 total);
    void onRunningStage(Job *job, const QString &stage);
    void removeRunning(Job *job);
    int runningIndex(const Job *job) const;

    BackupList m_list;
    QString m_folded;       // see Snapshot::folded
    QVector<int> m_order;   // every row index, sorted
    QVector<int> m_visible; // the rows passing the filter, in m_order's order
    QVector<Running> m_running;
    QString m_filter; // case-folded (foldCase)
    qint64 m_pbxFilter = 0;
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace pbxvault
