#pragma once

#include "common/Records.h"

#include <QJsonObject>

namespace pbxvault {

// The CLI's JSON shapes; field names are part of the command-line contract.
QJsonObject toJson(const PbxRecord &pbx);
QJsonObject toJson(const BackupRecord &backup);
QJsonObject toJson(const RestoreRecord &restore);
QJsonObject toJson(const JobRecord &job);
QString isoUtc(const QDateTime &t); // "2026-11-28T10:15:00Z", empty when invalid

} // namespace pbxvault
