#include "BackupListLoader.h"

#include "UiLog.h"
#include "catalog/Catalog.h"

namespace pbxvault {

// The loader's worker: its catalog connection belongs to the thread that opened it, so it is
// opened, used and closed on the loader's thread only.
class BackupListReader : public QObject
{
public:
    BackupListReader(const QString &catalogPath, const QString &catalogPassword)
        : m_catalogPath(catalogPath), m_catalogPassword(catalogPassword)
    {}

    void open()
    {
        if (!m_catalog)
            m_catalog = Catalog::open(m_catalogPath, &m_openError, m_catalogPassword);
    }

    BackupListLoader::Result read(int sortColumn, Qt::SortOrder sortOrder)
    {
        BackupListLoader::Result result;
        open();
        if (!m_catalog) {
            result.error = m_openError;
            return result;
        }
        BackupList list = m_catalog->backupList();
        if (list.isEmpty() && !m_catalog->lastError().isEmpty()) {
            result.error = m_catalog->lastError();
            // The connection may be what failed (a server restarted): a new one next time.
            m_catalog.reset();
            return result;
        }
        result.snapshot = BackupTableModel::buildSnapshot(std::move(list), sortColumn, sortOrder);
        return result;
    }

private:
    QString m_catalogPath;
    QString m_catalogPassword;
    QString m_openError;
    std::unique_ptr<Catalog> m_catalog;
};

BackupListLoader::BackupListLoader(const QString &catalogPath, QObject *parent,
                                   const QString &catalogPassword)
    : QObject(parent), m_reader(new BackupListReader(catalogPath, catalogPassword))
{
    m_thread.setObjectName(QStringLiteral("backupListLoader"));
    m_reader->moveToThread(&m_thread);
    // The documented way to delete an object on its own thread once that thread is done.
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread.start();
    // Connecting takes a while on PostgreSQL: done while the window is still being built.
    BackupListReader *reader = m_reader;
    QMetaObject::invokeMethod(m_reader, [reader] { reader->open(); });
}

BackupListLoader::~BackupListLoader()
{
    m_thread.quit();
    m_thread.wait();
}

void BackupListLoader::load(int sortColumn, Qt::SortOrder sortOrder)
{
    m_sortColumn = sortColumn;
    m_sortOrder = sortOrder;
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    BackupListReader *reader = m_reader;
    QMetaObject::invokeMethod(m_reader, [this, reader, sortColumn, sortOrder] {
        Result result = reader->read(sortColumn, sortOrder);
        // Dropped with the loader if it is gone by then.
        QMetaObject::invokeMethod(this, [this, result = std::move(result)] { onRead(result); });
    });
}

void BackupListLoader::onRead(const Result &result)
{
    m_loading = false;
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
