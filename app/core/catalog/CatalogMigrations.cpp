#include "CatalogMigrations.h"

#include "Catalog.h"
#include "CatalogDatabase.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace pbxvault {
namespace {

const QString kMetaTable = QStringLiteral("meta");
const QString kVersionKey = QStringLiteral("schema_version");

bool executeAll(QSqlDatabase &db, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *error = describeSqlError(q.lastError());
            return false;
        }
    }
    return true;
}

bool setMeta(QSqlDatabase &db, const QString &name, const QString &value, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE name = ?"));
    q.addBindValue(value);
    q.addBindValue(name);
    if (q.exec() && q.numRowsAffected() == 0) {
        q.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?)"));
        q.addBindValue(name);
        q.addBindValue(value);
        q.exec();
    }
    if (q.lastError().isValid()) {
        *error = describeSqlError(q.lastError());
        return false;
    }
    return true;
}

// Version 1: the first schema. Ids never come back after a delete (AUTOINCREMENT), because
// restore history and the job log keep the ids of PBXs and backups that may be gone.
// No column holds a password: those live in the OS keychain.
bool createSchema(QSqlDatabase &db, QString *error)
{
    const QStringList statements{
        QStringLiteral("CREATE TABLE meta ("
                       " name TEXT PRIMARY KEY,"
                       " value TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE pbxs ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " name TEXT NOT NULL,"
            // Trimmed, case-folded name: uniqueness that ignores case beyond ASCII too.
            " name_key TEXT NOT NULL UNIQUE,"
            " url TEXT NOT NULL,"
            " tenant TEXT NOT NULL DEFAULT 'default',"
            " username TEXT NOT NULL DEFAULT '',"
            " role TEXT NOT NULL DEFAULT 'secondary' CHECK (role IN ('master', 'secondary')),"
            " schedule TEXT NOT NULL DEFAULT '',"
            " keep_last INTEGER NOT NULL DEFAULT 0,"
            " keep_days INTEGER NOT NULL DEFAULT 0,"
            " fingerprint TEXT NOT NULL DEFAULT '',"
            " enabled INTEGER NOT NULL DEFAULT 1,"
            " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE backups ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " pbx_id INTEGER NOT NULL REFERENCES pbxs (id) ON DELETE RESTRICT,"
                       " filename TEXT NOT NULL,"
                       " size INTEGER NOT NULL DEFAULT 0,"
                       " sha256 TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " master_ip TEXT NOT NULL DEFAULT '',"
                       " tenant TEXT NOT NULL DEFAULT 'default',"
                       " path TEXT NOT NULL DEFAULT '',"
                       " firmware TEXT NOT NULL DEFAULT '',"
                       " comment TEXT NOT NULL DEFAULT '',"
                       " origin TEXT NOT NULL DEFAULT 'manual'"
                       "  CHECK (origin IN ('manual', 'scheduled', 'safety', 'import')),"
                       " verified TEXT NOT NULL DEFAULT 'unverified'"
                       "  CHECK (verified IN ('unverified', 'ok', 'failed')),"
                       " verified_at TEXT)"),
        QStringLiteral("CREATE INDEX backups_by_pbx ON backups (pbx_id, created_at, id)"),
        QStringLiteral("CREATE INDEX backups_by_time ON backups (created_at, id)"),
        // The target PBX is kept as text (no foreign key) so history outlives the PBX.
        // owner: lockOwnerId() of the process running it, to tell crashed runs from live ones.
        QStringLiteral("CREATE TABLE restores ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " backup_id INTEGER REFERENCES backups (id) ON DELETE SET NULL,"
                       " filename TEXT NOT NULL,"
                       " target_pbx_id INTEGER,"
                       " target_pbx_name TEXT NOT NULL DEFAULT '',"
                       " target_url TEXT NOT NULL DEFAULT '',"
                       " started_at TEXT NOT NULL,"
                       " finished_at TEXT,"
                       " outcome TEXT NOT NULL"
                       "  CHECK (outcome IN ('running', 'success', 'failed', 'interrupted')),"
                       " error TEXT NOT NULL DEFAULT '',"
                       " safety_backup_id INTEGER REFERENCES backups (id) ON DELETE SET NULL,"
                       " owner TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX restores_by_time ON restores (started_at, id)"),
        // Deleting a backup looks up the restores pointing at it.
        QStringLiteral("CREATE INDEX restores_by_backup ON restores (backup_id)"),
        QStringLiteral("CREATE INDEX restores_by_safety_backup ON restores (safety_backup_id)"),
        QStringLiteral("CREATE TABLE jobs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " kind TEXT NOT NULL,"
                       " job_trigger TEXT NOT NULL,"
                       " pbx_id INTEGER,"
                       " pbx_name TEXT NOT NULL DEFAULT '',"
                       " started_at TEXT NOT NULL,"
                       " finished_at TEXT,"
                       " outcome TEXT NOT NULL,"
                       " bytes INTEGER NOT NULL DEFAULT 0,"
                       " error TEXT NOT NULL DEFAULT '',"
                       " detail TEXT NOT NULL DEFAULT '',"
                       " owner TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX jobs_by_time ON jobs (started_at, id)"),
        QStringLiteral("CREATE INDEX jobs_by_pbx ON jobs (pbx_id, kind, outcome, started_at)"),
        QStringLiteral("CREATE INDEX jobs_by_outcome ON jobs (outcome)"),
        QStringLiteral("CREATE TABLE schedule_state ("
                       " pbx_id INTEGER PRIMARY KEY REFERENCES pbxs (id) ON DELETE CASCADE,"
                       " last_slot TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE pbx_locks ("
                       " pbx_id INTEGER PRIMARY KEY REFERENCES pbxs (id) ON DELETE CASCADE,"
                       " owner TEXT NOT NULL,"
                       " acquired_at TEXT NOT NULL)"),
    };
    return executeAll(db, statements, error) &&
           setMeta(db, QStringLiteral("catalog_id"),
                   QUuid::createUuid().toString(QUuid::WithoutBraces), error);
}

