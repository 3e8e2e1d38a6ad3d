#include "BackupListLoader.h"

#include "UiLog.h"
#include "catalog/Catalog.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pbxvault {

BackupListLoader::BackupListLoader(const QString &catalogPath, QObject *parent,
                                   const QString &catalogPassword)
    : QObject(parent), m_catalogPath(catalogPath), m_catalogPassword(catalogPassword),
      m_watcher(new QFutureWatcher<Result>(this))
{
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, &BackupListLoader::onFinished);
}

BackupListLoader::~BackupListLoader()
{
    m_watcher->waitForFinished();
}

void BackupListLoader::load(int sortColumn, Qt::SortOrder sortOrder)
{
    m_sortColumn = sortColumn;
    m_sortOrder = sortOrder;
    if (m_watcher->isRunning()) {
        m_again = true;
        return;
    }
    const QString path = m_catalogPath;
    const QString password = m_catalogPassword;
    m_watcher->setFuture(QtConcurrent::run([path, password, sortColumn, sortOrder] {
        Result result;
        // A Catalog belongs to the thread that opened it: this one lives and dies here.
        std::unique_ptr<Catalog> catalog = Catalog::open(path, &result.error, password);
        if (!catalog)
            return result;
        BackupList list = catalog->backupList();
        if (list.isEmpty() && !catalog->lastError().isEmpty()) {
            result.error = catalog->lastError();
            return result;
        }
        result.snapshot = BackupTableModel::buildSnapshot(std::move(list), sortColumn, sortOrder);
        return result;
    }));
}

void BackupListLoader::onFinished()
{
    const Result result = m_watcher->result();
    if (!result.error.isEmpty())
        qCWarning(lcUi) << "Backup list not loaded:" << result.error;
    if (m_again) {
        // Something changed while loading: this result is already stale.
        m_again = false;
        load(m_sortColumn, m_sortOrder);
        return;
    }
    Q_EMIT loaded(result);
}

} // namespace pbxvault
