#include "BackupsPage.h"

#include "BackupDetailView.h"
#include "BackupTableModel.h"
#include "BackupsView.h"
#include "Icons.h"
#include "MessageBar.h"
#include "PbxDialog.h"
#include "ops/Operations.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace pbxvault {

BackupsFirstRun::BackupsFirstRun(QWidget *parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_text(new QLabel(this)),
      m_action(new QPushButton(this)), m_import(new QPushButton(tr("&Import a backup file…"), this))
{
    setObjectName(QStringLiteral("backupsFirstRun"));
    m_heading->setObjectName(QStringLiteral("firstRunHeading"));
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_heading->setFont(big);
    m_heading->setAlignment(Qt::AlignCenter);
    m_heading->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("firstRunText"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_action->setObjectName(QStringLiteral("firstRunButton"));
    m_action->setIconSize(QSize(20, 20));
    m_action->setDefault(true);
    m_import->setObjectName(QStringLiteral("firstRunImportButton"));
    m_import->setFlat(true);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_action);
    buttons->addWidget(m_import);
    buttons->addStretch(1);
    // A column of readable width in the middle; its labels wrap inside it.
    auto *column = new QWidget(this);
    column->setMaximumWidth(m_text->fontMetrics().averageCharWidth() * 72);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(m_heading);
    columnLayout->addWidget(m_text);
    columnLayout->addSpacing(12);
    columnLayout->addLayout(buttons);
    auto *middle = new QHBoxLayout;
    middle->addStretch(1);
    middle->addWidget(column, 4);
    middle->addStretch(1);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(middle);
    layout->addStretch(3);

    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_step == Step::AddPbx)
            Q_EMIT addPbxRequested();
        else if (m_step == Step::FirstBackup)
            Q_EMIT firstBackupRequested();
    });
    connect(m_import, &QPushButton::clicked, this, &BackupsFirstRun::importRequested);
}

void BackupsFirstRun::setStep(Step step, const QString &pbxName)
{
    m_step = step;
    switch (step) {
    case Step::None:
        return;
    case Step::AddPbx:
        m_heading->setText(tr("Add your first PBX"));
        m_text->setText(tr("PBX Vault backs up KalliopePBX systems. Tell it the address of "
                           "your PBX and an administrator login; the password is kept in the "
                           "system keychain. You can test the connection before saving."));
        m_action->setIcon(Icons::add());
        m_action->setText(tr("&New PBX…"));
        m_import->hide(); // every backup belongs to a PBX
        break;
    case Step::FirstBackup:
        m_heading->setText(tr("No backups yet"));
        m_text->setText(tr("%1 is ready. Take its first backup now, or import a backup file "
                           "you already have.")
                            .arg(pbxName));
        m_action->setIcon(Icons::backups());
        m_action->setText(tr("&Back up %1 now").arg(pbxName));
        m_import->show();
        break;
    }
}

