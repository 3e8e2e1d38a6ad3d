#include "BackupsPage.h"

#include "BackupDetailView.h"
#include "BackupsView.h"
#include "MessageBar.h"

#include <QTableView>

namespace pbxvault {

BackupsPage::BackupsPage(Operations &ops, QWidget *parent)
    : QStackedWidget(parent), m_list(new BackupsView(ops, this)),
      m_detail(new BackupDetailView(ops, this))
{
    setObjectName(QStringLiteral("backupsPage"));
    addWidget(m_list);
    addWidget(m_detail);
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
}

void BackupsPage::showList()
{
    setCurrentWidget(m_list);
    m_list->table()->setFocus();
}

void BackupsPage::showDetail(qint64 backupId)
{
    m_detail->showBackup(backupId);
    if (m_detail->backupId() == backupId)
        setCurrentWidget(m_detail);
}

} // namespace pbxvault
