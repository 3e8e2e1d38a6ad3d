// key init | status | export | import, export ID FILE, encrypt --all: the vault key and
// encryption at rest from the command line (docs/encryption.md).

#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "crypto/VaultKeyStore.h"
#include "ops/Vault.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <algorithm>

namespace pbxvault {
namespace {

// The loaded key of an encrypted vault, or the command fails (exit status of the keychain)
// with why there is none.
const VaultKey *requireKey(CliContext &c)
{
    const QString wanted = c.catalog().encryptionKeyId();
    if (wanted.isEmpty()) {
        c.fail(JobError::Usage,
               QCoreApplication::translate("Cli", "This vault is not encrypted; run \"pbxvault "
                                                  "key init\" first."));
        return nullptr;
    }
    if (const VaultKey *key = c.vault().key())
        return key;
    QString message = ErrorMessage("vault.no_key").arg(wanted).text();
    if (!c.keyProblem().isEmpty())
        message += QLatin1Char(' ') + c.keyProblem();
    c.fail(JobError::Keychain, message);
    return nullptr;
}

void printRecoveryKey(CliContext &c, const VaultKey &key, bool created)
{
    const QString text = RecoveryKey::format(key);
    if (c.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("key_id"), key.idHex());
        o.insert(QStringLiteral("recovery_key"), text);
        c.printJson(o);
        return;
    }
    if (created)
        c.printLine(
            QCoreApplication::translate("Cli", "The vault is now encrypted with the key %1.")
                .arg(key.idHex()));
    c.printLine(QCoreApplication::translate("Cli", "Recovery key:"));
    c.printLine(QStringLiteral("  ") + text);
    c.printNotice(QCoreApplication::translate(
        "Cli", "Keep the recovery key offline (printed, in a safe): without it the backups "
               "cannot be opened on another machine, or here if the keychain is lost. Anyone "
               "who has it can read every backup of this vault."));
}

class KeyInitCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(KeyInitCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString current = c.catalog().encryptionKeyId();
        if (!current.isEmpty()) {
            c.fail(JobError::Usage, tr("This vault is already encrypted (key %1).").arg(current));
            return;
        }
        m_store = std::make_unique<VaultKeyStore>(&c.secrets(), c.catalog().catalogId());
        m_store->create(&c, [this](const VaultKeyResult &r) {
            if (r.error == VaultKeyError::AlreadyExists) {
                // A key stored by an init that stopped before the catalog recorded it.
                m_store->load(&m_context, [this](const VaultKeyResult &loaded) { finish(loaded); });
                return;
            }
            finish(r);
        });
    }

private:
    void finish(const VaultKeyResult &r)
    {
        CliContext &c = m_context;
        if (!r.ok()) {
            c.fail(JobError::Keychain, r.message);
            return;
        }
        if (!c.catalog().setEncryptionKeyId(r.key.idHex())) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        c.vault().setKey(r.key);
        printRecoveryKey(c, r.key, true);
        c.succeed();
    }

    std::unique_ptr<VaultKeyStore> m_store;
};

class KeyStatusCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(KeyStatusCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString keyId = c.catalog().encryptionKeyId();
        int encrypted = 0;
        int plain = 0;
        int missing = 0;
        for (const BackupRecord &b : c.catalog().backups()) {
            if (!QFileInfo::exists(b.path))
                ++missing;
            else if (isEncryptedFile(b.path))
                ++encrypted;
            else
                ++plain;
        }
        const bool loaded = c.vault().key() != nullptr;
        if (c.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("encrypted"), !keyId.isEmpty());
            o.insert(QStringLiteral("key_id"), keyId.isEmpty() ? QJsonValue() : QJsonValue(keyId));
            o.insert(QStringLiteral("key_loaded"), loaded);
            o.insert(QStringLiteral("key_problem"),
                     c.keyProblem().isEmpty() ? QJsonValue() : QJsonValue(c.keyProblem()));
            o.insert(QStringLiteral("encrypted_backups"), encrypted);
            o.insert(QStringLiteral("plain_backups"), plain);
            o.insert(QStringLiteral("missing_backups"), missing);
            c.printJson(o);
            c.succeed();
            return;
        }
        QVector<QPair<QString, QString>> fields;
        fields.append({tr("Encrypted"), keyId.isEmpty() ? tr("no") : tr("yes")});
        if (!keyId.isEmpty()) {
            fields.append({tr("Key id"), keyId});
            fields.append(
                {tr("Key loaded"), loaded ? tr("yes") : tr("no: %1").arg(c.keyProblem())});
        }
        fields.append({tr("Encrypted backups"), QString::number(encrypted)});
        fields.append({tr("Plain backups"), QString::number(plain)});
        if (missing > 0)
            fields.append({tr("Missing files"), QString::number(missing)});
        c.printFields(fields);
        c.succeed();
    }
};

class KeyExportCommand : public Command
{
public:
    using Command::Command;

    void run() override
    {
        if (const VaultKey *key = requireKey(m_context)) {
            printRecoveryKey(m_context, *key, false);
            m_context.succeed();
        }
    }
};

