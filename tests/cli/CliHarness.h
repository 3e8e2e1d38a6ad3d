#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace pbxvault::test {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool crashed = false;
};

// Runs the real pbxvault executable with --data-dir, as a script or cron job would.
class CliHarness
{
public:
    explicit CliHarness(const QString &dataDir);
    CliResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                  int timeoutMs = 120000);
    QString dataDir() const { return m_dataDir; }
    QProcessEnvironment &environment() { return m_env; }
    // Runs in the child before exec (resource limits for the disk-full test).
    void setChildSetup(std::function<void()> setup) { m_childSetup = std::move(setup); }
    // Every output ever produced by run(), for the no-secrets check.
    const QByteArray &transcript() const { return m_transcript; }

private:
    QString m_dataDir;
    QProcessEnvironment m_env;
    std::function<void()> m_childSetup;
    QByteArray m_transcript;
};

} // namespace pbxvault::test
