#include "CliRunner.h"

#include "HeadlessScheduler.h"
#include "JsonFormat.h"
#include "common/AppSettings.h"
#include "schedule/CronExpression.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace pbxvault {
namespace {

const QStringList kCommands{
    QStringLiteral("pbx"),      QStringLiteral("backup"), QStringLiteral("backups"),
    QStringLiteral("show"),     QStringLiteral("verify"), QStringLiteral("restore"),
    QStringLiteral("restores"), QStringLiteral("delete"), QStringLiteral("import"),
    QStringLiteral("jobs"),     QStringLiteral("daemon"), QStringLiteral("run-due")};

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace

CliRunner::CliRunner(const QCommandLineParser &parser, QObject *parent)
    : QObject(parent), m_parser(parser), m_args(parser.positionalArguments()),
      m_json(parser.isSet(QStringLiteral("json")))
{}

CliRunner::~CliRunner() = default;

void CliRunner::addOptions(QCommandLineParser &parser)
{
    auto value = [&](const QString &name, const QString &help, const QString &valueName) {
        parser.addOption(QCommandLineOption(name, help, valueName));
    };
    auto flag = [&](const QString &name, const QString &help) {
        parser.addOption(QCommandLineOption(name, help));
    };
    value(QStringLiteral("data-dir"), tr("Use DIR for the catalog and backups."),
          QStringLiteral("DIR"));
    flag(QStringLiteral("json"), tr("Print one JSON document on stdout."));
    value(QStringLiteral("timeout"),
          tr("Give up on a PBX that sends nothing for SECONDS (default 30)."),
          QStringLiteral("SECONDS"));
    value(QStringLiteral("url"), tr("pbx add: address of the PBX (https://host[:port])."),
          QStringLiteral("URL"));
    value(QStringLiteral("user"), tr("pbx add: PBX user name."), QStringLiteral("USER"));
    flag(QStringLiteral("password-stdin"), tr("pbx add: read the password from stdin."));
    value(QStringLiteral("tenant"), tr("pbx add: tenant domain (default \"default\")."),
          QStringLiteral("DOMAIN"));
    value(QStringLiteral("role"), tr("pbx add: master or secondary."), QStringLiteral("ROLE"));
    value(QStringLiteral("schedule"), tr("pbx add: periodic backups, 5-field cron expression."),
          QStringLiteral("CRON"));
    value(QStringLiteral("keep"), tr("pbx add: keep the last N backups."), QStringLiteral("N"));
    value(QStringLiteral("keep-days"), tr("pbx add: keep backups for N days."),
          QStringLiteral("N"));
    value(QStringLiteral("trust-fingerprint"),
          tr("pbx add, pbx trust: accept the certificate with this SHA-256 fingerprint."),
          QStringLiteral("SHA256"));
    flag(QStringLiteral("delete-backups"), tr("pbx remove: also delete the PBX's backups."));
    value(QStringLiteral("comment"), tr("backup: comment stored with the backup."),
          QStringLiteral("TEXT"));
    flag(QStringLiteral("all"), tr("backup, verify: every PBX / every backup."));
    value(QStringLiteral("jobs"), tr("backup --all: PBXs backed up at once (default 4)."),
          QStringLiteral("N"));
    value(QStringLiteral("pbx"), tr("backups, import: the PBX."), QStringLiteral("NAME"));
    value(QStringLiteral("to"), tr("restore: target PBX."), QStringLiteral("NAME"));
    flag(QStringLiteral("no-safety-backup"),
         tr("restore: do not back up the target before restoring."));
    flag(QStringLiteral("force"), tr("restore: allow a backup from newer firmware."));
    flag(QStringLiteral("on-pbx"), tr("delete: also delete the copy stored on the PBX."));
    value(QStringLiteral("retry-delay"),
          tr("daemon, run-due: wait SECONDS before retrying a transient failure, doubling "
             "each time (default 60)."),
          QStringLiteral("SECONDS"));
}

bool CliRunner::isCommand(const QString &word)
{
    return kCommands.contains(word);
}

void CliRunner::start()
{
    QTimer::singleShot(0, this, &CliRunner::dispatch);
}

void CliRunner::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    QCoreApplication::exit(code);
}

