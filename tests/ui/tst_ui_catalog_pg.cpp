// The window on a team's PostgreSQL catalog, against a real server started by the test whose
// catalog user must give a password, and the real keyring: Settings → Catalog → Change… tests
// the connection (refused and accepted), copies the open catalog into the empty server one and
// keeps the password in the keychain; a window opened on the server catalog with that password
// lists a backup another connection adds; an unreachable server stops the start with a message
// and its choices instead of falling back to the local file by itself.
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "CatalogDialog.h"
#include "CatalogOpenPrompt.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PgServer.h"
#include "SettingsView.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "catalog/CatalogLocation.h"
#include "catalog/CatalogWatcher.h"
#include "secrets/SecretStore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QString kPassword = QStringLiteral("t3am-Cat4log!pw");
const QString kWrongPassword = QStringLiteral("not-the-Passw0rd");

void useLanguage(const QString &language)
{
    const auto installed = qApp->findChildren<QTranslator *>();
    for (QTranslator *t : installed) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installTranslations(*qApp, language);
}

// A login role "alice" with a password, owning the database "teamdb", and a pg_hba.conf that
// makes her give it over the socket (the superuser keeps trust). Waits until the server has
// reloaded the rules: a wrong password is refused.
bool requirePasswordFor(PgServer &pg, const QString &uri, QString *error)
{
    QSqlDatabase db = pg.openDatabase(QString(), error);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    const QStringList setup{
        QStringLiteral("CREATE ROLE alice LOGIN PASSWORD '%1'").arg(kPassword),
        QStringLiteral("CREATE DATABASE teamdb OWNER alice"),
    };
    for (const QString &sql : setup) {
        if (!q.exec(sql)) {
            *error = sql.left(20) + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
    }
    QFile hba(pg.dataDir() + QStringLiteral("/pg_hba.conf"));
    if (!hba.open(QIODevice::ReadOnly)) {
        *error = hba.errorString();
        return false;
    }
    const QByteArray rules = "local all alice scram-sha-256\n" + hba.readAll();
    hba.close();
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate) || hba.write(rules) != rules.size()) {
        *error = hba.errorString();
        return false;
    }
    hba.close();
    if (!q.exec(QStringLiteral("SELECT pg_reload_conf()"))) {
        *error = q.lastError().text();
        return false;
    }
    const CatalogLocation location = CatalogLocation::parse(uri);
    if (!QTest::qWaitFor([&] { return !location.checkServer(kWrongPassword).connected; }, 20000)) {
        *error = QStringLiteral("the server still accepts any password");
        return false;
    }
    return true;
}

bool storeInKeychain(SecretStore &secrets, const QString &key, const QString &secret)
{
    bool ok = false;
    QEventLoop loop;
    secrets.writeSecret(key, secret, &loop, [&](const SecretResult &r) {
        ok = r.ok();
        loop.quit();
    });
    loop.exec();
    return ok;
}

} // namespace

