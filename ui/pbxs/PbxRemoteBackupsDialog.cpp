#include "PbxRemoteBackupsDialog.h"

#include "catalog/Catalog.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
}

PbxRemoteBackupsDialog::PbxRemoteBackupsDialog(Operations &ops, qint64 pbxId, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_pbxId(pbxId), m_intro(new QLabel(this)),
      m_list(new QTreeWidget(this)), m_status(new QLabel(this)), m_error(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_fetch(new QPushButton(tr("&Fetch"), this)),
      m_fetchAll(new QPushButton(tr("Fetch &all missing"), this)),
      m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("pbxRemoteBackupsDialog"));
    const std::optional<PbxRecord> pbx = ops.vault().catalog().pbx(pbxId);
    m_pbxName = pbx ? pbx->name : QString();
    setWindowTitle(tr("Backups kept by %1").arg(m_pbxName));

    m_intro->setText(tr("The PBX keeps backups of its own. Fetching one downloads it into the "
                        "vault, verifies it and lists it as fetched from the PBX; nothing "
                        "changes on the PBX."));
    m_intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("remoteBackupsList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Name on the PBX"), tr("In the vault")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(0, Qt::AscendingOrder);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_status->setObjectName(QStringLiteral("remoteBackupsStatus"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("remoteBackupsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color:#c62828;"));
    m_error->hide();
    m_progress->setObjectName(QStringLiteral("remoteBackupsProgress"));
    m_progress->hide();
    m_refresh->setObjectName(QStringLiteral("refreshRemoteButton"));
    m_fetch->setObjectName(QStringLiteral("fetchRemoteButton"));
    m_fetch->setToolTip(tr("Download the selected backups into the vault"));
    m_fetchAll->setObjectName(QStringLiteral("fetchAllMissingButton"));
    m_fetchAll->setToolTip(tr("Download every backup of the PBX the vault does not hold yet"));
    m_close->setObjectName(QStringLiteral("closeRemoteButton"));
    for (QPushButton *b : {m_refresh, m_fetch, m_fetchAll})
        b->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_fetch);
    buttons->addWidget(m_fetchAll);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    resize(640, 420);

    connect(m_refresh, &QPushButton::clicked, this, &PbxRemoteBackupsDialog::refresh);
    connect(m_fetch, &QPushButton::clicked, this, &PbxRemoteBackupsDialog::fetchSelected);
    connect(m_fetchAll, &QPushButton::clicked, this, &PbxRemoteBackupsDialog::fetchAllMissing);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            &PbxRemoteBackupsDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &PbxRemoteBackupsDialog::fetchSelected);
    refresh();
}

PbxRemoteBackupsDialog::~PbxRemoteBackupsDialog()
{
    if (m_job) {
        // Nobody reads it any more: it goes once it has stopped.
        connect(m_job, &Job::finished, m_job, &QObject::deleteLater);
        m_job->cancel();
    }
}

void PbxRemoteBackupsDialog::reject()
{
    m_queue.clear();
    if (m_job)
        m_job->cancel();
    QDialog::reject();
}

void PbxRemoteBackupsDialog::refresh()
{
    if (m_job)
        return;
    m_error->hide();
    m_status->setText(tr("Asking %1 for the backups it keeps…").arg(m_pbxName));
    watch(m_ops.remoteBackupsWithStatus(m_pbxId));
}

void PbxRemoteBackupsDialog::fetchSelected()
{
    if (m_job)
        return;
    m_queue.clear();
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    for (const QTreeWidgetItem *item : selected) {
        const RemoteBackup &remote = m_rows.at(item->data(0, kIndexRole).toInt());
        if (!remote.inVault())
            m_queue.append(remote.name);
    }
    if (m_queue.isEmpty())
        return;
    m_errors.clear();
    m_error->hide();
    m_queueTotal = int(m_queue.size());
    m_fetched = 0;
    fetchNextQueued();
}

void PbxRemoteBackupsDialog::fetchNextQueued()
{
    const QString name = m_queue.takeFirst();
    const int number = m_queueTotal - int(m_queue.size());
    m_status->setText(m_queueTotal > 1 ? tr("Fetching %1 of %2: %3")
                                             .arg(number)
                                             .arg(m_queueTotal)
                                             .arg(Operations::displayName(name))
                                       : tr("Fetching %1…").arg(Operations::displayName(name)));
    watch(m_ops.fetchRemoteBackup(m_pbxId, name));
}

