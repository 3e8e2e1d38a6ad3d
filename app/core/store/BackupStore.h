#pragma once

#include "common/ErrorMessage.h"
#include "common/Records.h"

#include <QFile>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

class VaultKey;

struct ArchiveMember
{
    QString name;
    qint64 size = 0;
};

struct VerifyReport
{
    VerifyState state = VerifyState::Unverified; // Intact, ChecksumOnly, Corrupt or Missing
    bool fileReadable = false;
    bool checksumMatches = false;
    bool archiveRecognised = false; // libarchive knows the format
    bool archiveIntact = false;     // a full test read succeeded (meaningful when recognised)
    qint64 members = 0;             // entries read (files and folders)
    qint64 size = 0;
    QString sha256;
    QString message;    // operator-readable summary
    ErrorMessage coded; // message as code + arguments (common/ErrorMessage)
};

// A backup file being written: a temporary file in its final folder, readable by its owner
// only. Nothing appears under the final name until commit(); destruction without commit()
// removes the temp file.
class IncomingBackup
{
public:
    ~IncomingBackup();
    IncomingBackup(const IncomingBackup &) = delete;
    IncomingBackup &operator=(const IncomingBackup &) = delete;

    QFile *device(); // open for writing
    // Encrypts what is written through device() with key (crypto/EncryptedFile.h); call it
    // before the first write. sha256() and size() stay those of the plaintext, what the PBX
    // sent. Writes after a failed encryption fail; commit() writes the final chunk.
    bool encryptWith(const VaultKey &key, QString *error);
    bool isEncrypted() const;
    // Checks the archive from the bytes written through device(), as they are written (before
    // encryption), on a worker thread (StreamingArchiveCheck). Call before the first write.
    void checkArchiveAsWritten();
    // Stores what is written through device() on a thread of its own (WriteBehind): the
    // writer's thread only copies the bytes, the encryption, file writes and hand-over to the
    // check happen there. Call before the first write, after encryptWith() and
    // checkArchiveAsWritten(). A write failure reaches a later write or commit(), with the
    // same wording. False (and the writes stay on the writer's thread) when it cannot start.
    bool writeBehind(QString *error = nullptr);
    QString tempPath() const;
    // Flushes, syncs to disk and renames to a name not yet used in the folder, based on the
    // sanitised requested name. Sets *finalPath (absolute).
    bool commit(QString *finalPath, QString *error);
    void discard();

    // SHA-256 (lowercase hex) and number of the bytes written through device(), computed as
    // they are written. The hash is empty when the writer moved the position (seek). With
    // checkArchiveAsWritten() the check's worker hashes: ask after commit(), as the first call
    // ends the check's input.
    QString sha256() const;
    qint64 size() const;
    // After commit() with checkArchiveAsWritten(): waits for the check and returns what
    // BackupStore::verify() would report of the stored file, checked against sha256(), without
    // reading it. Empty when the check cannot tell (no check, a format that needs seeking, a
    // writer that seeked...): then verify() the file.
    std::optional<VerifyReport> archiveReport();
    // Operator-readable description of the last write or commit failure; empty if none.
    QString lastError() const;

private:
    friend class BackupStore;
    IncomingBackup();
    struct Private;
    std::unique_ptr<Private> d;
};

// Backup files on disk under <root>/<pbx>/<tenant>/<file>. Every path it creates stays
// inside root, whatever names a PBX or a user supplies.
class BackupStore
{
public:
    explicit BackupStore(const QString &root); // usually <data-dir>/backups
    QString root() const;                      // where new backups go
    // Another folder holding files of this vault, which removeFile() may delete: the local
    // folder while new backups go to a shared store, and the other way round.
    void addRoot(const QString &root);

    // Removes temp files left by a crashed or killed process under root(). Returns how many.
    int removeStaleTempFiles();
    // The same under one folder inside the store (a PBX's, in a shared store too big to walk).
    int removeStaleTempFilesIn(const QString &folder);

    // A safe single path component: no separators, no "..", no control characters, bounded
    // length (keeps a .bak extension), never empty.
    static QString sanitizeFileName(const QString &untrusted);
    QString folderFor(const QString &pbxName, const QString &tenant) const;

    std::unique_ptr<IncomingBackup> begin(const QString &pbxName, const QString &tenant,
                                          const QString &fileName, QString *error);

    // Copies a file from disk into the store (atomic, hashing as it copies). With key (the
    // vault key of an encrypted vault) the stored copy is encrypted with it; an encrypted
    // source is read through the key either way (it must be this vault's). sha256 and size are
    // the plaintext's.
    bool importFile(const QString &sourcePath, const QString &pbxName, const QString &tenant,
                    QString *finalPath, QString *sha256, qint64 *size, QString *error,
                    const VaultKey *key = nullptr);

    // Replaces a plain stored file by its encryption with key, crash-safely: the encryption is
    // written to a temp file beside it, synced, decrypted again and compared with
    // expectedSha256 (the plaintext's, as catalogued), then renamed over the file. A crash
    // leaves the plain file or the encrypted one, never a part (the temp file is removed as
    // stale at the next start). The plaintext's checksum and size do not change, so the
    // catalog row stays right. False with *error when the plain file does not match
    // expectedSha256 (it is left alone) or anything fails; an encrypted file is left as it is.
    bool encryptInPlace(const QString &path, const VaultKey &key, const QString &expectedSha256,
                        QString *error);
    // Writes the plaintext of a stored backup (decrypted with key when encrypted) to
    // destination, owner-only, through a temp file renamed over it once complete and synced:
    // the destination is never a part. Fails when the plaintext does not match expectedSha256
    // (when given).
    static bool exportPlaintext(const QString &path, const QString &destination,
                                const QString &expectedSha256, QString *error,
                                const VaultKey *key = nullptr);

    // Deletes a stored file; refuses paths outside root. A missing file is not an error.
    bool removeFile(const QString &path, QString *error);
    bool contains(const QString &path) const;
    // path relative to the root (or other root) it is in, '/'-separated: <pbx>/<tenant>/<file>
    // in every root. Empty when it is in none.
    QString relativePath(const QString &path) const;

    // The readers below take an encrypted file's plaintext when key is given (checksum,
    // size and content are the plaintext's: what the PBX sent and the catalog records). An
    // encrypted file without a key, or with another vault's, fails with a message that says
    // so; verify() then reports it Unverified, while a damaged or cut one is Corrupt.
    static QString sha256OfFile(const QString &path, QString *error, const VaultKey *key = nullptr);
    // Writes the file's plaintext (decrypted with key when encrypted) to out, open for writing;
    // returns its SHA-256, or an empty string and *error. Every byte written was authenticated,
    // but a damaged file fails only when the reading reaches the damage: out may hold a part.
    static QString copyPlaintext(const QString &path, QIODevice *out, QString *error,
                                 const VaultKey *key = nullptr);
    // Checksum against expectedSha256, then a full test read when libarchive knows the format.
    static VerifyReport verify(const QString &path, const QString &expectedSha256,
                               const VaultKey *key = nullptr);
    // The files in the archive (directories are left out), in archive order.
    static bool listMembers(const QString &path, QVector<ArchiveMember> *members, QString *error,
                            const VaultKey *key = nullptr);
    // Reads one member (up to maxBytes) for display or comparison.
    static bool readMember(const QString &path, const QString &member, qint64 maxBytes,
                           QByteArray *content, QString *error, const VaultKey *key = nullptr);

private:
    bool makeFolder(const QString &folder, QString *error) const;
    int removeStaleTempFilesUnder(const QString &folder);

    QString m_root;
    QStringList m_otherRoots;
};

} // namespace pbxvault
