#include "BackupFlow.h"

#include "Job.h"
#include "Operations.h"
#include "PbxAccess.h"
#include "Vault.h"
#include "store/BackupStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QHostInfo>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>

namespace pbxvault {
BackupFlow::BackupFlow(Vault &vault, const PbxRecord &pbx, BackupOrigin origin,
                       const QString &comment, Job *job, int stallTimeoutMs, const Clock &clock)
    : QObject(job), m_vault(vault), m_pbx(pbx), m_origin(origin), m_comment(comment), m_job(job),
      m_stallTimeoutMs(stallTimeoutMs), m_clock(clock)
{}

BackupFlow::~BackupFlow() = default;

QString BackupFlow::defaultFileName(const QString &pbxName, const QDateTime &whenUtc,
                                    const QString &firmware)
{
    // The vendor's own client refuses names with spaces; keep names shell- and URL-friendly.
    QString base = pbxName;
    for (QChar &c : base) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
              c == QLatin1Char('.')))
            c = QLatin1Char('-');
    }
    QString fw = firmware;
    for (QChar &c : fw) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-')))
            c = QLatin1Char('-');
    }
    const QString stamp = whenUtc.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString name = QStringLiteral("%1_%2").arg(base, stamp);
    if (!fw.isEmpty())
        name += QLatin1Char('_') + fw;
    return BackupStore::sanitizeFileName(name + QStringLiteral(".bak"));
}

void BackupFlow::start()
{
    // An encrypted vault never gets a plain file: without its key, fail before the PBX is
    // even asked (queued, as a failure from the keychain would be).
    const VaultKey *key = nullptr;
    ErrorMessage noKey;
    if (!m_vault.keyForWriting(&key, &noKey)) {
        QMetaObject::invokeMethod(
            this, [this, noKey] { finishWith(0, JobFailure::of(JobError::Keychain, noKey)); },
            Qt::QueuedConnection);
        return;
    }
    if (key)
        m_key = *key;
    // Nor does a shared store that is not mounted get its files on the local disk.
    ErrorMessage noStore;
    if (!m_vault.storeForWriting(&noStore)) {
        QMetaObject::invokeMethod(
            this, [this, noStore] { finishWith(0, JobFailure::of(JobError::Disk, noStore)); },
            Qt::QueuedConnection);
        return;
    }
    if (m_job)
        m_job->setStage(tr("Reading the password of %1").arg(m_pbx.name));
    PbxAccess::open(m_vault.secrets(), m_vault.catalog().catalogId(), m_pbx, m_stallTimeoutMs,
                    m_clock, this, [this](PbxClient *client, const QString &error) {
                        if (!client) {
                            finishWith(0, JobFailure::of(JobError::Keychain, error));
                            return;
                        }
                        m_client = client;
                        m_client->setHashDownloads(false); // the incoming file hashes it
                        // The PBX's firmware today says nothing about the firmware a backup
                        // it kept was made on: a fetched backup records none.
                        if (isFetch())
                            resolveAddress();
                        else
                            fetchFirmware();
                    });
}

void BackupFlow::cancel()
{
    m_cancelled = true;
    if (m_call)
        m_call->cancel();
}

void BackupFlow::fetchFirmware()
{
    if (m_cancelled) {
        finishWith(0, JobFailure::of(JobError::Cancelled, ErrorMessage("job.cancelled")));
        return;
    }
    if (m_job)
        m_job->setStage(tr("Asking %1 for its firmware version").arg(m_pbx.name));
    m_call = m_client->fetchFirmware();
    connect(m_call, &PbxCall::finished, this, [this, call = m_call.data()] {
        call->deleteLater();
        if (!call->ok()) {
            finishWith(0, JobFailure::fromPbx(call->error()));
            return;
        }
        m_firmware = call->firmware();
        resolveAddress();
    });
}

void BackupFlow::resolveAddress()
{
    const QString host = m_pbx.url.host();
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_masterIp = literal.toString();
        transfer();
        return;
    }
    QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                m_masterIp = a.toString();
                break;
            }
        }
        if (m_masterIp.isEmpty() && !info.addresses().isEmpty())
            m_masterIp = info.addresses().constFirst().toString();
        transfer();
    });
}

void BackupFlow::transfer()
{
    if (isFetch())
        download();
    else
        create();
}