void CliRunner::fail(const QString &message, int code)
{
    QTextStream(stderr) << "pbxvault: "
                        << QString(message).replace(QLatin1Char('\n'), QLatin1Char(' '))
                        << Qt::endl;
    finish(code);
}

void CliRunner::usage(const QString &message)
{
    fail(message + QLatin1Char(' ') + tr("(see pbxvault --help)"), 2);
}

void CliRunner::printJson(const QJsonValue &value)
{
    QTextStream out(stdout);
    if (value.isArray())
        out << QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    else
        out << QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
}

void CliRunner::printLine(const QString &line)
{
    QTextStream(stdout) << line << Qt::endl;
}

QString CliRunner::arg(int i) const
{
    return i < m_args.size() ? m_args.at(i) : QString();
}

bool CliRunner::needArgs(int count, const QString &synopsis)
{
    if (m_args.size() == count)
        return true;
    usage(tr("Usage: pbxvault %1").arg(synopsis));
    return false;
}

std::optional<PbxRecord> CliRunner::findPbx(const QString &name)
{
    std::optional<PbxRecord> pbx = m_vault->catalog().pbxByName(name);
    if (!pbx)
        fail(tr("There is no PBX named \"%1\".").arg(name));
    return pbx;
}

std::optional<qint64> CliRunner::parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        usage(tr("\"%1\" is not a backup id.").arg(text));
        return std::nullopt;
    }
    return id;
}

void CliRunner::waitFor(Job *job, std::function<void(Job *)> done)
{
    connect(job, &Job::finished, this, [job, done] {
        done(job);
        job->deleteLater();
    });
}

void CliRunner::dispatch()
{
    const QString dataDir = m_parser.value(QStringLiteral("data-dir"));
    m_secrets = std::make_unique<KeychainSecretStore>();
    QString error;
    m_vault = Vault::open(dataDir, m_secrets.get(), &error);
    if (!m_vault) {
        fail(error);
        return;
    }
    m_ops = std::make_unique<Operations>(*m_vault);
    if (m_parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const int seconds = m_parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds < 1) {
            usage(tr("--timeout needs a number of seconds of at least 1."));
            return;
        }
        m_ops->setStallTimeout(seconds * 1000);
    }

    const QString command = arg(0);
    const QString sub = arg(1);
    if (command == QLatin1String("pbx")) {
        if (sub == QLatin1String("add"))
            pbxAdd();
        else if (sub == QLatin1String("list"))
            pbxList();
        else if (sub == QLatin1String("show"))
            pbxShow();
        else if (sub == QLatin1String("test"))
            pbxTest();
        else if (sub == QLatin1String("trust"))
            pbxTrust();
        else if (sub == QLatin1String("remove"))
            pbxRemove();
        else if (sub == QLatin1String("files"))
            pbxFiles();
        else
            usage(
                tr("Unknown pbx command \"%1\"; use add, list, show, test, trust, files or remove.")
                    .arg(sub));
    } else if (command == QLatin1String("backup")) {
        if (m_parser.isSet(QStringLiteral("all")))
            backupAll();
        else
            backupOne();
    } else if (command == QLatin1String("backups")) {
        listBackups();
    } else if (command == QLatin1String("show")) {
        showBackup();
    } else if (command == QLatin1String("verify")) {
        verify();
    } else if (command == QLatin1String("restore")) {
        restore();
    } else if (command == QLatin1String("restores")) {
        listRestores();
    } else if (command == QLatin1String("delete")) {
        deleteBackup();
    } else if (command == QLatin1String("import")) {
        importFile();
    } else if (command == QLatin1String("jobs")) {
        listJobs();
    } else if (command == QLatin1String("daemon")) {
        runScheduler(true);
    } else if (command == QLatin1String("run-due")) {
        runScheduler(false);
    } else {
        usage(tr("Unknown command \"%1\".").arg(command));
    }
}

