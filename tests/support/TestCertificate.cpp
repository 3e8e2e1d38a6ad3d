#include "TestCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>

namespace pbxvault::test {

bool TestCertificate::generate(const QString &dir, QString *certPath, QString *keyPath,
                               QString *sha256Hex, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("cannot create %1").arg(dir));
    const QString cert = QDir(dir).filePath(QStringLiteral("cert.pem"));
    const QString key = QDir(dir).filePath(QStringLiteral("key.pem"));

    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
    if (!openssl.waitForStarted(10000))
        return fail(QStringLiteral("cannot run openssl: %1").arg(openssl.errorString()));
    if (!openssl.waitForFinished(30000)) {
        openssl.kill();
        openssl.waitForFinished();
        return fail(QStringLiteral("openssl did not finish"));
    }
    if (openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        return fail(QStringLiteral("openssl failed: %1")
                        .arg(QString::fromLocal8Bit(openssl.readAll()).trimmed()));

    const QString fingerprint = fingerprintOfFile(cert);
    if (fingerprint.isEmpty())
        return fail(QStringLiteral("openssl wrote no readable certificate to %1").arg(cert));
    if (certPath)
        *certPath = cert;
    if (keyPath)
        *keyPath = key;
    if (sha256Hex)
        *sha256Hex = fingerprint;
    return true;
}

QString TestCertificate::fingerprintOfFile(const QString &pemPath)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(pemPath, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull())
        return QString();
    return QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex());
}

} // namespace pbxvault::test
