#include "schedule/RetentionPolicy.h"

#include <QTest>

#include <algorithm>

using namespace pbxvault;

Q_DECLARE_METATYPE(pbxvault::BackupRecord)

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

struct Spec
{
    qint64 id;
    double daysAgo;
    BackupOrigin origin = BackupOrigin::Scheduled;
    VerifyState verified = VerifyState::Unverified;
    qint64 pbxId = 1;
};

QVector<BackupRecord> backups(std::initializer_list<Spec> specs)
{
    QVector<BackupRecord> out;
    for (const Spec &s : specs) {
        BackupRecord b;
        b.id = s.id;
        b.pbxId = s.pbxId;
        b.createdAt = kNow.addSecs(qint64(-s.daysAgo * 86400));
        b.origin = s.origin;
        b.verified = s.verified;
        b.filename = QStringLiteral("backup-%1.tar.gz").arg(s.id);
        out.append(b);
    }
    return out;
}

RetentionRules rules(int keepLast, int keepDays, bool includeSafetyAndImported = false)
{
    RetentionRules r;
    r.keepLast = keepLast;
    r.keepDays = keepDays;
    r.includeSafetyAndImported = includeSafetyAndImported;
    return r;
}

QVector<qint64> ids(const QVector<RetentionDeletion> &deletions)
{
    QVector<qint64> out;
    for (const RetentionDeletion &d : deletions)
        out.append(d.backupId);
    std::sort(out.begin(), out.end());
    return out;
}

// Ids 1..5, one day apart, 5 the newest.
QVector<BackupRecord> fiveDaily()
{
    return backups({{1, 5}, {2, 4}, {3, 3}, {4, 2}, {5, 1}});
}

} // namespace

class TestRetentionPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noRulesDeleteNothing();
    void keepLast();
    void keepsNewestVerified();
    void keepsNewestEvenWhenAllAreOld();
    void keepsSafetyAndImported();
    void includesSafetyAndImportedWhenAsked();
    void keepDays();
    void keepDaysBoundary();
    void bothRules_data();
    void bothRules();
    void reasons();
    void perPbx();
    void undatedNeverDeleted();
};

void TestRetentionPolicy::noRulesDeleteNothing()
{
    QVERIFY(RetentionPolicy::backupsToDelete(fiveDaily(), rules(0, 0), kNow).isEmpty());
    QVERIFY(RetentionPolicy::backupsToDelete({}, rules(3, 3), kNow).isEmpty());
}

void TestRetentionPolicy::keepLast()
{
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(fiveDaily(), rules(2, 0), kNow)),
             QVector<qint64>({1, 2, 3}));
    QVERIFY(RetentionPolicy::backupsToDelete(fiveDaily(), rules(5, 0), kNow).isEmpty());
    // Input order does not matter.
    QVector<BackupRecord> shuffled = fiveDaily();
    std::reverse(shuffled.begin(), shuffled.end());
    std::swap(shuffled[1], shuffled[3]);
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(shuffled, rules(1, 0), kNow)),
             QVector<qint64>({1, 2, 3, 4}));
}

void TestRetentionPolicy::keepsNewestVerified()
{
    const auto list = backups({{1, 5, BackupOrigin::Scheduled, VerifyState::Intact},
                               {2, 4, BackupOrigin::Scheduled, VerifyState::Intact},
                               {3, 3, BackupOrigin::Scheduled, VerifyState::Corrupt},
                               {4, 2},
                               {5, 1}});
    // 2 is the newest verified one: kept even though outside the last 2.
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(2, 0), kNow)),
             QVector<qint64>({1, 3}));
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(1, 0), kNow)),
             QVector<qint64>({1, 3, 4}));
}

void TestRetentionPolicy::keepsNewestEvenWhenAllAreOld()
{
    const auto list = backups({{1, 60}, {2, 50}, {3, 40}});
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(0, 30), kNow)),
             QVector<qint64>({1, 2}));
}

void TestRetentionPolicy::keepsSafetyAndImported()
{
    const auto list = backups({{1, 50, BackupOrigin::Import},
                               {2, 40},
                               {3, 30, BackupOrigin::Safety},
                               {4, 20},
                               {5, 10, BackupOrigin::Manual},
                               {6, 1, BackupOrigin::Safety}});
    // Last 2 among the backups retention applies to: 5 and 4. Safety/import untouched.
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(2, 0), kNow)), QVector<qint64>({2}));
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(0, 15), kNow)),
             QVector<qint64>({2, 4}));
}

