#pragma once

#include "ops/Operations.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QObject>
#include <QStringList>

#include <memory>

namespace pbxvault {

class AppSettings;
class HeadlessScheduler;
class SecretStore;

// Runs one `pbxvault <command>` invocation on the event loop: opens the data dir, calls the
// shared Operations and prints text or JSON. Never prompts.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    CliRunner(const QCommandLineParser &parser, QObject *parent = nullptr);
    ~CliRunner() override;
    // Starts the command; the application's exit code is set through QCoreApplication::exit.
    void start();

    static void addOptions(QCommandLineParser &parser);
    static bool isCommand(const QString &word);

private:
    void dispatch();
    void finish(int code);
    void fail(const QString &message, int code = 1);
    void usage(const QString &message);
    void printJson(const QJsonValue &value);
    void printLine(const QString &line);
    QString arg(int i) const;
    bool needArgs(int count, const QString &synopsis);
    std::optional<PbxRecord> findPbx(const QString &name);
    std::optional<qint64> parseId(const QString &text);
    void waitFor(Job *job, std::function<void(Job *)> done);

    void pbxAdd();
    void pbxList();
    void pbxShow();
    void pbxTest();
    void pbxTrust();
    void pbxRemove();
    void pbxFiles();
    void backupOne();
    void backupAll();
    void listBackups();
    void showBackup();
    void verify();
    void restore();
    void listRestores();
    void deleteBackup();
    void importFile();
    void listJobs();
    void runScheduler(bool daemon);

    const QCommandLineParser &m_parser;
    QStringList m_args;
    bool m_json = false;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Operations> m_ops;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<HeadlessScheduler> m_scheduler;
    bool m_finished = false;
};

} // namespace pbxvault
