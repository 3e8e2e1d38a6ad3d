#pragma once

// Why did the Secret Service fail? QtKeychain's libsecret backend reports a missing D-Bus, a
// missing keyring daemon and a locked keyring as a generic error, or (a locked keyring whose
// unlock prompt cannot be shown) as "not found". This asks the service directly.

#include <QString>

#include <functional>

namespace pbxvault {

struct SecretServiceStatus
{
    enum Kind
    {
        Usable,              // reachable, default collection unlocked
        NoBus,               // no D-Bus session bus
        NoService,           // nothing provides org.freedesktop.secrets
        NoDefaultCollection, // the service has no default keyring
        Locked,              // the default keyring is locked
        Unknown              // the probe itself failed in another way
    };
    Kind kind = Unknown;
    QString detail;
};

// Calls done later from the event loop (never inside this call).
void probeSecretService(int timeoutMs, std::function<void(const SecretServiceStatus &)> done);

} // namespace pbxvault
