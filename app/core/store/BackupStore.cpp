#include "BackupStore.h"
#include "ArchiveReader.h"
#include "FileNames.h"
#include "FileOps.h"
#include "IncomingBackup_p.h"
#include "VerifyVerdict.h"
#include "common/Sha256.h"
#include "crypto/DecryptingReader.h"
#include "crypto/EncryptingWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <climits>

#include <filesystem>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcStore, "pbxvault.store")

namespace {

constexpr qint64 kChunkSize = 256 * 1024;
constexpr int kMaxMembers = 100000;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// A sentence used as the %2 of a sentence that ends with its own full stop.
QString clause(QString sentence)
{
    if (sentence.endsWith(QLatin1Char('.')))
        sentence.chop(1);
    return sentence;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// An owner-only temp file beside target, open for writing and locked as in use: a crashed
// process's is found by its name and removed (removeStaleTempFiles()).
bool createTempBeside(const QString &target, QFile *file, QString *error)
{
    const QFileInfo info(target);
    const QString folder = info.absolutePath();
    for (int attempt = 0; attempt < 10; ++attempt) {
        file->setFileName(folder + QLatin1Char('/') + filenames::tempName(info.fileName()));
        if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly,
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (QFileInfo::exists(file->fileName()))
                continue;
            setError(error, QCoreApplication::translate("BackupStore",
                                                        "Cannot create a file in \"%1\": %2.")
                                .arg(native(folder), file->errorString()));
            return false;
        }
        if (fileops::lockAsInUse(*file))
            return true;
        file->close();
    }
    setError(error,
             QCoreApplication::translate("BackupStore", "Cannot create a temporary file in \"%1\".")
                 .arg(native(folder)));
    return false;
}

// Syncs temp and renames it over target (replacing it), then syncs the folder.
bool replaceWith(QFile *temp, const QString &target, QString *error)
{
    if (!temp->flush() || !fileops::syncFile(*temp, error)) {
        if (error && error->isEmpty())
            *error = temp->errorString();
        return false;
    }
    if (fileops::closeBeforeRename())
        temp->close();
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(temp->fileName().toStdU16String()),
                            std::filesystem::path(target.toStdU16String()), ec);
    if (ec) {
        setError(error, QCoreApplication::translate("BackupStore", "Cannot replace \"%1\": %2.")
                            .arg(native(target), QString::fromLocal8Bit(ec.message().c_str())));
        return false;
    }
    fileops::syncDirectory(QFileInfo(target).absolutePath());
    return true;
}

} // namespace

bool BackupStore::encryptInPlace(const QString &path, const VaultKey &key,
                                 const QString &expectedSha256, QString *error)
{
    if (!contains(path)) {
        setError(error, QCoreApplication::translate("BackupStore",
                                                    "\"%1\" is not inside the backup folder %2.")
                            .arg(native(path), native(m_root)));
        return false;
    }
    if (isEncryptedFile(path))
        return true;
    QFile temp;
    if (!createTempBeside(path, &temp, error))
        return false;
    const auto removeTemp = [&temp] {
        temp.close();
        QFile::remove(temp.fileName());
    };
    QString sha256;
    {
        EncryptingWriter writer(key, &temp);
        // The plaintext passes through a device that feeds the writer.
        class Feed : public QIODevice
        {
        public:
            explicit Feed(EncryptingWriter &w) : m_writer(w) { open(QIODevice::WriteOnly); }

        protected:
            qint64 readData(char *, qint64) override { return -1; }
            qint64 writeData(const char *data, qint64 len) override
            {
                return m_writer.write(QByteArrayView(data, len)) ? len : -1;
            }

        private:
            EncryptingWriter &m_writer;
        } feed(writer);
        sha256 = copyPlaintext(path, &feed, error);
        if (sha256.isEmpty() || !writer.finish()) {
            if (!sha256.isEmpty())
                setError(error, writer.errorString());
            removeTemp();
            return false;
        }
    }
    if (!expectedSha256.isEmpty() && sha256 != expectedSha256) {
        setError(error, QCoreApplication::translate(
                            "BackupStore", "\"%1\" does not match its recorded checksum; it was "
                                           "left as it is.")
                            .arg(native(path)));
        removeTemp();
        return false;
    }
    if (!temp.flush()) {
        setError(error, temp.errorString());
        removeTemp();
        return false;
    }
    // Read back through the key before it replaces anything.
    QString readBack;
    if (copyPlaintext(temp.fileName(), nullptr, &readBack, &key) != sha256) {
        setError(error, QCoreApplication::translate(
                            "BackupStore", "The encrypted copy of \"%1\" does not read back "
                                           "right; the file was left as it is. %2")
                            .arg(native(path), readBack));
        removeTemp();
        return false;
    }
    if (!replaceWith(&temp, path, error)) {
        removeTemp();
        return false;
    }
    qCInfo(lcStore).noquote() << "encrypted" << native(path);
    return true;
}

