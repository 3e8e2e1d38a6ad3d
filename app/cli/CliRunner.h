#pragma once

#include <QCommandLineParser>
#include <QObject>

#include <memory>

namespace pbxvault {

class CliContext;
class Command;

// Runs one `pbxvault <command>` invocation on the event loop: checks the command line against
// CliSyntax, opens the data dir and starts the command. Never prompts. The application's exit
// code is set through QCoreApplication::exit.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    explicit CliRunner(const QCommandLineParser &parser, QObject *parent = nullptr);
    ~CliRunner() override;
    void start();

private:
    void dispatch();

    const QCommandLineParser &m_parser;
    std::unique_ptr<CliContext> m_context;
    std::unique_ptr<Command> m_command;
};

} // namespace pbxvault
