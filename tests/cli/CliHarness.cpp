#include "CliHarness.h"

#include <QProcess>

namespace pbxvault::test {

CliHarness::CliHarness(const QString &dataDir)
    : m_dataDir(dataDir), m_env(QProcessEnvironment::systemEnvironment())
{
    // Full logging, so the no-secrets check also covers every log line.
    m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("pbxvault.*=true"));
}

CliResult CliHarness::run(const QStringList &args, const QByteArray &stdinData, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(m_env);
    if (m_childSetup)
        process.setChildProcessModifier(m_childSetup);
    QStringList all{QStringLiteral("--data-dir"), m_dataDir};
    all += args;
    process.start(QStringLiteral(PBXVAULT_PATH), all);
    CliResult result;
    if (!process.waitForStarted(30000))
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    m_transcript += result.out + result.err;
    return result;
}

} // namespace pbxvault::test
