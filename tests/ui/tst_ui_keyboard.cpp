// The main window driven from the keyboard, against pbxsim: Enter opens a backup, Esc and
// Alt+Left come back, Del asks before deleting, Ctrl+F filters, Ctrl+N opens the New PBX
// dialog, Ctrl+B backs up, Tab leaves every table, buttons carry mnemonics, and each table's
// rows have their context menu.
#include "ActivityView.h"
#include "BackupDetailView.h"
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "DeleteBackupDialog.h"
#include "JobLogModel.h"
#include "MainWindow.h"
#include "PbxDialog.h"
#include "RestoreDialog.h"
#include "RestoresView.h"
#include "RunningJobs.h"
#include "SimVault.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiKeyboard : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimVault> m_env;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_first = 0;
    qint64 m_second = 0;

    BackupsPage *page() const { return m_window->backupsPage(); }
    QTableView *backupTable() const { return page()->list()->table(); }

    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        QVERIFY(target);
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }

    void selectBackupRow(qint64 backupId)
    {
        page()->list()->selectBackup(backupId);
        backupTable()->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), backupTable());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = std::make_unique<SimVault>();
        QString error;
        QVERIFY2(m_env->start(&error), qPrintable(error));
        m_first = m_env->backUp(QStringLiteral("first"));
        m_second = m_env->backUp(QStringLiteral("second"));
        QVERIFY(m_first > 0 && m_second > 0);
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>(m_env->vault.ops(), m_env->vault.settings());
        m_window->resize(1024, 700);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->showView(QStringLiteral("backups"));
    }

    void cleanup()
    {
        const auto dialogs = QApplication::topLevelWidgets();
        for (QWidget *w : dialogs) {
            if (auto *d = qobject_cast<QDialog *>(w))
                d->reject();
        }
        m_window.reset();
    }

    void enterOpensAndEscOrAltLeftGoBack()
    {
        selectBackupRow(m_first);
        key(Qt::Key_Return);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        QCOMPARE(page()->detail()->backupId(), m_first);
        QVERIFY(m_window->backAction()->isEnabled());
        key(Qt::Key_Escape);
        QTRY_COMPARE(page()->currentWidget(), page()->list());
        QVERIFY(!m_window->backAction()->isEnabled()); // Esc is free again elsewhere

        selectBackupRow(m_second);
        key(Qt::Key_Return);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        key(Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(page()->currentWidget(), page()->list());
    }

    void tabLeavesEveryTable()
    {
        for (const QString &view :
             {QStringLiteral("backups"), QStringLiteral("restores"), QStringLiteral("activity")}) {
            m_window->showView(view);
            auto *table = m_window->findChild<QWidget *>(
                view == QLatin1String("backups")    ? QStringLiteral("backupTable")
                : view == QLatin1String("restores") ? QStringLiteral("restoreTable")
                                                    : QStringLiteral("jobLogTable"));
            QVERIFY(table);
            if (!table->isVisible())
                continue; // an empty history shows its explanation instead
            QVERIFY(!static_cast<QTableView *>(table)->tabKeyNavigation());
            table->setFocus(Qt::TabFocusReason);
            QTRY_COMPARE(QApplication::focusWidget(), table);
            key(Qt::Key_Tab);
            QVERIFY2(QApplication::focusWidget() != table, qPrintable(view));
        }
    }

    void deleteKeyAsksFirst()
    {
        const qint64 victim = m_env->backUp(QStringLiteral("to delete"));
        QVERIFY(victim > 0);
        QTRY_VERIFY(page()->list()->model()->rowOfBackup(victim) >= 0);
        selectBackupRow(victim);
        key(Qt::Key_Delete);
        DeleteBackupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<DeleteBackupDialog>(QStringLiteral("deleteBackupDialog"))));
        // Cancel is what Enter means: nothing is deleted without an explicit choice.
        dialog->reject();
        QVERIFY(m_env->vault.catalog().backup(victim).has_value());

        key(Qt::Key_Delete);
        QTRY_VERIFY((dialog = topLevel<DeleteBackupDialog>(QStringLiteral("deleteBackupDialog"))));
        dialog->confirm();
        QTRY_VERIFY_WITH_TIMEOUT(!m_env->vault.catalog().backup(victim).has_value(), 30000);
        QTRY_COMPARE(page()->list()->model()->rowOfBackup(victim), -1);

        // The same key in a backup's detail.
        const qint64 other = m_env->backUp(QStringLiteral("to delete from the detail"));
        page()->showDetail(other);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        m_window->activateWindow(); // the closed dialog had it
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        // The detail takes the keyboard when it is shown.
        QTRY_VERIFY(page()->detail()->isAncestorOf(QApplication::focusWidget()));
        key(Qt::Key_Delete);
        QTRY_VERIFY((dialog = topLevel<DeleteBackupDialog>(QStringLiteral("deleteBackupDialog"))));
        dialog->confirm();
        QTRY_VERIFY_WITH_TIMEOUT(!m_env->vault.catalog().backup(other).has_value(), 30000);
        QTRY_COMPARE(page()->currentWidget(), page()->list());
    }

    void ctrlFFocusesTheFilter()
    {
        m_window->showView(QStringLiteral("activity"));
        m_window->activityView()->table()->setFocus();
        key(Qt::Key_F, Qt::ControlModifier);
        auto *filter = page()->list()->findChild<QLineEdit *>(QStringLiteral("backupFilter"));
        QTRY_COMPARE(QApplication::focusWidget(), filter);
        QCOMPARE(m_window->currentView(), QStringLiteral("backups"));
    }

    void ctrlNOpensTheNewPbxDialog()
    {
        backupTable()->setFocus();
        key(Qt::Key_N, Qt::ControlModifier);
        PbxDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<PbxDialog>(QStringLiteral("pbxDialog"))));
        QCOMPARE(m_window->currentView(), QStringLiteral("pbxs"));
        dialog->reject();
    }

    void ctrlBBacksUpNow()
    {
        const int before = m_env->vault.catalog().backups().size();
        m_window->showView(QStringLiteral("restores"));
        m_window->findChild<QWidget *>(QStringLiteral("navigation"))->setFocus();
        key(Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(m_window->currentView(), QStringLiteral("backups"));
        QTRY_VERIFY_WITH_TIMEOUT(m_env->vault.catalog().backups().size() == before + 1, 60000);
        QTRY_COMPARE(m_window->runningJobs()->count(), 0);
    }

    void buttonsHaveMnemonics()
    {
        BackupsView *list = page()->list();
        for (const char *name : {"addBackupButton", "importBackupButton"})
            QVERIFY2(list->findChild<QAbstractButton *>(QLatin1String(name))
                         ->text()
                         .contains(QLatin1Char('&')),
                     name);
        BackupDetailView *detail = page()->detail();
        for (const char *name : {"restoreButton", "deleteButton", "verifyButton",
                                 "openFolderButton", "backToListButton"})
            QVERIFY2(detail->findChild<QAbstractButton *>(QLatin1String(name))
                         ->text()
                         .contains(QLatin1Char('&')),
                     name);
        // Alt+R in the detail is the Restore button.
        page()->showDetail(m_first);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        key(Qt::Key_R, Qt::AltModifier);
        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<RestoreDialog>(QStringLiteral("restoreDialog"))));
        dialog->reject();
    }

    void backupRowMenu()
    {
        BackupsView *list = page()->list();
        std::unique_ptr<QMenu> menu(list->createRowMenu(m_first));
        QVERIFY(menu);
        QStringList names;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                names << a->objectName();
        }
        QCOMPARE(names, (QStringList{"openAction", "restoreAction", "verifyAction", "deleteAction",
                                     "openFolderAction", "copyPathAction"}));
        const auto backup = m_env->vault.catalog().backup(m_first);
        menu->findChild<QAction *>(QStringLiteral("copyPathAction"))->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QDir::toNativeSeparators(backup->path));
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("openFolderAction"))->isEnabled());

        menu->findChild<QAction *>(QStringLiteral("restoreAction"))->trigger();
        RestoreDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<RestoreDialog>(QStringLiteral("restoreDialog"))));
        dialog->reject();

        menu->findChild<QAction *>(QStringLiteral("verifyAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_env->vault.catalog().backup(m_first)->verified == VerifyState::Intact, 30000);

        menu->findChild<QAction *>(QStringLiteral("openAction"))->trigger();
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        QCOMPARE(page()->detail()->backupId(), m_first);

        // A running backup's row has no menu: nothing to act on yet.
        QVERIFY(!list->createRowMenu(0));
    }

    void historyRowMenus()
    {
        JobLogModel *jobs = m_window->activityView()->model();
        QVERIFY(jobs->rowCount() > 0);
        const qint64 jobId = jobs->jobAt(0).id;
        std::unique_ptr<QMenu> menu(m_window->activityView()->createRowMenu(jobId));
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("showDetailsAction")));
        menu->findChild<QAction *>(QStringLiteral("copyAction"))->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().contains(jobs->jobAt(0).pbxName));

        // Enter on a row of the log shows its detail.
        m_window->showView(QStringLiteral("activity"));
        QTableView *table = m_window->activityView()->table();
        table->setCurrentIndex(table->model()->index(0, 0));
        table->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), table);
        key(Qt::Key_Return);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<QDialog>(QStringLiteral("jobDetailDialog"))));
        dialog->reject();

        std::unique_ptr<QMenu> restoreMenu(m_window->restoresView()->createRowMenu(1));
        QVERIFY(restoreMenu->findChild<QAction *>(QStringLiteral("showDetailsAction")));
        QVERIFY(restoreMenu->findChild<QAction *>(QStringLiteral("copyAction")));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_env.reset();
    }
};

QTEST_MAIN(TestUiKeyboard)
#include "tst_ui_keyboard.moc"
