#pragma once

#include "BackupStore.h"

#include "common/Sha256.h"

#include <QFile>

namespace pbxvault {

// A QFile that hashes what is written through it, so the store gets the SHA-256 of a
// download without reading the file again.
class HashingFile : public QFile
{
public:
    QString sha256Hex() const;
    qint64 totalWritten() const { return m_written; }

protected:
    qint64 writeData(const char *data, qint64 len) override;

private:
    Sha256 m_hash;
    qint64 m_hashed = 0;
    qint64 m_written = 0;
    bool m_sequential = true;
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
    QString lastError;
    bool finished = false;
};

} // namespace pbxvault