BackupsPage::BackupsPage(Operations &ops, QWidget *parent)
    : QStackedWidget(parent), m_ops(ops), m_list(new BackupsView(ops, this)),
      m_detail(new BackupDetailView(ops, this)), m_firstRun(new BackupsFirstRun(m_list))
{
    setObjectName(QStringLiteral("backupsPage"));
    addWidget(m_list);
    addWidget(m_detail);
    // The guide lies over the table area of the list: the list's own buttons and messages
    // (why a first backup failed) stay in view above it.
    m_firstRun->hide();
    m_list->installEventFilter(this);
    m_list->table()->installEventFilter(this);
    if (auto *empty = m_list->findChild<QWidget *>(QStringLiteral("backupsEmpty")))
        empty->installEventFilter(this);
    connect(m_list, &BackupsView::openBackup, this, &BackupsPage::showDetail);
    connect(m_list, &BackupsView::showPbxsRequested, this, &BackupsPage::showPbxsRequested);
    connect(m_detail, &BackupDetailView::backRequested, this, &BackupsPage::showList);
    connect(m_detail, &BackupDetailView::showRestoresRequested, this,
            &BackupsPage::showRestoresRequested);
    connect(m_detail, &BackupDetailView::deleted, this,
            [this](const QString &fileName, const QStringList &warnings) {
                QString text = tr("Backup %1 deleted.").arg(fileName);
                for (const QString &w : warnings)
                    text += QLatin1Char('\n') + w;
                m_list->messageBar()->showMessage(
                    warnings.isEmpty() ? MessageBar::Success : MessageBar::Warning, text);
            });

    connect(m_firstRun, &BackupsFirstRun::addPbxRequested, this, &BackupsPage::openNewPbxDialog);
    connect(m_firstRun, &BackupsFirstRun::firstBackupRequested, this, [this] {
        const qint64 pbxId = firstBackupPbx(nullptr);
        if (pbxId)
            m_list->backUpPbx(pbxId);
        updateFirstRun();
    });
    connect(m_firstRun, &BackupsFirstRun::importRequested, this, [this] {
        if (auto *import = m_list->findChild<QToolButton *>(QStringLiteral("importBackupButton")))
            import->click();
    });
    // Whatever can make the list non-empty (or empty again).
    connect(&m_ops, &Operations::pbxsChanged, this, &BackupsPage::updateFirstRun);
    connect(&m_ops, &Operations::backupsChanged, this, &BackupsPage::updateFirstRun);
    QAbstractItemModel *model = m_list->model();
    connect(model, &QAbstractItemModel::modelReset, this, &BackupsPage::updateFirstRun);
    connect(model, &QAbstractItemModel::rowsInserted, this, &BackupsPage::updateFirstRun);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &BackupsPage::updateFirstRun);
    updateFirstRun();
}

qint64 BackupsPage::firstBackupPbx(QString *name) const
{
    // pbxs() lists the master first.
    const QVector<PbxRecord> pbxs = m_ops.vault().catalog().pbxs();
    for (const PbxRecord &pbx : pbxs) {
        if (pbx.enabled) {
            if (name)
                *name = pbx.name;
            return pbx.id;
        }
    }
    return 0;
}

void BackupsPage::updateFirstRun()
{
    Catalog &catalog = m_ops.vault().catalog();
    BackupsFirstRun::Step step = BackupsFirstRun::Step::None;
    QString name;
    // A running backup is a row of the list.
    const bool listBusy = m_list->model()->rowCount() > 0;
    if (!listBusy && catalog.backupCount() == 0) {
        if (catalog.pbxs().isEmpty())
            step = BackupsFirstRun::Step::AddPbx;
        else if (firstBackupPbx(&name))
            step = BackupsFirstRun::Step::FirstBackup;
    }
    m_firstRun->setStep(step, name);
    m_firstRun->setVisible(step != BackupsFirstRun::Step::None);
    placeFirstRun();
}

void BackupsPage::placeFirstRun()
{
    if (m_firstRun->isHidden())
        return;
    QWidget *area = m_list->table();
    if (area->isHidden())
        area = m_list->findChild<QWidget *>(QStringLiteral("backupsEmpty"));
    if (!area)
        return;
    m_firstRun->setGeometry(area->geometry());
    m_firstRun->raise();
}

bool BackupsPage::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::Show:
    case QEvent::Hide:
        placeFirstRun();
        break;
    default:
        break;
    }
    return QStackedWidget::eventFilter(watched, event);
}

void BackupsPage::openNewPbxDialog()
{
    auto *dialog = new PbxDialog(m_ops, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PbxDialog::saved, this, &BackupsPage::pbxAdded);
    dialog->open();
}

void BackupsPage::showList()
{
    setCurrentWidget(m_list);
    updateFirstRun();
    if (m_firstRun->isHidden())
        m_list->table()->setFocus();
    else
        m_firstRun->actionButton()->setFocus();
}

void BackupsPage::showDetail(qint64 backupId)
{
    m_detail->showBackup(backupId);
    if (m_detail->backupId() == backupId)
        setCurrentWidget(m_detail);
}

} // namespace pbxvault
