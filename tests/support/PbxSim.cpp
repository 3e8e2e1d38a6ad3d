#include "PbxSim.h"

#include "TestCertificate.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>

namespace pbxvault::test {

namespace {
constexpr int StartTimeoutMs = 20000;
constexpr int SimCallTimeoutMs = 15000;
} // namespace

PbxSim::PbxSim(const Options &options) : m_options(options) {}

PbxSim::~PbxSim()
{
    stop();
}

bool PbxSim::prepare(QString *error)
{
    if (!m_dataDir.isEmpty())
        return true; // already prepared by an earlier start()
    if (m_options.dataDir.isEmpty() || (m_options.tls && m_options.certPath.isEmpty())) {
        m_ownDir = std::make_unique<TestDir>();
        if (!m_ownDir->isValid()) {
            *error = QStringLiteral("cannot create a temporary directory");
            return false;
        }
    }
    if (m_options.tls) {
        if (m_options.certPath.isEmpty() != m_options.keyPath.isEmpty()) {
            *error = QStringLiteral("certPath and keyPath go together");
            return false;
        }
        if (m_options.certPath.isEmpty()) {
            if (!TestCertificate::generate(m_ownDir->filePath(QStringLiteral("tls")), &m_certPath,
                                           &m_keyPath, &m_fingerprint, error))
                return false;
        } else {
            m_certPath = m_options.certPath;
            m_keyPath = m_options.keyPath;
            m_fingerprint = TestCertificate::fingerprintOfFile(m_certPath);
        }
    }
    m_dataDir =
        m_options.dataDir.isEmpty() ? m_ownDir->filePath(QStringLiteral("pbx")) : m_options.dataDir;
    if (!QDir().mkpath(m_dataDir)) {
        *error = QStringLiteral("cannot create %1").arg(m_dataDir);
        m_dataDir.clear();
        return false;
    }
    return true;
}

bool PbxSim::start(QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    if (isRunning()) {
        why = QStringLiteral("pbxsim is already running");
        return false;
    }
    if (!prepare(&why))
        return false;

    QStringList args{
        QStringLiteral("--listen"),     QStringLiteral("127.0.0.1:%1").arg(m_options.port),
        QStringLiteral("--data-dir"),   m_dataDir,
        QStringLiteral("--restore-ms"), QString::number(m_options.restoreMs)};
    if (m_options.tls)
        args << QStringLiteral("--tls-cert") << m_certPath << QStringLiteral("--tls-key")
             << m_keyPath;
    for (const QString &user : m_options.users)
        args << QStringLiteral("--user") << user;
    if (!m_options.firmware.isEmpty())
        args << QStringLiteral("--firmware") << m_options.firmware;
    if (!m_options.firmwareAnswer.isEmpty())
        args << QStringLiteral("--firmware-answer") << m_options.firmwareAnswer;
    if (m_options.backupSize > 0)
        args << QStringLiteral("--backup-size") << QString::number(m_options.backupSize);
    for (const QString &fault : m_options.faults)
        args << QStringLiteral("--fault") << fault;
    args << m_options.extraArgs;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(QStringLiteral(PBXSIM_PATH), args);
    if (!m_process->waitForStarted(StartTimeoutMs)) {
        why = QStringLiteral("cannot start pbxsim: %1").arg(m_process->errorString());
        m_process.reset();
        return false;
    }

    static const QRegularExpression listening(
        QStringLiteral("^pbxsim listening on (https?)://127\\.0\\.0\\.1:(\\d+)$"));
    QDeadlineTimer deadline(StartTimeoutMs);
    QByteArray output;
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(deadline.remainingTime())) {
            while (m_process->canReadLine()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                const auto match = listening.match(line);
                if (match.hasMatch()) {
                    m_port = match.captured(2).toUShort();
                    return true;
                }
                output += line.toUtf8() + '\n';
            }
        }
        if (m_process->state() != QProcess::Running)
            break;
    }
    output += m_process->readAll();
    why = m_process->state() == QProcess::Running
              ? QStringLiteral("pbxsim printed no listening line within %1 ms").arg(StartTimeoutMs)
              : QStringLiteral("pbxsim exited with code %1").arg(m_process->exitCode());
    if (!output.trimmed().isEmpty())
        why += QStringLiteral(": ") + QString::fromUtf8(output.trimmed());
    stop();
    return false;
}

