#include "TestDirs.h"

#include <QDir>

namespace pbxvault::test {
namespace {
QString baseDir()
{
    QString base = qEnvironmentVariable("PBXVAULT_TEST_TMP");
    if (base.isEmpty())
        base = QDir::tempPath();
    QDir().mkpath(base);
    return base + QStringLiteral("/pbxvault-test-XXXXXX");
}
} // namespace

TestDir::TestDir() : m_dir(baseDir())
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PBXVAULT_KEEP_TEST_DIRS"));
}

} // namespace pbxvault::test
