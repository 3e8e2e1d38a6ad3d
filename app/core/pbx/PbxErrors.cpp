#include "PbxErrors.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace pbxvault {
namespace {

QString seconds(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'f', 1);
}

} // namespace

QString displayText(const QString &untrusted, int maxLength)
{
    QString text;
    text.reserve(qMin(untrusted.size(), maxLength + 1));
    for (const QChar c : untrusted) {
        if (text.size() >= maxLength) {
            text += QChar(0x2026); // ellipsis
            break;
        }
        const QChar::Category cat = c.category();
        const bool control = cat == QChar::Other_Control || cat == QChar::Other_Format ||
                             cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
        text += control ? QChar(0xFFFD) : c;
    }
    return text;
}

QString pbxErrorText(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        for (const char *key : {"error", "message", "detail", "title"}) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (v.isString() && !v.toString().trimmed().isEmpty())
                return displayText(v.toString().trimmed(), 200);
            if (v.isObject() && v.toObject().value(QLatin1String("message")).isString())
                return displayText(v.toObject().value(QLatin1String("message")).toString(), 200);
        }
        return {};
    }
    if (doc.isArray() || trimmed.startsWith('<')) // JSON without a text, or an HTML page
        return {};
    return displayText(QString::fromUtf8(trimmed), 200);
}

PbxError ErrorText::make(PbxErrorKind kind, const QString &reason, int httpStatus) const
{
    PbxError e;
    e.kind = kind;
    e.httpStatus = httpStatus;
    e.message = tr("Could not %1: %2.").arg(m_action, reason);
    return e;
}

PbxError ErrorText::network(QNetworkReply::NetworkError code, const QString &qtText,
                            const QString &host) const
{
    switch (code) {
    case QNetworkReply::HostNotFoundError:
        return make(
            PbxErrorKind::HostNotFound,
            tr("the host name %1 was not found; check the PBX address and the network").arg(host));
    case QNetworkReply::ConnectionRefusedError:
        return make(PbxErrorKind::ConnectionRefused,
                    tr("the connection to %1 was refused; check the address and port and that "
                       "the PBX is running")
                        .arg(host));
    case QNetworkReply::TimeoutError:
        return make(PbxErrorKind::Timeout, tr("the connection to %1 timed out").arg(host));
    case QNetworkReply::RemoteHostClosedError:
        return make(PbxErrorKind::Network, tr("the PBX closed the connection before answering"));
    case QNetworkReply::SslHandshakeFailedError:
        return make(PbxErrorKind::TlsError,
                    tr("the secure (TLS) connection could not be established (%1)").arg(qtText));
    case QNetworkReply::OperationCanceledError:
        return make(PbxErrorKind::Cancelled, tr("the operation was cancelled"));
    default:
        return make(PbxErrorKind::Network, tr("network error (%1)").arg(qtText));
    }
}

