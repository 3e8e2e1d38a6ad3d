#include "PbxsView.h"

#include "CertificateReview.h"
#include "HistoryDetailDialog.h"
#include "HooksDialog.h"
#include "Icons.h"
#include "MessageBar.h"
#include "PbxDialog.h"
#include "PbxRemoteBackupsDialog.h"
#include "PbxTreeModel.h"
#include "PendingRetries.h"
#include "RemovePbxDialog.h"
#include "ViewTitle.h"
#include "common/AppSettings.h"
#include "common/Labels.h"
#include "ops/Operations.h"
#include "schedule/CronExpression.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTimeZone>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace pbxvault {

PbxsView::PbxsView(Operations &ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_model(new PbxTreeModel(this)), m_tree(new QTreeView(this)),
      m_message(new MessageBar(this)), m_new(new QPushButton(Icons::add(), tr("New PBX"), this)),
      m_edit(new QPushButton(tr("Edit…"), this)), m_remove(new QPushButton(tr("Remove…"), this)),
      m_test(new QPushButton(tr("Test connection"), this)),
      m_backup(new QPushButton(tr("Back up now"), this)),
      m_review(new QPushButton(Icons::warning(), tr("Review certificate…"), this)),
      m_details(new QPushButton(tr("Failure details…"), this)),
      m_ownBackups(new QPushButton(tr("PBX's &own backups…"), this))
{
    setObjectName(QStringLiteral("pbxsView"));
    m_new->setObjectName(QStringLiteral("newPbxButton"));
    m_edit->setObjectName(QStringLiteral("editPbxButton"));
    m_remove->setObjectName(QStringLiteral("removePbxButton"));
    m_test->setObjectName(QStringLiteral("testPbxButton"));
    m_backup->setObjectName(QStringLiteral("backupPbxButton"));
    m_review->setObjectName(QStringLiteral("reviewCertificateButton"));
    m_review->setToolTip(tr("Compare the certificate this PBX presents with the one in its web "
                            "interface, and trust it"));
    m_review->hide();
    m_ownBackups->setObjectName(QStringLiteral("ownBackupsButton"));
    m_ownBackups->setToolTip(
        tr("The backups this PBX keeps of its own; fetch them into the vault"));
    m_details->setObjectName(QStringLiteral("failureDetailsButton"));
    m_details->setToolTip(tr("The full message of this PBX's last failed backup"));

    m_tree->setObjectName(QStringLiteral("pbxTree"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setStyleSheet(QStringLiteral("QTreeView#pbxTree::item{padding:4px 2px;}"));
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(PbxTreeModel::UrlColumn, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const int date = fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88 88:88")) + 48;
    m_tree->setColumnWidth(PbxTreeModel::NameColumn, em * 13);
    m_tree->setColumnWidth(PbxTreeModel::TenantColumn, em * 6);
    m_tree->setColumnWidth(PbxTreeModel::ScheduleColumn, em * 17);
    m_tree->setColumnWidth(PbxTreeModel::LastSuccessColumn, date);
    m_tree->setColumnWidth(PbxTreeModel::LastFailureColumn, date);
    m_tree->setColumnWidth(PbxTreeModel::NextRunColumn, date - 24);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int g = 0; g < PbxTreeModel::GroupCount; ++g)
            m_tree->setFirstColumnSpanned(g, QModelIndex(), true);
        m_tree->expandAll();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PbxsView::updateButtons);
    // Double-click or Enter: the last failure's full text on that cell, otherwise Edit.
    connect(m_tree, &QTreeView::activated, this, &PbxsView::onActivated);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &PbxsView::showContextMenu);

    auto *hint = new QLabel(tr("“Back up now” in Backups backs up the master PBX. Secondary "
                               "PBXs are where a backup can also be restored; each PBX can "
                               "have its own automatic backups."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#5f6368;"));

    auto *top = new QHBoxLayout;
    top->addWidget(new ViewTitle(tr("PBXs"), this));
    top->addStretch(1);
    top->addWidget(m_new);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_edit);
    actions->addWidget(m_remove);
    actions->addWidget(m_details);
    actions->addWidget(m_ownBackups);
    actions->addStretch(1);
    actions->addWidget(m_review);
    actions->addWidget(m_test);
    actions->addWidget(m_backup);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_tree, 1);
    layout->addLayout(actions);
    layout->addWidget(hint);

    connect(m_new, &QPushButton::clicked, this, &PbxsView::openNewPbxDialog);
    connect(m_edit, &QPushButton::clicked, this, &PbxsView::openEditDialog);
    connect(m_remove, &QPushButton::clicked, this, &PbxsView::openRemoveDialog);
    connect(m_test, &QPushButton::clicked, this, &PbxsView::testSelected);
    connect(m_review, &QPushButton::clicked, this, &PbxsView::reviewCertificate);
    connect(m_details, &QPushButton::clicked, this, &PbxsView::openFailureDetail);
    connect(m_ownBackups, &QPushButton::clicked, this, &PbxsView::openOwnBackups);
    connect(m_backup, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedPbxId())
            Q_EMIT backupRequested(id);
    });
    connect(&m_ops, &Operations::pbxsChanged, this, &PbxsView::refresh);
    // What an earlier "PBX added" or "answered" said may no longer hold.
    connect(&m_ops, &Operations::pbxsChanged, m_message, &MessageBar::dismissTransient);
    connect(&m_ops, &Operations::jobStarted, this, &PbxsView::watchJob);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!m_refreshing)
            m_message->dismissTransient();
    });
    connect(&m_ops, &Operations::jobLogChanged, this, &PbxsView::refresh);
    // "Next run" moves on by itself.
    auto *minute = new QTimer(this);
    minute->setInterval(60 * 1000);
    connect(minute, &QTimer::timeout, this, &PbxsView::refresh);
    minute->start();
    refresh();
}

