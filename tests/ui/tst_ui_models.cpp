// Models, validation and formatting of the desktop application, without a network.
#include "BackupTableModel.h"
#include "PbxFormValidator.h"
#include "RestoreTableModel.h"
#include "SpeedMeter.h"
#include "UiTestKit.h"
#include "common/Labels.h"
#include "ops/Job.h"

#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiModels : public QObject
{
    Q_OBJECT

private:
    static QVector<BackupRecord> sample()
    {
        const auto at = [](int day) {
            return QDateTime(QDate(2025, 5, day), QTime(2, 0), Qt::UTC);
        };
        QVector<BackupRecord> v;
        auto add = [&](qint64 id, qint64 pbxId, const char *pbx, const char *file, qint64 size,
                       int day, const char *ip) {
            BackupRecord b;
            b.id = id;
            b.pbxId = pbxId;
            b.pbxName = QLatin1String(pbx);
            b.filename = QLatin1String(file);
            b.size = size;
            b.createdAt = at(day);
            b.masterIp = QLatin1String(ip);
            v.append(b);
        };
        add(1, 10, "Head office", "head_a.bak", 900, 1, "10.0.0.5");
        add(2, 10, "Head office", "head_b.bak", 2'000'000, 3, "10.0.0.5");
        add(3, 20, "Branch Rome", "rome_a.bak", 10'000, 2, "10.1.0.7");
        add(4, 20, "Branch Rome", "ROME_b.bak", 150'000'000, 5, "10.1.0.7");
        add(5, 10, "Head office", "head_c.bak", 55'000, 4, "10.0.0.5");
        return v;
    }

    static QList<qint64> ids(const BackupTableModel &model)
    {
        QList<qint64> out;
        for (int row = 0; row < model.rowCount(); ++row)
            out << model.backupIdAt(row);
        return out;
    }

private Q_SLOTS:
    void newestFirstByDefault()
    {
        BackupTableModel model;
        model.setBackups(sample());
        QCOMPARE(ids(model), (QList<qint64>{4, 5, 2, 3, 1}));
        QCOMPARE(model.headerData(BackupTableModel::FileNameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("File name"));
    }

    void sizeSortsByBytesNotText()
    {
        BackupTableModel model;
        model.setBackups(sample());
        model.sort(BackupTableModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(ids(model), (QList<qint64>{1, 3, 5, 2, 4}));
        model.sort(BackupTableModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(ids(model), (QList<qint64>{4, 2, 5, 3, 1}));
        // Human-readable text, exact bytes in the tooltip.
        const QModelIndex top = model.index(0, BackupTableModel::SizeColumn);
        QCOMPARE(top.data().toString(), Labels::size(150'000'000));
        QVERIFY(top.data(Qt::ToolTipRole).toString().contains(QStringLiteral("150")));
    }

    void fileNameSortIgnoresCase()
    {
        BackupTableModel model;
        model.setBackups(sample());
        model.sort(BackupTableModel::FileNameColumn, Qt::AscendingOrder);
        QCOMPARE(ids(model), (QList<qint64>{1, 2, 5, 3, 4}));
    }

    void filterMatchesNamePbxAndIp()
    {
        BackupTableModel model;
        model.setBackups(sample());
        model.setFilterText(QStringLiteral("ROME"));
        QCOMPARE(ids(model), (QList<qint64>{4, 3}));
        model.setFilterText(QStringLiteral("rome_b")); // narrowing
        QCOMPARE(ids(model), (QList<qint64>{4}));
        model.setFilterText(QStringLiteral("rome")); // widening again
        QCOMPARE(ids(model), (QList<qint64>{4, 3}));
        model.setFilterText(QStringLiteral("10.0.0.5"));
        QCOMPARE(ids(model), (QList<qint64>{5, 2, 1}));
        model.setFilterText(QStringLiteral("head office"));
        QCOMPARE(model.shownCount(), 3);
        model.setFilterText(QString());
        QCOMPARE(model.shownCount(), 5);
        QCOMPARE(model.totalCount(), 5);
    }

    void pbxFilterCombinesWithText()
    {
        BackupTableModel model;
        model.setBackups(sample());
        model.setPbxFilter(10);
        QCOMPARE(ids(model), (QList<qint64>{5, 2, 1}));
        model.setFilterText(QStringLiteral("_c"));
        QCOMPARE(ids(model), (QList<qint64>{5}));
        model.setPbxFilter(20);
        QCOMPARE(ids(model), QList<qint64>());
        model.setPbxFilter(0);
        QCOMPARE(ids(model), (QList<qint64>{5}));
        QCOMPARE(model.rowOfBackup(5), 0);
        QCOMPARE(model.rowOfBackup(1), -1);
    }

    void runningBackupRowOnTopUntilFinished()
    {
        BackupTableModel model;
        model.setBackups(sample());
        Job job(JobKind::Backup);
        model.addRunningBackup(&job, QStringLiteral("Head office"));
        QCOMPARE(model.rowCount(), 6);
        QVERIFY(model.isRunningRow(0));
        QCOMPARE(model.backupIdAt(0), 0);
        QCOMPARE(model.backupIdAt(1), 4);
        QVERIFY(model.index(0, 0).data().toString().contains(QStringLiteral("Head office")));
        job.setStage(QStringLiteral("Downloading"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Downloading"));
        job.setProgress(250, 1000);
        QCOMPARE(model.index(0, BackupTableModel::SizeColumn)
                     .data(BackupTableModel::ProgressRole)
                     .toInt(),
                 250);
        // Filtering never hides the running row.
        model.setFilterText(QStringLiteral("no such backup"));
        QCOMPARE(model.rowCount(), 1);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        job.succeed();
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void restoreModelShowsOutcomeAndError()
    {
        RestoreTableModel model;
        RestoreRecord ok;
        ok.id = 1;
        ok.outcome = RestoreOutcome::Success;
        ok.targetUrl = QStringLiteral("https://pbx.example.com");
        ok.filename = QStringLiteral("a.bak");
        ok.startedAt = QDateTime(QDate(2025, 5, 1), QTime(10, 0), Qt::UTC);
        RestoreRecord bad = ok;
        bad.id = 2;
        bad.outcome = RestoreOutcome::Failed;
        bad.error = QStringLiteral("The PBX is busy (503)");
        RestoreRecord running = ok;
        running.id = 3;
        running.outcome = RestoreOutcome::Running;
        model.setRestores({ok, bad, running});
        QCOMPARE(model.index(0, RestoreTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Succeeded"));
        QVERIFY(!model.index(0, RestoreTableModel::OutcomeColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QCOMPARE(model.index(1, RestoreTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Failed"));
        QCOMPARE(model.index(1, RestoreTableModel::ErrorColumn).data().toString(), bad.error);
        QCOMPARE(model.index(1, RestoreTableModel::TargetColumn).data().toString(), ok.targetUrl);
        QCOMPARE(model.index(2, RestoreTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Running"));
    }

    void validatorReportsEachField()
    {
        PbxRecord existing = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                                     QStringLiteral("https://192.0.2.1"));
        existing.id = 7;
        PbxForm form;
        const PbxFormErrors empty = PbxFormValidator::validate(form, {existing});
        QVERIFY(!empty.name.isEmpty());
        QVERIFY(!empty.url.isEmpty());
        QVERIFY(!empty.tenant.isEmpty());
        QVERIFY(!empty.username.isEmpty());
        QVERIFY(!empty.password.isEmpty());
        QVERIFY(empty.role.isEmpty());

        form.name = QStringLiteral("  head OFFICE ");
        form.url = QStringLiteral("pbx.example.com");
        form.tenant = QStringLiteral("default");
        form.username = QStringLiteral("admin");
        form.password = QStringLiteral("secret");
        form.role = PbxRole::Master;
        PbxFormErrors e = PbxFormValidator::validate(form, {existing});
        QVERIFY2(e.name.contains(QStringLiteral("already")), qPrintable(e.name));
        QVERIFY2(e.role.contains(QStringLiteral("Head office")), qPrintable(e.role));
        QVERIFY(e.url.isEmpty());

        // Editing the same PBX: its own name and master role are fine, password optional.
        form.id = 7;
        form.password.clear();
        QVERIFY(PbxFormValidator::validate(form, {existing}).isEmpty());

        form.tenant = QStringLiteral("my tenant");
        QVERIFY(!PbxFormValidator::validate(form, {existing}).tenant.isEmpty());
    }

    void urlNormalisation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty = refused
        QTest::newRow("bare host") << "pbx.example.com"
                                   << "https://pbx.example.com";
        QTest::newRow("with port") << "192.0.2.10:8443"
                                   << "https://192.0.2.10:8443";
        QTest::newRow("http kept") << "http://192.0.2.10"
                                   << "http://192.0.2.10";
        QTest::newRow("trailing slash") << "https://pbx.example.com/"
                                        << "https://pbx.example.com";
        QTest::newRow("path") << "https://pbx.example.com/admin"
                              << "";
        QTest::newRow("ftp") << "ftp://pbx.example.com"
                             << "";
        QTest::newRow("user info") << "https://admin@pbx.example.com"
                                   << "";
        QTest::newRow("only scheme") << "https://"
                                     << "";
    }

    void urlNormalisation()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QString error;
        const QUrl url = PbxFormValidator::normaliseUrl(input, &error);
        if (expected.isEmpty()) {
            QVERIFY(!url.isValid());
            QVERIFY(!error.isEmpty());
        } else {
            QCOMPARE(url.toString(), expected);
        }
    }

    void speedOverWindow()
    {
        SpeedMeter meter(3000);
        QCOMPARE(meter.bytesPerSecond(), 0.0);
        meter.add(0, 0);
        meter.add(100, 1000);
        QCOMPARE(meter.bytesPerSecond(), 0.0); // too short to tell
        meter.add(1000, 1'000'000);
        QCOMPARE(meter.bytesPerSecond(), 1'000'000.0);
        meter.add(5000, 5'000'000);
        meter.add(6000, 6'000'000);
        QCOMPARE(meter.bytesPerSecond(), 1'000'000.0);
        meter.add(6500, 10); // a new transfer starts over
        QCOMPARE(meter.bytesPerSecond(), 0.0);
    }

    void humanReadableSizes()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(Labels::size(900), QStringLiteral("900 bytes"));
        QCOMPARE(Labels::size(12'400'000), QStringLiteral("12.4 MB"));
        QCOMPARE(Labels::sizeProgress(1'000'000, -1), QStringLiteral("1.0 MB"));
        QCOMPARE(Labels::sizeProgress(1'000'000, 4'000'000), QStringLiteral("1.0 MB of 4.0 MB"));
        QCOMPARE(Labels::dateTime(QDateTime()), QStringLiteral("—"));
    }

    // One date format everywhere: the UI language's short one, in local time.
    void localeDates()
    {
        const QDateTime utc(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
        const QDateTime local = utc.toLocalTime();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(
            Labels::dateTime(utc),
            QStringLiteral("11/28/26 %1").arg(local.time().toString(QStringLiteral("h:mm AP"))));
        QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
        QCOMPARE(Labels::dateTime(utc),
                 QStringLiteral("28/11/26 %1").arg(local.time().toString(QStringLiteral("HH:mm"))));
        QCOMPARE(Labels::size(12'400'000), QStringLiteral("12,4 MB"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