// Schema 2: four verification outcomes instead of ok/failed, two more backup origins, and the
// kind of a job's error. SQLite cannot change a CHECK constraint in place, so the backups table
// is rebuilt (the migrator turns foreign-key enforcement off around the transaction, as SQLite's
// documented procedure requires, and checks the keys before committing).
// Old "ok" rows become "unverified": "ok" also covered files whose format could not be read, so
// only a new verification can call them intact.
bool verificationOutcomes(QSqlDatabase &db, QString *error)
{
    const QStringList statements{
        QStringLiteral("CREATE TABLE backups_v2 ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " pbx_id INTEGER NOT NULL REFERENCES pbxs (id) ON DELETE RESTRICT,"
                       " filename TEXT NOT NULL,"
                       " size INTEGER NOT NULL DEFAULT 0,"
                       " sha256 TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " master_ip TEXT NOT NULL DEFAULT '',"
                       " tenant TEXT NOT NULL DEFAULT 'default',"
                       " path TEXT NOT NULL DEFAULT '',"
                       " firmware TEXT NOT NULL DEFAULT '',"
                       " comment TEXT NOT NULL DEFAULT '',"
                       " origin TEXT NOT NULL DEFAULT 'manual'"
                       "  CHECK (origin IN ('manual', 'scheduled', 'safety', 'import', "
                       "'recovered', 'fetched')),"
                       " verified TEXT NOT NULL DEFAULT 'unverified'"
                       "  CHECK (verified IN ('unverified', 'intact', 'checksum-only', 'corrupt', "
                       "'missing')),"
                       " verified_at TEXT)"),
        QStringLiteral("INSERT INTO backups_v2 (id, pbx_id, filename, size, sha256, created_at, "
                       "master_ip, tenant, path, firmware, comment, origin, verified, verified_at) "
                       "SELECT id, pbx_id, filename, size, sha256, created_at, master_ip, tenant, "
                       "path, firmware, comment, origin, "
                       "CASE verified WHEN 'failed' THEN 'corrupt' ELSE 'unverified' END, "
                       "CASE verified WHEN 'failed' THEN verified_at ELSE NULL END FROM backups"),
        QStringLiteral("DROP TABLE backups"),
        QStringLiteral("ALTER TABLE backups_v2 RENAME TO backups"),
        QStringLiteral("CREATE INDEX backups_by_pbx ON backups (pbx_id, created_at, id)"),
        QStringLiteral("CREATE INDEX backups_by_time ON backups (created_at, id)"),
        QStringLiteral("ALTER TABLE jobs ADD COLUMN error_kind TEXT NOT NULL DEFAULT ''"),
    };
    if (!executeAll(db, statements, error))
        return false;
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        *error = describeSqlError(check.lastError());
        return false;
    }
    if (check.next()) {
        *error =
            QStringLiteral("foreign key check failed on table %1").arg(check.value(0).toString());
        return false;
    }
    return true;
}