qint64 PbxsView::selectedPbxId() const
{
    const auto *entry = m_model->entryAt(m_tree->currentIndex());
    return entry ? entry->pbx.id : 0;
}

void PbxsView::selectPbx(qint64 pbxId)
{
    const QModelIndex index = m_model->indexOfPbx(pbxId);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    updateButtons();
}

void PbxsView::refresh()
{
    const qint64 selected = selectedPbxId();
    Catalog &catalog = m_ops.vault().catalog();
    const QDateTime now = m_ops.now();
    const QTimeZone zone = QTimeZone::systemTimeZone();
    QVector<PbxTreeModel::Entry> entries;
    const QVector<PbxRecord> pbxs = catalog.pbxs();
    for (const PbxRecord &pbx : pbxs) {
        PbxTreeModel::Entry entry;
        entry.pbx = pbx;
        if (pbx.schedule.isEmpty()) {
            entry.scheduleText = tr("Manual only");
        } else {
            const CronExpression cron = CronExpression::parse(pbx.schedule);
            entry.scheduleText = cron.isValid() ? cron.describe() : pbx.schedule;
            if (cron.isValid() && pbx.enabled)
                entry.nextRun = cron.nextAfter(now, zone);
        }
        if (const auto ok = catalog.lastJob(pbx.id, JobKind::Backup, JobOutcome::Success))
            entry.lastSuccess = ok->finishedAt.isValid() ? ok->finishedAt : ok->startedAt;
        if (const auto bad = catalog.lastJob(pbx.id, JobKind::Backup, JobOutcome::Failed)) {
            entry.lastFailure = bad->finishedAt.isValid() ? bad->finishedAt : bad->startedAt;
            entry.lastError = bad->error;
        }
        entry.certificateProblem = m_certificateProblems.contains(pbx.id);
        entries.append(entry);
    }
    m_refreshing = true;
    m_model->setEntries(entries);
    updateRetries();
    if (selected)
        selectPbx(selected);
    m_refreshing = false;
    updateButtons();
}

void PbxsView::updateButtons()
{
    const auto *entry = m_model->entryAt(m_tree->currentIndex());
    m_edit->setEnabled(entry);
    m_remove->setEnabled(entry);
    m_test->setEnabled(entry);
    m_backup->setEnabled(entry && entry->pbx.enabled);
    m_review->setVisible(entry && entry->certificateProblem);
    m_details->setEnabled(entry && !entry->lastError.isEmpty());
    m_ownBackups->setEnabled(entry && entry->pbx.enabled);
}

