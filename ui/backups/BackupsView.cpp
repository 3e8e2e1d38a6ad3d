#include "BackupsView.h"

#include "BackupListLoader.h"
#include "BackupTableModel.h"
#include "CertificateReview.h"
#include "DeleteBackupDialog.h"
#include "Icons.h"
#include "MessageBar.h"
#include "PbxChoiceDialog.h"
#include "ProgressDelegate.h"
#include "RestoreDialog.h"
#include "UiLog.h"
#include "ViewTitle.h"
#include "common/Labels.h"
#include "ops/Operations.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
// Up to this many backups the list is read on the spot; beyond, on a worker thread.
constexpr qint64 kSynchronousLimit = 5000;
} // namespace

BackupsView::BackupsView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new BackupTableModel(this)),
      m_loader(
          new BackupListLoader(ops.vault().catalog().path(), this, ops.vault().catalogPassword())),
      m_table(new QTableView(this)), m_add(new QToolButton(this)), m_addMenu(new QMenu(this)),
      m_import(new QToolButton(this)), m_filter(new QLineEdit(this)),
      m_pbxFilter(new QComboBox(this)), m_count(new QLabel(this)), m_empty(new QLabel(this)),
      m_message(new MessageBar(this)), m_deleteAction(new QAction(tr("Delete…"), this))
{
    setObjectName(QStringLiteral("backupsView"));

    m_add->setObjectName(QStringLiteral("addBackupButton"));
    m_add->setIcon(Icons::add());
    m_add->setText(tr("&Back up now"));
    m_add->setToolTip(tr("Take a backup of the master PBX now"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add->setIconSize(QSize(20, 20));
    m_add->setMenu(m_addMenu);
    connect(m_add, &QToolButton::clicked, this, [this] { backUpDefaultPbx(); });

    m_import->setObjectName(QStringLiteral("importBackupButton"));
    m_import->setIcon(Icons::importFile());
    m_import->setText(tr("&Import…"));
    m_import->setToolTip(tr("Add a backup file from disk to the vault"));
    m_import->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_import->setIconSize(QSize(20, 20));
    connect(m_import, &QToolButton::clicked, this, &BackupsView::chooseImportFile);

    m_filter->setObjectName(QStringLiteral("backupFilter"));
    m_filter->setPlaceholderText(tr("Filter by file name, PBX or IP address"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilterText(text);
        updateCount();
    });

    m_pbxFilter->setObjectName(QStringLiteral("backupPbxFilter"));
    m_pbxFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_pbxFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setPbxFilter(m_pbxFilter->currentData().toLongLong());
        updateCount();
    });

    m_table->setObjectName(QStringLiteral("backupTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(BackupTableModel::SizeColumn,
                                      new ProgressDelegate(BackupTableModel::ProgressRole, this));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setMouseTracking(true);
    m_table->verticalHeader()->hide();
    // Fixed row heights keep scrolling through 100,000 rows instant.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->setTabKeyNavigation(false);
    // File names keep their PBX name and firmware, the middle (the date) is in its column.
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(BackupTableModel::FileNameColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    header->setSortIndicator(BackupTableModel::DateColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);

    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const qint64 id = index.data(BackupTableModel::BackupIdRole).toLongLong();
        if (index.column() == BackupTableModel::FileNameColumn && id > 0)
            Q_EMIT openBackup(id);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 id = index.data(BackupTableModel::BackupIdRole).toLongLong();
        if (id > 0)
            Q_EMIT openBackup(id);
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        m_table->setCurrentIndex(index);
        QMenu *menu = createRowMenu(index.data(BackupTableModel::BackupIdRole).toLongLong());
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    m_deleteAction->setObjectName(QStringLiteral("deleteBackupAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this,
            [this] { openDeleteDialog(currentBackupId()); });

    connect(m_table, &QTableView::entered, this, [this](const QModelIndex &index) {
        const bool link = index.column() == BackupTableModel::FileNameColumn &&
                          index.data(BackupTableModel::BackupIdRole).toLongLong() > 0;
        m_table->viewport()->setCursor(link ? Qt::PointingHandCursor : Qt::ArrowCursor);
    });

    m_empty->setObjectName(QStringLiteral("backupsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No backups yet. Click “Back up now” to take the first one, or import "
                        "a backup file."));
    m_count->setObjectName(QStringLiteral("backupCount"));

    auto *top = new QHBoxLayout;
    top->addWidget(new ViewTitle(tr("Backups"), this));
    top->addStretch(1);
    top->addWidget(m_import);
    top->addWidget(m_add);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    auto *pbxLabel = new QLabel(tr("&PBX:"), this);
    pbxLabel->setBuddy(m_pbxFilter);
    filters->addWidget(pbxLabel);
    filters->addWidget(m_pbxFilter);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_count);

    connect(m_loader, &BackupListLoader::loaded, this,
            [this](const BackupListLoader::Result &result) {
                if (result.error.isEmpty())
                    applySnapshot(result.snapshot);
                else
                    m_message->showMessage(
                        MessageBar::Error,
                        tr("The backup list could not be read: %1").arg(result.error));
            });
    connect(&m_ops, &Operations::backupsChanged, this, &BackupsView::refresh);
    connect(&m_ops, &Operations::pbxsChanged, this, &BackupsView::refreshPbxs);
    refreshPbxs();
    refresh();
}

void BackupsView::sizeColumns()
{
    // 100,000 rows are too many to measure: the widest value each column can hold, in this
    // locale's formats, or its header, whichever is wider.
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 16;
    auto fit = [&](int column, const QString &widest) {
        m_table->setColumnWidth(
            column, qMax(header->sectionSizeHint(column), fm.horizontalAdvance(widest) + padding));
    };
    fit(BackupTableModel::SizeColumn, Labels::size(888'800'000'000));
    fit(BackupTableModel::DateColumn,
        Labels::dateTime(QDateTime(QDate(2088, 12, 28), QTime(23, 58), Qt::UTC)));
    fit(BackupTableModel::MasterIpColumn, QStringLiteral("888.888.888.888"));
    fit(BackupTableModel::ChangesColumn, Labels::changes(888));
    // The PBX column: the longest registered name, up to a cap (then elided).
    const int cap = fm.horizontalAdvance(QLatin1Char('M')) * 16;
    int names = 0;
    for (int i = 1; i < m_pbxFilter->count(); ++i)
        names = qMax(names, fm.horizontalAdvance(m_pbxFilter->itemText(i)));
    m_table->setColumnWidth(
        BackupTableModel::PbxColumn,
        qMax(header->sectionSizeHint(BackupTableModel::PbxColumn), qMin(cap, names + padding)));
}

void BackupsView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

qint64 BackupsView::currentBackupId() const
{
    return m_table->currentIndex().data(BackupTableModel::BackupIdRole).toLongLong();
}

QMenu *BackupsView::createRowMenu(qint64 backupId)
{
    const auto backup = backupId > 0 ? m_ops.vault().catalog().backup(backupId) : std::nullopt;
    if (!backup)
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("backupRowMenu"));
    auto add = [menu](const QString &text, const char *name, auto slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    QAction *open =
        add(tr("&Open"), "openAction", [this, backupId] { Q_EMIT openBackup(backupId); });
    menu->setDefaultAction(open);
    const bool restorable =
        backup->verified != VerifyState::Corrupt && backup->verified != VerifyState::Missing;
    add(tr("&Restore…"), "restoreAction", [this, backupId] {
        openRestoreDialog(backupId);
    })->setEnabled(restorable);
    add(tr("&Verify"), "verifyAction", [this, backupId] { verify(backupId); });
    menu->addSeparator();
    QAction *remove =
        add(tr("&Delete…"), "deleteAction", [this, backupId] { openDeleteDialog(backupId); });
    remove->setShortcut(m_deleteAction->shortcut());
    menu->addSeparator();
    add(tr("Open &folder"), "openFolderAction", [this, backupId] {
        openFolder(backupId);
    })->setEnabled(QFileInfo::exists(backup->path));
    add(tr("&Copy path"), "copyPathAction", [this, backupId] { copyPath(backupId); });
    return menu;
}

void BackupsView::openRestoreDialog(qint64 backupId)
{
    const auto backup = m_ops.vault().catalog().backup(backupId);
    if (!backup)
        return;
    auto *dialog = new RestoreDialog(m_ops, *backup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::showRestoresRequested, this,
            &BackupsView::showRestoresRequested);
    dialog->open();
}

void BackupsView::openDeleteDialog(qint64 backupId)
{
    const auto backup = backupId > 0 ? m_ops.vault().catalog().backup(backupId) : std::nullopt;
    if (!backup)
        return;
    auto *dialog = new DeleteBackupDialog(m_ops, *backup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteBackupDialog::deleted, this,
            [this](const QString &fileName, const QStringList &warnings) {
                QString text = tr("Backup %1 deleted.").arg(fileName);
                for (const QString &w : warnings)
                    text += QLatin1Char('\n') + w;
                m_message->showMessage(
                    warnings.isEmpty() ? MessageBar::Success : MessageBar::Warning, text);
            });
    dialog->open();
}

void BackupsView::verify(qint64 backupId)
{
    const auto backup = m_ops.vault().catalog().backup(backupId);
    if (!backup)
        return;
    Job *job = m_ops.verifyBackup(backupId);
    const QString name = backup->filename;
    m_message->showMessage(MessageBar::Info, tr("Verifying %1…").arg(name));
    connect(job, &Job::finished, this, [this, job, name] {
        if (job->ok())
            m_message->showMessage(MessageBar::Success, tr("%1 is intact.").arg(name));
        else
            m_message->showMessage(
                MessageBar::Error,
                tr("Verification of %1 failed: %2").arg(name, job->errorMessage()));
        job->deleteLater();
    });
}

void BackupsView::openFolder(qint64 backupId)
{
    const auto backup = m_ops.vault().catalog().backup(backupId);
    if (!backup)
        return;
    const QString folder = QFileInfo(backup->path).absolutePath();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        m_message->showMessage(MessageBar::Warning,
                               tr("Could not open the folder %1.").arg(folder));
}

void BackupsView::copyPath(qint64 backupId)
{
    if (const auto backup = m_ops.vault().catalog().backup(backupId))
        QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(backup->path));
}

void BackupsView::refreshPbxs()
{
    const QVector<PbxRecord> pbxs = m_ops.vault().catalog().pbxs();
    const qint64 filtered = m_pbxFilter->currentData().toLongLong();
    {
        QSignalBlocker block(m_pbxFilter);
        m_pbxFilter->clear();
        m_pbxFilter->addItem(tr("All PBXs"), qint64(0));
        for (const PbxRecord &pbx : pbxs)
            m_pbxFilter->addItem(pbx.name, pbx.id);
        const int i = m_pbxFilter->findData(filtered);
        m_pbxFilter->setCurrentIndex(i < 0 ? 0 : i);
    }
    m_model->setPbxFilter(m_pbxFilter->currentData().toLongLong());

    m_addMenu->clear();
    for (const PbxRecord &pbx : pbxs) {
        const QString text = pbx.role == PbxRole::Master ? tr("Back up %1 (master)").arg(pbx.name)
                                                         : tr("Back up %1").arg(pbx.name);
        const qint64 id = pbx.id;
        m_addMenu->addAction(text, this, [this, id] { backUpPbx(id); });
    }
    // One PBX: the button just backs it up; several: the arrow offers the others.
    m_add->setPopupMode(pbxs.size() > 1 ? QToolButton::MenuButtonPopup : QToolButton::DelayedPopup);
    // New names re-fit the columns; a reload (F5, another program) keeps the operator's.
    QStringList names;
    for (const PbxRecord &pbx : pbxs)
        names << pbx.name;
    if (names != m_columnsSizedFor || !m_columnsSized) {
        m_columnsSizedFor = names;
        m_columnsSized = true;
        sizeColumns();
    }
    if (pbxs.size() <= 1)
        m_add->setMenu(nullptr);
    else
        m_add->setMenu(m_addMenu);
    updateCount();
}

void BackupsView::refresh()
{
    Catalog &catalog = m_ops.vault().catalog();
    // On a server, counting the rows first would cost the window a scan of the table and a
    // round trip: the list always comes from the loader.
    if (!m_loader->isLoading() && !catalog.isPostgres() &&
        catalog.backupCount() <= kSynchronousLimit) {
        applySnapshot(BackupTableModel::buildSnapshot(catalog.backupList(), m_model->sortColumn(),
                                                      m_model->sortOrder()));
        return;
    }
    m_loader->load(m_model->sortColumn(), m_model->sortOrder());
    updateCount();
}

bool BackupsView::isLoading() const
{
    return m_loader->isLoading();
}

void BackupsView::applySnapshot(BackupTableModel::Snapshot snapshot)
{
    const qint64 selected =
        m_table->currentIndex().data(BackupTableModel::BackupIdRole).toLongLong();
    // Reloads also come from other programs writing to the catalog: the list stays where the
    // operator left it unless a new backup of ours is to be shown.
    const int scrolled = m_table->verticalScrollBar()->value();
    m_model->setSnapshot(std::move(snapshot));
    m_loaded = true;
    const qint64 wanted = m_selectAfterRefresh ? m_selectAfterRefresh : selected;
    const int row = wanted > 0 ? m_model->rowOfBackup(wanted) : -1;
    if (row >= 0 && wanted == m_selectAfterRefresh) {
        selectBackup(wanted);
        m_selectAfterRefresh = 0;
    } else {
        if (row >= 0)
            m_table->setCurrentIndex(m_model->index(row, BackupTableModel::FileNameColumn));
        m_table->verticalScrollBar()->setValue(scrolled);
    }
    updateCount();
}

void BackupsView::selectBackup(qint64 backupId)
{
    const int row = m_model->rowOfBackup(backupId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, BackupTableModel::FileNameColumn);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void BackupsView::updateCount()
{
    const int total = m_model->totalCount();
    const int shown = m_model->shownCount();
    if (!m_loaded) {
        m_count->setText(tr("Loading backups…"));
        m_empty->hide();
        m_table->show();
        return;
    }
    if (shown == total)
        m_count->setText(total == 1 ? tr("1 backup") : tr("%L1 backups").arg(total));
    else
        m_count->setText(tr("%L1 of %L2 backups shown").arg(shown).arg(total));
    const bool empty = total == 0 && m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
}

Job *BackupsView::backUpDefaultPbx()
{
    const QVector<PbxRecord> pbxs = m_ops.vault().catalog().pbxs();
    if (pbxs.isEmpty()) {
        m_message->showMessage(MessageBar::Info,
                               tr("Add a PBX first: open “PBXs” and click “New PBX”."));
        Q_EMIT showPbxsRequested();
        return nullptr;
    }
    // pbxs() lists masters first; without a master the first PBX is the natural choice.
    return backUpPbx(pbxs.first().id);
}

Job *BackupsView::backUpPbx(qint64 pbxId)
{
    const auto pbx = m_ops.vault().catalog().pbx(pbxId);
    if (!pbx)
        return nullptr;
    qCInfo(lcUi) << "Manual backup of PBX" << pbx->id;
    Job *job = m_ops.backupPbx(pbx->id, JobTrigger::Manual);
    const QString name = pbx->name;
    m_model->addRunningBackup(job, name);
    m_table->scrollToTop();
    updateCount();
    connect(job, &Job::finished, this, [this, job, name] { onBackupFinished(job, name); });
    return job;
}

void BackupsView::onBackupFinished(Job *job, const QString &pbxName)
{
    if (job->ok()) {
        m_selectAfterRefresh = job->backupId();
        refresh();
        m_message->hide();
    } else if (job->wasCancelled()) {
        m_message->showMessage(MessageBar::Info,
                               tr("The backup of %1 was cancelled.").arg(pbxName));
    } else {
        m_message->showMessage(MessageBar::Error,
                               tr("The backup of %1 failed: %2").arg(pbxName, job->errorMessage()));
        CertificateReview::offerOn(m_message, m_ops, *job);
    }
    updateCount();
    job->deleteLater();
}

void BackupsView::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import a backup file"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("KalliopePBX backups (*.bak *.tar *.tar.gz *.tgz);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void BackupsView::importFile(const QString &path)
{
    const QVector<PbxRecord> pbxs = m_ops.vault().catalog().pbxs();
    if (pbxs.isEmpty()) {
        m_message->showMessage(MessageBar::Info,
                               tr("Add a PBX first: every backup belongs to a PBX."));
        return;
    }
    auto *dialog = new PbxChoiceDialog(path, pbxs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        ImportOptions options;
        options.acceptChecksumOnly = dialog->acceptChecksumOnly();
        Job *job = m_ops.importBackup(dialog->filePath(), dialog->pbxId(), options);
        connect(job, &Job::finished, this, [this, job] {
            if (job->ok()) {
                m_selectAfterRefresh = job->backupId();
                refresh();
                m_message->showMessage(MessageBar::Success, tr("Backup imported."));
            } else {
                m_message->showMessage(MessageBar::Error,
                                       tr("The import failed: %1").arg(job->errorMessage()));
            }
            job->deleteLater();
        });
    });
    dialog->open();
}

} // namespace pbxvault
