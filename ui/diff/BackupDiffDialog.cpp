#include "BackupDiffDialog.h"

#include "DiffColors.h"
#include "DiffLinesModel.h"
#include "DiffMemberModel.h"
#include "MessageBar.h"
#include "common/Labels.h"
#include "common/PrintableText.h"
#include "crypto/EncryptedFile.h"
#include "diff/DiffTask.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace pbxvault {

BackupDiffDialog::BackupDiffDialog(const BackupRecord &older, const BackupRecord &newer,
                                   QWidget *parent, const VaultKey *key)
    : QDialog(parent), m_older(older), m_newer(newer), m_key(key ? *key : VaultKey()),
      m_task(new DiffTask(this)), m_members(new DiffMemberModel(this)),
      m_filter(new DiffMemberFilter(this)), m_lines(new DiffLinesModel(this)),
      m_message(new MessageBar(this))
{
    setObjectName(QStringLiteral("backupDiffDialog"));
    setModal(false);
    setSizeGripEnabled(true);
    setWindowTitle(tr("Backup %1 (%2, %3) → backup %4 (%5, %6)")
                       .arg(older.id)
                       .arg(older.pbxName, Labels::dateTime(older.createdAt))
                       .arg(newer.id)
                       .arg(newer.pbxName, Labels::dateTime(newer.createdAt)));
    m_message->setObjectName(QStringLiteral("diffMessageBar"));

    m_heading = new QLabel(tr("Comparing %1 with %2").arg(describe(older), describe(newer)), this);
    m_heading->setObjectName(QStringLiteral("diffHeading"));
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setWordWrap(true);

    m_busyRow = new QWidget(this);
    m_busyRow->setObjectName(QStringLiteral("diffBusyRow"));
    auto *progress = new QProgressBar(m_busyRow);
    progress->setRange(0, 0);
    progress->setTextVisible(false);
    progress->setMaximumWidth(160);
    auto *busyText = new QLabel(tr("Reading both archives…"), m_busyRow);
    m_cancel = new QPushButton(tr("&Cancel"), m_busyRow);
    m_cancel->setObjectName(QStringLiteral("diffCancelButton"));
    m_cancel->setToolTip(tr("Stop comparing the two backups"));
    connect(m_cancel, &QAbstractButton::clicked, this, &BackupDiffDialog::cancel);
    auto *busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(progress);
    busyLayout->addWidget(busyText, 1);
    busyLayout->addWidget(m_cancel);

    // Left: the members.
    auto *left = new QWidget(this);
    m_filterEdit = new QLineEdit(left);
    m_filterEdit->setObjectName(QStringLiteral("diffFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Member name"));
    m_filterEdit->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Filter:"), left);
    filterLabel->setBuddy(m_filterEdit);
    m_changedOnly = new QCheckBox(tr("C&hanged only"), left);
    m_changedOnly->setObjectName(QStringLiteral("diffChangedOnly"));
    m_changedOnly->setToolTip(tr("Hide the members that are the same in both backups"));
    m_changedOnly->setChecked(true);
    m_filter->setSourceModel(m_members);
    m_filter->setChangedOnly(true);
    m_memberView = new QTreeView(left);
    m_memberView->setObjectName(QStringLiteral("diffMemberView"));
    m_memberView->setModel(m_filter);
    m_memberView->setRootIsDecorated(false);
    m_memberView->setUniformRowHeights(true);
    m_memberView->setAllColumnsShowFocus(true);
    m_memberView->setTextElideMode(Qt::ElideMiddle);
    m_memberView->header()->setStretchLastSection(false);
    m_memberView->header()->setSectionResizeMode(DiffMemberModel::NameColumn, QHeaderView::Stretch);
    m_memberView->header()->setSectionResizeMode(DiffMemberModel::StatusColumn,
                                                 QHeaderView::ResizeToContents);
    m_memberView->header()->setSectionResizeMode(DiffMemberModel::SizeColumn,
                                                 QHeaderView::ResizeToContents);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterEdit, 1);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_changedOnly);
    leftLayout->addWidget(m_memberView, 1);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setNameFilter(text);
        showCurrentMember();
    });
    connect(m_changedOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setChangedOnly(on);
        showCurrentMember();
    });
    connect(m_memberView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BackupDiffDialog::showCurrentMember);

    // Right: the selected member.
    auto *right = new QWidget(this);
    m_memberTitle = new QLabel(right);
    m_memberTitle->setObjectName(QStringLiteral("diffMemberTitle"));
    m_memberTitle->setTextFormat(Qt::PlainText);
    m_memberTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_memberTitle->setWordWrap(true);
    auto *unified = new QToolButton(right);
    unified->setText(tr("&Unified"));
    unified->setToolTip(tr("Removed and added lines one under the other, as in a patch"));
    m_unified = unified;
    auto *sideBySide = new QToolButton(right);
    sideBySide->setText(tr("Side &by side"));
    sideBySide->setToolTip(tr("The member before on the left, after on the right"));
    m_sideBySide = sideBySide;
    m_unified->setObjectName(QStringLiteral("diffUnifiedButton"));
    m_sideBySide->setObjectName(QStringLiteral("diffSideBySideButton"));
    for (QAbstractButton *b : {m_unified, m_sideBySide})
        b->setCheckable(true);
    auto *layoutGroup = new QButtonGroup(this);
    layoutGroup->setExclusive(true);
    layoutGroup->addButton(m_unified);
    layoutGroup->addButton(m_sideBySide);
    m_unified->setChecked(true);
    connect(m_sideBySide, &QAbstractButton::toggled, this, &BackupDiffDialog::setSideBySide);

    m_memberNote = new QLabel(right);
    m_memberNote->setObjectName(QStringLiteral("diffMemberNote"));
    m_memberNote->setTextFormat(Qt::PlainText);
    m_memberNote->setWordWrap(true);
    m_memberNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_memberNote->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_lineView = new QTableView(right);
    m_lineView->setObjectName(QStringLiteral("diffLineView"));
    m_lineView->setModel(m_lines);
    m_lineView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lineView->setShowGrid(false);
    m_lineView->setWordWrap(false);
    m_lineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lineView->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_lineView->verticalHeader()->hide();
    m_lineView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_lineView->verticalHeader()->setDefaultSectionSize(m_lineView->fontMetrics().height() + 4);
    m_lineView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_lineView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(m_lines, &QAbstractItemModel::modelReset, this, &BackupDiffDialog::fitTextColumns);
    m_lineView->viewport()->installEventFilter(this); // resized: text columns fill it again

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_memberTitle, 1);
    titleRow->addWidget(m_unified, 0, Qt::AlignTop);
    titleRow->addWidget(m_sideBySide, 0, Qt::AlignTop);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(titleRow);
    rightLayout->addWidget(m_memberNote);
    rightLayout->addWidget(m_lineView, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("diffSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_busyRow);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(buttons);

    connect(m_task, &DiffTask::finished, this, &BackupDiffDialog::onFinished);
    connect(m_task, &DiffTask::failed, this, &BackupDiffDialog::onFailed);

    QSize size(1000, 660);
    if (const QScreen *screen = parent ? parent->screen() : this->screen())
        size = size.boundedTo(screen->availableGeometry().size() - QSize(24, 48));
    resize(size);
    m_splitter->setSizes({size.width() * 2 / 5, size.width() * 3 / 5});
    setMinimumSize(QSize(640, 420).boundedTo(size));
    applyColors();
    showMember(nullptr);
    compare();
}

BackupDiffDialog::~BackupDiffDialog() = default; // DiffTask cancels and waits

QString BackupDiffDialog::describe(const BackupRecord &backup) const
{
    return tr("backup %1 (%2)").arg(backup.id).arg(Labels::dateTime(backup.createdAt));
}

void BackupDiffDialog::compare()
{
    m_message->dismiss();
    m_members->clear();
    m_summary->setText(tr("Comparing…"));
    showMember(nullptr);
    setBusy(true);
    m_task->start(m_older.path, m_newer.path, m_key.isNull() ? nullptr : &m_key);
}

void BackupDiffDialog::cancel()
{
    m_task->cancel();
}

bool BackupDiffDialog::isComparing() const
{
    return m_task->isRunning();
}

void BackupDiffDialog::setBusy(bool busy)
{
    m_busyRow->setVisible(busy);
    m_cancel->setEnabled(busy);
    m_splitter->setEnabled(!busy);
    if (busy)
        m_cancel->setFocus();
}

void BackupDiffDialog::onFinished(const ArchiveComparison &result)
{
    setBusy(false);
    m_members->setComparison(result);
    m_summary->setText(summaryOf(result));
    // The first member listed (the first change, with "Changed only").
    if (m_filter->rowCount() > 0)
        m_memberView->setCurrentIndex(m_filter->index(0, 0));
    showCurrentMember();
    m_memberView->setFocus();
    Q_EMIT comparisonEnded();
}

void BackupDiffDialog::onFailed(const QString &message)
{
    setBusy(false);
    if (m_task->failure() == ArchiveMembers::Failure::Cancelled) {
        m_summary->setText(tr("Comparison cancelled."));
        m_message->showMessage(MessageBar::Warning, tr("The comparison was cancelled."));
    } else {
        const BackupRecord &failed =
            m_task->failedSide() == ArchiveDiff::Side::Old ? m_older : m_newer;
        m_summary->setText(tr("The two backups could not be compared."));
        if (m_key.isNull() && isEncryptedFile(failed.path))
            m_message->showMessage(
                MessageBar::Error,
                tr("Backup %1 is encrypted and the vault key is not loaded on this machine. "
                   "Import the recovery key in Settings → Encryption… to open it.")
                    .arg(failed.id));
        else
            m_message->showMessage(MessageBar::Error,
                                   tr("Backup %1: %2").arg(failed.id).arg(message));
    }
    QPushButton *again = m_message->addButton(tr("Compare &again"));
    again->setObjectName(QStringLiteral("diffCompareAgainButton"));
    connect(again, &QPushButton::clicked, this, &BackupDiffDialog::compare);
    Q_EMIT comparisonEnded();
}

QString BackupDiffDialog::summary() const
{
    return m_summary->text();
}

QString BackupDiffDialog::summaryOf(const ArchiveComparison &result) const
{
    int changed = 0;
    int added = 0;
    int removed = 0;
    for (const MemberDiff &m : result.members) {
        changed += m.status == MemberStatus::Changed;
        added += m.status == MemberStatus::Added;
        removed += m.status == MemberStatus::Removed;
    }
    if (changed + added + removed == 0)
        return tr("No changes");
    // "3 members changed, 1 added, 2 removed": "member(s)" only in the first part.
    QStringList parts;
    if (changed > 0)
        parts << (changed == 1 ? tr("1 member changed") : tr("%L1 members changed").arg(changed));
    if (added > 0)
        parts << (!parts.isEmpty()
                      ? tr("%L1 added").arg(added)
                      : (added == 1 ? tr("1 member added") : tr("%L1 members added").arg(added)));
    if (removed > 0)
        parts << (!parts.isEmpty() ? tr("%L1 removed").arg(removed)
                                   : (removed == 1 ? tr("1 member removed")
                                                   : tr("%L1 members removed").arg(removed)));
    return parts.join(tr(", ", "between the parts of the summary"));
}

bool BackupDiffDialog::selectMember(const QString &name)
{
    const int row = m_members->rowOf(name);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_members->index(row, 0));
    if (!index.isValid())
        return false;
    m_memberView->setCurrentIndex(index);
    showCurrentMember();
    return true;
}