bool BackupStore::exportPlaintext(const QString &path, const QString &destination,
                                  const QString &expectedSha256, QString *error,
                                  const VaultKey *key)
{
    QFile temp;
    if (!createTempBeside(destination, &temp, error))
        return false;
    const QString sha256 = copyPlaintext(path, &temp, error, key);
    bool ok = !sha256.isEmpty();
    if (ok && !expectedSha256.isEmpty() && sha256 != expectedSha256) {
        setError(error, QCoreApplication::translate("BackupStore",
                                                    "\"%1\" does not match its recorded checksum.")
                            .arg(native(path)));
        ok = false;
    }
    if (ok)
        ok = replaceWith(&temp, destination, error);
    if (!ok) {
        temp.close();
        QFile::remove(temp.fileName());
    }
    return ok;
}

namespace {

constexpr Qt::CaseSensitivity pathCase()
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    return Qt::CaseInsensitive;
#else
    return Qt::CaseSensitive;
#endif
}

// The path with every existing part resolved (symlinks, "..") as the OS would. A part that
// does not exist yet may not be "." or ".." or a dangling symlink, which could otherwise lead
// out once created.
QString resolvedPath(const QString &path)
{
    QFileInfo info(QFileInfo(path).absoluteFilePath());
    QStringList missing;
    while (!info.exists()) {
        const QString name = info.fileName();
        if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") ||
            info.isSymLink())
            return QString();
        missing.prepend(name);
        info = QFileInfo(info.absolutePath());
    }
    const QString existing = info.canonicalFilePath();
    if (existing.isEmpty())
        return QString();
    return missing.isEmpty() ? existing
                             : existing + QLatin1Char('/') + missing.join(QLatin1Char('/'));
}

QString stripDotSlash(QString name)
{
    while (name.startsWith(QLatin1String("./")))
        name.remove(0, 2);
    return name;
}

} // namespace

BackupStore::BackupStore(const QString &root) : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{}

QString BackupStore::root() const
{
    return m_root;
}

void BackupStore::addRoot(const QString &root)
{
    m_otherRoots << QDir::cleanPath(QDir(root).absolutePath());
}

int BackupStore::removeStaleTempFiles()
{
    return removeStaleTempFilesUnder(m_root);
}

int BackupStore::removeStaleTempFilesIn(const QString &folder)
{
    return contains(folder) ? removeStaleTempFilesUnder(folder) : 0;
}

int BackupStore::removeStaleTempFilesUnder(const QString &folder)
{
    QStringList candidates;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (filenames::isTempName(it.fileName()))
            candidates << path;
    }
    int removed = 0;
    for (const QString &path : std::as_const(candidates)) {
        if (fileops::removeIfAbandoned(path)) {
            ++removed;
            qCInfo(lcStore).noquote() << "removed unfinished file" << native(path);
        }
    }
    return removed;
}

QString BackupStore::sanitizeFileName(const QString &untrusted)
{
    return filenames::sanitize(untrusted, QStringLiteral("backup"));
}

QString BackupStore::folderFor(const QString &pbxName, const QString &tenant) const
{
    return m_root + QLatin1Char('/') + filenames::sanitize(pbxName, QStringLiteral("pbx")) +
           QLatin1Char('/') + filenames::sanitize(tenant, QStringLiteral("default"));
}

