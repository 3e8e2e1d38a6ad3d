// The PBXs view against real servers: a backup stopped by an untrusted certificate offers
// "Review certificate…" in the banner and on the row, which opens the Test-connection prompt
// (Enter does not trust; Trust pins through Operations). Banners: success/info go after a
// few seconds or when the state changes, errors stay. The last failure in full with Copy, and
// a waiting retry counting down in the row.
#include "CertificatePrompt.h"
#include "CertificateReview.h"
#include "MessageBar.h"
#include "PbxTreeModel.h"
#include "PbxsView.h"
#include "PendingRetries.h"
#include "SimVault.h"
#include "UiTestKit.h"
#include "ops/SchedulerService.h"
#include "schedule/Scheduler.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>
#include <QWindow>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiPbxs : public QObject
{
    Q_OBJECT

    static void shot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PBXVAULT_SHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    // A registered PBX with its password in the keychain.
    static qint64 addPbx(UiTestVault &vault, const QString &name, const QUrl &url,
                         const QString &fingerprint = QString())
    {
        PbxRecord pbx = makePbx(name, PbxRole::Master, url.toString());
        pbx.fingerprint = fingerprint;
        Job *job = vault.ops().addPbx(pbx, QStringLiteral("secret"));
        if (!finishJob(job) || !job->ok())
            return 0;
        job->deleteLater();
        return job->pbxId();
    }

    static quint16 closedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

    static QModelIndex cell(PbxsView &view, qint64 pbxId, int column)
    {
        const QModelIndex first = view.model()->indexOfPbx(pbxId);
        return first.siblingAtColumn(column);
    }

private Q_SLOTS:
    void untrustedCertificateOffersReview()
    {
        PbxSim sim;
        UiTestVault vault;
        QString error;
        QVERIFY2(sim.start(&error) && vault.open(&error), qPrintable(error));
        // Saved without a test: no certificate pinned.
        const qint64 id = addPbx(vault, QStringLiteral("Sede Milano"), sim.url());
        QVERIFY(id);
        PbxsView view(vault.ops());
        view.resize(1024, 700);
        view.show();
        view.selectPbx(id);

        Job *backup = vault.ops().backupPbx(id, JobTrigger::Manual);
        QVERIFY(finishJob(backup));
        QVERIFY(CertificateReview::isCertificateProblem(backup->pbxError()));
        backup->deleteLater();

        // The banner and the row offer the review.
        MessageBar *bar = view.messageBar();
        QTRY_VERIFY(!bar->isHidden());
        QCOMPARE(bar->kind(), MessageBar::Error);
        auto *bannerButton =
            bar->findChild<QPushButton *>(QStringLiteral("reviewCertificateButton"));
        QVERIFY(bannerButton);
        QVERIFY(bannerButton->isVisible());
        QVERIFY(view.hasCertificateProblem(id));
        auto *rowButton = view.findChild<QPushButton *>(QStringLiteral("reviewCertificateButton"),
                                                        Qt::FindDirectChildrenOnly);
        QVERIFY(rowButton && rowButton->isVisible());
        QVERIFY(cell(view, id, PbxTreeModel::LastFailureColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Review certificate")));
        shot(&view, QStringLiteral("pbxs-review-certificate-en"));

        // The banner's button: the fingerprint prompt; Enter does not trust.
        QTest::mouseClick(bannerButton, Qt::LeftButton);
        CertificatePrompt *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (prompt = topLevel<CertificatePrompt>(QStringLiteral("certificatePrompt"))), 30000);
        QCOMPARE(prompt->presentedFingerprint(), sim.fingerprint());
        shot(prompt, QStringLiteral("certificate-prompt-en"));
        QTest::keyClick(prompt->focusWidget() ? prompt->focusWidget() : prompt, Qt::Key_Return);
        QTRY_VERIFY(!topLevel<CertificatePrompt>(QStringLiteral("certificatePrompt")));
        QTRY_COMPARE(bar->kind(), MessageBar::Error);
        QVERIFY(vault.catalog().pbx(id)->fingerprint.isEmpty());
        QVERIFY(view.hasCertificateProblem(id));

        // The row's button: trust, pinned through Operations, the PBX answers.
        view.selectPbx(id);
        QTest::mouseClick(rowButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            (prompt = topLevel<CertificatePrompt>(QStringLiteral("certificatePrompt"))), 30000);
        QTest::mouseClick(prompt->findChild<QPushButton *>(QStringLiteral("trustButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(vault.catalog().pbx(id)->fingerprint, sim.fingerprint());
        QTRY_VERIFY_WITH_TIMEOUT(bar->kind() == MessageBar::Success, 30000);
        QVERIFY(!view.hasCertificateProblem(id));
        QVERIFY(!rowButton->isVisible());

        // And the next backup goes through.
        backup = vault.ops().backupPbx(id, JobTrigger::Manual);
        QVERIFY(finishJob(backup));
        QVERIFY2(backup->ok(), qPrintable(backup->errorMessage()));
        backup->deleteLater();
    }

    // The helper the backup list's banner uses: only certificate failures get the button.
    void reviewOfferedOnlyForCertificateFailures()
    {
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        const qint64 id = addPbx(vault, QStringLiteral("Closed"),
                                 QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        Job *backup = vault.ops().backupPbx(id, JobTrigger::Manual);
        QVERIFY(finishJob(backup));
        QVERIFY(!backup->ok());
        MessageBar bar;
        bar.showMessage(MessageBar::Error, backup->errorMessage());
        CertificateReview::offerOn(&bar, vault.ops(), *backup);
        QVERIFY(!bar.findChild<QPushButton *>(QStringLiteral("reviewCertificateButton")));
        backup->deleteLater();
    }

    void successBannersGoErrorsStay()
    {
        MessageBar success;
        MessageBar error;
        QCOMPARE(success.autoHideMs(), MessageBar::kDefaultAutoHideMs);
        QVERIFY(MessageBar::kDefaultAutoHideMs >= 4000 && MessageBar::kDefaultAutoHideMs <= 8000);
        success.showMessage(MessageBar::Success, QStringLiteral("Branch answered."));
        error.showMessage(MessageBar::Error, QStringLiteral("Branch: connection refused."));
        QVERIFY(!success.isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(success.isHidden(), MessageBar::kDefaultAutoHideMs + 4000);
        QVERIFY(!error.isHidden());
        // Info goes too; a message with an action to take stays.
        success.setAutoHideMs(200);
        success.showMessage(MessageBar::Info, QStringLiteral("Working."));
        QTRY_VERIFY(success.isHidden());
        success.showMessage(MessageBar::Success, QStringLiteral("Done."));
        QVERIFY(success.isAutoHiding());
        success.addButton(QStringLiteral("Open"));
        QVERIFY(!success.isAutoHiding());
        QVERIFY(!error.isAutoHiding());
        error.dismiss();
        QVERIFY(error.isHidden());
    }

    // "answered" stops being shown when the PBXs change (and when another PBX is picked).
    void successBannerGoesWhenStateChanges()
    {
        PbxSim sim;
        UiTestVault vault;
        QString error;
        QVERIFY2(sim.start(&error) && vault.open(&error), qPrintable(error));
        const qint64 id =
            addPbx(vault, QStringLiteral("Sede Milano"), sim.url(), sim.fingerprint());
        PbxsView view(vault.ops());
        view.show();
        view.selectPbx(id);
        view.testSelected();
        QTRY_VERIFY_WITH_TIMEOUT(view.messageBar()->kind() == MessageBar::Success, 30000);
        QVERIFY(!view.messageBar()->isHidden());
        auto pbx = *vault.catalog().pbx(id);
        pbx.schedule = QStringLiteral("0 3 * * *");
        Job *update = vault.ops().updatePbx(pbx, std::nullopt);
        QVERIFY(finishJob(update) && update->ok());
        update->deleteLater();
        QTRY_VERIFY(view.messageBar()->isHidden());

        // An error about the PBX stays through the same change.
        view.messageBar()->showMessage(MessageBar::Error, QStringLiteral("Sede Milano: down"));
        update = vault.ops().updatePbx(pbx, std::nullopt);
        QVERIFY(finishJob(update) && update->ok());
        update->deleteLater();
        QVERIFY(!view.messageBar()->isHidden());
    }

    void lastFailureInFullWithCopy()
    {
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        const qint64 id = addPbx(vault, QStringLiteral("Closed"),
                                 QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        PbxsView view(vault.ops());
        view.resize(1024, 700);
        view.show();
        Job *backup = vault.ops().backupPbx(id, JobTrigger::Manual);
        QVERIFY(finishJob(backup));
        const QString message = backup->errorMessage();
        QVERIFY(!message.isEmpty());
        backup->deleteLater();
        view.selectPbx(id);
        const QModelIndex failure = cell(view, id, PbxTreeModel::LastFailureColumn);
        QTRY_VERIFY(cell(view, id, PbxTreeModel::LastFailureColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(message));

        // Double-click on the cell.
        QTreeView *tree = view.tree();
        const QModelIndex at = cell(view, id, PbxTreeModel::LastFailureColumn);
        tree->scrollTo(at);
        QVERIFY(tree->viewport()->rect().contains(tree->visualRect(at).center()));
        const QPoint centre = tree->visualRect(at).center();
        // As a real double-click arrives: press, release, double-click, release.
        QWindow *window = view.window()->windowHandle();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QPoint inWindow = tree->viewport()->mapTo(view.window(), centre);
        QTest::mouseDClick(window, Qt::LeftButton, {}, inWindow);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<QDialog>(QStringLiteral("pbxFailureDialog"))));
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("messageText"));
        QVERIFY(text);
        QCOMPARE(text->toPlainText(), message);
        shot(dialog, QStringLiteral("pbxs-last-failure-en"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyButton")),
                          Qt::LeftButton);
        QVERIFY(QGuiApplication::clipboard()->text().contains(message));
        dialog->reject();
        QTRY_VERIFY(!topLevel<QDialog>(QStringLiteral("pbxFailureDialog")));
        Q_UNUSED(failure);

        // The keyboard way: the button next to Edit.
        auto *details = view.findChild<QPushButton *>(QStringLiteral("failureDetailsButton"));
        QVERIFY(details->isEnabled());
        details->setFocus();
        QTest::keyClick(details, Qt::Key_Space);
        QTRY_VERIFY((dialog = topLevel<QDialog>(QStringLiteral("pbxFailureDialog"))));
        dialog->reject();
    }

    // A backup that failed for a passing reason waits for its retry: the row counts down.
    void retryCountdownInRow()
    {
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        const qint64 id = addPbx(vault, QStringLiteral("Closed"),
                                 QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        SchedulerService scheduler(vault.ops());
        scheduler.setRetryPolicy(3, 60);
        PendingRetries retries;
        retries.follow(scheduler.scheduler(), vault.catalog());
        PbxsView view(vault.ops());
        view.resize(1024, 700);
        view.setPendingRetries(&retries);
        view.show();
        QSignalSpy waiting(&scheduler, &SchedulerService::retryScheduled);
        scheduler.start();
        QVERIFY(scheduler.backUpNow(id));
        QVERIFY(waiting.wait(30000));
        const QModelIndex next = cell(view, id, PbxTreeModel::NextRunColumn);
        QTRY_VERIFY(next.data().toString().contains(QStringLiteral("(attempt 2 of 3)")));
        QVERIFY2(next.data().toString().contains(QStringLiteral("retrying in")),
                 qPrintable(next.data().toString()));
        shot(&view, QStringLiteral("pbxs-retrying-en"));
        const QString first = next.data().toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(view, id, PbxTreeModel::NextRunColumn).data().toString() != first, 5000);
        scheduler.cancelAll();
        retries.remove(id);
        QTRY_VERIFY(!cell(view, id, PbxTreeModel::NextRunColumn)
                         .data()
                         .toString()
                         .contains(QStringLiteral("retrying")));
    }
};

QTEST_MAIN(TestUiPbxs)
#include "tst_ui_pbxs.moc"
