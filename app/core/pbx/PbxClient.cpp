#include "PbxClient.h"

#include "AuthHeader.h"
#include "PbxErrors.h"
#include "PbxRequest.h"
#include "common/Firmware.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcPbx, "pbxvault.pbx")

namespace {

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// Names are untrusted; "." and ".." would be resolved away as path segments.
ErrorMessage invalidName(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return ErrorMessage("pbx.bad_backup_name").arg(displayText(name));
    return {};
}

// Characters that would break out of the quoted fields of the X-authenticate header, or
// split it.
bool unsafeInHeader(QChar c)
{
    const QChar::Category cat = c.category();
    return c == QLatin1Char('"') || c == QLatin1Char('\\') || c.unicode() == 0x7f ||
           cat == QChar::Other_Control || cat == QChar::Other_Format ||
           cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
}

constexpr int kMaxCredentialLength = 256;

// Reasons complete "Could not <action>: <reason>." (lower case, no full stop).
ErrorMessage userNameProblem(const QString &value)
{
    if (value.trimmed().isEmpty())
        return ErrorMessage("pbx.config.user_empty");
    if (value.size() > kMaxCredentialLength)
        return ErrorMessage("pbx.config.user_long").arg(kMaxCredentialLength);
    if (std::any_of(value.begin(), value.end(), unsafeInHeader))
        return ErrorMessage("pbx.config.user_chars");
    return {};
}

ErrorMessage tenantProblem(const QString &value)
{
    if (value.trimmed().isEmpty())
        return ErrorMessage("pbx.config.tenant_empty");
    if (value.size() > kMaxCredentialLength)
        return ErrorMessage("pbx.config.tenant_long").arg(kMaxCredentialLength);
    if (std::any_of(value.begin(), value.end(), unsafeInHeader))
        return ErrorMessage("pbx.config.tenant_chars");
    return {};
}

} // namespace

ErrorMessage credentialReason(const QString &username, const QString &tenant)
{
    const ErrorMessage problem = userNameProblem(username);
    return problem.isNull() ? tenantProblem(tenant) : problem;
}

namespace {

void warnPlainHttpOnce(const QUrl &url)
{
    static QMutex mutex;
    static QSet<QString> warned;
    const QString key = url.toString(QUrl::RemovePath | QUrl::RemoveUserInfo);
    QMutexLocker lock(&mutex);
    if (warned.contains(key))
        return;
    warned.insert(key);
    qCWarning(lcPbx).noquote() << "PBX" << key
                               << "is reached over plain HTTP: traffic is not encrypted";
}

} // namespace

bool PbxError::isTransient() const
{
    switch (kind) {
    case PbxErrorKind::HostNotFound:
    case PbxErrorKind::ConnectionRefused:
    case PbxErrorKind::Timeout:
    case PbxErrorKind::RestoreBusy:
    case PbxErrorKind::ServerError:
    case PbxErrorKind::Truncated:
    case PbxErrorKind::Network:
        return true;
    default:
        return false;
    }
}

PbxClient::PbxClient(const PbxConnection &connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    if (m_connection.baseUrl.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0)
        warnPlainHttpOnce(m_connection.baseUrl);
}

PbxClient::~PbxClient()
{
    // Calls abort their replies, which belong to the network manager: end them first.
    const QList<PbxCall *> calls = findChildren<PbxCall *>(Qt::FindDirectChildrenOnly);
    for (PbxCall *call : calls)
        delete call;
}

void PbxClient::setStallTimeout(int ms)
{
    m_stallTimeoutMs = qMax(1, ms);
}

void PbxClient::setServerWorkTimeout(int ms)
{
    m_serverWorkTimeoutMs = qMax(1, ms);
}

void PbxClient::setMaxDownloadSize(qint64 bytes)
{
    m_maxDownloadSize = bytes > 0 ? bytes : kDefaultMaxDownloadSize;
}

void PbxClient::setDiskReserve(qint64 bytes)
{
    m_diskReserve = qMax<qint64>(0, bytes);
}

QString PbxClient::credentialProblem(const QString &username, const QString &tenant)
{
    const ErrorMessage reason = credentialReason(username, tenant);
    if (reason.isNull())
        return {};
    return PbxText::tr("The PBX connection settings cannot be used: %1.").arg(reason.clauseText());
}

void PbxClient::setClock(const Clock &clock)
{
    m_clock = &clock;
}

