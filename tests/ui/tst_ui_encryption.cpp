// Encryption in the window (Settings → Encryption…), with real catalogs and files: turning it
// on shows a recovery key that parses to the vault's key and the dialog cannot be closed before
// "I have stored…" is ticked; importing a typo names the position and a good key turns the
// vault on; existing plain backups are encrypted with a progress bar and a summary; a new
// vault is offered encryption once (accepted or declined); the detail view lists the members
// of an encrypted backup through the key and says clearly when the key is missing. PNGs at
// 1024x700 in EN and IT under PBXVAULT_TEST_PNG_DIR.
#include "BackupDetailView.h"
#include "EncryptionDialog.h"
#include "RecoveryKeyDialog.h"
#include "SettingsView.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "catalog/Catalog.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"
#include "ops/VaultEncryption.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

void useLanguage(const QString &language)
{
    const auto installed = qApp->findChildren<QTranslator *>();
    for (QTranslator *t : installed) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installTranslations(*qApp, language);
}

void savePng(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PBXVAULT_TEST_PNG_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

VaultEncryptionResult turnOn(Vault &vault)
{
    VaultEncryption encryption(vault);
    VaultEncryptionResult result;
    bool done = false;
    encryption.turnOn([&](const VaultEncryptionResult &r) {
        result = r;
        done = true;
    });
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    }();
    return result;
}

// count plain backups (gzip'd tars) of one PBX, or encrypted ones with key.
QVector<BackupRecord> addBackups(UiTestVault &env, int count, const VaultKey *key = nullptr)
{
    PbxRecord pbx = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                            QStringLiteral("https://192.0.2.1"));
    if (!env.catalog().addPbx(&pbx))
        return {};
    QVector<BackupRecord> out;
    for (int i = 0; i < count; ++i) {
        const QString source = QDir(env.dataDir()).filePath(QStringLiteral("src-%1.tar").arg(i));
        if (!writeTarArchive(source, {{QStringLiteral("etc/kalliope/users.xml"),
                                       QByteArray("<users n=\"") + QByteArray::number(i) + "\"/>"},
                                      {QStringLiteral("etc/kalliope/trunks.conf"),
                                       QByteArray("secret=hunter2\n")}}))
            return {};
        BackupRecord b;
        b.pbxId = pbx.id;
        b.filename = QStringLiteral("backup-%1.tar").arg(i);
        b.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * (count - i));
        QString error;
        if (!env.vault().store().importFile(source, pbx.name, b.tenant, &b.path, &b.sha256, &b.size,
                                            &error, key)) {
            qWarning().noquote() << error;
            return {};
        }
        QFile::remove(source);
        if (!env.catalog().addBackup(&b))
            return {};
        out << b;
    }
    return out;
}

QString keyShown(RecoveryKeyDialog *dialog)
{
    return dialog->findChild<QLabel *>(QStringLiteral("recoveryKeyText"))->text();
}

} // namespace

