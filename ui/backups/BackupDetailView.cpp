#include "BackupDetailView.h"

#include "ActionButtons.h"
#include "BackupChooserDialog.h"
#include "BackupDiffDialog.h"
#include "DeleteBackupDialog.h"
#include "Icons.h"
#include "MessageBar.h"
#include "RestoreDialog.h"
#include "UiLog.h"
#include "ViewTitle.h"
#include "catalog/Catalog.h"
#include "common/Labels.h"
#include "crypto/EncryptedFile.h"
#include "ops/Operations.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace pbxvault {

BackupDetailView::BackupDetailView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_members(new QFutureWatcher<MemberListing>(this)),
      m_message(new MessageBar(this)), m_title(new ViewTitle(QString(), this))
{
    setObjectName(QStringLiteral("backupDetailView"));

    auto *back = new QToolButton(this);
    back->setObjectName(QStringLiteral("backToListButton"));
    back->setIcon(Icons::back());
    back->setText(tr("&All backups"));
    back->setToolTip(tr("Back to the list (Esc)"));
    back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    back->setAutoRaise(true);
    connect(back, &QToolButton::clicked, this, &BackupDetailView::backRequested);

    m_title->setObjectName(QStringLiteral("backupTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    m_fileName = addField(form, tr("File name:"), "fileNameValue");
    m_size = addField(form, tr("Size:"), "sizeValue");
    m_date = addField(form, tr("Backup date:"), "dateValue");
    m_masterIp = addField(form, tr("Master PBX IP:"), "masterIpValue");
    m_pbx = addField(form, tr("PBX:"), "pbxValue");
    m_tenant = addField(form, tr("Tenant:"), "tenantValue");

    m_path = new QLabel(this);
    m_path->setObjectName(QStringLiteral("pathValue"));
    m_path->setWordWrap(true);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openFolder = new QToolButton(this);
    m_openFolder->setObjectName(QStringLiteral("openFolderButton"));
    m_openFolder->setIcon(Icons::folder());
    m_openFolder->setText(tr("Open &folder"));
    m_openFolder->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_openFolder->setToolTip(tr("Show the folder that holds this file"));
    connect(m_openFolder, &QToolButton::clicked, this, [this] {
        const QString folder = QFileInfo(m_backup.path).absolutePath();
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
            m_message->showMessage(MessageBar::Warning,
                                   tr("Could not open the folder %1.").arg(folder));
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_openFolder, 0, Qt::AlignTop);
    form->addRow(tr("Path:"), pathRow);

    m_firmware = addField(form, tr("Firmware:"), "firmwareValue");
    m_sha256 = addField(form, tr("SHA-256:"), "sha256Value");
    m_sha256->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_verification = new QLabel(this);
    m_verification->setObjectName(QStringLiteral("verificationValue"));
    m_verification->setWordWrap(true);
    m_verify = new QPushButton(Icons::verify(), tr("&Verify now"), this);
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_verify->setToolTip(tr("Check the checksum and read the whole archive"));
    connect(m_verify, &QPushButton::clicked, this, &BackupDetailView::verifyNow);
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verification, 1);
    verifyRow->addWidget(m_verify);
    form->addRow(tr("Verification:"), verifyRow);

    m_origin = addField(form, tr("Origin:"), "originValue");
    m_comment = addField(form, tr("Comment:"), "commentValue");
    m_form = form;
    m_copies = new QWidget(this);
    m_copies->setObjectName(QStringLiteral("offsiteCopies"));
    auto *copiesLayout = new QVBoxLayout(m_copies);
    copiesLayout->setContentsMargins(0, 0, 0, 0);
    copiesLayout->setSpacing(2);
    form->addRow(tr("Off-site copies:"), m_copies);

    auto *membersBox = new QGroupBox(tr("Archive contents"), this);
    m_memberTree = new QTreeWidget(membersBox);
    m_memberTree->setObjectName(QStringLiteral("memberTree"));
    m_memberTree->setHeaderLabels({tr("Name"), tr("Size")});
    m_memberTree->setRootIsDecorated(false);
    m_memberTree->setUniformRowHeights(true);
    m_memberTree->setTextElideMode(Qt::ElideMiddle); // paths: keep folder and file name
    m_memberTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_memberTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_memberTree->header()->setStretchLastSection(false);
    m_membersNote = new QLabel(membersBox);
    m_membersNote->setObjectName(QStringLiteral("membersNote"));
    m_membersNote->setWordWrap(true);
    auto *membersLayout = new QVBoxLayout(membersBox);
    membersLayout->addWidget(m_memberTree, 1);
    membersLayout->addWidget(m_membersNote);
    connect(m_members, &QFutureWatcher<MemberListing>::finished, this,
            &BackupDetailView::onMembersLoaded);

    m_delete = new ActionButton(ActionButton::Danger, tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setToolTip(tr("Delete this backup"));
    connect(m_delete, &QPushButton::clicked, this, &BackupDetailView::openDeleteDialog);
    auto *deleteKey = new QAction(this);
    deleteKey->setObjectName(QStringLiteral("deleteBackupAction"));
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &BackupDetailView::openDeleteDialog);
    m_restore = new ActionButton(ActionButton::Go, tr("&Restore…"), this);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setToolTip(tr("Load this backup into a PBX"));
    connect(m_restore, &QPushButton::clicked, this, &BackupDetailView::openRestoreDialog);

    m_comparePrevious = new QPushButton(tr("Compare with &previous"), this);
    m_comparePrevious->setObjectName(QStringLiteral("comparePreviousButton"));
    connect(m_comparePrevious, &QPushButton::clicked, this, &BackupDetailView::compareWithPrevious);
    m_compareWith = new QPushButton(tr("&Compare with…"), this);
    m_compareWith->setObjectName(QStringLiteral("compareWithButton"));
    m_compareWith->setToolTip(tr("Choose another backup of this PBX to compare with"));
    connect(m_compareWith, &QPushButton::clicked, this, &BackupDetailView::openCompareChooser);

    auto *fields = new QWidget(this);
    fields->setLayout(form);
    auto *middle = new QHBoxLayout;
    middle->addWidget(fields, 3);
    middle->addWidget(membersBox, 2);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_delete);
    bottom->addStretch(1);
    bottom->addWidget(m_comparePrevious);
    bottom->addWidget(m_compareWith);
    bottom->addSpacing(12);
    bottom->addWidget(m_restore);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(back, 0, Qt::AlignLeft);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(middle, 1);
    layout->addLayout(bottom);

    connect(&m_ops, &Operations::backupsChanged, this, &BackupDetailView::reload);
}

BackupDetailView::~BackupDetailView()
{
    // The listing thread only touches its own copies; waiting keeps it from outliving us.
    m_members->waitForFinished();
}

QLabel *BackupDetailView::addField(QFormLayout *form, const QString &label, const char *objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(QLatin1String(objectName));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    return value;
}

void BackupDetailView::showBackup(qint64 backupId)
{
    m_message->hide();
    const auto backup = m_ops.vault().catalog().backup(backupId);
    if (!backup) {
        m_backup = BackupRecord();
        m_backup.id = 0;
        Q_EMIT backRequested();
        return;
    }
    const bool otherBackup = m_backup.id != backup->id;
    m_backup = *backup;
    fill();
    if (otherBackup)
        loadMembers();
}

void BackupDetailView::reload()
{
    if (m_backup.id == 0)
        return;
    const auto backup = m_ops.vault().catalog().backup(m_backup.id);
    if (!backup)
        return; // deleted: whoever deleted it takes us back to the list
    m_backup = *backup;
    fill();
}

void BackupDetailView::fill()
{
    const BackupRecord &b = m_backup;
    m_title->setText(b.filename);
    m_fileName->setText(b.filename);
    m_size->setText(tr("%1 (%L2 bytes)").arg(Labels::size(b.size)).arg(b.size));
    m_date->setText(Labels::dateTime(b.createdAt));
    m_masterIp->setText(b.masterIp.isEmpty() ? Labels::noValue() : b.masterIp);
    m_pbx->setText(b.pbxName);
    m_tenant->setText(b.tenant);
    if (b.store.isEmpty())
        m_path->setText(b.path);
    else if (b.path.isEmpty())
        m_path->setText(tr("In the shared store \"%1\", not mapped on this computer").arg(b.store));
    else
        m_path->setText(
            tr("%1 (shared store \"%2\")").arg(QDir::toNativeSeparators(b.path), b.store));
    m_openFolder->setEnabled(!b.path.isEmpty() && QFileInfo::exists(b.path));
    m_openFolder->setToolTip(!b.store.isEmpty() && b.path.isEmpty()
                                 ? tr("Map the store in Settings → Backup store to reach its files")
                                 : tr("Show the folder that holds this file"));
    m_firmware->setText(b.firmware.isEmpty() ? Labels::noValue() : b.firmware);
    m_sha256->setText(b.sha256.isEmpty() ? Labels::noValue() : b.sha256);
    m_origin->setText(Labels::origin(b.origin));
    m_comment->setText(b.comment.isEmpty() ? Labels::noValue() : b.comment);
    fillCopies();

    QString verification;
    QString explanation;
    std::optional<Tones::Tone> tone;
    switch (b.verified) {
    case VerifyState::Unverified:
        verification = tr("Not verified yet");
        break;
    case VerifyState::Intact:
        verification = tr("Intact (verified %1)").arg(Labels::dateTime(b.verifiedAt));
        explanation = tr("The checksum matches and the archive was read to its end.");
        tone = Tones::Go;
        break;
    case VerifyState::ChecksumOnly:
        verification =
            tr("Checksum only: content not checked (%1)").arg(Labels::dateTime(b.verifiedAt));
        explanation = tr("The checksum matches, but PBX Vault cannot read this file's format, "
                         "so nothing is known about its content.");
        tone = Tones::Caution;
        break;
    case VerifyState::Corrupt:
        verification = tr("Corrupt (verified %1)").arg(Labels::dateTime(b.verifiedAt));
        explanation = tr("The file failed verification and cannot be restored.");
        tone = Tones::Danger;
        break;
    case VerifyState::Missing:
        verification = tr("File missing (checked %1)").arg(Labels::dateTime(b.verifiedAt));
        explanation = tr("The file was not found and cannot be restored.");
        tone = Tones::Danger;
        break;
    }
    if (m_verifyJob)
        verification = tr("Verifying…");
    m_verification->setText(verification);
    m_verification->setToolTip(explanation);
    QPalette palette = this->palette();
    if (tone)
        palette.setColor(QPalette::WindowText, Tones::text(*tone, palette.color(QPalette::Window)));
    m_verification->setPalette(palette);
    // A file in a store this computer does not map is out of reach, not missing: verifying
    // would record it as missing for every member, and nothing here can read it.
    const bool reachable = !inUnmappedStore();
    m_verify->setEnabled(!m_verifyJob && reachable);
    m_restore->setEnabled(reachable);
    m_delete->setEnabled(reachable);
    m_compareWith->setEnabled(reachable);

    const bool hasPrevious = m_ops.vault().catalog().previousBackup(b).has_value();
    m_comparePrevious->setEnabled(hasPrevious && reachable);
    m_comparePrevious->setToolTip(
        hasPrevious ? tr("Show what changed since the backup before this one")
                    : tr("This is the first backup of this PBX and tenant: there is no previous "
                         "backup to compare it with."));
}

bool BackupDetailView::inUnmappedStore() const
{
    return m_backup.id != 0 && !m_backup.store.isEmpty() && m_backup.path.isEmpty();
}

void BackupDetailView::fillCopies()
{
    Catalog &catalog = m_ops.vault().catalog();
    const QVector<CopyTargetRecord> targets = catalog.copyTargets();
    m_form->setRowVisible(m_copies, !targets.isEmpty());
    const auto old = m_copies->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(old);
    QHash<qint64, BackupCopyRecord> copies;
    for (const BackupCopyRecord &c : catalog.backupCopies(m_backup.id))
        copies.insert(c.targetId, c);
    for (const CopyTargetRecord &t : targets) {
        QIcon icon = Icons::information();
        QString text;
        std::optional<Tones::Tone> tone;
        const auto copy = copies.constFind(t.id);
        if (copy == copies.cend()) {
            text = t.enabled ? tr("%1: Not copied yet").arg(t.name)
                             : tr("%1: Not copied (the target is disabled)").arg(t.name);
        } else if (copy->state == CopyState::Copied) {
            icon = Icons::success();
            text = tr("%1: Copied and verified, %2").arg(t.name, Labels::dateTime(copy->updatedAt));
            tone = Tones::Go;
        } else if (copy->state == CopyState::Failed) {
            icon = Icons::failure();
            text = tr("%1: Copy failed: %2 (%3)")
                       .arg(t.name, copy->error, Labels::dateTime(copy->updatedAt));
            tone = Tones::Danger;
        } else {
            icon = Icons::running();
            text = tr("%1: Copying…").arg(t.name);
        }
        auto *line = new QWidget(m_copies);
        auto *iconLabel = new QLabel(line);
        iconLabel->setPixmap(icon.pixmap(16, 16));
        auto *textLabel = new QLabel(text, line);
        textLabel->setObjectName(QStringLiteral("offsiteCopyLine"));
        textLabel->setProperty("targetId", t.id);
        textLabel->setWordWrap(true);
        textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        textLabel->setToolTip(t.location);
        if (tone) {
            QPalette palette = textLabel->palette();
            palette.setColor(QPalette::WindowText,
                             Tones::text(*tone, palette.color(QPalette::Window)));
            textLabel->setPalette(palette);
        }
        auto *row = new QHBoxLayout(line);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(iconLabel, 0, Qt::AlignTop);
        row->addWidget(textLabel, 1);
        m_copies->layout()->addWidget(line);
        line->show(); // a layout shows a new child of a visible widget only later
    }
}

void BackupDetailView::loadMembers()
{
    m_memberTree->clear();
    m_membersNote->setText(tr("Reading the archive…"));
    const QString path = m_backup.path;
    const VaultKey *loaded = m_ops.vault().key();
    const VaultKey key = loaded ? *loaded : VaultKey(); // a copy for the worker thread
    const bool unmapped = path.isEmpty() && !m_backup.store.isEmpty();
    m_members->setFuture(QtConcurrent::run([path, key, unmapped] {
        MemberListing listing;
        if (unmapped) {
            listing.unmapped = true;
            return listing;
        }
        listing.ok = BackupStore::listMembers(path, &listing.members, &listing.error,
                                              key.isNull() ? nullptr : &key);
        listing.needsKey = !listing.ok && key.isNull() && isEncryptedFile(path);
        return listing;
    }));
}

void BackupDetailView::onMembersLoaded()
{
    const MemberListing listing = m_members->result();
    m_memberTree->clear();
    if (listing.unmapped) {
        m_membersNote->setText(tr("The shared store \"%1\" is not mapped on this computer, so "
                                  "the archive's contents cannot be listed. Map it in Settings → "
                                  "Backup store.")
                                   .arg(m_backup.store));
        return;
    }
    if (listing.needsKey) {
        m_membersNote->setText(
            tr("This backup is encrypted and the vault key is not loaded on this machine, so "
               "its contents cannot be listed. Import the recovery key in Settings → "
               "Encryption… to open it."));
        return;
    }
    if (!listing.ok) {
        m_membersNote->setText(
            tr("The archive's contents cannot be listed: %1").arg(listing.error));
        return;
    }
    QList<QTreeWidgetItem *> items;
    items.reserve(listing.members.size());
    for (const ArchiveMember &member : listing.members) {
        auto *item = new QTreeWidgetItem({member.name, Labels::size(member.size)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    m_memberTree->addTopLevelItems(items);
    m_membersNote->setText(listing.members.size() == 1
                               ? tr("1 file in the archive")
                               : tr("%L1 files in the archive").arg(listing.members.size()));
}

void BackupDetailView::verifyNow()
{
    if (m_backup.id == 0 || m_verifyJob || inUnmappedStore())
        return;
    m_verifyJob = m_ops.verifyBackup(m_backup.id);
    fill();
    Job *job = m_verifyJob;
    connect(job, &Job::finished, this, [this, job] {
        m_verifyJob = nullptr;
        reload();
        if (job->ok())
            m_message->showMessage(MessageBar::Success, tr("The backup is intact."));
        else
            m_message->showMessage(MessageBar::Error,
                                   tr("Verification failed: %1").arg(job->errorMessage()));
        job->deleteLater();
    });
}

BackupDiffDialog *BackupDetailView::compareWithPrevious()
{
    if (m_backup.id == 0)
        return nullptr;
    const std::optional<BackupRecord> previous = m_ops.vault().catalog().previousBackup(m_backup);
    if (!previous) {
        const QString error = m_ops.vault().catalog().lastError();
        if (!error.isEmpty())
            m_message->showMessage(MessageBar::Error, error);
        return nullptr;
    }
    return compareWith(*previous);
}

BackupChooserDialog *BackupDetailView::openCompareChooser()
{
    if (m_backup.id == 0)
        return nullptr;
    auto *chooser = new BackupChooserDialog(m_ops.vault().catalog(), m_backup, this);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QDialog::accepted, this, [this, chooser] {
        const BackupRecord other = chooser->selectedBackup();
        if (other.id != 0)
            compareWith(other);
    });
    chooser->open();
    return chooser;
}

BackupDiffDialog *BackupDetailView::compareWith(const BackupRecord &other)
{
    if (m_backup.id == 0 || other.id == 0)
        return nullptr;
    // Older on the left, whichever was chosen first.
    const bool otherIsOlder = other.createdAt < m_backup.createdAt ||
                              (other.createdAt == m_backup.createdAt && other.id < m_backup.id);
    const VaultKey *key = m_ops.vault().key();
    auto *dialog = otherIsOlder ? new BackupDiffDialog(other, m_backup, this, key)
                                : new BackupDiffDialog(m_backup, other, this, key);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void BackupDetailView::openRestoreDialog()
{
    if (m_backup.id == 0 || inUnmappedStore())
        return;
    auto *dialog = new RestoreDialog(m_ops, m_backup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::showRestoresRequested, this,
            &BackupDetailView::showRestoresRequested);
    dialog->open();
}

void BackupDetailView::openDeleteDialog()
{
    if (m_backup.id == 0 || inUnmappedStore())
        return;
    auto *dialog = new DeleteBackupDialog(m_ops, m_backup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteBackupDialog::deleted, this,
            [this](const QString &, const QStringList &) {
                m_backup = BackupRecord();
                m_backup.id = 0;
                Q_EMIT backRequested();
            });
    connect(dialog, &DeleteBackupDialog::deleted, this, &BackupDetailView::deleted);
    dialog->open();
}

} // namespace pbxvault