bool BackupStore::makeFolder(const QString &folder, QString *error) const
{
    const auto create = [error](const QString &path) {
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::u8path(path.toStdString());
        const bool created = std::filesystem::create_directories(target, ec);
        if (!ec) {
            // Backups hold every secret of a PBX: their folders are the owner's only.
            if (created)
                std::filesystem::permissions(target, std::filesystem::perms::owner_all,
                                             std::filesystem::perm_options::replace, ec);
            return true;
        }
        setError(error,
                 QCoreApplication::translate("BackupStore", "Cannot create the folder \"%1\": %2.")
                     .arg(native(path), QString::fromStdString(ec.message())));
        qCWarning(lcStore).noquote() << "cannot create" << native(path) << ec.message().c_str();
        return false;
    };
    const auto inside = [this, error, &folder] {
        if (contains(folder))
            return true;
        setError(error, QCoreApplication::translate(
                            "BackupStore",
                            "Refusing to write to \"%1\": it leads outside the backup folder.")
                            .arg(native(folder)));
        qCWarning(lcStore).noquote() << "refused to write to" << native(folder);
        return false;
    };
    // Checked before and after creating it: a symlink planted on the way must not lead out.
    return create(m_root) && inside() && create(folder) && inside();
}

std::unique_ptr<IncomingBackup> BackupStore::begin(const QString &pbxName, const QString &tenant,
                                                   const QString &fileName, QString *error)
{
    const QString folder = folderFor(pbxName, tenant);
    if (!makeFolder(folder, error))
        return nullptr;
    std::unique_ptr<IncomingBackup> incoming(new IncomingBackup);
    QString message;
    if (!incoming->d->create(folder, sanitizeFileName(fileName), &message)) {
        incoming->d->finished = true;
        setError(error, message);
        return nullptr;
    }
    return incoming;
}

bool BackupStore::importFile(const QString &sourcePath, const QString &pbxName,
                             const QString &tenant, QString *finalPath, QString *sha256,
                             qint64 *size, QString *error, const VaultKey *key)
{
    const QFileInfo info(sourcePath);
    if (!info.isFile()) {
        setError(error, QCoreApplication::translate("BackupStore", "\"%1\" is not a file.")
                            .arg(native(sourcePath)));
        return false;
    }
    QFile source(sourcePath);
    if (!source.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setError(error, QCoreApplication::translate("BackupStore", "Cannot open \"%1\": %2.")
                            .arg(native(sourcePath), source.errorString()));
        return false;
    }
    // An encrypted source is copied as its plaintext, authenticated on the way.
    std::unique_ptr<DecryptingReader> decrypt;
    if (DecryptingReader::isEncrypted(&source)) {
        decrypt = std::make_unique<DecryptingReader>(key ? *key : VaultKey(), &source);
        if (!decrypt->open()) {
            setError(error, QCoreApplication::translate("BackupStore", "Cannot read \"%1\": %2.")
                                .arg(native(sourcePath), decrypt->errorString()));
            return false;
        }
    }
    std::unique_ptr<IncomingBackup> incoming = begin(pbxName, tenant, info.fileName(), error);
    if (!incoming)
        return false;
    if (key && !incoming->encryptWith(*key, error))
        return false;
    QByteArray buffer(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = decrypt ? decrypt->read(buffer.data(), buffer.size())
                                 : source.read(buffer.data(), buffer.size());
        if (n < 0) {
            setError(error, QCoreApplication::translate("BackupStore", "Cannot read \"%1\": %2.")
                                .arg(native(sourcePath),
                                     decrypt ? decrypt->errorString() : source.errorString()));
            return false;
        }
        if (n == 0)
            break;
        if (incoming->device()->write(buffer.constData(), n) != n) {
            setError(error, incoming->lastError());
            return false;
        }
    }
    QString stored;
    if (!incoming->commit(&stored, error))
        return false;
    if (finalPath)
        *finalPath = stored;
    if (sha256)
        *sha256 = incoming->sha256();
    if (size)
        *size = incoming->size();
    return true;
}

bool BackupStore::removeFile(const QString &path, QString *error)
{
    if (!contains(path)) {
        setError(error, QCoreApplication::translate(
                            "BackupStore",
                            "Refusing to delete \"%1\": it is not inside the backup folder %2.")
                            .arg(native(path), native(m_root)));
        qCWarning(lcStore).noquote() << "refused to delete" << native(path);
        return false;
    }
    const QString resolved = resolvedPath(path);
    if (!QFileInfo::exists(resolved))
        return true;
    QFile file(resolved);
    if (!file.remove()) {
        setError(error, QCoreApplication::translate("BackupStore", "Cannot delete \"%1\": %2.")
                            .arg(native(resolved), file.errorString()));
        return false;
    }
    qCInfo(lcStore).noquote() << "deleted" << native(resolved);
    return true;
}