void PbxsView::onActivated(const QModelIndex &index)
{
    const auto *entry = m_model->entryAt(index);
    if (!entry)
        return;
    if (index.column() == PbxTreeModel::LastFailureColumn && !entry->lastError.isEmpty())
        openFailureDetail();
    else
        openEditDialog();
}

void PbxsView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    const auto *entry = m_model->entryAt(index);
    if (!entry)
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("&Edit…"), this, &PbxsView::openEditDialog);
    menu.addAction(tr("&Test connection"), this, &PbxsView::testSelected);
    if (entry->pbx.enabled)
        menu.addAction(tr("&Back up now"), m_backup, &QPushButton::click);
    if (entry->certificateProblem)
        menu.addAction(tr("Review &certificate…"), this, &PbxsView::reviewCertificate);
    if (!entry->lastError.isEmpty())
        menu.addAction(tr("&Failure details…"), this, &PbxsView::openFailureDetail);
    if (entry->pbx.enabled)
        menu.addAction(tr("PBX's &own backups…"), this, &PbxsView::openOwnBackups);
    if (m_hookSettings)
        menu.addAction(tr("&Hooks…"), this, &PbxsView::openHooksDialog);
    menu.addSeparator();
    menu.addAction(tr("&Remove…"), this, &PbxsView::openRemoveDialog);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void PbxsView::openHooksDialog()
{
    const std::optional<PbxRecord> pbx = m_ops.vault().catalog().pbx(selectedPbxId());
    if (!pbx || !m_hookSettings)
        return;
    auto *dialog = new HooksDialog(
        *m_hookSettings, AppSettings::hookScope(m_ops.vault().catalog().catalogId(), pbx->id),
        pbx->name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void PbxsView::openOwnBackups()
{
    const qint64 id = selectedPbxId();
    if (id <= 0)
        return;
    auto *dialog = new PbxRemoteBackupsDialog(m_ops, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void PbxsView::openFailureDetail()
{
    const auto *entry = m_model->entryAt(m_tree->currentIndex());
    if (!entry || entry->lastError.isEmpty())
        return;
    auto *dialog = new HistoryDetailDialog(tr("Last failure of %1").arg(entry->pbx.name), this);
    dialog->setObjectName(QStringLiteral("pbxFailureDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->addField(tr("PBX:"), entry->pbx.name, "failurePbx");
    dialog->addField(tr("Failed:"), Labels::dateTime(entry->lastFailure), "failureTime");
    if (entry->lastSuccess.isValid())
        dialog->addField(tr("Last success:"), Labels::dateTime(entry->lastSuccess),
                         "failureLastSuccess");
    dialog->setMessage(tr("Error:"), entry->lastError);
    if (entry->certificateProblem) {
        QPushButton *review =
            dialog->addLinkButton(tr("Review certificate…"), "reviewCertificateButton");
        connect(review, &QPushButton::clicked, this, [this, dialog] {
            dialog->accept();
            reviewCertificate();
        });
    }
    dialog->open();
}

void PbxsView::setPendingRetries(PendingRetries *retries)
{
    if (m_retries)
        disconnect(m_retries, nullptr, this, nullptr);
    m_retries = retries;
    if (m_retries)
        connect(m_retries, &PendingRetries::changed, this, &PbxsView::updateRetries);
    updateRetries();
}

void PbxsView::updateRetries()
{
    QHash<qint64, QString> texts;
    if (m_retries) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QVector<PendingRetries::Retry> retries = m_retries->retries();
        for (PendingRetries::Retry retry : retries) {
            retry.pbxName.clear(); // the row already names the PBX
            texts.insert(retry.pbxId, PendingRetries::describe(retry, now));
        }
    }
    m_model->setRetryTexts(texts);
    // A countdown is read whole: widen "Next run" for it.
    int wanted = 0;
    for (const QString &text : std::as_const(texts))
        wanted = qMax(wanted, m_tree->fontMetrics().horizontalAdvance(text) + 32);
    // Not at any price: the address stays readable, the tooltip has the whole countdown.
    wanted = qMin(wanted, m_tree->viewport()->width() / 4);
    if (wanted > m_tree->columnWidth(PbxTreeModel::NextRunColumn))
        m_tree->setColumnWidth(PbxTreeModel::NextRunColumn, wanted);
}

void PbxsView::watchJob(Job *job)
{
    if (job->kind() != JobKind::Backup)
        return;
    connect(job, &Job::finished, this, [this, job] {
        const qint64 pbxId = job->pbxId();
        if (job->ok()) {
            setCertificateProblem(pbxId, false);
            return;
        }
        if (!CertificateReview::isCertificateProblem(job->pbxError()))
            return;
        setCertificateProblem(pbxId, true);
        const auto pbx = m_ops.vault().catalog().pbx(pbxId);
        m_message->showMessage(MessageBar::Error,
                               tr("The backup of %1 failed: %2")
                                   .arg(pbx ? pbx->name : QString(), job->errorMessage()));
        CertificateReview::offerOn(m_message, m_ops, *job);
    });
}

void PbxsView::setCertificateProblem(qint64 pbxId, bool problem)
{
    if (m_certificateProblems.contains(pbxId) == problem)
        return;
    if (problem)
        m_certificateProblems.insert(pbxId);
    else
        m_certificateProblems.remove(pbxId);
    refresh();
}

void PbxsView::reviewCertificate()
{
    const qint64 id = selectedPbxId();
    const auto pbx = m_ops.vault().catalog().pbx(id);
    if (!pbx)
        return;
    m_message->showMessage(MessageBar::Busy, tr("Connecting to %1…").arg(pbx->name));
    m_review->setEnabled(false);
    CertificateReview *review = CertificateReview::start(m_ops, id, this);
    connect(review, &CertificateReview::finished, this, [this, id](bool ok, const QString &text) {
        m_review->setEnabled(true);
        if (ok)
            setCertificateProblem(id, false);
        m_message->showMessage(ok ? MessageBar::Success : MessageBar::Error, text);
    });
}

void PbxsView::openNewPbxDialog()
{
    auto *dialog = new PbxDialog(m_ops, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PbxDialog::saved, this, [this](qint64 id) {
        refresh();
        selectPbx(id);
        m_message->showMessage(MessageBar::Success, tr("PBX added."));
    });
    dialog->open();
}

void PbxsView::openEditDialog()
{
    const auto pbx = m_ops.vault().catalog().pbx(selectedPbxId());
    if (!pbx)
        return;
    auto *dialog = new PbxDialog(m_ops, *pbx, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PbxDialog::saved, this, [this](qint64 id) {
        refresh();
        selectPbx(id);
        m_message->showMessage(MessageBar::Success, tr("Changes saved."));
    });
    dialog->open();
}

void PbxsView::openRemoveDialog()
{
    const auto pbx = m_ops.vault().catalog().pbx(selectedPbxId());
    if (!pbx)
        return;
    auto *dialog = new RemovePbxDialog(m_ops, *pbx, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RemovePbxDialog::removed, this,
            [this](const QString &name, const QStringList &warnings) {
                QString text = tr("%1 removed.").arg(name);
                for (const QString &w : warnings)
                    text += QLatin1Char('\n') + w;
                m_message->showMessage(MessageBar::Success, text);
            });
    dialog->open();
}

void PbxsView::testSelected()
{
    const qint64 id = selectedPbxId();
    const auto pbx = m_ops.vault().catalog().pbx(id);
    if (!pbx)
        return;
    m_message->showMessage(MessageBar::Busy, tr("Connecting to %1…").arg(pbx->name));
    m_test->setEnabled(false);
    // The same flow as "Review certificate…": an untrusted certificate opens the prompt.
    CertificateReview *review = CertificateReview::start(m_ops, id, this);
    connect(review, &CertificateReview::finished, this, [this, id](bool ok, const QString &text) {
        updateButtons();
        if (ok)
            setCertificateProblem(id, false);
        m_message->showMessage(ok ? MessageBar::Success : MessageBar::Error, text);
    });
}

} // namespace pbxvault
