// Settings → Backup store → Change… on real vaults in temp dirs: creating a shared store
// (marker, this computer's settings, the catalog), mapping it from a second computer of the
// same catalog at another path, refusing another catalog's store and a bad name, mapping and
// unmapping from the list, the Settings note when the share lost its marker, and the backup
// detail's Path row for a store row mapped and not mapped here. PNGs in EN and IT under
// PBXVAULT_TEST_PNG_DIR when set.
#include "BackupDetailView.h"
#include "SettingsView.h"
#include "StoreDialog.h"
#include "Translations.h"
#include "UiTestKit.h"
#include "catalog/Catalog.h"
#include "catalog/StoreMounts.h"
#include "common/AppSettings.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/SharedStoreFolder.h"
#include "ops/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeWidget>

#include <memory>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

// One computer: its own data dir and settings, on its own catalog or another's.
struct Computer
{
    TestDir dir;
    MemorySecretStore secrets;
    std::unique_ptr<Vault> vault;
    std::unique_ptr<Operations> ops;
    std::unique_ptr<AppSettings> settings;

    ~Computer()
    {
        ops.reset();
        vault.reset();
    }
    // (Re)opens the vault, as a start of PBX Vault does.
    bool open(const QString &catalogLocation = {})
    {
        ops.reset();
        vault.reset();
        settings.reset();
        QString error;
        vault = Vault::open(dir.path(), &secrets, &error, catalogLocation);
        if (!vault) {
            qWarning().noquote() << error;
            return false;
        }
        ops = std::make_unique<Operations>(*vault);
        settings = std::make_unique<AppSettings>(dir.path());
        return true;
    }
};

QJsonObject marker(const QString &folder)
{
    QFile file(QDir(folder).filePath(SharedStoreFolder::kMarkerName));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

void chooseShared(StoreDialog &dialog, const QString &name, const QString &folder)
{
    child<QRadioButton>(&dialog, "sharedStoreRadio")->setChecked(true);
    child<QLineEdit>(&dialog, "storeNameEdit")->setText(name);
    child<QLineEdit>(&dialog, "storeFolderEdit")->setText(folder);
}

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

// The letter after '&' in a button's text, lower case; null when it has none.
QChar accelerator(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (text.at(i + 1) != QLatin1Char('&'))
                return text.at(i + 1).toLower();
            ++i;
        }
    }
    return {};
}

// A row of pbx in store, its file (a real archive) at relative inside the store's root.
BackupRecord storeRow(const PbxRecord &pbx, const QString &store, const QString &root,
                      const QString &relative)
{
    BackupRecord b;
    b.pbxId = pbx.id;
    b.filename = QFileInfo(relative).fileName();
    b.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    b.size = 1024;
    b.sha256 = QStringLiteral("ab").repeated(32);
    b.tenant = pbx.tenant;
    b.firmware = QStringLiteral("4.9.4");
    b.store = store;
    b.path = QDir(root).filePath(relative);
    return b;
}

} // namespace

class TestUiSharedStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useLanguage(QStringLiteral("en")); }

    // From the Settings page: the store is created in a new folder, this computer maps it,
    // the catalog names it, and the running vault writes there from its next backup.
    void createsTheStoreFromSettings()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString folder = share.filePath(QStringLiteral("pbx/backups"));
        auto page = std::make_unique<SettingsView>(*a.ops, *a.settings);
        SettingsView &view = *page;
        view.resize(1024, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *value = child<QLabel>(&view, "backupStoreValue");
        QVERIFY(value);
        QCOMPARE(value->text(), QStringLiteral("On this computer: %1")
                                    .arg(QDir::toNativeSeparators(a.vault->localBackupFolder())));
        QVERIFY(child<QLabel>(&view, "storeNote")->isHidden());

        // Its accelerator is the only one on the page.
        auto *change = child<QPushButton>(&view, "changeStoreButton");
        QVERIFY(change);
        const QChar key = accelerator(change->text());
        QVERIFY(!key.isNull());
        const auto buttons = view.findChildren<QAbstractButton *>();
        for (QAbstractButton *button : buttons) {
            if (button != change)
                QVERIFY2(accelerator(button->text()) != key, qPrintable(button->text()));
        }

        StoreDialog *dialog = view.openStoreDialog();
        QVERIFY(dialog);
        QVERIFY(child<QRadioButton>(dialog, "localStoreRadio")->isChecked());
        QCOMPARE(child<QTreeWidget>(dialog, "storeList")->topLevelItemCount(), 0);
        QSignalSpy saved(dialog, &StoreDialog::storeSaved);
        chooseShared(*dialog, QStringLiteral("team"), folder);
        dialog->accept();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("team"));
        QCOMPARE(saved.at(0).at(2).toBool(), true); // created, not mapped

        const QJsonObject written = marker(folder);
        QCOMPARE(written.value(QStringLiteral("store")).toString(), QStringLiteral("team"));
        QCOMPARE(written.value(QStringLiteral("catalog")).toString(),
                 a.vault->catalog().catalogId());
        QCOMPARE(AppSettings(a.dir.path()).storeMounts().value(QStringLiteral("team")), folder);
        QCOMPARE(a.vault->catalog().sharedStore(), QStringLiteral("team"));

        // The running window's vault follows at once, and the page shows it.
        QTRY_COMPARE(
            value->text(),
            QStringLiteral("Shared store \"team\" at %1").arg(QDir::toNativeSeparators(folder)));
        QVERIFY(child<QLabel>(&view, "storeNote")->isHidden());
        QCOMPARE(a.vault->sharedStore(), QStringLiteral("team"));
        QCOMPARE(QDir(a.vault->store().root()), QDir(folder));
        ErrorMessage why;
        QVERIFY2(a.vault->storeForWriting(&why), qPrintable(why.text()));
        // And so does the next start.
        page.reset();
        QVERIFY(a.open());
        QCOMPARE(QDir(a.vault->store().root()), QDir(folder));
    }

    // A second computer on the same catalog mounts the share elsewhere (a symlink to the same
    // folder): the store is mapped there, its marker left as it was.
    void mapsTheStoreOnAnotherComputer()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString folder = share.filePath(QStringLiteral("pbx"));
        QString error;
        QVERIFY2(SharedStoreFolder::create(folder, QStringLiteral("team"),
                                           a.vault->catalog().catalogId(), &error),
                 qPrintable(error));
        a.settings->setStoreMount(QStringLiteral("team"), folder);
        QVERIFY(a.vault->catalog().setSharedStore(QStringLiteral("team")));
        const QByteArray markerBefore =
            fileBytes(QDir(folder).filePath(SharedStoreFolder::kMarkerName));

        TestDir elsewhere;
        const QString mountPoint = elsewhere.filePath(QStringLiteral("nas"));
        QVERIFY(QFile::link(folder, mountPoint));

        Computer b;
        QVERIFY(b.open(a.vault->catalog().path()));
        QCOMPARE(b.vault->sharedStore(), QStringLiteral("team"));
        auto page = std::make_unique<SettingsView>(*b.ops, *b.settings);
        SettingsView &view = *page;
        view.resize(1024, 700);
        view.show();
        QCOMPARE(child<QLabel>(&view, "backupStoreValue")->text(),
                 QStringLiteral("Shared store \"team\", not mapped on this computer"));
        auto *note = child<QLabel>(&view, "storeNote");
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("not mapped on this computer")),
                 qPrintable(note->text()));

        StoreDialog *dialog = view.openStoreDialog();
        QVERIFY(child<QRadioButton>(dialog, "sharedStoreRadio")->isChecked());
        QCOMPARE(child<QLineEdit>(dialog, "storeNameEdit")->text(), QStringLiteral("team"));
        QVERIFY(child<QLineEdit>(dialog, "storeFolderEdit")->text().isEmpty());
        auto *list = child<QTreeWidget>(dialog, "storeList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("team"));
        QVERIFY(list->topLevelItem(0)->text(2).startsWith(QStringLiteral("Not mapped")));
        QSignalSpy saved(dialog, &StoreDialog::storeSaved);
        child<QLineEdit>(dialog, "storeFolderEdit")->setText(mountPoint);
        dialog->accept();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(2).toBool(), false); // mapped, no new marker
        QCOMPARE(fileBytes(QDir(folder).filePath(SharedStoreFolder::kMarkerName)), markerBefore);
        QCOMPARE(AppSettings(b.dir.path()).storeMounts().value(QStringLiteral("team")), mountPoint);
        QCOMPARE(AppSettings(a.dir.path()).storeMounts().value(QStringLiteral("team")), folder);
        QCOMPARE(b.vault->catalog().sharedStore(), QStringLiteral("team"));
        QTRY_VERIFY(note->isHidden());
        QCOMPARE(child<QLabel>(&view, "backupStoreValue")->text(),
                 QStringLiteral("Shared store \"team\" at %1")
                     .arg(QDir::toNativeSeparators(mountPoint)));
        ErrorMessage why;
        QVERIFY2(b.vault->storeForWriting(&why), qPrintable(why.text()));
        QCOMPARE(QDir(b.vault->store().root()), QDir(mountPoint));
    }

    // A folder holding another catalog's store, a bad name or a relative folder: the reason
    // shows in the dialog, which stays open, and nothing is stored anywhere.
    void refusesWithoutStoringAnything()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString foreign = share.filePath(QStringLiteral("theirs"));
        QString error;
        QVERIFY(SharedStoreFolder::create(foreign, QStringLiteral("team"),
                                          QStringLiteral("another-catalog-id"), &error));
        const QByteArray markerBefore =
            fileBytes(QDir(foreign).filePath(SharedStoreFolder::kMarkerName));

        StoreDialog dialog(*a.vault, *a.settings);
        dialog.show();
        QSignalSpy saved(&dialog, &StoreDialog::storeSaved);
        auto *result = child<QLabel>(&dialog, "storeResult");

        chooseShared(dialog, QStringLiteral("team"), foreign);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(result->text().contains(QStringLiteral("of another catalog")),
                 qPrintable(result->text()));

        chooseShared(dialog, QStringLiteral(".hidden"), share.filePath(QStringLiteral("new")));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(result->text().contains(QStringLiteral("cannot name a store")),
                 qPrintable(result->text()));

        chooseShared(dialog, QStringLiteral("team"), QStringLiteral("relative/folder"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(result->text().contains(QStringLiteral("full path")), qPrintable(result->text()));

        QCOMPARE(saved.count(), 0);
        QCOMPARE(fileBytes(QDir(foreign).filePath(SharedStoreFolder::kMarkerName)), markerBefore);
        QVERIFY(!QFileInfo::exists(share.filePath(QStringLiteral("new"))));
        QVERIFY(AppSettings(a.dir.path()).storeMounts().isEmpty());
        QVERIFY(a.vault->catalog().sharedStore().isEmpty());
        dialog.reject();
    }

    // The list maps a store that older rows use without changing where new backups go, only
    // to a folder holding that store's marker; Unmap forgets it.
    void mapsAndUnmapsFromTheList()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString old = share.filePath(QStringLiteral("old-nas"));
        QString error;
        QVERIFY(SharedStoreFolder::create(old, QStringLiteral("archive"),
                                          a.vault->catalog().catalogId(), &error));
        StoreDialog dialog(*a.vault, *a.settings);
        QSignalSpy changed(&dialog, &StoreDialog::mountsChanged);
        QVERIFY(!dialog.mapStore(QStringLiteral("archive"), share.path())); // no marker there
        QVERIFY(child<QLabel>(&dialog, "storeResult")
                    ->text()
                    .contains(QStringLiteral("does not hold the shared store \"archive\"")));
        QVERIFY(AppSettings(a.dir.path()).storeMounts().isEmpty());
        QVERIFY(dialog.mapStore(QStringLiteral("archive"), old));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(AppSettings(a.dir.path()).storeMounts().value(QStringLiteral("archive")), old);
        QVERIFY(a.vault->catalog().sharedStore().isEmpty());
        auto *list = child<QTreeWidget>(&dialog, "storeList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("Reachable"));
        QVERIFY(dialog.unmapStore(QStringLiteral("archive")));
        QCOMPARE(changed.count(), 2);
        QVERIFY(AppSettings(a.dir.path()).storeMounts().isEmpty());
        QCOMPARE(list->topLevelItemCount(), 0);
    }

    // Started on a reachable store whose share then lost its marker (unmounted): the Settings
    // page says new backups are refused, in the words of Vault::storeForWriting().
    void settingsNoteWhenTheShareLostItsMarker()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString folder = share.filePath(QStringLiteral("pbx"));
        QString error;
        QVERIFY(SharedStoreFolder::create(folder, QStringLiteral("team"),
                                          a.vault->catalog().catalogId(), &error));
        a.settings->setStoreMount(QStringLiteral("team"), folder);
        QVERIFY(a.vault->catalog().setSharedStore(QStringLiteral("team")));
        QVERIFY(a.open());

        SettingsView view(*a.ops, *a.settings);
        view.resize(1024, 700);
        view.show();
        QCOMPARE(
            child<QLabel>(&view, "backupStoreValue")->text(),
            QStringLiteral("Shared store \"team\" at %1").arg(QDir::toNativeSeparators(folder)));
        auto *note = child<QLabel>(&view, "storeNote");
        QVERIFY(note->isHidden());

        QVERIFY(QFile::remove(QDir(folder).filePath(SharedStoreFolder::kMarkerName)));
        view.hide();
        view.show(); // showing the page reads the state again
        QTRY_VERIFY(note->isVisible());
        ErrorMessage why;
        QVERIFY(!a.vault->storeForWriting(&why));
        QCOMPARE(note->text(), why.text());
        QVERIFY2(note->text().contains(QStringLiteral("is not reachable")),
                 qPrintable(note->text()));
    }

    // A row in a shared store: its local path and the store's name when mapped here; said in
    // words, with nothing that needs the file enabled, when not.
    void detailViewOfAStoreRow()
    {
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString root = share.filePath(QStringLiteral("pbx"));
        StoreMounts mounts;
        mounts.setMount(QStringLiteral("team"), root);
        a.vault->catalog().setStoreMounts(mounts);
        PbxRecord pbx = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                                QStringLiteral("https://192.0.2.1"));
        QVERIFY(a.vault->catalog().addPbx(&pbx));
        BackupRecord mapped = storeRow(pbx, QStringLiteral("team"), root,
                                       QStringLiteral("Head office/default/a.bak"));
        BackupRecord other = storeRow(pbx, QStringLiteral("team"), root,
                                      QStringLiteral("Head office/default/b.bak"));
        other.createdAt = other.createdAt.addSecs(60);
        for (const BackupRecord *b : {&mapped, &other}) {
            QVERIFY(QDir().mkpath(QFileInfo(b->path).path()));
            QVERIFY(writeTarArchive(
                b->path, {{QStringLiteral("etc/kalliope.conf"), QByteArray("[pbx]\n")}}));
        }
        QVERIFY2(a.vault->catalog().addBackup(&mapped), qPrintable(a.vault->catalog().lastError()));
        QVERIFY2(a.vault->catalog().addBackup(&other), qPrintable(a.vault->catalog().lastError()));

        BackupDetailView view(*a.ops);
        view.resize(1024, 700);
        view.show();
        view.showBackup(mapped.id);
        QCOMPARE(child<QLabel>(&view, "pathValue")->text(),
                 QStringLiteral("%1 (shared store \"team\")")
                     .arg(QDir::toNativeSeparators(mapped.path)));
        QVERIFY(child<QToolButton>(&view, "openFolderButton")->isEnabled());
        QVERIFY(child<QPushButton>(&view, "verifyButton")->isEnabled());
        QTRY_COMPARE(child<QLabel>(&view, "membersNote")->text(),
                     QStringLiteral("1 file in the archive"));

        a.vault->catalog().setStoreMounts(StoreMounts()); // this computer no longer maps it
        QVERIFY(a.vault->catalog().backup(other.id)->path.isEmpty());
        view.showBackup(other.id);
        QCOMPARE(child<QLabel>(&view, "pathValue")->text(),
                 QStringLiteral("In the shared store \"team\", not mapped on this computer"));
        QVERIFY(!child<QToolButton>(&view, "openFolderButton")->isEnabled());
        for (const char *button : {"verifyButton", "restoreButton", "deleteButton",
                                   "compareWithButton", "comparePreviousButton"})
            QVERIFY2(!child<QPushButton>(&view, button)->isEnabled(), button);
        QTRY_VERIFY(child<QLabel>(&view, "membersNote")
                        ->text()
                        .startsWith(QStringLiteral("The shared store \"team\" is not mapped")));
        // Nothing was recorded about a file this computer cannot see.
        view.verifyNow();
        QVERIFY(a.vault->catalog().backup(other.id)->verified == VerifyState::Unverified);
    }

    void screenshots_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("it") << QStringLiteral("it");
    }

    // The Settings page with the note, the dialog, and both detail views; all readable at
    // 1024x700.
    void screenshots()
    {
        QFETCH(QString, language);
        useLanguage(language);
        Computer a;
        QVERIFY(a.open());
        TestDir share;
        const QString root = share.filePath(QStringLiteral("nas/pbx"));
        QString error;
        QVERIFY(SharedStoreFolder::create(root, QStringLiteral("team"),
                                          a.vault->catalog().catalogId(), &error));
        a.settings->setStoreMount(QStringLiteral("team"), root);
        QVERIFY(a.vault->catalog().setSharedStore(QStringLiteral("team")));
        QVERIFY(SharedStoreFolder::create(share.filePath(QStringLiteral("old")),
                                          QStringLiteral("archive-2025"),
                                          a.vault->catalog().catalogId(), &error));
        a.settings->setStoreMount(QStringLiteral("archive-2025"),
                                  share.filePath(QStringLiteral("old")));
        QVERIFY(a.open());
        QVERIFY(QFile::remove(QDir(root).filePath(SharedStoreFolder::kMarkerName)));

        SettingsView settings(*a.ops, *a.settings);
        settings.resize(1024, 700);
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        QTRY_VERIFY(child<QLabel>(&settings, "storeNote")->isVisible());
        savePng(&settings, QStringLiteral("shared-store-settings-%1.png").arg(language));

        StoreDialog *dialog = settings.openStoreDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY2(dialog->width() <= 1024 && dialog->height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(dialog->width()).arg(dialog->height())));
        const auto labels = dialog->findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->isVisible() && label->wordWrap())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(label->text()));
        }
        dialog->mapStore(QStringLiteral("archive-2025"), share.filePath(QStringLiteral("old")));
        auto *result = child<QLabel>(dialog, "storeResult");
        QTRY_VERIFY2(result->height() >= result->heightForWidth(result->width()),
                     qPrintable(result->text()));
        savePng(dialog, QStringLiteral("shared-store-dialog-%1.png").arg(language));
        dialog->reject();

        QVERIFY(SharedStoreFolder::create(root, QStringLiteral("team"),
                                          a.vault->catalog().catalogId(), &error));
        PbxRecord pbx = makePbx(QStringLiteral("Head office"), PbxRole::Master,
                                QStringLiteral("https://192.0.2.1"));
        QVERIFY(a.vault->catalog().addPbx(&pbx));
        BackupRecord b = storeRow(pbx, QStringLiteral("team"), root,
                                  QStringLiteral("Head office/default/Head office_20261201.bak"));
        QVERIFY(QDir().mkpath(QFileInfo(b.path).path()));
        QVERIFY(writeTarArchive(b.path, {{QStringLiteral("etc/kalliope.conf"), QByteArray("x")}}));
        QVERIFY(a.vault->catalog().addBackup(&b));
        BackupDetailView detail(*a.ops);
        detail.resize(1024, 700);
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&detail));
        detail.showBackup(b.id);
        QTRY_COMPARE(child<QLabel>(&detail, "membersNote")->text().isEmpty(), false);
        QTRY_VERIFY(!child<QLabel>(&detail, "membersNote")->text().endsWith(QChar(0x2026)));
        savePng(&detail, QStringLiteral("shared-store-detail-mapped-%1.png").arg(language));

        BackupRecord unmapped = storeRow(pbx, QStringLiteral("team"), root,
                                         QStringLiteral("Head office/default/Head office_2.bak"));
        QVERIFY(a.vault->catalog().addBackup(&unmapped));
        a.vault->catalog().setStoreMounts(StoreMounts());
        BackupDetailView far(*a.ops);
        far.resize(1024, 700);
        far.show();
        QVERIFY(QTest::qWaitForWindowExposed(&far));
        far.showBackup(unmapped.id);
        QTRY_VERIFY(
            child<QLabel>(&far, "membersNote")->text().contains(QStringLiteral("\"team\"")));
        savePng(&far, QStringLiteral("shared-store-detail-unmapped-%1.png").arg(language));
        useLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestUiSharedStore)
#include "tst_ui_shared_store.moc"
