#pragma once

#include "common/Clock.h"
#include "common/Records.h"
#include "pbx/PbxClient.h"

#include <functional>

namespace pbxvault {

class SecretStore;

// Opens a PbxClient for a registered PBX with its password from the keychain.
class PbxAccess
{
public:
    using Callback = std::function<void(PbxClient *client, const QString &error)>;
    // client is parented to context; error is set (and client null) when the password cannot
    // be read. Called asynchronously, never after context is destroyed.
    static void open(SecretStore &secrets, const QString &catalogId, const PbxRecord &pbx,
                     int stallTimeoutMs, const Clock &clock, QObject *context, Callback done);
    static PbxClient *connect(const PbxRecord &pbx, const QString &password, int stallTimeoutMs,
                              const Clock &clock, QObject *parent);
};

} // namespace pbxvault
