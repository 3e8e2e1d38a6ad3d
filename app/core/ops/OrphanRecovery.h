#pragma once

#include "common/ErrorMessage.h"
#include "common/Records.h"
#include "store/BackupStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pbxvault {

class Catalog;

// A process killed between renaming a downloaded backup to its final name and inserting its
// catalog row leaves a file no row points at. At the next start this adopts such a file when
// it verifies intact (origin "recovered") and removes it otherwise, with a job-log row each.
// Only the store folders of PBXs with a backup or restore left "running" by a dead process are
// looked at, so a normal start costs one query. Must run before those rows are marked
// interrupted. An encrypted file cannot be checked before the vault key is loaded: it is kept
// and listed in Result::deferred, for recoverDeferred() once the key is there.
class OrphanRecovery
{
    Q_DECLARE_TR_FUNCTIONS(OrphanRecovery)

public:
    OrphanRecovery(Catalog &catalog, BackupStore &store, const VaultKey *key = nullptr);

    struct Deferred
    {
        qint64 pbxId = 0;
        QString path;
    };
    struct Result
    {
        int adopted = 0;
        int removed = 0;
        int kept = 0; // encrypted, and no key (or another vault's) to check it
        QVector<Deferred> deferred;
    };
    Result run(const QDateTime &nowUtc);
    // The files an earlier run() had to keep, now checked with the key given here.
    Result recoverDeferred(const QVector<Deferred> &files, const QDateTime &nowUtc);

private:
    void recoverPbx(const PbxRecord &pbx, const QDateTime &nowUtc, Result *result);
    void recoverFile(const PbxRecord &pbx, const QString &path, const QDateTime &nowUtc,
                     Result *result);
    QStringList uncataloguedFiles(const QString &folder);
    bool adopt(const PbxRecord &pbx, const QString &path, const VerifyReport &report,
               const QDateTime &nowUtc);
    bool remove(const PbxRecord &pbx, const QString &path, const VerifyReport &report,
                const QDateTime &nowUtc);
    void logJob(const PbxRecord &pbx, JobOutcome outcome, JobError error, qint64 bytes,
                const ErrorMessage &message, const QString &detail, const QDateTime &nowUtc);

    Catalog &m_catalog;
    BackupStore &m_store;
    const VaultKey *m_key = nullptr;
    bool m_pathsRead = false;
    QStringList m_cataloguedPaths;
};

} // namespace pbxvault