void BackupDiffDialog::setSideBySide(bool sideBySide)
{
    if (m_sideBySide->isChecked() != sideBySide)
        (sideBySide ? m_sideBySide : m_unified)->setChecked(true);
    m_lines->setLayout(sideBySide ? DiffLinesModel::Layout::SideBySide
                                  : DiffLinesModel::Layout::Unified);
}

void BackupDiffDialog::showCurrentMember()
{
    QModelIndex current = m_memberView->currentIndex();
    if (!current.isValid() && m_filter->rowCount() > 0) {
        current = m_filter->index(0, 0);
        m_memberView->setCurrentIndex(current);
    }
    showMember(current.isValid() ? m_members->member(m_filter->mapToSource(current).row())
                                 : nullptr);
}

void BackupDiffDialog::showMember(const MemberDiff *m)
{
    m_lines->setHunks({});
    m_lineView->hide();
    m_unified->setEnabled(false);
    m_sideBySide->setEnabled(false);
    if (!m) {
        m_memberTitle->clear();
        QString note;
        if (!isComparing() && m_members->rowCount() > 0)
            note = m_filter->rowCount() == 0 && m_filter->changedOnly() &&
                           m_filterEdit->text().isEmpty()
                       ? tr("No member differs. Clear \"Changed only\" to list them all.")
                       : tr("No member matches the filter.");
        m_memberNote->setText(note);
        m_memberNote->setVisible(!note.isEmpty());
        return;
    }
    const QString name = PrintableText::escape(m->name);
    m_memberTitle->setText(
        tr("%1 — %2").arg(name, DiffMemberModel::statusText(m->status).toLower()));

    const auto hashLine = [](const QString &label, qint64 size, const QByteArray &sha256) {
        if (size < 0)
            return tr("%1: not in this backup").arg(label);
        return tr("%1: %2 (%L3 bytes), SHA-256 %4")
            .arg(label, Labels::size(size))
            .arg(size)
            .arg(QString::fromLatin1(sha256.toHex()));
    };
    QString note;
    bool lines = false;
    if (m->status == MemberStatus::Ignored) {
        note = tr("Not compared: this member changes on every backup by nature.");
    } else {
        switch (m->content) {
        case MemberDiff::Content::Binary:
            note = tr("Binary member, compared by size and SHA-256.") + QLatin1Char('\n') +
                   hashLine(tr("Before"), m->oldSize, m->oldSha256) + QLatin1Char('\n') +
                   hashLine(tr("After"), m->newSize, m->newSha256);
            break;
        case MemberDiff::Content::TextTooDifferent:
            note = tr("Member %1 changed, too different to show line by line (%2 bytes, now %3 "
                      "bytes).")
                       .arg(name)
                       .arg(m->oldSize)
                       .arg(m->newSize);
            break;
        case MemberDiff::Content::TextNotShown:
            note = tr("Member %1 changed; its lines are not shown, the diff is too long (%2 "
                      "bytes, now %3 bytes).")
                       .arg(name)
                       .arg(m->oldSize)
                       .arg(m->newSize);
            break;
        case MemberDiff::Content::Text:
            if (m->hunks.isEmpty())
                note = tr("No changes in this member.");
            lines = !m->hunks.isEmpty();
            break;
        }
    }
    m_memberNote->setText(note);
    m_memberNote->setVisible(!note.isEmpty());
    if (lines) {
        m_lines->setHunks(m->hunks);
        m_lineView->show();
        m_unified->setEnabled(true);
        m_sideBySide->setEnabled(true);
        m_lineView->scrollToTop();
    }
}

