#include "DiffLinesModel.h"

#include "common/PrintableText.h"

namespace pbxvault {

namespace {

constexpr int kTabWidth = 8;

// A line as shown: escaped, tabs expanded (an item view draws a tab as a small gap).
QString shown(const QString &line)
{
    const QString escaped = PrintableText::escape(line, PrintableText::Tabs::Keep);
    if (!escaped.contains(QLatin1Char('\t')))
        return escaped;
    QString out;
    out.reserve(escaped.size() + 16);
    // The marker column ("+", "-", " ") is not part of the file's layout.
    out += escaped.left(1);
    int column = 0;
    for (qsizetype i = 1; i < escaped.size(); ++i) {
        const QChar c = escaped[i];
        if (c == QLatin1Char('\t')) {
            const int spaces = kTabWidth - column % kTabWidth;
            out += QString(spaces, QLatin1Char(' '));
            column += spaces;
        } else {
            out += c;
            ++column;
        }
    }
    return out;
}

} // namespace

DiffLinesModel::DiffLinesModel(QObject *parent) : QAbstractTableModel(parent) {}

void DiffLinesModel::setHunks(const QVector<DiffHunk> &hunks)
{
    beginResetModel();
    m_hunks = hunks;
    build();
    endResetModel();
}

void DiffLinesModel::setLayout(Layout layout)
{
    if (layout == m_layout)
        return;
    beginResetModel();
    m_layout = layout;
    endResetModel();
}

void DiffLinesModel::setColors(const QColor &added, const QColor &removed, const QColor &hunk)
{
    m_added = added;
    m_removed = removed;
    m_hunk = hunk;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole});
}

void DiffLinesModel::build()
{
    m_unified.clear();
    m_sideBySide.clear();
    m_longest = 0;
    for (const DiffHunk &h : std::as_const(m_hunks)) {
        Row header;
        header.unifiedKind = Kind::Hunk;
        header.unifiedText = h.header();
        header.old = {Kind::Hunk, 0, header.unifiedText};
        header.neu = {Kind::Hunk, 0, QString()};
        m_unified.append(header);
        m_sideBySide.append(header);

        int oldNo = h.oldStart;
        int newNo = h.newStart;
        QVector<Side> removed; // a run of removed lines, paired with the added run after it
        QVector<Side> added;
        const auto flush = [&] {
            const qsizetype n = qMax(removed.size(), added.size());
            for (qsizetype i = 0; i < n; ++i) {
                Row row;
                if (i < removed.size())
                    row.old = removed[i];
                if (i < added.size())
                    row.neu = added[i];
                m_sideBySide.append(row);
            }
            removed.clear();
            added.clear();
        };
        Kind previous = Kind::Context;
        for (const QString &line : h.lines) {
            const QString text = shown(line);
            m_longest = qMax(m_longest, int(text.size()));
            Row row;
            row.unifiedText = text;
            const QChar marker = line.isEmpty() ? QLatin1Char(' ') : line.front();
            if (marker == QLatin1Char('-')) {
                row.unifiedKind = Kind::Removed;
                row.old = {Kind::Removed, oldNo++, text};
                if (!added.isEmpty())
                    flush();
                removed.append(row.old);
            } else if (marker == QLatin1Char('+')) {
                row.unifiedKind = Kind::Added;
                row.neu = {Kind::Added, newNo++, text};
                added.append(row.neu);
            } else if (marker == QLatin1Char('\\')) {
                row.unifiedKind = Kind::Note;
                const Side note{Kind::Note, 0, text};
                // The note belongs to the line before it: on its side, or both.
                if (previous == Kind::Removed) {
                    removed.append(note);
                } else if (previous == Kind::Added) {
                    added.append(note);
                } else {
                    flush();
                    Row both;
                    both.old = note;
                    both.neu = note;
                    m_sideBySide.append(both);
                }
                m_unified.append(row);
                continue;
            } else {
                flush();
                row.unifiedKind = Kind::Context;
                row.old = {Kind::Context, oldNo++, text};
                row.neu = {Kind::Context, newNo++, text};
                m_sideBySide.append(row);
            }
            previous = row.unifiedKind;
            m_unified.append(row);
        }
        flush();
    }
}

QList<int> DiffLinesModel::textColumns() const
{
    return m_layout == Layout::Unified ? QList<int>{2} : QList<int>{1, 3};
}

int DiffLinesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_layout == Layout::Unified ? m_unified.size() : m_sideBySide.size());
}

int DiffLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_layout == Layout::Unified ? 3 : 4);
}

QColor DiffLinesModel::background(Kind kind) const
{
    switch (kind) {
    case Kind::Added:
        return m_added;
    case Kind::Removed:
        return m_removed;
    case Kind::Hunk:
        return m_hunk;
    case Kind::None:
    case Kind::Context:
    case Kind::Note:
        break;
    }
    return {};
}

QVariant DiffLinesModel::data(const QModelIndex &index, int role) const
{
    const QVector<Row> &rows = m_layout == Layout::Unified ? m_unified : m_sideBySide;
    if (!index.isValid() || index.row() >= rows.size())
        return {};
    const Row &row = rows[index.row()];
    const int column = index.column();
    Kind kind = Kind::None;
    QString text;
    if (m_layout == Layout::Unified) {
        kind = row.unifiedKind;
        if (column == 0 && row.old.number > 0 && kind != Kind::Added)
            text = QString::number(row.old.number);
        else if (column == 1 && row.neu.number > 0 && kind != Kind::Removed)
            text = QString::number(row.neu.number);
        else if (column == 2)
            text = row.unifiedText;
    } else {
        const Side &side = column < 2 ? row.old : row.neu;
        kind = side.kind;
        if (column % 2 == 0)
            text = side.number > 0 ? QString::number(side.number) : QString();
        else
            text = side.text;
    }
    switch (role) {
    case Qt::DisplayRole:
        return text;
    case Qt::ToolTipRole:
        return textColumns().contains(column) && text.size() > 40 ? text : QVariant();
    case Qt::BackgroundRole: {
        const QColor c = background(kind);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    case Qt::TextAlignmentRole:
        return textColumns().contains(column) ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                              : int(Qt::AlignRight | Qt::AlignVCenter);
    case KindRole:
        return int(kind);
    default:
        return {};
    }
}

QVariant DiffLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (m_layout == Layout::Unified) {
        switch (section) {
        case 0:
            return tr("Old", "line number column");
        case 1:
            return tr("New", "line number column");
        default:
            return tr("Line");
        }
    }
    switch (section) {
    case 0:
    case 2:
        return tr("#", "line number column");
    case 1:
        return tr("Before");
    default:
        return tr("After");
    }
}

} // namespace pbxvault