class TestUiEncryption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<pbxvault::RecoveryKeyDialog *>(); }
    void cleanup() { useLanguage(QStringLiteral("en")); }

    void turnOnShowsTheRecoveryKeyOnce()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        SettingsView view(env.ops(), env.settings());
        view.resize(1024, 700);
        view.show();
        auto *state = view.findChild<QLabel *>(QStringLiteral("encryptionStateValue"));
        QCOMPARE(state->text(), QStringLiteral("Off"));

        EncryptionDialog *dialog = view.openEncryptionDialog();
        QSignalSpy shown(dialog, &EncryptionDialog::recoveryKeyShown);
        QVERIFY(dialog->turnOnButton()->isVisible());
        QVERIFY(!dialog->showKeyButton()->isVisible());
        QTest::mouseClick(dialog->turnOnButton(), Qt::LeftButton);
        QVERIFY(shown.count() == 1 || shown.wait(30000));
        RecoveryKeyDialog *keyDialog = dialog->recoveryKeyDialog();
        QVERIFY(keyDialog && keyDialog->isVisible());

        // The key shown is the vault's, in 2 lines of 7 groups of 4.
        const QString text = keyShown(keyDialog);
        QCOMPARE(int(text.count(QLatin1Char('\n'))), 1);
        QCOMPARE(int(text.split(QRegularExpression(QStringLiteral("\\s+"))).size()), 14);
        QString why;
        const VaultKey parsed = RecoveryKey::parse(text, &why);
        QVERIFY2(!parsed.isNull(), qPrintable(why));
        QCOMPARE(parsed.idHex(), env.catalog().encryptionKeyId());
        QCOMPARE(parsed.idHex(), env.vault().key()->idHex());
        QVERIFY(state->text().startsWith(QStringLiteral("On — key ")));

        // Closing needs the box ticked; Esc does nothing before.
        QVERIFY(!keyDialog->doneButton()->isEnabled());
        QVERIFY(!keyDialog->declineButton());
        keyDialog->reject();
        QVERIFY(keyDialog->isVisible());
        keyDialog->storedCheck()->setChecked(true);
        QVERIFY(keyDialog->doneButton()->isEnabled());
        QTest::mouseClick(keyDialog->doneButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->recoveryKeyDialog());

        // Shown again on request (the question skipped), the same key.
        QVERIFY(dialog->showKeyButton()->isVisible());
        QVERIFY(!dialog->turnOnButton()->isVisible());
        dialog->setConfirmBeforeShowing(false);
        QTest::mouseClick(dialog->showKeyButton(), Qt::LeftButton);
        QVERIFY(dialog->recoveryKeyDialog());
        QCOMPARE(keyShown(dialog->recoveryKeyDialog()), text);
        QVERIFY(dialog->recoveryKeyDialog()->doneButton()->isEnabled());
        dialog->recoveryKeyDialog()->reject();
        QTRY_VERIFY(!dialog->recoveryKeyDialog());
        dialog->reject();
    }

    void importRejectsATypoAndTakesTheKey()
    {
        UiTestVault other;
        UiTestVault env;
        QString error;
        QVERIFY2(other.open(&error) && env.open(&error), qPrintable(error));
        const VaultEncryptionResult on = turnOn(other.vault());
        QVERIFY2(on.ok(), qPrintable(on.message));
        const QString key = RecoveryKey::format(on.key);

        EncryptionDialog dialog(env.vault());
        dialog.show();
        QVERIFY(!dialog.importField()->isVisible());
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QVERIFY(dialog.importField()->isVisible());
        QSignalSpy finished(&dialog, &EncryptionDialog::importFinished);

        QString typo = key;
        typo[5 * 3 + 1] = typo[5 * 3 + 1] == QLatin1Char('7') ? QLatin1Char('8') : QLatin1Char('7');
        dialog.importField()->setText(typo);
        QTest::keyClick(dialog.importField(), Qt::Key_Return);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(dialog.importError()->isVisible());
        QVERIFY2(dialog.importError()->text().contains(QStringLiteral("character 14 (in group 4)")),
                 qPrintable(dialog.importError()->text()));
        QVERIFY(env.catalog().encryptionKeyId().isEmpty());

        // Enter imported only: nothing else (turning encryption on) ran.
        QVERIFY(static_cast<MemorySecretStore &>(env.secrets()).keys().isEmpty());
        dialog.importField()->setText(key);
        QTest::keyClick(dialog.importField(), Qt::Key_Return);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(dialog.importError()->text()));
        QCOMPARE(env.catalog().encryptionKeyId(), on.key.idHex());
        QVERIFY(dialog.showKeyButton()->isVisible());
        QVERIFY(dialog.resultLabel()->text().contains(on.key.idHex()));
    }

    void encryptsTheExistingBackups()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        const QVector<BackupRecord> backups = addBackups(env, 3);
        QCOMPARE(backups.size(), 3);
        QVERIFY(turnOn(env.vault()).ok());
        EncryptionDialog dialog(env.vault());
        dialog.show();
        QVERIFY(dialog.encryptAllButton()->isEnabled());
        QSignalSpy done(&dialog, &EncryptionDialog::encryptionFinished);
        QTest::mouseClick(dialog.encryptAllButton(), Qt::LeftButton);
        QVERIFY(dialog.cancelButton()->isVisible());
        QVERIFY(done.wait(30000));
        QCOMPARE(dialog.resultLabel()->text(), QStringLiteral("3 encrypted"));
        QVERIFY(!dialog.encryptAllButton()->isEnabled());
        for (const BackupRecord &b : backups) {
            QVERIFY(isEncryptedFile(b.path));
            QCOMPARE(toString(BackupStore::verify(b.path, b.sha256, env.vault().key()).state),
                     toString(VerifyState::Intact));
        }
    }

    void aNewVaultIsOfferedEncryptionOnce_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("accepted") << true;
        QTest::newRow("declined") << false;
    }

    void aNewVaultIsOfferedEncryptionOnce()
    {
        QFETCH(bool, accept);
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        QWidget window;
        window.resize(1024, 700);
        window.show();
        RecoveryKeyDialog *offered = nullptr;
        QVERIFY(EncryptionDialog::offerForNewVault(
            env.vault(), &window, &window, [&offered](RecoveryKeyDialog *d) { offered = d; }));
        QTRY_VERIFY_WITH_TIMEOUT(offered, 30000);
        QPointer<RecoveryKeyDialog> guard(offered);
        QVERIFY(offered->declineButton());
        QVERIFY(!offered->doneButton()->isEnabled());
        // Nothing recorded before the operator answers.
        QVERIFY(env.catalog().encryptionKeyId().isEmpty());
        const VaultKey shown = RecoveryKey::parse(keyShown(offered));
        QVERIFY(!shown.isNull());
        if (accept) {
            offered->storedCheck()->setChecked(true);
            QTest::mouseClick(offered->doneButton(), Qt::LeftButton);
        } else {
            QTest::mouseClick(offered->declineButton(), Qt::LeftButton);
        }
        QTRY_VERIFY(!guard);
        QCOMPARE(env.catalog().encryptionKeyId(), accept ? shown.idHex() : QString());
        QCOMPARE(env.vault().key() != nullptr, accept);
        // Once only.
        QVERIFY(!EncryptionDialog::offerForNewVault(env.vault(), &window, &window));
    }

    void detailViewListsAnEncryptedBackup()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        const VaultEncryptionResult on = turnOn(env.vault());
        QVERIFY(on.ok());
        const QVector<BackupRecord> backups = addBackups(env, 1, env.vault().key());
        QCOMPARE(backups.size(), 1);
        QVERIFY(isEncryptedFile(backups.first().path));

        BackupDetailView view(env.ops());
        view.resize(1024, 700);
        view.show();
        auto *tree = view.findChild<QTreeWidget *>(QStringLiteral("memberTree"));
        auto *note = view.findChild<QLabel *>(QStringLiteral("membersNote"));
        view.showBackup(backups.first().id);
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 2, 30000);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("etc/kalliope/users.xml"));

        // Without the key: said in words, nothing listed.
        env.vault().setKey(VaultKey());
        BackupDetailView without(env.ops());
        without.resize(1024, 700);
        without.show();
        tree = without.findChild<QTreeWidget *>(QStringLiteral("memberTree"));
        note = without.findChild<QLabel *>(QStringLiteral("membersNote"));
        without.showBackup(backups.first().id);
        QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QStringLiteral("not loaded")), 30000);
        QCOMPARE(tree->topLevelItemCount(), 0);
        QVERIFY(note->text().contains(QStringLiteral("Settings → Encryption…")));
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
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        QCOMPARE(addBackups(env, 2).size(), 2);
        SettingsView view(env.ops(), env.settings());
        view.resize(1024, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        savePng(&view, QStringLiteral("encryption-settings-off-%1.png").arg(language));

        EncryptionDialog *dialog = view.openEncryptionDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        dialog->importField()->setText(QStringLiteral("7K3M-Q0ZD"));
        QSignalSpy imported(dialog, &EncryptionDialog::importFinished);
        QTest::keyClick(dialog->importField(), Qt::Key_Return);
        QVERIFY(imported.wait(30000));
        dialog->adjustSize();
        QVERIFY(dialog->width() <= 1024 && dialog->height() <= 700);
        savePng(dialog, QStringLiteral("encryption-dialog-off-%1.png").arg(language));

        QSignalSpy shown(dialog, &EncryptionDialog::recoveryKeyShown);
        QTest::mouseClick(dialog->turnOnButton(), Qt::LeftButton);
        QVERIFY(shown.count() == 1 || shown.wait(30000));
        RecoveryKeyDialog *keyDialog = dialog->recoveryKeyDialog();
        QVERIFY(QTest::qWaitForWindowExposed(keyDialog));
        QVERIFY(keyDialog->width() <= 1024 && keyDialog->height() <= 700);
        auto *label = keyDialog->findChild<QLabel *>(QStringLiteral("recoveryKeyText"));
        QVERIFY(label->width() >= label->sizeHint().width());
        savePng(keyDialog, QStringLiteral("encryption-recovery-key-%1.png").arg(language));
        keyDialog->storedCheck()->setChecked(true);
        keyDialog->accept();

        QSignalSpy done(dialog, &EncryptionDialog::encryptionFinished);
        QTest::mouseClick(dialog->encryptAllButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        dialog->adjustSize();
        savePng(dialog, QStringLiteral("encryption-dialog-on-%1.png").arg(language));
        dialog->reject();
        QTRY_VERIFY(view.findChild<EncryptionDialog *>() == nullptr);
        savePng(&view, QStringLiteral("encryption-settings-on-%1.png").arg(language));
    }
};

QTEST_MAIN(TestUiEncryption)
#include "tst_ui_encryption.moc"
