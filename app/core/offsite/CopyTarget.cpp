#include "CopyTarget.h"

#include "common/Sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcOffsite, "pbxvault.offsite")

QString errorKindName(CopyErrorKind kind)
{
    switch (kind) {
    case CopyErrorKind::None:
        return QStringLiteral("none");
    case CopyErrorKind::Unreachable:
        return QStringLiteral("unreachable");
    case CopyErrorKind::AuthFailed:
        return QStringLiteral("auth-failed");
    case CopyErrorKind::HostKeyUnknown:
        return QStringLiteral("host-key-unknown");
    case CopyErrorKind::HostKeyChanged:
        return QStringLiteral("host-key-changed");
    case CopyErrorKind::PermissionDenied:
        return QStringLiteral("permission-denied");
    case CopyErrorKind::NoSpace:
        return QStringLiteral("no-space");
    case CopyErrorKind::NotFound:
        return QStringLiteral("not-found");
    case CopyErrorKind::Mismatch:
        return QStringLiteral("mismatch");
    case CopyErrorKind::ConnectionLost:
        return QStringLiteral("connection-lost");
    case CopyErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case CopyErrorKind::Other:
        break;
    }
    return QStringLiteral("other");
}

QString CopyTarget::whyInvalidName(const QString &remoteName)
{
    if (remoteName.isEmpty())
        return QCoreApplication::translate("Offsite", "The copy has no file name.");
    const bool hostile =
        remoteName.startsWith(QLatin1Char('.')) || remoteName.contains(QLatin1Char('/')) ||
        remoteName.contains(QLatin1Char('\\')) || remoteName.contains(QLatin1String("..")) ||
        remoteName.size() > 255 || std::any_of(remoteName.cbegin(), remoteName.cend(), [](QChar c) {
            return c.unicode() < 0x20 || c.unicode() == 0x7f;
        });
    if (hostile) {
        return QCoreApplication::translate(
                   "Offsite", "Refusing the file name \"%1\": a copy's name must be a plain file "
                              "name (no folders, no leading dot).")
            .arg(QString(remoteName).replace(QChar(u'\0'), QStringLiteral("\\0")));
    }
    return {};
}

namespace offsite_detail {

bool isCancelled(const CancelFlag *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

QString partPrefix(const QString &remoteName)
{
    return QLatin1Char('.') + remoteName + QStringLiteral(".part-");
}

QString newPartName(const QString &remoteName)
{
    const quint64 random = QRandomGenerator::system()->generate64();
    return partPrefix(remoteName) + QStringLiteral("%1").arg(random, 16, 16, QLatin1Char('0'));
}

bool isPartOf(const QString &candidate, const QString &remoteName)
{
    return candidate.startsWith(partPrefix(remoteName));
}

QString cancelledMessage(const QString &remoteName, const QString &where)
{
    return QCoreApplication::translate("Offsite", "The copy of %1 to %2 was cancelled.")
        .arg(remoteName, where);
}

QString mismatchMessage(const QString &what, const QString &where, qint64 expectedSize, qint64 size,
                        const QString &expectedSha, const QString &sha)
{
    if (expectedSize >= 0 && size != expectedSize) {
        return QCoreApplication::translate(
                   "Offsite", "The copy of %1 on %2 is damaged: it has %3 bytes instead of %4.")
            .arg(what, where)
            .arg(size)
            .arg(expectedSize);
    }
    return QCoreApplication::translate("Offsite", "The copy of %1 on %2 is damaged: its SHA-256 "
                                                  "is %3 instead of %4.")
        .arg(what, where, sha, expectedSha);
}

CopyResult hashLocalFile(const QString &path, const QString &what, const CancelFlag *cancel,
                         const std::function<void(qint64)> &advanced)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return CopyResult::failure(file.exists() ? CopyErrorKind::PermissionDenied
                                                 : CopyErrorKind::NotFound,
                                   QCoreApplication::translate("Offsite", "Cannot read %1: %2")
                                       .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    Sha256 hash;
    QByteArray block(BlockSize, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        if (isCancelled(cancel))
            return CopyResult::failure(
                CopyErrorKind::Cancelled,
                QCoreApplication::translate("Offsite", "Checking %1 was cancelled.").arg(what));
        const qint64 got = file.read(block.data(), block.size());
        if (got < 0) {
            return CopyResult::failure(
                CopyErrorKind::Other, QCoreApplication::translate("Offsite", "Cannot read %1: %2")
                                          .arg(QDir::toNativeSeparators(path), file.errorString()));
        }
        if (got == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), got));
        total += got;
        if (advanced)
            advanced(got);
    }
    CopyResult result;
    result.size = total;
    result.sha256 = hash.hex();
    return result;
}

} // namespace offsite_detail

} // namespace pbxvault
