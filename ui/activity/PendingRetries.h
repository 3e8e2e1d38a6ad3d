#pragma once

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QString>

class QTimer;

namespace pbxvault {

class Catalog;
class Scheduler;

// Scheduled backups that failed for a passing reason and wait for their next attempt: which
// PBX, when, and which attempt of how many. While any waits it ticks every second so the
// status bar and the tray tooltip can count down.
class PendingRetries : public QObject
{
    Q_OBJECT
public:
    struct Retry
    {
        qint64 pbxId = 0;
        QString pbxName;
        int attempt = 0;     // the attempt that will run
        int maxAttempts = 0; // 0 when unknown
        QDateTime atUtc;
    };

    explicit PendingRetries(QObject *parent = nullptr);
    // Follows a scheduler: its retries, and the jobs that end them. Names come from catalog.
    void follow(Scheduler &scheduler, Catalog &catalog);

    void add(const Retry &retry);
    void remove(qint64 pbxId);
    QVector<Retry> retries() const; // soonest first
    bool isEmpty() const { return m_retries.isEmpty(); }

    // "Backup of NAME: retrying in N s (attempt 2 of 3)" for the soonest retry, "(+n more)"
    // when others wait; empty when none.
    QString summary(const QDateTime &nowUtc = QDateTime::currentDateTimeUtc()) const;
    static QString describe(const Retry &retry, const QDateTime &nowUtc);

Q_SIGNALS:
    void changed(); // a retry came or went, or a second passed while one waits

private:
    void updateTicking();

    QMap<qint64, Retry> m_retries;
    QTimer *m_tick;
};

} // namespace pbxvault
