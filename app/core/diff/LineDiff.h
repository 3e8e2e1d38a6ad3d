#pragma once

#include "TextDetection.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pbxvault {

// One hunk of a unified diff.
struct DiffHunk
{
    // As in the header "@@ -oldStart,oldCount +newStart,newCount @@": 1-based first line, or
    // the line after which the hunk goes when its count is 0.
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    // " context", "-removed", "+added", or "\ No newline at end of file"; without line ends.
    QStringList lines;

    QString header() const;
};

// Unified line diff of two texts (Myers' O(ND) algorithm in linear space, with the usual
// shortcut of stripping common prefixes and suffixes first). Lines are compared byte for
// byte, line end included.
class LineDiff
{
public:
    static constexpr int kContext = 3;
    // Steps of the search (diagonals tried plus lines matched) before giving up: texts that
    // have little in common would otherwise take time quadratic in their length.
    static constexpr qint64 kMaxWork = 40'000'000;

    enum class Outcome
    {
        Same,
        Different,
        TooDifferent // changed, but too different to show within kMaxWork
    };

    static Outcome compare(QByteArrayView oldText, TextDetection::Encoding oldEncoding,
                           QByteArrayView newText, TextDetection::Encoding newEncoding,
                           QVector<DiffHunk> *hunks, int context = kContext,
                           qint64 maxWork = kMaxWork);
};

} // namespace pbxvault
