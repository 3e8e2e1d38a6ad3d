// The hooks dialog: what it saves to this machine's settings (a real settings.ini), Cancel,
// the summary the Settings page shows, the per-PBX variant, and the Settings page's button.
// PNGs in EN and IT under PBXVAULT_TEST_PNG_DIR when set.
#include "HooksDialog.h"
#include "PbxsView.h"
#include "SettingsView.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "catalog/Catalog.h"
#include "common/AppSettings.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiHooks : public QObject
{
    Q_OBJECT

    static QLineEdit *field(QWidget *dialog, const QString &event)
    {
        return dialog->findChild<QLineEdit *>(QStringLiteral("hook-") + event);
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

private Q_SLOTS:
    void saveWritesEveryField()
    {
        TestDir dir;
        AppSettings settings(dir.path());
        QCOMPARE(HooksDialog::summary(settings, QString()), QStringLiteral("None"));
        HooksDialog dialog(settings, QString(), QString());
        QVERIFY(dialog.findChild<QSpinBox *>(QStringLiteral("hookTimeoutSpin")));
        field(&dialog, QStringLiteral("pre-backup"))->setText(QStringLiteral("  mount /mnt/nas "));
        field(&dialog, QStringLiteral("post-restore"))->setText(QStringLiteral("logger done"));
        dialog.findChild<QSpinBox *>(QStringLiteral("hookTimeoutSpin"))->setValue(90);
        dialog.accept();

        AppSettings reread(dir.path());
        QCOMPARE(reread.hookCommand(QString(), QStringLiteral("pre-backup")),
                 QStringLiteral("mount /mnt/nas"));
        QCOMPARE(reread.hookCommand(QString(), QStringLiteral("post-restore")),
                 QStringLiteral("logger done"));
        QVERIFY(reread.hookCommand(QString(), QStringLiteral("post-backup")).isEmpty());
        QCOMPARE(reread.hookTimeoutSeconds(), 90);
        QCOMPARE(HooksDialog::summary(reread, QString()), QStringLiteral("2 commands"));

        // Clearing a field removes the hook.
        HooksDialog again(reread, QString(), QString());
        QCOMPARE(field(&again, QStringLiteral("pre-backup"))->text(),
                 QStringLiteral("mount /mnt/nas"));
        field(&again, QStringLiteral("pre-backup"))->clear();
        again.accept();
        QCOMPARE(HooksDialog::summary(AppSettings(dir.path()), QString()),
                 QStringLiteral("1 command"));
    }

    void cancelKeepsWhatWasThere()
    {
        TestDir dir;
        AppSettings settings(dir.path());
        settings.setHookCommand(QString(), QStringLiteral("post-backup"), QStringLiteral("a"));
        HooksDialog dialog(settings, QString(), QString());
        field(&dialog, QStringLiteral("post-backup"))->setText(QStringLiteral("b"));
        dialog.reject();
        QCOMPARE(AppSettings(dir.path()).hookCommand(QString(), QStringLiteral("post-backup")),
                 QStringLiteral("a"));
    }

    void pbxHooksHaveTheirOwnScope()
    {
        TestDir dir;
        AppSettings settings(dir.path());
        const QString scope = AppSettings::hookScope(QStringLiteral("cat"), 3);
        HooksDialog dialog(settings, scope, QStringLiteral("Head office"));
        QVERIFY(dialog.windowTitle().contains(QStringLiteral("Head office")));
        QVERIFY(!dialog.findChild<QSpinBox *>(QStringLiteral("hookTimeoutSpin")));
        field(&dialog, QStringLiteral("pre-restore"))->setText(QStringLiteral("check"));
        dialog.accept();
        AppSettings reread(dir.path());
        QCOMPARE(reread.hookCommand(scope, QStringLiteral("pre-restore")), QStringLiteral("check"));
        QVERIFY(reread.hookCommand(QString(), QStringLiteral("pre-restore")).isEmpty());
    }

    void settingsPageOpensTheDialogAndShowsTheSummary()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        SettingsView view(env.ops(), env.settings());
        view.resize(1024, 700);
        view.show();
        auto *summary = view.findChild<QLabel *>(QStringLiteral("hooksSummary"));
        QVERIFY(summary);
        QCOMPARE(summary->text(), QStringLiteral("None"));
        bool seen = false;
        QTimer::singleShot(0, this, [&seen] {
            auto *dialog = topLevel<HooksDialog>(QStringLiteral("hooksDialog"));
            QVERIFY(dialog);
            seen = true;
            field(dialog, QStringLiteral("post-backup"))->setText(QStringLiteral("sync-offsite"));
            dialog->accept();
        });
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("editHooksButton")),
                          Qt::LeftButton);
        QVERIFY(seen);
        QCOMPARE(summary->text(), QStringLiteral("1 command"));
        QCOMPARE(env.settings().hookCommand(QString(), QStringLiteral("post-backup")),
                 QStringLiteral("sync-offsite"));
    }

    void pbxsViewOpensThePbxsOwnHooks()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        PbxRecord pbx = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                                QStringLiteral("https://192.0.2.1"));
        QVERIFY2(env.catalog().addPbx(&pbx), qPrintable(env.catalog().lastError()));
        PbxsView view(env.ops());
        view.setHookSettings(&env.settings());
        view.refresh();
        view.selectPbx(pbx.id);
        QCOMPARE(view.selectedPbxId(), pbx.id);
        view.openHooksDialog();
        auto *dialog = topLevel<HooksDialog>(QStringLiteral("hooksDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("Head office")));
        field(dialog, QStringLiteral("post-backup"))->setText(QStringLiteral("notify-team"));
        dialog->accept();
        const QString scope = AppSettings::hookScope(env.catalog().catalogId(), pbx.id);
        QCOMPARE(env.settings().hookCommand(scope, QStringLiteral("post-backup")),
                 QStringLiteral("notify-team"));
        QVERIFY(env.settings().hookCommand(QString(), QStringLiteral("post-backup")).isEmpty());
    }

    void readableInBothLanguages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void readableInBothLanguages()
    {
        QFETCH(QString, language);
        useLanguage(language);
        TestDir dir;
        AppSettings settings(dir.path());
        settings.setHookCommand(QString(), QStringLiteral("pre-backup"),
                                QStringLiteral("mount /mnt/pbx-backups"));
        HooksDialog dialog(settings, QString(), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Fits a 1024x700 screen, and the wrapped hints are shown in full.
        QVERIFY2(dialog.width() <= 1024 && dialog.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(dialog.width()).arg(dialog.height())));
        const auto labels = dialog.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->wordWrap())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(label->text()));
            else
                QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
        }
        const QString pngDir = qEnvironmentVariable("PBXVAULT_TEST_PNG_DIR");
        if (!pngDir.isEmpty())
            QVERIFY(dialog.grab().save(
                QDir(pngDir).filePath(QStringLiteral("hooks-%1.png").arg(language))));
        useLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestUiHooks)
#include "tst_ui_hooks.moc"
