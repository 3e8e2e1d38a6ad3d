// The "PBX's own backups" dialog against pbxsim: it lists the PBX's backups with "in the vault"
// yes/no, Fetch downloads the selected one (progress shown meanwhile), Fetch all missing the
// rest, and a file that is not a backup shows as an error in the dialog. Grabs PNGs at
// 1024×700 in English and Italian (PBXVAULT_UI_PNG_DIR, else a temporary folder).
#include "PbxRemoteBackupsDialog.h"
#include "SimVault.h"
#include "Translations.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
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

bool putOnPbx(const PbxSim &sim, const QString &name, const QByteArray &content)
{
    const QString folder = sim.dataDir() + QStringLiteral("/tenants/default/backups");
    QDir().mkpath(folder);
    QFile f(folder + QLatin1Char('/') + name);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// "In the vault" column text by name.
QMap<QString, QString> shown(QTreeWidget *list)
{
    QMap<QString, QString> out;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        out.insert(list->topLevelItem(i)->text(0), list->topLevelItem(i)->text(1));
    return out;
}

QTreeWidgetItem *itemNamed(QTreeWidget *list, const QString &name)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0) == name)
            return list->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestUiRemoteBackups : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimVault> m_env;
    std::unique_ptr<TestDir> m_tempPng;
    QString m_pngDir;
    QByteArray m_archive;
    QString m_createdName;

    void grab(QWidget *widget, const QString &name)
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        const QString path = QDir(m_pngDir).filePath(name + QStringLiteral(".png"));
        QVERIFY2(widget->grab().save(path), qPrintable(path));
        qInfo("PNG %s", qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_pngDir = qEnvironmentVariable("PBXVAULT_UI_PNG_DIR");
        if (m_pngDir.isEmpty()) {
            m_tempPng = std::make_unique<TestDir>();
            m_pngDir = m_tempPng->path();
        }
        QDir().mkpath(m_pngDir);
        useLanguage(QStringLiteral("en"));
        m_env = std::make_unique<SimVault>();
        QString error;
        QVERIFY2(m_env->start(&error, QStringLiteral("Sede centrale di Milano")),
                 qPrintable(error));
        const qint64 id = m_env->backUp();
        QVERIFY(id > 0);
        const std::optional<BackupRecord> b = m_env->vault.catalog().backup(id);
        m_createdName = b->filename;
        QFile f(b->path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_archive = f.readAll();
        for (const char *name : {"auto_0001.bak", "auto_0002.bak", "before-upgrade.bak"})
            QVERIFY(putOnPbx(m_env->sim, QLatin1String(name), m_archive));
    }

    void cleanupTestCase()
    {
        useLanguage(QStringLiteral("en"));
        m_env.reset();
    }

    void listFetchAndFetchAll()
    {
        PbxRemoteBackupsDialog dialog(m_env->vault.ops(), m_env->pbxId);
        dialog.resize(1024, 700);
        dialog.show();
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("remoteBackupsList"));
        auto *fetch = dialog.findChild<QPushButton *>(QStringLiteral("fetchRemoteButton"));
        auto *fetchAll = dialog.findChild<QPushButton *>(QStringLiteral("fetchAllMissingButton"));
        auto *progress = dialog.findChild<QProgressBar *>(QStringLiteral("remoteBackupsProgress"));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("remoteBackupsStatus"));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("remoteBackupsError"));
        QVERIFY(list && fetch && fetchAll && progress && status && error);

        QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 4, 30000);
        QTRY_VERIFY(!dialog.isBusy());
        QMap<QString, QString> rows = shown(list);
        QCOMPARE(rows.value(m_createdName), QStringLiteral("Yes"));
        QCOMPARE(rows.value(QStringLiteral("auto_0001.bak")), QStringLiteral("No"));
        QCOMPARE(rows.value(QStringLiteral("auto_0002.bak")), QStringLiteral("No"));
        QCOMPARE(rows.value(QStringLiteral("before-upgrade.bak")), QStringLiteral("No"));
        QVERIFY2(status->text().contains(QStringLiteral("3 not in the vault")),
                 qPrintable(status->text()));
        QVERIFY(fetchAll->isEnabled());
        QVERIFY(!fetch->isEnabled()); // nothing selected
        itemNamed(list, m_createdName)->setSelected(true);
        QVERIFY(!fetch->isEnabled()); // the vault holds it already
        list->clearSelection();
        itemNamed(list, QStringLiteral("before-upgrade.bak"))->setSelected(true);
        QVERIFY(fetch->isEnabled());
        grab(&dialog, QStringLiteral("pbx-own-backups-1024-en"));

        // Fetch the selected one; the PBX sends slowly, so the progress shows meanwhile.
        QVERIFY(m_env->sim.addFault(QStringLiteral("throttle=%1").arg(m_archive.size())));
        fetch->click();
        QVERIFY(dialog.isBusy());
        QTRY_VERIFY(progress->isVisible());
        QVERIFY(!fetch->isEnabled() && !fetchAll->isEnabled());
        grab(&dialog, QStringLiteral("pbx-own-backups-fetching-1024-en"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 30000);
        QVERIFY(m_env->sim.clearFaults());
        QVERIFY2(!error->isVisible(), qPrintable(error->text()));
        rows = shown(list);
        QCOMPARE(rows.value(QStringLiteral("before-upgrade.bak")), QStringLiteral("Yes"));
        QCOMPARE(rows.value(QStringLiteral("auto_0001.bak")), QStringLiteral("No"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Fetched 1 backup")),
                 qPrintable(status->text()));

        // Fetch all missing: the two left.
        fetchAll->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 30000);
        QVERIFY2(!error->isVisible(), qPrintable(error->text()));
        rows = shown(list);
        for (auto it = rows.begin(); it != rows.end(); ++it)
            QCOMPARE(it.value(), QStringLiteral("Yes"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Fetched 2 backup")),
                 qPrintable(status->text()));
        QVERIFY(!fetchAll->isEnabled());
        int fetched = 0;
        for (const BackupRecord &b : m_env->vault.catalog().backups(m_env->pbxId))
            fetched += b.origin == BackupOrigin::Fetched;
        QCOMPARE(fetched, 3);
    }

    // A file on the PBX that is not a backup: the error shows in the dialog, by name.
    void failureShowsInTheDialog()
    {
        QVERIFY(putOnPbx(m_env->sim, QStringLiteral("junk.bak"), QByteArray(4096, 'j')));
        PbxRemoteBackupsDialog dialog(m_env->vault.ops(), m_env->pbxId);
        dialog.resize(1024, 700);
        dialog.show();
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("remoteBackupsList"));
        auto *fetchAll = dialog.findChild<QPushButton *>(QStringLiteral("fetchAllMissingButton"));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("remoteBackupsError"));
        QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 5, 30000);
        QTRY_VERIFY(!dialog.isBusy());
        fetchAll->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 30000);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(QStringLiteral("junk.bak: ")), qPrintable(error->text()));
        QCOMPARE(shown(list).value(QStringLiteral("junk.bak")), QStringLiteral("No"));
        grab(&dialog, QStringLiteral("pbx-own-backups-error-1024-en"));

        useLanguage(QStringLiteral("it"));
        PbxRemoteBackupsDialog italian(m_env->vault.ops(), m_env->pbxId);
        italian.resize(1024, 700);
        italian.show();
        auto *italianList = italian.findChild<QTreeWidget *>(QStringLiteral("remoteBackupsList"));
        QTRY_COMPARE_WITH_TIMEOUT(italianList->topLevelItemCount(), 5, 30000);
        QTRY_VERIFY(!italian.isBusy());
        grab(&italian, QStringLiteral("pbx-own-backups-1024-it"));
        useLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestUiRemoteBackups)
#include "tst_ui_remote_backups.moc"
