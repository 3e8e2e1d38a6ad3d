#pragma once

#include "Tenant.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace pbxsim {

// The member that pads a backup to the requested size; restores ignore it.
extern const char *const PaddingMemberName;

// Writes a backup: a gzip-compressed tar of manifest.json and the configuration files. When
// targetSize is larger than that archive, an incompressible member (PaddingMemberName) is added
// and the gzip stream is laid out so the file is exactly targetSize bytes: the configuration is
// one deflated gzip member, the padding a second member of stored blocks whose size is known in
// advance, the tar trailer a third. Readers (gzip, libarchive) accept concatenated members.
bool writeBackupArchive(const std::string &path, const ConfigFiles &files,
                        const std::string &manifestJson, std::int64_t mtime,
                        std::uint64_t targetSize, const std::atomic<bool> &stop,
                        std::string *error);

struct BackupContent
{
    std::string manifestJson;
    ConfigFiles files;
};

// Reads a backup back: every configuration file (padding skipped). Fails on anything that is
// not a readable archive, lacks manifest.json, or has entries that are not plain files at safe
// relative paths.
bool readBackupArchive(const std::string &path, BackupContent *content, std::string *error);

} // namespace pbxsim
