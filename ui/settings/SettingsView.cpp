#include "SettingsView.h"

#include "ActionButtons.h"
#include "CatalogDialog.h"
#include "CopyTargetsDialog.h"
#include "EncryptionDialog.h"
#include "HooksDialog.h"
#include "Icons.h"
#include "StoreDialog.h"
#include "ViewTitle.h"
#include "catalog/CatalogLocation.h"
#include "common/AppSettings.h"
#include "ops/Operations.h"
#include "ops/Vault.h"
#include "version.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
QLabel *pathLabel(const QString &path, QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(QDir::toNativeSeparators(path), parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

// Grey help under a group's fields; it wraps, so a long translation is never cut.
QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("settingsHint"));
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}
} // namespace

SettingsView::SettingsView(Operations &ops, AppSettings &settings, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_settings(settings), m_encryptionState(new QLabel(this)),
      m_concurrent(new QSpinBox(this)), m_notifySuccess(new QCheckBox(this)),
      m_language(new QComboBox(this)), m_languageNote(new QLabel(this)),
      m_startAtLogin(new QCheckBox(this))
{
    setObjectName(QStringLiteral("settingsView"));
    Vault &vault = ops.vault();

    // Storage
    auto *storage = new QGroupBox(tr("Storage"), this);
    auto *open = new QToolButton(storage);
    open->setObjectName(QStringLiteral("openDataDirButton"));
    open->setIcon(Icons::folder());
    open->setText(tr("&Open"));
    open->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const QString dataDir = vault.dataDir();
    connect(open, &QToolButton::clicked, this,
            [dataDir] { QDesktopServices::openUrl(QUrl::fromLocalFile(dataDir)); });
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(pathLabel(dataDir, storage, "dataDirValue"), 1);
    dataRow->addWidget(open);
    auto *storageForm = new QFormLayout(storage);
    storageForm->addRow(tr("Data directory:"), dataRow);
    // What this window runs on (empty: the data directory's file); the setting may already
    // name another for the next start.
    const QString catalogPath = vault.catalog().path();
    const QString runningOn =
        catalogPath == QDir(dataDir).filePath(QStringLiteral("catalog.sqlite")) ? QString()
                                                                                : catalogPath;
    m_catalogValue =
        pathLabel(CatalogDialog::describe(runningOn, dataDir), storage, "catalogPathValue");
    auto *changeCatalog = new QPushButton(tr("Chan&ge…"), storage);
    changeCatalog->setObjectName(QStringLiteral("changeCatalogButton"));
    changeCatalog->setToolTip(tr("Use the local file or a team's PostgreSQL server"));
    connect(changeCatalog, &QPushButton::clicked, this, &SettingsView::openCatalogDialog);
    // A widget, not a bare layout: the form then gives a long URI the lines it wraps to.
    auto *catalogRow = new QWidget(storage);
    auto *catalogRowLayout = new QHBoxLayout(catalogRow);
    catalogRowLayout->setContentsMargins(0, 0, 0, 0);
    catalogRowLayout->addWidget(m_catalogValue, 1);
    catalogRowLayout->addWidget(changeCatalog, 0, Qt::AlignTop);
    storageForm->addRow(tr("Catalog:"), catalogRow);
    m_catalogNote = new QLabel(storage);
    m_catalogNote->setObjectName(QStringLiteral("catalogNote"));
    m_catalogNote->setWordWrap(true);
    m_catalogNote->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QPalette cautionPalette = m_catalogNote->palette();
    cautionPalette.setColor(QPalette::WindowText,
                            Tones::text(Tones::Caution, cautionPalette.color(QPalette::Window)));
    m_catalogNote->setPalette(cautionPalette);
    storageForm->addRow(QString(), m_catalogNote);
    m_runningCatalog = runningOn;
    refreshCatalogNote();
    // Where new backups go; the vault follows a change made here, by `pbxvault store` or by
    // another member from its next backup (refreshStoreNote() asks it now).
    m_storeValue = pathLabel(QString(), storage, "backupStoreValue");
    auto *changeStore = new QPushButton(tr("&Change…"), storage);
    changeStore->setObjectName(QStringLiteral("changeStoreButton"));
    changeStore->setToolTip(tr("Keep new backups on each computer or in a team's shared store"));
    connect(changeStore, &QPushButton::clicked, this, &SettingsView::openStoreDialog);
    // The note sits under the value in the same field: a wrapped label in a row of its own gets
    // more height than its lines need.
    auto *storeRow = new QWidget(storage);
    auto *storeRowLayout = new QGridLayout(storeRow);
    storeRowLayout->setContentsMargins(0, 0, 0, 0);
    storeRowLayout->addWidget(m_storeValue, 0, 0);
    storeRowLayout->addWidget(changeStore, 0, 1, Qt::AlignTop);
    m_storeNote = new QLabel(storeRow);
    m_storeNote->setObjectName(QStringLiteral("storeNote"));
    m_storeNote->setWordWrap(true);
    m_storeNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storeNote->setPalette(cautionPalette);
    storeRowLayout->addWidget(m_storeNote, 1, 0, 1, 2);
    storeRowLayout->setColumnStretch(0, 1);
    storageForm->addRow(tr("Backup store:"), storeRow);
    refreshStoreNote();
    m_encryptionState->setObjectName(QStringLiteral("encryptionStateValue"));
    m_encryptionState->setWordWrap(true);
    auto *encryption = new QPushButton(tr("&Encryption…"), storage);
    encryption->setObjectName(QStringLiteral("encryptionButton"));
    encryption->setToolTip(tr("Turn encryption on, show or import the recovery key, encrypt "
                              "the existing backups"));
    connect(encryption, &QPushButton::clicked, this, &SettingsView::openEncryptionDialog);
    auto *encryptionRow = new QHBoxLayout;
    encryptionRow->addWidget(m_encryptionState, 1);
    encryptionRow->addWidget(encryption);
    storageForm->addRow(tr("Encryption:"), encryptionRow);
    refreshEncryption();
    m_offsiteSummary = new QLabel(storage);
    m_offsiteSummary->setObjectName(QStringLiteral("offsiteSummary"));
    m_offsiteSummary->setWordWrap(true);
    auto *copyTargets = new QPushButton(tr("Copy &targets…"), storage);
    copyTargets->setObjectName(QStringLiteral("copyTargetsButton"));
    copyTargets->setToolTip(tr("Copy every backup to a second folder or an SFTP server"));
    connect(copyTargets, &QPushButton::clicked, this, &SettingsView::openCopyTargetsDialog);
    auto *offsiteRow = new QHBoxLayout;
    offsiteRow->addWidget(m_offsiteSummary, 1);
    offsiteRow->addWidget(copyTargets);
    storageForm->addRow(tr("Off-site copies:"), offsiteRow);
    refreshOffsite();

    // Jobs and notifications
    auto *jobs = new QGroupBox(tr("Jobs and notifications"), this);
    m_concurrent->setObjectName(QStringLiteral("concurrentJobsSpin"));
    m_concurrent->setRange(1, 8);
    m_concurrent->setValue(settings.concurrentJobs());
    m_concurrent->setToolTip(tr("How many PBXs are backed up or restored at the same time"));
    connect(m_concurrent, &QSpinBox::valueChanged, this, [this](int n) {
        m_settings.setConcurrentJobs(n);
        m_settings.sync();
        Q_EMIT concurrentJobsChanged(n);
    });
    m_notifySuccess->setObjectName(QStringLiteral("notifySuccessCheck"));
    m_notifySuccess->setText(tr("Also notify when a backup or restore succeeds"));
    m_notifySuccess->setChecked(settings.notifySuccess());
    connect(m_notifySuccess, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setNotifySuccess(on);
        m_settings.sync();
    });
    auto *jobsForm = new QFormLayout(jobs);
    // Spin box and check box keep their size; the hint (Expanding) takes the width it needs.
    jobsForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    jobsForm->addRow(tr("Concurrent jobs:"), m_concurrent);
    jobsForm->addRow(tr("Notifications:"), m_notifySuccess);
    jobsForm->addRow(QString(), hint(tr("Failures are always notified."), jobs));
    auto *hooksRow = new QHBoxLayout;
    auto *hooksSummary = new QLabel(HooksDialog::summary(settings, QString()), jobs);
    hooksSummary->setObjectName(QStringLiteral("hooksSummary"));
    auto *editHooks = new QPushButton(tr("&Hooks…"), jobs);
    editHooks->setObjectName(QStringLiteral("editHooksButton"));
    editHooks->setToolTip(tr("Commands to run before and after every backup and restore"));
    connect(editHooks, &QPushButton::clicked, this, [this, hooksSummary] {
        HooksDialog dialog(m_settings, QString(), QString(), this);
        if (dialog.exec() == QDialog::Accepted)
            hooksSummary->setText(HooksDialog::summary(m_settings, QString()));
    });
    hooksRow->addWidget(hooksSummary);
    hooksRow->addWidget(editHooks);
    hooksRow->addStretch();
    jobsForm->addRow(tr("Hooks:"), hooksRow);

    // Application
    auto *application = new QGroupBox(tr("Application"), this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System language"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Italiano"), QStringLiteral("it"));
    const int current = m_language->findData(settings.language());
    m_language->setCurrentIndex(current < 0 ? 0 : current);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setText(tr("The new language applies the next time PBX Vault starts."));
    m_languageNote->setWordWrap(true);
    m_languageNote->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QPalette notePalette = m_languageNote->palette();
    notePalette.setColor(QPalette::WindowText,
                         Tones::text(Tones::Caution, notePalette.color(QPalette::Window)));
    m_languageNote->setPalette(notePalette);
    m_languageNote->hide();
    const QString startLanguage = settings.language();
    connect(m_language, &QComboBox::currentIndexChanged, this, [this, startLanguage] {
        const QString code = m_language->currentData().toString();
        m_settings.setLanguage(code);
        m_settings.sync();
        m_languageNote->setVisible(code != startLanguage);
    });
    m_startAtLogin->setObjectName(QStringLiteral("startAtLoginCheck"));
    m_startAtLogin->setText(tr("Start PBX Vault in the system tray when I log in"));
    m_startAtLogin->setChecked(settings.startAtLogin());
    connect(m_startAtLogin, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setStartAtLogin(on);
        m_settings.sync();
        Q_EMIT startAtLoginToggled(on);
    });
    auto *appForm = new QFormLayout(application);
    appForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    appForm->addRow(tr("Language:"), m_language);
    appForm->addRow(QString(), m_languageNote);
    appForm->addRow(tr("At login:"), m_startAtLogin);
    appForm->addRow(QString(), hint(tr("Scheduled backups run only while PBX Vault is running: "
                                       "in the window, in the tray, or as \"pbxvault daemon\"."),
                                    application));
    auto *aboutRow = new QHBoxLayout;
    auto *version =
        new QLabel(tr("PBX Vault %1").arg(QStringLiteral(PBXVAULT_VERSION)), application);
    version->setObjectName(QStringLiteral("versionLabel"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *about = new QPushButton(tr("A&bout PBX Vault…"), application);
    about->setObjectName(QStringLiteral("aboutButton"));
    connect(about, &QPushButton::clicked, this, [this] {
        QMessageBox::about(
            this, tr("About PBX Vault"),
            tr("<h3>PBX Vault %1</h3><p>Backups of KalliopePBX phone systems: on demand or on a "
               "schedule, verified, and restorable onto the PBX they came from or onto any "
               "other registered PBX, with a safety backup first.</p><p>Built with Qt %2.</p>")
                .arg(QStringLiteral(PBXVAULT_VERSION), QString::fromLatin1(qVersion())));
    });
    auto *aboutQt = new QPushButton(tr("About &Qt…"), application);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    aboutRow->addWidget(version);
    aboutRow->addSpacing(12);
    aboutRow->addWidget(about);
    aboutRow->addWidget(aboutQt);
    aboutRow->addStretch(1);
    appForm->addRow(tr("Version:"), aboutRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new ViewTitle(tr("Settings"), this));
    layout->addWidget(storage);
    layout->addWidget(jobs);
    layout->addWidget(application);
    layout->addStretch(1);
}

void SettingsView::refreshEncryption()
{
    m_encryptionState->setText(EncryptionDialog::stateInWords(m_ops.vault()));
}

EncryptionDialog *SettingsView::openEncryptionDialog()
{
    auto *dialog = new EncryptionDialog(m_ops.vault(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EncryptionDialog::stateChanged, this, &SettingsView::refreshEncryption);
    connect(dialog, &QDialog::finished, this, &SettingsView::refreshEncryption);
    dialog->open();
    return dialog;
}

void SettingsView::refreshOffsite()
{
    m_offsiteSummary->setText(CopyTargetsDialog::summary(m_ops.vault().catalog()));
}

CopyTargetsDialog *SettingsView::openCopyTargetsDialog()
{
    auto *dialog = new CopyTargetsDialog(m_ops.vault(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CopyTargetsDialog::targetsChanged, this, &SettingsView::refreshOffsite);
    connect(dialog, &QDialog::finished, this, &SettingsView::refreshOffsite);
    dialog->open();
    return dialog;
}

CatalogDialog *SettingsView::openCatalogDialog()
{
    Vault &vault = m_ops.vault();
    auto *dialog = new CatalogDialog(m_settings, vault.secrets(), vault.dataDir(), &vault, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &SettingsView::refreshCatalogNote);
    dialog->open();
    return dialog;
}

StoreDialog *SettingsView::openStoreDialog()
{
    auto *dialog = new StoreDialog(m_ops.vault(), m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StoreDialog::mountsChanged, this, &SettingsView::refreshStoreNote);
    connect(dialog, &QDialog::finished, this, &SettingsView::refreshStoreNote);
    dialog->open();
    return dialog;
}

void SettingsView::refreshStoreNote()
{
    Vault &vault = m_ops.vault();
    ErrorMessage why;
    const bool ready = vault.storeForWriting(&why);
    const QString shared = vault.sharedStore();
    m_storeValue->setText(StoreDialog::describe(shared, vault.catalog().storeMounts().root(shared),
                                                vault.localBackupFolder()));
    m_storeNote->setText(ready ? QString() : why.text());
    m_storeNote->setVisible(!ready);
}

void SettingsView::refreshCatalogNote()
{
    const QString next = m_settings.catalogLocation();
    const QString normalized = next.isEmpty() ? next : CatalogLocation::parse(next).toString();
    m_catalogNote->setVisible(normalized != m_runningCatalog);
    m_catalogNote->setText(tr("From the next start: %1. Restart PBX Vault to use it.")
                               .arg(CatalogDialog::describe(next, m_ops.vault().dataDir())));
}

void SettingsView::showEvent(QShowEvent *event)
{
    refreshEncryption(); // another process (pbxvault key init) may have changed it
    refreshOffsite();    // copies made since, or targets changed by `pbxvault target`
    refreshStoreNote();  // `pbxvault store`, another member, or an unmounted share
    QWidget::showEvent(event);
}

void SettingsView::setStartAtLogin(bool on)
{
    const QSignalBlocker blocker(m_startAtLogin);
    m_startAtLogin->setChecked(on);
    m_settings.setStartAtLogin(on);
    m_settings.sync();
}

} // namespace pbxvault
