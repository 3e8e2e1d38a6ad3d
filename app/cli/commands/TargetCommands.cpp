#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "offsite/SftpTarget.h"
#include "ops/OffsiteCopies.h"
#include "ops/Operations.h"
#include "ops/Vault.h"
#include "secrets/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>
#include <memory>

namespace pbxvault {
namespace {

QJsonObject targetJson(Catalog &catalog, const CopyTargetRecord &t)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("kind"), toString(t.kind));
    o.insert(QStringLiteral("location"), t.location);
    o.insert(QStringLiteral("host_key"), t.hostKey.isEmpty() ? QJsonValue() : t.hostKey);
    o.insert(QStringLiteral("auth"), toString(t.auth));
    o.insert(QStringLiteral("enabled"), t.enabled);
    int copied = 0, failed = 0;
    for (const BackupCopyRecord &c : catalog.copiesOnTarget(t.id)) {
        copied += c.state == CopyState::Copied ? 1 : 0;
        failed += c.state == CopyState::Failed ? 1 : 0;
    }
    o.insert(QStringLiteral("copied"), copied);
    o.insert(QStringLiteral("failed"), failed);
    o.insert(QStringLiteral("missing"), int(catalog.backupsMissingCopy(t.id).size()));
    return o;
}

std::optional<CopyTargetRecord> findTarget(CliContext &c, const QString &name)
{
    std::optional<CopyTargetRecord> t = c.catalog().copyTargetByName(name);
    if (!t)
        c.fail(JobError::NotFound,
               QCoreApplication::translate("Cli", "There is no copy target named \"%1\".")
                   .arg(CliContext::printable(name)));
    return t;
}

// target add NAME LOCATION [--password-stdin | --ssh-key FILE] [--trust-host-key SHA256:...]
class TargetAddCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TargetAddCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        m_target.name = c.arg(2).trimmed();
        m_target.location = c.arg(3).trimmed();
        if (m_target.name.isEmpty() || m_target.location.isEmpty()) {
            c.usage(tr("target add needs a NAME and a LOCATION (a folder, or "
                       "sftp://user@host:22/dir)."));
            return;
        }
        if (c.catalog().copyTargetByName(m_target.name)) {
            c.fail(JobError::Usage, tr("A copy target named \"%1\" exists already.")
                                        .arg(CliContext::printable(m_target.name)));
            return;
        }
        if (m_target.location.startsWith(QLatin1String("sftp:"))) {
            addSftp();
            return;
        }
        if (c.isSet(QStringLiteral("password-stdin")) || c.isSet(QStringLiteral("ssh-key")) ||
            c.isSet(QStringLiteral("trust-host-key"))) {
            c.usage(tr("--password-stdin, --ssh-key and --trust-host-key are for SFTP targets."));
            return;
        }
        const QFileInfo folder(m_target.location);
        if (!folder.isAbsolute() || !folder.isDir()) {
            c.fail(JobError::Usage, tr("The folder %1 does not exist (give an absolute path to "
                                       "a mounted folder).")
                                        .arg(CliContext::printable(m_target.location)));
            return;
        }
        const QString vaultDir = QFileInfo(c.vault().dataDir()).canonicalFilePath();
        const QString chosen = folder.canonicalFilePath();
        if (chosen == vaultDir || chosen.startsWith(vaultDir + QLatin1Char('/'))) {
            c.fail(JobError::Usage, tr("A copy target must be outside the vault's own folder: a "
                                       "copy on the same disk protects nothing."));
            return;
        }
        m_target.kind = CopyTargetKind::Folder;
        m_target.location = folder.absoluteFilePath();
        save(QString());
    }