PbxCall *PbxClient::fetchFirmware()
{
    PbxRequest::Spec spec;
    spec.verb = "GET";
    spec.path = QStringLiteral("/rest/dashboard/firmwareVersion");
    spec.action = ErrorMessage("pbx.action.firmware").arg(displayHost());
    spec.answer = PbxRequest::Answer::Firmware;
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::listBackups()
{
    PbxRequest::Spec spec;
    spec.verb = "GET";
    spec.path = QStringLiteral("/rest/backup");
    spec.action = ErrorMessage("pbx.action.list").arg(displayHost());
    spec.answer = PbxRequest::Answer::Names;
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::createBackup(const QString &firmware, const QString &fileName,
                                 const QString &comment, QIODevice *sink)
{
    PbxRequest::Spec spec;
    spec.verb = "POST";
    spec.path = QStringLiteral("/rest/backup/create/") + segment(firmware);
    spec.action = ErrorMessage("pbx.action.create").arg(displayHost());
    spec.answer = PbxRequest::Answer::File;
    spec.sink = sink;
    spec.serverWork = true;
    const QJsonObject backup{{QStringLiteral("filename"), fileName},
                             {QStringLiteral("comment"), comment}};
    // Firmware 4.9.4 introduced the "backup" wrapper; older firmware wants the bare object.
    const bool wrapped = compareFirmware(firmware, QStringLiteral("4.9.4")) >= 0;
    const QJsonObject body = wrapped ? QJsonObject{{QStringLiteral("backup"), backup}} : backup;
    spec.json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    static const QRegularExpression version(QStringLiteral("^[0-9][0-9A-Za-z.+_-]{0,63}$"));
    if (!version.match(firmware).hasMatch())
        spec.invalid = ErrorMessage("pbx.bad_firmware").arg(displayText(firmware));
    else if (!sink || !sink->isWritable())
        spec.invalid = ErrorMessage("pbx.no_destination");
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::downloadBackup(const QString &name, QIODevice *sink)
{
    PbxRequest::Spec spec;
    spec.verb = "GET";
    spec.path = QStringLiteral("/rest/backup/") + segment(name);
    spec.action = ErrorMessage("pbx.action.download").arg(displayText(name)).arg(displayHost());
    spec.answer = PbxRequest::Answer::File;
    spec.sink = sink;
    spec.backupName = name;
    spec.invalid = invalidName(name);
    if (spec.invalid.isNull() && (!sink || !sink->isWritable()))
        spec.invalid = ErrorMessage("pbx.no_destination");
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::deleteBackup(const QString &name)
{
    PbxRequest::Spec spec;
    spec.verb = "DELETE";
    spec.path = QStringLiteral("/rest/backup/") + segment(name);
    spec.action = ErrorMessage("pbx.action.delete").arg(displayText(name)).arg(displayHost());
    spec.backupName = name;
    spec.invalid = invalidName(name);
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::restoreStoredBackup(const QString &name)
{
    PbxRequest::Spec spec;
    spec.verb = "POST";
    spec.path = QStringLiteral("/rest/backup/") + segment(name) + QStringLiteral("/restore");
    spec.action = ErrorMessage("pbx.action.restore").arg(displayText(name)).arg(displayHost());
    spec.backupName = name;
    spec.restore = true;
    spec.serverWork = true;
    spec.invalid = invalidName(name);
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::uploadBackup(const QString &filePath, const QString &uploadName)
{
    PbxRequest::Spec spec;
    spec.verb = "POST";
    spec.path = QStringLiteral("/rest/backup");
    spec.action = ErrorMessage("pbx.action.upload").arg(displayText(uploadName)).arg(displayHost());
    spec.uploadFile = filePath;
    spec.uploadName = uploadName;
    spec.serverWork = true;
    if (!uploadName.endsWith(QLatin1String(".bak")) || uploadName.size() <= 4)
        spec.invalid = ErrorMessage("pbx.bad_upload_name");
    return new PbxRequest(this, spec);
}

PbxCall *PbxClient::uploadAndRestore(const QString &filePath, const QString &uploadName)
{
    PbxRequest::Spec spec;
    spec.verb = "POST";
    spec.path = QStringLiteral("/rest/backup/restore");
    spec.action =
        ErrorMessage("pbx.action.upload_restore").arg(displayText(uploadName)).arg(displayHost());
    spec.uploadFile = filePath;
    spec.uploadName = uploadName;
    spec.restore = true;
    spec.serverWork = true;
    if (!uploadName.endsWith(QLatin1String(".bak")) || uploadName.size() <= 4)
        spec.invalid = ErrorMessage("pbx.bad_upload_name");
    return new PbxRequest(this, spec);
}

QString PbxClient::displayHost() const
{
    const QUrl &url = m_connection.baseUrl;
    const QString host = url.host().isEmpty() ? url.toDisplayString() : url.host();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(url.port()) : host;
}

QByteArray PbxClient::authenticateHeader(const QString &username, const QString &domain,
                                         const QString &password, const QString &salt,
                                         const QString &nonce, const QDateTime &createdUtc)
{
    return auth::header(username, domain, password, salt, nonce, createdUtc);
}

QString PbxClient::normaliseFingerprint(const QString &text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        hex += c.toLower();
    }
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    return sha256.match(hex).hasMatch() ? hex : QString();
}

QString PbxClient::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QString PbxClient::formatFingerprint(const QString &hex)
{
    const QString normal = normaliseFingerprint(hex);
    const QString source = normal.isEmpty() ? hex : normal;
    QString out;
    for (int i = 0; i < source.size(); i += 2) {
        if (!out.isEmpty())
            out += QLatin1Char(':');
        out += source.mid(i, 2).toUpper();
    }
    return out;
}

} // namespace pbxvault
