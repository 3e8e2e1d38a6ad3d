// The Backups page before there is anything to list: "Add your first PBX" opens the New PBX
// dialog; once a PBX exists it offers that PBX's first backup, which runs for real against
// pbxsim and leaves the list showing it. Screenshots of both steps, English and Italian.
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "MessageBar.h"
#include "PbxDialog.h"
#include "SimVault.h"
#include "Translations.h"
#include "UiTestKit.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiFirstRun : public QObject
{
    Q_OBJECT

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

    static QString text(QWidget *parent, const char *name)
    {
        auto *label = parent->findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QString();
    }

private Q_SLOTS:
    void cleanup() { useLanguage(QStringLiteral("en")); }

    void noPbxOffersNewPbxDialog_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void noPbxOffersNewPbxDialog()
    {
        QFETCH(QString, language);
        useLanguage(language);
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        BackupsPage page(vault.ops());
        page.resize(1024, 700);
        page.show();
        page.showList(); // what the navigation does
        QVERIFY(page.firstRun()->isVisible());
        QCOMPARE(page.firstRun()->step(), BackupsFirstRun::Step::AddPbx);
        if (language == QLatin1String("en"))
            QCOMPARE(text(&page, "firstRunHeading"), QStringLiteral("Add your first PBX"));
        QVERIFY(!text(&page, "firstRunHeading").contains(QStringLiteral("Back up now")));
        shot(&page, QStringLiteral("firstrun-add-pbx-") + language);

        QTest::mouseClick(page.firstRun()->actionButton(), Qt::LeftButton);
        PbxDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<PbxDialog>(QStringLiteral("pbxDialog"))));
        // The first PBX is the master, backed up daily by default.
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"))->currentData().toInt(),
                 int(PbxRole::Master));
        dialog->reject();
    }

    void firstPbxOffersItsFirstBackup_data() { noPbxOffersNewPbxDialog_data(); }

    void firstPbxOffersItsFirstBackup()
    {
        QFETCH(QString, language);
        useLanguage(language);
        SimVault env;
        QString error;
        // No PBX yet: the registry is filled while the page is open, as the dialog would.
        QVERIFY2(env.sim.start(&error) && env.vault.open(&error), qPrintable(error));
        BackupsPage page(env.vault.ops());
        page.resize(1024, 700);
        page.show();
        QCOMPARE(page.firstRun()->step(), BackupsFirstRun::Step::AddPbx);

        PbxRecord pbx =
            makePbx(QStringLiteral("Sede Milano"), PbxRole::Master, env.sim.url().toString());
        pbx.fingerprint = env.sim.fingerprint();
        Job *add = env.vault.ops().addPbx(pbx, QStringLiteral("secret"));
        QVERIFY(finishJob(add) && add->ok());
        add->deleteLater();
        QTRY_COMPARE(page.firstRun()->step(), BackupsFirstRun::Step::FirstBackup);
        QVERIFY(page.firstRun()->isVisible());
        QVERIFY(page.firstRun()
                    ->actionButton()
                    ->text()
                    .remove(QLatin1Char('&'))
                    .contains(QStringLiteral("Sede Milano")));
        shot(&page, QStringLiteral("firstrun-first-backup-") + language);

        QTest::mouseClick(page.firstRun()->actionButton(), Qt::LeftButton);
        // The backup runs in the list, then the list shows it.
        QVERIFY(page.firstRun()->isHidden());
        QCOMPARE(page.list()->model()->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(env.vault.catalog().backupCount() == 1, 60000);
        QTRY_COMPARE(page.list()->model()->totalCount(), 1);
        QVERIFY(page.firstRun()->isHidden());
        QCOMPARE(page.firstRun()->step(), BackupsFirstRun::Step::None);
    }

    // The guide covers only the table: the list's buttons and messages stay in view.
    void guideLeavesToolbarAndMessagesVisible()
    {
        UiTestVault vault;
        QString error;
        QVERIFY2(vault.open(&error), qPrintable(error));
        PbxRecord pbx =
            makePbx(QStringLiteral("Gone"), PbxRole::Master, QStringLiteral("http://127.0.0.1:9"));
        QVERIFY(vault.catalog().addPbx(&pbx));
        BackupsPage page(vault.ops());
        page.resize(1024, 700);
        page.show();
        QCOMPARE(page.firstRun()->step(), BackupsFirstRun::Step::FirstBackup);
        QVERIFY(page.firstRun()->isVisible());
        page.list()->messageBar()->showMessage(MessageBar::Error, QStringLiteral("It failed."));
        QTRY_VERIFY(!page.firstRun()->geometry().intersects(page.list()->messageBar()->geometry()));
        auto *plus = page.list()->findChild<QWidget *>(QStringLiteral("addBackupButton"));
        QVERIFY(plus->isVisible());
        QVERIFY(!page.firstRun()->geometry().intersects(plus->geometry()));
    }
};

QTEST_MAIN(TestUiFirstRun)
#include "tst_ui_firstrun.moc"