// Schema 3: errors as code + arguments (JSON, see ErrorMessage) next to their text, so each
// reader sees them in its own language. NULL on older rows, which keep only their text.
bool errorCodes(QSqlDatabase &db, QString *error)
{
    return executeAll(db,
                      {QStringLiteral("ALTER TABLE jobs ADD COLUMN error_code TEXT"),
                       QStringLiteral("ALTER TABLE restores ADD COLUMN error_code TEXT")},
                      error);
}

// Schema 4: how many members changed since the previous backup, computed once after each
// backup (NULL: not known; every existing row), the backup it was compared with, and the PBX
// option to keep only scheduled backups that differ from the previous one (off).
bool changesSincePrevious(QSqlDatabase &db, QString *error)
{
    return executeAll(
        db,
        {QStringLiteral("ALTER TABLE backups ADD COLUMN changes INTEGER"),
         QStringLiteral("ALTER TABLE backups ADD COLUMN changes_base_id INTEGER"),
         // Deleting a backup resets the counts made against it.
         QStringLiteral("CREATE INDEX backups_by_changes_base ON backups (changes_base_id)"),
         QStringLiteral(
             "ALTER TABLE pbxs ADD COLUMN keep_only_changed INTEGER NOT NULL DEFAULT 0")},
        error);
}

QString freeBackupPath(const QString &path, int version)
{
    const QString base = path + QStringLiteral(".pre-v%1").arg(version);
    QString candidate = base + QStringLiteral(".bak");
    // An earlier copy (from a failed attempt) is the one closest to the user's data: keep it.
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + QStringLiteral("-%1.bak").arg(n);
    return candidate;
}

class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(QSqlDatabase &db) : m_db(db)
    {
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    }
    ~ForeignKeysOff() { QSqlQuery(m_db).exec(QStringLiteral("PRAGMA foreign_keys = ON")); }

private:
    QSqlDatabase &m_db;
};

} // namespace

QVector<CatalogMigration> catalogMigrations()
{
    return {
        {1, QStringLiteral("initial schema"), createSchema},
        {2, QStringLiteral("verification outcomes and job error kinds"), verificationOutcomes},
        {3, QStringLiteral("error codes"), errorCodes},
        {4, QStringLiteral("changes since the previous backup"), changesSincePrevious},
    };
}

CatalogMigrator::CatalogMigrator(QVector<CatalogMigration> steps) : m_steps(std::move(steps))
{
    for (int i = 0; i < m_steps.size(); ++i)
        Q_ASSERT(m_steps.at(i).version == i + 1);
}

int CatalogMigrator::targetVersion() const
{
    return m_steps.isEmpty() ? 0 : m_steps.constLast().version;
}

