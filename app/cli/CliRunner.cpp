#include "CliRunner.h"

#include "CliContext.h"
#include "CliSyntax.h"
#include "commands/Command.h"
#include "ops/Operations.h"

#include <QCoreApplication>
#include <QTimer>

namespace pbxvault {

CliRunner::CliRunner(const QCommandLineParser &parser, QObject *parent)
    : QObject(parent), m_parser(parser), m_context(std::make_unique<CliContext>(parser))
{
    connect(m_context.get(), &CliContext::finished, this,
            [](int code) { QCoreApplication::exit(code); });
}

CliRunner::~CliRunner()
{
    // Commands hold references into the context.
    m_command.reset();
}

void CliRunner::start()
{
    QTimer::singleShot(0, this, &CliRunner::dispatch);
}

void CliRunner::dispatch()
{
    QString problem;
    const CliCommandSpec *spec = CliSyntax::resolve(
        m_parser.positionalArguments(), m_parser.isSet(QStringLiteral("all")), &problem);
    if (spec)
        problem = CliSyntax::check(*spec, m_parser);
    if (!problem.isEmpty()) {
        m_context->usage(problem);
        return;
    }
    int stallTimeoutMs = 0;
    if (m_parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const int seconds = m_parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds < 1) {
            m_context->usage(tr("--timeout needs a number of seconds of at least 1."));
            return;
        }
        stallTimeoutMs = seconds * 1000;
    }
    QString error;
    if (!m_context->open(&error)) {
        m_context->fail(JobError::Catalog, error);
        return;
    }
    if (stallTimeoutMs > 0)
        m_context->ops().setStallTimeout(stallTimeoutMs);
    qCDebug(lcCli) << "Running" << spec->key;
    m_command = spec->create(*m_context);
    m_command->run();
}

} // namespace pbxvault
