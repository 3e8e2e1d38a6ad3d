#include "PbxsView.h"

#include "CertificatePrompt.h"
#include "Icons.h"
#include "MessageBar.h"
#include "PbxDialog.h"
#include "PbxTreeModel.h"
#include "RemovePbxDialog.h"
#include "ViewTitle.h"
#include "ops/Operations.h"
#include "schedule/CronExpression.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
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
      m_backup(new QPushButton(tr("Back up now"), this))
{
    setObjectName(QStringLiteral("pbxsView"));
    m_new->setObjectName(QStringLiteral("newPbxButton"));
    m_edit->setObjectName(QStringLiteral("editPbxButton"));
    m_remove->setObjectName(QStringLiteral("removePbxButton"));
    m_test->setObjectName(QStringLiteral("testPbxButton"));
    m_backup->setObjectName(QStringLiteral("backupPbxButton"));

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
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->entryAt(index))
            openEditDialog();
    });

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
    actions->addStretch(1);
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
    connect(m_backup, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedPbxId())
            Q_EMIT backupRequested(id);
    });
    connect(&m_ops, &Operations::pbxsChanged, this, &PbxsView::refresh);
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
        entries.append(entry);
    }
    m_model->setEntries(entries);
    if (selected)
        selectPbx(selected);
    updateButtons();
}

void PbxsView::updateButtons()
{
    const auto *entry = m_model->entryAt(m_tree->currentIndex());
    m_edit->setEnabled(entry);
    m_remove->setEnabled(entry);
    m_test->setEnabled(entry);
    m_backup->setEnabled(entry && entry->pbx.enabled);
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
    if (!id)
        return;
    const auto pbx = m_ops.vault().catalog().pbx(id);
    m_message->showMessage(MessageBar::Info,
                           tr("Connecting to %1…").arg(pbx ? pbx->name : QString()));
    m_test->setEnabled(false);
    Job *job = m_ops.testConnection(id);
    connect(job, &Job::finished, this, [this, job, id] { onTestFinished(job, id); });
}

void PbxsView::onTestFinished(Job *job, qint64 pbxId)
{
    job->deleteLater();
    updateButtons();
    const auto pbx = m_ops.vault().catalog().pbx(pbxId);
    if (!pbx)
        return;
    if (job->ok()) {
        m_message->showMessage(MessageBar::Success,
                               tr("%1 answered: firmware %2.").arg(pbx->name, job->firmware()));
        return;
    }
    m_message->showMessage(MessageBar::Error, tr("%1: %2").arg(pbx->name, job->errorMessage()));
    const PbxError &error = job->pbxError();
    if ((error.kind != PbxErrorKind::TlsUntrusted && error.kind != PbxErrorKind::TlsChanged) ||
        error.presentedFingerprint.isEmpty())
        return;
    const QString pinned =
        error.kind == PbxErrorKind::TlsChanged
            ? (error.pinnedFingerprint.isEmpty() ? pbx->fingerprint : error.pinnedFingerprint)
            : QString();
    auto *prompt =
        new CertificatePrompt(pbx->name, pbx->url.host(), error.presentedFingerprint, pinned, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    const QString presented = error.presentedFingerprint;
    connect(prompt, &QDialog::accepted, this, [this, pbxId, presented] {
        QString problem;
        if (!m_ops.trustFingerprint(pbxId, presented, &problem)) {
            m_message->showMessage(MessageBar::Error, problem);
            return;
        }
        selectPbx(pbxId);
        testSelected();
    });
    prompt->open();
}

} // namespace pbxvault
