#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace pbxsim {

using ConfigFiles = std::map<std::string, std::string>; // relative path -> content

// Hash of a configuration (paths and contents), the figure /sim/state reports.
std::string configSha256(const ConfigFiles &files);

// One tenant (domain) of the PBX: its salt, current configuration and stored backups, kept
// under <data-dir>/tenants/<domain>/.
class Tenant
{
public:
    Tenant(std::string domain, std::filesystem::path dir);
    bool open(std::string *error); // creates the salt and a first configuration when missing

    const std::string &domain() const { return m_domain; }
    const std::string &salt() const { return m_salt; }

    ConfigFiles config() const;
    std::string configSha256() const;
    std::string mutate(); // changes the configuration; returns the new hash
    bool replaceConfig(const ConfigFiles &files, std::string *error);

    // Backups: names are validated before they become paths.
    std::vector<std::string> backupNames() const;
    bool backupExists(const std::string &name) const;
    std::filesystem::path backupPath(const std::string &name) const; // name must be valid
    bool removeBackup(const std::string &name);
    // Moves a finished temporary file in as backup `name` (replacing one of that name).
    bool storeBackup(const std::filesystem::path &tempFile, const std::string &name,
                     std::string *error);
    std::map<std::string, std::uint64_t> backupSizes() const;

    int restores() const { return m_restores; }
    void countRestore() { ++m_restores; }

private:
    ConfigFiles readConfigLocked() const;
    static ConfigFiles initialConfig(const std::string &domain);
    static bool writeTree(const std::filesystem::path &root, const ConfigFiles &files,
                          std::string *error);

    std::string m_domain;
    std::filesystem::path m_dir;
    std::string m_salt;
    mutable std::mutex m_mutex;
    std::atomic<int> m_restores{0};
    int m_mutations = 0;
};

bool readFile(const std::filesystem::path &path, std::string *content, std::uint64_t maxSize);
bool writeFile(const std::filesystem::path &path, const std::string &content);

} // namespace pbxsim
