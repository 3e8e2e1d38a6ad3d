#pragma once

#include "common/Records.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace pbxvault {

// Operator-facing, translated names and formats for catalog values.
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)
public:
    static QString role(PbxRole role);
    static QString origin(BackupOrigin origin);
    static QString verifyState(VerifyState state);
    static QString restoreOutcome(RestoreOutcome outcome);
    static QString jobKind(JobKind kind);
    static QString jobTrigger(JobTrigger trigger);
    static QString jobOutcome(JobOutcome outcome);

    // "12.4 MB"; decimal units as file managers show them.
    static QString size(qint64 bytes);
    // "12.4 MB of 40.0 MB", or "12.4 MB" when the total is unknown (< 0).
    static QString sizeProgress(qint64 done, qint64 total);
    static QString speed(double bytesPerSecond);
    // Local time, short and unambiguous; "—" for an invalid time.
    static QString dateTime(const QDateTime &utc);
    static QString duration(qint64 seconds);
    static QString noValue(); // placeholder for an empty cell
};

} // namespace pbxvault
