#pragma once

#include "PbxSim.h"
#include "pbx/PbxClient.h"

#include <QStringList>

namespace pbxvault::test {

// The password of the simulated PBX user; the secrets checks look for it in every log line
// and message.
inline const QString kPassword = QStringLiteral("Vault-Pa55word-q7Zt");
inline const QString kUser = QStringLiteral("admin");

// Records every Qt message (after forwarding it to the previous handler) and turns on the
// pbxvault.* categories, so tests can check what the client logs.
class LogCapture
{
public:
    static void install();
    static QStringList messages();
    // Messages containing text (case-sensitive).
    static QStringList matching(const QString &text);
};

PbxSimOptions simOptions(); // TLS, one user admin with kPassword in the default tenant
bool startSim(PbxSim &sim);
// Connection to sim as kUser/kPassword, pinned to the sim's certificate unless pin is false.
PbxConnection connectionTo(const PbxSim &sim, bool pin = true);

// Waits for call->finished() (at most timeoutMs); true when it was emitted exactly once.
bool waitFinished(PbxCall *call, int timeoutMs = 60000);

// The salt the sim gives to the default tenant and the digest password derived from it.
QString simSalt(PbxSim &sim);
QString digestPassword(const QString &salt);

// Hex SHA-256 of a file, and whether the bytes are a complete, CRC-checked gzip stream.
QString sha256OfFile(const QString &path);
bool isValidGzip(const QByteArray &data, QString *why);

// Fails the test when any captured message or the call's error message contains a secret.
void checkNoSecrets(const PbxCall *call, const QString &salt = QString());

QString kindName(PbxErrorKind kind);

} // namespace pbxvault::test

namespace pbxvault {
// Lets QCOMPARE print error kinds by name (found by argument-dependent lookup).
inline char *toString(PbxErrorKind kind)
{
    return qstrdup(test::kindName(kind).toUtf8().constData());
}
} // namespace pbxvault
