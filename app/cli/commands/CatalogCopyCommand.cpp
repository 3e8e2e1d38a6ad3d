#include "catalog/Catalog.h"
#include "catalog/CatalogCopy.h"
#include "catalog/CatalogLocation.h"
#include "cli/CliContext.h"
#include "cli/commands/Commands.h"
#include "ops/Vault.h"

#include <QJsonObject>

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
        std::unique_ptr<Catalog> target = Catalog::open(location, &error);
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

} // namespace

std::unique_ptr<Command> makeCatalogCopyCommand(CliContext &context)
{
    return std::make_unique<CatalogCopyCommand>(context);
}

} // namespace pbxvault
