#pragma once

#include "common/ErrorMessage.h"

#include <QString>

namespace pbxvault {

// The root folder of a shared backup store on this machine (a NAS share every team member
// mounts). A marker file at its root names the store and its catalog: a share that is not
// mounted leaves an empty mount point without it, and PBX Vault then refuses to write rather
// than fill the local disk under the mount point, where no one else would find the backups.
class SharedStoreFolder
{
public:
    static const QString kMarkerName; // ".pbxvault-store"

    // Makes folder the root of store name of the catalog catalogId: creates the folder if
    // needed and writes its marker. Refuses a folder whose marker names another store or
    // catalog. Idempotent.
    static bool create(const QString &folder, const QString &name, const QString &catalogId,
                       QString *error);
    // Whether folder is, right now, the root of that store (store.unmapped when folder is
    // empty, store.unreachable when the marker is missing or unreadable, store.other when it
    // names another store or catalog).
    static bool check(const QString &folder, const QString &name, const QString &catalogId,
                      ErrorMessage *why);
};

} // namespace pbxvault
