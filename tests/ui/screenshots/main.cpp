// Grabs PNG screenshots of every view, the history details and the New PBX dialog, in
// English and in Italian, over demo data (two pbxsim PBXs, a few weeks of backups and
// restores), plus the backup detail and the restores in a dark palette, and the diff view
// (after a /sim/mutate and one more backup) in English, Italian and dark:
//   build/bin/pbxvault_screenshots OUTPUT_DIR [WIDTHxHEIGHT]   (default 1180x700)
#include "ActivityView.h"
#include "BackupDetailView.h"
#include "BackupDiffDialog.h"
#include "BackupsPage.h"
#include "BackupsView.h"
#include "DemoData.h"
#include "HistoryDetailDialog.h"
#include "JobLogModel.h"
#include "MainWindow.h"
#include "PbxChoiceDialog.h"
#include "PbxDialog.h"
#include "PbxSim.h"
#include "PbxsView.h"
#include "RestoreDialog.h"
#include "RestoreTableModel.h"
#include "RestoresView.h"
#include "ScheduleEditor.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "ops/Job.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeEdit>
#include <QTranslator>
#include <QTreeWidget>

#include <cstdio>
#include <functional>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

// Lets the event loop run until done() or the timeout (network replies, layouts, paints).
bool spinUntil(const std::function<bool()> &done, int timeoutMs = 15000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

bool save(QWidget *widget, const QString &dir, const QString &name)
{
    settle();
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void useLanguage(QApplication &app, const QString &language)
{
    const auto installed = app.findChildren<QTranslator *>();
    for (QTranslator *t : installed) {
        QApplication::removeTranslator(t);
        delete t;
    }
    installTranslations(app, language);
}

template <typename T> T *waitForDialog(const QString &objectName)
{
    T *dialog = nullptr;
    spinUntil([&] { return (dialog = topLevel<T>(objectName)) != nullptr; });
    return dialog;
}

// The failed restore's and the failed job's detail dialogs.
bool shootDetails(MainWindow &window, const QString &dir, const QString &suffix)
{
    bool ok = true;
    RestoresView *restores = window.restoresView();
    for (int row = 0; row < restores->model()->rowCount(); ++row) {
        const RestoreRecord &r = restores->model()->restoreAt(row);
        if (r.outcome != RestoreOutcome::Failed)
            continue;
        if (QDialog *dialog = restores->showDetails(r.id)) {
            ok &= save(dialog, dir, QStringLiteral("restore-detail") + suffix);
            dialog->reject();
        }
        break;
    }
    ActivityView *activity = window.activityView();
    for (int row = 0; row < activity->model()->rowCount(); ++row) {
        const JobRecord &j = activity->model()->jobAt(row);
        if (j.outcome != JobOutcome::Failed)
            continue;
        if (QDialog *dialog = activity->showDetails(j.id)) {
            ok &= save(dialog, dir, QStringLiteral("job-detail") + suffix);
            dialog->reject();
        }
        break;
    }
    return ok;
}

bool shootDark(QApplication &app, screenshots::DemoData &demo, UiTestVault &vault,
               const QSize &size, const QString &dir)
{
    useLanguage(app, QStringLiteral("en"));
    const QPalette before = QApplication::palette();
    QApplication::setPalette(darkPalette());
    bool ok = true;
    {
        MainWindow window(vault.ops(), vault.settings());
        window.resize(size);
        window.show();
        window.showView(QStringLiteral("backups"));
        ok &= save(&window, dir, QStringLiteral("backups-dark"));
        window.backupsPage()->showDetail(demo.featuredBackupId);
        ok &= save(&window, dir, QStringLiteral("backup-detail-dark"));
        window.showView(QStringLiteral("restores"));
        ok &= save(&window, dir, QStringLiteral("restores-dark"));
        window.close();
    }
    QApplication::setPalette(before);
    return ok;
}

// The diff of the featured backup with one taken after /sim/mutate: the changed members,
// etc/extensions.conf selected; unified in English and Italian, side by side in dark.
bool shootDiff(QApplication &app, screenshots::DemoData &demo, UiTestVault &vault, PbxSim &master,
               const QSize &size, const QString &dir)
{
    if (!master.mutate()) {
        std::fprintf(stderr, "mutate: %s\n", qPrintable(master.lastError()));
        return false;
    }
    Job *backup = vault.ops().backupPbx(demo.masterId, JobTrigger::Manual,
                                        QStringLiteral("New extensions for the sales team"));
    if (!spinUntil([backup] { return backup->isFinished(); }, 120000) || !backup->ok()) {
        std::fprintf(stderr, "backup after mutate: %s\n", qPrintable(backup->errorMessage()));
        return false;
    }
    const qint64 newerId = backup->backupId();
    backup->deleteLater();

    bool ok = true;
    const QPalette before = QApplication::palette();
    for (const QString &name :
         {QStringLiteral("diff-en"), QStringLiteral("diff-it"), QStringLiteral("diff-dark")}) {
        const bool dark = name.endsWith(QLatin1String("dark"));
        useLanguage(app, name.endsWith(QLatin1String("it")) ? QStringLiteral("it")
                                                            : QStringLiteral("en"));
        if (dark)
            QApplication::setPalette(darkPalette());
        MainWindow window(vault.ops(), vault.settings());
        window.resize(size);
        window.show();
        window.backupsPage()->showDetail(newerId);
        BackupDiffDialog *dialog = window.backupsPage()->detail()->compareWithPrevious();
        if (!dialog) {
            std::fprintf(stderr, "no previous backup to compare with\n");
            return false;
        }
        dialog->resize(size);
        if (!spinUntil([dialog] { return !dialog->isComparing(); }, 60000)) {
            std::fprintf(stderr, "the comparison did not end\n");
            return false;
        }
        dialog->selectMember(QStringLiteral("etc/extensions.conf"));
        dialog->setSideBySide(dark);
        ok &= save(dialog, dir, name);
        dialog->close();
        window.close();
        if (dark)
            QApplication::setPalette(before);
    }
    return ok;
}

bool shoot(QApplication &app, screenshots::DemoData &demo, UiTestVault &vault,
           const QString &language, const QSize &size, const QString &dir)
{
    useLanguage(app, language);
    const QString suffix = QLatin1Char('-') + language;
    bool ok = true;

    MainWindow window(vault.ops(), vault.settings());
    window.resize(size);
    window.show();
    window.showView(QStringLiteral("backups"));
    ok &= save(&window, dir, QStringLiteral("backups") + suffix);

    BackupsPage *page = window.backupsPage();
    page->showDetail(demo.featuredBackupId);
    auto *members = page->detail()->findChild<QTreeWidget *>(QStringLiteral("memberTree"));
    spinUntil([members] { return members->topLevelItemCount() > 0; });
    ok &= save(&window, dir, QStringLiteral("backup-detail") + suffix);

    page->detail()->openRestoreDialog();
    if (auto *restore = waitForDialog<RestoreDialog>(QStringLiteral("restoreDialog"))) {
        restore->selectTarget(demo.secondaryId);
        spinUntil([restore] { return !restore->isPlanning(); });
        restore->adjustSize();
        ok &= save(restore, dir, QStringLiteral("restore-dialog") + suffix);
        restore->reject();
    } else {
        ok = false;
    }
    page->showList();

    // The import dialog, with its "checksum only" choice.
    page->list()->importFile(QDir(vault.dataDir()).filePath(QStringLiteral("centralino.bak")));
    if (auto *import = waitForDialog<PbxChoiceDialog>(QStringLiteral("pbxChoiceDialog"))) {
        import->adjustSize();
        ok &= save(import, dir, QStringLiteral("import-dialog") + suffix);
        import->reject();
    } else {
        ok = false;
    }

    window.showView(QStringLiteral("restores"));
    ok &= save(&window, dir, QStringLiteral("restores") + suffix);
    ok &= shootDetails(window, dir, suffix);
    window.showView(QStringLiteral("pbxs"));
    window.pbxsView()->selectPbx(demo.masterId);
    ok &= save(&window, dir, QStringLiteral("pbxs") + suffix);
    window.showView(QStringLiteral("activity"));
    ok &= save(&window, dir, QStringLiteral("activity") + suffix);
    window.showView(QStringLiteral("settings"));
    ok &= save(&window, dir, QStringLiteral("settings") + suffix);

    window.showView(QStringLiteral("pbxs"));
    window.pbxsView()->openNewPbxDialog();
    if (auto *dialog = waitForDialog<PbxDialog>(QStringLiteral("pbxDialog"))) {
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("Filiale Torino"));
        dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))
            ->setText(QStringLiteral("https://pbx-torino.example.com"));
        dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))
            ->setText(QStringLiteral("admin"));
        dialog->scheduleEditor()->setCron(QStringLiteral("30 2 * * 1"));
        dialog->adjustSize();
        ok &= save(dialog, dir, QStringLiteral("new-pbx") + suffix);
        // The same form after "Save" without a password and with a duplicate name.
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("filiale roma"));
        dialog->validateForm();
        dialog->adjustSize();
        ok &= save(dialog, dir, QStringLiteral("new-pbx-validation") + suffix);
        dialog->reject();
    } else {
        ok = false;
    }
    window.close();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR [WIDTHxHEIGHT]\n", argv[0]);
        return 1;
    }
    QSize size(1180, 700);
    if (argc > 2) {
        const QStringList wh = QString::fromLocal8Bit(argv[2]).split(QLatin1Char('x'));
        if (wh.size() != 2 || wh[0].toInt() < 400 || wh[1].toInt() < 300) {
            std::fprintf(stderr, "size: WIDTHxHEIGHT, for example 1024x700\n");
            return 1;
        }
        size = QSize(wh[0].toInt(), wh[1].toInt());
    }
    const QString dir = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    QDir().mkpath(dir);

    PbxSim::Options masterOptions;
    masterOptions.backupSize = 6'000'000;
    PbxSim master(masterOptions);
    PbxSim::Options secondaryOptions;
    secondaryOptions.firmware = QStringLiteral("4.8.6");
    PbxSim secondary(secondaryOptions);
    QString error;
    if (!master.start(&error) || !secondary.start(&error)) {
        std::fprintf(stderr, "pbxsim: %s\n", qPrintable(error));
        return 1;
    }
    UiTestVault vault;
    screenshots::DemoData demo;
    if (!vault.open(&error) || !demo.build(vault, master, secondary, &error)) {
        std::fprintf(stderr, "demo data: %s\n", qPrintable(error));
        return 1;
    }
    bool ok = true;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("it")})
        ok &= shoot(app, demo, vault, language, size, dir);
    ok &= shootDark(app, demo, vault, size, dir);
    ok &= shootDiff(app, demo, vault, master, size, dir);
    return ok ? 0 : 1;
}
