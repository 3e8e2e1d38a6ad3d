#pragma once

#include "ProgressLine.h"
#include "common/Records.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcCli)

class AppSettings;
class Catalog;
class Job;
class Operations;
class SecretStore;
class Vault;

// What every command shares: the parsed command line, the open data directory and the ways
// to print a result or fail with a documented exit code (ExitCodes.h).
class CliContext : public QObject
{
    Q_OBJECT
public:
    explicit CliContext(const QCommandLineParser &parser, QObject *parent = nullptr);
    ~CliContext() override;

    // Opens the data directory; the concurrency limit comes from the settings.
    bool open(QString *error);

    QString arg(int i) const; // positional argument i ("" when absent)
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    bool json() const { return m_json; }
    // The progress line of long transfers (nothing unless stderr is a terminal and neither
    // --json nor --quiet was given). Every output below erases it first.
    TerminalProgress &progress() { return *m_progress; }

    Vault &vault() { return *m_vault; }
    Catalog &catalog();
    Operations &ops() { return *m_ops; }
    AppSettings &settings() { return *m_settings; }
    SecretStore &secrets() { return *m_secrets; }
    // Why the vault key of an encrypted vault is not loaded (empty when it is, or when the
    // vault is not encrypted): the keychain's answer, for `key status` and error hints.
    QString keyProblem() const { return m_keyProblem; }

    // Output. Text from a PBX, an archive, a file name or a user passes through printable()
    // first; printLine() writes the line as given.
    void printLine(const QString &line);
    void printJson(const QJsonValue &value);
    void printNotice(const QString &line); // stderr, escaped
    // "Label:  value" lines with the values aligned; values are escaped (printable()).
    void printFields(const QVector<QPair<QString, QString>> &fields);
    // Control and format characters as \xNN (the notation of Operations::displayName), so
    // nothing can drive the terminal; the text is never shortened.
    static QString printable(const QString &untrusted);
    // Fields escaped and joined with tabs: one line of a list.
    static QString row(const QStringList &fields);
    static QString humanSize(qint64 bytes); // = Labels::size(), which new code calls directly
    // The first line of stdin without its line end: --password-stdin (never argv).
    static QString readPasswordFromStdin();
    // NAME as one shell word, for commands the operator is told to run.
    static QString shellWord(const QString &text);

    // Ending. The exit code comes from the table in ExitCodes.cpp.
    void finish(int exitCode);
    void succeed() { finish(0); }
    void fail(JobError error, const QString &message);
    void failJob(const Job *job, const QString &hint = QString());
    void usage(const QString &message);
    bool isFinished() const { return m_finished; }

    // Calls done(job) once the job has finished, then deletes the job.
    void waitFor(Job *job, std::function<void(Job *)> done);

    // Lookups that fail the command (NotFound / Usage) when they find nothing.
    std::optional<PbxRecord> findPbx(const QString &name);
    std::optional<qint64> parseId(const QString &text);
    std::optional<BackupRecord> findBackup(qint64 id);

Q_SIGNALS:
    void finished(int exitCode);

private:
    const QCommandLineParser &m_parser;
    QStringList m_args;
    bool m_json = false;
    bool m_finished = false;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<TerminalProgress> m_progress;
    QString m_keyProblem;

    void loadVaultKey();
};

// "checksum only — format not readable, content not checked" and the other states in words.
QString verifyStateInWords(VerifyState state);

} // namespace pbxvault
