// LineDiff: unified hunks (context 3, "@@ -a,b +c,d @@"), checked by hand on small texts and by
// applying the hunks back to the old text on many generated edits; bounded work on texts
// with nothing in common.
#include "diff/LineDiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace pbxvault;

namespace {

using Encoding = TextDetection::Encoding;

QVector<DiffHunk> diff(const QByteArray &a, const QByteArray &b,
                       LineDiff::Outcome expected = LineDiff::Outcome::Different)
{
    QVector<DiffHunk> hunks;
    const LineDiff::Outcome outcome =
        LineDiff::compare(a, Encoding::Utf8, b, Encoding::Utf8, &hunks);
    if (outcome != expected)
        qWarning() << "unexpected outcome" << int(outcome);
    return hunks;
}

QByteArray numbered(int from, int to)
{
    QByteArray text;
    for (int i = from; i <= to; ++i)
        text += "line" + QByteArray::number(i) + '\n';
    return text;
}

// Applies hunks to old (lines without ends; texts here always end with '\n').
QStringList apply(const QStringList &old, const QVector<DiffHunk> &hunks, bool *ok)
{
    QStringList out;
    int next = 0; // 0-based index of the next old line not yet copied
    *ok = true;
    for (const DiffHunk &h : hunks) {
        const int start = h.oldCount > 0 ? h.oldStart - 1 : h.oldStart;
        if (start < next) {
            *ok = false;
            return {};
        }
        while (next < start)
            out << old.at(next++);
        int oldSeen = 0;
        int newSeen = 0;
        for (const QString &line : h.lines) {
            const QString body = line.mid(1);
            if (line.startsWith(QLatin1Char(' ')) || line.startsWith(QLatin1Char('-'))) {
                if (next >= old.size() || old.at(next) != body) {
                    *ok = false;
                    return {};
                }
                ++next;
                ++oldSeen;
                if (line.startsWith(QLatin1Char(' '))) {
                    out << body;
                    ++newSeen;
                }
            } else if (line.startsWith(QLatin1Char('+'))) {
                out << body;
                ++newSeen;
            }
        }
        if (oldSeen != h.oldCount || newSeen != h.newCount)
            *ok = false;
    }
    while (next < old.size())
        out << old.at(next++);
    return out;
}

QStringList linesOf(const QByteArray &text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestLineDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameTexts()
    {
        QVERIFY(diff(numbered(1, 5), numbered(1, 5), LineDiff::Outcome::Same).isEmpty());
    }

    void oneLineChanged()
    {
        QByteArray b = numbered(1, 10);
        b.replace("line5\n", "LINE5\n");
        const QVector<DiffHunk> hunks = diff(numbered(1, 10), b);
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -2,7 +2,7 @@"));
        QCOMPARE(hunks[0].lines, (QStringList{QStringLiteral(" line2"), QStringLiteral(" line3"),
                                              QStringLiteral(" line4"), QStringLiteral("-line5"),
                                              QStringLiteral("+LINE5"), QStringLiteral(" line6"),
                                              QStringLiteral(" line7"), QStringLiteral(" line8")}));
    }

    void appendedAndPrepended()
    {
        QVector<DiffHunk> hunks = diff(numbered(1, 10), numbered(1, 12));
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -8,3 +8,5 @@"));
        QCOMPARE(hunks[0].lines.last(), QStringLiteral("+line12"));
        hunks = diff(numbered(3, 10), numbered(1, 10));
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -1,3 +1,5 @@"));
        QCOMPARE(hunks[0].lines.first(), QStringLiteral("+line1"));
    }

    void emptySides()
    {
        QVector<DiffHunk> hunks = diff(QByteArray(), "a\nb\n");
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -0,0 +1,2 @@"));
        QCOMPARE(hunks[0].lines, (QStringList{QStringLiteral("+a"), QStringLiteral("+b")}));
        hunks = diff("a\nb\n", QByteArray());
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -1,2 +0,0 @@"));
    }

    void missingNewlineAtEnd()
    {
        const QVector<DiffHunk> hunks = diff("a\nb\n", "a\nb");
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].lines,
                 (QStringList{QStringLiteral(" a"), QStringLiteral("-b"), QStringLiteral("+b"),
                              QStringLiteral("\\ No newline at end of file")}));
    }

    // Changes 6 equal lines apart share a hunk; 7 apart they do not.
    void hunksMergeWithinTwiceTheContext()
    {
        QByteArray b = numbered(1, 30);
        b.replace("line5\n", "X\n").replace("line12\n", "Y\n");
        QCOMPARE(diff(numbered(1, 30), b).size(), 1);
        b = numbered(1, 30);
        b.replace("line5\n", "X\n").replace("line13\n", "Y\n");
        const QVector<DiffHunk> hunks = diff(numbered(1, 30), b);
        QCOMPARE(hunks.size(), 2);
        QCOMPARE(hunks[0].header(), QStringLiteral("@@ -2,7 +2,7 @@"));
        QCOMPARE(hunks[1].header(), QStringLiteral("@@ -10,7 +10,7 @@"));
    }

    void latin1Lines()
    {
        QVector<DiffHunk> hunks;
        LineDiff::compare("caf\xe9\n", Encoding::Latin1, "caf\xc3\xa9\n", Encoding::Utf8, &hunks);
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].lines,
                 (QStringList{QStringLiteral("-caf\u00e9"), QStringLiteral("+caf\u00e9")}));
    }

    // Random edits of a text with many repeated lines: the hunks turn old into new.
    void hunksApplyBack()
    {
        QRandomGenerator random(20261201);
        for (int round = 0; round < 300; ++round) {
            QStringList old;
            const int n = int(random.bounded(60));
            for (int i = 0; i < n; ++i)
                old << QStringLiteral("l%1").arg(random.bounded(8));
            QStringList changed = old;
            const int edits = 1 + int(random.bounded(8));
            for (int e = 0; e < edits; ++e) {
                const int at = int(random.bounded(changed.size() + 1));
                switch (random.bounded(3)) {
                case 0:
                    changed.insert(at, QStringLiteral("n%1").arg(random.bounded(8)));
                    break;
                case 1:
                    if (at < changed.size())
                        changed.removeAt(at);
                    break;
                default:
                    if (at < changed.size())
                        changed[at] = QStringLiteral("l%1").arg(random.bounded(8));
                }
            }
            const QByteArray a = old.isEmpty() ? QByteArray() : (old.join('\n') + '\n').toUtf8();
            const QByteArray b =
                changed.isEmpty() ? QByteArray() : (changed.join('\n') + '\n').toUtf8();
            QVector<DiffHunk> hunks;
            const LineDiff::Outcome outcome =
                LineDiff::compare(a, Encoding::Utf8, b, Encoding::Utf8, &hunks);
            QCOMPARE(outcome == LineDiff::Outcome::Same, a == b);
            bool ok = false;
            const QStringList result = apply(linesOf(a), hunks, &ok);
            QVERIFY2(ok, qPrintable(QStringLiteral("round %1").arg(round)));
            QCOMPARE(result, linesOf(b));
        }
    }

    // The edit found is a shortest one: one changed line among many equal ones.
    void minimalEdit()
    {
        QByteArray a, b;
        for (int i = 0; i < 2000; ++i) {
            a += "x" + QByteArray::number(i % 7) + '\n';
            b += "x" + QByteArray::number(i % 7) + '\n';
        }
        b.insert(b.size() / 2, "new\n");
        const QVector<DiffHunk> hunks = diff(a, b);
        QCOMPARE(hunks.size(), 1);
        QCOMPARE(hunks[0].oldCount + 1, hunks[0].newCount);
    }

    // Two long texts with no line in common: "too different" in bounded time, not an
    // unbounded search.
    void pathologicalInputGivesUp()
    {
        QByteArray a, b;
        for (int i = 0; i < 100000; ++i) {
            a += "a" + QByteArray::number(i) + '\n';
            b += "b" + QByteArray::number(i) + '\n';
        }
        QElapsedTimer timer;
        timer.start();
        QVector<DiffHunk> hunks;
        QCOMPARE(LineDiff::compare(a, Encoding::Utf8, b, Encoding::Utf8, &hunks),
                 LineDiff::Outcome::TooDifferent);
        QVERIFY(hunks.isEmpty());
        qInfo("gave up after %lld ms", qint64(timer.elapsed()));
        // The same texts with a small budget of work: same answer.
        QCOMPARE(LineDiff::compare(a, Encoding::Utf8, b, Encoding::Utf8, &hunks, LineDiff::kContext,
                                   1000),
                 LineDiff::Outcome::TooDifferent);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
