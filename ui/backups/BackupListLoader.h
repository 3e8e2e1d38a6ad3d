#pragma once

#include "BackupTableModel.h"

#include <QObject>
#include <QThread>

namespace pbxvault {

class BackupListReader;

// Reads the backup list and prepares the table on a worker thread, through a catalog
// connection of its own, so a catalog of 100,000 backups never freezes the window. The
// connection is opened as soon as the loader exists and kept between loads (opening one to a
// PostgreSQL server takes tens of milliseconds). Requests made while a load runs are merged
// into one more load afterwards.
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
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void loaded(const pbxvault::BackupListLoader::Result &result);

private:
    void onRead(const pbxvault::BackupListLoader::Result &result);

    QThread m_thread;
    BackupListReader *m_reader; // lives in m_thread
    bool m_loading = false;
    bool m_again = false;
    int m_sortColumn = BackupTableModel::DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace pbxvault
