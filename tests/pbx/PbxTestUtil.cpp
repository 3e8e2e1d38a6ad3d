#include "PbxTestUtil.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

namespace pbxvault::test {
namespace {

QMutex g_mutex;
QStringList g_messages;
QtMessageHandler g_previous = nullptr;

void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_mutex);
        g_messages << QStringLiteral("%1: %2").arg(
            QString::fromLatin1(context.category ? context.category : ""), message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

void LogCapture::install()
{
    QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.*=true"));
    if (!g_previous)
        g_previous = qInstallMessageHandler(record);
}

QStringList LogCapture::messages()
{
    QMutexLocker lock(&g_mutex);
    return g_messages;
}

QStringList LogCapture::matching(const QString &text)
{
    QStringList found;
    const QStringList all = messages();
    for (const QString &m : all) {
        if (m.contains(text))
            found << m;
    }
    return found;
}

PbxSimOptions simOptions()
{
    PbxSimOptions options;
    options.users = QStringList{QStringLiteral("default:%1:%2").arg(kUser, kPassword)};
    return options;
}

bool startSim(PbxSim &sim)
{
    QString error;
    if (!sim.start(&error)) {
        qWarning("pbxsim did not start: %s", qPrintable(error));
        return false;
    }
    return true;
}

PbxConnection connectionTo(const PbxSim &sim, bool pin)
{
    PbxConnection c;
    c.baseUrl = sim.url();
    c.username = kUser;
    c.password = kPassword;
    if (pin)
        c.pinnedFingerprint = sim.fingerprint();
    return c;
}

bool waitFinished(PbxCall *call, int timeoutMs)
{
    QSignalSpy spy(call, &PbxCall::finished);
    if (!spy.wait(timeoutMs))
        return false;
    // Let anything queued behind the first emission run, then count again.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    return spy.count() == 1 && call->isFinished();
}

QString simSalt(PbxSim &sim)
{
    QByteArray answer;
    if (sim.simRequest("GET", QStringLiteral("/rest/salt/default"), QByteArray(), &answer) != 200)
        return {};
    return QJsonDocument::fromJson(answer).object().value(QLatin1String("salt")).toString();
}

QString digestPassword(const QString &salt)
{
    const QByteArray input = (kPassword + QLatin1Char('{') + salt + QLatin1Char('}')).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
}

QString sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

bool isValidGzip(const QByteArray &data, QString *why)
{
    if (data.size() < 18 || quint8(data.at(0)) != 0x1f || quint8(data.at(1)) != 0x8b) {
        *why = QStringLiteral("no gzip magic");
        return false;
    }
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        *why = QStringLiteral("inflateInit2 failed");
        return false;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    QByteArray out(256 * 1024, Qt::Uninitialized);
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(out.data());
        stream.avail_out = uInt(out.size());
        rc = inflate(&stream, Z_NO_FLUSH);
    }
    const bool complete = rc == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    if (!complete)
        *why = QStringLiteral("inflate ended with %1, %2 bytes left").arg(rc).arg(stream.avail_in);
    return complete;
}

void checkNoSecrets(const PbxCall *call, const QString &salt)
{
    QStringList secrets{kPassword};
    if (!salt.isEmpty())
        secrets << digestPassword(salt);
    const QStringList all = LogCapture::messages();
    for (const QString &secret : secrets) {
        if (call)
            QVERIFY2(!call->error().message.contains(secret), "error message contains a secret");
        for (const QString &m : all)
            QVERIFY2(!m.contains(secret), qPrintable(QStringLiteral("secret in log: ") + m));
    }
    for (const QString &m : all) {
        QVERIFY2(!m.contains(QLatin1String("Digest=")), qPrintable(m));
        QVERIFY2(!m.contains(QLatin1String("X-authenticate"), Qt::CaseInsensitive), qPrintable(m));
    }
}

QString kindName(PbxErrorKind kind)
{
    switch (kind) {
    case PbxErrorKind::None:
        return QStringLiteral("None");
    case PbxErrorKind::InvalidUrl:
        return QStringLiteral("InvalidUrl");
    case PbxErrorKind::Config:
        return QStringLiteral("Config");
    case PbxErrorKind::HostNotFound:
        return QStringLiteral("HostNotFound");
    case PbxErrorKind::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case PbxErrorKind::Timeout:
        return QStringLiteral("Timeout");
    case PbxErrorKind::TlsUntrusted:
        return QStringLiteral("TlsUntrusted");
    case PbxErrorKind::TlsChanged:
        return QStringLiteral("TlsChanged");
    case PbxErrorKind::TlsError:
        return QStringLiteral("TlsError");
    case PbxErrorKind::AuthFailed:
        return QStringLiteral("AuthFailed");
    case PbxErrorKind::ClockSkew:
        return QStringLiteral("ClockSkew");
    case PbxErrorKind::NotFound:
        return QStringLiteral("NotFound");
    case PbxErrorKind::RestoreBusy:
        return QStringLiteral("RestoreBusy");
    case PbxErrorKind::BadRequest:
        return QStringLiteral("BadRequest");
    case PbxErrorKind::ServerError:
        return QStringLiteral("ServerError");
    case PbxErrorKind::Protocol:
        return QStringLiteral("Protocol");
    case PbxErrorKind::Truncated:
        return QStringLiteral("Truncated");
    case PbxErrorKind::WriteError:
        return QStringLiteral("WriteError");
    case PbxErrorKind::Cancelled:
        return QStringLiteral("Cancelled");
    case PbxErrorKind::Network:
        return QStringLiteral("Network");
    }
    return QStringLiteral("?");
}

} // namespace pbxvault::test
