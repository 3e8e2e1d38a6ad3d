#include "StoreDialog.h"

#include "ActionButtons.h"
#include "UiLog.h"
#include "catalog/Catalog.h"
#include "catalog/StoreMounts.h"
#include "common/AppSettings.h"
#include "ops/SharedStoreFolder.h"
#include "ops/Vault.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pbxvault {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QLabel *greyHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}

} // namespace

StoreDialog::StoreDialog(Vault &vault, AppSettings &settings, QWidget *parent)
    : QDialog(parent), m_vault(vault), m_settings(settings), m_local(new QRadioButton(this)),
      m_shared(new QRadioButton(this)), m_sharedFields(new QWidget(this)),
      m_name(new QLineEdit(m_sharedFields)), m_folder(new QLineEdit(m_sharedFields)),
      m_stores(new QTreeWidget(this)), m_map(new QPushButton(this)), m_unmap(new QPushButton(this)),
      m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("storeDialog"));
    setWindowTitle(tr("Backup store"));

    auto *intro = new QLabel(tr("Where new backups of every computer using this catalog go. A "
                                "team keeps them in a shared store: a folder on a share that "
                                "every member mounts, each computer wherever it likes."),
                             this);
    intro->setWordWrap(true);

    m_local->setObjectName(QStringLiteral("localStoreRadio"));
    m_local->setText(tr("On this &computer"));
    auto *localPath = new QLabel(native(vault.localBackupFolder()), this);
    localPath->setObjectName(QStringLiteral("localStoreFolder"));
    localPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    localPath->setContentsMargins(24, 0, 0, 0);
    m_shared->setObjectName(QStringLiteral("sharedStoreRadio"));
    m_shared->setText(tr("In a &shared store"));

    m_name->setObjectName(QStringLiteral("storeNameEdit"));
    m_name->setPlaceholderText(QStringLiteral("team"));
    m_name->setMaxLength(64);
    m_folder->setObjectName(QStringLiteral("storeFolderEdit"));
    m_folder->setPlaceholderText(tr("Where this computer mounts the share, e.g. /mnt/nas/pbx"));
    auto *browse = new QPushButton(tr("&Browse…"), m_sharedFields);
    browse->setObjectName(QStringLiteral("storeBrowseButton"));
    connect(browse, &QPushButton::clicked, this, &StoreDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *fields = new QFormLayout(m_sharedFields);
    fields->setContentsMargins(24, 0, 0, 0);
    auto *nameLabel = new QLabel(tr("Store &name:"), m_sharedFields);
    nameLabel->setBuddy(m_name);
    fields->addRow(nameLabel, m_name);
    auto *folderLabel = new QLabel(tr("&Folder:"), m_sharedFields);
    folderLabel->setBuddy(m_folder);
    fields->addRow(folderLabel, folderRow);
    fields->addRow(QString(),
                   greyHint(tr("When the folder already holds this catalog's store of that "
                               "name, this computer is mapped to it; otherwise the store is "
                               "created there."),
                            m_sharedFields));

    auto *storesTitle = new QLabel(tr("Shared stores on this computer:"), this);
    m_stores->setObjectName(QStringLiteral("storeList"));
    m_stores->setHeaderLabels({tr("Store"), tr("Folder"), tr("State")});
    m_stores->setRootIsDecorated(false);
    m_stores->setUniformRowHeights(true);
    m_stores->setTextElideMode(Qt::ElideMiddle);
    m_stores->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_stores->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_stores->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_stores->header()->setStretchLastSection(false);
    m_stores->setMaximumHeight(m_stores->fontMetrics().height() * 7);
    m_map->setObjectName(QStringLiteral("mapStoreButton"));
    m_map->setText(tr("&Map to a folder…"));
    m_map->setToolTip(tr("Where this computer mounts the selected store, to reach the backups "
                         "in it; where new backups go does not change"));
    connect(m_map, &QPushButton::clicked, this, &StoreDialog::mapSelected);
    m_unmap->setObjectName(QStringLiteral("unmapStoreButton"));
    m_unmap->setText(tr("&Unmap"));
    m_unmap->setToolTip(tr("Forget where this computer mounts the selected store; its files "
                           "are left alone"));
    connect(m_unmap, &QPushButton::clicked, this, &StoreDialog::unmapSelected);
    auto *storeActions = new QHBoxLayout;
    storeActions->addWidget(m_map);
    storeActions->addWidget(m_unmap);
    storeActions->addStretch(1);

    m_result->setObjectName(QStringLiteral("storeResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *note = new QLabel(tr("Every PBX Vault window and daemon of the team follows a change "
                               "from its next backup; backups taken before stay where they are."),
                            this);
    note->setObjectName(QStringLiteral("storeRestartNote"));
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("storeOkButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StoreDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StoreDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_local);
    layout->addWidget(localPath);
    layout->addWidget(m_shared);
    layout->addWidget(m_sharedFields);
    layout->addSpacing(6);
    layout->addWidget(storesTitle);
    layout->addWidget(m_stores);
    layout->addLayout(storeActions);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(note);
    layout->addWidget(buttons);

    const QString shared = vault.catalog().sharedStore();
    if (shared.isEmpty()) {
        m_local->setChecked(true);
    } else {
        m_shared->setChecked(true);
        m_name->setText(shared);
        m_folder->setText(native(settings.storeMounts().value(shared)));
    }
    connect(m_local, &QRadioButton::toggled, this, &StoreDialog::updateState);
    connect(m_stores, &QTreeWidget::itemSelectionChanged, this, &StoreDialog::updateState);
    fillStores();
    updateState();
    resize(sizeHint().expandedTo(QSize(600, 0)));
}

QString StoreDialog::describe(const QString &store, const QString &folder,
                              const QString &localFolder)
{
    if (store.isEmpty())
        return tr("On this computer: %1").arg(native(localFolder));
    if (folder.isEmpty())
        return tr("Shared store \"%1\", not mapped on this computer").arg(store);
    return tr("Shared store \"%1\" at %2").arg(store, native(folder));
}

void StoreDialog::fillStores()
{
    const QString current = selectedStore();
    m_stores->clear();
    const QHash<QString, QString> mounts = m_settings.storeMounts();
    const QString shared = m_vault.catalog().sharedStore();
    QStringList names = mounts.keys();
    if (!shared.isEmpty() && !names.contains(shared))
        names << shared;
    names.sort();
    const QString catalogId = m_vault.catalog().catalogId();
    for (const QString &name : std::as_const(names)) {
        const QString folder = mounts.value(name);
        ErrorMessage why;
        const bool reachable = SharedStoreFolder::check(folder, name, catalogId, &why);
        QString state = reachable          ? tr("Reachable")
                        : folder.isEmpty() ? tr("Not mapped")
                                           : tr("Not reachable");
        if (name == shared)
            state = tr("%1 · new backups go here").arg(state);
        auto *item = new QTreeWidgetItem(
            m_stores, {name, folder.isEmpty() ? QString() : native(folder), state});
        item->setData(0, Qt::UserRole, name);
        item->setToolTip(1, native(folder));
        if (!reachable) {
            item->setToolTip(2, why.text());
            item->setForeground(2, Tones::text(Tones::Caution, palette().color(QPalette::Base)));
        }
        if (name == current)
            item->setSelected(true);
    }
    if (!m_stores->selectedItems().isEmpty())
        m_stores->setCurrentItem(m_stores->selectedItems().constFirst());
}

QString StoreDialog::selectedStore() const
{
    const QList<QTreeWidgetItem *> selected = m_stores->selectedItems();
    return selected.isEmpty() ? QString() : selected.constFirst()->data(0, Qt::UserRole).toString();
}

void StoreDialog::updateState()
{
    m_sharedFields->setEnabled(m_shared->isChecked());
    const QString store = selectedStore();
    m_map->setEnabled(!store.isEmpty());
    m_unmap->setEnabled(!store.isEmpty() && m_settings.storeMounts().contains(store));
}

void StoreDialog::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    QPalette p = m_result->palette();
    p.setColor(QPalette::WindowText,
               good ? palette().color(QPalette::WindowText)
                    : Tones::text(Tones::Danger, palette().color(QPalette::Window)));
    m_result->setPalette(p);
    // A long path wraps to lines the dialog did not have: grow rather than cut them off.
    if (isVisible()) {
        layout()->activate();
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

void StoreDialog::browse()
{
    const QString start = m_folder->text().trimmed();
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Folder of the shared store"), start.isEmpty() ? QDir::homePath() : start);
    if (!folder.isEmpty())
        m_folder->setText(native(folder));
}

void StoreDialog::mapSelected()
{
    const QString name = selectedStore();
    if (name.isEmpty())
        return;
    const QString mounted = m_settings.storeMounts().value(name);
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Folder of the shared store \"%1\"").arg(name),
                                          mounted.isEmpty() ? QDir::homePath() : mounted);
    if (!folder.isEmpty())
        mapStore(name, folder);
}