bool BackupStore::contains(const QString &path) const
{
    const QString resolved = resolvedPath(path);
    if (resolved.isEmpty())
        return false;
    const auto inside = [&resolved](const QString &folder) {
        const QString root = QFileInfo(folder).canonicalFilePath();
        return !root.isEmpty() && resolved.startsWith(root + QLatin1Char('/'), pathCase());
    };
    return inside(m_root) || std::any_of(m_otherRoots.cbegin(), m_otherRoots.cend(), inside);
}

QString BackupStore::relativePath(const QString &path) const
{
    QStringList roots{m_root};
    roots += m_otherRoots;
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (const QString &root : std::as_const(roots)) {
        const QString relative = QDir(root).relativeFilePath(absolute);
        if (!relative.isEmpty() && !relative.startsWith(QLatin1String("..")) &&
            !QDir::isAbsolutePath(relative))
            return relative;
    }
    return {};
}

QString BackupStore::sha256OfFile(const QString &path, QString *error, const VaultKey *key)
{
    return copyPlaintext(path, nullptr, error, key);
}

QString BackupStore::copyPlaintext(const QString &path, QIODevice *out, QString *error,
                                   const VaultKey *key)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setError(error, QCoreApplication::translate("BackupStore", "Cannot open \"%1\": %2.")
                            .arg(native(path), file.errorString()));
        return QString();
    }
    std::unique_ptr<DecryptingReader> decrypt;
    if (isEncryptedFile(&file))
        decrypt = std::make_unique<DecryptingReader>(key ? *key : VaultKey(), &file);
    Sha256 hash;
    QByteArray buffer(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = decrypt ? decrypt->read(buffer.data(), buffer.size())
                                 : file.read(buffer.data(), buffer.size());
        if (n < 0) {
            setError(error, QCoreApplication::translate("BackupStore", "Cannot read \"%1\": %2.")
                                .arg(native(path), decrypt ? clause(decrypt->errorString())
                                                           : file.errorString()));
            return QString();
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out && out->write(buffer.constData(), n) != n) {
            setError(error, QCoreApplication::translate("BackupStore", "Cannot write: %1.")
                                .arg(out->errorString()));
            return QString();
        }
    }
    return hash.hex();
}

VerifyReport BackupStore::verify(const QString &path, const QString &expectedSha256,
                                 const VaultKey *key)
{
    VerifyReport report;
    report.state = VerifyState::Corrupt;
    if (!QFileInfo::exists(path)) {
        report.state = VerifyState::Missing;
        report.coded = ErrorMessage("store.missing").arg(native(path));
        report.message = report.coded.text();
        return report;
    }
    ArchiveReader reader(path);
    if (key)
        reader.setKey(*key);
    reader.enableVerification();
    QString error;
    if (!reader.open(&error)) {
        report.coded = ErrorMessage("store.unreadable").arg(native(path)).arg(clause(error));
        report.message = report.coded.text();
        // Without the right key nothing can be said of the file: it may well be intact.
        switch (reader.cryptoError()) {
        case CryptoError::NoKey:
        case CryptoError::WrongKey:
        case CryptoError::UnsupportedVersion:
            report.state = VerifyState::Unverified;
            break;
        default:
            break;
        }
        qCWarning(lcStore).noquote() << "cannot verify" << native(path) << report.message;
        return report;
    }
    QString archiveError;
    bool intact = true;
    for (;;) {
        const ArchiveReader::Next next = reader.next(&archiveError);
        if (next == ArchiveReader::Next::End)
            break;
        if (next == ArchiveReader::Next::Failed || !reader.readData(nullptr, 0, &archiveError)) {
            intact = false;
            break;
        }
        ++report.members;
    }
    if (!reader.finishHash(&error)) {
        report.coded = ErrorMessage("store.unreadable").arg(native(path)).arg(clause(error));
        report.message = report.coded.text();
        return report;
    }
    // A damaged gzip stream makes a damaged archive even when no format could read what it
    // held: broken compression is not a foreign format.
    QString gzipError;
    const bool compressionIntact = reader.compressedDataIntact(&gzipError);
    if (!compressionIntact) {
        intact = false;
        archiveError = gzipError;
    }
    const QString expected = expectedSha256.trimmed().toLower();
    report.fileReadable = true;
    report.size = reader.fileSize();
    report.sha256 = reader.sha256Hex();
    report.checksumMatches = !expected.isEmpty() && expected == report.sha256;
    // libarchive's "empty" format accepts a 0-byte file: that is not an archive we can read.
    report.archiveRecognised = (reader.recognised() || !compressionIntact) && report.size > 0;
    report.archiveIntact = report.archiveRecognised && intact;
    completeVerifyReport(&report, expected, archiveError);
    qCInfo(lcStore).noquote() << "verified" << native(path) << toString(report.state)
                              << report.message;
    return report;
}