void CliRunner::pbxAdd()
{
    if (!needArgs(3, tr("pbx add NAME --url URL --user USER --password-stdin [...]")))
        return;
    PbxRecord pbx;
    pbx.name = arg(2);
    pbx.url = QUrl(m_parser.value(QStringLiteral("url")), QUrl::StrictMode);
    pbx.username = m_parser.value(QStringLiteral("user"));
    if (m_parser.isSet(QStringLiteral("tenant")))
        pbx.tenant = m_parser.value(QStringLiteral("tenant"));
    const QString role = m_parser.value(QStringLiteral("role"));
    if (!role.isEmpty() && !fromString(role, &pbx.role)) {
        usage(tr("--role must be master or secondary."));
        return;
    }
    if (role.isEmpty())
        pbx.role = m_vault->catalog().pbxs().isEmpty() ? PbxRole::Master : PbxRole::Secondary;
    if (m_parser.isSet(QStringLiteral("schedule"))) {
        QString error;
        const CronExpression cron =
            CronExpression::parse(m_parser.value(QStringLiteral("schedule")), &error);
        if (!cron.isValid()) {
            usage(tr("Invalid --schedule: %1").arg(error));
            return;
        }
        pbx.schedule = cron.text();
    }
    for (const auto &[option, target] : {std::pair{QStringLiteral("keep"), &pbx.keepLast},
                                         std::pair{QStringLiteral("keep-days"), &pbx.keepDays}}) {
        if (!m_parser.isSet(option))
            continue;
        bool ok = false;
        *target = m_parser.value(option).toInt(&ok);
        if (!ok || *target < 1) {
            usage(tr("--%1 needs a whole number of at least 1.").arg(option));
            return;
        }
    }
    pbx.fingerprint = m_parser.value(QStringLiteral("trust-fingerprint"));
    if (!m_parser.isSet(QStringLiteral("password-stdin"))) {
        usage(tr("Give the password on stdin with --password-stdin (never on the command "
                 "line)."));
        return;
    }
    const QString password = readPasswordFromStdin();
    waitFor(m_ops->addPbx(pbx, password), [this](Job *job) {
        if (!job->ok()) {
            fail(job->errorMessage());
            return;
        }
        const PbxRecord stored = *m_vault->catalog().pbx(job->pbxId());
        if (stored.url.scheme() == QLatin1String("http"))
            QTextStream(stderr) << tr("Warning: %1 uses plain http; its password and backups "
                                      "cross the network unencrypted.")
                                       .arg(stored.name)
                                << Qt::endl;
        if (m_json)
            printJson(toJson(stored));
        else
            printLine(tr("Added %1 (%2, %3).")
                          .arg(stored.name, stored.url.toString(), toString(stored.role)));
        finish(0);
    });
}

void CliRunner::pbxList()
{
    if (!needArgs(2, QStringLiteral("pbx list")))
        return;
    const QVector<PbxRecord> pbxs = m_vault->catalog().pbxs();
    if (m_json) {
        QJsonArray array;
        for (const PbxRecord &p : pbxs)
            array.append(toJson(p));
        printJson(array);
    } else {
        for (const PbxRecord &p : pbxs)
            printLine(QStringLiteral("%1\t%2\t%3\t%4%5")
                          .arg(p.name, p.url.toString(), toString(p.role),
                               p.schedule.isEmpty() ? QStringLiteral("-") : p.schedule,
                               p.enabled ? QString() : QStringLiteral("\t(disabled)")));
    }
    finish(0);
}

void CliRunner::pbxShow()
{
    if (!needArgs(3, QStringLiteral("pbx show NAME")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(2));
    if (!pbx)
        return;
    if (m_json) {
        printJson(toJson(*pbx));
    } else {
        const QJsonObject o = toJson(*pbx);
        for (auto it = o.begin(); it != o.end(); ++it)
            printLine(QStringLiteral("%1: %2").arg(it.key(), it.value().toVariant().toString()));
    }
    finish(0);
}

void CliRunner::pbxTest()
{
    if (!needArgs(3, QStringLiteral("pbx test NAME")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(2));
    if (!pbx)
        return;
    waitFor(m_ops->testConnection(pbx->id), [this, pbx](Job *job) {
        if (!job->ok()) {
            QString message = job->errorMessage();
            if (job->pbxError().kind == PbxErrorKind::TlsUntrusted)
                message += QLatin1Char(' ') +
                           tr("To trust it, run: pbxvault pbx trust %1 --trust-fingerprint %2")
                               .arg(pbx->name, job->pbxError().presentedFingerprint);
            fail(message);
            return;
        }
        if (m_json) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), pbx->name);
            o.insert(QStringLiteral("firmware"), job->firmware());
            o.insert(QStringLiteral("ok"), true);
            printJson(o);
        } else {
            printLine(tr("%1 answered: firmware %2.").arg(pbx->name, job->firmware()));
        }
        finish(0);
    });
}

