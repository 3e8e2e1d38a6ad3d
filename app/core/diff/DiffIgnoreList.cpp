#include "DiffIgnoreList.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pbxvault {

DiffIgnoreList::DiffIgnoreList()
    : m_members{QStringLiteral("pbxsim-padding.bin")},
      m_manifest(QStringLiteral("manifest.json")), m_manifestFields{QStringLiteral("created"),
                                                                    QStringLiteral("filename"),
                                                                    QStringLiteral("comment"),
                                                                    QStringLiteral("config_sha256")}
{}

const DiffIgnoreList &DiffIgnoreList::standard()
{
    static const DiffIgnoreList list;
    return list;
}

bool DiffIgnoreList::ignoresMember(const QString &name) const
{
    return m_members.contains(name);
}

bool DiffIgnoreList::normalise(const QString &name, const QByteArray &content,
                               QByteArray *normalised) const
{
    if (name != m_manifest)
        return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false; // not the manifest we know: compared byte for byte
    QJsonObject object = doc.object();
    for (const QString &field : m_manifestFields)
        object.remove(field);
    *normalised = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return true;
}

} // namespace pbxvault
