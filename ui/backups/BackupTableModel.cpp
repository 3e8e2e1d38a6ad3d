#include "BackupTableModel.h"
#include "ActionButtons.h"

#include "common/Labels.h"
#include "ops/Job.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QPalette>
#include <QStyle>

#include <algorithm>
#include <numeric>

namespace pbxvault {

namespace {

// The file name reads as a link; a theme whose link colour is too dark for its own base (some
// dark themes keep the light one's blue) gets it lightened until it is readable.
QColor readableLink(const QPalette &palette)
{
    QColor link = palette.color(QPalette::Link);
    const QColor base = palette.color(QPalette::Base);
    const bool darkBase = Tones::luminance(base) < 0.18;
    for (int i = 0; i < 30 && Tones::contrast(link, base) < Tones::kTextContrast; ++i)
        link = darkBase ? link.lighter(115) : link.darker(115);
    return link;
}

} // namespace

namespace {

// Simple (one-to-one) case folding, in place: the folded text keeps the offsets of the
// original, so one buffer folded once serves every row.
void foldCase(QString *text)
{
    char16_t *p = reinterpret_cast<char16_t *>(text->data());
    const qsizetype n = text->size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (c < 0x80) {
            if (c >= u'A' && c <= u'Z')
                p[i] = char16_t(c + (u'a' - u'A'));
            continue;
        }
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
            const char32_t folded = QChar::toCaseFolded(QChar::surrogateToUcs4(c, p[i + 1]));
            if (QChar::requiresSurrogates(folded)) {
                p[i] = QChar::highSurrogate(folded);
                p[i + 1] = QChar::lowSurrogate(folded);
            }
            ++i;
            continue;
        }
        const char32_t folded = QChar::toCaseFolded(char32_t(c));
        if (!QChar::requiresSurrogates(folded))
            p[i] = char16_t(folded);
    }
}

QString folded(QString text)
{
    foldCase(&text);
    return text;
}

template <typename Less> void sortIndexes(QVector<int> *order, Less less, Qt::SortOrder direction)
{
    auto greater = [&less](int a, int b) {
        return less(b, a);
    };
    // The catalog lists newest first: the default order often needs no sorting at all.
    if (direction == Qt::AscendingOrder) {
        if (!std::is_sorted(order->cbegin(), order->cend(), less))
            std::sort(order->begin(), order->end(), less);
    } else if (!std::is_sorted(order->cbegin(), order->cend(), greater)) {
        std::sort(order->begin(), order->end(), greater);
    }
}

} // namespace

BackupTableModel::BackupTableModel(QObject *parent) : QAbstractTableModel(parent) {}

BackupTableModel::Snapshot BackupTableModel::buildSnapshot(BackupList list, int sortColumn,
                                                           Qt::SortOrder sortOrder)
{
    Snapshot snapshot;
    snapshot.sortColumn = sortColumn;
    snapshot.sortOrder = sortOrder;
    snapshot.folded = folded(list.text());
    snapshot.order.resize(list.size());
    std::iota(snapshot.order.begin(), snapshot.order.end(), 0);
    sortRows(list, snapshot.folded, &snapshot.order, sortColumn, sortOrder);
    snapshot.list = std::move(list);
    return snapshot;
}

BackupTableModel::Snapshot BackupTableModel::buildSnapshot(const QVector<BackupRecord> &backups,
                                                           int sortColumn, Qt::SortOrder sortOrder)
{
    return buildSnapshot(toBackupList(backups), sortColumn, sortOrder);
}

BackupList BackupTableModel::toBackupList(const QVector<BackupRecord> &backups)
{
    BackupList list;
    QHash<qint64, QString> names;
    for (const BackupRecord &b : backups) {
        list.append(b.id, b.pbxId, b.size,
                    b.createdAt.isValid() ? b.createdAt.toMSecsSinceEpoch() : BackupList::kNoTime,
                    b.filename, b.masterIp);
        list.setLastVerified(b.verified);
        list.setLastChanges(b.changes, b.changesBaseId);
        names.insert(b.pbxId, b.pbxName);
    }
    list.setPbxNames(std::move(names));
    list.sortNewestFirst();
    return list;
}

