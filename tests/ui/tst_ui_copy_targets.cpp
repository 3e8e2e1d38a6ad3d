// Settings → Copy targets… and a backup's Off-site copies row, with a real catalog, real
// folders and a real OpenSSH server on loopback: a folder chosen in the folder chooser becomes
// a target (and a folder inside the vault is refused); removing one asks first and leaves the
// folder alone; the SFTP form shows the fingerprint the server really has, pins it once
// trusted, keeps the private key only in the secret store, and the saved target works; a wrong
// password or a closed port shows an error and saves nothing; the detail view shows one line
// per target. PNGs at 1024x700 in EN and IT under PBXVAULT_TEST_PNG_DIR.
#include "BackupDetailView.h"
#include "CopyTargetsDialog.h"
#include "MessageBar.h"
#include "SettingsView.h"
#include "SshServer.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "catalog/Catalog.h"
#include "fakes/MemorySecretStore.h"
#include "ops/OffsiteCopies.h"
#include "ops/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
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

template <typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

MemorySecretStore &memorySecrets(UiTestVault &env)
{
    return static_cast<MemorySecretStore &>(env.secrets());
}

void languages()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("it") << QStringLiteral("it");
}

// Fills the SFTP form for the test server; the caller picks the login.
void fillServer(SftpTargetDialog *form, const SshServer &server)
{
    child<QLineEdit>(form, "sftpHostEdit")->setText(server.host());
    child<QSpinBox>(form, "sftpPortSpin")->setValue(server.port());
    child<QLineEdit>(form, "sftpUserEdit")->setText(server.user());
    child<QLineEdit>(form, "sftpFolderEdit")->setText(server.remoteDir());
}

} // namespace

class TestUiCopyTargets : public QObject
{
    Q_OBJECT

    std::unique_ptr<SshServer> m_server;

    SshServer *server()
    {
        if (SshServer::sshdPath().isEmpty())
            return nullptr;
        if (!m_server) {
            m_server = std::make_unique<SshServer>();
            QString error;
            if (!m_server->start(&error)) {
                qWarning().noquote() << "sshd:" << error;
                m_server.reset();
            }
        }
        return m_server.get();
    }

private Q_SLOTS:
    void cleanup()
    {
        useLanguage(QStringLiteral("en"));
        if (QTest::currentTestFailed() && m_server)
            qInfo().noquote() << "sshd log:\n" << m_server->log().right(3000);
    }
    void cleanupTestCase() { m_server.reset(); }

    void folderChosenInTheChooserBecomesATarget()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        TestDir nasRoot;
        const QString nas = QDir(nasRoot.path()).filePath(QStringLiteral("nas-pbx"));
        QVERIFY(QDir().mkpath(nas));

        CopyTargetsDialog dialog(env.vault());
        dialog.show();
        auto *list = child<QTreeWidget>(&dialog, "copyTargetList");
        QCOMPARE(list->topLevelItemCount(), 0);
        QVERIFY(!child<QPushButton>(&dialog, "removeTargetButton")->isEnabled());
        QSignalSpy changed(&dialog, &CopyTargetsDialog::targetsChanged);

        QTest::mouseClick(child<QPushButton>(&dialog, "addFolderTargetButton"), Qt::LeftButton);
        auto *chooser = topLevel<QFileDialog>(QStringLiteral("copyTargetFolderChooser"));
        QVERIFY(chooser);
        QCOMPARE(chooser->fileMode(), QFileDialog::Directory);
        chooser->setDirectory(nasRoot.path());
        chooser->selectFile(nas);
        static_cast<QDialog *>(chooser)->accept(); // QFileDialog's own accept is protected

