#include "LineDiff.h"

#include <climits>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pbxvault {
namespace {

const QString kNoNewline = QStringLiteral("\\ No newline at end of file");

// Lines including their '\n' (the last one may lack it).
std::vector<std::string_view> splitLines(QByteArrayView text)
{
    std::vector<std::string_view> lines;
    const char *p = text.data();
    const char *end = p + text.size();
    while (p < end) {
        const void *nl = memchr(p, '\n', size_t(end - p));
        const char *next = nl ? static_cast<const char *>(nl) + 1 : end;
        lines.emplace_back(p, size_t(next - p));
        p = next;
    }
    return lines;
}

// Marks which lines of a are deleted and which of b are inserted; a and b are line ids.
// The middle-snake recursion of Myers (1986), section 4b.
class ShortestEdit
{
public:
    ShortestEdit(const std::vector<int> &a, const std::vector<int> &b, qint64 maxWork)
        : m_a(a), m_b(b), m_deleted(a.size(), false), m_inserted(b.size(), false),
          m_forward(a.size() + b.size() + 3), m_backward(a.size() + b.size() + 3),
          m_offset(int(b.size()) + 1), m_maxWork(maxWork)
    {}

    bool run()
    {
        compare(0, int(m_a.size()), 0, int(m_b.size()));
        return !aborted();
    }
    bool deleted(int i) const { return m_deleted[size_t(i)]; }
    bool inserted(int j) const { return m_inserted[size_t(j)]; }

private:
    bool aborted() const { return m_work > m_maxWork; }
    int &fd(int k) { return m_forward[size_t(k + m_offset)]; }
    int &bd(int k) { return m_backward[size_t(k + m_offset)]; }
    bool same(int x, int y) const { return m_a[size_t(x)] == m_b[size_t(y)]; }

    void compare(int xoff, int xlim, int yoff, int ylim)
    {
        if (aborted())
            return;
        while (xoff < xlim && yoff < ylim && same(xoff, yoff)) {
            ++xoff;
            ++yoff;
        }
        while (xoff < xlim && yoff < ylim && same(xlim - 1, ylim - 1)) {
            --xlim;
            --ylim;
        }
        m_work += 1;
        if (xoff == xlim) {
            for (int y = yoff; y < ylim; ++y)
                m_inserted[size_t(y)] = true;
        } else if (yoff == ylim) {
            for (int x = xoff; x < xlim; ++x)
                m_deleted[size_t(x)] = true;
        } else {
            int xmid = 0;
            int ymid = 0;
            if (!middle(xoff, xlim, yoff, ylim, &xmid, &ymid))
                return;
            compare(xoff, xmid, yoff, ymid);
            compare(xmid, xlim, ymid, ylim);
        }
    }