void BackupDiffDialog::fitTextColumns()
{
    const QFontMetrics fm(m_lineView->font());
    const int numberWidth = fm.horizontalAdvance(QStringLiteral("00000")) + 12;
    const QList<int> text = m_lines->textColumns();
    int available = m_lineView->viewport()->width();
    for (int c = 0; c < m_lines->columnCount(); ++c) {
        if (!text.contains(c)) {
            const QString header = m_lines->headerData(c, Qt::Horizontal).toString();
            const int width =
                qMax(numberWidth,
                     m_lineView->horizontalHeader()->fontMetrics().horizontalAdvance(header) + 16);
            m_lineView->setColumnWidth(c, width);
            available -= width;
        }
    }
    // Unified: as wide as the longest line (scrolling sideways). Side by side: both halves in
    // view, longer lines elided (their tooltip has them whole).
    const int share = qMax(80, available / int(text.size()));
    const int needed = fm.horizontalAdvance(QLatin1Char('M')) * m_lines->longestLine() + 16;
    const bool unified = m_lines->layout() == DiffLinesModel::Layout::Unified;
    for (int c : text)
        m_lineView->setColumnWidth(c, unified ? qMax(share, needed) : share);
}

void BackupDiffDialog::applyColors()
{
    const QPalette palette = m_lineView->palette();
    m_lines->setColors(DiffColors::addedBackground(palette), DiffColors::removedBackground(palette),
                       DiffColors::hunkBackground(palette));
}

bool BackupDiffDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_lineView->viewport() && event->type() == QEvent::Resize)
        fitTextColumns();
    return QDialog::eventFilter(watched, event);
}

void BackupDiffDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

} // namespace pbxvault
