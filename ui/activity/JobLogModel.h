#pragma once

#include "common/Records.h"

#include <QAbstractTableModel>
#include <QVector>

namespace pbxvault {

// The job log (Activity): every backup, restore, verification, … with its outcome.
class JobLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StartedColumn,
        KindColumn,
        TriggerColumn,
        PbxColumn,
        OutcomeColumn,
        SizeColumn,
        DurationColumn,
        DetailColumn,
        ColumnCount
    };

    enum Role
    {
        JobIdRole = Qt::UserRole + 1
    };

    explicit JobLogModel(QObject *parent = nullptr);
    // False (and nothing reset) when the log is unchanged.
    bool setJobs(const QVector<JobRecord> &jobs);
    const JobRecord &jobAt(int row) const { return m_jobs.at(row); }
    int rowOfJob(qint64 jobId) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<JobRecord> m_jobs;
};

} // namespace pbxvault
