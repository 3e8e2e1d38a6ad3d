#pragma once

#include "diff/LineDiff.h"

#include <QAbstractTableModel>
#include <QColor>

namespace pbxvault {

// The lines of one member's diff as table rows, unified (old number, new number, line) or
// side by side (old number, old line, new number, new line; removed and added runs paired).
// Lines keep their "+"/"-" marker, so what changed reads without colour; control characters
// are escaped and tabs expanded.
class DiffLinesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Layout
    {
        Unified,
        SideBySide
    };
    enum class Kind
    {
        None, // the empty side of an added or removed line
        Hunk, // "@@ -a,b +c,d @@"
        Context,
        Removed,
        Added,
        Note // "\ No newline at end of file"
    };
    static constexpr int KindRole = Qt::UserRole + 1;

    explicit DiffLinesModel(QObject *parent = nullptr);

    void setHunks(const QVector<DiffHunk> &hunks);
    void setLayout(Layout layout);
    Layout layout() const { return m_layout; }
    void setColors(const QColor &added, const QColor &removed, const QColor &hunk);

    // Columns holding line text (one in unified, two side by side), and the longest text in
    // characters (for the column width).
    QList<int> textColumns() const;
    int longestLine() const { return m_longest; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Side
    {
        Kind kind = Kind::None;
        int number = 0; // 0: none
        QString text;   // marker included
    };
    struct Row
    {
        Side old;
        Side neu;
        QString unifiedText;
        Kind unifiedKind = Kind::None;
    };
    void build();
    QColor background(Kind kind) const;

    QVector<DiffHunk> m_hunks;
    Layout m_layout = Layout::Unified;
    QVector<Row> m_unified;
    QVector<Row> m_sideBySide;
    int m_longest = 0;
    QColor m_added;
    QColor m_removed;
    QColor m_hunk;
};

} // namespace pbxvault
