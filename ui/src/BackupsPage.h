#pragma once

#include <QStackedWidget>

namespace pbxvault {

class BackupDetailView;
class BackupsView;
class Operations;

// The "Backups" navigation entry: the list, and the detail of the backup clicked in it.
class BackupsPage : public QStackedWidget
{
    Q_OBJECT
public:
    explicit BackupsPage(Operations &ops, QWidget *parent = nullptr);

    BackupsView *list() const { return m_list; }
    BackupDetailView *detail() const { return m_detail; }
    void showList();
    void showDetail(qint64 backupId);

Q_SIGNALS:
    void showRestoresRequested();
    void showPbxsRequested();

private:
    BackupsView *m_list;
    BackupDetailView *m_detail;
};

} // namespace pbxvault
