#include "PbxAccess.h"

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QPointer>

namespace pbxvault {

PbxClient *PbxAccess::connect(const PbxRecord &pbx, const QString &password, int stallTimeoutMs,
                              const Clock &clock, QObject *parent)
{
    PbxConnection connection;
    connection.baseUrl = pbx.url;
    connection.tenant = pbx.tenant.isEmpty() ? QStringLiteral("default") : pbx.tenant;
    connection.username = pbx.username;
    connection.password = password;
    connection.pinnedFingerprint = pbx.fingerprint;
    auto *client = new PbxClient(connection, parent);
    client->setStallTimeout(stallTimeoutMs);
    client->setClock(clock);
    return client;
}

void PbxAccess::open(SecretStore &secrets, const QString &catalogId, const PbxRecord &pbx,
                     int stallTimeoutMs, const Clock &clock, QObject *context, Callback done)
{
    QPointer<QObject> guard(context);
    secrets.readSecret(
        SecretStore::pbxPasswordKey(catalogId, pbx.id), context,
        [guard, pbx, stallTimeoutMs, clock = &clock, done](const SecretResult &result) {
            if (!guard)
                return;
            if (result.error == SecretError::NotFound) {
                done(nullptr,
                     QCoreApplication::translate("pbxvault::Operations",
                                                 "No password for PBX \"%1\" is stored in the "
                                                 "system keychain. Enter it again in the PBX's "
                                                 "settings.")
                         .arg(pbx.name));
                return;
            }
            if (!result.ok()) {
                done(nullptr,
                     QCoreApplication::translate("pbxvault::Operations",
                                                 "Cannot read the password of PBX \"%1\": %2")
                         .arg(pbx.name, result.message));
                return;
            }
            done(connect(pbx, result.secret, stallTimeoutMs, *clock, guard.data()), QString());
        });
}

} // namespace pbxvault
