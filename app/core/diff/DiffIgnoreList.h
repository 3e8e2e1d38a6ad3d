#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pbxvault {

// What changes on every backup by nature, so that two backups of an unchanged PBX compare
// equal. Kept small on purpose: each rule hides something, and hiding a real configuration
// change would be worse than showing noise.
//
// - pbxsim-padding.bin: the incompressible filler pbxsim adds to reach a requested size; its
//   bytes are random every time. Reported with the status "ignored", never as a change.
// - manifest.json, fields "created", "filename", "comment" and "config_sha256": when and under
//   which name the backup was taken, and a digest of the other members (which are compared
//   themselves). The member is compared without them; any other difference in it (firmware,
//   tenant, list of files) is a change and shows in full.
//
// Tar header fields (modification times, owners, permissions) are never compared: only the
// member names and their content are.
class DiffIgnoreList
{
public:
    static const DiffIgnoreList &standard();

    bool ignoresMember(const QString &name) const;
    // The content to compare instead of the member's bytes when a rule removes volatile parts
    // of it; false (and *normalised untouched) when no rule applies to this member.
    bool normalise(const QString &name, const QByteArray &content, QByteArray *normalised) const;

    QStringList ignoredMembers() const { return m_members; }
    QStringList volatileManifestFields() const { return m_manifestFields; }

private:
    DiffIgnoreList();
    QStringList m_members;
    QString m_manifest;
    QStringList m_manifestFields;
};

} // namespace pbxvault
