#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

namespace pbxvault::test {

// Writes size pseudo-random bytes (seeded: the same seed gives the same file) to path and
// returns their SHA-256 in lowercase hex; empty on failure.
inline QString writeRandomFile(const QString &path, qint64 size, quint32 seed = 1)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QRandomGenerator generator(seed);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(256 * 1024, Qt::Uninitialized);
    for (qint64 done = 0; done < size;) {
        const qint64 length = qMin<qint64>(block.size(), size - done);
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        if (file.write(block.constData(), length) != length)
            return {};
        hash.addData(QByteArrayView(block.constData(), length));
        done += length;
    }
    return QString::fromLatin1(hash.result().toHex());
}

inline QString sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

// Byte by byte, in blocks.
inline bool sameContent(const QString &a, const QString &b)
{
    QFile first(a), second(b);
    if (!first.open(QIODevice::ReadOnly) || !second.open(QIODevice::ReadOnly) ||
        first.size() != second.size())
        return false;
    while (!first.atEnd()) {
        if (first.read(1 << 20) != second.read(1 << 20))
            return false;
    }
    return true;
}

} // namespace pbxvault::test
