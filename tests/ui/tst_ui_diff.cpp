// The diff view against real pbxsim backups, in English and Italian: Compare with previous
// lists exactly the members /sim/mutate changed, "Changed only" and the name filter narrow
// the list, a text member shows its -/+ lines unified and side by side; two backups with no
// mutate in between read "No changes"; Compare with… lists the PBX's other backups newest
// first; Cancel during a comparison (of a large archive) leaves the dialog usable; a deleted
// backup file is a clear error naming the backup. PNGs go to $PBXVAULT_UI_PNG_DIR or a
// temporary folder.
#include "BackupChooserDialog.h"
#include "BackupDetailView.h"
#include "BackupDiffDialog.h"
#include "DiffLinesModel.h"
#include "DiffMemberModel.h"
#include "MessageBar.h"
#include "SimVault.h"
#include "TestArchive.h"
#include "Translations.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTranslator>
#include <QTreeView>

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

QString trDiff(const char *text)
{
    return QCoreApplication::translate("pbxvault::BackupDiffDialog", text);
}

// The names the member list shows, top to bottom.
QStringList listed(BackupDiffDialog *dialog)
{
    auto *view = dialog->findChild<QTreeView *>(QStringLiteral("diffMemberView"));
    QStringList names;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        names << view->model()->index(row, DiffMemberModel::NameColumn).data().toString();
    return names;
}

bool waitForEnd(BackupDiffDialog *dialog)
{
    if (!dialog->isComparing())
        return true;
    QSignalSpy ended(dialog, &BackupDiffDialog::comparisonEnded);
    return ended.wait(60000);
}

// Kinds and texts of the lines model's rows in one column.
QList<QPair<DiffLinesModel::Kind, QString>> column(const DiffLinesModel *model, int c)
{
    QList<QPair<DiffLinesModel::Kind, QString>> out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, c);
        out.append(
            {DiffLinesModel::Kind(i.data(DiffLinesModel::KindRole).toInt()), i.data().toString()});
    }
    return out;
}

} // namespace

