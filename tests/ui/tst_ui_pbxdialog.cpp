// The New PBX dialog: field-level validation, duplicates, the schedule presets, their preview
// and defaults, the retention sentence, saving (password into the secret store, never the
// catalog), and the connection test against real servers on loopback: Save tests first, a
// failed test asks before saving, a test that hangs can be cancelled, the error stays
// readable. Also: Enter never removes a PBX nor trusts a certificate.
#include "CertificatePrompt.h"
#include "HostileServer.h"
#include "PbxDialog.h"
#include "PbxTreeModel.h"
#include "PbxsView.h"
#include "RemovePbxDialog.h"
#include "ScheduleEditor.h"
#include "SimVault.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "fakes/MemorySecretStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLayout>
#include <QMessageBox>
#include <QSpinBox>
#include <QTcpServer>
#include <QTranslator>

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimeEdit>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiPbxDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<UiTestVault> m_vault;

    template <typename T> static T *child(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    static QString message(QWidget *dialog, const char *name)
    {
        auto *label = child<QLabel>(dialog, name);
        return label && !label->isHidden() ? label->text() : QString();
    }

    static void fill(PbxDialog *dialog, const QString &name, const QString &url,
                     const QString &password)
    {
        child<QLineEdit>(dialog, "nameEdit")->setText(name);
        child<QLineEdit>(dialog, "urlEdit")->setText(url);
        child<QLineEdit>(dialog, "usernameEdit")->setText(QStringLiteral("admin"));
        child<QLineEdit>(dialog, "passwordEdit")->setText(password);
    }

    // Every visible label of the dialog whose text contains text.
    static int visibleLabelsWith(QWidget *dialog, const QString &text)
    {
        int count = 0;
        const auto labels = dialog->findChildren<QLabel *>();
        for (QLabel *label : labels)
            count += label->isVisible() && label->text().contains(text) ? 1 : 0;
        return count;
    }

    // The label shows all its lines: as tall as its text needs at its width.
    static bool fullyShown(QLabel *label)
    {
        return label->isVisible() && label->height() >= label->heightForWidth(label->width());
    }

    static void useLanguage(const QString &language)
    {
        const auto installed = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : installed) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        installTranslations(*qApp, language);
    }

    static void shot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PBXVAULT_SHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