void CliRunner::pbxTrust()
{
    if (!needArgs(3, QStringLiteral("pbx trust NAME [--trust-fingerprint SHA256]")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(2));
    if (!pbx)
        return;
    const QString expected = m_parser.value(QStringLiteral("trust-fingerprint"));
    if (!expected.isEmpty() && PbxClient::normaliseFingerprint(expected).isEmpty()) {
        usage(tr("\"%1\" is not a SHA-256 fingerprint.").arg(expected));
        return;
    }
    // A pinned-and-matching PBX connects fine; otherwise the TLS error names what it presents.
    waitFor(m_ops->testConnection(pbx->id), [this, pbx, expected](Job *job) {
        const PbxError &e = job->pbxError();
        QString presented = e.presentedFingerprint;
        if (job->ok() && presented.isEmpty()) {
            printLine(
                tr("%1 already presents a trusted certificate; nothing to do.").arg(pbx->name));
            finish(0);
            return;
        }
        if (presented.isEmpty()) {
            fail(job->errorMessage());
            return;
        }
        if (!expected.isEmpty() && PbxClient::normaliseFingerprint(expected) != presented) {
            fail(tr("%1 presents the certificate %2, not the expected %3; nothing was changed.")
                     .arg(pbx->name, PbxClient::formatFingerprint(presented),
                          PbxClient::formatFingerprint(PbxClient::normaliseFingerprint(expected))));
            return;
        }
        QString error;
        if (!m_ops->trustFingerprint(pbx->id, presented, &error)) {
            fail(error);
            return;
        }
        if (m_json) {
            printJson(toJson(*m_vault->catalog().pbx(pbx->id)));
        } else {
            printLine(tr("Trusted the certificate of %1: %2")
                          .arg(pbx->name, PbxClient::formatFingerprint(presented)));
        }
        finish(0);
    });
}

void CliRunner::pbxRemove()
{
    if (!needArgs(3, QStringLiteral("pbx remove NAME [--delete-backups]")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(2));
    if (!pbx)
        return;
    waitFor(m_ops->removePbx(pbx->id, m_parser.isSet(QStringLiteral("delete-backups"))),
            [this, pbx](Job *job) {
                if (!job->ok()) {
                    fail(job->errorMessage());
                    return;
                }
                for (const QString &w : job->warnings())
                    QTextStream(stderr) << w << Qt::endl;
                if (m_json) {
                    QJsonObject o;
                    o.insert(QStringLiteral("removed"), pbx->name);
                    printJson(o);
                } else {
                    printLine(tr("Removed %1.").arg(pbx->name));
                }
                finish(0);
            });
}

void CliRunner::pbxFiles()
{
    if (!needArgs(3, QStringLiteral("pbx files NAME")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(2));
    if (!pbx)
        return;
    waitFor(m_ops->listRemoteBackups(pbx->id), [this](Job *job) {
        if (!job->ok()) {
            fail(job->errorMessage());
            return;
        }
        if (m_json) {
            printJson(QJsonArray::fromStringList(job->remoteNames()));
        } else {
            for (const QString &name : job->remoteNames())
                printLine(name);
        }
        finish(0);
    });
}

void CliRunner::backupOne()
{
    if (!needArgs(2, QStringLiteral("backup NAME [--comment TEXT] | backup --all [--jobs N]")))
        return;
    const std::optional<PbxRecord> pbx = findPbx(arg(1));
    if (!pbx)
        return;
    Job *job =
        m_ops->backupPbx(pbx->id, JobTrigger::Manual, m_parser.value(QStringLiteral("comment")));
    waitFor(job, [this](Job *job) {
        if (!job->ok()) {
            fail(job->errorMessage());
            return;
        }
        const BackupRecord b = *m_vault->catalog().backup(job->backupId());
        if (m_json)
            printJson(toJson(b));
        else
            printLine(tr("Backup %1 stored: %2 (%3).")
                          .arg(QString::number(b.id), b.path, humanSize(b.size)));
        finish(0);
    });
}

void CliRunner::backupAll()
{
    int jobs = 4;
    if (m_parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        jobs = m_parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || jobs < 1 || jobs > 64) {
            usage(tr("--jobs needs a number from 1 to 64."));
            return;
        }
    }
    struct State
    {
        QVector<PbxRecord> pending;
        int running = 0;
        int failures = 0;
        QJsonArray results;
    };
    auto state = std::make_shared<State>();
    for (const PbxRecord &p : m_vault->catalog().pbxs()) {
        if (p.enabled)
            state->pending.append(p);
    }
    if (state->pending.isEmpty()) {
        fail(tr("No PBX is registered."));
        return;
    }
    // Each PBX appears once in the queue, so no PBX ever has two jobs at once.
    auto launchNext = std::make_shared<std::function<void()>>();
    *launchNext = [this, state, launchNext, jobs] {
        while (state->running < jobs && !state->pending.isEmpty()) {
            const PbxRecord pbx = state->pending.takeFirst();
            ++state->running;
            waitFor(
                m_ops->backupPbx(pbx.id, JobTrigger::Manual,
                                 m_parser.value(QStringLiteral("comment"))),
                [this, state, launchNext, pbx](Job *job) {
                    --state->running;
                    QJsonObject r;
                    r.insert(QStringLiteral("pbx"), pbx.name);
                    r.insert(QStringLiteral("ok"), job->ok());
                    if (job->ok()) {
                        const BackupRecord b = *m_vault->catalog().backup(job->backupId());
                        r.insert(QStringLiteral("backup"), toJson(b));
                        if (!m_json)
                            printLine(tr("%1: backup %2 stored (%3).")
                                          .arg(pbx.name, QString::number(b.id), humanSize(b.size)));
                    } else {
                        ++state->failures;
                        r.insert(QStringLiteral("error"), job->errorMessage());
                        QTextStream(stderr)
                            << "pbxvault: " << pbx.name << ": " << job->errorMessage() << Qt::endl;
                    }
                    state->results.append(r);
                    if (state->running == 0 && state->pending.isEmpty()) {
                        if (m_json)
                            printJson(state->results);
                        if (state->failures > 0)
                            fail(tr("%1 of %2 backups failed.")
                                     .arg(state->failures)
                                     .arg(state->results.size()));
                        else
                            finish(0);
                        return;
                    }
                    (*launchNext)();
                });
        }
    };
    (*launchNext)();
}

void CliRunner::listBackups()
{
    if (!needArgs(1, QStringLiteral("backups [--pbx NAME]")))
        return;
    qint64 pbxId = 0;
    if (m_parser.isSet(QStringLiteral("pbx"))) {
        const std::optional<PbxRecord> pbx = findPbx(m_parser.value(QStringLiteral("pbx")));
        if (!pbx)
            return;
        pbxId = pbx->id;
    }
    const QVector<BackupRecord> backups = m_vault->catalog().backups(pbxId);
    if (m_json) {
        QTextStream(stdout).flush();
        JsonArrayWriter out(stdout);
        for (const BackupRecord &b : backups)
            out.add(b);
        out.finish();
    } else {
        QString text;
        QTextStream out(&text);
        for (const BackupRecord &b : backups) {
            out << b.id << '\t' << b.pbxName << '\t' << b.filename << '\t' << humanSize(b.size)
                << '\t' << b.createdAt.toLocalTime().toString(Qt::ISODate) << '\t'
                << (b.masterIp.isEmpty() ? QStringLiteral("-") : b.masterIp) << '\n';
        }
        QTextStream(stdout) << text;
    }
    finish(0);
}

void CliRunner::showBackup()
{
    if (!needArgs(2, QStringLiteral("show ID")))
        return;
    const std::optional<qint64> id = parseId(arg(1));
    if (!id)
        return;
    const std::optional<BackupRecord> b = m_vault->catalog().backup(*id);
    if (!b) {
        fail(tr("There is no backup with id %1.").arg(*id));
        return;
    }
    QVector<ArchiveMember> members;
    QString error;
    const bool readable = BackupStore::listMembers(b->path, &members, &error);
    if (m_json) {
        QJsonObject o = toJson(*b);
        QJsonArray array;
        for (const ArchiveMember &m : members) {
            QJsonObject mo;
            mo.insert(QStringLiteral("name"), m.name);
            mo.insert(QStringLiteral("size"), double(m.size));
            array.append(mo);
        }
        o.insert(QStringLiteral("members"),
                 readable ? QJsonValue(array) : QJsonValue(QJsonValue::Null));
        printJson(o);
    } else {
        const QJsonObject o = toJson(*b);
        for (auto it = o.begin(); it != o.end(); ++it)
            printLine(QStringLiteral("%1: %2").arg(it.key(), it.value().toVariant().toString()));
        if (readable) {
            printLine(tr("members:"));
            for (const ArchiveMember &m : members)
                printLine(QStringLiteral("  %1 (%2)").arg(m.name, humanSize(m.size)));
        }
    }
    finish(0);
}

void CliRunner::verify()
{
    QVector<qint64> ids;
    if (m_parser.isSet(QStringLiteral("all"))) {
        if (!needArgs(1, QStringLiteral("verify ID | verify --all")))
            return;
        for (const BackupRecord &b : m_vault->catalog().backups())
            ids.append(b.id);
    } else {
        if (!needArgs(2, QStringLiteral("verify ID | verify --all")))
            return;
        const std::optional<qint64> id = parseId(arg(1));
        if (!id)
            return;
        if (!m_vault->catalog().backup(*id)) {
            fail(tr("There is no backup with id %1.").arg(*id));
            return;
        }
        ids.append(*id);
    }
    struct State
    {
        QVector<qint64> pending;
        int failures = 0;
        QJsonArray results;
    };
    auto state = std::make_shared<State>();
    state->pending = ids;
    // One at a time: verification is disk-bound.
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, state, next] {
        if (state->pending.isEmpty()) {
            if (m_json)
                printJson(state->results);
            if (state->failures > 0)
                fail(tr("%1 of %2 backups failed verification.")
                         .arg(state->failures)
                         .arg(state->results.size()));
            else
                finish(0);
            return;
        }
        const qint64 id = state->pending.takeFirst();
        waitFor(m_ops->verifyBackup(id), [this, state, next, id](Job *job) {
            QJsonObject r;
            r.insert(QStringLiteral("id"), double(id));
            r.insert(QStringLiteral("verified"),
                     job->ok() ? QStringLiteral("ok") : QStringLiteral("failed"));
            const QString message = job->ok() ? job->warnings().value(0) : job->errorMessage();
            r.insert(QStringLiteral("message"), message);
            state->results.append(r);
            if (!job->ok()) {
                ++state->failures;
                QTextStream(stderr)
                    << "pbxvault: " << tr("backup %1: %2").arg(id).arg(message) << Qt::endl;
            } else if (!m_json) {
                printLine(tr("backup %1: %2").arg(id).arg(message));
            }
            (*next)();
        });
    };
    (*next)();
}

void CliRunner::restore()
{
    if (!needArgs(2, QStringLiteral("restore ID --to NAME [--no-safety-backup] [--force]")))
        return;
    const std::optional<qint64> id = parseId(arg(1));
    if (!id)
        return;
    if (!m_parser.isSet(QStringLiteral("to"))) {
        usage(tr("restore needs --to NAME, the PBX to restore onto."));
        return;
    }
    const std::optional<PbxRecord> target = findPbx(m_parser.value(QStringLiteral("to")));
    if (!target)
        return;
    RestoreOptions options;
    options.safetyBackup = !m_parser.isSet(QStringLiteral("no-safety-backup"));
    options.force = m_parser.isSet(QStringLiteral("force"));
    waitFor(m_ops->restoreBackup(*id, target->id, options), [this](Job *job) {
        std::optional<RestoreRecord> r;
        if (job->restoreId() > 0)
            r = m_vault->catalog().restore(job->restoreId());
        if (m_json && r)
            printJson(toJson(*r));
        if (!job->ok()) {
            fail(job->errorMessage());
            return;
        }
        if (!m_json)
            printLine(tr("Restored %1 onto %2.").arg(r->filename, r->targetPbxName));
        finish(0);
    });
}

void CliRunner::listRestores()
{
    if (!needArgs(1, QStringLiteral("restores")))
        return;
    const QVector<RestoreRecord> restores = m_vault->catalog().restores();
    if (m_json) {
        QJsonArray array;
        for (const RestoreRecord &r : restores)
            array.append(toJson(r));
        printJson(array);
    } else {
        for (const RestoreRecord &r : restores)
            printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                          .arg(QString::number(r.id), toString(r.outcome),
                               r.startedAt.toLocalTime().toString(Qt::ISODate), r.targetUrl,
                               r.filename, r.error));
    }
    finish(0);
}

