#include "CliContext.h"

#include "ExitCodes.h"
#include "ProgressLine.h"
#include "common/AppSettings.h"
#include "common/Labels.h"
#include "common/PrintableText.h"
#include "ops/Operations.h"
#include "ops/VaultEncryption.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcCli, "pbxvault.cli")

CliContext::CliContext(const QCommandLineParser &parser, QObject *parent)
    : QObject(parent), m_parser(parser), m_args(parser.positionalArguments()),
      m_json(parser.isSet(QStringLiteral("json"))),
      m_progress(std::make_unique<TerminalProgress>(!m_json &&
                                                    !parser.isSet(QStringLiteral("quiet")) &&
                                                    TerminalProgress::stderrIsTerminal()))
{}

CliContext::~CliContext() = default;

bool CliContext::open(QString *error)
{
    const QString dataDir = m_parser.value(QStringLiteral("data-dir"));
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_vault =
        Vault::open(dataDir, m_secrets.get(), error, m_parser.value(QStringLiteral("catalog")));
    if (!m_vault)
        return false;
    m_ops = std::make_unique<Operations>(*m_vault);
    m_settings = std::make_unique<AppSettings>(dataDir);
    m_ops->setConcurrencyLimit(m_settings->concurrentJobs());
    m_ops->setHookPlanner(settingsHookPlanner(dataDir, m_vault->catalog().catalogId()));
    loadVaultKey();
    return true;
}

// Before any job runs: the keychain answers asynchronously, the commands need the key at once.
void CliContext::loadVaultKey()
{
    if (m_vault->catalog().encryptionKeyId().isEmpty())
        return;
    QEventLoop loop;
    VaultEncryption encryption(*m_vault);
    encryption.loadKey([this, &loop](const VaultEncryptionResult &r) {
        if (!r.ok())
            m_keyProblem = r.message;
        loop.quit();
    });
    loop.exec();
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
    m_progress->clear();
    QTextStream(stdout) << line << Qt::endl;
}

void CliContext::printJson(const QJsonValue &value)
{
    m_progress->clear();
    QTextStream out(stdout);
    if (value.isArray())
        out << QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    else
        out << QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
}

void CliContext::printNotice(const QString &line)
{
    m_progress->clear();
    QTextStream(stderr) << printable(line) << Qt::endl;
}

void CliContext::printFields(const QVector<QPair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size());
    QString text;
    for (const auto &field : fields)
        text += (field.first + QLatin1Char(':')).leftJustified(width + 2) +
                printable(field.second) + QLatin1Char('\n');
    m_progress->clear();
    QTextStream(stdout) << text;
}

QString CliContext::printable(const QString &untrusted)
{
    return PrintableText::escape(untrusted);
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
    return Labels::size(bytes);
}

QString CliContext::readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
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
    m_progress->clear();
    Q_EMIT finished(exitCode);
}

void CliContext::fail(JobError error, const QString &message)
{
    if (m_finished)
        return;
    m_progress->clear();
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
