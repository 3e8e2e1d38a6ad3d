#include "CliContext.h"

#include "ExitCodes.h"
#include "common/AppSettings.h"
#include "ops/Operations.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTextStream>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcCli, "pbxvault.cli")

CliContext::CliContext(const QCommandLineParser &parser, QObject *parent)
    : QObject(parent), m_parser(parser), m_args(parser.positionalArguments()),
      m_json(parser.isSet(QStringLiteral("json")))
{}

CliContext::~CliContext() = default;

bool CliContext::open(QString *error)
{
    const QString dataDir = m_parser.value(QStringLiteral("data-dir"));
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_vault = Vault::open(dataDir, m_secrets.get(), error);
    if (!m_vault)
        return false;
    m_ops = std::make_unique<Operations>(*m_vault);
    m_settings = std::make_unique<AppSettings>(dataDir);
    m_ops->setConcurrencyLimit(m_settings->concurrentJobs());
    return true;
}

QString CliContext::arg(int i) const
{
    return m_args.value(i);
}

Catalog &CliContext::catalog()
{
    return m_vault->catalog();
}

void CliContext::printLine(const QString &line)
{
    QTextStream(stdout) << line << Qt::endl;
}

void CliContext::printJson(const QJsonValue &value)
{
    QTextStream out(stdout);
    if (value.isArray())
        out << QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    else
        out << QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
}

void CliContext::printNotice(const QString &line)
{
    QTextStream(stderr) << printable(line) << Qt::endl;
}

QString CliContext::printable(const QString &untrusted)
{
    QString out;
    out.reserve(untrusted.size());
    for (const QChar c : untrusted) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString CliContext::row(const QStringList &fields)
{
    QStringList escaped;
    escaped.reserve(fields.size());
    for (const QString &f : fields)
        escaped.append(printable(f));
    return escaped.join(QLatin1Char('\t'));
}

QString CliContext::humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString CliContext::shellWord(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._@%+=:,/-]+$"));
    if (plain.match(text).hasMatch())
        return text;
    return QLatin1Char('\'') + QString(text).replace(QLatin1String("'"), QLatin1String("'\\''")) +
           QLatin1Char('\'');
}

void CliContext::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

void CliContext::fail(JobError error, const QString &message)
{
    if (m_finished)
        return;
    QTextStream(stderr) << "pbxvault: "
                        << printable(QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')))
                        << Qt::endl;
    finish(exitCodeFor(error == JobError::None ? JobError::Failed : error));
}

void CliContext::failJob(const Job *job, const QString &hint)
{
    QString message = job->errorMessage();
    if (!hint.isEmpty())
        message += QLatin1Char(' ') + hint;
    fail(job->error(), message);
}

void CliContext::usage(const QString &message)
{
    fail(JobError::Usage,
         message + QLatin1Char(' ') + QCoreApplication::translate("Cli", "(see pbxvault --help)"));
}

void CliContext::waitFor(Job *job, std::function<void(Job *)> done)
{
    connect(job, &Job::finished, this, [job, done] {
        done(job);
        job->deleteLater();
    });
}

std::optional<PbxRecord> CliContext::findPbx(const QString &name)
{
    std::optional<PbxRecord> pbx = catalog().pbxByName(name);
    if (!pbx)
        fail(JobError::NotFound,
             QCoreApplication::translate("Cli", "There is no PBX named \"%1\".").arg(name));
    return pbx;
}

std::optional<qint64> CliContext::parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        usage(QCoreApplication::translate("Cli", "\"%1\" is not a backup id.").arg(text));
        return std::nullopt;
    }
    return id;
}

std::optional<BackupRecord> CliContext::findBackup(qint64 id)
{
    std::optional<BackupRecord> b = catalog().backup(id);
    if (!b)
        fail(JobError::NotFound,
             QCoreApplication::translate("Cli", "There is no backup with id %1.").arg(id));
    return b;
}

QString verifyStateInWords(VerifyState state)
{
    switch (state) {
    case VerifyState::Unverified:
        return QCoreApplication::translate("Cli", "not verified yet");
    case VerifyState::Intact:
        return QCoreApplication::translate("Cli", "intact");
    case VerifyState::ChecksumOnly:
        return QCoreApplication::translate(
            "Cli", "checksum only \u2014 format not readable, content not checked");
    case VerifyState::Corrupt:
        return QCoreApplication::translate("Cli", "corrupt");
    case VerifyState::Missing:
        return QCoreApplication::translate("Cli", "missing");
    }
    return {};
}

} // namespace pbxvault
