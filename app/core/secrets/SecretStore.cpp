#include "SecretStore.h"
#include "SecretMessages.h"

#include <QCoreApplication>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcSecrets, "pbxvault.secrets")

QString SecretStore::pbxPasswordKey(const QString &catalogId, qint64 pbxId)
{
    return QStringLiteral("catalog/%1/pbx/%2").arg(catalogId).arg(pbxId);
}

namespace secretmessages {
namespace {} // namespace

QString unavailable(const QString &reason)
{
    return QCoreApplication::translate(
               "SecretStore",
               "No system keychain is available (%1). PBX Vault stores passwords only in the "
               "system keychain; start or unlock it and try again.")
        .arg(reason);
}

QString locked()
{
    return unavailable(QCoreApplication::translate("SecretStore", "the keychain is locked"));
}

QString notFound()
{
    return QCoreApplication::translate(
        "SecretStore", "No password is stored in the system keychain for this entry.");
}

QString denied(const QString &detail)
{
    return QCoreApplication::translate("SecretStore",
                                       "Access to the system keychain was refused (%1).")
        .arg(detail);
}

QString other(const QString &detail)
{
    return QCoreApplication::translate("SecretStore", "The system keychain reported an error: %1.")
        .arg(detail);
}

} // namespace secretmessages
} // namespace pbxvault