class TestUiCatalogPg : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_pg;
    std::unique_ptr<TestDir> m_pngTemp;
    QString m_pngDir;
    QString m_uri;
    KeychainSecretStore m_secrets;

    void grab(QWidget *widget, const QString &name)
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        const QString path = QDir(m_pngDir).filePath(name + QStringLiteral(".png"));
        QVERIFY2(widget->grab().save(path), qPrintable(path));
        qInfo("PNG %s", qPrintable(path));
    }

    void fillServer(CatalogDialog &dialog, const QString &password)
    {
        dialog.findChild<QRadioButton *>(QStringLiteral("serverCatalogRadio"))->setChecked(true);
        dialog.findChild<QLineEdit *>(QStringLiteral("catalogHostEdit"))
            ->setText(m_pg->socketDir());
        dialog.findChild<QSpinBox *>(QStringLiteral("catalogPortSpin"))->setValue(m_pg->port());
        dialog.findChild<QLineEdit *>(QStringLiteral("catalogDatabaseEdit"))
            ->setText(QStringLiteral("teamdb"));
        dialog.findChild<QLineEdit *>(QStringLiteral("catalogUserEdit"))
            ->setText(QStringLiteral("alice"));
        dialog.findChild<QLineEdit *>(QStringLiteral("catalogPasswordEdit"))->setText(password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL is not installed (Debian package postgresql)");
        const QString noDriver = PgServer::whyNoDriver();
        if (!noDriver.isEmpty())
            QSKIP(qPrintable(noDriver));
        m_pngDir = qEnvironmentVariable("PBXVAULT_UI_PNG_DIR");
        if (m_pngDir.isEmpty()) {
            m_pngTemp = std::make_unique<TestDir>();
            m_pngDir = m_pngTemp->path();
        }
        QDir().mkpath(m_pngDir);
        m_pg = std::make_unique<PgServer>();
        QString error;
        QVERIFY2(m_pg->start(&error), qPrintable(error));
        m_uri = CatalogLocation::postgres(m_pg->socketDir(), m_pg->port(), QStringLiteral("teamdb"),
                                          QStringLiteral("alice"))
                    .toString();
        QVERIFY2(requirePasswordFor(*m_pg, m_uri, &error), qPrintable(error));
    }

    void cleanupTestCase() { useLanguage(QStringLiteral("en")); }

    // Refused, then accepted; the open catalog copied into the empty server one; OK keeps the
    // password in the keychain and the location in the settings.
    void dialogTestsCopiesAndSaves()
    {
        UiTestVault local(&m_secrets);
        QString error;
        QVERIFY2(local.open(&error), qPrintable(error));
        PbxRecord pbx =
            makePbx(QStringLiteral("Sede"), PbxRole::Master, QStringLiteral("https://192.0.2.1"));
        QVERIFY(local.catalog().addPbx(&pbx));
        QVector<BackupRecord> backups = makeBackups(3, {pbx}, QDateTime::currentDateTimeUtc());
        QVERIFY(local.catalog().addBackups(&backups));

        CatalogDialog dialog(local.settings(), m_secrets, local.dataDir(), &local.vault());
        dialog.resize(620, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("catalogTestResult"));
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyCatalogButton"));
        QVERIFY(result && copy);

        fillServer(dialog, kWrongPassword);
        QCOMPARE(dialog.location(), m_uri);
        QSignalSpy tested(&dialog, &CatalogDialog::testFinished);
        dialog.testConnection();
        QVERIFY(tested.wait(30000));
        QCOMPARE(tested.takeFirst().at(0).toBool(), false);
        QVERIFY2(result->text().contains(QStringLiteral("password authentication failed")),
                 qPrintable(result->text()));
        QVERIFY(!result->text().contains(kWrongPassword));
        QVERIFY(!copy->isEnabled());
        grab(&dialog, QStringLiteral("catalog-dialog-refused-en"));

        // OK with a refused password stores nothing.
        dialog.accept();
        QVERIFY(tested.wait(30000));
        QCOMPARE(tested.takeFirst().at(0).toBool(), false);
        QVERIFY(dialog.isVisible());
        QVERIFY(local.settings().catalogLocation().isEmpty());
        QVERIFY(Vault::catalogPasswordFromKeychain(m_secrets, m_uri).isEmpty());

        dialog.findChild<QLineEdit *>(QStringLiteral("catalogPasswordEdit"))->setText(kPassword);
        dialog.testConnection();
        QVERIFY(tested.wait(30000));
        QCOMPARE(tested.takeFirst().at(0).toBool(), true);
        QVERIFY2(result->text().startsWith(QStringLiteral("Connected")),
                 qPrintable(result->text()));
        QVERIFY(copy->isVisible());
        QVERIFY(copy->isEnabled());
        grab(&dialog, QStringLiteral("catalog-dialog-connected-en"));

        QSignalSpy copied(&dialog, &CatalogDialog::copyFinished);
        copy->click();
        QVERIFY(copied.wait(60000));
        QVERIFY2(copied.first().at(0).toBool(), qPrintable(result->text()));
        const CatalogLocation::ServerCheck after =
            CatalogLocation::parse(m_uri).checkServer(kPassword);
        QVERIFY2(after.connected, qPrintable(after.error));
        QCOMPARE(after.backups, qint64(3));
        QCOMPARE(after.pbxs, qint64(1));
        QVERIFY(!copy->isEnabled()); // no second copy onto a catalog that is not empty

        QSignalSpy done(&dialog, &QDialog::finished);
        dialog.findChild<QPushButton *>(QStringLiteral("catalogOkButton"))->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toInt(), int(QDialog::Accepted));
        QCOMPARE(local.settings().catalogLocation(), m_uri);
        QCOMPARE(Vault::catalogPasswordFromKeychain(m_secrets, m_uri), kPassword);
    }

    // The window on the server catalog: the keychain's password opens it, the watcher gets it
    // too, and a backup another connection adds shows up by itself.
    void windowListsWhatAnotherConnectionAdds_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void windowListsWhatAnotherConnectionAdds()
    {
        QFETCH(QString, language);
        useLanguage(language);
        QVERIFY(storeInKeychain(m_secrets, CatalogLocation::parse(m_uri).keychainKey(), kPassword));
        TestDir dir;
        AppSettings settings(dir.path());
        settings.setCatalogLocation(m_uri);
        QString error;
        std::unique_ptr<Vault> vault =
            CatalogOpenPrompt(dir.path(), settings, m_secrets).open(&error);
        QVERIFY2(vault, qPrintable(error));
        QVERIFY(vault->catalog().isPostgres());
        QCOMPARE(vault->catalogPassword(), kPassword);
        Operations ops(*vault);
        MainWindow window(ops, settings);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.catalogWatcher());
        QVERIFY(window.catalogWatcher()->isWatching());

        window.showView(QStringLiteral("settings"));
        auto *value = window.findChild<QLabel *>(QStringLiteral("catalogPathValue"));
        QVERIFY(value);
        QVERIFY2(value->text().contains(m_uri), qPrintable(value->text()));
        grab(&window, QStringLiteral("settings-pg-1024-%1").arg(language));
        CatalogDialog *dialog = window.settingsView()->openCatalogDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->location(), m_uri); // the fields show the saved server
        grab(dialog, QStringLiteral("catalog-dialog-%1").arg(language));
        dialog->reject();
        window.showView(QStringLiteral("backups"));

        std::unique_ptr<Catalog> other = Catalog::open(m_uri, &error, kPassword);
        QVERIFY2(other, qPrintable(error));
        PbxRecord pbx = makePbx(QStringLiteral("Filiale %1").arg(language), PbxRole::Secondary,
                                QStringLiteral("https://192.0.2.2"));
        QVERIFY(other->addPbx(&pbx));
        BackupRecord b = makeBackups(1, {pbx}, QDateTime::currentDateTimeUtc()).first();
        QVERIFY(other->addBackup(&b));
        BackupTableModel *model = window.backupsPage()->list()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOfBackup(b.id) >= 0, 10000);
        MessageBar *bar = window.backupsPage()->list()->messageBar();
        QVERIFY2(!bar->isVisible(), qPrintable(bar->text()));
        if (language == QLatin1String("it")) { // once
            // Past 5,000 backups the list is read on a worker thread through a connection of
            // its own (BackupListLoader): it needs the password too.
            QVector<BackupRecord> many =
                makeBackups(5001, {pbx}, QDateTime::currentDateTimeUtc().addDays(-400));
            QVERIFY(other->addBackups(&many));
            QTRY_VERIFY_WITH_TIMEOUT(model->rowOfBackup(many.last().id) >= 0 || bar->isVisible(),
                                     30000);
            QVERIFY2(!bar->isVisible(), qPrintable(bar->text()));
        }
    }

    // No server on that port: the start stops on a message with its choices; Retry asks again,
    // "Use the local catalog" opens the data directory's file and says so in the settings.
    void unreachableServerOffersChoices()
    {
        useLanguage(QStringLiteral("en"));
        TestDir dir;
        AppSettings settings(dir.path());
        const QString nowhere =
            CatalogLocation::postgres(m_pg->socketDir(), m_pg->port() + 1, QStringLiteral("teamdb"),
                                      QStringLiteral("alice"))
                .toString();
        settings.setCatalogLocation(nowhere);
        QStringList texts;
        QStringList buttons;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *box = topLevel<QMessageBox>(QStringLiteral("catalogUnavailableMessage"));
            if (!box)
                return;
            texts << box->text() + QLatin1Char('\n') + box->informativeText();
            buttons.clear();
            for (QAbstractButton *b : box->buttons())
                buttons << b->objectName();
            if (texts.size() == 1) {
                box->findChild<QPushButton *>(QStringLiteral("retryCatalogButton"))->click();
            } else {
                box->grab().save(
                    QDir(m_pngDir).filePath(QStringLiteral("catalog-unreachable-en.png")));
                box->findChild<QPushButton *>(QStringLiteral("useLocalCatalogButton"))->click();
            }
        });
        answer.start();
        QString error;
        std::unique_ptr<Vault> vault =
            CatalogOpenPrompt(dir.path(), settings, m_secrets).open(&error);
        answer.stop();
        QVERIFY2(vault, qPrintable(error));
        QCOMPARE(texts.size(), 2);
        QVERIFY2(texts.first().contains(nowhere), qPrintable(texts.first()));
        QVERIFY2(texts.first().contains(QStringLiteral("No such file")) ||
                     texts.first().contains(QStringLiteral("connection to server")),
                 qPrintable(texts.first()));
        for (const char *name :
             {"retryCatalogButton", "useLocalCatalogButton", "catalogSettingsButton", "quitButton"})
            QVERIFY2(buttons.contains(QLatin1String(name)), name);
        QVERIFY(!vault->catalog().isPostgres());
        QCOMPARE(vault->catalog().path(),
                 QDir(dir.path()).filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY(settings.catalogLocation().isEmpty());
    }

    // Quit leaves the setting alone and opens nothing.
    void quitOpensNothing()
    {
        TestDir dir;
        AppSettings settings(dir.path());
        const QString nowhere =
            CatalogLocation::postgres(m_pg->socketDir(), m_pg->port() + 1, QStringLiteral("teamdb"),
                                      QStringLiteral("alice"))
                .toString();
        settings.setCatalogLocation(nowhere);
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [] {
            if (auto *box = topLevel<QMessageBox>(QStringLiteral("catalogUnavailableMessage")))
                box->findChild<QPushButton *>(QStringLiteral("quitButton"))->click();
        });
        answer.start();
        QString error = QStringLiteral("unset");
        std::unique_ptr<Vault> vault =
            CatalogOpenPrompt(dir.path(), settings, m_secrets).open(&error);
        answer.stop();
        QVERIFY(!vault);
        QVERIFY(error.isEmpty());
        QCOMPARE(settings.catalogLocation(), nowhere);
        QVERIFY(!QFile::exists(QDir(dir.path()).filePath(QStringLiteral("catalog.sqlite"))));
    }
};

QTEST_MAIN(TestUiCatalogPg)
#include "tst_ui_catalog_pg.moc"
