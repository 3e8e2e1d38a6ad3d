#pragma once

#include <QString>

namespace pbxvault::test {

// A throw-away TLS identity for servers the tests start on loopback.
class TestCertificate
{
public:
    // Runs the openssl CLI to write a self-signed EC (P-256) certificate for CN=127.0.0.1 with
    // subjectAltName IP:127.0.0.1 and DNS:localhost, valid two days, into dir (cert.pem,
    // key.pem). sha256Hex receives the lowercase, colon-free SHA-256 of the certificate's DER.
    static bool generate(const QString &dir, QString *certPath, QString *keyPath,
                         QString *sha256Hex, QString *error);

    // Lowercase hex SHA-256 of the DER of the first certificate in a PEM file; empty on error.
    static QString fingerprintOfFile(const QString &pemPath);
};

} // namespace pbxvault::test