void TestRetentionPolicy::includesSafetyAndImportedWhenAsked()
{
    const auto list = backups({{1, 50, BackupOrigin::Import},
                               {2, 40},
                               {3, 30, BackupOrigin::Safety},
                               {4, 20},
                               {5, 10, BackupOrigin::Manual},
                               {6, 1, BackupOrigin::Safety}});
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(2, 0, true), kNow)),
             QVector<qint64>({1, 2, 3, 4}));
    // The newest backup of all stays, whatever its origin.
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(0, 1, true), kNow)),
             QVector<qint64>({1, 2, 3, 4, 5}));
}

void TestRetentionPolicy::keepDays()
{
    const auto list = backups({{1, 60}, {2, 31}, {3, 29}, {4, 10}, {5, 1}});
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(0, 30), kNow)),
             QVector<qint64>({1, 2}));
    QVERIFY(RetentionPolicy::backupsToDelete(list, rules(0, 90), kNow).isEmpty());
}

void TestRetentionPolicy::keepDaysBoundary()
{
    // Exactly 30 days old is not "older than 30 days".
    const auto list = backups({{1, 30}, {2, 30.0001}, {3, 1}});
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(0, 30), kNow)), QVector<qint64>({2}));
}

void TestRetentionPolicy::bothRules_data()
{
    QTest::addColumn<QVector<BackupRecord>>("list");
    QTest::addColumn<QVector<qint64>>("deleted");
    // keepLast 3, keepDays 30: a backup goes only when outside the last 3 AND older than 30 days.
    QTest::newRow("young ones outside the count stay")
        << backups({{1, 50}, {2, 40}, {3, 4}, {4, 3}, {5, 2}, {6, 1}}) << QVector<qint64>{1, 2};
    QTest::newRow("old ones inside the count stay")
        << backups({{1, 80}, {2, 70}, {3, 60}, {4, 50}, {5, 40}}) << QVector<qint64>{1, 2};
    QTest::newRow("nothing outside both")
        << backups({{1, 20}, {2, 15}, {3, 10}, {4, 5}, {5, 1}}) << QVector<qint64>{};
}

void TestRetentionPolicy::bothRules()
{
    QFETCH(QVector<BackupRecord>, list);
    QFETCH(QVector<qint64>, deleted);
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(3, 30), kNow)), deleted);
}

void TestRetentionPolicy::reasons()
{
    const auto list = backups({{1, 50}, {2, 40}, {3, 4}, {4, 3}});
    auto d = RetentionPolicy::backupsToDelete(list, rules(2, 0), kNow);
    QCOMPARE(d.size(), 2);
    QCOMPARE(d.first().reason, QStringLiteral("not among the last 2 backups"));
    d = RetentionPolicy::backupsToDelete(list, rules(0, 30), kNow);
    QCOMPARE(d.size(), 2);
    QCOMPARE(d.first().reason, QStringLiteral("older than 30 days"));
    d = RetentionPolicy::backupsToDelete(list, rules(2, 30), kNow);
    QCOMPARE(d.size(), 2);
    QCOMPARE(d.first().reason,
             QStringLiteral("not among the last 2 backups and older than 30 days"));
}

void TestRetentionPolicy::perPbx()
{
    const auto list = backups({{1, 5, BackupOrigin::Scheduled, VerifyState::Unverified, 1},
                               {2, 4, BackupOrigin::Scheduled, VerifyState::Unverified, 2},
                               {3, 3, BackupOrigin::Scheduled, VerifyState::Unverified, 1},
                               {4, 2, BackupOrigin::Scheduled, VerifyState::Unverified, 2}});
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(1, 0), kNow)),
             QVector<qint64>({1, 2}));
}

void TestRetentionPolicy::undatedNeverDeleted()
{
    auto list = fiveDaily();
    list[0].createdAt = QDateTime();
    QCOMPARE(ids(RetentionPolicy::backupsToDelete(list, rules(1, 0), kNow)),
             QVector<qint64>({2, 3, 4}));
}

QTEST_GUILESS_MAIN(TestRetentionPolicy)
#include "tst_schedule_retention.moc"