void CliRunner::deleteBackup()
{
    if (!needArgs(2, QStringLiteral("delete ID [--on-pbx]")))
        return;
    const std::optional<qint64> id = parseId(arg(1));
    if (!id)
        return;
    if (!m_vault->catalog().backup(*id)) {
        fail(tr("There is no backup with id %1.").arg(*id));
        return;
    }
    waitFor(m_ops->deleteBackup(*id, m_parser.isSet(QStringLiteral("on-pbx"))),
            [this, id](Job *job) {
                if (!job->ok()) {
                    fail(job->errorMessage());
                    return;
                }
                for (const QString &w : job->warnings())
                    QTextStream(stderr) << w << Qt::endl;
                if (m_json) {
                    QJsonObject o;
                    o.insert(QStringLiteral("deleted"), double(*id));
                    printJson(o);
                } else {
                    printLine(tr("Deleted backup %1.").arg(*id));
                }
                finish(0);
            });
}

void CliRunner::importFile()
{
    if (!needArgs(2, QStringLiteral("import FILE --pbx NAME")))
        return;
    if (!m_parser.isSet(QStringLiteral("pbx"))) {
        usage(tr("import needs --pbx NAME, the PBX the backup belongs to."));
        return;
    }
    const std::optional<PbxRecord> pbx = findPbx(m_parser.value(QStringLiteral("pbx")));
    if (!pbx)
        return;
    waitFor(m_ops->importBackup(arg(1), pbx->id), [this](Job *job) {
        if (!job->ok()) {
            fail(job->errorMessage());
            return;
        }
        const BackupRecord b = *m_vault->catalog().backup(job->backupId());
        if (m_json)
            printJson(toJson(b));
        else
            printLine(tr("Imported as backup %1: %2").arg(QString::number(b.id), b.path));
        finish(0);
    });
}