void BackupTableModel::setBackups(const QVector<BackupRecord> &backups)
{
    setSnapshot(buildSnapshot(backups, m_sortColumn, m_sortOrder));
}

void BackupTableModel::setSnapshot(Snapshot snapshot)
{
    beginResetModel();
    m_list = std::move(snapshot.list);
    m_folded = std::move(snapshot.folded);
    m_order = std::move(snapshot.order);
    // The sort may have changed while the snapshot was being built.
    if (snapshot.sortColumn != m_sortColumn || snapshot.sortOrder != m_sortOrder)
        sortRows(m_list, m_folded, &m_order, m_sortColumn, m_sortOrder);
    applyFilter(false);
    endResetModel();
}

void BackupTableModel::setFilterText(const QString &text)
{
    const QString filter = folded(text.trimmed());
    if (filter == m_filter)
        return;
    // Typing one more character only ever removes rows: search what is shown, not everything.
    const bool narrowing = !m_filter.isEmpty() && filter.contains(m_filter);
    beginResetModel();
    m_filter = filter;
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
    sortRows(m_list, m_folded, &m_order, m_sortColumn, m_sortOrder);
    applyFilter(false);
    // Persistent indexes (selection, current row) are dropped rather than remapped: remapping
    // 100,000 rows costs more than the sort.
    const QModelIndexList persistent = persistentIndexList();
    changePersistentIndexList(persistent, QModelIndexList(persistent.size()));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void BackupTableModel::sortRows(const BackupList &list, const QString &folded, QVector<int> *order,
                                int column, Qt::SortOrder direction)
{
    const QVector<BackupList::Row> &rows = list.rows();
    auto byDate = [&rows](int a, int b) {
        if (rows[a].createdMs != rows[b].createdMs)
            return rows[a].createdMs < rows[b].createdMs;
        return rows[a].id < rows[b].id;
    };
    switch (column) {
    case FileNameColumn: {
        // Case-insensitive: the folded file names.
        const QStringView text(folded);
        sortIndexes(
            order,
            [&rows, text, byDate](int a, int b) {
                const int c = text.mid(rows[a].textStart, rows[a].fileNameLength)
                                  .compare(text.mid(rows[b].textStart, rows[b].fileNameLength));
                return c != 0 ? c < 0 : byDate(a, b);
            },
            direction);
        break;
    }
    case SizeColumn:
        sortIndexes(
            order,
            [&rows, byDate](int a, int b) {
                return rows[a].size != rows[b].size ? rows[a].size < rows[b].size : byDate(a, b);
            },
            direction);
        break;
    case ChangesColumn:
        // Not known (-1) below "no changes".
        sortIndexes(
            order,
            [&rows, byDate](int a, int b) {
                return rows[a].changes != rows[b].changes ? rows[a].changes < rows[b].changes
                                                          : byDate(a, b);
            },
            direction);
        break;
    case MasterIpColumn:
        sortIndexes(
            order,
            [&rows, &list, byDate](int a, int b) {
                const int c = list.masterIp(rows[a]).compare(list.masterIp(rows[b]));
                return c != 0 ? c < 0 : byDate(a, b);
            },
            direction);
        break;
    case PbxColumn: {
        // The PBXs are few: rank their names once, then compare ranks.
        QVector<QPair<QString, qint64>> names;
        for (auto it = list.pbxNames().cbegin(); it != list.pbxNames().cend(); ++it)
            names.append({it.value(), it.key()});
        std::sort(names.begin(), names.end(), [](const auto &a, const auto &b) {
            const int c = a.first.compare(b.first, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.second < b.second;
        });
        QHash<qint64, int> rankOf;
        for (int i = 0; i < names.size(); ++i)
            rankOf.insert(names.at(i).second, i + 1); // 0: a PBX without a name
        QVector<int> rank(rows.size());
        for (int i = 0; i < rows.size(); ++i)
            rank[i] = rankOf.value(rows.at(i).pbxId);
        sortIndexes(
            order,
            [&rank, byDate](int a, int b) {
                return rank[a] != rank[b] ? rank[a] < rank[b] : byDate(a, b);
            },
            direction);
        break;
    }
    default:
        sortIndexes(order, byDate, direction);
        break;
    }
}

void BackupTableModel::applyFilter(bool narrowing)
{
    if (m_filter.isEmpty() && m_pbxFilter == 0) {
        m_visible = m_order;
        return;
    }
    // A PBX whose name matches the text shows all of its rows.
    QVector<qint64> pbxsMatching;
    if (!m_filter.isEmpty()) {
        for (auto it = m_list.pbxNames().cbegin(); it != m_list.pbxNames().cend(); ++it) {
            if (folded(it.value()).contains(m_filter))
                pbxsMatching.append(it.key());
        }
    }
    const QStringView text(m_folded);
    const QVector<BackupList::Row> &rows = m_list.rows();
    const QVector<int> &source = narrowing ? m_visible : m_order;
    QVector<int> out;
    out.reserve(source.size());
    for (int i : source) {
        const BackupList::Row &row = rows.at(i);
        if (m_pbxFilter != 0 && row.pbxId != m_pbxFilter)
            continue;
        if (!m_filter.isEmpty() && !pbxsMatching.contains(row.pbxId) &&
            !text.mid(row.textStart, row.fileNameLength + 1 + row.masterIpLength)
                 .contains(m_filter))
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
    return m_list.at(m_visible.at(i)).id;
}

int BackupTableModel::rowOfBackup(qint64 backupId) const
{
    for (int i = 0; i < m_visible.size(); ++i) {
        if (m_list.at(m_visible.at(i)).id == backupId)
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
    return rowData(m_list.at(m_visible.at(i)), index.column(), role);
}

QVariant BackupTableModel::rowData(const BackupList::Row &row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FileNameColumn:
            return m_list.fileName(row).toString();
        case SizeColumn:
            return Labels::size(row.size);
        case DateColumn:
            return Labels::dateTime(row.createdMs == BackupList::kNoTime
                                        ? QDateTime()
                                        : QDateTime::fromMSecsSinceEpoch(row.createdMs, Qt::UTC));
        case ChangesColumn:
            return Labels::changes(row.changes);
        case MasterIpColumn:
            return row.masterIpLength == 0 ? Labels::noValue() : m_list.masterIp(row).toString();
        case PbxColumn:
            return m_list.pbxName(row.pbxId);
        }
        break;
    case Qt::DecorationRole:
        // Only what needs attention is marked: the normal case stays quiet.
        if (column == FileNameColumn && row.verified != VerifyState::Intact &&
            row.verified != VerifyState::Unverified)
            return QApplication::style()->standardIcon(row.verified == VerifyState::ChecksumOnly
                                                           ? QStyle::SP_MessageBoxWarning
                                                           : QStyle::SP_MessageBoxCritical);
        break;
    case Qt::ToolTipRole:
        if (column == FileNameColumn && row.verified != VerifyState::Intact &&
            row.verified != VerifyState::Unverified)
            return tr("%1 — %2. Click to open its details.")
                .arg(m_list.fileName(row), Labels::verifyState(row.verified));
        if (column == FileNameColumn)
            return tr("Click to open the details of %1").arg(m_list.fileName(row));
        if (column == SizeColumn)
            return tr("%L1 bytes").arg(row.size);
        if (column == ChangesColumn)
            return changesToolTip(row);
        break;
    case Qt::ForegroundRole:
        if (column == FileNameColumn)
            return readableLink(QApplication::palette());
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

QString BackupTableModel::changesToolTip(const BackupList::Row &row)
{
    if (row.changes == 0)
        return tr("The same configuration as backup %1.").arg(row.changesBaseId);
    if (row.changes > 0)
        return tr("%n file(s) in the archive changed since backup %1.", nullptr, row.changes)
            .arg(row.changesBaseId);
    if (row.changesBaseId > 0)
        return tr("Not known: backup %1, which this one was compared with, has been deleted.")
            .arg(row.changesBaseId);
    return tr("Not known: the first backup of its PBX, an imported backup, or one that could not "
              "be compared with the previous backup.");
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
    case ChangesColumn:
        return tr("Changes");
    case MasterIpColumn:
        return tr("Master PBX IP");
    case PbxColumn:
        return tr("PBX");
    }
    return {};
}

} // namespace pbxvault
