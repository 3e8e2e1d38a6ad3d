// ArchiveDiff on handmade tar.gz archives: statuses member by member, text hunks, binary
// members by SHA-256, the ignore list, hostile member names, text too large for a line diff,
// old text beyond the memory budget (further passes), and unreadable files.
#include "TestArchive.h"
#include "TestDirs.h"
#include "diff/ArchiveDiff.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

QByteArray numbered(int from, int to, const QByteArray &prefix = "line")
{
    QByteArray text;
    for (int i = from; i <= to; ++i)
        text += prefix + QByteArray::number(i) + '\n';
    return text;
}

QByteArray randomBytes(int n, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray data(n, Qt::Uninitialized);
    for (char &c : data)
        c = char(random.bounded(256));
    return data;
}

QByteArray manifest(const QByteArray &created, const QByteArray &firmware = "4.9.4")
{
    return R"({"product":"KalliopePBX","firmware":")" + firmware +
           R"(","tenant":"default","created":")" + created + R"(","filename":"b-)" + created +
           R"(.bak","comment":"","config_sha256":")" +
           QCryptographicHash::hash(created, QCryptographicHash::Sha256).toHex() +
           R"(","files":["etc/sip.conf"]})" + "\n";
}

const MemberDiff *find(const ArchiveComparison &c, const QString &name)
{
    for (const MemberDiff &m : c.members) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QMap<QString, QString> statuses(const ArchiveComparison &c)
{
    QMap<QString, QString> out;
    for (const MemberDiff &m : c.members)
        out.insert(m.name, toString(m.status));
    return out;
}

} // namespace

