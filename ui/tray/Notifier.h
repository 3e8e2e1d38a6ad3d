#pragma once

#include "common/Records.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QSystemTrayIcon>
#include <QVector>

namespace pbxvault {

class AppSettings;
class SchedulerService;
class TrayController;

// Desktop notifications of the scheduler's outcomes, through the tray icon: every failure
// (kept on screen until dismissed where the platform allows), successes when the user asked
// for them, and the overdue warning. Each one is also logged and kept in notices().
class Notifier : public QObject
{
    Q_OBJECT
public:
    struct Notice
    {
        QDateTime atUtc;
        QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
        qint64 pbxId = 0;
        QString title;
        QString text;
    };

    // 0: the message stays until dismissed (desktop notifications and Qt's balloon); systems
    // that always time messages out ignore it.
    static constexpr int kStickyMs = 0;
    static constexpr int kInfoMs = 10 * 1000;
    static constexpr int kHistory = 100;

    // tray may be null (no system tray): notices are then only logged and kept.
    Notifier(SchedulerService &scheduler, AppSettings &settings, TrayController *tray,
             QObject *parent = nullptr);

    QVector<Notice> notices() const { return m_notices; } // oldest first

    void onJobFinished(qint64 pbxId, const QString &pbxName, pbxvault::JobTrigger trigger, bool ok,
                       const QString &message);
    void onOverdue(qint64 pbxId, const QString &pbxName, const QDateTime &lastSuccessUtc);
    // A good backup whose off-site copy failed: a failure of the protection, told like one.
    void onCopyFailed(qint64 pbxId, const QString &pbxName, int failed, const QString &message);

Q_SIGNALS:
    void notified(QSystemTrayIcon::MessageIcon icon, const QString &title, const QString &text);

private:
    void notify(qint64 pbxId, QSystemTrayIcon::MessageIcon icon, const QString &title,
                const QString &text, int msecs);

    AppSettings &m_settings;
    TrayController *m_tray;
    QVector<Notice> m_notices;
    QSet<qint64> m_overdueTold; // until the PBX's next success
    QHash<qint64, QPair<int, QString>> m_copyFailures;
};

} // namespace pbxvault
