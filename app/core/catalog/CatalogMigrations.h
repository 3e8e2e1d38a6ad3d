#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <functional>

namespace pbxvault {

class CatalogDatabase;

// One numbered schema step. Steps run inside the migration's single transaction, so a failed
// step leaves the file as it was.
struct CatalogMigration
{
    int version = 0; // the schema version this step produces
    QString description;
    std::function<bool(QSqlDatabase &db, QString *error)> apply;
};

// Every step of the catalog's schema, in order: the step at index i produces version i + 1.
QVector<CatalogMigration> catalogMigrations();

// Runs a sequence of steps on a database. The schema version and the catalog id live in the
// table meta (name, value), which a PostgreSQL catalog could have too.
class CatalogMigrator
{
public:
    explicit CatalogMigrator(QVector<CatalogMigration> steps);

    int targetVersion() const;
    // 0 for a database without tables; -1 and *error when unreadable or not a catalog.
    static int currentVersion(const QSqlDatabase &db, QString *error);
    static QString newerSchemaMessage(int found, int supported);

    // Brings the database to targetVersion(). Refuses a newer schema; copies an existing older
    // catalog aside (<file>.pre-v<N>.bak) before touching it.
    bool migrate(CatalogDatabase &db, QString *error);
    // The copy made by the last migrate(); empty when none was needed.
    QString backupPath() const { return m_backupPath; }

private:
    QVector<CatalogMigration> m_steps;
    QString m_backupPath;
};

} // namespace pbxvault
