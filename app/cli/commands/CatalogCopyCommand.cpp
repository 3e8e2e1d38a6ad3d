#include "catalog/Catalog.h"
#include "catalog/CatalogCopy.h"
#include "catalog/CatalogLocation.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Vault.h"
#include "secrets/SecretStore.h"

#include <QJsonObject>

#include <optional>

namespace pbxvault {
namespace {

// catalog copy --to LOCATION: this vault's catalog (the data directory's, or --catalog) into
// an empty one; the backup files stay where they are.
class CatalogCopyCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CatalogCopyCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const QString location = c.value(QStringLiteral("to")).trimmed();
        if (location.isEmpty()) {
            c.usage(tr("catalog copy needs --to LOCATION."));
            return;
        }
        QString error;
        std::unique_ptr<Catalog> target = Catalog::open(
            location, &error, Vault::catalogPasswordFromKeychain(c.secrets(), location));
        if (!target) {
            c.fail(JobError::Catalog, error);
            return;
        }
        const qint64 backups = c.catalog().backupCount();
        if (!CatalogCopy::copy(c.catalog(), *target, {}, &error)) {
            c.fail(JobError::Catalog, error);
            return;
        }
        if (c.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("to"), target->path());
            o.insert(QStringLiteral("catalog_id"), c.catalog().catalogId());
            o.insert(QStringLiteral("backups"), double(backups));
            c.printJson(o);
        } else {
            c.printLine(tr("Catalog %1 copied to %2: %n backup(s), every table's rows checked.",
                           nullptr, int(backups))
                            .arg(c.catalog().catalogId(), target->path()));
            c.printLine(tr("Use it with --catalog %1 (the backup files stay where they are).")
                            .arg(CliContext::shellWord(target->path())));
        }
        c.succeed();
    }
};

// The PostgreSQL location named by the command's argument; fails the command (usage) and
// returns nothing when it is not a usable postgresql:// URI.
std::optional<CatalogLocation> serverLocation(CliContext &c)
{
    const QString text = c.arg(2).trimmed();
    if (!CatalogLocation::isPostgresUri(text)) {
        c.usage(QCoreApplication::translate("Cli", "A catalog password belongs to a PostgreSQL "
                                                   "server: give a postgresql:// location."));
        return std::nullopt;
    }
    const CatalogLocation location = CatalogLocation::parse(text);
    if (!location.isValid()) {
        c.usage(location.error());
        return std::nullopt;
    }
    return location;
}

// catalog login LOCATION --password-stdin: keeps the server's password in the keychain once
// the server has accepted it, so --catalog LOCATION (and the window) need no PGPASSFILE.
class CatalogLoginCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CatalogLoginCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<CatalogLocation> found = serverLocation(c);
        if (!found)
            return;
        const CatalogLocation location = *found;
        const QString password = CliContext::readPasswordFromStdin();
        if (password.isEmpty()) {
            c.usage(tr("catalog login reads the password from stdin; it was empty."));
            return;
        }
        const CatalogLocation::ServerCheck check = location.checkServer(password);
        if (!check.connected) {
            c.fail(JobError::Catalog,
                   tr("%1 did not accept the connection: %2 Nothing was stored in the keychain.")
                       .arg(location.toString(), sentence(check.error)));
            return;
        }
        const QString server = location.toString();
        c.secrets().writeSecret(
            location.keychainKey(), password, &c, [&c, server](const SecretResult &r) {
                if (!r.ok()) {
                    c.fail(JobError::Keychain,
                           tr("The server accepted the password, but the keychain did not "
                              "store it: %1")
                               .arg(r.message));
                    return;
                }
                if (c.json()) {
                    QJsonObject o;
                    o.insert(QStringLiteral("catalog"), server);
                    o.insert(QStringLiteral("stored"), true);
                    c.printJson(o);
                } else {
                    c.printLine(tr("The password for %1 is stored in the keychain; use the "
                                   "catalog with --catalog %2.")
                                    .arg(server, CliContext::shellWord(server)));
                }
                c.succeed();
            });
    }

private:
    static QString sentence(const QString &text)
    {
        QString out = text.simplified();
        if (!out.isEmpty() && !out.endsWith(QLatin1Char('.')))
            out += QLatin1Char('.');
        return out;
    }
};

// catalog logout LOCATION: forgets the server's password (PGPASSFILE is left alone).
class CatalogLogoutCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CatalogLogoutCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<CatalogLocation> found = serverLocation(c);
        if (!found)
            return;
        const CatalogLocation location = *found;
        const QString server = location.toString();
        c.secrets().deleteSecret(location.keychainKey(), &c, [&c, server](const SecretResult &r) {
            if (!r.ok() && r.error != SecretError::NotFound) {
                c.fail(JobError::Keychain,
                       tr("The keychain could not remove the password: %1").arg(r.message));
                return;
            }
            if (c.json()) {
                QJsonObject o;
                o.insert(QStringLiteral("catalog"), server);
                o.insert(QStringLiteral("stored"), false);
                c.printJson(o);
            } else {
                c.printLine(tr("The keychain keeps no password for %1 now.").arg(server));
            }
            c.succeed();
        });
    }
};

} // namespace

std::unique_ptr<Command> makeCatalogCopyCommand(CliContext &context)
{
    return std::make_unique<CatalogCopyCommand>(context);
}

std::unique_ptr<Command> makeCatalogLoginCommand(CliContext &context)
{
    return std::make_unique<CatalogLoginCommand>(context);
}

std::unique_ptr<Command> makeCatalogLogoutCommand(CliContext &context)
{
    return std::make_unique<CatalogLogoutCommand>(context);
}

} // namespace pbxvault
