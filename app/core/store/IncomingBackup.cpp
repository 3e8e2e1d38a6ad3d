#include "BackupStore.h"
#include "FileNames.h"
#include "FileOps.h"
#include "IncomingBackup_p.h"
#include "VerifyVerdict.h"

#include <QCoreApplication>
#include <QDir>

namespace pbxvault {
namespace {

constexpr int kMaxTempAttempts = 100;
constexpr int kMaxNumberedNames = 10000;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

// The file under a HashingFile, as a device an EncryptingWriter writes to.
class RawSink : public QIODevice
{
public:
    explicit RawSink(HashingFile *file) : m_file(file) { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override
    {
        const qint64 n = m_file->writeRaw(data, len);
        if (n < len)
            setErrorString(m_file->rawErrorString());
        return n;
    }

private:
    HashingFile *m_file;
};

HashingFile::~HashingFile()
{
    abortWriteBehind();
}

bool HashingFile::encryptWith(const VaultKey &key, QString *error)
{
    if (m_written > 0 || m_encrypter) {
        *error = QCoreApplication::translate(
            "BackupStore", "Encryption must be set before the backup file is written.");
        return false;
    }
    m_rawSink = std::make_unique<RawSink>(this);
    m_encrypter = std::make_unique<EncryptingWriter>(key, m_rawSink.get());
    if (m_encrypter->error() != CryptoError::None) {
        *error = m_encrypter->errorString();
        m_encrypter.reset();
        return false;
    }
    return true;
}

bool HashingFile::finishEncryption(QString *error)
{
    if (!m_encrypter || m_encrypter->isFinished())
        return true;
    if (!m_encrypter->finish()) {
        *error = m_encrypter->errorString();
        return false;
    }
    return true;
}

bool HashingFile::checkArchive()
{
    if (m_written > 0 || m_check)
        return false;
    // The check's worker hashes the stream, off the download's thread.
    m_check = std::make_unique<StreamingArchiveCheck>(StreamingArchiveCheck::Hashing::HashInput);
    return true;
}

qint64 HashingFile::writeRaw(const char *data, qint64 len)
{
    QFileDevice &target = m_behindFile ? static_cast<QFileDevice &>(*m_behindFile) : *this;
    qint64 total = 0;
    // QFile reports a short write (file size limit, disk filling up) as success; writing the
    // rest at once turns it into an error the caller and commit() both see.
    while (total < len) {
        const qint64 written = m_behindFile ? m_behindFile->write(data + total, len - total)
                                            : QFile::writeData(data + total, len - total);
        if (written <= 0)
            return total > 0 ? total : written;
        total += written;
        m_writeback.written(target, written);
    }
    return total;
}

QString HashingFile::rawErrorString() const
{
    return m_behindFile ? m_behindFile->errorString() : errorString();
}

bool HashingFile::store(const char *data, qint64 len, QString *error)
{
    if (m_encrypter) {
        if (!m_encrypter->write(QByteArrayView(data, len))) {
            *error = m_encrypter->errorString();
            return false;
        }
    } else if (writeRaw(data, len) != len) {
        *error = rawErrorString();
        return false;
    }
    if (m_check)
        m_check->write(data, len);
    else
        m_hash.addData(QByteArrayView(data, len));
    return true;
}

bool HashingFile::writeBehind(QString *error)
{
    if (m_written > 0 || m_behind || !isOpen()) {
        *error = QStringLiteral("the write thread must start before the first write");
        return false;
    }
    auto file = std::make_unique<QFile>();
    if (!file->open(handle(), QIODevice::WriteOnly | QIODevice::Unbuffered,
                    QFileDevice::DontCloseHandle)) {
        *error = file->errorString();
        return false;
    }
    m_behindFile = std::move(file);
    m_behind = std::make_unique<WriteBehind>(
        [this](const char *data, qint64 len, QString *why) { return store(data, len, why); });
    return true;
}

bool HashingFile::finishWriteBehind(QString *error)
{
    if (m_behind) {
        if (!m_behind->drain())
            m_behindError = m_behind->errorString();
        m_behind->stop();
        m_behind.reset();
        // m_behindFile stays: the final chunk of an encryption is written through it.
    }
    if (m_behindError.isEmpty())
        return true;
    *error = m_behindError;
    return false;
}

void HashingFile::abortWriteBehind()
{
    if (!m_behind)
        return;
    m_behind->stop();
    m_behind.reset();
    m_behindError = QStringLiteral("discarded");
}

bool HashingFile::seek(qint64 pos)
{
    QString error;
    if (!finishWriteBehind(&error)) {
        setErrorString(error);
        return false;
    }
    return QFile::seek(pos);
}

qint64 HashingFile::writeData(const char *data, qint64 len)
{
    const qint64 at = pos();
    if (at != m_hashed && m_sequential) {
        m_sequential = false;
        if (m_check)
            m_check->abandon(QStringLiteral("the writer moved in the file"));
    }
    if (m_behind) {
        // seek() ends the thread: what reaches it is sequential.
        if (!m_behind->write(data, len)) {
            setErrorString(m_behind->errorString());
            return -1;
        }
        m_written += len;
        m_hashed += len;
        return len;
    }
    if (!m_behindError.isEmpty()) {
        setErrorString(m_behindError);
        return -1;
    }
    if (m_encrypter) {
        // An encrypted stream cannot be patched afterwards.
        QString error = QStringLiteral("seek in an encrypted file");
        if (!m_sequential || !store(data, len, &error)) {
            setErrorString(error);
            return -1;
        }
        m_written += len;
        m_hashed += len;
        return len;
    }
    qint64 total = 0;
    // QFile reports a short write (file size limit, disk filling up) as success; writing the
    // rest at once turns it into an error the caller and commit() both see.
    while (total < len) {
        const qint64 written = QFile::writeData(data + total, len - total);
        if (written <= 0)
            return total > 0 ? total : written;
        if (m_sequential) {
            if (m_check)
                m_check->write(data + total, written);
            else
                m_hash.addData(QByteArrayView(data + total, written));
        }
        total += written;
        m_written += written;
        m_hashed += written;
        m_writeback.written(*this, written);
    }
    return total;
}

QString HashingFile::sha256Hex() const
{
    if (!m_sequential)
        return QString();
    // The write thread hashes or feeds the check: what it holds is taken first.
    if (m_behind && !m_behind->drain())
        return QString();
    if (!m_check)
        return m_hash.hex();
    // Waits for the check's worker, which has the last bytes once commit() ended the input.
    const StreamingArchiveCheck::Verdict verdict = m_check->finish();
    return verdict.hashedBytes == m_written ? verdict.sha256 : QString();
}

bool IncomingBackup::Private::create(const QString &inFolder, const QString &sanitisedName,
                                     QString *error)
{
    folder = inFolder;
    name = sanitisedName;
    for (int attempt = 0; attempt < kMaxTempAttempts; ++attempt) {
        tempPath = folder + QLatin1Char('/') + filenames::tempName(name);
        file.setFileName(tempPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (QFileInfo::exists(tempPath))
                continue;
            *error =
                QCoreApplication::translate("BackupStore", "Cannot create a file in \"%1\": %2.")
                    .arg(native(folder), file.errorString());
            qCWarning(lcStore).noquote() << *error;
            return false;
        }
        if (fileops::lockAsInUse(file)) {
            qCDebug(lcStore).noquote() << "writing" << native(tempPath);
            return true;
        }
        // Another process cleaning stale files removed it before we locked it: try again.
        file.close();
    }
    *error = QCoreApplication::translate("BackupStore", "Cannot create a temporary file in \"%1\".")
                 .arg(native(folder));
    qCWarning(lcStore).noquote() << *error;
    return false;
}

bool IncomingBackup::Private::commit(QString *finalPath, QString *error)
{
    if (finished) {
        *error = QCoreApplication::translate("BackupStore",
                                             "The backup file was already saved or discarded.");
        return false;
    }
    const QString shownName = native(folder + QLatin1Char('/') + name);
    QString behindError;
    if (!file.finishWriteBehind(&behindError))
        return fail(QCoreApplication::translate("BackupStore",
                                                "Could not write the backup file \"%1\": %2.")
                        .arg(shownName, behindError),
                    error);
    // The check reads the last bytes while the file is synced.
    if (file.archiveCheck())
        file.archiveCheck()->endInput();
    QString encryptionError;
    if (!file.finishEncryption(&encryptionError))
        return fail(
            QCoreApplication::translate("BackupStore", "Could not write the backup file \"%1\": %2")
                .arg(shownName, encryptionError),
            error);
    if (file.error() != QFileDevice::NoError || !file.flush())
        return fail(writeErrorMessage(), error);
    QString detail;
    if (!fileops::syncFile(file, &detail))
        return fail(QCoreApplication::translate(
                        "BackupStore", "Could not save the backup file \"%1\" to disk: %2.")
                        .arg(shownName, detail),
                    error);
    if (fileops::closeBeforeRename()) {
        file.close();
        if (file.error() != QFileDevice::NoError)
            return fail(writeErrorMessage(), error);
    }
    for (int n = 0; n < kMaxNumberedNames; ++n) {
        const QString candidate = folder + QLatin1Char('/') + filenames::numbered(name, n);
        switch (fileops::renameNoReplace(tempPath, candidate, &detail)) {
        case fileops::RenameResult::Renamed:
            // Unix: the file stayed open (and locked) until here, so no cleaner could take it.
            file.close();
            fileops::syncDirectory(folder);
            finished = true;
            committed = true;
            this->finalPath = candidate;
            if (finalPath)
                *finalPath = candidate;
            qCInfo(lcStore).noquote()
                << "saved" << native(candidate) << file.totalWritten() << "bytes";
            return true;
        case fileops::RenameResult::TargetExists:
            continue;
        case fileops::RenameResult::Failed:
            return fail(
                QCoreApplication::translate(
                    "BackupStore", "Could not give the backup file its final name \"%1\": %2.")
                    .arg(native(candidate), detail),
                error);
        }
    }
    return fail(QCoreApplication::translate("BackupStore", "Too many files named like \"%1\".")
                    .arg(shownName),
                error);
}

void IncomingBackup::Private::discard()
{
    if (finished)
        return;
    finished = true;
    file.abortWriteBehind();
    // A cancelled download does not wait for the check.
    if (file.archiveCheck())
        file.archiveCheck()->cancel();
    file.close();
    if (QFile::remove(tempPath))
        qCDebug(lcStore).noquote() << "discarded" << native(tempPath);
    else if (QFileInfo::exists(tempPath))
        qCWarning(lcStore).noquote() << "could not remove" << native(tempPath);
}

bool IncomingBackup::Private::fail(const QString &message, QString *error)
{
    lastError = message;
    if (error)
        *error = message;
    qCWarning(lcStore).noquote() << message;
    discard();
    return false;
}

QString IncomingBackup::Private::writeErrorMessage() const
{
    return QCoreApplication::translate("BackupStore", "Could not write the backup file \"%1\": %2.")
        .arg(native(folder + QLatin1Char('/') + name), file.errorString());
}

IncomingBackup::IncomingBackup() : d(std::make_unique<Private>()) {}

IncomingBackup::~IncomingBackup()
{
    d->discard();
}

QFile *IncomingBackup::device()
{
    return &d->file;
}

bool IncomingBackup::encryptWith(const VaultKey &key, QString *error)
{
    QString why;
    if (d->file.encryptWith(key, &why))
        return true;
    if (error)
        *error = why;
    qCWarning(lcStore).noquote() << why;
    return false;
}

bool IncomingBackup::writeBehind(QString *error)
{
    QString why;
    if (d->file.writeBehind(&why))
        return true;
    if (error)
        *error = why;
    qCWarning(lcStore).noquote() << "no write thread for" << native(d->tempPath) << why;
    return false;
}

void IncomingBackup::checkArchiveAsWritten()
{
    if (!d->file.checkArchive())
        qCWarning(lcStore).noquote()
            << "the archive check starts before the first write:" << native(d->tempPath);
}

std::optional<VerifyReport> IncomingBackup::archiveReport()
{
    StreamingArchiveCheck *check = d->file.archiveCheck();
    if (!check || !d->committed)
        return std::nullopt;
    const StreamingArchiveCheck::Verdict verdict = check->finish();
    VerifyReport report;
    report.size = d->file.totalWritten();
    report.sha256 = d->file.sha256Hex();
    if (!verdict.conclusive || report.sha256.isEmpty() || verdict.bytes != report.size) {
        qCDebug(lcStore).noquote() << "no verdict as written for" << native(d->finalPath) << "("
                                   << verdict.inconclusiveBecause << "): the file is read";
        return std::nullopt;
    }
    // The checksum is that of the very bytes written: the file holds them once commit()
    // flushed and synced it without an error.
    report.fileReadable = true;
    report.checksumMatches = true;
    report.archiveRecognised = verdict.recognised && report.size > 0;
    report.archiveIntact = report.archiveRecognised && verdict.intact;
    report.members = verdict.members;
    completeVerifyReport(&report, report.sha256, verdict.archiveError);
    qCInfo(lcStore).noquote() << "verified as written" << native(d->finalPath)
                              << toString(report.state) << report.message;
    return report;
}

bool IncomingBackup::isEncrypted() const
{
    return d->file.isEncrypted();
}

QString IncomingBackup::tempPath() const
{
    return d->tempPath;
}

bool IncomingBackup::commit(QString *finalPath, QString *error)
{
    return d->commit(finalPath, error);
}

void IncomingBackup::discard()
{
    d->discard();
}

QString IncomingBackup::sha256() const
{
    return d->file.sha256Hex();
}

qint64 IncomingBackup::size() const
{
    return d->file.totalWritten();
}

QString IncomingBackup::lastError() const
{
    if (!d->lastError.isEmpty())
        return d->lastError;
    if (d->file.error() != QFileDevice::NoError)
        return d->writeErrorMessage();
    return QString();
}

} // namespace pbxvault
