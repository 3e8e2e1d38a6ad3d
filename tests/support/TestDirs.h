#pragma once

#include <QString>
#include <QTemporaryDir>

namespace pbxvault::test {

// A fresh directory for one test; removed afterwards unless PBXVAULT_KEEP_TEST_DIRS is set.
// Lives under $PBXVAULT_TEST_TMP (set by CTest to build/test-tmp) or the system temp dir.
class TestDir
{
public:
    TestDir();
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace pbxvault::test
