// The window at 1024×700, in English and in Italian (loaded as the app loads it), over real
// history from pbxsim: no table header is narrower than its text, no label or button is cut,
// the window does not grow past the screen. The green Restore and red Delete stay readable
// (contrast ratios) in light, dark and high-contrast palettes. Every state is grabbed as a
// PNG into $PBXVAULT_UI_PNG_DIR (kept) or a temporary folder.
#include "ActionButtons.h"
#include "BackupDetailView.h"
#include "BackupsPage.h"
#include "MainWindow.h"
#include "SimVault.h"
#include "Translations.h"

#include <QAbstractButton>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
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

QPalette flatPalette(const QColor &window, const QColor &text)
{
    QPalette p(text, window, window, window, window, text, text, window, window);
    return p;
}

// What in `root` is cut: header sections narrower than their text, labels and buttons
// narrower than their text (or, when wrapping, shorter than their lines).
QStringList clippedIn(QWidget *root)
{
    QStringList out;
    const auto headers = root->findChildren<QHeaderView *>();
    for (QHeaderView *header : headers) {
        if (!header->isVisible() || header->orientation() != Qt::Horizontal)
            continue;
        const QFontMetrics fm(header->font());
        const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        for (int i = 0; i < header->count(); ++i) {
            if (header->isSectionHidden(i))
                continue;
            const QString text = header->model()->headerData(i, Qt::Horizontal).toString();
            const int needed = fm.horizontalAdvance(text) + 2 * margin;
            if (header->sectionSize(i) < needed)
                out << QStringLiteral("%1 header \"%2\": %3 < %4")
                           .arg(header->parentWidget()->objectName(), text)
                           .arg(header->sectionSize(i))
                           .arg(needed);
        }
    }
    const auto labels = root->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->isVisible() || label->text().isEmpty() || !label->pixmap().isNull())
            continue;
        const bool cut = label->wordWrap() ? label->height() < label->heightForWidth(label->width())
                                           : label->width() < label->sizeHint().width();
        if (cut)
            out << QStringLiteral("label \"%1\" (%2): %3x%4, needs %5x%6")
                       .arg(label->text(), label->objectName())
                       .arg(label->width())
                       .arg(label->height())
                       .arg(label->sizeHint().width())
                       .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                              : label->sizeHint().height());
    }
    const auto buttons = root->findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons) {
        if (button->isVisible() && !button->text().isEmpty() &&
            button->width() < button->sizeHint().width())
            out << QStringLiteral("button \"%1\": %2 < %3")
                       .arg(button->text())
                       .arg(button->width())
                       .arg(button->sizeHint().width());
    }
    return out;
}
} // namespace