void BackupFlow::download()
{
    if (m_cancelled) {
        finishWith(0, JobFailure::of(JobError::Cancelled, ErrorMessage("job.cancelled")));
        return;
    }
    // The store turns the untrusted name into a safe local file name, as for created backups.
    m_fileName = m_remoteName;
    if (!beginIncoming(m_remoteName))
        return;
    if (m_job)
        m_job->setStage(
            tr("Fetching %1 from %2").arg(Operations::displayName(m_remoteName), m_pbx.name));
    m_call = m_client->downloadBackup(m_remoteName, m_incoming->device());
    connect(m_call, &PbxCall::progress, this, [this](qint64 done, qint64 total) {
        if (m_job)
            m_job->setProgress(done, total);
    });
    connect(m_call, &PbxCall::finished, this, [this, call = m_call.data()] {
        call->deleteLater();
        commit(call);
    });
}

QString BackupFlow::fetchedFileName(const QString &remoteName, const QString &storedPath)
{
    if (BackupStore::sanitizeFileName(remoteName) == remoteName)
        return remoteName;
    return QFileInfo(storedPath).fileName();
}

namespace {
// Percent-encoding keeps [A-Za-z0-9._~-] as is, so ordinary names read unchanged, and it never
// produces a double quote, so a quoted encoded name cannot match part of another one.
QString quotedRemoteName(const QString &remoteName)
{
    return QLatin1Char('"') + QString::fromLatin1(QUrl::toPercentEncoding(remoteName)) +
           QLatin1Char('"');
}
} // namespace

QString BackupFlow::fetchedComment(const QString &remoteName)
{
    return tr("Fetched from the PBX, where it is named %1").arg(quotedRemoteName(remoteName));
}

QString BackupFlow::remoteNameOf(const BackupRecord &backup)
{
    if (backup.origin != BackupOrigin::Fetched)
        return backup.filename;
    // A fetched backup's filename may be a sanitised stand-in that another PBX name could
    // equal: only the name it recorded counts (the last quoted part of its comment).
    const int close = int(backup.comment.lastIndexOf(QLatin1Char('"')));
    const int open = close > 0 ? int(backup.comment.lastIndexOf(QLatin1Char('"'), close - 1)) : -1;
    if (open < 0)
        return {};
    const QString encoded = backup.comment.mid(open + 1, close - open - 1);
    return QUrl::fromPercentEncoding(encoded.toLatin1());
}

bool BackupFlow::beginIncoming(const QString &requestedName)
{
    QString error;
    m_incoming = m_vault.store().begin(m_pbx.name, m_pbx.tenant, requestedName, &error);
    if (m_incoming && !m_key.isNull() && !m_incoming->encryptWith(m_key, &error))
        m_incoming.reset(); // removes the temp file
    // The verification reads the archive as it arrives instead of the file afterwards.
    if (m_incoming) {
        m_incoming->checkArchiveAsWritten();
        // The download's thread then only receives; without the thread it writes itself.
        m_incoming->writeBehind();
    }
    if (!m_incoming) {
        finishWith(0, JobFailure::of(JobError::Disk, error));
        return false;
    }
    return true;
}

void BackupFlow::create()
{
    if (m_cancelled) {
        finishWith(0, JobFailure::of(JobError::Cancelled, ErrorMessage("job.cancelled")));
        return;
    }
    m_fileName = defaultFileName(m_pbx.name, m_clock.nowUtc(), m_firmware);
    if (!beginIncoming(m_fileName))
        return;
    if (m_job)
        m_job->setStage(tr("Backing up %1").arg(m_pbx.name));
    m_call = m_client->createBackup(m_firmware, m_fileName, m_comment, m_incoming->device());
    connect(m_call, &PbxCall::progress, this, [this](qint64 done, qint64 total) {
        if (m_job)
            m_job->setProgress(done, total);
    });
    connect(m_call, &PbxCall::finished, this, [this, call = m_call.data()] {
        call->deleteLater();
        commit(call);
    });
}

