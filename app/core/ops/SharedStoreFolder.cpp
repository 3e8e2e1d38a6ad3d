#include "SharedStoreFolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace pbxvault {

const QString SharedStoreFolder::kMarkerName = QStringLiteral(".pbxvault-store");

namespace {

enum class Marker
{
    Missing,
    Unreadable,
    Found
};

Marker readMarker(const QString &folder, QString *name, QString *catalogId, QString *problem)
{
    QFile file(QDir(folder).filePath(SharedStoreFolder::kMarkerName));
    if (!file.exists())
        return Marker::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return Marker::Unreadable;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(64 * 1024), &parse);
    if (!doc.isObject()) {
        *problem = parse.errorString();
        return Marker::Unreadable;
    }
    *name = doc.object().value(QStringLiteral("store")).toString();
    *catalogId = doc.object().value(QStringLiteral("catalog")).toString();
    return Marker::Found;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

bool SharedStoreFolder::create(const QString &folder, const QString &name, const QString &catalogId,
                               QString *error)
{
    const QString root = QDir(folder).absolutePath();
    if (!QDir().mkpath(root)) {
        *error = QCoreApplication::translate("SharedStoreFolder", "Cannot create the folder %1.")
                     .arg(native(root));
        return false;
    }
    QString foundName, foundCatalog, problem;
    switch (readMarker(root, &foundName, &foundCatalog, &problem)) {
    case Marker::Found:
        if (foundName == name && foundCatalog == catalogId)
            return true;
        if (foundCatalog == catalogId) {
            *error = QCoreApplication::translate("SharedStoreFolder",
                                                 "%1 already holds the store \"%2\" of this "
                                                 "catalog, so it cannot also be \"%3\".")
                         .arg(native(root), foundName, name);
        } else {
            *error = QCoreApplication::translate("SharedStoreFolder",
                                                 "%1 already holds the store \"%2\" of another "
                                                 "catalog (%3), so it was left alone.")
                         .arg(native(root), foundName, foundCatalog);
        }
        return false;
    case Marker::Unreadable:
        *error = QCoreApplication::translate("SharedStoreFolder",
                                             "Cannot read %1 in %2 (%3), so it was left alone.")
                     .arg(kMarkerName, native(root), problem);
        return false;
    case Marker::Missing:
        break;
    }
    QSaveFile marker(QDir(root).filePath(kMarkerName));
    QJsonObject o;
    o.insert(QStringLiteral("store"), name);
    o.insert(QStringLiteral("catalog"), catalogId);
    if (!marker.open(QIODevice::WriteOnly) ||
        marker.write(QJsonDocument(o).toJson(QJsonDocument::Indented)) < 0 || !marker.commit()) {
        *error = QCoreApplication::translate("SharedStoreFolder", "Cannot write %1 in %2: %3.")
                     .arg(kMarkerName, native(root), marker.errorString());
        return false;
    }
    return true;
}

bool SharedStoreFolder::check(const QString &folder, const QString &name, const QString &catalogId,
                              ErrorMessage *why)
{
    if (folder.isEmpty()) {
        *why = ErrorMessage("store.unmapped").arg(name);
        return false;
    }
    QString foundName, foundCatalog, problem;
    switch (readMarker(folder, &foundName, &foundCatalog, &problem)) {
    case Marker::Found:
        if (foundName == name && foundCatalog == catalogId)
            return true;
        *why = ErrorMessage("store.other").arg(name).arg(native(folder)).arg(foundName);
        return false;
    case Marker::Unreadable:
    case Marker::Missing:
        break;
    }
    *why = ErrorMessage("store.unreachable").arg(name).arg(native(folder));
    return false;
}

} // namespace pbxvault