void PbxSim::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        peakRssKiB(); // remember the figure before the process goes away
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            qWarning("pbxsim did not stop on SIGTERM; killing it");
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool PbxSim::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl PbxSim::url() const
{
    QUrl url;
    url.setScheme(m_options.tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

qint64 PbxSim::pid() const
{
    return isRunning() ? m_process->processId() : -1;
}

qint64 PbxSim::peakRssKiB() const
{
    if (!isRunning())
        return m_lastPeakRssKiB;
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process->processId()));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return m_lastPeakRssKiB;
    // /proc files report size 0, so read line by line rather than relying on atEnd().
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:")) {
            const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
            m_lastPeakRssKiB = parts.value(0).toLongLong();
            break;
        }
    }
    return m_lastPeakRssKiB;
}

int PbxSim::simRequest(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                       QByteArray *answer)
{
    if (!isRunning()) {
        m_lastError = QStringLiteral("pbxsim is not running");
        return -1;
    }
    QNetworkAccessManager network;
    QUrl target = url().resolved(QUrl(pathAndQuery));
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
    request.setTransferTimeout(SimCallTimeoutMs);
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    const QString pinned = m_fingerprint;
    // Pinning: trust exactly the certificate this sim was started with.
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [reply, pinned](const QList<QSslError> &) {
            const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
            if (!pinned.isEmpty() &&
                QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex()) == pinned)
                reply->ignoreSslErrors();
        });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(SimCallTimeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        m_lastError =
            QStringLiteral("%1 %2: no answer").arg(QString::fromLatin1(verb), pathAndQuery);
        delete reply;
        return -1;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray data = reply->readAll();
    if (answer)
        *answer = data;
    const int code = status.isValid() ? status.toInt() : -1;
    if (code != 200)
        m_lastError = QStringLiteral("%1 %2: %3 %4 %5")
                          .arg(QString::fromLatin1(verb), pathAndQuery, QString::number(code),
                               reply->errorString(), QString::fromUtf8(data));
    delete reply;
    return code;
}

QJsonObject PbxSim::state(const QString &domain)
{
    QByteArray answer;
    const QString path =
        QStringLiteral("/sim/state?domain=") + QString::fromLatin1(QUrl::toPercentEncoding(domain));
    if (simRequest("GET", path, QByteArray(), &answer) != 200)
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(answer, &error);
    if (!doc.isObject()) {
        m_lastError = QStringLiteral("/sim/state: %1").arg(error.errorString());
        return QJsonObject();
    }
    return doc.object();
}

bool PbxSim::mutate(const QString &domain)
{
    const QString path = QStringLiteral("/sim/mutate?domain=") +
                         QString::fromLatin1(QUrl::toPercentEncoding(domain));
    return simRequest("POST", path, QByteArray()) == 200;
}

bool PbxSim::addFault(const QString &spec)
{
    return simRequest("POST", QStringLiteral("/sim/fault"), spec.toUtf8()) == 200;
}

bool PbxSim::clearFaults()
{
    return simRequest("POST", QStringLiteral("/sim/fault"), QByteArrayLiteral("clear")) == 200;
}

PbxFleet::PbxFleet(const Options &options) : m_options(options) {}

PbxFleet::~PbxFleet()
{
    stop();
}

