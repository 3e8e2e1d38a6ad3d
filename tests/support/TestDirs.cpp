#include "TestDirs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace pbxvault::test {
namespace {

QString ownBase()
{
    QString base = qEnvironmentVariable("PBXVAULT_TEST_TMP");
    if (base.isEmpty())
        base = QDir::tempPath();
    QDir().mkpath(base);
    return base;
}

// Every folder from the root down to path can be entered by any user. A checkout inside a
// private folder (a clone in a `mktemp -d` directory, mode 0700) fails this for build/test-tmp.
bool everyoneCanEnter(const QString &path)
{
    QFileInfo info(QDir(path).absolutePath());
    for (;;) {
        if (!info.exists() || !info.isDir() || !(info.permissions() & QFileDevice::ExeOther))
            return false;
        if (info.isRoot())
            return true;
        info = QFileInfo(info.absolutePath());
    }
}

QString templateIn(const QString &base)
{
    return base + QStringLiteral("/pbxvault-test-XXXXXX");
}

QString everyonesBase(QString *whyNone)
{
    const QStringList candidates{ownBase(), QDir::tempPath(), QStringLiteral("/tmp"),
                                 QStringLiteral("/var/tmp")};
    for (const QString &base : candidates) {
        if (everyoneCanEnter(base))
            return base;
    }
    *whyNone = QStringLiteral("none of %1 can be entered by every user")
                   .arg(candidates.join(QStringLiteral(", ")));
    return {};
}

QString templateFor(TestDir::Reach reach, QString *whyNone)
{
    if (reach == TestDir::Reach::Owner)
        return templateIn(ownBase());
    const QString base = everyonesBase(whyNone);
    // An empty template would make QTemporaryDir fall back to the system temp dir.
    return base.isEmpty() ? QStringLiteral("/nonexistent/pbxvault-test-XXXXXX") : templateIn(base);
}

} // namespace

TestDir::TestDir(Reach reach) : m_dir(templateFor(reach, &m_whyInvalid))
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PBXVAULT_KEEP_TEST_DIRS"));
    if (!m_dir.isValid() && m_whyInvalid.isEmpty())
        m_whyInvalid = m_dir.errorString();
    if (m_dir.isValid() && reach == Reach::Everyone) {
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                                QFileDevice::ExeOther);
    }
}

} // namespace pbxvault::test
