#include "SecretServiceProbe.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace pbxvault {
namespace {

SecretServiceStatus statusOf(const QDBusError &error)
{
    SecretServiceStatus status;
    status.detail = error.message().isEmpty() ? error.name() : error.message();
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
    case QDBusError::NoServer:
    case QDBusError::Disconnected:
        status.kind = SecretServiceStatus::NoService;
        return status;
    case QDBusError::UnknownObject:
    case QDBusError::UnknownMethod:
    case QDBusError::UnknownInterface:
    case QDBusError::UnknownProperty:
    case QDBusError::InvalidArgs:
        status.kind = SecretServiceStatus::NoDefaultCollection;
        return status;
    default:
        break;
    }
    if (error.name().startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn")))
        status.kind = SecretServiceStatus::NoService;
    else if (error.name() == QLatin1String("org.freedesktop.Secret.Error.NoSuchObject"))
        status.kind = SecretServiceStatus::NoDefaultCollection;
    return status;
}

} // namespace

void probeSecretService(int timeoutMs, std::function<void(const SecretServiceStatus &)> done)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        SecretServiceStatus status{SecretServiceStatus::NoBus, bus.lastError().message()};
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [done, status] { done(status); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, timeoutMs));
    QObject::connect(
        watcher, &QDBusPendingCallWatcher::finished, watcher,
        [done](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<QDBusVariant> reply = *finished;
            if (reply.isError()) {
                done(statusOf(reply.error()));
                return;
            }
            const bool locked = reply.value().variant().toBool();
            done({locked ? SecretServiceStatus::Locked : SecretServiceStatus::Usable, QString()});
        });
}

} // namespace pbxvault
