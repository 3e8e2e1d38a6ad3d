#pragma once

#include <QCoreApplication>

namespace pbxvault {

class CliContext;

// One `pbxvault` command. run() starts it; it ends by calling CliContext::finish() or fail(),
// possibly later from a job's finished() signal.
class Command
{
public:
    explicit Command(CliContext &context) : m_context(context) {}
    virtual ~Command() = default;
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    virtual void run() = 0;

protected:
    CliContext &m_context;
};

} // namespace pbxvault
