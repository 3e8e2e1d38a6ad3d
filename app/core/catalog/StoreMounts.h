#pragma once

#include <QHash>
#include <QString>

namespace pbxvault {

// Where this machine sees each shared backup store. A team keeps its backups in a folder every
// member mounts (a NAS share), each machine wherever it likes; the catalog records a file in a
// shared store as the store's name and a path relative to its root, so a row written on one
// machine resolves to a local path on every other. Files outside a shared store keep their
// absolute path.
class StoreMounts
{
public:
    // 1 to 64 letters, digits, '.', '_' or '-', not starting with '.': it names a folder
    // marker, a settings key and a catalog value, so nothing that needs quoting.
    static bool isValidName(const QString &name);
    // Why name cannot name a store, for the operator; empty when it can.
    static QString nameProblem(const QString &name);

    void setMount(const QString &name, const QString &root); // an empty root unmaps the name
    QString root(const QString &name) const;                 // empty when not mapped here
    bool isMapped(const QString &name) const { return !root(name).isEmpty(); }
    QHash<QString, QString> all() const { return m_roots; }

    // The local path of a file catalogued as storedPath: storedPath itself without a store;
    // under the store's root otherwise, or empty when the store is not mapped here.
    QString localPath(const QString &store, const QString &storedPath) const;
    // What the catalog records for the local path of a file in store: the path itself without
    // a store, the path relative to the store's root ('/'-separated) otherwise. Empty, with
    // *error, when the store is not mapped here or the path is not inside its root.
    QString storedPath(const QString &store, const QString &localPath, QString *error) const;

private:
    QHash<QString, QString> m_roots;
};

} // namespace pbxvault
