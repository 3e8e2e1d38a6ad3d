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

PbxError ErrorText::make(PbxErrorKind kind, const ErrorMessage &reason, int httpStatus) const
{
    // The action goes first: reasons are clauses whose first argument is the frame's.
    ErrorMessage coded(reason.code);
    coded.arg(m_action);
    coded.args += reason.args;
    coded.count = reason.count;
    PbxError e;
    e.kind = kind;
    e.httpStatus = httpStatus;
    e.coded = coded;
    e.message = coded.text();
    return e;
}

PbxError ErrorText::make(PbxErrorKind kind, const QString &reason, int httpStatus) const
{
    return make(kind, ErrorMessage("pbx.other").arg(reason), httpStatus);
}

PbxError ErrorText::network(QNetworkReply::NetworkError code, const QString &qtText,
                            const QString &host) const
{
    switch (code) {
    case QNetworkReply::HostNotFoundError:
        return make(PbxErrorKind::HostNotFound, ErrorMessage("pbx.host_not_found").arg(host));
    case QNetworkReply::ConnectionRefusedError:
        return make(PbxErrorKind::ConnectionRefused, ErrorMessage("pbx.unreachable").arg(host));
    case QNetworkReply::TimeoutError:
        return make(PbxErrorKind::Timeout, ErrorMessage("pbx.connect_timeout").arg(host));
    case QNetworkReply::RemoteHostClosedError:
        return make(PbxErrorKind::Network, ErrorMessage("pbx.closed"));
    case QNetworkReply::SslHandshakeFailedError:
        return make(PbxErrorKind::TlsError, ErrorMessage("pbx.tls.handshake").arg(qtText));
    case QNetworkReply::OperationCanceledError:
        return make(PbxErrorKind::Cancelled, ErrorMessage("pbx.cancelled"));
    case QNetworkReply::ProtocolFailure: // SocketReply: the status line or headers are unusable
        return make(PbxErrorKind::Protocol, ErrorMessage("pbx.malformed_head").arg(qtText));
    default:
        return make(PbxErrorKind::Network, ErrorMessage("pbx.network").arg(qtText));
    }
}

PbxError ErrorText::http(int status, const HttpContext &context) const
{
    const QString pbxText = pbxErrorText(context.body);
    const ErrorMessage says =
        pbxText.isEmpty() ? ErrorMessage() : ErrorMessage("pbx.says").arg(pbxText);

    if (status == 401 || status == 403) {
        if (context.serverDate.isValid() && context.now.isValid()) {
            const qint64 offset = context.now.secsTo(context.serverDate);
            if (qAbs(offset) > 300) {
                const int minutes = int((qAbs(offset) + 30) / 60);
                const ErrorMessage reason =
                    ErrorMessage(offset > 0 ? "pbx.clock_ahead" : "pbx.clock_behind")
                        .plural(minutes);
                PbxError e = make(PbxErrorKind::ClockSkew, reason, status);
                e.clockOffsetSeconds = offset;
                return e;
            }
        }
        return make(PbxErrorKind::AuthFailed, ErrorMessage("pbx.auth"), status);
    }
    if (status == 404) {
        if (context.saltLookup)
            return make(PbxErrorKind::NotFound,
                        ErrorMessage("pbx.unknown_tenant").arg(displayText(context.tenant)),
                        status);
        if (!context.backupName.isNull())
            return make(PbxErrorKind::NotFound,
                        ErrorMessage("pbx.no_such_backup").arg(displayText(context.backupName)),
                        status);
        return make(PbxErrorKind::NotFound, ErrorMessage("pbx.no_such_function"), status);
    }
    if (status == 503 && context.restore)
        return make(PbxErrorKind::RestoreBusy, ErrorMessage("pbx.restore_busy"), status);
    if (status >= 500)
        return make(PbxErrorKind::ServerError,
                    ErrorMessage("pbx.server_error").arg(status).arg(says), status);
    if (status >= 400)
        return make(PbxErrorKind::BadRequest, ErrorMessage("pbx.rejected").arg(status).arg(says),
                    status);
    if (status >= 300 && status < 400) {
        // Never followed: the credentials would go to wherever the PBX points.
        const QUrl target = context.requestUrl.resolved(
            QUrl::fromEncoded(context.location.trimmed(), QUrl::StrictMode));
        if (context.location.trimmed().isEmpty() || !target.isValid() || target.host().isEmpty())
            return make(PbxErrorKind::Protocol, ErrorMessage("pbx.redirect_unusable").arg(status),
                        status);
        const QString where = displayText(
            target.port() > 0 ? QStringLiteral("%1://%2:%3")
                                    .arg(target.scheme(), target.host())
                                    .arg(target.port())
                              : QStringLiteral("%1://%2").arg(target.scheme(), target.host()),
            120);
        return make(PbxErrorKind::Protocol, ErrorMessage("pbx.redirect").arg(where).arg(status),
                    status);
    }
    return make(PbxErrorKind::Protocol, ErrorMessage("pbx.unexpected_status").arg(status), status);
}

PbxError ErrorText::timeout(int ms, bool waitingForServer) const
{
    return make(PbxErrorKind::Timeout,
                ErrorMessage(waitingForServer ? "pbx.no_answer" : "pbx.stalled").arg(seconds(ms)));
}

PbxError ErrorText::tlsUntrusted(const QString &presented, const QString &why) const
{
    PbxError e = make(
        PbxErrorKind::TlsUntrusted,
        ErrorMessage("pbx.tls.untrusted").arg(why).arg(PbxClient::formatFingerprint(presented)));
    e.presentedFingerprint = presented;
    return e;
}

PbxError ErrorText::tlsChanged(const QString &pinned, const QString &presented) const
{
    PbxError e = make(PbxErrorKind::TlsChanged, ErrorMessage("pbx.tls.changed")
                                                    .arg(PbxClient::formatFingerprint(pinned))
                                                    .arg(PbxClient::formatFingerprint(presented)));
    e.presentedFingerprint = presented;
    e.pinnedFingerprint = pinned;
    return e;
}

PbxError ErrorText::truncated(qint64 received, qint64 announced) const
{
    if (announced >= 0)
        return make(PbxErrorKind::Truncated,
                    ErrorMessage("pbx.truncated").arg(received).arg(announced));
    return make(PbxErrorKind::Truncated, ErrorMessage("pbx.interrupted").arg(received));
}

} // namespace pbxvault
