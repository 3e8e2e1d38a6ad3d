// Catalog::backupList(), the compact listing behind the Backups view: it must list exactly what
// backups() lists, in the same order, whatever the rows contain.
#include "CatalogTestUtil.h"
#include "catalog/CatalogValues.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestCatalogList : public QObject
{
    Q_OBJECT

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }
    std::unique_ptr<TestDir> m_dir;

    // Compares the list with backups() row by row.
    static void compareWithBackups(const BackupList &list, const QVector<BackupRecord> &records)
    {
        QCOMPARE(list.size(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i) {
            const BackupList::Row &row = list.at(i);
            const BackupRecord &b = records.at(i);
            QCOMPARE(row.id, b.id);
            QCOMPARE(row.pbxId, b.pbxId);
            QCOMPARE(row.size, b.size);
            QCOMPARE(row.createdMs, b.createdAt.toMSecsSinceEpoch());
            QCOMPARE(list.fileName(row).toString(), b.filename);
            QCOMPARE(list.masterIp(row).toString(), b.masterIp);
            QCOMPARE(list.pbxName(row.pbxId), b.pbxName);
            QCOMPARE(list.searchText(row).toString(), b.filename + u'\n' + b.masterIp);
            QVERIFY(row.verified == b.verified);
            QCOMPARE(row.changes, b.changes);
            QCOMPARE(row.changesBaseId, b.changesBaseId);
        }
    }

    // backupList(pbxId) against backups(pbxId).
    static void compareListings(Catalog &catalog, qint64 pbxId)
    {
        compareWithBackups(catalog.backupList(pbxId), catalog.backups(pbxId));
    }

private slots:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    void emptyCatalog()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"), PbxRole::Master);
        QVERIFY(catalog->addPbx(&pbx));
        const BackupList list = catalog->backupList();
        QVERIFY(list.isEmpty());
        QVERIFY(list.text().isEmpty());
        QVERIFY(catalog->lastError().isEmpty());
        compareListings(*catalog, 0);
        // Every PBX is named, with or without backups.
        QCOMPARE(list.pbxName(pbx.id), QStringLiteral("Main"));
    }

    void sameRowsAndOrderAsBackups()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord a = makePbx(QStringLiteral("Head office"), PbxRole::Master);
        PbxRecord b = makePbx(QStringLiteral("Filiale Müller"));
        QVERIFY(catalog->addPbx(&a));
        QVERIFY(catalog->addPbx(&b));
        // Inserted out of order, two sharing a time (the later id first), text that is not
        // ASCII, empty and IPv6 addresses, times before 1970 and on a leap day.
        struct Spec
        {
            qint64 pbx;
            const char *time;
            const char *file;
            const char *ip;
            qint64 size;
        };
        const Spec specs[] = {
            {a.id, "2024-05-03T00:00:00.250Z", "head_1.bak", "192.0.2.10", 1},
            {b.id, "2024-05-01T00:00:00Z", "müller_ß_€_😀.bak", "", 0},
            {a.id, "2024-02-29T23:59:59.999Z", "head_2.bak", "2001:db8::1", 5'000'000'000},
            {b.id, "2024-05-03T00:00:00.250Z", "MÜLLER_2.tar.gz", "192.0.2.11", 42},
            {a.id, "1969-07-20T20:17:40Z", "apollo.bak", "10.0.0.1", 7},
        };
        QVector<BackupRecord> records;
        for (const Spec &s : specs) {
            BackupRecord r =
                makeBackup(s.pbx, utc(QString::fromLatin1(s.time)), QString::fromUtf8(s.file));
            r.masterIp = QString::fromLatin1(s.ip);
            r.size = s.size;
            records << r;
        }
        QVERIFY(catalog->addBackups(&records));

        const BackupList list = catalog->backupList();
        const QVector<BackupRecord> all = catalog->backups();
        compareWithBackups(list, all);
        QCOMPARE(list.at(0).id, records[3].id); // the later of the two at the same time
        QCOMPARE(list.at(1).id, records[0].id);
        QCOMPARE(list.at(4).id, records[4].id);
        QVERIFY(list.at(4).createdMs < 0);

        compareListings(*catalog, 0);
        compareListings(*catalog, a.id);
        compareListings(*catalog, b.id);
        QVERIFY(catalog->backupList(b.id + 100).isEmpty());
    }

    void manyRowsInEitherInsertionOrder()
    {
        // Rows usually come out of the table oldest first (reversed), sometimes shuffled
        // (imports of old files: sorted).
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"), PbxRole::Master);
        QVERIFY(catalog->addPbx(&pbx));
        const QDateTime start = utc(QStringLiteral("2024-01-01T00:00:00Z"));
        QVector<BackupRecord> oldestFirst;
        for (int i = 0; i < 300; ++i)
            oldestFirst << makeBackup(pbx.id, start.addSecs(3600LL * i));
        QVERIFY(catalog->addBackups(&oldestFirst));
        compareWithBackups(catalog->backupList(), catalog->backups());

        QVector<BackupRecord> shuffled;
        QRandomGenerator random(7);
        for (int i = 0; i < 300; ++i)
            shuffled << makeBackup(pbx.id, start.addSecs(random.bounded(10'000'000)),
                                   QStringLiteral("import_%1.bak").arg(i));
        QVERIFY(catalog->addBackups(&shuffled));
        compareWithBackups(catalog->backupList(), catalog->backups());
    }

    // More rows than one multi-row INSERT holds (PostgreSQL batches them): each record gets
    // the id of its own row, in order, whatever its name holds (a tab, non-ASCII).
    void bulkInsertGivesEachRecordItsId()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"), PbxRole::Master);
        QVERIFY(catalog->addPbx(&pbx));
        const QDateTime start = utc(QStringLiteral("2024-01-01T00:00:00Z"));
        QVector<BackupRecord> rows;
        for (int i = 0; i < 1203; ++i) {
            rows << makeBackup(pbx.id, start.addSecs(60LL * i),
                               QStringLiteral("caf\u00e9\t%1.bak").arg(i));
            rows.last().verified = i % 3 == 0 ? VerifyState::Intact : VerifyState::Unverified;
        }
        QVERIFY2(catalog->addBackups(&rows), qPrintable(catalog->lastError()));
        for (int i = 0; i < rows.size(); ++i) {
            QVERIFY(rows.at(i).id > 0);
            if (i > 0)
                QVERIFY(rows.at(i).id > rows.at(i - 1).id);
        }
        for (int i : {0, 499, 500, 501, 1000, 1202}) {
            const std::optional<BackupRecord> stored = catalog->backup(rows.at(i).id);
            QVERIFY(stored);
            QCOMPARE(stored->filename, rows.at(i).filename);
            QCOMPARE(stored->createdAt, rows.at(i).createdAt);
        }
        compareWithBackups(catalog->backupList(), catalog->backups());
    }

    // PostgreSQL hands each row over as one line of text: nothing a name holds may shift a
    // row's fields, over thousands of rows, a hole in the ids and per PBX.
    void textsThatLookLikeTheFramingOfRows()
    {
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord a = makePbx(QStringLiteral("Main"), PbxRole::Master);
        PbxRecord b = makePbx(QStringLiteral("Branch 😀"));
        QVERIFY(catalog->addPbx(&a));
        QVERIFY(catalog->addPbx(&b));
        const QStringList names{
            QStringLiteral("line\nbreak.bak"),
            QStringLiteral("tab\there.bak"),
            QStringLiteral("back\\slash\\n.bak"),
            QStringLiteral("12 34 intact 5 x.bak"),
            QStringLiteral(" leading and trailing spaces "),
            QStringLiteral("😀😀 outside the BMP 𝄞.bak"),
            QStringLiteral("città_über_ß.bak"),
            QString(),
            QStringLiteral("\n"),
            QStringLiteral("x").repeated(5000),
        };
        // A tab in the address must not shift the fields after it (a hostile PBX's answer).
        const QStringList ips{QStringLiteral("192.0.2.1"), QStringLiteral("a\nb"),
                              QStringLiteral("3 😀"), QString(), QStringLiteral("a\t\t😀b\t")};
        const QDateTime start = utc(QStringLiteral("2024-01-01T00:00:00Z"));
        QVector<BackupRecord> rows;
        for (int i = 0; i < 9000; ++i) {
            // Branch's backups only in the first and last thousand: whole ranges without one.
            const bool branch = i % 7 == 0 && (i < 1000 || i >= 8000);
            rows << makeBackup(branch ? b.id : a.id, start.addSecs(60LL * (i % 4000)),
                               names.at(i % names.size()) +
                                   (i % 3 ? QString::number(i) : QString()));
            rows.last().masterIp = ips.at(i % ips.size());
            rows.last().size = i % 5 == 0 ? 0 : 5'000'000'000LL + i;
            rows.last().verified = static_cast<VerifyState>(i % 5);
        }
        QVERIFY2(catalog->addBackups(&rows), qPrintable(catalog->lastError()));
        QVERIFY(catalog->setChanges(rows[10].id, 0, rows[3].id));
        QVERIFY(catalog->setChanges(rows[11].id, 7, rows[10].id));
        QVERIFY(catalog->setChanges(rows[12].id, -1, rows[11].id));
        // A hole in the ids.
        RawDb raw(catalogPath());
        bool ok = false;
        raw.exec(QStringLiteral("DELETE FROM backups WHERE id >= ? AND id < ?"),
                 {rows[4000].id, rows[8500].id}, &ok);
        QVERIFY(ok);
        compareListings(*catalog, 0);
        compareListings(*catalog, a.id);
        compareListings(*catalog, b.id);
        compareListings(*catalog, b.id + 100);
    }

    void readsTimesWrittenByOthers()
    {
        // Without milliseconds, with an offset, or unreadable: as backups() reads them.
        OPEN_CATALOG(catalog, catalogPath());
        PbxRecord pbx = makePbx(QStringLiteral("Main"));
        QVERIFY(catalog->addPbx(&pbx));
        QVector<BackupRecord> rows;
        for (int i = 0; i < 3; ++i)
            rows << makeBackup(pbx.id, utc(QStringLiteral("2024-05-01T10:00:00Z")).addDays(i));
        QVERIFY(catalog->addBackups(&rows));
        RawDb raw(catalogPath());
        const QStringList stored{QStringLiteral("2024-05-01T12:30:00+02:00"),
                                 QStringLiteral("2024-05-02T10:00:00Z"),
                                 QStringLiteral("2023-02-29T10:00:00.000Z")};
        for (int i = 0; i < rows.size(); ++i) {
            bool ok = false;
            raw.exec(QStringLiteral("UPDATE backups SET created_at = ? WHERE id = ?"),
                     {stored[i], rows[i].id}, &ok);
            QVERIFY(ok);
        }
        const BackupList list = catalog->backupList();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).id, rows[1].id);
        QCOMPARE(list.at(0).createdMs,
                 utc(QStringLiteral("2024-05-02T10:00:00Z")).toMSecsSinceEpoch());
        QCOMPARE(list.at(1).id, rows[0].id);
        QCOMPARE(list.at(1).createdMs,
                 utc(QStringLiteral("2024-05-01T10:30:00Z")).toMSecsSinceEpoch());
        // 29 February 2023 does not exist: no time, listed last.
        QCOMPARE(list.at(2).id, rows[2].id);
        QCOMPARE(list.at(2).createdMs, BackupList::kNoTime);
    }

    void fastTimeParsingAgreesWithQDateTime()
    {
        using catalogvalues::fromTime;
        using catalogvalues::toMSecsSinceEpoch;
        QRandomGenerator random(11);
        const qint64 year1 = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 year9999 =
            QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
        QVector<qint64> samples{0, -1, 951782400000 /* 2000-02-29 */, year1, year9999};
        for (int i = 0; i < 2000; ++i)
            samples << year1 + qint64(random.generateDouble() * double(year9999 - year1));
        for (qint64 ms : std::as_const(samples)) {
            const QVariant text = fromTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
            QCOMPARE(toMSecsSinceEpoch(text, -1), ms);
            QCOMPARE(toMSecsSinceEpoch(text.toString().toUtf8(), -1), ms);
        }
        QCOMPARE(toMSecsSinceEpoch(QVariant(), -7), -7);
        QCOMPARE(toMSecsSinceEpoch(QByteArray("2024-13-01T00:00:00.000Z"), -7), -7);
        QCOMPARE(toMSecsSinceEpoch(QByteArray("2024-01-01T10:61:00.000Z"), -7), -7);
        QCOMPARE(toMSecsSinceEpoch(QByteArray("garbage"), -7), -7);
    }

    void appendKeepsEveryRowApart()
    {
        BackupList list;
        list.append(1, 10, 100, 1000, u"a.bak", u"192.0.2.1");
        list.appendUtf8(2, 10, 200, 2000, "b_è.bak", "");
        list.append(3, 20, 300, 1000, u"", u"::1");
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.fileName(list.at(1)).toString(), QStringLiteral("b_è.bak"));
        QCOMPARE(list.masterIp(list.at(1)).toString(), QString());
        QCOMPARE(list.fileName(list.at(2)).toString(), QString());
        QCOMPARE(list.masterIp(list.at(2)).toString(), QStringLiteral("::1"));
        QCOMPARE(list.text(), QStringLiteral("a.bak\n192.0.2.1\nb_è.bak\n\n\n::1\n"));
        list.sortNewestFirst();
        QCOMPARE(list.at(0).id, qint64(2));
        QCOMPARE(list.at(1).id, qint64(3));
        QCOMPARE(list.at(2).id, qint64(1));
        QCOMPARE(list.fileName(list.at(2)).toString(), QStringLiteral("a.bak"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogList)
#include "tst_catalog_list.moc"
