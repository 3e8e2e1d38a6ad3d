#include "JsonFormat.h"

#include <QJsonValue>

namespace pbxvault {

QString isoUtc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

namespace {
QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
QJsonValue nullableId(qint64 id)
{
    return id > 0 ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject toJson(const PbxRecord &pbx)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), double(pbx.id));
    o.insert(QStringLiteral("name"), pbx.name);
    o.insert(QStringLiteral("url"), pbx.url.toString());
    o.insert(QStringLiteral("tenant"), pbx.tenant);
    o.insert(QStringLiteral("user"), pbx.username);
    o.insert(QStringLiteral("role"), toString(pbx.role));
    o.insert(QStringLiteral("schedule"), nullable(pbx.schedule));
    o.insert(QStringLiteral("keep"), pbx.keepLast > 0 ? QJsonValue(pbx.keepLast)
                                                      : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("keep_days"), pbx.keepDays > 0 ? QJsonValue(pbx.keepDays)
                                                           : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("fingerprint"), nullable(pbx.fingerprint));
    o.insert(QStringLiteral("enabled"), pbx.enabled);
    return o;
}

QJsonObject toJson(const BackupRecord &b)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), double(b.id));
    o.insert(QStringLiteral("pbx"), b.pbxName);
    o.insert(QStringLiteral("filename"), b.filename);
    o.insert(QStringLiteral("size"), double(b.size));
    o.insert(QStringLiteral("sha256"), b.sha256);
    o.insert(QStringLiteral("created_at"), isoUtc(b.createdAt));
    o.insert(QStringLiteral("master_ip"), nullable(b.masterIp));
    o.insert(QStringLiteral("tenant"), b.tenant);
    o.insert(QStringLiteral("path"), b.path);
    o.insert(QStringLiteral("firmware"), nullable(b.firmware));
    o.insert(QStringLiteral("comment"), nullable(b.comment));
    o.insert(QStringLiteral("origin"), toString(b.origin));
    o.insert(QStringLiteral("verified"), toString(b.verified));
    return o;
}

QJsonObject toJson(const RestoreRecord &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), double(r.id));
    o.insert(QStringLiteral("backup_id"), nullableId(r.backupId));
    o.insert(QStringLiteral("filename"), r.filename);
    o.insert(QStringLiteral("target_pbx"), r.targetPbxName);
    o.insert(QStringLiteral("target_url"), r.targetUrl);
    o.insert(QStringLiteral("started_at"), isoUtc(r.startedAt));
    o.insert(QStringLiteral("finished_at"), nullable(isoUtc(r.finishedAt)));
    o.insert(QStringLiteral("outcome"), toString(r.outcome));
    o.insert(QStringLiteral("error"), nullable(r.error));
    o.insert(QStringLiteral("safety_backup_id"), nullableId(r.safetyBackupId));
    return o;
}

QJsonObject toJson(const JobRecord &j)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), double(j.id));
    o.insert(QStringLiteral("kind"), toString(j.kind));
    o.insert(QStringLiteral("trigger"), toString(j.trigger));
    o.insert(QStringLiteral("pbx"), nullable(j.pbxName));
    o.insert(QStringLiteral("started_at"), isoUtc(j.startedAt));
    o.insert(QStringLiteral("finished_at"), nullable(isoUtc(j.finishedAt)));
    o.insert(QStringLiteral("outcome"), toString(j.outcome));
    o.insert(QStringLiteral("bytes"), double(j.bytes));
    o.insert(QStringLiteral("error"), nullable(j.error));
    o.insert(QStringLiteral("detail"), nullable(j.detail));
    return o;
}

} // namespace pbxvault
