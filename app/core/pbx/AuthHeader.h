#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace pbxvault::auth {

// lowercase hex(SHA-256(password + "{" + salt + "}")); a secret, never log it.
QByteArray digestPassword(const QString &password, const QString &salt);
// Random hex from the system CSPRNG, 32 characters.
QString newNonce();
// The "Created" field: UTC, yyyy-MM-ddThh:mm:ssZ.
QString createdText(const QDateTime &utc);
// Empty when a field would break the header's quoting or lines (quote, backslash, control
// characters): such a header is never built.
QByteArray header(const QString &username, const QString &domain, const QString &password,
                  const QString &salt, const QString &nonce, const QDateTime &createdUtc);

// Process-wide cache of tenant salts, keyed by base URL and domain. Thread-safe.
class SaltCache
{
public:
    static QString key(const QUrl &baseUrl, const QString &domain);
    static bool find(const QString &key, QString *salt);
    static void insert(const QString &key, const QString &salt);
    static void remove(const QString &key);
};

} // namespace pbxvault::auth
