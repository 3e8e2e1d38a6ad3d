// The window's entry points to the one backup pipeline, against pbxsim over TLS: "+" backs up
// through verification and retention like the scheduler and the CLI do, and the import dialog
// refuses an unreadable file unless "checksum only" is ticked, which then shows everywhere.
#include "BackupDetailView.h"
#include "BackupTableModel.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PbxChoiceDialog.h"
#include "PbxSim.h"
#include "UiTestKit.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace pbxvault;
using namespace pbxvault::test;

class TestUiBackupPipeline : public QObject
{
    Q_OBJECT

    std::unique_ptr<PbxSim> m_sim;
    std::unique_ptr<UiTestVault> m_vault;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_pbxId = 0;

    template <typename T> static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }

    BackupsPage *page() const { return m_window->backupsPage(); }
    BackupTableModel *backupModel() const { return page()->list()->model(); }

    QVector<JobRecord> jobsOf(JobKind kind)
    {
        QVector<JobRecord> out;
        for (const JobRecord &j : m_vault->catalog().jobs()) {
            if (j.pbxId == m_pbxId && j.kind == kind)
                out.append(j);
        }
        return out;
    }

    void importThroughDialog(const QString &path, bool checksumOnly)
    {
        page()->list()->importFile(path);
        PbxChoiceDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<PbxChoiceDialog>(QStringLiteral("pbxChoiceDialog"))));
        auto *box = child<QCheckBox>(dialog, "checksumOnlyCheck");
        QVERIFY(box);
        QVERIFY(!box->isChecked()); // refusing is the default
        box->setChecked(checksumOnly);
        child<QPushButton>(dialog, "importButton")->click();
    }

private Q_SLOTS:
    void initTestCase()
    {
        PbxSim::Options options;
        options.users = QStringList{QStringLiteral("default:admin:secret")};
        m_sim = std::make_unique<PbxSim>(options);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        m_vault = std::make_unique<UiTestVault>();
        QVERIFY2(m_vault->open(&error), qPrintable(error));
        PbxRecord pbx =
            makePbx(QStringLiteral("Head office"), PbxRole::Master, m_sim->url().toString());
        pbx.fingerprint = m_sim->fingerprint();
        pbx.keepLast = 1;
        Job *add = m_vault->ops().addPbx(pbx, QStringLiteral("secret"));
        QSignalSpy added(add, &Job::finished);
        QVERIFY(added.wait(15000));
        QVERIFY2(add->ok(), qPrintable(add->errorMessage()));
        m_pbxId = add->pbxId();
        add->deleteLater();
        m_window = std::make_unique<MainWindow>(m_vault->ops(), m_vault->settings());
        m_window->resize(1024, 700);
        m_window->show();
        m_window->showView(QStringLiteral("backups"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_vault.reset();
        m_sim.reset();
    }

    void plusVerifiesAndAppliesRetention()
    {
        auto *plus = child<QToolButton>(page()->list(), "addBackupButton");
        QTest::mouseClick(plus, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_vault->catalog().backups(m_pbxId).size(), 1, 30000);
        const qint64 first = m_vault->catalog().backups(m_pbxId).first().id;
        QTRY_COMPARE_WITH_TIMEOUT(jobsOf(JobKind::Backup).size(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(jobsOf(JobKind::Backup).first().outcome == JobOutcome::Success,
                                 30000);
        QVERIFY(m_sim->mutate());

        QTest::mouseClick(plus, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(jobsOf(JobKind::Backup).size(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(jobsOf(JobKind::Backup).first().outcome == JobOutcome::Success,
                                 30000);
        // keepLast = 1: the first backup went, the new one is intact.
        const QVector<BackupRecord> left = m_vault->catalog().backups(m_pbxId);
        QCOMPARE(left.size(), 1);
        QVERIFY(left.first().id != first);
        QCOMPARE(toString(left.first().verified), QStringLiteral("intact"));
        QCOMPARE(jobsOf(JobKind::Verify).size(), 2);
        QCOMPARE(jobsOf(JobKind::Retention).size(), 1);
        QTRY_COMPARE(backupModel()->totalCount(), 1);
    }

    void importOfAnUnreadableFileNeedsChecksumOnly()
    {
        QByteArray random(5 * 1024, Qt::Uninitialized);
        QRandomGenerator gen(7);
        gen.fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        const QString path = QDir(m_vault->dataDir()).filePath(QStringLiteral("random.bak"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(random);
        file.close();

        importThroughDialog(path, false);
        auto *bar = child<MessageBar>(page()->list(), "messageBar");
        QVERIFY(bar);
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral("not a backup")), 15000);
        QCOMPARE(m_vault->catalog().backups(m_pbxId).size(), 1);

        importThroughDialog(path, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_vault->catalog().backups(m_pbxId).size(), 2, 15000);
        qint64 imported = 0;
        for (const BackupRecord &b : m_vault->catalog().backups(m_pbxId)) {
            if (b.origin == BackupOrigin::Import)
                imported = b.id;
        }
        QVERIFY(imported > 0);
        QCOMPARE(toString(m_vault->catalog().backup(imported)->verified),
                 QStringLiteral("checksum-only"));
        QTRY_COMPARE(backupModel()->totalCount(), 2);
        // Marked in the list (icon and tooltip) and said in words in the detail.
        const int row = backupModel()->rowOfBackup(imported);
        QVERIFY(row >= 0);
        const QModelIndex name = backupModel()->index(row, BackupTableModel::FileNameColumn);
        QVERIFY(!name.data(Qt::DecorationRole).isNull());
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Checksum only")));
        const QModelIndex other = backupModel()->index(
            backupModel()->rowOfBackup(m_vault->catalog().backups(m_pbxId).last().id == imported
                                           ? m_vault->catalog().backups(m_pbxId).first().id
                                           : m_vault->catalog().backups(m_pbxId).last().id),
            BackupTableModel::FileNameColumn);
        QVERIFY(other.data(Qt::DecorationRole).isNull()); // intact rows stay quiet

        QTableView *table = page()->list()->table();
        table->scrollTo(name);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(name).center());
        QTRY_COMPARE(page()->currentWidget(), page()->detail());
        auto *verification = child<QLabel>(page()->detail(), "verificationValue");
        QTRY_VERIFY(verification->text().startsWith(QStringLiteral("Checksum only")));
        QVERIFY(verification->toolTip().contains(QStringLiteral("cannot read")));
        const QString shot = QDir(m_vault->dataDir()).filePath(QStringLiteral("detail.png"));
        if (qEnvironmentVariableIsSet("PBXVAULT_SCREENSHOT_DIR"))
            m_window->grab().save(QDir(qEnvironmentVariable("PBXVAULT_SCREENSHOT_DIR"))
                                      .filePath(QStringLiteral("checksum-only-detail.png")));
        Q_UNUSED(shot);
    }
};

QTEST_MAIN(TestUiBackupPipeline)
#include "tst_ui_backup_pipeline.moc"