// The recovery key is read from stdin: never from argv.
class KeyImportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(KeyImportCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString text = CliContext::readPasswordFromStdin();
        QString why;
        m_key = RecoveryKey::parse(text, &why);
        if (m_key.isNull()) {
            c.fail(JobError::Usage, tr("The recovery key on stdin is not valid: %1").arg(why));
            return;
        }
        const QString current = c.catalog().encryptionKeyId();
        if (!current.isEmpty() && current != m_key.idHex()) {
            c.fail(JobError::Usage, tr("This recovery key (key %1) is not the key of this vault "
                                       "(key %2); nothing was changed.")
                                        .arg(m_key.idHex(), current));
            return;
        }
        m_store = std::make_unique<VaultKeyStore>(&c.secrets(), c.catalog().catalogId());
        m_store->import(text, &c, [this](const VaultKeyResult &r) {
            CliContext &c = m_context;
            if (!r.ok()) {
                c.fail(JobError::Keychain, r.message);
                return;
            }
            // A fresh vault that is to open backups copied from another machine becomes an
            // encrypted vault with this key.
            if (!c.catalog().setEncryptionKeyId(m_key.idHex())) {
                c.fail(JobError::Catalog, c.catalog().lastError());
                return;
            }
            c.vault().setKey(m_key);
            if (c.json()) {
                QJsonObject o;
                o.insert(QStringLiteral("key_id"), m_key.idHex());
                c.printJson(o);
            } else {
                c.printLine(tr("Key %1 imported; the backups encrypted with it can be read.")
                                .arg(m_key.idHex()));
            }
            c.succeed();
        });
    }

private:
    VaultKey m_key;
    std::unique_ptr<VaultKeyStore> m_store;
};

// export ID FILE: the plain file, as the PBX sent it.
class ExportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ExportCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<qint64> id = c.parseId(c.arg(1));
        if (!id)
            return;
        const std::optional<BackupRecord> b = c.findBackup(*id);
        if (!b)
            return;
        const QString destination = QFileInfo(c.arg(2)).absoluteFilePath();
        if (QFileInfo(destination).isDir()) {
            c.usage(tr("%1 is a folder; give the name of the file to write.")
                        .arg(QDir::toNativeSeparators(destination)));
            return;
        }
        if (isEncryptedFile(b->path) && !requireKey(c))
            return;
        QString error;
        if (!BackupStore::exportPlaintext(b->path, destination, b->sha256, &error,
                                          c.vault().key())) {
            c.fail(JobError::Disk, error);
            return;
        }
        if (c.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), double(b->id));
            o.insert(QStringLiteral("file"), destination);
            o.insert(QStringLiteral("sha256"), b->sha256);
            c.printJson(o);
        } else {
            c.printLine(CliContext::printable(tr("Backup %1 written to %2")
                                                  .arg(b->id)
                                                  .arg(QDir::toNativeSeparators(destination))));
        }
        c.succeed();
    }
};

// encrypt --all: every plain backup file of the vault, one at a time, each replaced atomically
// (BackupStore::encryptInPlace) while its PBX is locked, so no job of another process uses it.
class EncryptAllCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(EncryptAllCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        if (!c.isSet(QStringLiteral("all"))) {
            c.usage(tr("encrypt needs --all."));
            return;
        }
        const VaultKey *key = requireKey(c);
        if (!key)
            return;
        QVector<BackupRecord> todo;
        for (const BackupRecord &b : c.catalog().backups()) {
            if (QFileInfo::exists(b.path) && !isEncryptedFile(b.path))
                todo.append(b);
        }
        std::reverse(todo.begin(), todo.end()); // oldest first
        int done = 0;
        int failed = 0;
        JobError firstError = JobError::None;
        for (const BackupRecord &b : std::as_const(todo)) {
            const QString owner = Catalog::lockOwnerId();
            QString error;
            JobError kind = JobError::None;
            if (!c.catalog().tryLockPbx(b.pbxId, owner, QDateTime::currentDateTimeUtc())) {
                kind = JobError::Locked;
                error = tr("another job is running on its PBX; run the command again later");
            } else {
                if (!c.vault().store().encryptInPlace(b.path, *key, b.sha256, &error))
                    kind = JobError::Disk;
                c.catalog().unlockPbx(b.pbxId, owner);
            }
            if (kind == JobError::None) {
                ++done;
                if (!c.json())
                    c.printLine(tr("backup %1: encrypted (%2 of %3)")
                                    .arg(b.id)
                                    .arg(done + failed)
                                    .arg(todo.size()));
            } else {
                ++failed;
                if (firstError == JobError::None)
                    firstError = kind;
                c.printNotice(QStringLiteral("pbxvault: ") +
                              tr("backup %1: not encrypted: %2").arg(b.id).arg(error));
            }
        }
        if (c.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("encrypted"), done);
            o.insert(QStringLiteral("failed"), failed);
            c.printJson(o);
        } else if (todo.isEmpty()) {
            c.printLine(tr("Every backup file is already encrypted."));
        }
        if (failed > 0)
            c.fail(firstError,
                   tr("%1 of %2 backups could not be encrypted.").arg(failed).arg(todo.size()));
        else
            c.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeKeyInitCommand(CliContext &context)
{
    return std::make_unique<KeyInitCommand>(context);
}
std::unique_ptr<Command> makeKeyStatusCommand(CliContext &context)
{
    return std::make_unique<KeyStatusCommand>(context);
}
std::unique_ptr<Command> makeKeyExportCommand(CliContext &context)
{
    return std::make_unique<KeyExportCommand>(context);
}
std::unique_ptr<Command> makeKeyImportCommand(CliContext &context)
{
    return std::make_unique<KeyImportCommand>(context);
}
std::unique_ptr<Command> makeExportCommand(CliContext &context)
{
    return std::make_unique<ExportCommand>(context);
}
std::unique_ptr<Command> makeEncryptAllCommand(CliContext &context)
{
    return std::make_unique<EncryptAllCommand>(context);
}

} // namespace pbxvault