private:
    void addSftp()
    {
        CliContext &c = m_context;
        m_target.kind = CopyTargetKind::Sftp;
        QString host, user, dir, error;
        quint16 port = 22;
        if (!OffsiteTargets::parseSftpLocation(m_target.location, &host, &port, &user, &dir,
                                               &error)) {
            c.fail(JobError::Usage, error);
            return;
        }
        QString secret;
        if (c.isSet(QStringLiteral("ssh-key"))) {
            QFile key(c.value(QStringLiteral("ssh-key")));
            if (!key.open(QIODevice::ReadOnly)) {
                c.fail(JobError::Usage,
                       tr("Cannot read the key file %1: %2")
                           .arg(CliContext::printable(key.fileName()), key.errorString()));
                return;
            }
            secret = QString::fromUtf8(key.read(1024 * 1024));
            m_target.auth = CopyAuth::Key;
        } else if (c.isSet(QStringLiteral("password-stdin"))) {
            secret = CliContext::readPasswordFromStdin();
            m_target.auth = CopyAuth::Password;
        } else {
            c.usage(tr("An SFTP target needs --ssh-key FILE or --password-stdin."));
            return;
        }
        // Pinned on first use, like a PBX's certificate; --trust-host-key insists on one.
        m_watcher = std::make_unique<QFutureWatcher<CopyResult>>();
        QObject::connect(m_watcher.get(), &QFutureWatcher<CopyResult>::finished, &c,
                         [this, secret] { onProbed(m_watcher->result(), secret); });
        m_watcher->setFuture(
            QtConcurrent::run([host, port] { return SftpTarget::probeHostKey(host, port); }));
    }

    void onProbed(const CopyResult &probe, const QString &secret)
    {
        CliContext &c = m_context;
        if (!probe.ok()) {
            c.fail(JobError::Failed, probe.message);
            return;
        }
        const QString wanted = c.value(QStringLiteral("trust-host-key")).trimmed();
        if (!wanted.isEmpty() && wanted != probe.serverFingerprint) {
            c.fail(JobError::Failed,
                   tr("The server shows the host key %1, not %2; nothing was saved.")
                       .arg(probe.serverFingerprint, CliContext::printable(wanted)));
            return;
        }
        m_target.hostKey = probe.serverFingerprint;
        // Logs in once with the pinned key, so a typo in the password shows now, not at 2 am.
        m_watcher = std::make_unique<QFutureWatcher<CopyResult>>();
        QObject::connect(
            m_watcher.get(), &QFutureWatcher<CopyResult>::finished, &c, [this, secret] {
                const CopyResult listed = m_watcher->result();
                if (!listed.ok()) {
                    m_context.fail(JobError::Failed, tr("Cannot use %1: %2; nothing was saved.")
                                                         .arg(m_target.location, listed.message));
                    return;
                }
                save(secret);
            });
        m_watcher->setFuture(QtConcurrent::run([target = m_target, secret] {
            QString error;
            std::unique_ptr<CopyTarget> t = OffsiteTargets::make(target, secret, &error);
            if (!t)
                return CopyResult::failure(CopyErrorKind::Other, error);
            QList<RemoteFile> files;
            return t->list(&files);
        }));
    }

    void save(const QString &secret)
    {
        CliContext &c = m_context;
        if (!c.catalog().addCopyTarget(&m_target)) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        if (m_target.auth == CopyAuth::None) {
            report();
            return;
        }
        c.secrets().writeSecret(OffsiteTargets::secretKey(c.catalog().catalogId(), m_target.id),
                                secret, &c, [this](const SecretResult &r) {
                                    if (!r.ok()) {
                                        m_context.catalog().removeCopyTarget(m_target.id);
                                        m_context.fail(JobError::Keychain, r.message);
                                        return;
                                    }
                                    report();
                                });
    }

    void report()
    {
        CliContext &c = m_context;
        if (c.json()) {
            c.printJson(targetJson(c.catalog(), m_target));
        } else {
            c.printLine(tr("Copy target %1 added: %2")
                            .arg(CliContext::printable(m_target.name),
                                 CliContext::printable(m_target.location)));
            if (!m_target.hostKey.isEmpty())
                c.printLine(tr("Host key pinned: %1").arg(m_target.hostKey));
            c.printLine(tr("Every new backup is copied there; `pbxvault target sync %1` copies "
                           "the existing ones.")
                            .arg(CliContext::shellWord(m_target.name)));
        }
        c.succeed();
    }

    CopyTargetRecord m_target;
    std::unique_ptr<QFutureWatcher<CopyResult>> m_watcher;
};

class TargetListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TargetListCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QVector<CopyTargetRecord> targets = c.catalog().copyTargets();
        if (c.json()) {
            QJsonArray a;
            for (const CopyTargetRecord &t : targets)
                a.append(targetJson(c.catalog(), t));
            c.printJson(a);
        } else if (targets.isEmpty()) {
            c.printLine(tr("No copy targets. Add one with: pbxvault target add NAME LOCATION"));
        } else {
            for (const CopyTargetRecord &t : targets) {
                const QJsonObject o = targetJson(c.catalog(), t);
                c.printLine(
                    CliContext::row({t.name, t.location, t.enabled ? tr("enabled") : tr("disabled"),
                                     tr("%1 copied, %2 failed, %3 missing")
                                         .arg(o.value(QStringLiteral("copied")).toInt())
                                         .arg(o.value(QStringLiteral("failed")).toInt())
                                         .arg(o.value(QStringLiteral("missing")).toInt())}));
            }
        }
        c.succeed();
    }
};

class TargetRemoveCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TargetRemoveCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<CopyTargetRecord> t = findTarget(c, c.arg(2));
        if (!t)
            return;
        if (!c.catalog().removeCopyTarget(t->id)) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        const auto done = [this, name = t->name] {
            m_context.printLine(tr("Copy target %1 removed; the copies on it were left there.")
                                    .arg(CliContext::printable(name)));
            m_context.succeed();
        };
        if (t->auth == CopyAuth::None) {
            done();
            return;
        }
        c.secrets().deleteSecret(OffsiteTargets::secretKey(c.catalog().catalogId(), t->id), &c,
                                 [done](const SecretResult &) { done(); });
    }
};

// target sync [NAME]: copies every backup still missing on the targets (all, or NAME), PBX
// by PBX under each PBX's lock, and applies retention there.
class TargetSyncCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TargetSyncCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        if (!c.arg(2).isEmpty()) {
            const std::optional<CopyTargetRecord> t = findTarget(c, c.arg(2));
            if (!t)
                return;
            m_onlyTarget = t->id;
        }
        if (c.catalog().copyTargets().isEmpty()) {
            c.fail(JobError::NotFound, tr("There are no copy targets."));
            return;
        }
        m_pbxs = c.catalog().pbxs();
        next();
    }

private:
    void next()
    {
        CliContext &c = m_context;
        if (m_pbxs.isEmpty()) {
            if (c.json()) {
                QJsonObject o;
                o.insert(QStringLiteral("copied"), m_total.copied);
                o.insert(QStringLiteral("failed"), m_total.failed);
                o.insert(QStringLiteral("removed"), m_total.pruned);
                c.printJson(o);
            } else {
                c.printLine(tr("%1 copied, %2 failed, %3 removed by retention.")
                                .arg(m_total.copied)
                                .arg(m_total.failed)
                                .arg(m_total.pruned));
            }
            if (m_total.failed > 0)
                c.fail(JobError::Failed, m_total.firstError);
            else if (m_locked > 0)
                c.fail(JobError::Locked, tr("%1 PBXs were busy with another job; run the "
                                            "command again later.")
                                             .arg(m_locked));
            else
                c.succeed();
            return;
        }
        m_pbx = m_pbxs.takeFirst();
        if (!c.catalog().tryLockPbx(m_pbx.id, Catalog::lockOwnerId(),
                                    QDateTime::currentDateTimeUtc())) {
            ++m_locked;
            next();
            return;
        }
        m_copier = std::make_unique<OffsiteCopier>(c.vault(), c.ops().jobLog(), JobTrigger::Manual);
        m_copier->setRetryLimit(std::numeric_limits<int>::max());
        m_copier->setOnlyTarget(m_onlyTarget);
        m_copier->run(m_pbx, 0, nullptr, [this](const OffsiteCopier::Summary &s) {
            m_context.catalog().unlockPbx(m_pbx.id, Catalog::lockOwnerId());
            m_total.copied += s.copied;
            m_total.failed += s.failed;
            m_total.pruned += s.pruned;
            if (m_total.firstError.isEmpty())
                m_total.firstError = s.firstError;
            if (!m_context.json() && (s.copied + s.failed > 0))
                m_context.printLine(tr("%1: %2 copied, %3 failed")
                                        .arg(CliContext::printable(m_pbx.name))
                                        .arg(s.copied)
                                        .arg(s.failed));
            QMetaObject::invokeMethod(
                &m_context, [this] { next(); }, Qt::QueuedConnection);
        });
    }

    QVector<PbxRecord> m_pbxs;
    PbxRecord m_pbx;
    qint64 m_onlyTarget = 0;
    int m_locked = 0;
    OffsiteCopier::Summary m_total;
    std::unique_ptr<OffsiteCopier> m_copier;
};

} // namespace

std::unique_ptr<Command> makeTargetAddCommand(CliContext &context)
{
    return std::make_unique<TargetAddCommand>(context);
}

std::unique_ptr<Command> makeTargetListCommand(CliContext &context)
{
    return std::make_unique<TargetListCommand>(context);
}

std::unique_ptr<Command> makeTargetRemoveCommand(CliContext &context)
{
    return std::make_unique<TargetRemoveCommand>(context);
}

std::unique_ptr<Command> makeTargetSyncCommand(CliContext &context)
{
    return std::make_unique<TargetSyncCommand>(context);
}

} // namespace pbxvault
