#pragma once

#include "Records.h"

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
    // Members changed since the previous backup: "3 changed", "No changes"; noValue() when not
    // known (count < 0).
    static QString changes(int count);

    // "12.4 MB"; decimal units as file managers show them. The one size format of the window
    // and the command line, in QLocale()'s notation (the UI language's: "12,4 MB" in Italian).
    static QString size(qint64 bytes);
    // "12.4 MB of 40.0 MB", or "12.4 MB" when the total is unknown (< 0).
    static QString sizeProgress(qint64 done, qint64 total);
    static QString speed(double bytesPerSecond);
    // Local time in the short format of QLocale() (the UI language's: "1/12/26 13:05" in
    // Italian, "12/1/26 1:05 PM" in US English); "—" for an invalid time. The one date format
    // of tables, previews and the command line's human output (its JSON keeps ISO 8601 UTC).
    static QString dateTime(const QDateTime &utc);
    static QString duration(qint64 seconds);
    static QString noValue(); // placeholder for an empty cell
};

} // namespace pbxvault
