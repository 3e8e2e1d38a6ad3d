#pragma once

#include "BackupTableModel.h"

#include <QFutureWatcher>
#include <QObject>

namespace pbxvault {

// Reads the backup list and prepares the table on a worker thread, through a catalog
// connection of its own, so a catalog of 100,000 backups never freezes the window.
// Requests made while a load runs are merged into one more load afterwards.
class BackupListLoader : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        BackupTableModel::Snapshot snapshot;
        QString error;
    };

    // catalogPassword: for a PostgreSQL catalog that asks for one (see Catalog::open); kept in
    // this process's memory only.
    explicit BackupListLoader(const QString &catalogPath, QObject *parent = nullptr,
                              const QString &catalogPassword = {});
    ~BackupListLoader() override;

    void load(int sortColumn, Qt::SortOrder sortOrder);
    bool isLoading() const { return m_watcher->isRunning(); }

Q_SIGNALS:
    void loaded(const pbxvault::BackupListLoader::Result &result);

private:
    void onFinished();

    QString m_catalogPath;
    QString m_catalogPassword;
    QFutureWatcher<Result> *m_watcher;
    bool m_again = false;
    int m_sortColumn = BackupTableModel::DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace pbxvault
