#pragma once

#include <QString>
#include <QTemporaryDir>

namespace pbxvault::test {

// A fresh directory for one test; removed afterwards unless PBXVAULT_KEEP_TEST_DIRS is set.
// Lives under $PBXVAULT_TEST_TMP (set by CTest to build/test-tmp) or the system temp dir.
class TestDir
{
public:
    enum class Reach
    {
        Owner,    // only this user needs to get in (the usual case)
        Everyone, // a process of another user (one that dropped root) must reach it
    };

    explicit TestDir(Reach reach = Reach::Owner);
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // With Reach::Everyone and no place that every user can enter (each folder above
    // searchable by others), the directory is invalid and this says why.
    QString whyInvalid() const { return m_whyInvalid; }

private:
    QString m_whyInvalid; // before m_dir: its initialiser fills this in
    QTemporaryDir m_dir;
};

} // namespace pbxvault::test