void StoreDialog::unmapSelected()
{
    const QString name = selectedStore();
    if (!name.isEmpty())
        unmapStore(name);
}

bool StoreDialog::mapStore(const QString &name, const QString &folder)
{
    const QString root = QDir::cleanPath(QDir(QDir::fromNativeSeparators(folder)).absolutePath());
    ErrorMessage why;
    if (!StoreMounts::isValidName(name) ||
        !SharedStoreFolder::check(root, name, m_vault.catalog().catalogId(), &why)) {
        showResult(tr("%1 does not hold the shared store \"%2\" of this catalog (no matching %3 "
                      "marker there: is the share mounted?), so nothing was changed.")
                       .arg(native(root), name, SharedStoreFolder::kMarkerName),
                   false);
        return false;
    }
    m_settings.setStoreMount(name, root);
    m_settings.sync();
    qCInfo(lcUi).noquote() << "Shared store" << name << "mapped to" << root;
    showResult(
        tr("This computer now reaches the shared store \"%1\" at %2.").arg(name, native(root)),
        true);
    fillStores();
    updateState();
    Q_EMIT mountsChanged();
    return true;
}

bool StoreDialog::unmapStore(const QString &name)
{
    if (!m_settings.storeMounts().contains(name)) {
        showResult(tr("The shared store \"%1\" is not mapped on this computer.").arg(name), false);
        return false;
    }
    m_settings.setStoreMount(name, QString());
    m_settings.sync();
    qCInfo(lcUi).noquote() << "Shared store" << name << "unmapped";
    showResult(tr("The shared store \"%1\" is no longer mapped on this computer; its files were "
                  "left alone.")
                   .arg(name),
               true);
    fillStores();
    updateState();
    Q_EMIT mountsChanged();
    return true;
}

