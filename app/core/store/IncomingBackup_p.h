#pragma once

#include "BackupStore.h"
#include "EarlyWriteback.h"
#include "StreamingArchiveCheck.h"
#include "WriteBehind.h"

#include "common/Sha256.h"
#include "crypto/EncryptingWriter.h"

#include <QFile>

#include <memory>

namespace pbxvault {

// A QFile that hashes what is written through it, so the store gets the SHA-256 of a
// download without reading the file again. With encryption on, what is written is the
// plaintext (hashed and counted), and the file receives its encryption.
class HashingFile : public QFile
{
public:
    ~HashingFile() override;
    QString sha256Hex() const;
    qint64 totalWritten() const { return m_written; }

    bool encryptWith(const VaultKey &key, QString *error);
    bool isEncrypted() const { return m_encrypter != nullptr; }
    // Writes the final chunk; true without encryption.
    bool finishEncryption(QString *error);
    // Writes to the file itself, all of len or an error (then rawErrorString() says why).
    qint64 writeRaw(const char *data, qint64 len);
    QString rawErrorString() const;
    // Stores what is written on a thread of its own (WriteBehind): encryption, the file
    // writes and the hand-over to the archive check; before the first write. A failure
    // reaches a later write or finishWriteBehind(). A seek ends it (after the queued bytes).
    bool writeBehind(QString *error);
    // Waits until the queued bytes are stored and ends the thread; false with *error when they
    // could not be. True without a thread.
    bool finishWriteBehind(QString *error);
    // Ends the thread, dropping what is queued (a discarded file).
    void abortWriteBehind();
    // Hands what is written (the plaintext) to a StreamingArchiveCheck; before the first write.
    bool checkArchive();
    StreamingArchiveCheck *archiveCheck() const { return m_check.get(); }

    bool seek(qint64 pos) override;

protected:
    qint64 writeData(const char *data, qint64 len) override;

private:
    // What a sequential write stores; on the WriteBehind thread when there is one.
    bool store(const char *data, qint64 len, QString *error);

    Sha256 m_hash;
    qint64 m_hashed = 0;
    qint64 m_written = 0;
    bool m_sequential = true;
    std::unique_ptr<QIODevice> m_rawSink; // writeRaw() as a device, for the EncryptingWriter
    std::unique_ptr<EncryptingWriter> m_encrypter;
    std::unique_ptr<StreamingArchiveCheck> m_check;
    EarlyWriteback m_writeback;
    // With writeBehind(): the same file, opened again on its handle for the thread's writes,
    // so this QFile's own state is never touched from two threads.
    std::unique_ptr<QFile> m_behindFile;
    std::unique_ptr<WriteBehind> m_behind;
    QString m_behindError; // why the thread failed, once it ended
};

struct IncomingBackup::Private
{
    bool create(const QString &folder, const QString &sanitisedName, QString *error);
    bool commit(QString *finalPath, QString *error);
    void discard();
    bool fail(const QString &message, QString *error);
    QString writeErrorMessage() const;

    HashingFile file;
    QString folder;
    QString name; // sanitised requested name
    QString tempPath;
    QString finalPath;
    QString lastError;
    bool finished = false;
    bool committed = false;
};

} // namespace pbxvault
