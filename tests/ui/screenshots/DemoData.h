#pragma once

#include <QString>

namespace pbxvault {
class Operations;
namespace test {
class PbxSim;
class UiTestVault;
} // namespace test
} // namespace pbxvault

namespace pbxvault::screenshots {

// Fills a vault with what a few weeks of use look like: two PBXs (running pbxsim
// instances), nightly and weekly backups, one real backup, restores that succeeded and one
// the PBX refused, and a failed scheduled backup in the job log.
struct DemoData
{
    qint64 masterId = 0;
    qint64 secondaryId = 0;
    qint64 featuredBackupId = 0; // a real backup, with a readable archive

    bool build(test::UiTestVault &vault, test::PbxSim &master, test::PbxSim &secondary,
               QString *error);
};

} // namespace pbxvault::screenshots