        QCOMPARE(changed.count(), 1);
        const QVector<CopyTargetRecord> targets = env.catalog().copyTargets();
        QCOMPARE(targets.size(), 1);
        QCOMPARE(targets[0].name, QStringLiteral("nas-pbx"));
        QVERIFY(targets[0].kind == CopyTargetKind::Folder);
        QCOMPARE(QFileInfo(targets[0].location).canonicalFilePath(),
                 QFileInfo(nas).canonicalFilePath());
        QVERIFY(targets[0].enabled);
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("nas-pbx"));
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("0 copied"));
        QCOMPARE(dialog.selectedTargetId(), targets[0].id);
        QCOMPARE(CopyTargetsDialog::summary(env.catalog()), QStringLiteral("1 target"));

        // Disable, then enable again: saved at once.
        auto *enable = child<QPushButton>(&dialog, "enableTargetButton");
        QTest::mouseClick(enable, Qt::LeftButton);
        QVERIFY(!env.catalog().copyTarget(targets[0].id)->enabled);
        QVERIFY(list->topLevelItem(0)->text(2).startsWith(QLatin1String("Disabled")));
        QCOMPARE(CopyTargetsDialog::summary(env.catalog()),
                 QStringLiteral("1 target · 1 disabled"));
        QTest::mouseClick(enable, Qt::LeftButton);
        QVERIFY(env.catalog().copyTarget(targets[0].id)->enabled);

        // The same folder twice, or one inside the vault, is refused with a reason.
        QVERIFY(!dialog.addFolder(nas));
        QVERIFY(dialog.messageBar()->text().contains(QLatin1String("already")));
        QVERIFY(!dialog.addFolder(env.vault().store().root()));
        QCOMPARE(dialog.messageBar()->kind(), MessageBar::Error);
        QVERIFY(dialog.messageBar()->text().contains(QLatin1String("own folder")));
        QVERIFY(!dialog.addFolder(QDir(nasRoot.path()).filePath(QStringLiteral("absent"))));
        QCOMPARE(env.catalog().copyTargets().size(), 1);

        // Remove asks first, says the copies stay, and leaves the folder and its files alone.
        QFile kept(QDir(nas).filePath(QStringLiteral("old-copy.bak")));
        QVERIFY(kept.open(QIODevice::WriteOnly));
        kept.close();
        QMessageBox *confirm = dialog.removeSelected();
        QVERIFY(confirm);
        QVERIFY(confirm->informativeText().contains(QLatin1String("stay on the target")));
        confirm->findChild<QPushButton *>(QStringLiteral("confirmRemoveTargetButton"))->click();
        QVERIFY(env.catalog().copyTargets().isEmpty());
        QCOMPARE(list->topLevelItemCount(), 0);
        QVERIFY(kept.exists());
        QCOMPARE(CopyTargetsDialog::summary(env.catalog()), QStringLiteral("None"));
    }

    void settingsRowOpensTheDialog()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        TestDir nas;
        SettingsView view(env.ops(), env.settings());
        view.resize(1024, 700);
        view.show();
        auto *summary = child<QLabel>(&view, "offsiteSummary");
        QVERIFY(summary);
        QCOMPARE(summary->text(), QStringLiteral("None"));
        QTest::mouseClick(child<QPushButton>(&view, "copyTargetsButton"), Qt::LeftButton);
        auto *dialog = topLevel<CopyTargetsDialog>(QStringLiteral("copyTargetsDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->addFolder(nas.path()));
        QCOMPARE(summary->text(), QStringLiteral("1 target"));
        dialog->reject();
    }

    void sftpFormPinsTheHostKeyAndStoresTheKey_data() { languages(); }
    void sftpFormPinsTheHostKeyAndStoresTheKey()
    {
        QFETCH(QString, language);
        SshServer *sshd = server();
        if (!sshd)
            QSKIP("OpenSSH's server /usr/sbin/sshd is not installed (Debian: openssh-server)");
        useLanguage(language);
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        TestDir keys;
        const QString keyFile = keys.filePath(QStringLiteral("id_ed25519"));
        {
            QFile f(keyFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            f.write(sshd->clientPrivateKey().toUtf8());
        }

        CopyTargetsDialog dialog(env.vault());
        dialog.show();
        SftpTargetDialog *form = dialog.openSftpForm();
        QVERIFY(QTest::qWaitForWindowExposed(form));
        fillServer(form, *sshd);
        child<QLineEdit>(form, "sftpNameEdit")->setText(QStringLiteral("Offsite"));
        child<QRadioButton>(form, "sftpKeyRadio")->setChecked(true);
        QVERIFY(!child<QLineEdit>(form, "sftpPasswordEdit")->isEnabled());
        child<QLineEdit>(form, "sftpKeyFileEdit")->setText(keyFile);

        auto *busy = child<QProgressBar>(form, "sftpBusyBar");
        QVERIFY(!busy->isVisible());
        QTest::mouseClick(child<QPushButton>(form, "sftpConnectButton"), Qt::LeftButton);
        QVERIFY(busy->isVisible()); // until the probe on its worker thread answers
        auto *hostKey = child<QLabel>(form, "hostKeyValue");
        auto *trust = child<QPushButton>(form, "trustHostKeyButton");
        QTRY_VERIFY_WITH_TIMEOUT(trust->isVisible(), 30000);
        QVERIFY(!busy->isVisible());
        QCOMPARE(hostKey->text(), sshd->hostKeyFingerprint());
        // Nothing is stored before the operator trusts the key.
        QVERIFY(env.catalog().copyTargets().isEmpty());
        QVERIFY(memorySecrets(env).keys().isEmpty());
        QVERIFY2(form->width() <= 1024 && form->height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(form->width()).arg(form->height())));
        savePng(form, QStringLiteral("copy-targets-sftp-%1.png").arg(language));

        QSignalSpy saved(form, &SftpTargetDialog::saved);
        QTest::mouseClick(trust, Qt::LeftButton);
        QVERIFY(saved.wait(30000));

        const std::optional<CopyTargetRecord> t =
            env.catalog().copyTargetByName(QStringLiteral("Offsite"));
        QVERIFY(t);
        QVERIFY(t->kind == CopyTargetKind::Sftp);
        QCOMPARE(t->hostKey, sshd->hostKeyFingerprint());
        QVERIFY(t->auth == CopyAuth::Key);
        QVERIFY(!t->location.contains(QLatin1String("PRIVATE")));
        QString host, user, dir;
        quint16 port = 0;
        QVERIFY2(OffsiteTargets::parseSftpLocation(t->location, &host, &port, &user, &dir, &error),
                 qPrintable(error));
        QCOMPARE(host, sshd->host());
        QCOMPARE(port, sshd->port());
        QCOMPARE(user, sshd->user());
        QCOMPARE(dir, sshd->remoteDir());
        const QString secretKey = OffsiteTargets::secretKey(env.catalog().catalogId(), t->id);
        QCOMPARE(memorySecrets(env).keys(), QStringList{secretKey});
        QCOMPARE(memorySecrets(env).storedSecret(secretKey), sshd->clientPrivateKey());

        // The list shows it, and the saved target really works: a file put through it arrives.
        auto *list = child<QTreeWidget>(&dialog, "copyTargetList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), t->location);
        QVERIFY(list->topLevelItem(0)->toolTip(1).contains(sshd->hostKeyFingerprint()));
        std::unique_ptr<CopyTarget> target =
            OffsiteTargets::make(*t, memorySecrets(env).storedSecret(secretKey), &error);
        QVERIFY2(target, qPrintable(error));
        const QString local = keys.filePath(QStringLiteral("probe.bin"));
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        const QString remoteName = QStringLiteral("ui-%1.bin").arg(language);
        const CopyResult put = target->put(local, remoteName);
        QVERIFY2(put.ok(), qPrintable(put.message));
        QVERIFY(QFile::exists(QDir(sshd->remoteDir()).filePath(remoteName)));
        QFile::remove(QDir(sshd->remoteDir()).filePath(remoteName));

        // The dialog with both kinds of target, for the PNG.
        TestDir nas;
        QVERIFY(dialog.addFolder(nas.path()));
        QVERIFY2(dialog.width() <= 1024 && dialog.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(dialog.width()).arg(dialog.height())));
        savePng(&dialog, QStringLiteral("copy-targets-%1.png").arg(language));
    }

    void wrongPasswordShowsAnErrorAndSavesNothing()
    {
        SshServer *sshd = server();
        if (!sshd)
            QSKIP("OpenSSH's server /usr/sbin/sshd is not installed (Debian: openssh-server)");
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        CopyTargetsDialog dialog(env.vault());
        SftpTargetDialog *form = dialog.openSftpForm();
        fillServer(form, *sshd);
        QVERIFY(child<QRadioButton>(form, "sftpPasswordRadio")->isChecked());
        child<QLineEdit>(form, "sftpPasswordEdit")->setText(QStringLiteral("not-the-password"));
        QTest::mouseClick(child<QPushButton>(form, "sftpConnectButton"), Qt::LeftButton);
        auto *trust = child<QPushButton>(form, "trustHostKeyButton");
        QTRY_VERIFY_WITH_TIMEOUT(trust->isVisible(), 30000);
        QSignalSpy saved(form, &SftpTargetDialog::saved);
        QTest::mouseClick(trust, Qt::LeftButton);
        MessageBar *bar = form->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->kind() == MessageBar::Error, 60000);
        QVERIFY2(bar->text().contains(QLatin1String("Nothing was saved")), qPrintable(bar->text()));
        QVERIFY(!bar->text().contains(QLatin1String("not-the-password")));
        QCOMPARE(saved.count(), 0);
        QVERIFY(form->isVisible()); // stays open to correct the password
        QVERIFY(child<QPushButton>(form, "sftpConnectButton")->isEnabled());
        QVERIFY(env.catalog().copyTargets().isEmpty());
        QVERIFY(memorySecrets(env).keys().isEmpty());
        savePng(form, QStringLiteral("copy-targets-sftp-error-en.png"));
    }

    void closedPortShowsAnError()
    {
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        CopyTargetsDialog dialog(env.vault());
        SftpTargetDialog *form = dialog.openSftpForm();
        child<QLineEdit>(form, "sftpHostEdit")->setText(QStringLiteral("127.0.0.1"));
        child<QSpinBox>(form, "sftpPortSpin")->setValue(1);
        child<QLineEdit>(form, "sftpUserEdit")->setText(QStringLiteral("backup"));
        child<QLineEdit>(form, "sftpPasswordEdit")->setText(QStringLiteral("pw"));
        QTest::mouseClick(child<QPushButton>(form, "sftpConnectButton"), Qt::LeftButton);
        MessageBar *bar = form->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->kind() == MessageBar::Error, 30000);
        QVERIFY(!child<QPushButton>(form, "trustHostKeyButton")->isVisible());
        QVERIFY(env.catalog().copyTargets().isEmpty());

        // Missing fields are named before anything is contacted.
        child<QLineEdit>(form, "sftpUserEdit")->clear();
        QTest::mouseClick(child<QPushButton>(form, "sftpConnectButton"), Qt::LeftButton);
        QVERIFY(bar->text().contains(QLatin1String("user")));
        QVERIFY(!child<QProgressBar>(form, "sftpBusyBar")->isVisible());
    }

    void detailViewShowsEachTargetsCopy_data() { languages(); }
    void detailViewShowsEachTargetsCopy()
    {
        QFETCH(QString, language);
        useLanguage(language);
        UiTestVault env;
        QString error;
        QVERIFY2(env.open(&error), qPrintable(error));
        PbxRecord pbx = makePbx(QStringLiteral("Sede Milano"), PbxRole::Master,
                                QStringLiteral("https://192.0.2.1"));
        QVERIFY(env.catalog().addPbx(&pbx));
        QVector<BackupRecord> backups =
            makeBackups(1, {pbx}, QDateTime::currentDateTimeUtc().addSecs(-600));
        QVERIFY(env.catalog().addBackups(&backups));
        const qint64 backupId = backups[0].id;

        BackupDetailView view(env.ops());
        view.resize(1024, 700);
        view.show();
        view.showBackup(backupId);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *copies = child<QWidget>(&view, "offsiteCopies");
        QVERIFY(copies);
        QVERIFY(!copies->isVisible()); // no targets: no row

        TestDir nas;
        CopyTargetRecord folder;
        folder.name = QStringLiteral("NAS");
        folder.location = nas.path();
        QVERIFY(env.catalog().addCopyTarget(&folder));
        CopyTargetRecord sftp;
        sftp.name = QStringLiteral("Offsite");
        sftp.kind = CopyTargetKind::Sftp;
        sftp.location = QStringLiteral("sftp://backup@192.0.2.9:22/pbx");
        sftp.auth = CopyAuth::Password;
        sftp.hostKey = QStringLiteral("SHA256:AAAA");
        QVERIFY(env.catalog().addCopyTarget(&sftp));
        CopyTargetRecord later;
        later.name = QStringLiteral("USB disk");
        later.location = nas.path();
        later.enabled = false;
        QVERIFY(env.catalog().addCopyTarget(&later));
        BackupCopyRecord copied;
        copied.backupId = backupId;
        copied.targetId = folder.id;
        copied.state = CopyState::Copied;
        copied.remoteName = QStringLiteral("Sede_Milano--x.bak");
        copied.size = backups[0].size;
        copied.sha256 = backups[0].sha256;
        copied.attempts = 1;
        QVERIFY2(env.catalog().setBackupCopy(copied), qPrintable(env.catalog().lastError()));
        BackupCopyRecord failed = copied;
        failed.targetId = sftp.id;
        failed.state = CopyState::Failed;
        failed.error = QStringLiteral("The server 192.0.2.9 did not answer.");
        QVERIFY(env.catalog().setBackupCopy(failed));

        view.reload();
        QVERIFY(copies->isVisible());
        QHash<qint64, QString> lines;
        const auto labels = copies->findChildren<QLabel *>(QStringLiteral("offsiteCopyLine"));
        for (QLabel *label : labels)
            lines.insert(label->property("targetId").toLongLong(), label->text());
        QCOMPARE(lines.size(), 3);
        if (language == QLatin1String("en")) {
            QVERIFY2(lines[folder.id].startsWith(QLatin1String("NAS: Copied and verified")),
                     qPrintable(lines[folder.id]));
            QVERIFY2(lines[sftp.id].startsWith(
                         QLatin1String("Offsite: Copy failed: The server 192.0.2.9 did not")),
                     qPrintable(lines[sftp.id]));
            QVERIFY2(lines[later.id].contains(QLatin1String("disabled")),
                     qPrintable(lines[later.id]));
        } else {
            QVERIFY(lines[folder.id].startsWith(QLatin1String("NAS")));
            QVERIFY(lines[sftp.id].contains(QLatin1String("192.0.2.9")));
        }
        savePng(&view, QStringLiteral("copy-targets-detail-%1.png").arg(language));

        // The Settings row counts the failed copy.
        if (language == QLatin1String("en"))
            QCOMPARE(CopyTargetsDialog::summary(env.catalog()),
                     QStringLiteral("3 targets · 1 disabled · 1 failed copy"));
        SettingsView settings(env.ops(), env.settings());
        settings.resize(1024, 700);
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        savePng(&settings, QStringLiteral("copy-targets-settings-%1.png").arg(language));
    }
};

QTEST_MAIN(TestUiCopyTargets)
#include "tst_ui_copy_targets.moc"