class TestUiDiff : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimVault> m_env;
    std::unique_ptr<TestDir> m_tempPng;
    std::unique_ptr<TestDir> m_large;
    QString m_pngDir;
    qint64 m_first = 0;
    qint64 m_same = 0;
    qint64 m_mutated = 0;

    void addLanguages()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void grab(QWidget *widget, const QString &name)
    {
        QCoreApplication::processEvents(); // pending layout requests
        QVERIFY(widget->grab().save(QDir(m_pngDir).filePath(name + QStringLiteral(".png"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ArchiveComparison>();
        m_pngDir = qEnvironmentVariable("PBXVAULT_UI_PNG_DIR");
        if (m_pngDir.isEmpty()) {
            m_tempPng = std::make_unique<TestDir>();
            m_pngDir = m_tempPng->path();
        }
        QDir().mkpath(m_pngDir);
        m_env = std::make_unique<SimVault>();
        QString error;
        QVERIFY2(m_env->start(&error), qPrintable(error));
        m_first = m_env->backUp(QStringLiteral("first"));
        m_same = m_env->backUp(QStringLiteral("nothing changed"));
        QVERIFY(m_env->sim.mutate());
        m_mutated = m_env->backUp(QStringLiteral("after mutate"));
        QVERIFY(m_first > 0 && m_same > 0 && m_mutated > 0);
    }

    void cleanupTestCase()
    {
        useLanguage(QStringLiteral("en"));
        m_env.reset();
    }

    // Hostile member names and lines are shown escaped; side by side pairs a run of removed
    // lines with the added run after it, and line numbers follow the hunk header.
    void modelsEscapeAndPair()
    {
        MemberDiff hostile;
        hostile.name = QStringLiteral("etc/\x1b[31mred\u202e.conf");
        hostile.status = MemberStatus::Changed;
        hostile.content = MemberDiff::Content::Text;
        DiffHunk h;
        h.oldStart = 10;
        h.oldCount = 3;
        h.newStart = 10;
        h.newCount = 4;
        h.lines = {QStringLiteral(" keep"),     QStringLiteral("-old1"), QStringLiteral("-old2"),
                   QStringLiteral("+new1\x07"), QStringLiteral("+new2"), QStringLiteral("+new3"),
                   QStringLiteral(" \tend")};
        hostile.hunks = {h};
        ArchiveComparison comparison;
        comparison.members = {hostile};
        DiffMemberModel members;
        members.setComparison(comparison);
        QCOMPARE(members.index(0, DiffMemberModel::NameColumn).data().toString(),
                 QStringLiteral("etc/\\x1b[31mred\\x202e.conf"));
        QVERIFY(!members.index(0, DiffMemberModel::NameColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());

        DiffLinesModel lines;
        lines.setHunks(hostile.hunks);
        QCOMPARE(lines.rowCount(), 8); // header + 7 lines
        QCOMPARE(lines.index(4, 2).data().toString(), QStringLiteral("+new1\\x07"));
        QCOMPARE(lines.index(7, 2).data().toString(),
                 QStringLiteral(" ") + QString(8, QLatin1Char(' ')) + QStringLiteral("end"));
        QCOMPARE(lines.index(2, 0).data().toString(), QStringLiteral("11")); // -old1
        QCOMPARE(lines.index(2, 1).data().toString(), QString());
        QCOMPARE(lines.index(6, 1).data().toString(), QStringLiteral("13")); // +new3
        lines.setLayout(DiffLinesModel::Layout::SideBySide);
        QCOMPARE(lines.rowCount(), 6); // header, keep, 3 paired rows, end
        QCOMPARE(lines.index(2, 1).data().toString(), QStringLiteral("-old1"));
        QCOMPARE(lines.index(2, 3).data().toString(), QStringLiteral("+new1\\x07"));
        QCOMPARE(lines.index(3, 1).data().toString(), QStringLiteral("-old2"));
        QCOMPARE(lines.index(4, 1).data().toString(), QString());
        QCOMPARE(lines.index(4, 3).data().toString(), QStringLiteral("+new3"));
        QCOMPARE(lines.index(5, 0).data().toString(), QStringLiteral("13"));
        QCOMPARE(lines.index(5, 2).data().toString(), QStringLiteral("14"));
    }

    void firstBackupHasNoPrevious()
    {
        BackupDetailView view(m_env->vault.ops());
        view.showBackup(m_first);
        auto *previous = view.findChild<QPushButton *>(QStringLiteral("comparePreviousButton"));
        QVERIFY(!previous->isEnabled());
        QVERIFY(!previous->toolTip().isEmpty());
        QVERIFY(view.findChild<QPushButton *>(QStringLiteral("compareWithButton"))->isEnabled());
        QCOMPARE(view.compareWithPrevious(), nullptr);
        view.showBackup(m_same);
        QVERIFY(previous->isEnabled());
    }

    void noChanges_data() { addLanguages(); }
    void noChanges()
    {
        QFETCH(QString, language);
        useLanguage(language);
        BackupDetailView view(m_env->vault.ops());
        view.showBackup(m_same);
        QPointer<BackupDiffDialog> dialog = view.compareWithPrevious();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY(waitForEnd(dialog));
        QCOMPARE(dialog->summary(), trDiff("No changes"));
        QVERIFY(listed(dialog).isEmpty());
        QVERIFY(!dialog->messageBar()->isVisible());
        // Every member is there once "Changed only" is off: unchanged, or ignored (padding).
        dialog->findChild<QCheckBox *>(QStringLiteral("diffChangedOnly"))->setChecked(false);
        QVERIFY(listed(dialog).contains(QStringLiteral("etc/extensions.conf")));
        for (int row = 0; row < dialog->memberModel()->rowCount(); ++row) {
            const MemberDiff *m = dialog->memberModel()->member(row);
            QVERIFY2(!m->isChange(), qPrintable(m->name));
        }
    }

    void mutatedMembers_data() { addLanguages(); }
    void mutatedMembers()
    {
        QFETCH(QString, language);
        useLanguage(language);
        BackupDetailView view(m_env->vault.ops());
        view.showBackup(m_mutated);
        QPointer<BackupDiffDialog> dialog = view.compareWithPrevious();
        QVERIFY(dialog);
        dialog->resize(1024, 700);
        QVERIFY(waitForEnd(dialog));
        QVERIFY(!dialog->messageBar()->isVisible());
        // Exactly what the simulator changed, and the summary says so.
        QCOMPARE(listed(dialog), (QStringList{QStringLiteral("db/dump.sql"),
                                              QStringLiteral("etc/extensions.conf")}));
        QCOMPARE(dialog->summary(), trDiff("%L1 members changed").arg(2));
        QVERIFY(dialog->windowTitle().contains(QString::number(m_same)));
        QVERIFY(dialog->windowTitle().contains(QString::number(m_mutated)));

        auto *changedOnly = dialog->findChild<QCheckBox *>(QStringLiteral("diffChangedOnly"));
        QVERIFY(changedOnly->isChecked());
        changedOnly->setChecked(false);
        QVERIFY(listed(dialog).size() > 2);
        auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("diffFilterEdit"));
        filter->setText(QStringLiteral("EXTENSIONS"));
        QCOMPARE(listed(dialog), QStringList{QStringLiteral("etc/extensions.conf")});
        filter->clear();
        changedOnly->setChecked(true);
        QCOMPARE(listed(dialog).size(), 2);

        // The text member's lines, unified: its - and + lines, with line numbers.
        QVERIFY(dialog->selectMember(QStringLiteral("etc/extensions.conf")));
        const MemberDiff *member = dialog->memberModel()->member(
            dialog->memberModel()->rowOf(QStringLiteral("etc/extensions.conf")));
        QCOMPARE(member->content, MemberDiff::Content::Text);
        QStringList expectedMinus;
        QStringList expectedPlus;
        for (const DiffHunk &h : member->hunks) {
            for (const QString &line : h.lines) {
                if (line.startsWith(QLatin1Char('-')))
                    expectedMinus << line;
                else if (line.startsWith(QLatin1Char('+')))
                    expectedPlus << line;
            }
        }
        QVERIFY(!expectedMinus.isEmpty() || !expectedPlus.isEmpty());
        const DiffLinesModel *lines = dialog->linesModel();
        auto *lineView = dialog->findChild<QTableView *>(QStringLiteral("diffLineView"));
        QVERIFY(lineView->isVisible());
        QCOMPARE(lines->layout(), DiffLinesModel::Layout::Unified);
        QStringList minus;
        QStringList plus;
        const auto unified = column(lines, 2);
        QCOMPARE(unified.first().first, DiffLinesModel::Kind::Hunk);
        QVERIFY(unified.first().second.startsWith(QStringLiteral("@@ -")));
        for (const auto &[kind, text] : unified) {
            if (kind == DiffLinesModel::Kind::Removed)
                minus << text;
            if (kind == DiffLinesModel::Kind::Added)
                plus << text;
        }
        QCOMPARE(minus, expectedMinus);
        QCOMPARE(plus, expectedPlus);
        QVERIFY(!lines->index(1, 0).data().toString().isEmpty() ||
                !lines->index(1, 1).data().toString().isEmpty()); // line numbers
        // The tints differ from the base and from each other.
        const QColor base = lineView->palette().color(QPalette::Base);
        for (int row = 0; row < lines->rowCount(); ++row) {
            const auto kind =
                DiffLinesModel::Kind(lines->index(row, 2).data(DiffLinesModel::KindRole).toInt());
            if (kind == DiffLinesModel::Kind::Added || kind == DiffLinesModel::Kind::Removed)
                QVERIFY(lines->index(row, 2).data(Qt::BackgroundRole).value<QColor>() != base);
        }
        grab(dialog, QStringLiteral("diff-unified-") + language);

        // Side by side: the removed lines on the left, the added ones on the right.
        QTest::mouseClick(
            dialog->findChild<QAbstractButton *>(QStringLiteral("diffSideBySideButton")),
            Qt::LeftButton);
        QCOMPARE(lines->layout(), DiffLinesModel::Layout::SideBySide);
        QCOMPARE(lines->columnCount(), 4);
        minus.clear();
        plus.clear();
        for (const auto &[kind, text] : column(lines, 1)) {
            QVERIFY(kind != DiffLinesModel::Kind::Added);
            if (kind == DiffLinesModel::Kind::Removed)
                minus << text;
        }
        for (const auto &[kind, text] : column(lines, 3)) {
            QVERIFY(kind != DiffLinesModel::Kind::Removed);
            if (kind == DiffLinesModel::Kind::Added)
                plus << text;
        }
        QCOMPARE(minus, expectedMinus);
        QCOMPARE(plus, expectedPlus);
        grab(dialog, QStringLiteral("diff-side-by-side-") + language);
        delete dialog;
    }

    void compareWithChooser()
    {
        useLanguage(QStringLiteral("en"));
        BackupDetailView view(m_env->vault.ops());
        view.showBackup(m_mutated);
        QPointer<BackupChooserDialog> chooser = view.openCompareChooser();
        QVERIFY(chooser);
        QTRY_VERIFY(chooser->isVisible());
        QCOMPARE(chooser->backupCount(), 2);
        QCOMPARE(chooser->selectedBackup().id, m_same); // newest first
        QVERIFY(chooser->selectBackup(m_first));
        chooser->accept();
        BackupDiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = topLevel<BackupDiffDialog>(QStringLiteral("backupDiffDialog"))));
        QVERIFY(waitForEnd(dialog));
        const QString title = dialog->windowTitle();
        QVERIFY(title.indexOf(QString::number(m_first)) <
                title.indexOf(QString::number(m_mutated)));
        QCOMPARE(listed(dialog).size(), 2);
        delete dialog;
    }

    // A large archive (so the comparison is still running when Cancel is clicked).
    void cancelLeavesDialogUsable_data() { addLanguages(); }
    void cancelLeavesDialogUsable()
    {
        QFETCH(QString, language);
        useLanguage(language);
        const BackupRecord mutated = *m_env->vault.catalog().backup(m_mutated);
        if (!m_large) {
            m_large = std::make_unique<TestDir>();
            TestArchive archive(m_large->filePath(QStringLiteral("large.tar.gz")), 0);
            QVERIFY(archive.add(QStringLiteral("etc/extensions.conf"), "[default]\n"));
            QVERIFY(archive.addStreamed(QStringLiteral("blob.bin"), qint64(256) << 20,
                                        [](char *out, qint64 offset, qint64 n) {
                                            for (qint64 i = 0; i < n; ++i)
                                                out[i] = char((offset + i) * 2654435761u >> 13);
                                        }));
            QVERIFY2(archive.close(), qPrintable(archive.error()));
        }
        BackupRecord large = mutated;
        large.id = 999;
        large.path = m_large->filePath(QStringLiteral("large.tar.gz"));
        BackupDiffDialog dialog(large, mutated);
        dialog.show();
        QVERIFY(dialog.isComparing());
        auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("diffCancelButton"));
        QVERIFY(cancel->isVisible());
        QSignalSpy ended(&dialog, &BackupDiffDialog::comparisonEnded);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(ended.wait(60000));
        QVERIFY(!dialog.isComparing());
        QVERIFY(!cancel->isVisible());
        QVERIFY(dialog.messageBar()->isVisible());
        QCOMPARE(dialog.messageBar()->kind(), MessageBar::Warning);
        QCOMPARE(dialog.messageBar()->text(), trDiff("The comparison was cancelled."));
        QVERIFY(dialog.isVisible());
        grab(&dialog, QStringLiteral("diff-cancelled-") + language);

        // Usable: compare again, to the end this time.
        auto *again = dialog.findChild<QPushButton *>(QStringLiteral("diffCompareAgainButton"));
        QVERIFY(again);
        QTest::mouseClick(again, Qt::LeftButton);
        QVERIFY(dialog.isComparing());
        QVERIFY(ended.wait(120000));
        QVERIFY(!dialog.messageBar()->isVisible());
        QVERIFY(listed(&dialog).contains(QStringLiteral("blob.bin")));
    }

    // Last: deletes a backup file.
    void deletedFileIsAClearError_data() { addLanguages(); }
    void deletedFileIsAClearError()
    {
        QFETCH(QString, language);
        useLanguage(language);
        const BackupRecord first = *m_env->vault.catalog().backup(m_first);
        QFile::remove(first.path);
        BackupDetailView view(m_env->vault.ops());
        view.showBackup(m_same);
        QPointer<BackupDiffDialog> dialog = view.compareWithPrevious();
        QVERIFY(dialog);
        QVERIFY(waitForEnd(dialog));
        QVERIFY(dialog->isVisible());
        MessageBar *bar = dialog->messageBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->kind(), MessageBar::Error);
        QVERIFY2(bar->text().startsWith(trDiff("Backup %1: %2").arg(m_first).arg(QString())),
                 qPrintable(bar->text()));
        QVERIFY2(bar->text().contains(QDir::toNativeSeparators(first.path)),
                 qPrintable(bar->text()));
        QCOMPARE(dialog->memberModel()->rowCount(), 0);
        QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("diffCompareAgainButton")));
        grab(dialog, QStringLiteral("diff-error-") + language);
        delete dialog;
    }
};

QTEST_MAIN(TestUiDiff)
#include "tst_ui_diff.moc"