bool BackupStore::listMembers(const QString &path, QVector<ArchiveMember> *members, QString *error,
                              const VaultKey *key)
{
    members->clear();
    ArchiveReader reader(path);
    if (key)
        reader.setKey(*key);
    QString detail;
    if (!reader.open(&detail)) {
        setError(error,
                 QCoreApplication::translate("BackupStore", "Cannot read the file \"%1\": %2.")
                     .arg(native(path), clause(detail)));
        return false;
    }
    for (;;) {
        const ArchiveReader::Next next = reader.next(&detail);
        if (reader.cryptoError() != CryptoError::None) {
            setError(error,
                     QCoreApplication::translate("BackupStore", "Cannot read the file \"%1\": %2.")
                         .arg(native(path), clause(detail)));
            return false;
        }
        if (!reader.recognised()) {
            setError(error, QCoreApplication::translate(
                                "BackupStore", "The file is not an archive PBX Vault can read."));
            return false;
        }
        if (next == ArchiveReader::Next::End)
            return true;
        if (next == ArchiveReader::Next::Failed) {
            setError(error,
                     QCoreApplication::translate("BackupStore", "The archive is damaged: %1.")
                         .arg(detail));
            return false;
        }
        if (reader.entryIsDirectory())
            continue;
        if (members->size() >= kMaxMembers) {
            setError(error, QCoreApplication::translate("BackupStore",
                                                        "The archive has more than %1 files.")
                                .arg(kMaxMembers));
            return false;
        }
        members->append({reader.entryName(), qMax<qint64>(0, reader.entrySize())});
    }
}

bool BackupStore::readMember(const QString &path, const QString &member, qint64 maxBytes,
                             QByteArray *content, QString *error, const VaultKey *key)
{
    content->clear();
    ArchiveReader reader(path);
    if (key)
        reader.setKey(*key);
    QString detail;
    if (!reader.open(&detail)) {
        setError(error,
                 QCoreApplication::translate("BackupStore", "Cannot read the file \"%1\": %2.")
                     .arg(native(path), clause(detail)));
        return false;
    }
    const QString wanted = stripDotSlash(member);
    for (;;) {
        const ArchiveReader::Next next = reader.next(&detail);
        if (reader.cryptoError() != CryptoError::None) {
            setError(error,
                     QCoreApplication::translate("BackupStore", "Cannot read the file \"%1\": %2.")
                         .arg(native(path), clause(detail)));
            return false;
        }
        if (!reader.recognised()) {
            setError(error, QCoreApplication::translate(
                                "BackupStore", "The file is not an archive PBX Vault can read."));
            return false;
        }
        if (next == ArchiveReader::Next::End) {
            setError(error, QCoreApplication::translate("BackupStore",
                                                        "The archive has no file named \"%1\".")
                                .arg(member));
            return false;
        }
        if (next == ArchiveReader::Next::Failed) {
            setError(error,
                     QCoreApplication::translate("BackupStore", "The archive is damaged: %1.")
                         .arg(detail));
            return false;
        }
        if (reader.entryIsDirectory() || stripDotSlash(reader.entryName()) != wanted)
            continue;
        if (!reader.readData(content, qMax<qint64>(0, maxBytes), &detail)) {
            setError(error,
                     QCoreApplication::translate("BackupStore", "The archive is damaged: %1.")
                         .arg(detail));
            return false;
        }
        return true;
    }
}

} // namespace pbxvault