int CatalogMigrator::currentVersion(const QSqlDatabase &db, QString *error)
{
    const QStringList tables = db.tables();
    if (!tables.contains(kMetaTable)) {
        for (const QString &table : tables) {
            if (!table.startsWith(QLatin1String("sqlite_"))) {
                *error = QCoreApplication::translate(
                             "Catalog", "%1 is an SQLite database but not a PBX Vault catalog.")
                             .arg(QDir::toNativeSeparators(db.databaseName()));
                return -1;
            }
        }
        return 0;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    q.addBindValue(kVersionKey);
    if (!q.exec()) {
        *error = QCoreApplication::translate("Catalog", "Cannot read the catalog version: %1")
                     .arg(describeSqlError(q.lastError()));
        return -1;
    }
    bool ok = false;
    const int version = q.next() ? q.value(0).toString().toInt(&ok) : 0;
    if (!ok || version < 1) {
        *error = QCoreApplication::translate("Catalog",
                                             "The catalog %1 is damaged: its version is missing.")
                     .arg(QDir::toNativeSeparators(db.databaseName()));
        return -1;
    }
    return version;
}

QString CatalogMigrator::newerSchemaMessage(int found, int supported)
{
    return QCoreApplication::translate(
               "Catalog", "This catalog was written by a newer PBX Vault (schema %1; this version "
                          "understands up to %2). Update PBX Vault to open it.")
        .arg(found)
        .arg(supported);
}

bool CatalogMigrator::migrate(CatalogDatabase &database, QString *error)
{
    m_backupPath.clear();
    QSqlDatabase db = database.database();
    const int target = targetVersion();
    const int found = currentVersion(db, error);
    if (found < 0)
        return false;
    if (found > target) {
        *error = newerSchemaMessage(found, target);
        return false;
    }
    if (found == target)
        return true;

    if (found > 0) {
        // Outside the transaction: SQLite cannot VACUUM inside one.
        const QString copy = freeBackupPath(database.path(), target);
        QString why;
        if (!database.copyTo(copy, &why)) {
            *error = QCoreApplication::translate(
                         "Catalog", "Cannot copy the catalog to %1 before upgrading it: %2")
                         .arg(QDir::toNativeSeparators(copy), why);
            return false;
        }
        m_backupPath = copy;
        qCInfo(lcCatalog) << "Copied the catalog to" << copy << "before upgrading it";
    }

    // Rebuilding a table (schema 2) must not fire ON DELETE actions on the rows that point at it.
    // The pragma is a no-op inside a transaction, so it is set around it.
    ForeignKeysOff foreignKeysOff(db);
    WriteTransaction transaction(database);
    if (!transaction.begin(error))
        return false;
    // Another process may have migrated the file between our first look and the lock.
    const int from = currentVersion(db, error);
    if (from < 0)
        return false;
    if (from > target) {
        *error = newerSchemaMessage(from, target);
        return false;
    }
    for (const CatalogMigration &step : std::as_const(m_steps)) {
        if (step.version <= from)
            continue;
        QString why;
        if (!step.apply(db, &why)) {
            *error = QCoreApplication::translate("Catalog",
                                                 "Cannot upgrade the catalog from schema %1 to "
                                                 "%2 (step %3, %4): %5. The file is unchanged.")
                         .arg(from)
                         .arg(target)
                         .arg(step.version)
                         .arg(step.description, why);
            return false;
        }
        qCDebug(lcCatalog) << "Catalog schema step" << step.version << step.description;
    }
    QString why;
    if (!setMeta(db, kVersionKey, QString::number(target), &why) || !transaction.commit(&why)) {
        *error = QCoreApplication::translate("Catalog", "Cannot upgrade the catalog: %1").arg(why);
        return false;
    }
    if (from > 0)
        qCInfo(lcCatalog) << "Catalog upgraded from schema" << from << "to" << target;
    return true;
}

} // namespace pbxvault
