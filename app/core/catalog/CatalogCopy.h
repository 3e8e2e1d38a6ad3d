#pragma once

#include <QString>

#include <functional>

namespace pbxvault {

class Catalog;

// Moves a whole catalog to another back end (an SQLite file to a team's PostgreSQL database,
// or back): every row of every table with its id, so the references between backups,
// restores, jobs and copies hold, and the catalog id and encryption key id, so the keychain
// entries and the encrypted backup files still belong to it. PBX locks (held by processes of
// the source) stay behind.
class CatalogCopy
{
public:
    // Rows copied so far, of total; called after every batch.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    // Copies from into to, which must be another, empty catalog (schema only: no PBXs,
    // backups, restores, jobs or copy targets, no encryption key) at the same schema version;
    // anything else is refused and to is left as it was. The copy is one write transaction on
    // to: it ends with per-table row counts and id sums compared with from's (read in one
    // snapshot), and any failure or difference rolls it all back. The id counters of to are
    // set so new rows never reuse an id from's counters had handed out. false and *error on
    // failure.
    // to keeps its old catalogId() in memory: reopen it to use the copied catalog.
    static bool copy(Catalog &from, Catalog &to, const Progress &progress, QString *error);
};

} // namespace pbxvault