class TestArchiveDiff : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;

    QString write(const QString &name, const TestArchive::Members &members)
    {
        const QString path = m_dir->filePath(name);
        QString error;
        if (!TestArchive::write(path, members, &error))
            qWarning() << error;
        return path;
    }

    bool compare(const TestArchive::Members &a, const TestArchive::Members &b,
                 ArchiveComparison *result)
    {
        ArchiveDiff diff(write(QStringLiteral("a.tar.gz"), a),
                         write(QStringLiteral("b.tar.gz"), b));
        const bool ok = diff.compare(result);
        if (!ok)
            qWarning() << diff.errorString();
        // The backup pipeline's count, from digests alone, must agree with the full diff.
        int changes = -1;
        if (diff.countChanges(&changes) != ok || (ok && changes != result->changeCount())) {
            qWarning() << "countChanges() says" << changes << "where compare() counts"
                       << result->changeCount();
            return false;
        }
        return ok;
    }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<TestDir>(); }

    void membersByStatus()
    {
        QByteArray sip = numbered(1, 10);
        const TestArchive::Members a{{QStringLiteral("etc/sip.conf"), sip},
                                     {QStringLiteral("etc/extensions.conf"), "[default]\n"},
                                     {QStringLiteral("db/dump.sql"), numbered(1, 3, "INSERT ")},
                                     {QStringLiteral("etc/same.conf"), "same\n"}};
        sip.replace("line5\n", "LINE5\n");
        const TestArchive::Members b{{QStringLiteral("db/dump.sql"), numbered(1, 4, "INSERT ")},
                                     {QStringLiteral("etc/sip.conf"), sip},
                                     {QStringLiteral("etc/same.conf"), "same\n"},
                                     {QStringLiteral("etc/new.conf"), "new\n"}};
        ArchiveComparison c;
        QVERIFY(compare(a, b, &c));
        const QMap<QString, QString> expected{
            {QStringLiteral("db/dump.sql"), toString(MemberStatus::Changed)},
            {QStringLiteral("etc/extensions.conf"), toString(MemberStatus::Removed)},
            {QStringLiteral("etc/new.conf"), toString(MemberStatus::Added)},
            {QStringLiteral("etc/same.conf"), toString(MemberStatus::Unchanged)},
            {QStringLiteral("etc/sip.conf"), toString(MemberStatus::Changed)}};
        QCOMPARE(statuses(c), expected);
        QCOMPARE(c.changeCount(), 4);
        QVERIFY(!c.identical());
        QCOMPARE(c.members.first().name, QStringLiteral("db/dump.sql")); // sorted by name

        const MemberDiff *m = find(c, QStringLiteral("etc/sip.conf"));
        QCOMPARE(m->content, MemberDiff::Content::Text);
        QCOMPARE(m->hunks.size(), 1);
        QCOMPARE(m->hunks[0].header(), QStringLiteral("@@ -2,7 +2,7 @@"));
        QCOMPARE(m->hunks[0].lines.mid(3, 2),
                 (QStringList{QStringLiteral("-line5"), QStringLiteral("+LINE5")}));
        m = find(c, QStringLiteral("db/dump.sql"));
        QCOMPARE(m->hunks[0].lines.last(), QStringLiteral("+INSERT 4"));
        m = find(c, QStringLiteral("etc/extensions.conf"));
        QCOMPARE(m->newSize, -1);
        QCOMPARE(m->oldSize, 10);
        QCOMPARE(m->hunks[0].lines, QStringList{QStringLiteral("-[default]")});
        m = find(c, QStringLiteral("etc/new.conf"));
        QCOMPARE(m->oldSize, -1);
        QCOMPARE(m->hunks[0].header(), QStringLiteral("@@ -0,0 +1,1 @@"));
        QVERIFY(find(c, QStringLiteral("etc/same.conf"))->hunks.isEmpty());
    }

    void binaryMemberComparedByHash()
    {
        QByteArray blob = randomBytes(200000, 1);
        blob[7] = '\0';
        QByteArray changed = blob;
        changed[100000] = char(changed[100000] ^ 0x40);
        ArchiveComparison c;
        QVERIFY(compare({{QStringLiteral("var/moh.wav"), blob}},
                        {{QStringLiteral("var/moh.wav"), changed}}, &c));
        QCOMPARE(c.members.size(), 1);
        const MemberDiff &m = c.members.first();
        QCOMPARE(toString(m.status), toString(MemberStatus::Changed));
        QCOMPARE(m.content, MemberDiff::Content::Binary);
        QCOMPARE(m.oldSize, m.newSize);
        QCOMPARE(m.oldSha256, QCryptographicHash::hash(blob, QCryptographicHash::Sha256));
        QCOMPARE(m.newSha256, QCryptographicHash::hash(changed, QCryptographicHash::Sha256));
        QVERIFY(m.hunks.isEmpty());

        QVERIFY(compare({{QStringLiteral("var/moh.wav"), blob}},
                        {{QStringLiteral("var/moh.wav"), blob}}, &c));
        QVERIFY(c.identical());
        QCOMPARE(toString(c.members.first().status), toString(MemberStatus::Unchanged));
    }

    // pbxsim's padding and the manifest's per-backup fields change on every backup.
    void ignoreListMakesUnchangedBackupsIdentical()
    {
        const QByteArray sip = numbered(1, 5);
        ArchiveComparison c;
        QVERIFY(compare({{QStringLiteral("manifest.json"), manifest("2026-12-01T10:00:00Z")},
                         {QStringLiteral("etc/sip.conf"), sip},
                         {QStringLiteral("pbxsim-padding.bin"), randomBytes(50000, 2)}},
                        {{QStringLiteral("manifest.json"), manifest("2026-12-01T11:30:00Z")},
                         {QStringLiteral("etc/sip.conf"), sip},
                         {QStringLiteral("pbxsim-padding.bin"), randomBytes(70000, 3)}},
                        &c));
        QVERIFY(c.identical());
        QCOMPARE(toString(find(c, QStringLiteral("pbxsim-padding.bin"))->status),
                 toString(MemberStatus::Ignored));
        QCOMPARE(toString(find(c, QStringLiteral("manifest.json"))->status),
                 toString(MemberStatus::Unchanged));
        // The raw hashes stay the real ones.
        QVERIFY(find(c, QStringLiteral("manifest.json"))->oldSha256 !=
                find(c, QStringLiteral("manifest.json"))->newSha256);

        // Anything else in the manifest is a change, shown in full.
        QVERIFY(compare(
            {{QStringLiteral("manifest.json"), manifest("2026-12-01T10:00:00Z")}},
            {{QStringLiteral("manifest.json"), manifest("2026-12-01T10:00:00Z", "4.10.0")}}, &c));
        const MemberDiff *m = find(c, QStringLiteral("manifest.json"));
        QCOMPARE(toString(m->status), toString(MemberStatus::Changed));
        QCOMPARE(m->content, MemberDiff::Content::Text);
        QVERIFY(m->hunks.first().lines.last().contains(QStringLiteral("4.10.0")));
    }

    // Names from a PBX are untrusted: kept as they are (escaping is the printer's job),
    // never used as paths, a repeated name counts once (the last copy, as on extraction).
    void hostileMemberNames()
    {
        const QString esc = QStringLiteral("etc/\x1b[31mred.conf");
        const QString newline = QStringLiteral("etc/two\nlines.conf");
        const QString rtl = QStringLiteral("etc/\u202egnp.conf");
        const QString traversal = QStringLiteral("../../etc/passwd");
        const QString longName = QStringLiteral("d/") + QString(5000, QLatin1Char('x'));
        ArchiveComparison c;
        QVERIFY(compare({{esc, "a\n"},
                         {newline, "b\n"},
                         {rtl, "c\n"},
                         {traversal, "root:x:0:0\n"},
                         {longName, "long\n"},
                         {QStringLiteral("dup.conf"), "first\n"},
                         {QStringLiteral("dup.conf"), "second\n"}},
                        {{esc, "A\n"},
                         {newline, "b\n"},
                         {rtl, "c\n"},
                         {traversal, "root:x:0:0\nevil\n"},
                         {longName, "long\n"},
                         {QStringLiteral("dup.conf"), "second\n"}},
                        &c));
        QCOMPARE(toString(find(c, esc)->status), toString(MemberStatus::Changed));
        QCOMPARE(toString(find(c, newline)->status), toString(MemberStatus::Unchanged));
        QCOMPARE(toString(find(c, rtl)->status), toString(MemberStatus::Unchanged));
        QCOMPARE(toString(find(c, traversal)->status), toString(MemberStatus::Changed));
        QCOMPARE(toString(find(c, QStringLiteral("dup.conf"))->status),
                 toString(MemberStatus::Unchanged));
        // Names past ArchiveReader's cap are cut and marked, on both sides alike.
        const MemberDiff *cut = nullptr;
        for (const MemberDiff &m : c.members) {
            if (m.name.startsWith(QStringLiteral("d/")))
                cut = &m;
        }
        QVERIFY(cut);
        QVERIFY(cut->name.endsWith(QChar(0x2026)));
        QCOMPARE(toString(cut->status), toString(MemberStatus::Unchanged));
        QCOMPARE(c.members.size(), 6);
    }

    // Text over ArchiveMembers::kMaxTextBytes is compared by hash and size only.
    void hugeTextIsComparedByHash()
    {
        QByteArray big;
        for (int i = 0; big.size() <= ArchiveMembers::kMaxTextBytes; ++i)
            big += "INSERT INTO cdr VALUES (" + QByteArray::number(i) + ");\n";
        QByteArray changed = big;
        changed += "INSERT INTO cdr VALUES (-1);\n";
        ArchiveComparison c;
        QVERIFY(compare({{QStringLiteral("db/cdr.sql"), big}},
                        {{QStringLiteral("db/cdr.sql"), changed}}, &c));
        QCOMPARE(toString(c.members.first().status), toString(MemberStatus::Changed));
        QCOMPARE(c.members.first().content, MemberDiff::Content::Binary);
    }

    void latin1Text()
    {
        ArchiveComparison c;
        QVERIFY(compare({{QStringLiteral("etc/users.csv"), "name;city\nJos\xe9;Bari\n"}},
                        {{QStringLiteral("etc/users.csv"), "name;city\nJos\xe9;Roma\n"}}, &c));
        const MemberDiff &m = c.members.first();
        QCOMPARE(m.content, MemberDiff::Content::Text);
        QCOMPARE(m.hunks.first().lines.mid(1), (QStringList{QStringLiteral("-Jos\u00e9;Bari"),
                                                            QStringLiteral("+Jos\u00e9;Roma")}));
    }

    // More old text than ArchiveDiff::kTextBudget: the members that did not fit are diffed
    // in further passes, with the same result.
    void oldTextBeyondTheBudget()
    {
        TestArchive::Members a, b;
        const int count = int(ArchiveDiff::kTextBudget / (3 << 20)) + 3;
        for (int i = 0; i < count; ++i) {
            QByteArray text;
            while (text.size() < (3 << 20))
                text += "member " + QByteArray::number(i) + " row " +
                        QByteArray::number(text.size()) + '\n';
            const QString name = QStringLiteral("etc/big%1.conf").arg(i);
            a.append({name, text});
            text.replace(text.indexOf("row"), 3, "ROW");
            b.append({name, text});
        }
        ArchiveComparison c;
        QVERIFY(compare(a, b, &c));
        QCOMPARE(c.members.size(), count);
        for (const MemberDiff &m : c.members) {
            QCOMPARE(toString(m.status), toString(MemberStatus::Changed));
            QCOMPARE(m.content, MemberDiff::Content::Text);
            QCOMPARE(m.hunks.size(), 1);
            QVERIFY(m.hunks.first().lines.contains(
                QStringLiteral("+member %1 ROW 0")
                    .arg(m.name.mid(7).section(QLatin1Char('.'), 0, 0))));
        }
    }

    void unreadableFiles()
    {
        const QString good = write(QStringLiteral("good.tar.gz"), {{QStringLiteral("a"), "a\n"}});
        ArchiveComparison c;
        {
            ArchiveDiff diff(good, m_dir->filePath(QStringLiteral("nothing.tar.gz")));
            QVERIFY(!diff.compare(&c));
            QCOMPARE(diff.failedSide(), ArchiveDiff::Side::New);
            QCOMPARE(diff.failure(), ArchiveMembers::Failure::Missing);
            int changes = -1;
            QVERIFY(!diff.countChanges(&changes));
            QCOMPARE(diff.failedSide(), ArchiveDiff::Side::New);
            QCOMPARE(diff.failure(), ArchiveMembers::Failure::Missing);
        }
        const QString garbage = m_dir->filePath(QStringLiteral("garbage.bak"));
        {
            QFile f(garbage);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(randomBytes(5000, 9));
        }
        {
            ArchiveDiff diff(garbage, good);
            QVERIFY(!diff.compare(&c));
            QCOMPARE(diff.failedSide(), ArchiveDiff::Side::Old);
            QCOMPARE(diff.failure(), ArchiveMembers::Failure::Unreadable);
            int changes = -1;
            QVERIFY(!diff.countChanges(&changes));
            QCOMPARE(diff.failedSide(), ArchiveDiff::Side::Old);
            QCOMPARE(diff.failure(), ArchiveMembers::Failure::Unreadable);
        }
        const QString big =
            write(QStringLiteral("big.tar.gz"), {{QStringLiteral("blob"), randomBytes(100000, 4)}});
        QFile in(big);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString truncated = m_dir->filePath(QStringLiteral("truncated.tar.gz"));
        {
            QFile f(truncated);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(bytes.size() * 3 / 5));
        }
        ArchiveDiff diff(good, truncated);
        QVERIFY(!diff.compare(&c));
        QCOMPARE(diff.failure(), ArchiveMembers::Failure::Damaged);
        int changes = -1;
        QVERIFY(!diff.countChanges(&changes));
        QCOMPARE(diff.failedSide(), ArchiveDiff::Side::New);
        QCOMPARE(diff.failure(), ArchiveMembers::Failure::Damaged);
    }
};

QTEST_GUILESS_MAIN(TestArchiveDiff)
#include "tst_archivediff.moc"
