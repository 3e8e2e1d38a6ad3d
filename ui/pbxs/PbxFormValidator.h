#pragma once

#include "common/Records.h"

#include <QCoreApplication>
#include <QUrl>
#include <QVector>

namespace pbxvault {

// What the New/Edit PBX dialog holds, before it becomes a PbxRecord.
struct PbxForm
{
    qint64 id = 0; // the PBX being edited; 0 for a new one
    QString name;
    QString url;
    QString tenant;
    QString username;
    QString password;
    PbxRole role = PbxRole::Secondary;
    QString scheduleError; // from the schedule editor; empty when valid
};

// One message per field; empty when the field is fine.
struct PbxFormErrors
{
    QString name;
    QString url;
    QString tenant;
    QString username;
    QString password;
    QString role;
    QString schedule;
    bool isEmpty() const
    {
        return name.isEmpty() && url.isEmpty() && tenant.isEmpty() && username.isEmpty() &&
               password.isEmpty() && role.isEmpty() && schedule.isEmpty();
    }
};

// Field-level checks for the PBX dialog, against the PBXs already registered.
class PbxFormValidator
{
    Q_DECLARE_TR_FUNCTIONS(PbxFormValidator)
public:
    static PbxFormErrors validate(const PbxForm &form, const QVector<PbxRecord> &existing);
    // "pbx.example.com" → https://pbx.example.com; keeps an explicit http:// and a port.
    // Invalid QUrl (and *error) when it is not a PBX address.
    static QUrl normaliseUrl(const QString &text, QString *error = nullptr);
};

} // namespace pbxvault