PbxError ErrorText::http(int status, const HttpContext &context) const
{
    const QString pbxText = pbxErrorText(context.body);
    const QString says = pbxText.isEmpty() ? QString() : tr(" (the PBX says: %1)").arg(pbxText);

    if (status == 401 || status == 403) {
        if (context.serverDate.isValid() && context.now.isValid()) {
            const qint64 offset = context.now.secsTo(context.serverDate);
            if (qAbs(offset) > 300) {
                const int minutes = int((qAbs(offset) + 30) / 60);
                const QString reason =
                    offset > 0 ? tr("the PBX refused the login because its clock is %n minute(s) "
                                    "ahead of this computer's clock; correct the date and time "
                                    "on the PBX or on this computer",
                                    nullptr, minutes)
                               : tr("the PBX refused the login because its clock is %n minute(s) "
                                    "behind this computer's clock; correct the date and time on "
                                    "the PBX or on this computer",
                                    nullptr, minutes);
                PbxError e = make(PbxErrorKind::ClockSkew, reason, status);
                e.clockOffsetSeconds = offset;
                return e;
            }
        }
        return make(PbxErrorKind::AuthFailed,
                    tr("the PBX refused the login: wrong user name, password or tenant"), status);
    }
    if (status == 404) {
        if (context.saltLookup)
            return make(PbxErrorKind::NotFound,
                        tr("the PBX does not know the tenant %1").arg(displayText(context.tenant)),
                        status);
        if (!context.backupName.isNull())
            return make(
                PbxErrorKind::NotFound,
                tr("there is no backup named %1 on the PBX").arg(displayText(context.backupName)),
                status);
        return make(PbxErrorKind::NotFound,
                    tr("the PBX does not offer this function (HTTP 404); check that the address "
                       "is that of a KalliopePBX"),
                    status);
    }
    if (status == 503 && context.restore)
        return make(PbxErrorKind::RestoreBusy,
                    tr("a restore is already running on the PBX; try again when it has finished"),
                    status);
    if (status >= 500)
        return make(PbxErrorKind::ServerError,
                    tr("the PBX reported an internal error (HTTP %1)%2").arg(status).arg(says),
                    status);
    if (status >= 400)
        return make(PbxErrorKind::BadRequest,
                    tr("the PBX rejected the request (HTTP %1)%2").arg(status).arg(says), status);
    if (status >= 300 && status < 400) {
        // Never followed: the credentials would go to wherever the PBX points.
        const QUrl target = context.requestUrl.resolved(
            QUrl::fromEncoded(context.location.trimmed(), QUrl::StrictMode));
        if (context.location.trimmed().isEmpty() || !target.isValid() || target.host().isEmpty())
            return make(PbxErrorKind::Protocol,
                        tr("the PBX answered with a redirection (HTTP %1) without a usable "
                           "target; PBX Vault does not follow redirections")
                            .arg(status),
                        status);
        const QString where = displayText(
            target.port() > 0 ? QStringLiteral("%1://%2:%3")
                                    .arg(target.scheme(), target.host())
                                    .arg(target.port())
                              : QStringLiteral("%1://%2").arg(target.scheme(), target.host()),
            120);
        return make(PbxErrorKind::Protocol,
                    tr("the PBX redirected the request to %1 (HTTP %2); PBX Vault does not "
                       "follow redirections and sends its credentials to no other address: "
                       "check the PBX address")
                        .arg(where)
                        .arg(status),
                    status);
    }
    return make(PbxErrorKind::Protocol, tr("unexpected answer from the PBX (HTTP %1)").arg(status),
                status);
}

PbxError ErrorText::timeout(int ms, bool waitingForServer) const
{
    if (waitingForServer)
        return make(PbxErrorKind::Timeout,
                    tr("the PBX did not answer within %1 s").arg(seconds(ms)));
    return make(PbxErrorKind::Timeout,
                tr("no data for %1 s; the PBX or the network stopped responding").arg(seconds(ms)));
}

PbxError ErrorText::tlsUntrusted(const QString &presented, const QString &why) const
{
    PbxError e = make(PbxErrorKind::TlsUntrusted,
                      tr("the PBX certificate is not trusted (%1). Its SHA-256 fingerprint is %2; "
                         "verify it with the PBX administrator and trust it only if it matches")
                          .arg(why, PbxClient::formatFingerprint(presented)));
    e.presentedFingerprint = presented;
    return e;
}

PbxError ErrorText::tlsChanged(const QString &pinned, const QString &presented) const
{
    PbxError e = make(
        PbxErrorKind::TlsChanged,
        tr("the PBX certificate has changed. Trusted fingerprint: %1; presented fingerprint: %2. "
           "This can be a renewed certificate or an attack; verify the new fingerprint with the "
           "PBX administrator before trusting it")
            .arg(PbxClient::formatFingerprint(pinned), PbxClient::formatFingerprint(presented)));
    e.presentedFingerprint = presented;
    e.pinnedFingerprint = pinned;
    return e;
}

PbxError ErrorText::truncated(qint64 received, qint64 announced) const
{
    if (announced >= 0)
        return make(
            PbxErrorKind::Truncated,
            tr("the transfer was interrupted after %1 of %2 bytes").arg(received).arg(announced));
    return make(PbxErrorKind::Truncated,
                tr("the connection was interrupted after %1 bytes").arg(received));
}

} // namespace pbxvault