void CliRunner::listJobs()
{
    if (!needArgs(1, QStringLiteral("jobs")))
        return;
    const QVector<JobRecord> jobs = m_vault->catalog().jobs(200);
    if (m_json) {
        QJsonArray array;
        for (const JobRecord &j : jobs)
            array.append(toJson(j));
        printJson(array);
    } else {
        for (const JobRecord &j : jobs)
            printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                          .arg(QString::number(j.id), toString(j.kind), toString(j.trigger),
                               j.pbxName, toString(j.outcome), j.error));
    }
    finish(0);
}

void CliRunner::runScheduler(bool daemon)
{
    if (!needArgs(1, daemon ? QStringLiteral("daemon [--retry-delay SECONDS]")
                            : QStringLiteral("run-due [--retry-delay SECONDS]")))
        return;
    qint64 retryDelay = 60;
    if (m_parser.isSet(QStringLiteral("retry-delay"))) {
        bool ok = false;
        retryDelay = m_parser.value(QStringLiteral("retry-delay")).toLongLong(&ok);
        if (!ok || retryDelay < 1 || retryDelay > 24 * 3600) {
            usage(tr("--retry-delay needs a number of seconds from 1 to 86400."));
            return;
        }
    }
    m_settings = std::make_unique<AppSettings>(m_parser.value(QStringLiteral("data-dir")));
    m_scheduler = std::make_unique<HeadlessScheduler>(
        *m_ops, *m_settings,
        daemon ? HeadlessScheduler::Mode::Daemon : HeadlessScheduler::Mode::RunDue, m_json);
    m_scheduler->setRetryDelaySecs(retryDelay);
    connect(m_scheduler.get(), &HeadlessScheduler::finished, this, &CliRunner::finish);
    m_scheduler->start();
}

} // namespace pbxvault