private Q_SLOTS:
    void init()
    {
        m_vault = std::make_unique<UiTestVault>();
        QString error;
        QVERIFY2(m_vault->open(&error), qPrintable(error));
        PbxRecord master = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                                   QStringLiteral("https://192.0.2.1"));
        QVERIFY(m_vault->catalog().addPbx(&master));
    }

    void cleanup() { m_vault.reset(); }

    void emptyFormShowsFieldMessages()
    {
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        dialog.show();
        // Prefilled: https:// and the default tenant; a master exists, so Secondary.
        QCOMPARE(child<QLineEdit>(&dialog, "urlEdit")->text(), QStringLiteral("https://"));
        QCOMPARE(child<QLineEdit>(&dialog, "tenantEdit")->text(), QStringLiteral("default"));
        QCOMPARE(child<QComboBox>(&dialog, "roleCombo")->currentData().toInt(),
                 int(PbxRole::Secondary));

        QTest::mouseClick(child<QPushButton>(&dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(!message(&dialog, "nameError").isEmpty());
        QVERIFY(!message(&dialog, "urlError").isEmpty());
        QVERIFY(!message(&dialog, "usernameError").isEmpty());
        QVERIFY(!message(&dialog, "passwordError").isEmpty());
        QVERIFY(message(&dialog, "tenantError").isEmpty());
        QVERIFY(dialog.isVisible());
        QCOMPARE(m_vault->catalog().pbxs().size(), 1);

        // Messages follow the typing once shown.
        QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Branch"));
        QVERIFY(message(&dialog, "nameError").isEmpty());
        child<QLineEdit>(&dialog, "tenantEdit")->clear();
        QVERIFY(!message(&dialog, "tenantError").isEmpty());
    }

    void duplicateNameAndSecondMasterRefused()
    {
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        dialog.show();
        child<QLineEdit>(&dialog, "nameEdit")->setText(QStringLiteral("HEAD OFFICE"));
        child<QLineEdit>(&dialog, "urlEdit")->setText(QStringLiteral("192.0.2.2"));
        child<QLineEdit>(&dialog, "usernameEdit")->setText(QStringLiteral("admin"));
        child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("secret"));
        auto *role = child<QComboBox>(&dialog, "roleCombo");
        role->setCurrentIndex(role->findData(int(PbxRole::Master)));
        QVERIFY(!dialog.validateForm());
        QVERIFY(message(&dialog, "nameError").contains(QStringLiteral("already")));
        QVERIFY(message(&dialog, "roleError").contains(QStringLiteral("Head office")));
        QVERIFY(message(&dialog, "urlError").isEmpty());
    }

    void schedulePresetsPreviewThreeRuns()
    {
        ScheduleEditor editor;
        editor.setClock([] { return QDateTime(QDate(2025, 5, 12), QTime(8, 0), Qt::UTC); });
        QCOMPARE(editor.cron(), QString());
        editor.setPreset(ScheduleEditor::Daily);
        editor.findChild<QTimeEdit *>(QStringLiteral("scheduleTime"))->setTime(QTime(2, 30));
        QCOMPARE(editor.cron(), QStringLiteral("30 2 * * *"));
        QVERIFY(editor.error().isEmpty());
        QVERIFY(editor.previewText().startsWith(QStringLiteral("Next runs:")));
        QCOMPARE(editor.previewText().count(QStringLiteral("02:30")), 3);

        editor.setPreset(ScheduleEditor::Custom);
        auto *cron = editor.findChild<QLineEdit *>(QStringLiteral("scheduleCron"));
        QCOMPARE(cron->text(), QStringLiteral("30 2 * * *")); // the daily schedule, as cron
        cron->clear();
        QVERIFY(!editor.error().isEmpty()); // nothing typed
        QTest::keyClicks(cron, QStringLiteral("0 9 * * 1-"));
        QVERIFY(!editor.error().isEmpty());
        QCOMPARE(editor.previewText(), editor.error());
        QTest::keyClicks(cron, QStringLiteral("5"));
        QVERIFY2(editor.error().isEmpty(), qPrintable(editor.error()));
        QCOMPARE(editor.previewText().count(QStringLiteral("09:00")), 3);

        // A stored expression comes back as its preset.
        editor.setCron(QStringLiteral("15 3 * * 0"));
        QCOMPARE(editor.preset(), ScheduleEditor::Weekly);
        QCOMPARE(editor.cron(), QStringLiteral("15 3 * * 0"));
    }

    void invalidCronBlocksSaving()
    {
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        dialog.show();
        child<QLineEdit>(&dialog, "nameEdit")->setText(QStringLiteral("Branch"));
        child<QLineEdit>(&dialog, "urlEdit")->setText(QStringLiteral("192.0.2.2"));
        child<QLineEdit>(&dialog, "usernameEdit")->setText(QStringLiteral("admin"));
        child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("secret"));
        dialog.scheduleEditor()->setPreset(ScheduleEditor::Custom);
        dialog.scheduleEditor()
            ->findChild<QLineEdit *>(QStringLiteral("scheduleCron"))
            ->setText(QStringLiteral("61 * * * *"));
        QVERIFY(!dialog.validateForm());
        QCOMPARE(dialog.scheduleEditor()->previewText(), dialog.scheduleEditor()->error());
        QVERIFY(!dialog.scheduleEditor()->error().isEmpty());
    }

    void validFormSavesWithPasswordInKeychain()
    {
        PbxSim::Options options;
        options.tls = false;
        PbxSim sim(options);
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        auto *dialogParent = new QWidget;
        auto *dialog = new PbxDialog(m_vault->ops(), std::nullopt, dialogParent);
        QSignalSpy saved(dialog, &PbxDialog::saved);
        dialog->show();
        QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Branch Rome"));
        child<QLineEdit>(dialog, "urlEdit")->setText(sim.url().toString());
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("admin"));
        QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("secret"));
        dialog->scheduleEditor()->setCron(QStringLiteral("0 2 * * *"));
        // Never tested: Save tests first, and saves because the PBX answers.
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(dialog->isTesting());
        QVERIFY(saved.wait(30000));
        QVERIFY(dialog->connectionResult().contains(QStringLiteral("Connected")));
        QTRY_VERIFY(!dialog->isVisible());

        const auto pbx = m_vault->catalog().pbxByName(QStringLiteral("Branch Rome"));
        QVERIFY(pbx);
        QCOMPARE(pbx->url, sim.url());
        QCOMPARE(pbx->tenant, QStringLiteral("default"));
        QVERIFY(pbx->role == PbxRole::Secondary);
        QCOMPARE(pbx->schedule, QStringLiteral("0 2 * * *"));
        QCOMPARE(saved.first().first().toLongLong(), pbx->id);
        auto &secrets = static_cast<MemorySecretStore &>(m_vault->secrets());
        QCOMPARE(secrets.storedSecret(
                     SecretStore::pbxPasswordKey(m_vault->catalog().catalogId(), pbx->id)),
                 QStringLiteral("secret"));
        delete dialogParent;
    }

    // Wrong password: the test fails, Save warns and asks; "Go back" saves nothing, "Save
    // anyway" saves.
    void failedTestWarnsBeforeSaving()
    {
        PbxSim::Options options;
        options.tls = false;
        PbxSim sim(options);
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        QSignalSpy saved(&dialog, &PbxDialog::saved);
        dialog.show();
        fill(&dialog, QStringLiteral("Branch"), sim.url().toString(), QStringLiteral("wrong"));
        auto *save = child<QPushButton>(&dialog, "saveButton");
        QTest::mouseClick(save, Qt::LeftButton);
        QMessageBox *ask = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((ask = topLevel<QMessageBox>(QStringLiteral("saveAnywayPrompt"))),
                                 30000);
        QVERIFY(dialog.connectionResult().startsWith(QStringLiteral("✗")));
        // The prompt quotes the cause; Enter goes back.
        QVERIFY(ask->text().contains(dialog.connectionResult().mid(2)));
        QTest::keyClick(ask, Qt::Key_Return);
        QTRY_VERIFY(!topLevel<QMessageBox>(QStringLiteral("saveAnywayPrompt")));
        QVERIFY(!m_vault->catalog().pbxByName(QStringLiteral("Branch")));
        QVERIFY(dialog.isVisible());

        // Tested and failed, nothing changed since: asks again at once, then saves.
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(!dialog.isTesting());
        ask = topLevel<QMessageBox>(QStringLiteral("saveAnywayPrompt"));
        QVERIFY(ask);
        QTest::mouseClick(child<QPushButton>(ask, "saveAnywayButton"), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QVERIFY(m_vault->catalog().pbxByName(QStringLiteral("Branch")));
    }

    // A closed port: the test's error is shown in full (wrapping, the dialog grows; in
    // Italian too), and Save asks before saving.
    void closedPortErrorReadableAndAsked_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void closedPortErrorReadableAndAsked()
    {
        QFETCH(QString, language);
        useLanguage(language);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QWidget window;
        window.resize(1024, 700);
        window.show();
        auto *dialog = new PbxDialog(m_vault->ops(), std::nullopt, &window);
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // The narrowest it can be: the message must still fit.
        dialog->resize(dialog->minimumWidth(), dialog->height());
        fill(dialog, QStringLiteral("Closed"), QStringLiteral("http://127.0.0.1:%1").arg(port),
             QStringLiteral("secret"));
        const int before = dialog->height();
        dialog->testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), 30000);
        const QString result = dialog->connectionResult();
        QVERIFY2(result.startsWith(QStringLiteral("✗")), qPrintable(result));
        auto *label = child<QLabel>(dialog, "testResult");
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QTRY_VERIFY(fullyShown(label));
        QVERIFY(dialog->height() >= before);
        for (QGroupBox *group : dialog->findChildren<QGroupBox *>())
            QVERIFY(group->height() >= group->minimumSizeHint().height());
        shot(dialog, QStringLiteral("pbxdialog-closed-port-") + language);

        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        auto *ask = topLevel<QMessageBox>(QStringLiteral("saveAnywayPrompt"));
        QVERIFY(ask);
        QVERIFY(ask->text().contains(result.mid(2)));
        shot(ask, QStringLiteral("pbxdialog-save-anyway-") + language);
        ask->reject();
        QVERIFY(!m_vault->catalog().pbxByName(QStringLiteral("Closed")));
        useLanguage(QStringLiteral("en"));
    }

    // A server that accepts and never answers: the test button turns into Cancel; after
    // cancelling, Save works again (long before the 30 s stall timeout).
    void hangingTestCanBeCancelled()
    {
        HostileServer server;
        server.setAnswerSalt(false);
        HostileServer::Reply silent;
        silent.after = HostileServer::Reply::After::Silence;
        server.enqueue(silent);
        server.enqueue(silent);
        QVERIFY(server.start());
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        dialog.show();
        fill(&dialog, QStringLiteral("Silent"), server.url().toString(), QStringLiteral("secret"));
        auto *test = child<QPushButton>(&dialog, "testConnectionButton");
        auto *save = child<QPushButton>(&dialog, "saveButton");
        const QString testText = test->text();
        QElapsedTimer clock;
        clock.start();
        QSignalSpy asked(&server, &HostileServer::requestReceived);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(dialog.isTesting());
        QVERIFY(asked.wait(10000));
        QVERIFY(test->isEnabled());
        QVERIFY(test->text() != testText);
        QVERIFY(test->text().contains(QStringLiteral("Cancel")));
        QVERIFY(!save->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY(!dialog.isTesting());
        QVERIFY(clock.elapsed() < 20000);
        QCOMPARE(test->text(), testText);
        QVERIFY(save->isEnabled());
        QVERIFY(dialog.connectionResult().contains(QStringLiteral("cancelled")));

        // Closing the dialog during a test cancels it too.
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(dialog.isTesting());
        dialog.reject();
        QTRY_VERIFY(!dialog.isTesting());
    }

    void newMasterDefaultsToDailySchedule()
    {
        UiTestVault empty;
        QString error;
        QVERIFY2(empty.open(&error), qPrintable(error));
        PbxDialog dialog(empty.ops(), std::nullopt);
        ScheduleEditor *schedule = dialog.scheduleEditor();
        QCOMPARE(child<QComboBox>(&dialog, "roleCombo")->currentData().toInt(),
                 int(PbxRole::Master));
        QCOMPARE(schedule->preset(), ScheduleEditor::Daily);
        QCOMPARE(schedule->cron(), QStringLiteral("0 2 * * *"));
        // It follows the role until the operator picks a schedule.
        auto *role = child<QComboBox>(&dialog, "roleCombo");
        role->setCurrentIndex(role->findData(int(PbxRole::Secondary)));
        QCOMPARE(schedule->preset(), ScheduleEditor::NoSchedule);
        role->setCurrentIndex(role->findData(int(PbxRole::Master)));
        QCOMPARE(schedule->preset(), ScheduleEditor::Daily);
        schedule->setPreset(ScheduleEditor::Weekly);
        role->setCurrentIndex(role->findData(int(PbxRole::Secondary)));
        QCOMPARE(schedule->preset(), ScheduleEditor::Weekly);

        // A secondary (a master exists) starts without automatic backups.
        PbxDialog second(m_vault->ops(), std::nullopt);
        QCOMPARE(second.scheduleEditor()->preset(), ScheduleEditor::NoSchedule);
    }

    void cronPrefilledFromCurrentSchedule()
    {
        ScheduleEditor editor;
        editor.setCron(QStringLiteral("30 4 * * *"));
        QCOMPARE(editor.preset(), ScheduleEditor::Daily);
        editor.setPreset(ScheduleEditor::Custom);
        auto *cron = editor.findChild<QLineEdit *>(QStringLiteral("scheduleCron"));
        QCOMPARE(cron->text(), QStringLiteral("30 4 * * *"));
        QVERIFY(editor.error().isEmpty());
        editor.setPreset(ScheduleEditor::Weekly);
        editor.findChild<QComboBox *>(QStringLiteral("scheduleDay"))->setCurrentIndex(0);
        editor.setPreset(ScheduleEditor::Custom);
        QCOMPARE(cron->text(), QStringLiteral("30 4 * * 1"));
        // A stored custom expression stays as it is.
        editor.setCron(QStringLiteral("*/20 8-18 * * 1-5"));
        QCOMPARE(cron->text(), QStringLiteral("*/20 8-18 * * 1-5"));
    }

    void cronErrorShownOnce()
    {
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        dialog.show();
        fill(&dialog, QStringLiteral("Branch"), QStringLiteral("192.0.2.2"),
             QStringLiteral("secret"));
        dialog.scheduleEditor()->setPreset(ScheduleEditor::Custom);
        dialog.scheduleEditor()
            ->findChild<QLineEdit *>(QStringLiteral("scheduleCron"))
            ->setText(QStringLiteral("61 * * * *"));
        QVERIFY(!dialog.validateForm());
        const QString problem = dialog.scheduleEditor()->error();
        QVERIFY(!problem.isEmpty());
        QCOMPARE(visibleLabelsWith(&dialog, problem), 1);
    }

    void retentionInPlainWords()
    {
        PbxDialog dialog(m_vault->ops(), std::nullopt);
        auto *last = child<QSpinBox>(&dialog, "keepLastSpin");
        auto *days = child<QSpinBox>(&dialog, "keepDaysSpin");
        last->setValue(0);
        days->setValue(0);
        QCOMPARE(dialog.retentionSummary(),
                 QStringLiteral("Backups of this PBX are never deleted automatically."));
        last->setValue(10);
        QVERIFY(dialog.retentionSummary().contains(QStringLiteral("only the newest 10 backups")));
        last->setValue(0);
        days->setValue(30);
        QVERIFY(dialog.retentionSummary().contains(QStringLiteral("older than 30 days")));
        last->setValue(10);
        QVERIFY2(dialog.retentionSummary().contains(
                     QStringLiteral("older than 30 days and at least 10 newer backups exist")),
                 qPrintable(dialog.retentionSummary()));
        QVERIFY(!dialog.retentionSummary().contains(QStringLiteral("forever")));
        QVERIFY(dialog.retentionSummary().contains(QStringLiteral("newest backup is always kept")));
        QCOMPARE(visibleLabelsWith(&dialog, QStringLiteral("everything from the last")), 0);
    }

    void removeDialogEnterCancels()
    {
        const auto master = m_vault->catalog().pbxByName(QStringLiteral("Head office"));
        QVERIFY(master);
        RemovePbxDialog dialog(m_vault->ops(), *master);
        QSignalSpy removed(&dialog, &RemovePbxDialog::removed);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *cancel = child<QPushButton>(&dialog, "cancelButton");
        auto *remove = child<QPushButton>(&dialog, "confirmRemoveButton");
        QVERIFY(cancel);
        QVERIFY(cancel->isDefault());
        QVERIFY(!remove->autoDefault());
        QCOMPARE(QApplication::focusWidget(), cancel);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        // Even with the focus on Remove, Enter does not remove.
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        remove->setFocus();
        QTest::keyClick(remove, Qt::Key_Return);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(removed.count(), 0);
        QVERIFY(m_vault->catalog().pbxByName(QStringLiteral("Head office")));
    }

    void certificatePromptEnterDoesNotTrust()
    {
        const QString fingerprint(64, QLatin1Char('a'));
        for (const QString &pinned : {QString(), QString(64, QLatin1Char('b'))}) {
            CertificatePrompt prompt(QStringLiteral("Branch"), QStringLiteral("192.0.2.9"),
                                     fingerprint, pinned);
            prompt.show();
            QVERIFY(QTest::qWaitForWindowActive(&prompt));
            QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("dontTrustButton"));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            QTRY_VERIFY(!prompt.isVisible());
            QCOMPARE(prompt.result(), int(QDialog::Rejected));
            prompt.show();
            QVERIFY(QTest::qWaitForWindowActive(&prompt));
            auto *trust = child<QPushButton>(&prompt, "trustButton");
            trust->setFocus();
            QTest::keyClick(trust, Qt::Key_Return);
            QTRY_VERIFY(!prompt.isVisible());
            QCOMPARE(prompt.result(), int(QDialog::Rejected));
        }
    }

    void registryListsMasterFirst()
    {
        PbxRecord second = makePbx(QStringLiteral("Branch"), PbxRole::Secondary,
                                   QStringLiteral("https://192.0.2.3"));
        second.schedule = QStringLiteral("0 2 * * *");
        QVERIFY(m_vault->catalog().addPbx(&second));
        PbxsView view(m_vault->ops());
        PbxTreeModel *model = view.model();
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex masters = model->groupIndex(PbxTreeModel::MasterGroup);
        const QModelIndex secondaries = model->groupIndex(PbxTreeModel::SecondaryGroup);
        QCOMPARE(model->rowCount(masters), 1);
        QCOMPARE(model->index(0, PbxTreeModel::NameColumn, masters).data().toString(),
                 QStringLiteral("Head office"));
        QCOMPARE(model->index(0, PbxTreeModel::NameColumn, secondaries).data().toString(),
                 QStringLiteral("Branch"));
        QCOMPARE(model->index(0, PbxTreeModel::ScheduleColumn, masters).data().toString(),
                 QStringLiteral("Manual only"));
        const QString next =
            model->index(0, PbxTreeModel::NextRunColumn, secondaries).data().toString();
        QVERIFY2(next.contains(QStringLiteral("02:00")) || next.contains(QStringLiteral("2:00")),
                 qPrintable(next));
        QCOMPARE(model->index(0, PbxTreeModel::LastSuccessColumn, secondaries).data().toString(),
                 QStringLiteral("never"));
    }
};

QTEST_MAIN(TestUiPbxDialog)
#include "tst_ui_pbxdialog.moc"
