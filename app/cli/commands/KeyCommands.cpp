// key init | status | export | import, export ID FILE, encrypt --all: the vault key and
// encryption at rest from the command line (docs/encryption.md).

#include "catalog/Catalog.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "crypto/EncryptedFile.h"
#include "crypto/RecoveryKey.h"
#include "ops/Vault.h"
#include "ops/VaultEncryption.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

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
public:
    using Command::Command;

    void run() override
    {
        m_encryption = std::make_unique<VaultEncryption>(m_context.vault());
        m_encryption->turnOn([this](const VaultEncryptionResult &r) {
            CliContext &c = m_context;
            if (!r.ok()) {
                c.fail(r.error, r.message);
                return;
            }
            printRecoveryKey(c, r.key, true);
            c.succeed();
        });
    }

private:
    std::unique_ptr<VaultEncryption> m_encryption;
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
        m_encryption = std::make_unique<VaultEncryption>(m_context.vault());
        m_encryption->importRecoveryKey(
            CliContext::readPasswordFromStdin(), [this](const VaultEncryptionResult &r) {
                CliContext &c = m_context;
                if (r.invalidRecoveryKey) {
                    c.fail(JobError::Usage,
                           tr("The recovery key on stdin is not valid: %1").arg(r.message));
                    return;
                }
                if (!r.ok()) {
                    c.fail(r.error, r.message);
                    return;
                }
                if (c.json()) {
                    QJsonObject o;
                    o.insert(QStringLiteral("key_id"), r.key.idHex());
                    c.printJson(o);
                } else {
                    c.printLine(tr("Key %1 imported; the backups encrypted with it can be read.")
                                    .arg(r.key.idHex()));
                }
                c.succeed();
            });
    }

private:
    std::unique_ptr<VaultEncryption> m_encryption;
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
        if (!requireKey(c))
            return;
        m_encryption = std::make_unique<VaultEncryption>(c.vault());
        m_encryption->encryptAll(
            [this](const FileEncryptionResult &r, int tried, int total) {
                CliContext &c = m_context;
                if (r.ok()) {
                    if (!c.json())
                        c.printLine(tr("backup %1: encrypted (%2 of %3)")
                                        .arg(r.backup.id)
                                        .arg(tried)
                                        .arg(total));
                } else {
                    c.printNotice(
                        QStringLiteral("pbxvault: ") +
                        tr("backup %1: not encrypted: %2").arg(r.backup.id).arg(r.message));
                }
            },
            [this](const EncryptAllSummary &summary) { finish(summary); });
    }

private:
    void finish(const EncryptAllSummary &summary)
    {
        CliContext &c = m_context;
        if (c.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("encrypted"), summary.encrypted);
            o.insert(QStringLiteral("failed"), summary.failed);
            c.printJson(o);
        } else if (summary.total == 0) {
            c.printLine(tr("Every backup file is already encrypted."));
        }
        if (summary.failed > 0)
            c.fail(summary.firstError, tr("%1 of %2 backups could not be encrypted.")
                                           .arg(summary.failed)
                                           .arg(summary.total));
        else
            c.succeed();
    }

    std::unique_ptr<VaultEncryption> m_encryption;
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