    // A point on an optimal path through [xoff, xlim) x [yoff, ylim), whose ends differ, where
    // the forward and the backward searches meet. Diagonal k holds the points with x - y = k.
    bool middle(int xoff, int xlim, int yoff, int ylim, int *xmid, int *ymid)
    {
        const int dmin = xoff - ylim;
        const int dmax = xlim - yoff;
        const int fmid = xoff - yoff;
        const int bmid = xlim - ylim;
        const bool odd = ((fmid - bmid) & 1) != 0;
        int fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        fd(fmid) = xoff;
        bd(bmid) = xlim;
        for (;;) {
            if (aborted())
                return false;
            // One more step forward.
            if (fmin > dmin)
                fd(--fmin - 1) = -1;
            else
                ++fmin;
            if (fmax < dmax)
                fd(++fmax + 1) = -1;
            else
                --fmax;
            for (int d = fmax; d >= fmin; d -= 2) {
                const int lo = fd(d - 1);
                const int hi = fd(d + 1);
                int x = lo >= hi ? lo + 1 : hi;
                int y = x - d;
                while (x < xlim && y < ylim && same(x, y)) {
                    ++x;
                    ++y;
                    ++m_work;
                }
                ++m_work;
                fd(d) = x;
                if (odd && bmin <= d && d <= bmax && bd(d) <= x) {
                    *xmid = x;
                    *ymid = y;
                    return true;
                }
            }
            // One more step backward.
            if (bmin > dmin)
                bd(--bmin - 1) = INT_MAX;
            else
                ++bmin;
            if (bmax < dmax)
                bd(++bmax + 1) = INT_MAX;
            else
                --bmax;
            for (int d = bmax; d >= bmin; d -= 2) {
                const int lo = bd(d - 1);
                const int hi = bd(d + 1);
                int x = lo < hi ? lo : hi - 1;
                int y = x - d;
                while (xoff < x && yoff < y && same(x - 1, y - 1)) {
                    --x;
                    --y;
                    ++m_work;
                }
                ++m_work;
                bd(d) = x;
                if (!odd && fmin <= d && d <= fmax && x <= fd(d)) {
                    *xmid = x;
                    *ymid = y;
                    return true;
                }
            }
        }
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    std::vector<bool> m_deleted;
    std::vector<bool> m_inserted;
    std::vector<int> m_forward;
    std::vector<int> m_backward;
    int m_offset;
    qint64 m_maxWork;
    qint64 m_work = 0;
};

enum class Op : char
{
    Equal,
    Delete,
    Insert
};

struct Step
{
    Op op;
    int oldLine; // position in the old text before this step
    int newLine;
};

QString shown(std::string_view line, TextDetection::Encoding encoding)
{
    if (!line.empty() && line.back() == '\n')
        line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return TextDetection::decode(QByteArrayView(line.data(), qsizetype(line.size())), encoding);
}

bool endsWithoutNewline(const std::vector<std::string_view> &lines, int index)
{
    return size_t(index) + 1 == lines.size() && lines.back().back() != '\n';
}

} // namespace

QString DiffHunk::header() const
{
    return QStringLiteral("@@ -%1,%2 +%3,%4 @@")
        .arg(oldStart)
        .arg(oldCount)
        .arg(newStart)
        .arg(newCount);
}

LineDiff::Outcome LineDiff::compare(QByteArrayView oldText, TextDetection::Encoding oldEncoding,
                                    QByteArrayView newText, TextDetection::Encoding newEncoding,
                                    QVector<DiffHunk> *hunks, int context, qint64 maxWork)
{
    hunks->clear();
    if (oldText == newText)
        return Outcome::Same;
    const std::vector<std::string_view> oldLines = splitLines(oldText);
    const std::vector<std::string_view> newLines = splitLines(newText);
    // Equal lines get equal ids, so the search compares integers.
    std::unordered_map<std::string_view, int> ids;
    auto idsOf = [&ids](const std::vector<std::string_view> &lines) {
        std::vector<int> out;
        out.reserve(lines.size());
        for (const std::string_view line : lines)
            out.push_back(ids.emplace(line, int(ids.size())).first->second);
        return out;
    };
    const std::vector<int> a = idsOf(oldLines);
    const std::vector<int> b = idsOf(newLines);
    ids = {};

    ShortestEdit edit(a, b, maxWork);
    if (!edit.run())
        return Outcome::TooDifferent;

    std::vector<Step> steps;
    steps.reserve(a.size() + b.size());
    for (int i = 0, j = 0; i < int(a.size()) || j < int(b.size());) {
        if (i < int(a.size()) && edit.deleted(i)) {
            steps.push_back({Op::Delete, i++, j});
        } else if (j < int(b.size()) && edit.inserted(j)) {
            steps.push_back({Op::Insert, i, j++});
        } else {
            steps.push_back({Op::Equal, i++, j++});
        }
    }

    const int count = int(steps.size());
    int next = 0; // first step not yet in a hunk
    while (next < count) {
        int firstChange = next;
        while (firstChange < count && steps[size_t(firstChange)].op == Op::Equal)
            ++firstChange;
        if (firstChange == count)
            break;
        // Extend over changes separated by at most 2 * context equal lines.
        int lastChange = firstChange;
        for (int s = firstChange + 1; s < count; ++s) {
            if (steps[size_t(s)].op == Op::Equal)
                continue;
            if (s - lastChange - 1 > 2 * context)
                break;
            lastChange = s;
        }
        const int begin = qMax(next, firstChange - context);
        const int end = qMin(count, lastChange + context + 1);
        DiffHunk hunk;
        for (int s = begin; s < end; ++s) {
            const Step &step = steps[size_t(s)];
            switch (step.op) {
            case Op::Equal:
                hunk.lines.append(QLatin1Char(' ') +
                                  shown(oldLines[size_t(step.oldLine)], oldEncoding));
                ++hunk.oldCount;
                ++hunk.newCount;
                if (endsWithoutNewline(oldLines, step.oldLine))
                    hunk.lines.append(kNoNewline);
                break;
            case Op::Delete:
                hunk.lines.append(QLatin1Char('-') +
                                  shown(oldLines[size_t(step.oldLine)], oldEncoding));
                ++hunk.oldCount;
                if (endsWithoutNewline(oldLines, step.oldLine))
                    hunk.lines.append(kNoNewline);
                break;
            case Op::Insert:
                hunk.lines.append(QLatin1Char('+') +
                                  shown(newLines[size_t(step.newLine)], newEncoding));
                ++hunk.newCount;
                if (endsWithoutNewline(newLines, step.newLine))
                    hunk.lines.append(kNoNewline);
                break;
            }
        }
        const Step &first = steps[size_t(begin)];
        hunk.oldStart = hunk.oldCount > 0 ? first.oldLine + 1 : first.oldLine;
        hunk.newStart = hunk.newCount > 0 ? first.newLine + 1 : first.newLine;
        hunks->append(hunk);
        next = end;
    }
    return Outcome::Different;
}

} // namespace pbxvault