class TestUiLayout : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimVault> m_env;
    std::unique_ptr<TestDir> m_tempPng;
    QString m_pngDir;
    qint64 m_backupId = 0;

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

        m_env = std::make_unique<SimVault>();
        QString error;
        QVERIFY2(m_env->start(&error, QStringLiteral("Sede centrale di Milano")),
                 qPrintable(error));
        m_backupId = m_env->backUp(QStringLiteral("Before the firmware upgrade"));
        QVERIFY(m_backupId > 0);
        // One restore that worked, one the PBX refused after the safety backup.
        RestoreOptions options;
        Job *ok = m_env->vault.ops().restoreBackup(m_backupId, m_env->pbxId, options);
        QVERIFY(finishJob(ok) && ok->ok());
        ok->deleteLater();
        QVERIFY(m_env->sim.addFault(QStringLiteral("restore-busy")));
        Job *refused = m_env->vault.ops().restoreBackup(m_backupId, m_env->pbxId, options);
        QVERIFY(finishJob(refused) && !refused->ok());
        refused->deleteLater();
        QVERIFY(m_env->sim.clearFaults());
    }

    void cleanupTestCase()
    {
        useLanguage(QStringLiteral("en"));
        m_env.reset();
    }

    void nothingClippedAt1024x700_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    void nothingClippedAt1024x700()
    {
        QFETCH(QString, language);
        useLanguage(language);
        if (language == QLatin1String("it"))
            QCOMPARE(QCoreApplication::translate("pbxvault::JobLogModel", "Size"),
                     QStringLiteral("Dimensione"));
        MainWindow window(m_env->vault.ops(), m_env->vault.settings());
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1024, 700));

        for (const QString &view : {QStringLiteral("backups"), QStringLiteral("restores"),
                                    QStringLiteral("activity"), QStringLiteral("settings")}) {
            window.showView(view);
            grab(&window, QStringLiteral("%1-1024-%2").arg(view, language));
            QWidget *shown = window.findChild<QWidget *>(
                view == QLatin1String("backups")    ? QStringLiteral("backupsView")
                : view == QLatin1String("restores") ? QStringLiteral("restoresView")
                : view == QLatin1String("activity") ? QStringLiteral("activityView")
                                                    : QStringLiteral("settingsView"));
            QVERIFY(shown);
            const QStringList cut = clippedIn(shown);
            QVERIFY2(cut.isEmpty(),
                     qPrintable(view + QStringLiteral(": ") + cut.join(QStringLiteral("; "))));
        }
        window.showView(QStringLiteral("backups"));
        window.backupsPage()->showDetail(m_backupId);
        grab(&window, QStringLiteral("backup-detail-1024-%1").arg(language));
        const QStringList cut = clippedIn(window.backupsPage()->detail());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
        QCOMPARE(window.size(), QSize(1024, 700));
    }

    void actionColoursFollowThePalette_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<QString>("name");
        QTest::newRow("light") << QPalette(QColor(0xef, 0xef, 0xef)) << QStringLiteral("light");
        QTest::newRow("dark") << darkPalette() << QStringLiteral("dark");
        QTest::newRow("high contrast black")
            << flatPalette(Qt::black, Qt::white) << QStringLiteral("hc-black");
        QTest::newRow("high contrast white")
            << flatPalette(Qt::white, Qt::black) << QStringLiteral("hc-white");
    }

    void actionColoursFollowThePalette()
    {
        QFETCH(QPalette, palette);
        QFETCH(QString, name);
        useLanguage(QStringLiteral("en"));
        const QPalette before = QApplication::palette();
        QApplication::setPalette(palette);
        {
            MainWindow window(m_env->vault.ops(), m_env->vault.settings());
            window.resize(1024, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.backupsPage()->showDetail(m_backupId);
            const QColor windowColor = palette.color(QPalette::Window);
            for (const char *button : {"restoreButton", "deleteButton"}) {
                auto *b = window.findChild<ActionButton *>(QLatin1String(button));
                QVERIFY(b);
                const Tones::ButtonColors c = b->colors();
                QVERIFY2(Tones::contrast(c.text, c.background) >= 4.5,
                         qPrintable(
                             QStringLiteral("%1 text %2 on %3")
                                 .arg(QLatin1String(button), c.text.name(), c.background.name())));
                QVERIFY2(Tones::contrast(c.text, c.hover) >= 4.5, button);
                QVERIFY2(Tones::contrast(c.background, windowColor) >= 3.0,
                         qPrintable(QStringLiteral("%1 %2 on window %3")
                                        .arg(QLatin1String(button), c.background.name(),
                                             windowColor.name())));
                // The button really is painted with them.
                QVERIFY(b->styleSheet().contains(c.background.name()));
            }
            // Still green and red: the hue survives whatever lightness the theme needs.
            const Tones::ButtonColors go = Tones::button(Tones::Go, palette);
            const Tones::ButtonColors danger = Tones::button(Tones::Danger, palette);
            QVERIFY(go.background.green() > go.background.red());
            QVERIFY(danger.background.red() > danger.background.green());
            for (Tones::Tone tone : {Tones::Go, Tones::Danger, Tones::Caution})
                QVERIFY(Tones::contrast(Tones::text(tone, palette.color(QPalette::Base)),
                                        palette.color(QPalette::Base)) >= 4.5);
            grab(&window, QStringLiteral("backup-detail-palette-%1").arg(name));
            window.showView(QStringLiteral("restores"));
            grab(&window, QStringLiteral("restores-palette-%1").arg(name));
        }
        QApplication::setPalette(before);
    }

    void lightPaletteKeepsTheSeedColours()
    {
        const QPalette light(QColor(0xef, 0xef, 0xef));
        QCOMPARE(Tones::button(Tones::Go, light).background, QColor(0x2e, 0x7d, 0x32));
        QCOMPARE(Tones::button(Tones::Danger, light).background, QColor(0xc6, 0x28, 0x28));
        QCOMPARE(Tones::button(Tones::Go, light).text, QColor(Qt::white));
    }
};

QTEST_MAIN(TestUiLayout)
#include "tst_ui_layout.moc"