void BackupFlow::commit(PbxCall *call)
{
    if (!call->ok()) {
        m_incoming.reset(); // removes the partial file
        JobFailure failure = JobFailure::fromPbx(call->error());
        // A name the PBX does not know is "no such backup" for scripts, as a wrong backup id.
        if (isFetch() && call->error().kind == PbxErrorKind::NotFound)
            failure.kind = JobError::NotFound;
        finishWith(0, failure);
        return;
    }
    QString path;
    QString error;
    if (!m_incoming->commit(&path, &error)) {
        m_incoming.reset();
        finishWith(0, JobFailure::of(JobError::Disk, error));
        return;
    }
    // Only the last queued bytes are left to check and hash: commit() synced the file meanwhile.
    const std::optional<VerifyReport> asWritten = m_incoming->archiveReport();
    const QString sha256 = m_incoming->sha256();
    m_incoming.reset();
    // A crash from here until the catalog row exists leaves a file no row points at; recovery
    // at the next start adopts it if it verifies, or removes it (OrphanRecovery).
    verify(path, call->bytes(), sha256, asWritten);
}

void BackupFlow::verify(const QString &path, qint64 size, const QString &sha256,
                        const std::optional<VerifyReport> &asWritten)
{
    if (m_job)
        m_job->setStage(tr("Verifying the backup of %1").arg(m_pbx.name));
    Q_EMIT verifying(QFileInfo(path).fileName());
    if (asWritten) {
        // Queued, as a verdict from the worker thread arrives.
        QMetaObject::invokeMethod(
            this,
            [this, path, size, sha256, report = *asWritten] { judge(path, size, sha256, report); },
            Qt::QueuedConnection);
        return;
    }
    auto *watcher = new QFutureWatcher<VerifyReport>(this);
    connect(watcher, &QFutureWatcher<VerifyReport>::finished, this,
            [this, watcher, path, size, sha256] {
                watcher->deleteLater();
                judge(path, size, sha256, watcher->result());
            });
    watcher->setFuture(QtConcurrent::run([path, sha256, key = m_key] {
        return BackupStore::verify(path, sha256, key.isNull() ? nullptr : &key);
    }));
}

void BackupFlow::judge(const QString &path, qint64 size, const QString &sha256,
                       const VerifyReport &report)
{
    Q_EMIT verified(report);
    if (m_job)
        m_job->setVerifyState(report.state);
    if (report.state == VerifyState::Intact) {
        record(path, size, sha256);
        return;
    }
    QString ignored;
    m_vault.store().removeFile(path, &ignored);
    if (report.state == VerifyState::ChecksumOnly) {
        finishWith(0,
                   JobFailure::of(
                       JobError::Unreadable,
                       ErrorMessage("backup.unreadable").arg(m_pbx.name).arg(describeBytes(size))));
    } else {
        finishWith(
            0, JobFailure::of(JobError::Corrupt,
                              ErrorMessage("backup.damaged").arg(m_pbx.name).arg(report.coded)));
    }
}

ErrorMessage BackupFlow::describeBytes(qint64 size)
{
    if (size == 0)
        return ErrorMessage("backup.empty_answer");
    const int bytes = size > INT_MAX ? INT_MAX : int(size);
    return ErrorMessage("backup.bytes").plural(bytes);
}

void BackupFlow::record(const QString &path, qint64 size, const QString &sha256)
{
    BackupRecord backup;
    backup.pbxId = m_pbx.id;
    backup.pbxName = m_pbx.name;
    // Created: the name the PBX keeps it under, too. Fetched: see fetchedFileName().
    backup.filename = isFetch() ? fetchedFileName(m_remoteName, path) : m_fileName;
    backup.size = size;
    backup.sha256 = sha256;
    backup.createdAt = m_clock.nowUtc();
    backup.masterIp = m_masterIp;
    backup.tenant = m_pbx.tenant;
    backup.path = path;
    backup.store = m_vault.sharedStore();
    backup.firmware = m_firmware;
    backup.comment = isFetch() ? fetchedComment(m_remoteName) : m_comment;
    backup.origin = m_origin;
    backup.verified = VerifyState::Intact;
    backup.verifiedAt = backup.createdAt;
    if (!m_vault.catalog().addBackup(&backup)) {
        // Without a catalog row the file would be an orphan nobody sees: remove it.
        QString ignored;
        m_vault.store().removeFile(path, &ignored);
        finishWith(0, JobFailure::of(
                          JobError::Catalog,
                          ErrorMessage("backup.not_recorded").arg(m_vault.catalog().lastError())));
        return;
    }
    if (m_job)
        m_job->setBytes(backup.size);
    finishWith(backup.id);
}

void BackupFlow::finishWith(qint64 backupId, const JobFailure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT done(backupId, failure);
}

} // namespace pbxvault
