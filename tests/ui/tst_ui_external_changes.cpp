// The main window follows the catalog file: what another connection commits (the command
// line, the daemon, another window: here a second Catalog on the same file) shows up within
// 2 s without a restart, selections and scroll positions stay, and F5 reloads everything.
#include "ActivityView.h"
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "JobLogModel.h"
#include "MainWindow.h"
#include "PbxTreeModel.h"
#include "PbxsView.h"
#include "RestoreTableModel.h"
#include "RestoresView.h"
#include "UiTestKit.h"
#include "catalog/CatalogWatcher.h"

#include <QAction>
#include <QComboBox>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {
bool tableShows(const QAbstractItemModel *model, int idRole, qint64 id)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(idRole).toLongLong() == id)
            return true;
    }
    return false;
}
} // namespace

class TestUiExternalChanges : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<UiTestVault> m_vault;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Catalog> m_cli; // the other program

    BackupsView *backups() const { return m_window->backupsPage()->list(); }
    BackupTableModel *backupModel() const { return backups()->model(); }

    PbxRecord addPbxElsewhere(const QString &name)
    {
        PbxRecord pbx = makePbx(name, PbxRole::Secondary, QStringLiteral("https://192.0.2.1"));
        if (!m_cli->addPbx(&pbx))
            qWarning() << m_cli->lastError();
        return pbx;
    }

    BackupRecord addBackupElsewhere(const PbxRecord &pbx, const QDateTime &at)
    {
        BackupRecord b = makeBackups(1, {pbx}, at).first();
        if (!m_cli->addBackup(&b))
            qWarning() << m_cli->lastError();
        return b;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_vault = std::make_unique<UiTestVault>();
        QVERIFY2(m_vault->open(&error), qPrintable(error));
        m_window = std::make_unique<MainWindow>(m_vault->ops(), m_vault->settings());
        m_window->resize(1024, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->catalogWatcher());
        QVERIFY(m_window->catalogWatcher()->isWatching());
        m_cli = Catalog::open(m_vault->catalog().path(), &error);
        QVERIFY2(m_cli, qPrintable(error));
    }

    void cleanup()
    {
        m_cli.reset();
        m_window.reset();
        m_vault.reset();
    }

    void showsWhatAnotherProgramWrites()
    {
        const PbxRecord pbx = addPbxElsewhere(QStringLiteral("Branch"));
        QVERIFY(pbx.id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->pbxsView()->model()->indexOfPbx(pbx.id).isValid(), 2000);
        // The Backups view offers the new PBX in its filter too.
        auto *filter = backups()->findChild<QComboBox *>(QStringLiteral("backupPbxFilter"));
        QVERIFY(filter);
        QVERIFY(filter->findData(pbx.id) >= 0);

        const BackupRecord b = addBackupElsewhere(pbx, QDateTime::currentDateTimeUtc());
        QVERIFY(b.id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(backupModel()->rowOfBackup(b.id) >= 0, 2000);

        RestoreRecord r;
        r.backupId = b.id;
        r.targetPbxId = pbx.id;
        r.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_cli->beginRestore(&r));
        QTRY_VERIFY_WITH_TIMEOUT(
            tableShows(m_window->restoresView()->model(), RestoreTableModel::RestoreIdRole, r.id),
            2000);

        JobRecord job;
        job.kind = JobKind::Verify;
        job.pbxId = pbx.id;
        job.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_cli->beginJob(&job));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->activityView()->model()->rowCount(), 1, 2000);
    }

    void keepsSelectionAndScrollPosition()
    {
        const PbxRecord pbx = addPbxElsewhere(QStringLiteral("Main"));
        QVector<BackupRecord> many = makeBackups(300, {pbx}, QDateTime::currentDateTimeUtc());
        QVERIFY(m_cli->addBackups(&many));
        QTRY_COMPARE_WITH_TIMEOUT(backupModel()->totalCount(), 300, 2000);

        QTableView *table = backups()->table();
        const qint64 chosen = many.at(150).id;
        backups()->selectBackup(chosen);
        QScrollBar *bar = table->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        bar->setValue(bar->maximum() / 2);
        const int scrolled = bar->value();

        RestoreRecord r;
        r.backupId = many.first().id;
        r.targetPbxId = pbx.id;
        r.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_cli->beginRestore(&r));
        QTRY_VERIFY_WITH_TIMEOUT(
            tableShows(m_window->restoresView()->model(), RestoreTableModel::RestoreIdRole, r.id),
            2000);
        QCOMPARE(bar->value(), scrolled);
        QCOMPARE(table->currentIndex().data(BackupTableModel::BackupIdRole).toLongLong(), chosen);

        const BackupRecord newer = addBackupElsewhere(pbx, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE_WITH_TIMEOUT(backupModel()->totalCount(), 301, 2000);
        QVERIFY(backupModel()->rowOfBackup(newer.id) >= 0);
        QCOMPARE(bar->value(), scrolled);
        QCOMPARE(table->currentIndex().data(BackupTableModel::BackupIdRole).toLongLong(), chosen);
    }

    void hiddenWindowCatchesUpWhenShown()
    {
        // In the tray the window skips the reloads and does one when it is shown again.
        m_window->hide();
        QSignalSpy changes(m_window->catalogWatcher(), &CatalogWatcher::externalChange);
        const PbxRecord pbx = addPbxElsewhere(QStringLiteral("Warehouse"));
        QVERIFY(changes.wait(2000));
        QVERIFY(!m_window->pbxsView()->model()->indexOfPbx(pbx.id).isValid());

        m_window->show();
        QVERIFY(m_window->pbxsView()->model()->indexOfPbx(pbx.id).isValid());
    }

    void f5ReloadsEverything()
    {
        // Without the watcher only F5 can bring the other program's rows in.
        m_window->catalogWatcher()->stop();
        QCOMPARE(m_window->refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));

        const PbxRecord pbx = addPbxElsewhere(QStringLiteral("Lab"));
        const BackupRecord b = addBackupElsewhere(pbx, QDateTime::currentDateTimeUtc());
        RestoreRecord r;
        r.backupId = b.id;
        r.targetPbxId = pbx.id;
        r.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_cli->beginRestore(&r));
        QVERIFY(!m_window->pbxsView()->model()->indexOfPbx(pbx.id).isValid());
        QCOMPARE(backupModel()->rowOfBackup(b.id), -1);

        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keySequence(m_window.get(), QKeySequence::Refresh);
        QTRY_VERIFY(m_window->pbxsView()->model()->indexOfPbx(pbx.id).isValid());
        QTRY_VERIFY(backupModel()->rowOfBackup(b.id) >= 0);
        QTRY_VERIFY(
            tableShows(m_window->restoresView()->model(), RestoreTableModel::RestoreIdRole, r.id));
    }
};

QTEST_MAIN(TestUiExternalChanges)
#include "tst_ui_external_changes.moc"