void PbxRemoteBackupsDialog::fetchAllMissing()
{
    if (m_job)
        return;
    m_queue.clear();
    m_errors.clear();
    m_error->hide();
    m_status->setText(tr("Fetching every backup the vault does not hold…"));
    watch(m_ops.fetchAllMissing(m_pbxId));
}

void PbxRemoteBackupsDialog::watch(Job *job)
{
    m_job = job;
    const bool transfer = job->kind() == JobKind::Fetch;
    m_progress->setVisible(transfer);
    m_progress->setRange(0, 0); // busy until the first progress report
    connect(job, &Job::progress, this, [this](qint64 done, qint64 total) {
        // Bytes for one fetch, backups for a run of them: either way a share of the whole.
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(done * 1000 / total));
        }
    });
    connect(job, &Job::stageChanged, this, [this](const QString &stage) {
        if (m_job && m_job->kind() == JobKind::Fetch && m_queue.isEmpty() && m_queueTotal <= 1)
            m_status->setText(stage);
    });
    connect(job, &Job::finished, this, [this, job] { onFinished(job); });
    updateButtons();
}

void PbxRemoteBackupsDialog::onFinished(Job *job)
{
    job->deleteLater();
    m_job.clear();
    m_progress->hide();
    if (job->kind() != JobKind::Fetch) { // the listing
        if (job->ok()) {
            showList(job->remoteBackups());
        } else {
            m_status->clear();
            showError(job->errorMessage());
        }
        updateButtons();
        Q_EMIT idle();
        return;
    }
    // A run of fetches may have fetched some even when it failed.
    if (job->backupId() > 0)
        ++m_fetched;
    for (const RemoteBackup &remote : job->remoteBackups())
        m_fetched += remote.inVault() ? 1 : 0;
    if (job->wasCancelled() || job->error() == JobError::Cancelled) {
        m_queue.clear();
    } else if (!job->ok()) {
        if (job->warnings().isEmpty())
            m_errors.append(job->errorMessage());
        else
            m_errors.append(job->warnings()); // one line per backup that failed
    }
    if (!m_queue.isEmpty()) {
        fetchNextQueued();
        return;
    }
    m_queueTotal = 0;
    if (!m_errors.isEmpty())
        showError(m_errors.join(QLatin1Char('\n')));
    // The listing after a fetch says what the vault holds now.
    m_status->setText(tr("Asking %1 for the backups it keeps…").arg(m_pbxName));
    watch(m_ops.remoteBackupsWithStatus(m_pbxId));
}

void PbxRemoteBackupsDialog::showList(const QVector<RemoteBackup> &rows)
{
    m_rows = rows;
    QStringList selected;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        selected.append(item->text(0));
    m_list->setSortingEnabled(false);
    m_list->clear();
    int missing = 0;
    for (int i = 0; i < rows.size(); ++i) {
        const RemoteBackup &remote = rows.at(i);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, remote.displayName);
        item->setToolTip(0, remote.displayName);
        item->setText(1, remote.inVault() ? tr("Yes") : tr("No"));
        item->setData(0, kIndexRole, i);
        item->setSelected(selected.contains(remote.displayName));
        if (!remote.inVault())
            ++missing;
    }
    m_list->setSortingEnabled(true);
    if (rows.isEmpty())
        m_status->setText(tr("%1 keeps no backups of its own.").arg(m_pbxName));
    else if (missing == 0)
        m_status->setText(
            tr("%n backup(s) on the PBX, all in the vault.", nullptr, int(rows.size())));
    else
        m_status->setText(
            tr("%n backup(s) on the PBX, %1 not in the vault.", nullptr, int(rows.size()))
                .arg(missing));
    if (m_fetched > 0) {
        m_status->setText(tr("Fetched %n backup(s).", nullptr, m_fetched) + QLatin1Char(' ') +
                          m_status->text());
        m_fetched = 0;
    }
}

void PbxRemoteBackupsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void PbxRemoteBackupsDialog::updateButtons()
{
    const bool busy = !m_job.isNull();
    bool anyMissing = false;
    for (const RemoteBackup &remote : m_rows)
        anyMissing = anyMissing || !remote.inVault();
    bool selectedMissing = false;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        selectedMissing =
            selectedMissing || !m_rows.at(item->data(0, kIndexRole).toInt()).inVault();
    m_refresh->setEnabled(!busy);
    m_fetch->setEnabled(!busy && selectedMissing);
    m_fetchAll->setEnabled(!busy && anyMissing);
    m_list->setEnabled(!busy || m_job->kind() == JobKind::Fetch);
}

} // namespace pbxvault
