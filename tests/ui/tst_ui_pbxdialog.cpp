// The New PBX dialog without a network: field-level validation, duplicates, the schedule
// presets and their preview, and saving (password into the secret store, never the catalog).
#include "PbxDialog.h"
#include "PbxTreeModel.h"
#include "PbxsView.h"
#include "ScheduleEditor.h"
#include "UiTestKit.h"
#include "fakes/MemorySecretStore.h"

#include <QComboBox>
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
        QVERIFY(!editor.error().isEmpty()); // nothing typed yet
        auto *cron = editor.findChild<QLineEdit *>(QStringLiteral("scheduleCron"));
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
        QVERIFY(!message(&dialog, "scheduleError").isEmpty());
    }

    void validFormSavesWithPasswordInKeychain()
    {
        auto *dialogParent = new QWidget;
        auto *dialog = new PbxDialog(m_vault->ops(), std::nullopt, dialogParent);
        QSignalSpy saved(dialog, &PbxDialog::saved);
        dialog->show();
        QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Branch Rome"));
        child<QLineEdit>(dialog, "urlEdit")->setText(QStringLiteral("pbx-rome.example.com:8443"));
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("admin"));
        QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("s3cret!"));
        dialog->scheduleEditor()->setCron(QStringLiteral("0 2 * * *"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(saved.wait());
        QTRY_VERIFY(!dialog->isVisible());

        const auto pbx = m_vault->catalog().pbxByName(QStringLiteral("Branch Rome"));
        QVERIFY(pbx);
        QCOMPARE(pbx->url.toString(), QStringLiteral("https://pbx-rome.example.com:8443"));
        QCOMPARE(pbx->tenant, QStringLiteral("default"));
        QVERIFY(pbx->role == PbxRole::Secondary);
        QCOMPARE(pbx->schedule, QStringLiteral("0 2 * * *"));
        QCOMPARE(saved.first().first().toLongLong(), pbx->id);
        auto &secrets = static_cast<MemorySecretStore &>(m_vault->secrets());
        QCOMPARE(secrets.storedSecret(
                     SecretStore::pbxPasswordKey(m_vault->catalog().catalogId(), pbx->id)),
                 QStringLiteral("s3cret!"));
        delete dialogParent;
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
        QVERIFY(model->index(0, PbxTreeModel::NextRunColumn, secondaries)
                    .data()
                    .toString()
                    .contains(QStringLiteral("02:00")));
        QCOMPARE(model->index(0, PbxTreeModel::LastSuccessColumn, secondaries).data().toString(),
                 QStringLiteral("never"));
    }
};

QTEST_MAIN(TestUiPbxDialog)
#include "tst_ui_pbxdialog.moc"
