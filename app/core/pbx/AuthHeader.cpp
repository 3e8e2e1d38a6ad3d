#include "AuthHeader.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>

namespace pbxvault::auth {
namespace {

struct Cache
{
    QMutex mutex;
    QHash<QString, QString> salts;
};

Cache &cache()
{
    static Cache instance;
    return instance;
}

// The fields are quoted-strings in one header line.
bool fitsQuotedField(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == '"' || u == '\\' ||
            u == 0x2028 || u == 0x2029)
            return false;
    }
    return true;
}

} // namespace

QByteArray digestPassword(const QString &password, const QString &salt)
{
    const QByteArray input = (password + QLatin1Char('{') + salt + QLatin1Char('}')).toUtf8();
    return QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
}

QString newNonce()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

QString createdText(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

QByteArray header(const QString &username, const QString &domain, const QString &password,
                  const QString &salt, const QString &nonce, const QDateTime &createdUtc)
{
    if (!fitsQuotedField(username) || !fitsQuotedField(domain) || !fitsQuotedField(nonce))
        return {};
    const QString created = createdText(createdUtc);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(nonce.toUtf8());
    hash.addData(digestPassword(password, salt));
    hash.addData(username.toUtf8());
    hash.addData(domain.toUtf8());
    hash.addData(created.toUtf8());
    const QByteArray digest = hash.result().toBase64();

    QByteArray value = "RestApiUsernameToken Username=\"" + username.toUtf8() + "\", Domain=\"" +
                       domain.toUtf8() + "\", Digest=\"" + digest + "\", Nonce=\"" +
                       nonce.toUtf8() + "\", Created=\"" + created.toUtf8() + '"';
    return value;
}

QString SaltCache::key(const QUrl &baseUrl, const QString &domain)
{
    const QUrl base = baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery |
                                       QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    return base.toString(QUrl::FullyEncoded) + QLatin1Char('|') + domain;
}

bool SaltCache::find(const QString &key, QString *salt)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    const auto it = c.salts.constFind(key);
    if (it == c.salts.constEnd())
        return false;
    *salt = it.value();
    return true;
}

void SaltCache::insert(const QString &key, const QString &salt)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    c.salts.insert(key, salt);
}

void SaltCache::remove(const QString &key)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    c.salts.remove(key);
}

} // namespace pbxvault::auth
