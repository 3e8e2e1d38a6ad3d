#include "JobLogModel.h"

#include "ActionButtons.h"
#include "Icons.h"
#include "common/Labels.h"

#include <algorithm>
#include <tuple>

namespace pbxvault {

namespace {
auto fields(const JobRecord &j)
{
    return std::tie(j.id, j.kind, j.trigger, j.pbxId, j.pbxName, j.startedAt, j.finishedAt,
                    j.outcome, j.bytes, j.error, j.errorKind, j.detail);
}
} // namespace

JobLogModel::JobLogModel(QObject *parent) : QAbstractTableModel(parent) {}

bool JobLogModel::setJobs(const QVector<JobRecord> &jobs)
{
    // The window reloads every view when the catalog changes anywhere: a log that did not
    // change keeps its rows, selection and scroll position.
    if (std::equal(jobs.cbegin(), jobs.cend(), m_jobs.cbegin(), m_jobs.cend(),
                   [](const JobRecord &a, const JobRecord &b) { return fields(a) == fields(b); }))
        return false;
    beginResetModel();
    m_jobs = jobs;
    endResetModel();
    return true;
}

int JobLogModel::rowOfJob(qint64 jobId) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).id == jobId)
            return row;
    }
    return -1;
}

int JobLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const JobRecord &j = m_jobs.at(index.row());
    const QString detail = j.error.isEmpty()    ? j.detail
                           : j.detail.isEmpty() ? j.error
                                                : tr("%1: %2").arg(j.detail, j.error);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartedColumn:
            return Labels::dateTime(j.startedAt);
        case KindColumn:
            return Labels::jobKind(j.kind);
        case TriggerColumn:
            return Labels::jobTrigger(j.trigger);
        case PbxColumn:
            return j.pbxName.isEmpty() ? Labels::noValue() : j.pbxName;
        case OutcomeColumn:
            return Labels::jobOutcome(j.outcome);
        case SizeColumn:
            return j.bytes > 0 ? Labels::size(j.bytes) : Labels::noValue();
        case DurationColumn:
            return j.finishedAt.isValid() ? Labels::duration(j.startedAt.secsTo(j.finishedAt))
                                          : Labels::noValue();
        case DetailColumn:
            return detail;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == OutcomeColumn)
            return Icons::forOutcome(j.outcome);
        break;
    case Qt::ToolTipRole:
        if (index.column() == DetailColumn)
            return detail;
        break;
    case Qt::ForegroundRole:
        // An unchanged backup's message says which backup it equals: not an error.
        if (index.column() == DetailColumn && !j.error.isEmpty() &&
            j.outcome != JobOutcome::Unchanged)
            return Tones::textOnBase(Tones::Danger);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case JobIdRole:
        return j.id;
    }
    return {};
}

QVariant JobLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case KindColumn:
        return tr("Operation");
    case TriggerColumn:
        return tr("Trigger");
    case PbxColumn:
        return tr("PBX");
    case OutcomeColumn:
        return tr("Outcome");
    case SizeColumn:
        return tr("Size");
    case DurationColumn:
        return tr("Duration");
    case DetailColumn:
        return tr("Details");
    }
    return {};
}

} // namespace pbxvault
