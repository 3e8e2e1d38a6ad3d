#include "BackupTableModel.h"

#include "Labels.h"
#include "ops/Job.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QPalette>

#include <algorithm>
#include <functional>

namespace pbxvault {

BackupTableModel::BackupTableModel(QObject *parent) : QAbstractTableModel(parent) {}

BackupTableModel::Snapshot BackupTableModel::buildSnapshot(const QVector<BackupRecord> &backups,
                                                           int sortColumn, Qt::SortOrder sortOrder)
{
    Snapshot snapshot;
    snapshot.sortColumn = sortColumn;
    snapshot.sortOrder = sortOrder;
    QVector<Row> &rows = snapshot.rows;
    rows.reserve(backups.size());
    // One allocation per row: at 100,000 rows allocations are what this loop costs.
    for (const BackupRecord &b : backups) {
        QString haystack;
        haystack.reserve(b.filename.size() + b.pbxName.size() + b.masterIp.size() + 2);
        haystack.append(b.filename);
        haystack.append(QLatin1Char('\n'));
        haystack.append(b.pbxName);
        haystack.append(QLatin1Char('\n'));
        haystack.append(b.masterIp);
        rows.append(Row{b.id, b.pbxId, b.size, b.createdAt.toMSecsSinceEpoch(), b.filename,
                        b.masterIp, b.pbxName, std::move(haystack).toLower(),
                        int(b.filename.size())});
    }
    snapshot.order.resize(rows.size());
    for (int i = 0; i < snapshot.order.size(); ++i)
        snapshot.order[i] = i;
    sortRows(rows, &snapshot.order, sortColumn, sortOrder);
    return snapshot;
}

void BackupTableModel::setBackups(const QVector<BackupRecord> &backups)
{
    setSnapshot(buildSnapshot(backups, m_sortColumn, m_sortOrder));
}

void BackupTableModel::setSnapshot(Snapshot snapshot)
{
    beginResetModel();
    m_rows = std::move(snapshot.rows);
    m_order = std::move(snapshot.order);
    // The sort may have changed while the snapshot was being built.
    if (snapshot.sortColumn != m_sortColumn || snapshot.sortOrder != m_sortOrder)
        sortRows(m_rows, &m_order, m_sortColumn, m_sortOrder);
    applyFilter(false);
    endResetModel();
}

void BackupTableModel::setFilterText(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == m_filter)
        return;
    // Typing one more character only ever removes rows: search what is shown, not everything.
    const bool narrowing = !m_filter.isEmpty() && lower.contains(m_filter);
    beginResetModel();
    m_filter = lower;
    applyFilter(narrowing);
    endResetModel();
}

void BackupTableModel::setPbxFilter(qint64 pbxId)
{
    if (pbxId == m_pbxFilter)
        return;
    beginResetModel();
    m_pbxFilter = pbxId;
    applyFilter(false);
    endResetModel();
}

void BackupTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows(m_rows, &m_order, m_sortColumn, m_sortOrder);
    applyFilter(false);
    // Persistent indexes (selection, current row) are dropped rather than remapped: remapping
    // 100,000 rows costs more than the sort.
    const QModelIndexList persistent = persistentIndexList();
    changePersistentIndexList(persistent, QModelIndexList(persistent.size()));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void BackupTableModel::sortRows(const QVector<Row> &rows, QVector<int> *order, int column,
                                Qt::SortOrder direction)
{
    auto byDate = [&rows](int a, int b) {
        if (rows[a].createdMs != rows[b].createdMs)
            return rows[a].createdMs < rows[b].createdMs;
        return rows[a].id < rows[b].id;
    };
    std::function<bool(int, int)> less;
    switch (column) {
    case FileNameColumn:
        less = [&rows, byDate](int a, int b) {
            const int c = QStringView(rows[a].haystack)
                              .left(rows[a].fileNameLength)
                              .compare(QStringView(rows[b].haystack).left(rows[b].fileNameLength));
            return c != 0 ? c < 0 : byDate(a, b);
        };
        break;
    case SizeColumn:
        less = [&rows, byDate](int a, int b) {
            return rows[a].size != rows[b].size ? rows[a].size < rows[b].size : byDate(a, b);
        };
        break;
    case MasterIpColumn:
        less = [&rows, byDate](int a, int b) {
            const int c = rows[a].masterIp.compare(rows[b].masterIp);
            return c != 0 ? c < 0 : byDate(a, b);
        };
        break;
    case PbxColumn:
        less = [&rows, byDate](int a, int b) {
            const int c = rows[a].pbxName.compare(rows[b].pbxName, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : byDate(a, b);
        };
        break;
    default:
        less = byDate;
        break;
    }
    auto greater = [&less](int a, int b) {
        return less(b, a);
    };
    // The catalog lists newest first: the default order often needs no sorting at all.
    if (direction == Qt::AscendingOrder) {
        if (!std::is_sorted(order->begin(), order->end(), less))
            std::sort(order->begin(), order->end(), less);
    } else if (!std::is_sorted(order->begin(), order->end(), greater)) {
        std::sort(order->begin(), order->end(), greater);
    }
}

void BackupTableModel::applyFilter(bool narrowing)
{
    if (m_filter.isEmpty() && m_pbxFilter == 0) {
        m_visible = m_order;
        return;
    }
    const QVector<int> &source = narrowing ? m_visible : m_order;
    QVector<int> out;
    out.reserve(source.size());
    for (int i : source) {
        const Row &row = m_rows.at(i);
        if (m_pbxFilter != 0 && row.pbxId != m_pbxFilter)
            continue;
        if (!m_filter.isEmpty() && !row.haystack.contains(m_filter))
            continue;
        out.append(i);
    }
    m_visible = std::move(out);
}

qint64 BackupTableModel::backupIdAt(int row) const
{
    const int i = row - int(m_running.size());
    if (i < 0 || i >= m_visible.size())
        return 0;
    return m_rows.at(m_visible.at(i)).id;
}

int BackupTableModel::rowOfBackup(qint64 backupId) const
{
    for (int i = 0; i < m_visible.size(); ++i) {
        if (m_rows.at(m_visible.at(i)).id == backupId)
            return i + int(m_running.size());
    }
    return -1;
}

int BackupTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_running.size() + m_visible.size());
}

int BackupTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    if (row < m_running.size())
        return runningData(m_running.at(row), index.column(), role);
    const int i = row - int(m_running.size());
    if (i >= m_visible.size())
        return {};
    return rowData(m_rows.at(m_visible.at(i)), index.column(), role);
}

QVariant BackupTableModel::rowData(const Row &row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FileNameColumn:
            return row.fileName;
        case SizeColumn:
            return Labels::size(row.size);
        case DateColumn:
            return Labels::dateTime(QDateTime::fromMSecsSinceEpoch(row.createdMs, Qt::UTC));
        case MasterIpColumn:
            return row.masterIp.isEmpty() ? Labels::noValue() : row.masterIp;
        case PbxColumn:
            return row.pbxName;
        }
        break;
    case Qt::ToolTipRole:
        if (column == FileNameColumn)
            return tr("Click to open the details of %1").arg(row.fileName);
        if (column == SizeColumn)
            return tr("%L1 bytes").arg(row.size);
        break;
    case Qt::ForegroundRole:
        if (column == FileNameColumn)
            return QApplication::palette().link();
        break;
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case BackupIdRole:
        return row.id;
    }
    return {};
}

QVariant BackupTableModel::runningData(const Running &running, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FileNameColumn:
            return running.stage.isEmpty() ? tr("Backing up %1…").arg(running.pbxName)
                                           : running.stage;
        case SizeColumn:
            return Labels::sizeProgress(running.done, running.total);
        case DateColumn:
            return Labels::dateTime(QDateTime::fromMSecsSinceEpoch(running.startedMs, Qt::UTC));
        case MasterIpColumn:
            return Labels::noValue();
        case PbxColumn:
            return running.pbxName;
        }
        break;
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    case ProgressRole:
        if (column == SizeColumn)
            return running.total > 0 ? int(running.done * 1000 / running.total) : -1;
        break;
    case BackupIdRole:
        return qint64(0);
    }
    return {};
}

void BackupTableModel::addRunningBackup(Job *job, const QString &pbxName)
{
    if (!job || job->isFinished())
        return;
    beginInsertRows({}, 0, 0);
    Running running;
    running.job = job;
    running.pbxName = pbxName;
    running.stage = job->stage();
    running.startedMs = QDateTime::currentMSecsSinceEpoch();
    m_running.prepend(running);
    endInsertRows();
    connect(job, &Job::progress, this,
            [this, job](qint64 done, qint64 total) { onRunningProgress(job, done, total); });
    connect(job, &Job::stageChanged, this,
            [this, job](const QString &stage) { onRunningStage(job, stage); });
    connect(job, &Job::finished, this, [this, job] { removeRunning(job); });
    connect(job, &QObject::destroyed, this, [this] { removeRunning(nullptr); });
}

int BackupTableModel::runningIndex(const Job *job) const
{
    for (int i = 0; i < m_running.size(); ++i) {
        if (m_running.at(i).job == job)
            return i;
    }
    return -1;
}

void BackupTableModel::onRunningProgress(Job *job, qint64 done, qint64 total)
{
    const int i = runningIndex(job);
    if (i < 0)
        return;
    m_running[i].done = done;
    m_running[i].total = total;
    Q_EMIT dataChanged(index(i, SizeColumn), index(i, SizeColumn));
}

void BackupTableModel::onRunningStage(Job *job, const QString &stage)
{
    const int i = runningIndex(job);
    if (i < 0)
        return;
    m_running[i].stage = stage;
    Q_EMIT dataChanged(index(i, FileNameColumn), index(i, FileNameColumn));
}

void BackupTableModel::removeRunning(Job *job)
{
    // nullptr: drop every row whose job is gone.
    for (int i = int(m_running.size()) - 1; i >= 0; --i) {
        const QPointer<Job> &p = m_running.at(i).job;
        if ((job && p == job) || (!job && !p)) {
            beginRemoveRows({}, i, i);
            m_running.removeAt(i);
            endRemoveRows();
        }
    }
}

QVariant BackupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileNameColumn:
        return tr("File name");
    case SizeColumn:
        return tr("Size");
    case DateColumn:
        return tr("Backup date");
    case MasterIpColumn:
        return tr("Master PBX IP");
    case PbxColumn:
        return tr("PBX");
    }
    return {};
}

} // namespace pbxvault
