#pragma once

#include "PbxClient.h"
#include "common/ErrorMessage.h"

#include <QCoreApplication>
#include <QNetworkReply>

namespace pbxvault {

// Every message of the module is translated in the context "PbxClient": PbxText::tr("...").
struct PbxText
{
    Q_DECLARE_TR_FUNCTIONS(PbxClient)
};

// Untrusted text (backup names, PBX error texts) made safe to show: control characters
// replaced, length bounded.
QString displayText(const QString &untrusted, int maxLength = 80);

// The error text a PBX put in a 4xx/5xx body ({"error": "..."}, {"message": "..."} or short
// plain text), made displayable; empty when there is none.
QString pbxErrorText(const QByteArray &body);

// Why a user name or tenant cannot travel in the X-authenticate header, as a reason for
// ErrorText::make (null when they are fine). PbxClient::credentialProblem() words it as a
// sentence of its own.
ErrorMessage credentialReason(const QString &username, const QString &tenant);

// Builds operator-readable errors for one action: "Could not <action>: <reason>.", with the
// reason's code (ErrorMessage, a clause of "pbx.could_not") so it renders in any language.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(PbxClient)

public:
    ErrorText() = default;
    explicit ErrorText(const ErrorMessage &action) : m_action(action) {}
    // An action that has no code (kept as written).
    explicit ErrorText(const QString &action) : m_action(ErrorMessage("text").arg(action)) {}

    PbxError make(PbxErrorKind kind, const ErrorMessage &reason, int httpStatus = 0) const;
    // A reason that has no code of its own (kept as text, "pbx.other").
    PbxError make(PbxErrorKind kind, const QString &reason, int httpStatus = 0) const;

    // A transport failure before any HTTP answer arrived.
    PbxError network(QNetworkReply::NetworkError code, const QString &qtText,
                     const QString &host) const;

    struct HttpContext
    {
        QByteArray body;
        QString backupName; // for "no such backup"
        QString tenant;     // for the salt lookup's 404
        bool saltLookup = false;
        bool restore = false; // 503 means a restore is running
        QDateTime serverDate; // Date header of the answer
        QDateTime now;        // our clock when the answer arrived
        QUrl requestUrl;      // for a 3xx answer: where the request went
        QByteArray location;  // and the Location header it carried
    };
    // A non-2xx HTTP answer.
    PbxError http(int status, const HttpContext &context) const;

    PbxError timeout(int ms, bool waitingForServer) const;
    PbxError tlsUntrusted(const QString &presented, const QString &why) const;
    PbxError tlsChanged(const QString &pinned, const QString &presented) const;
    PbxError truncated(qint64 received, qint64 announced) const;

private:
    ErrorMessage m_action;
};

} // namespace pbxvault
