// The full story behind a history row, against pbxsim: a refused restore's detail shows the
// whole error, copies it, and opens both the restored backup and the safety backup taken
// first; a job's detail shows an error far longer than its table cell. A backup that the PBX
// turns away for a passing reason counts down to its next attempt in the status bar and the
// tray tooltip ("retrying in N s (attempt 2 of 3)").
#include "ActivityView.h"
#include "BackupDetailView.h"
#include "BackupsPage.h"
#include "DesktopApp.h"
#include "HistoryDetailDialog.h"
#include "JobLogModel.h"
#include "JobStatusIndicator.h"
#include "MainWindow.h"
#include "PendingRetries.h"
#include "RestoreTableModel.h"
#include "RestoresView.h"
#include "SimVault.h"
#include "TrayController.h"
#include "ops/SchedulerService.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiDetails : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimVault> m_env;
    qint64 m_backupId = 0;

    static QString messageOf(QDialog *dialog)
    {
        return dialog->findChild<QPlainTextEdit *>(QStringLiteral("messageText"))->toPlainText();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = std::make_unique<SimVault>();
        QString error;
        QVERIFY2(m_env->start(&error), qPrintable(error));
        m_backupId = m_env->backUp();
        QVERIFY(m_backupId > 0);
    }

    void cleanupTestCase() { m_env.reset(); }

    void failedRestoreShowsErrorAndLinksToBothBackups()
    {
        QVERIFY(m_env->sim.addFault(QStringLiteral("restore-busy")));
        RestoreOptions options; // with a safety backup first
        Job *job = m_env->vault.ops().restoreBackup(m_backupId, m_env->pbxId, options);
        QVERIFY(finishJob(job));
        QVERIFY(!job->ok());
        job->deleteLater();
        QVERIFY(m_env->sim.clearFaults());
        const auto restores = m_env->vault.catalog().restores(true);
        QCOMPARE(restores.size(), 1);
        const RestoreRecord failed = restores.first();
        QVERIFY(!failed.error.isEmpty());
        QVERIFY(failed.safetyBackupId > 0);

        MainWindow window(m_env->vault.ops(), m_env->vault.settings());
        window.resize(1024, 700);
        window.show();
        window.showView(QStringLiteral("restores"));
        RestoresView *view = window.restoresView();
        HistoryDetailDialog *dialog = view->showDetails(failed.id);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(messageOf(dialog), failed.error);
        const auto safety = m_env->vault.catalog().backup(failed.safetyBackupId);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("safetyValue"))->text(),
                 safety->filename);

        dialog->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.contains(failed.error), qPrintable(copied));
        QVERIFY(copied.contains(failed.filename));
        QVERIFY(copied.contains(safety->filename));

        // The safety backup: the window shows its detail.
        auto *openSafety =
            dialog->findChild<QPushButton *>(QStringLiteral("openSafetyBackupButton"));
        QVERIFY(openSafety->isEnabled());
        openSafety->click();
        QTRY_COMPARE(window.currentView(), QStringLiteral("backups"));
        QCOMPARE(window.backupsPage()->currentWidget(), window.backupsPage()->detail());
        QCOMPARE(window.backupsPage()->detail()->backupId(), failed.safetyBackupId);

        // The restored backup, from Enter on the row this time.
        window.showView(QStringLiteral("restores"));
        QTableView *table = view->findChild<QTableView *>(QStringLiteral("restoreTable"));
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, 0);
            if (index.data(RestoreTableModel::RestoreIdRole).toLongLong() == failed.id)
                table->setCurrentIndex(index);
        }
        Q_EMIT table->activated(table->currentIndex());
        QTRY_VERIFY(
            (dialog = topLevel<HistoryDetailDialog>(QStringLiteral("restoreDetailDialog"))));
        dialog->findChild<QPushButton *>(QStringLiteral("openBackupButton"))->click();
        QTRY_COMPARE(window.currentView(), QStringLiteral("backups"));
        QCOMPARE(window.backupsPage()->detail()->backupId(), m_backupId);
    }

    void jobDetailShowsTheWholeError()
    {
        Catalog &catalog = m_env->vault.catalog();
        QString longError = QStringLiteral("The PBX answered 502 Bad Gateway while sending the "
                                           "backup file");
        for (int i = 0; i < 12; ++i)
            longError += QStringLiteral("; upstream %1 closed the connection").arg(i);
        longError += QStringLiteral(". END");
        JobRecord record;
        record.kind = JobKind::Backup;
        record.trigger = JobTrigger::Scheduled;
        record.pbxId = m_env->pbxId;
        record.pbxName = QStringLiteral("Sede Milano");
        record.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        QVERIFY(catalog.beginJob(&record));
        QVERIFY(catalog.finishJob(record.id, JobOutcome::Failed, 0, longError,
                                  QDateTime::currentDateTimeUtc()));

        MainWindow window(m_env->vault.ops(), m_env->vault.settings());
        window.resize(1024, 700);
        window.show();
        window.showView(QStringLiteral("activity"));
        ActivityView *view = window.activityView();
        view->refresh();
        QVERIFY(view->model()->rowOfJob(record.id) >= 0);
        // The table cell is elided; the detail is not.
        QTableView *table = view->table();
        const int row = view->model()->rowOfJob(record.id);
        QVERIFY(table->columnWidth(JobLogModel::DetailColumn) <
                table->fontMetrics().horizontalAdvance(longError));
        HistoryDetailDialog *dialog = view->showDetails(record.id);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(messageOf(dialog), longError);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("pbxValue")));
        dialog->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(longError));
        dialog->reject();

        // Ctrl+C on the row copies the same text.
        QGuiApplication::clipboard()->clear();
        table->setCurrentIndex(view->model()->index(row, 0));
        table->setFocus();
        view->findChild<QAction *>(QStringLiteral("copyJobAction"))->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(longError));
    }

    void retryCountsDownInStatusBarAndTray()
    {
        DesktopApp::Options options;
        options.noTray = true;
        DesktopApp app(m_env->vault.ops(), m_env->vault.settings(), options);
        app.scheduler()->setRetryPolicy(3, 4);
        app.start();
        JobStatusIndicator *status = app.window()->jobStatus();
        QCOMPARE(status->text(), QStringLiteral("No jobs running"));

        // Every request answered 503: a passing failure, retried.
        QVERIFY(m_env->sim.addFault(QStringLiteral("status=503:.*")));
        QVERIFY(app.scheduler()->backUpNow(m_env->pbxId));
        QTRY_VERIFY_WITH_TIMEOUT(!app.pendingRetries()->isEmpty(), 30000);
        const QRegularExpression pattern(
            QStringLiteral("Backup of Sede Milano: retrying in (\\d+) s \\(attempt 2 of 3\\)"));
        QRegularExpressionMatch match;
        QTRY_VERIFY((match = pattern.match(status->text())).hasMatch());
        const int first = match.captured(1).toInt();
        QVERIFY2(first > 0 && first <= 4, qPrintable(status->text()));
        QVERIFY2(pattern.match(app.tray()->toolTip()).hasMatch(),
                 qPrintable(app.tray()->toolTip()));
        // It counts down by itself.
        QTRY_VERIFY_WITH_TIMEOUT((match = pattern.match(status->text())).hasMatch() &&
                                     match.captured(1).toInt() < first,
                                 5000);

        // The PBX is back: the next attempt succeeds and the countdown is gone.
        const int before = m_env->vault.catalog().backups().size();
        QVERIFY(m_env->sim.clearFaults());
        QTRY_VERIFY_WITH_TIMEOUT(m_env->vault.catalog().backups().size() == before + 1, 60000);
        QTRY_VERIFY(app.pendingRetries()->isEmpty());
        QTRY_COMPARE(status->text(), QStringLiteral("No jobs running"));
        QVERIFY(!app.tray()->toolTip().contains(QStringLiteral("retrying")));
    }
};

QTEST_MAIN(TestUiDetails)
#include "tst_ui_details.moc"