bool PbxFleet::start(QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    if (isRunning()) {
        why = QStringLiteral("the pbxsim fleet is already running");
        return false;
    }
    if (!m_ownDir) {
        m_ownDir = std::make_unique<TestDir>();
        if (!m_ownDir->isValid()) {
            why = QStringLiteral("cannot create a temporary directory");
            return false;
        }
    }
    m_manifestPath = m_ownDir->filePath(QStringLiteral("fleet.json"));
    const QString dataDir = m_options.dataDir.isEmpty() ? m_ownDir->filePath(QStringLiteral("data"))
                                                        : m_options.dataDir;
    QStringList args{
        QStringLiteral("--fleet"),          QString::number(m_options.count),
        QStringLiteral("--fleet-manifest"), m_manifestPath,
        QStringLiteral("--listen"),         QStringLiteral("127.0.0.1:%1").arg(m_options.firstPort),
        QStringLiteral("--data-dir"),       dataDir,
        QStringLiteral("--restore-ms"),     QString::number(m_options.restoreMs)};
    if (m_options.failRatio > 0)
        args << QStringLiteral("--fleet-fail-ratio")
             << QString::number(m_options.failRatio, 'g', 17);
    if (m_options.sharedCertificate)
        args << QStringLiteral("--fleet-shared-cert");
    if (m_options.backupSize > 0)
        args << QStringLiteral("--backup-size") << QString::number(m_options.backupSize);
    for (const QString &fault : m_options.faults)
        args << QStringLiteral("--fault") << fault;
    args << m_options.extraArgs;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(QStringLiteral(PBXSIM_PATH), args);
    if (!m_process->waitForStarted(StartTimeoutMs)) {
        why = QStringLiteral("cannot start pbxsim: %1").arg(m_process->errorString());
        m_process.reset();
        return false;
    }
    static const QRegularExpression listening(
        QStringLiteral("^pbxsim fleet of \\d+ listening on https://127\\.0\\.0\\.1, "));
    QDeadlineTimer deadline(60000 + 50 * qint64(m_options.count));
    QByteArray output;
    bool listened = false;
    while (!deadline.hasExpired() && m_readyLine.isEmpty()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(deadline.remainingTime())) {
            while (m_process->canReadLine() && m_readyLine.isEmpty()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                if (line.contains(listening))
                    listened = true;
                else if (listened && line.startsWith(QLatin1String("pbxsim fleet ready")))
                    m_readyLine = line;
                else
                    output += line.toUtf8() + '\n';
            }
        }
        if (m_process->state() != QProcess::Running)
            break;
    }
    if (listened && !m_readyLine.isEmpty())
        return readManifest(&why);
    output += m_process->readAll();
    why = m_process->state() == QProcess::Running
              ? QStringLiteral("the pbxsim fleet printed no listening line in time")
              : QStringLiteral("pbxsim exited with code %1").arg(m_process->exitCode());
    if (!output.trimmed().isEmpty())
        why += QStringLiteral(": ") + QString::fromUtf8(output.trimmed());
    stop();
    return false;
}

bool PbxFleet::readManifest(QString *error)
{
    QFile file(m_manifestPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the fleet manifest %1").arg(m_manifestPath);
        return false;
    }
    m_members.clear();
    const QJsonArray pbxs =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("pbxs")).toArray();
    for (const QJsonValue &value : pbxs) {
        const QJsonObject pbx = value.toObject();
        Member member;
        member.index = pbx.value(QStringLiteral("index")).toInt();
        member.url = QUrl(pbx.value(QStringLiteral("url")).toString());
        member.port = quint16(pbx.value(QStringLiteral("port")).toInt());
        member.domain = pbx.value(QStringLiteral("domain")).toString();
        member.username = pbx.value(QStringLiteral("username")).toString();
        member.password = pbx.value(QStringLiteral("password")).toString();
        member.fingerprint = pbx.value(QStringLiteral("fingerprint")).toString();
        member.firmware = pbx.value(QStringLiteral("firmware")).toString();
        member.dataDir = pbx.value(QStringLiteral("data_dir")).toString();
        member.failing = pbx.value(QStringLiteral("failing")).toBool();
        m_members.append(member);
    }
    if (m_members.size() != m_options.count) {
        *error = QStringLiteral("the fleet manifest lists %1 PBXs, not %2")
                     .arg(m_members.size())
                     .arg(m_options.count);
        return false;
    }
    return true;
}

void PbxFleet::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            qWarning("the pbxsim fleet did not stop on SIGTERM; killing it");
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool PbxFleet::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 PbxFleet::pid() const
{
    return isRunning() ? m_process->processId() : -1;
}

} // namespace pbxvault::test
