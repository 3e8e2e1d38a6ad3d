// The real main window driven like an operator would, against pbxsim over TLS, with the
// passwords in a real (private) keychain: register the PBX (trusting its self-signed
// certificate), "+", open the detail, restore (success, and refused by the PBX), delete.
// Every test function starts from a fresh vault and window and runs alone
// (`tst_ui_windows FUNCTION`); the ones that need a PBX or a backup make them through
// Operations first.
#include "BackupDetailView.h"
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "CertificatePrompt.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PbxDialog.h"
#include "PbxSim.h"
#include "PbxTreeModel.h"
#include "PbxsView.h"
#include "RestoreDialog.h"
#include "RestoreTableModel.h"
#include "RestoresView.h"
#include "UiTestKit.h"
#include "pbx/PbxClient.h"
#include "secrets/SecretStore.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiWindows : public QObject
{
    Q_OBJECT

    std::unique_ptr<PbxSim> m_sim;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<UiTestVault> m_vault;
    std::unique_ptr<MainWindow> m_window;

    template <typename T> static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }

    BackupsPage *page() const { return m_window->backupsPage(); }
    BackupTableModel *backupModel() const { return page()->list()->model(); }

    qint64 onlyBackupId()
    {
        const auto backups = m_vault->catalog().backups();
        return backups.size() == 1 ? backups.first().id : 0;
    }

    void clickFileName(qint64 backupId)
    {
        QTableView *table = page()->list()->table();
        const int row = backupModel()->rowOfBackup(backupId);
        QVERIFY(row >= 0);
        const QModelIndex index = backupModel()->index(row, BackupTableModel::FileNameColumn);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    }

    // Registers pbxsim as "Head office" (certificate trusted, password in the keychain).
    qint64 addHeadOffice()
    {
        PbxRecord pbx =
            makePbx(QStringLiteral("Head office"), PbxRole::Master, m_sim->url().toString());
        pbx.fingerprint = m_sim->fingerprint();
        pbx.username = QStringLiteral("admin");
        std::unique_ptr<Job> add(m_vault->ops().addPbx(pbx, QStringLiteral("secret")));
        if (!add->isFinished()) {
            QSignalSpy finished(add.get(), &Job::finished);
            if (!finished.wait(15000))
                return 0;
        }
        return add->ok() ? add->pbxId() : 0;
    }

    // A manual backup of that PBX through the one pipeline; its catalog id, or 0.
    qint64 backUp(qint64 pbxId)
    {
        Job *job = m_vault->ops().backupPbx(pbxId, JobTrigger::Manual);
        if (!job)
            return 0;
        QSignalSpy finished(job, &Job::finished);
        if (!job->isFinished() && !finished.wait(60000))
            return 0;
        return job->ok() ? job->backupId() : 0;
    }

    // Head office and one backup of it, shown in the Backups list; the backup's id.
    qint64 oneBackupListed()
    {
        const qint64 pbxId = addHeadOffice();
        const qint64 id = pbxId > 0 ? backUp(pbxId) : 0;
        if (id <= 0)
            return 0;
        m_window->showView(QStringLiteral("backups"));
        page()->list()->refresh();
        [&] {
            QTRY_VERIFY(backupModel()->rowOfBackup(id) >= 0);
        }();
        return backupModel()->rowOfBackup(id) >= 0 ? id : 0;
    }

    RestoreDialog *openRestore()
    {
        page()->detail()->findChild<QPushButton *>(QStringLiteral("restoreButton"))->click();
        RestoreDialog *dialog = nullptr;
        [&] {
            QTRY_VERIFY((dialog = topLevel<RestoreDialog>(QStringLiteral("restoreDialog"))));
        }();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<PbxSim>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        m_keychain =
            std::make_unique<KeychainSecretStore>(nullptr, QStringLiteral("PBX Vault UI test"));
    }

    void init()
    {
        m_vault = std::make_unique<UiTestVault>(m_keychain.get());
        QString error;
        QVERIFY2(m_vault->open(&error), qPrintable(error));
        m_window = std::make_unique<MainWindow>(m_vault->ops(), m_vault->settings());
        m_window->show();
        QCOMPARE(m_window->windowTitle(), QStringLiteral("PBX Vault"));
    }

    void cleanup()
    {
        const auto dialogs = QApplication::topLevelWidgets();
        for (QWidget *w : dialogs)
            if (w != m_window.get() && qobject_cast<QDialog *>(w))
                w->close();
        m_window.reset();
        m_vault.reset();
        QVERIFY(m_sim->clearFaults());
    }

    void cleanupTestCase()
    {
        m_keychain.reset();
        m_sim.reset();
    }

    void newPbxTrustsTheFingerprintAfterAsking()
    {
        m_window->showView(QStringLiteral("pbxs"));
        PbxsView *pbxs = m_window->pbxsView();
        child<QPushButton>(pbxs, "newPbxButton")->click();
        PbxDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<PbxDialog>(QStringLiteral("pbxDialog"))));
        QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Head office"));
        child<QLineEdit>(dialog, "urlEdit")->setText(m_sim->url().toString());
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("admin"));
        QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("secret"));
        // Off unless asked for: every backup is kept.
        QVERIFY(!child<QCheckBox>(dialog, "keepOnlyChangedCheck")->isChecked());

        child<QPushButton>(dialog, "testConnectionButton")->click();
        CertificatePrompt *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (prompt = topLevel<CertificatePrompt>(QStringLiteral("certificatePrompt"))), 15000);
        // The operator sees the fingerprint, formatted for comparing by eye.
        const QString shown = child<QLabel>(prompt, "presentedFingerprint")->text();
        QCOMPARE(shown.simplified().remove(QLatin1Char(' ')),
                 PbxClient::formatFingerprint(m_sim->fingerprint()));
        QVERIFY(dialog->connectionResult().contains(QStringLiteral("✗")));
        child<QPushButton>(prompt, "trustButton")->click();

        // Trusting it tests again, now successfully.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->connectionResult().contains(QStringLiteral("4.9.4")),
                                 15000);
        QCOMPARE(dialog->trustedFingerprint(), m_sim->fingerprint());

        child<QPushButton>(dialog, "saveButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 15000);
        const auto pbx = m_vault->catalog().pbxByName(QStringLiteral("Head office"));
        QVERIFY(pbx);
        QVERIFY(pbx->role == PbxRole::Master);
        QCOMPARE(pbx->fingerprint, m_sim->fingerprint());
        QVERIFY(pbxs->model()->indexOfPbx(pbx->id).isValid());
    }

    void plusAddsARow()
    {
        QVERIFY(addHeadOffice() > 0);
        m_window->showView(QStringLiteral("backups"));
        QCOMPARE(backupModel()->totalCount(), 0);
        auto *plus = child<QToolButton>(page()->list(), "addBackupButton");
        QTest::mouseClick(plus, Qt::LeftButton);
        // A running row shows at once, the real row when the backup is in.
        QCOMPARE(backupModel()->rowCount(), 1);
        QVERIFY(backupModel()->isRunningRow(0));
        QTRY_COMPARE_WITH_TIMEOUT(backupModel()->totalCount(), 1, 30000);
        QTRY_COMPARE(backupModel()->rowCount(), 1);
        QVERIFY(!backupModel()->isRunningRow(0));
        const qint64 id = onlyBackupId();
        QVERIFY(id > 0);
        QCOMPARE(backupModel()->backupIdAt(0), id);
        const auto backup = m_vault->catalog().backup(id);
        QCOMPARE(backupModel()->index(0, BackupTableModel::FileNameColumn).data().toString(),
                 backup->filename);
        QCOMPARE(backupModel()->index(0, BackupTableModel::PbxColumn).data().toString(),
                 QStringLiteral("Head office"));
        QVERIFY(
            !backupModel()->index(0, BackupTableModel::MasterIpColumn).data().toString().isEmpty());
        QVERIFY(QFile::exists(backup->path));

        // Changes since the previous backup: not known for the first one (the tooltip says
        // why), none for a second one taken with nothing changed on the PBX.
        QCOMPARE(backupModel()->headerData(BackupTableModel::ChangesColumn, Qt::Horizontal),
                 QVariant(QStringLiteral("Changes")));
        const QModelIndex first = backupModel()->index(0, BackupTableModel::ChangesColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("\u2014"));
        QVERIFY(first.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Not known")));
        QTest::mouseClick(plus, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(backupModel()->totalCount(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            backupModel()->index(0, BackupTableModel::ChangesColumn).data().toString(),
            QStringLiteral("No changes"), 30000);
        QCOMPARE(backupModel()
                     ->index(0, BackupTableModel::ChangesColumn)
                     .data(Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("The same configuration as backup %1.").arg(id));
    }

    void detailShowsTenantAndPath()
    {
        const qint64 id = oneBackupListed();
        QVERIFY(id > 0);
        clickFileName(id);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        BackupDetailView *detail = page()->detail();
        const auto backup = m_vault->catalog().backup(id);
        QCOMPARE(child<QLabel>(detail, "tenantValue")->text(), QStringLiteral("default"));
        QCOMPARE(child<QLabel>(detail, "pathValue")->text(), backup->path);
        QCOMPARE(child<QLabel>(detail, "fileNameValue")->text(), backup->filename);
        QCOMPARE(child<QLabel>(detail, "firmwareValue")->text(), QStringLiteral("4.9.4"));
        QCOMPARE(child<QLabel>(detail, "sha256Value")->text(), backup->sha256);
        auto *members = child<QTreeWidget>(detail, "memberTree");
        QTRY_VERIFY(members->topLevelItemCount() > 0);
        // Green restore bottom right, red delete bottom left.
        auto *restore = child<QPushButton>(detail, "restoreButton");
        auto *remove = child<QPushButton>(detail, "deleteButton");
        QVERIFY(restore->mapTo(detail, QPoint()).x() > detail->width() / 2);
        QVERIFY(remove->mapTo(detail, QPoint()).x() < detail->width() / 2);
        QVERIFY(restore->mapTo(detail, QPoint()).y() > detail->height() / 2);
        QVERIFY(remove->mapTo(detail, QPoint()).y() > detail->height() / 2);
    }

    void restoreRecordsASuccess()
    {
        const qint64 id = oneBackupListed();
        QVERIFY(id > 0);
        clickFileName(id);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        RestoreDialog *dialog = openRestore();
        QVERIFY(dialog);
        QVERIFY(child<QCheckBox>(dialog, "safetyBackupCheck")->isChecked());
        auto *start = child<QPushButton>(dialog, "startRestoreButton");
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 15000);
        start->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->outcomeText().contains(QStringLiteral("completed")),
                                 30000);
        const auto restores = m_vault->catalog().restores();
        QCOMPARE(restores.size(), 1);
        QVERIFY(restores.first().outcome == RestoreOutcome::Success);
        QVERIFY(restores.first().safetyBackupId > 0);

        child<QPushButton>(dialog, "showHistoryButton")->click();
        QCOMPARE(m_window->currentView(), QStringLiteral("restores"));
        RestoreTableModel *model = m_window->restoresView()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, RestoreTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Succeeded"));
        QCOMPARE(model->index(0, RestoreTableModel::TargetColumn).data().toString(),
                 m_sim->url().toString());
    }

    void refusedRestoreRecordsFailureWithReason()
    {
        const qint64 original = oneBackupListed();
        QVERIFY(original > 0);
        QVERIFY(m_sim->addFault(QStringLiteral("restore-busy")));
        clickFileName(original);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());

        RestoreDialog *dialog = openRestore();
        QVERIFY(dialog);
        child<QCheckBox>(dialog, "safetyBackupCheck")->setChecked(false);
        auto *start = child<QPushButton>(dialog, "startRestoreButton");
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 15000);
        start->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->outcomeText().contains(QStringLiteral("failed")), 30000);
        QVERIFY(m_sim->clearFaults());

        const auto restores = m_vault->catalog().restores(true);
        QCOMPARE(restores.size(), 1);
        QVERIFY(restores.first().outcome == RestoreOutcome::Failed);
        QVERIFY(!restores.first().error.isEmpty());
        QVERIFY2(dialog->outcomeText().contains(restores.first().error.toHtmlEscaped()),
                 qPrintable(dialog->outcomeText()));
        child<QPushButton>(dialog, "closeButton")->click();

        m_window->showView(QStringLiteral("restores"));
        m_window->restoresView()->setFailedOnly(true);
        RestoreTableModel *model = m_window->restoresView()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, RestoreTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Failed"));
        QCOMPARE(model->index(0, RestoreTableModel::ErrorColumn).data().toString(),
                 restores.first().error);
        m_window->restoresView()->setFailedOnly(false);
        QCOMPARE(model->rowCount(), 1);
    }

    void deleteRemovesRowAndFile()
    {
        QVERIFY(oneBackupListed() > 0);
        const auto backups = m_vault->catalog().backups();
        QVERIFY(!backups.isEmpty());
        const BackupRecord victim = backups.last();
        QVERIFY(QFile::exists(victim.path));
        const int rowsBefore = backupModel()->totalCount();
        clickFileName(victim.id);
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        child<QPushButton>(page()->detail(), "deleteButton")->click();
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<QDialog>(QStringLiteral("deleteBackupDialog"))));
        child<QPushButton>(dialog, "confirmDeleteButton")->click();

        QTRY_COMPARE(page()->currentWidget(), page()->list());
        QTRY_COMPARE(backupModel()->totalCount(), rowsBefore - 1);
        QCOMPARE(backupModel()->rowOfBackup(victim.id), -1);
        QVERIFY(!QFile::exists(victim.path));
        QVERIFY(!m_vault->catalog().backup(victim.id));
        QVERIFY(page()->list()->messageBar()->text().contains(victim.filename));
    }

    void remembersLastView()
    {
        m_window->showView(QStringLiteral("activity"));
        m_window->close();
        QCOMPARE(m_vault->settings().lastView(), QStringLiteral("activity"));
        MainWindow again(m_vault->ops(), m_vault->settings());
        QCOMPARE(again.currentView(), QStringLiteral("activity"));
    }
};

QTEST_MAIN(TestUiWindows)
#include "tst_ui_windows.moc"
