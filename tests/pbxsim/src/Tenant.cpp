#include "Tenant.h"

#include "Clock.h"
#include "Crypto.h"
#include "Names.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace pbxsim {

bool readFile(const fs::path &path, std::string *content, std::uint64_t maxSize)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size > maxSize)
        return false;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    content->assign(std::size_t(size), '\0');
    in.read(&(*content)[0], std::streamsize(size));
    return bool(in) || size == 0;
}

bool writeFile(const fs::path &path, const std::string &content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), std::streamsize(content.size()));
    out.close();
    return bool(out);
}

std::string configSha256(const ConfigFiles &files)
{
    Sha256 hash;
    for (const auto &[path, content] : files) { // std::map: sorted by path
        hash.add(path);
        hash.add("\0", 1);
        hash.add(std::to_string(content.size()));
        hash.add("\0", 1);
        hash.add(content);
    }
    return hash.hexDigest();
}

Tenant::Tenant(std::string domain, fs::path dir)
    : m_domain(std::move(domain)), m_dir(std::move(dir))
{}

ConfigFiles Tenant::initialConfig(const std::string &domain)
{
    ConfigFiles files;
    files["etc/extensions.conf"] = "; dialplan of tenant " + domain +
                                   "\n[internal]\n"
                                   "exten => _2XX,1,Dial(PJSIP/${EXTEN},30)\n"
                                   "exten => _2XX,n,VoiceMail(${EXTEN}@" +
                                   domain +
                                   ")\n"
                                   "exten => 800,1,Queue(support)\n";
    files["etc/sip.conf"] = "; SIP endpoints of tenant " + domain +
                            "\n[201]\ntype=friend\ncontext=internal\n"
                            "[202]\ntype=friend\ncontext=internal\n";
    files["etc/queues.conf"] = "[support]\nstrategy=ringall\nmember => PJSIP/201\n";
    files["etc/voicemail.conf"] = "[" + domain + "]\n201 => 1234,Alice\n202 => 4321,Bob\n";
    files["db/dump.sql"] = "-- configuration database of tenant " + domain +
                           "\nCREATE TABLE extension (number TEXT PRIMARY KEY, name TEXT);\n"
                           "INSERT INTO extension VALUES ('201', 'Alice');\n"
                           "INSERT INTO extension VALUES ('202', 'Bob');\n";
    files["provisioning/phones.csv"] = "mac,extension,model\n"
                                       "00:15:65:aa:bb:01,201,T46U\n"
                                       "00:15:65:aa:bb:02,202,T46U\n";
    return files;
}

bool Tenant::writeTree(const fs::path &root, const ConfigFiles &files, std::string *error)
{
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directories(root, ec);
    for (const auto &[path, content] : files) {
        if (!isSafeConfigPath(path)) { // callers validate; this is the last line of defence
            *error = "unsafe configuration path " + path;
            return false;
        }
        const fs::path target = root / path;
        fs::create_directories(target.parent_path(), ec);
        if (!writeFile(target, content)) {
            *error = "cannot write " + target.string();
            return false;
        }
    }
    return true;
}

bool Tenant::open(std::string *error)
{
    std::error_code ec;
    fs::create_directories(m_dir / "backups", ec);
    if (ec) {
        *error = "cannot create " + (m_dir / "backups").string() + ": " + ec.message();
        return false;
    }
    const fs::path saltFile = m_dir / "salt";
    if (!readFile(saltFile, &m_salt, 1024) || m_salt.empty()) {
        m_salt = randomAlnum(31);
        if (!writeFile(saltFile, m_salt)) {
            *error = "cannot write " + saltFile.string();
            return false;
        }
    }
    if (!fs::is_directory(m_dir / "config"))
        return writeTree(m_dir / "config", initialConfig(m_domain), error);
    return true;
}

ConfigFiles Tenant::readConfigLocked() const
{
    ConfigFiles files;
    const fs::path root = m_dir / "config";
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file())
            continue;
        std::string content;
        if (readFile(it->path(), &content, 64 << 20))
            files[fs::relative(it->path(), root).generic_string()] = content;
    }
    return files;
}

ConfigFiles Tenant::config() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return readConfigLocked();
}

std::string Tenant::configSha256() const
{
    return pbxsim::configSha256(config());
}

std::string Tenant::mutate()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_mutations;
    const std::string stamp = SimClock::isoUtc(SimClock().now()) + " #" +
                              std::to_string(m_mutations) + " " + randomAlnum(8);
    const fs::path root = m_dir / "config";
    std::error_code ec; // a restored configuration may lack these directories
    fs::create_directories(root / "etc", ec);
    fs::create_directories(root / "db", ec);
    std::ofstream(root / "etc/extensions.conf", std::ios::app)
        << "exten => " << (300 + m_mutations) << ",1,NoOp(changed " << stamp << ")\n";
    std::ofstream(root / "db/dump.sql", std::ios::app)
        << "INSERT INTO extension VALUES ('" << (300 + m_mutations) << "', 'changed " << stamp
        << "');\n";
    return pbxsim::configSha256(readConfigLocked());
}

bool Tenant::replaceConfig(const ConfigFiles &files, std::string *error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const fs::path next = m_dir / "config.new";
    if (!writeTree(next, files, error))
        return false;
    std::error_code ec;
    fs::remove_all(m_dir / "config.old", ec);
    fs::rename(m_dir / "config", m_dir / "config.old", ec);
    fs::rename(next, m_dir / "config", ec);
    if (ec) {
        *error = "cannot switch configuration: " + ec.message();
        return false;
    }
    fs::remove_all(m_dir / "config.old", ec);
    return true;
}

std::vector<std::string> Tenant::backupNames() const
{
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::directory_iterator(m_dir / "backups", ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_regular_file() && isValidBackupName(name))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::map<std::string, std::uint64_t> Tenant::backupSizes() const
{
    std::map<std::string, std::uint64_t> sizes;
    for (const std::string &name : backupNames()) {
        std::error_code ec;
        sizes[name] = fs::file_size(backupPath(name), ec);
    }
    return sizes;
}

bool Tenant::backupExists(const std::string &name) const
{
    std::error_code ec;
    return isValidBackupName(name) && fs::is_regular_file(backupPath(name), ec);
}

fs::path Tenant::backupPath(const std::string &name) const
{
    return m_dir / "backups" / name;
}

bool Tenant::removeBackup(const std::string &name)
{
    std::error_code ec;
    return backupExists(name) && fs::remove(backupPath(name), ec);
}

bool Tenant::storeBackup(const fs::path &tempFile, const std::string &name, std::string *error)
{
    if (!isValidBackupName(name)) {
        *error = "invalid backup name";
        return false;
    }
    std::error_code ec;
    fs::rename(tempFile, backupPath(name), ec);
    if (ec) {
        *error = "cannot store backup: " + ec.message();
        return false;
    }
    return true;
}

} // namespace pbxsim
