#include "OrphanRecovery.h"

#include "Operations.h"
#include "catalog/Catalog.h"
#include "crypto/EncryptedFile.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace pbxvault {

namespace {

// The same file however its path was spelled when it was catalogued (a data directory reached
// through a symlink, a relative path).
QString pathKey(const QString &path)
{
    const QFileInfo info(path);
    QString key = info.canonicalFilePath();
    if (key.isEmpty())
        key = QDir::cleanPath(info.absoluteFilePath());
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    key = key.toLower();
#endif
    return key;
}

QString fileNameOf(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

// Backups are named <pbx>_<yyyyMMdd-HHmmss>_<firmware>.bak (BackupFlow::defaultFileName);
// the firmware lets a later restore warn about newer firmware.
QString firmwareFromName(const QString &fileName)
{
    static const QRegularExpression pattern(
        QStringLiteral("_\\d{8}-\\d{6}_([0-9A-Za-z][0-9A-Za-z.\\-]*?)(?:-\\d+)?\\.bak$"));
    return pattern.match(fileName).captured(1);
}

} // namespace

OrphanRecovery::OrphanRecovery(Catalog &catalog, BackupStore &store, const VaultKey *key)
    : m_catalog(catalog), m_store(store), m_key(key)
{}

OrphanRecovery::Result OrphanRecovery::run(const QDateTime &nowUtc)
{
    Result result;
    const QVector<qint64> pbxIds = m_catalog.pbxsWithJobsLeftRunning();
    if (pbxIds.isEmpty())
        return result;
    const QString owner = Catalog::lockOwnerId();
    for (const qint64 pbxId : pbxIds) {
        const std::optional<PbxRecord> pbx = m_catalog.pbx(pbxId);
        if (!pbx)
            continue;
        // Holding the PBX lock means no live process is between its rename and its insert in
        // this folder right now (the backup pipeline holds the lock across both).
        if (!m_catalog.tryLockPbx(pbxId, owner, nowUtc)) {
            qCInfo(lcOps).noquote() << "orphan recovery: another process is working on" << pbx->name
                                    << "- its folder is left alone";
            continue;
        }
        recoverPbx(*pbx, nowUtc, &result);
        m_catalog.unlockPbx(pbxId, owner);
    }
    if (result.adopted + result.removed + result.kept > 0)
        qCInfo(lcOps) << "orphan recovery: adopted" << result.adopted << "removed" << result.removed
                      << "kept until the key is loaded" << result.kept;
    return result;
}

OrphanRecovery::Result OrphanRecovery::recoverDeferred(const QVector<Deferred> &files,
                                                       const QDateTime &nowUtc)
{
    Result result;
    const QString owner = Catalog::lockOwnerId();
    for (const Deferred &file : files) {
        const std::optional<PbxRecord> pbx = m_catalog.pbx(file.pbxId);
        if (!pbx || !QFileInfo::exists(file.path))
            continue;
        if (!m_catalog.tryLockPbx(pbx->id, owner, nowUtc)) {
            result.deferred.append(file);
            continue;
        }
        // Another process (a second window, the daemon) may have adopted it meanwhile.
        m_pathsRead = false;
        if (uncataloguedFiles(QFileInfo(file.path).absolutePath()).contains(file.path))
            recoverFile(*pbx, file.path, nowUtc, &result);
        m_catalog.unlockPbx(pbx->id, owner);
    }
    return result;
}

void OrphanRecovery::recoverPbx(const PbxRecord &pbx, const QDateTime &nowUtc, Result *result)
{
    const QString folder = m_store.folderFor(pbx.name, pbx.tenant);
    if (!QFileInfo(folder).isDir())
        return;
    const QStringList orphans = uncataloguedFiles(folder);
    for (const QString &path : orphans)
        recoverFile(pbx, path, nowUtc, result);
}

void OrphanRecovery::recoverFile(const PbxRecord &pbx, const QString &path, const QDateTime &nowUtc,
                                 Result *result)
{
    const bool encrypted = isEncryptedFile(path);
    const auto keep = [&] {
        // Unreadable without the right key is not damage: never delete it for that.
        ++result->kept;
        result->deferred.append({pbx.id, path});
        qCInfo(lcOps).noquote() << "orphan recovery: kept encrypted"
                                << QDir::toNativeSeparators(path) << "until its key is loaded";
    };
    if (encrypted && !m_key) {
        keep();
        return;
    }
    // No checksum was recorded: the file's own one is taken, and only a full read of the
    // archive can say whether the download finished.
    QString ignored;
    const QString sha256 = BackupStore::sha256OfFile(path, &ignored, m_key);
    const VerifyReport report = BackupStore::verify(path, sha256, m_key);
    if (encrypted && report.state == VerifyState::Unverified) {
        keep(); // another vault's key
        return;
    }
    if (report.state == VerifyState::Intact) {
        if (adopt(pbx, path, report, nowUtc))
            ++result->adopted;
    } else if (remove(pbx, path, report, nowUtc)) {
        ++result->removed;
    }
}

QStringList OrphanRecovery::uncataloguedFiles(const QString &folder)
{
    QStringList candidates;
    QSet<QString> names;
    const QFileInfoList entries = QDir(folder).entryInfoList(
        QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo &entry : entries) {
        // Temp files (".<name>.pbxvault-part-XXXXXX") may belong to a live process; the store's
        // stale-temp sweep decides about them. The store never gives a final name a leading dot.
        if (entry.fileName().startsWith(QLatin1Char('.')))
            continue;
        candidates << entry.absoluteFilePath();
        names.insert(entry.fileName());
    }
    if (candidates.isEmpty())
        return {};
    if (!m_pathsRead) {
        m_cataloguedPaths = m_catalog.backupPaths();
        if (!m_catalog.lastError().isEmpty()) {
            // Without the list every file would look orphaned, catalogued ones included.
            qCWarning(lcOps).noquote()
                << "orphan recovery skipped: cannot read the catalog:" << m_catalog.lastError();
            return {};
        }
        m_pathsRead = true;
    }
    QSet<QString> catalogued;
    for (const QString &path : std::as_const(m_cataloguedPaths)) {
        if (names.contains(fileNameOf(QDir::fromNativeSeparators(path))))
            catalogued.insert(pathKey(path));
    }
    QStringList orphans;
    for (const QString &path : std::as_const(candidates)) {
        if (!catalogued.contains(pathKey(path)))
            orphans << path;
    }
    return orphans;
}

bool OrphanRecovery::adopt(const PbxRecord &pbx, const QString &path, const VerifyReport &report,
                           const QDateTime &nowUtc)
{
    const QFileInfo info(path);
    BackupRecord backup;
    backup.pbxId = pbx.id;
    backup.pbxName = pbx.name;
    backup.filename = info.fileName();
    backup.size = report.size;
    backup.sha256 = report.sha256;
    // The download ended when the file was last written.
    backup.createdAt = info.lastModified().toUTC();
    if (!backup.createdAt.isValid())
        backup.createdAt = nowUtc;
    backup.tenant = pbx.tenant;
    backup.path = path;
    backup.firmware = firmwareFromName(backup.filename);
    backup.comment = tr("Recovered after an interrupted backup.");
    backup.origin = BackupOrigin::Recovered;
    backup.verified = VerifyState::Intact;
    backup.verifiedAt = nowUtc;
    if (!m_catalog.addBackup(&backup)) {
        // The file stays: a good backup is never deleted because the catalog failed.
        qCWarning(lcOps).noquote() << "orphan recovery: cannot catalogue"
                                   << QDir::toNativeSeparators(path) << m_catalog.lastError();
        return false;
    }
    qCInfo(lcOps).noquote() << "orphan recovery: adopted" << QDir::toNativeSeparators(path)
                            << "as backup" << backup.id << "of" << pbx.name;
    logJob(pbx, JobOutcome::Success, JobError::None, backup.size, ErrorMessage(),
           tr("recovered %1").arg(backup.filename), nowUtc);
    return true;
}

bool OrphanRecovery::remove(const PbxRecord &pbx, const QString &path, const VerifyReport &report,
                            const QDateTime &nowUtc)
{
    QString error;
    if (!m_store.removeFile(path, &error)) {
        qCWarning(lcOps).noquote()
            << "orphan recovery: cannot remove" << QDir::toNativeSeparators(path) << error;
        return false;
    }
    qCInfo(lcOps).noquote()
        << "orphan recovery: removed" << QDir::toNativeSeparators(path)
        << QStringLiteral("(%1: %2)").arg(toString(report.state), report.message);
    logJob(pbx, JobOutcome::Failed, JobError::Corrupt, 0,
           ErrorMessage("backup.orphan_removed").arg(report.coded),
           tr("removed %1").arg(fileNameOf(path)), nowUtc);
    return true;
}

void OrphanRecovery::logJob(const PbxRecord &pbx, JobOutcome outcome, JobError error, qint64 bytes,
                            const ErrorMessage &message, const QString &detail,
                            const QDateTime &nowUtc)
{
    JobRecord job;
    job.kind = JobKind::Verify;
    job.trigger = JobTrigger::Manual;
    job.pbxId = pbx.id;
    job.pbxName = pbx.name;
    job.startedAt = nowUtc;
    job.detail = detail;
    if (!m_catalog.beginJob(&job) ||
        !m_catalog.finishJob(job.id, outcome, bytes, message.text(), nowUtc, error, message))
        qCWarning(lcOps).noquote()
            << "orphan recovery: cannot write the job log:" << m_catalog.lastError();
}

} // namespace pbxvault