void StoreDialog::accept()
{
    Catalog &catalog = m_vault.catalog();
    if (m_local->isChecked()) {
        if (!catalog.sharedStore().isEmpty() && !catalog.setSharedStore(QString())) {
            showResult(tr("The catalog did not record the change, so nothing was changed: %1")
                           .arg(catalog.lastError()),
                       false);
            return;
        }
        Q_EMIT storeSaved(QString(), m_vault.localBackupFolder(), false);
        QDialog::accept();
        return;
    }
    const QString name = m_name->text().trimmed();
    if (!StoreMounts::isValidName(name)) {
        showResult(StoreMounts::nameProblem(name), false);
        m_name->setFocus();
        return;
    }
    const QString typed = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (typed.isEmpty() || QDir::isRelativePath(typed)) {
        showResult(tr("Give the full path of the folder where this computer mounts the store."),
                   false);
        m_folder->setFocus();
        return;
    }
    const QString folder = QDir::cleanPath(typed);
    const QString catalogId = catalog.catalogId();
    ErrorMessage why;
    const bool existing = SharedStoreFolder::check(folder, name, catalogId, &why);
    if (!existing) {
        QString error;
        if (!SharedStoreFolder::create(folder, name, catalogId, &error)) {
            qCWarning(lcUi).noquote() << "Shared store not created:" << error;
            showResult(error, false);
            return;
        }
    }
    m_settings.setStoreMount(name, folder);
    m_settings.sync();
    if (!catalog.setSharedStore(name)) {
        showResult(tr("The catalog did not record the shared store: %1").arg(catalog.lastError()),
                   false);
        fillStores();
        return;
    }
    qCInfo(lcUi).noquote() << "New backups go to the shared store" << name << "at" << folder
                           << (existing ? "(mapped)" : "(created)");
    Q_EMIT storeSaved(name, folder, !existing);
    QDialog::accept();
}

} // namespace pbxvault
