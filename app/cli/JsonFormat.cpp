#include "JsonFormat.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace pbxvault {

QString isoUtc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

namespace {
constexpr qsizetype kFlushBytes = 1 << 20;

void appendString(QByteArray &out, const QString &s)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\t') {
            out.append("\\t");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\b') {
            out.append("\\b");
        } else if (c == '\f') {
            out.append("\\f");
        } else if (u < 0x20) {
            out.append("\\u00");
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xf]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

void appendNullable(QByteArray &out, const QString &s)
{
    if (s.isEmpty())
        out.append("null");
    else
        appendString(out, s);
}

void appendIsoUtc(QByteArray &out, const QDateTime &t)
{
    if (!t.isValid()) {
        out.append("\"\"");
        return;
    }
    const QDateTime utc = t.toUTC();
    const QDate d = utc.date();
    const QTime time = utc.time();
    char text[40];
    const int n = std::snprintf(text, sizeof text, "\"%04d-%02d-%02dT%02d:%02d:%02dZ\"", d.year(),
                                d.month(), d.day(), time.hour(), time.minute(), time.second());
    out.append(text, n);
}

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
    o.insert(QStringLiteral("keep"),
             pbx.keepLast > 0 ? QJsonValue(pbx.keepLast) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("keep_days"),
             pbx.keepDays > 0 ? QJsonValue(pbx.keepDays) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("fingerprint"), nullable(pbx.fingerprint));
    o.insert(QStringLiteral("enabled"), pbx.enabled);
    o.insert(QStringLiteral("keep_only_changed"), pbx.keepOnlyChanged);
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
    // The shared store the file is in (path is then empty where it is not mapped); null
    // for a file kept on the computer that took it.
    o.insert(QStringLiteral("store"), nullable(b.store));
    o.insert(QStringLiteral("firmware"), nullable(b.firmware));
    o.insert(QStringLiteral("comment"), nullable(b.comment));
    o.insert(QStringLiteral("origin"), toString(b.origin));
    o.insert(QStringLiteral("verified"), toString(b.verified));
    // Members changed since changes_base_id; null when not known.
    o.insert(QStringLiteral("changes"),
             b.changes >= 0 ? QJsonValue(b.changes) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("changes_base_id"), nullableId(b.changesBaseId));
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
    // What kind of failure, as the exit codes tell them apart ("pbx", "locked", "disk"...).
    o.insert(QStringLiteral("error_kind"), j.errorKind == JobError::None
                                               ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(toString(j.errorKind)));
    o.insert(QStringLiteral("detail"), nullable(j.detail));
    return o;
}

JsonArrayWriter::JsonArrayWriter(std::FILE *out) : m_out(out)
{
    m_buffer.reserve(kFlushBytes + 4096);
    m_buffer.append('[');
}

JsonArrayWriter::~JsonArrayWriter()
{
    finish();
}

void JsonArrayWriter::add(const QJsonObject &element)
{
    m_buffer.append(m_first ? "\n  " : ",\n  ");
    m_first = false;
    m_buffer.append(QJsonDocument(element).toJson(QJsonDocument::Compact));
    if (m_buffer.size() >= kFlushBytes)
        flush();
}

void JsonArrayWriter::add(const BackupRecord &b)
{
    // Keys in QJsonObject's (sorted) order, so both forms print alike.
    m_buffer.append(m_first ? "\n  " : ",\n  ");
    m_first = false;
    m_buffer.append("{\"changes\":");
    m_buffer.append(b.changes >= 0 ? QByteArray::number(b.changes) : QByteArrayLiteral("null"));
    m_buffer.append(",\"changes_base_id\":");
    m_buffer.append(b.changesBaseId > 0 ? QByteArray::number(b.changesBaseId)
                                        : QByteArrayLiteral("null"));
    m_buffer.append(",\"comment\":");
    appendNullable(m_buffer, b.comment);
    m_buffer.append(",\"created_at\":");
    appendIsoUtc(m_buffer, b.createdAt);
    m_buffer.append(",\"filename\":");
    appendString(m_buffer, b.filename);
    m_buffer.append(",\"firmware\":");
    appendNullable(m_buffer, b.firmware);
    m_buffer.append(",\"id\":");
    m_buffer.append(QByteArray::number(b.id));
    m_buffer.append(",\"master_ip\":");
    appendNullable(m_buffer, b.masterIp);
    m_buffer.append(",\"origin\":");
    appendString(m_buffer, toString(b.origin));
    m_buffer.append(",\"path\":");
    appendString(m_buffer, b.path);
    m_buffer.append(",\"pbx\":");
    appendString(m_buffer, b.pbxName);
    m_buffer.append(",\"sha256\":");
    appendString(m_buffer, b.sha256);
    m_buffer.append(",\"size\":");
    m_buffer.append(QByteArray::number(b.size));
    m_buffer.append(",\"store\":");
    appendNullable(m_buffer, b.store);
    m_buffer.append(",\"tenant\":");
    appendString(m_buffer, b.tenant);
    m_buffer.append(",\"verified\":");
    appendString(m_buffer, toString(b.verified));
    m_buffer.append('}');
    if (m_buffer.size() >= kFlushBytes)
        flush();
}

void JsonArrayWriter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_buffer.append(m_first ? "]\n" : "\n]\n");
    flush();
    std::fflush(m_out);
}

void JsonArrayWriter::flush()
{
    std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_out);
    m_buffer.clear();
}

} // namespace pbxvault
