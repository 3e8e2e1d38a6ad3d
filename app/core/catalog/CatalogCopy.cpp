#include "CatalogCopy.h"

#include "Catalog.h"
#include "CatalogDatabase.h"
#include "CatalogMigrations.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

namespace pbxvault {
namespace {

const QString kMeta = QStringLiteral("meta");
// Held by running processes of the source: not copied, like the PBX locks.
const QString kLocks = QStringLiteral("pbx_locks");
const QString kClaims = QStringLiteral("slot_claims");
const QString kVersionKey = QStringLiteral("schema_version");
const QString kCatalogIdKey = QStringLiteral("catalog_id");
const QString kKeyIdKey = QStringLiteral("encryption_key_id");

// The tables copied, parents before the tables whose foreign keys point at them. key orders
// the rows; checksum is summed on both sides to check that the same rows arrived.
struct CopiedTable
{
    QString name;
    QString key;
    QString checksum;
    bool hasIdCounter; // an AUTOINCREMENT / identity id
};

const QVector<CopiedTable> &copiedTables()
{
    static const QVector<CopiedTable> tables{
        {QStringLiteral("pbxs"), QStringLiteral("id"), QStringLiteral("id"), true},
        {QStringLiteral("copy_targets"), QStringLiteral("id"), QStringLiteral("id"), true},
        {QStringLiteral("backups"), QStringLiteral("id"), QStringLiteral("id"), true},
        {QStringLiteral("backup_copies"), QStringLiteral("backup_id, target_id"),
         QStringLiteral("backup_id + target_id"), false},
        {QStringLiteral("restores"), QStringLiteral("id"), QStringLiteral("id"), true},
        {QStringLiteral("jobs"), QStringLiteral("id"), QStringLiteral("id"), true},
        {QStringLiteral("schedule_state"), QStringLiteral("pbx_id"), QStringLiteral("pbx_id"),
         false},
    };
    return tables;
}

// Bound values per INSERT: SQLite's oldest limit is 999; PostgreSQL takes many more, and each
// statement is a round trip to the server.
int maxValuesPerInsert(const CatalogDatabase &db)
{
    return db.isPostgres() ? 30000 : 999;
}
constexpr int kMaxRowsPerInsert = 1000;

struct TableFigures
{
    qint64 rows = 0;
    qint64 checksum = 0;
};

// Multi-row INSERTs of one table: full batches share one prepared statement.
class BatchInsert
{
public:
    BatchInsert(QSqlDatabase db, const QString &table, const QStringList &columns, int rows)
        : m_db(std::move(db)), m_table(table), m_columns(columns), m_rowsPerInsert(rows)
    {}

    int valuesPerInsert() const { return m_rowsPerInsert * int(m_columns.size()); }

    // values holds whole rows, at most valuesPerInsert() values.
    bool insert(const QVector<QVariant> &values, QString *why)
    {
        const int rows = int(values.size() / m_columns.size());
        // Kept until the object goes: QPSQL deallocates a statement when its query goes,
        // which fails (with a warning) inside a transaction a failed insert has aborted.
        const bool full = rows == m_rowsPerInsert;
        std::optional<QSqlQuery> &statement = full ? m_full : m_partial;
        if (!statement || (!full && m_partialRows != rows)) {
            statement = prepare(rows, why);
            if (!statement)
                return false;
            if (!full)
                m_partialRows = rows;
        }
        QSqlQuery *q = &*statement;
        for (int i = 0; i < values.size(); ++i)
            q->bindValue(i, values.at(i));
        if (!q->exec()) {
            *why = describeSqlError(q->lastError());
            return false;
        }
        return true;
    }

private:
    std::optional<QSqlQuery> prepare(int rows, QString *why) const
    {
        const QString row =
            QLatin1Char('(') +
            QStringList(m_columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) +
            QLatin1Char(')');
        const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                                .arg(m_table, m_columns.join(QStringLiteral(", "))) +
                            QStringList(rows, row).join(QLatin1Char(','));
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            *why = describeSqlError(q.lastError());
            return std::nullopt;
        }
        return q;
    }

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerInsert;
    std::optional<QSqlQuery> m_full, m_partial;
    int m_partialRows = 0;
};

// One consistent view of the source for the whole copy; read only, ended by a rollback.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(CatalogDatabase &db) : m_db(db) {}
    ~ReadSnapshot()
    {
        if (m_open)
            QSqlQuery(m_db.database()).exec(QStringLiteral("ROLLBACK"));
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

    bool begin(QString *why)
    {
        QSqlQuery q(m_db.database());
        const QString sql = m_db.isPostgres()
                                ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                : QStringLiteral("BEGIN");
        m_open = q.exec(sql);
        if (!m_open)
            *why = describeSqlError(q.lastError());
        return m_open;
    }

private:
    CatalogDatabase &m_db;
    bool m_open = false;
};

class CopyRun
{
    Q_DECLARE_TR_FUNCTIONS(CatalogCopy)

public:
    CopyRun(Catalog &from, Catalog &to, const CatalogCopy::Progress &progress, QString *error)
        : m_fromCatalog(from), m_toCatalog(to), m_from(from.database()), m_to(to.database()),
          m_progress(progress), m_error(error)
    {}

    bool run()
    {
        QElapsedTimer timer;
        timer.start();
        if (!checkPair() || !checkSchemas())
            return false;
        ReadSnapshot snapshot(m_from);
        QString why;
        if (!snapshot.begin(&why))
            return failFrom(why);
        if (!readSourceFigures())
            return false;
        WriteTransaction transaction(m_to);
        if (!transaction.begin(&why)) {
            return fail(tr("The catalog %1 is busy: %2").arg(m_to.displayName(), why));
        }
        if (!checkTargetEmpty() || !copyMeta())
            return false;
        report();
        for (const CopiedTable &table : copiedTables()) {
            if (!copyTable(table))
                return false;
        }
        if (!verify() || !carryIdCounters())
            return false;
        if (!transaction.commit(&why))
            return failTo(why);
        qCInfo(lcCatalog).noquote()
            << "Copied the catalog" << m_from.displayName() << "to" << m_to.displayName() << ":"
            << m_total << "rows in" << timer.elapsed() << "ms";
        return true;
    }

private:
    bool fail(const QString &message)
    {
        *m_error = message;
        qCWarning(lcCatalog).noquote() << message;
        return false;
    }
    bool failFrom(const QString &why)
    {
        return fail(tr("Cannot read the catalog %1: %2").arg(m_from.displayName(), why));
    }
    bool failTo(const QString &why)
    {
        return fail(tr("Cannot copy into the catalog %1: %2. Nothing was written to it.")
                        .arg(m_to.displayName(), why));
    }

    void report()
    {
        if (m_progress)
            m_progress(m_done, m_total);
    }

    // The first column of the first row of sql; nullopt and *why when it failed.
    static std::optional<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                                          const QVariantList &values, QString *why)
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        bool ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql);
        if (ok && !values.isEmpty()) {
            for (const QVariant &v : values)
                q.addBindValue(v);
            ok = q.exec();
        }
        if (!ok) {
            *why = describeSqlError(q.lastError());
            return std::nullopt;
        }
        return q.next() ? q.value(0) : QVariant();
    }

    bool checkPair()
    {
        if (&m_from == &m_to || m_from.path() == m_to.path() ||
            m_fromCatalog.catalogId() == m_toCatalog.catalogId()) {
            return fail(
                tr("The catalog %1 cannot be copied onto itself.").arg(m_from.displayName()));
        }
        return true;
    }

    // The stored versions (another process may have upgraded one since it was opened), the
    // tables, and their columns must match; a table unknown here would be lost, so refused.
    bool checkSchemas()
    {
        QString why;
        const int fromVersion = CatalogMigrator::currentVersion(m_from.database(), &why);
        if (fromVersion < 0)
            return failFrom(why);
        const int toVersion = CatalogMigrator::currentVersion(m_to.database(), &why);
        if (toVersion < 0)
            return failTo(why);
        if (fromVersion != toVersion || fromVersion != Catalog::kSchemaVersion) {
            return fail(tr("The catalogs have different schemas (%1 has schema %2, %3 schema "
                           "%4; this version copies schema %5). Open both with the same PBX "
                           "Vault first.")
                            .arg(m_from.displayName())
                            .arg(fromVersion)
                            .arg(m_to.displayName())
                            .arg(toVersion)
                            .arg(Catalog::kSchemaVersion));
        }
        QSet<QString> known{kMeta, kLocks, kClaims};
        for (const CopiedTable &table : copiedTables())
            known.insert(table.name);
        const QStringList tables = m_from.database().tables();
        for (const QString &table : tables) {
            if (!known.contains(table) && !table.startsWith(QLatin1String("sqlite_"))) {
                return fail(tr("The catalog %1 holds a table this version cannot copy (%2).")
                                .arg(m_from.displayName(), table));
            }
        }
        for (const CopiedTable &table : copiedTables()) {
            const QSqlRecord source = m_from.database().record(table.name);
            const QSqlRecord target = m_to.database().record(table.name);
            QStringList columns;
            QSet<QString> targetColumns;
            for (int i = 0; i < source.count(); ++i)
                columns << source.fieldName(i);
            for (int i = 0; i < target.count(); ++i)
                targetColumns.insert(target.fieldName(i));
            if (columns.isEmpty() ||
                QSet<QString>(columns.cbegin(), columns.cend()) != targetColumns) {
                return fail(tr("The table %1 differs between the catalogs %2 and %3.")
                                .arg(table.name, m_from.displayName(), m_to.displayName()));
            }
            m_columns.insert(table.name, columns);
        }
        return true;
    }

    static std::optional<TableFigures> figures(const QSqlDatabase &db, const CopiedTable &table,
                                               QString *why)
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT COUNT(*), CAST(COALESCE(SUM(%1), 0) AS BIGINT) "
                                   "FROM %2")
                        .arg(table.checksum, table.name)) ||
            !q.next()) {
            *why = describeSqlError(q.lastError());
            return std::nullopt;
        }
        return TableFigures{q.value(0).toLongLong(), q.value(1).toLongLong()};
    }

    // The highest id the table's counter has handed out (rows since deleted included): the
    // job log and restore history keep ids of PBXs and backups that are gone.
    std::optional<qint64> idCounter(CatalogDatabase &db, const QString &table, QString *why)
    {
        std::optional<QVariant> value;
        if (db.isPostgres()) {
            const auto sequence =
                scalar(db.database(), QStringLiteral("SELECT pg_get_serial_sequence(?, 'id')"),
                       {table}, why);
            if (!sequence)
                return std::nullopt;
            value = scalar(db.database(),
                           QStringLiteral("SELECT CASE WHEN is_called THEN last_value ELSE "
                                          "last_value - 1 END FROM ") +
                               sequence->toString(),
                           {}, why);
        } else {
            value = scalar(db.database(),
                           QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = ?"),
                           {table}, why);
        }
        if (!value)
            return std::nullopt;
        return value->toLongLong(); // no row yet: 0
    }

    bool readSourceFigures()
    {
        QString why;
        for (const CopiedTable &table : copiedTables()) {
            const auto found = figures(m_from.database(), table, &why);
            if (!found)
                return failFrom(why);
            m_sourceFigures.insert(table.name, *found);
            m_total += found->rows;
            if (table.hasIdCounter) {
                const auto counter = idCounter(m_from, table.name, &why);
                if (!counter)
                    return failFrom(why);
                m_sourceCounters.insert(table.name, *counter);
            }
        }
        QSqlQuery q(m_from.database());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT name, value FROM meta")))
            return failFrom(describeSqlError(q.lastError()));
        while (q.next()) {
            if (q.value(0).toString() != kVersionKey)
                m_sourceMeta.insert(q.value(0).toString(), q.value(1).toString());
        }
        if (!m_sourceMeta.contains(kCatalogIdKey))
            return failFrom(tr("it has no catalog id"));
        return true;
    }

    // Inside the write transaction, so that nothing is added between the look and the copy.
    bool checkTargetEmpty()
    {
        QStringList holding;
        QString why;
        QVector<QString> tables;
        for (const CopiedTable &table : copiedTables())
            tables << table.name;
        tables << kLocks << kClaims;
        for (const QString &table : std::as_const(tables)) {
            const auto rows =
                scalar(m_to.database(), QStringLiteral("SELECT COUNT(*) FROM ") + table, {}, &why);
            if (!rows)
                return failTo(why);
            if (rows->toLongLong() > 0)
                holding << table;
        }
        QSqlQuery q(m_to.database());
        q.setForwardOnly(true);
        if (!q.prepare(QStringLiteral("SELECT name FROM meta WHERE name <> ? AND name <> ?")))
            return failTo(describeSqlError(q.lastError()));
        q.addBindValue(kVersionKey);
        q.addBindValue(kCatalogIdKey);
        if (!q.exec())
            return failTo(describeSqlError(q.lastError()));
        while (q.next()) {
            const QString name = q.value(0).toString();
            holding << (name == kKeyIdKey ? tr("an encryption key") : name);
        }
        if (holding.isEmpty())
            return true;
        return fail(tr("The catalog %1 is not empty (it holds %2). A catalog is copied only "
                       "into a new, empty one; nothing was changed.")
                        .arg(m_to.displayName(), holding.join(QStringLiteral(", "))));
    }

    // The target keeps its schema version and takes every other entry: the catalog id, which
    // names the keychain entries, and the id of the key that encrypted the backups.
    bool copyMeta()
    {
        QString why;
        if (!scalar(m_to.database(), QStringLiteral("DELETE FROM meta WHERE name <> ?"),
                    {kVersionKey}, &why)) {
            return failTo(why);
        }
        for (auto it = m_sourceMeta.cbegin(); it != m_sourceMeta.cend(); ++it) {
            if (!scalar(m_to.database(),
                        QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?)"),
                        {it.key(), it.value()}, &why)) {
                return failTo(why);
            }
        }
        return true;
    }

    bool copyTable(const CopiedTable &table)
    {
        const QStringList columns = m_columns.value(table.name);
        const int rowsPerInsert =
            qBound(1, maxValuesPerInsert(m_to) / int(columns.size()), kMaxRowsPerInsert);
        // Outlives the write transaction (see BatchInsert::insert).
        m_inserts.push_back(
            std::make_unique<BatchInsert>(m_to.database(), table.name, columns, rowsPerInsert));
        BatchInsert &insert = *m_inserts.back();
        QSqlQuery read(m_from.database());
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                           .arg(columns.join(QStringLiteral(", ")), table.name, table.key))) {
            return failFrom(describeSqlError(read.lastError()));
        }
        QVector<QVariant> batch;
        batch.reserve(insert.valuesPerInsert());
        QString why;
        const auto flush = [&] {
            if (batch.isEmpty())
                return true;
            if (!insert.insert(batch, &why))
                return failTo(tr("table %1: %2").arg(table.name, why));
            m_done += batch.size() / columns.size();
            batch.clear();
            report();
            return true;
        };
        while (read.next()) {
            for (int i = 0; i < columns.size(); ++i)
                batch.append(read.value(i));
            if (batch.size() >= insert.valuesPerInsert() && !flush())
                return false;
        }
        if (read.lastError().isValid())
            return failFrom(describeSqlError(read.lastError()));
        return flush();
    }

    bool verify()
    {
        QString why;
        for (const CopiedTable &table : copiedTables()) {
            const auto copied = figures(m_to.database(), table, &why);
            if (!copied)
                return failTo(why);
            const TableFigures source = m_sourceFigures.value(table.name);
            if (copied->rows != source.rows || copied->checksum != source.checksum) {
                return fail(tr("The copy of the table %1 does not match: %2 rows (id sum %3) "
                               "in %4, %5 rows (id sum %6) in %7. Nothing was copied.")
                                .arg(table.name)
                                .arg(source.rows)
                                .arg(source.checksum)
                                .arg(m_from.displayName())
                                .arg(copied->rows)
                                .arg(copied->checksum)
                                .arg(m_to.displayName()));
            }
        }
        QSqlQuery q(m_to.database());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT name, value FROM meta")))
            return failTo(describeSqlError(q.lastError()));
        QMap<QString, QString> meta;
        while (q.next()) {
            if (q.value(0).toString() != kVersionKey)
                meta.insert(q.value(0).toString(), q.value(1).toString());
        }
        if (meta != m_sourceMeta) {
            return fail(tr("The catalog id or settings did not arrive intact in %1. Nothing was "
                           "copied.")
                            .arg(m_to.displayName()));
        }
        return true;
    }

    // Rows came with their ids, which PostgreSQL's identity counters do not notice (SQLite's
    // AUTOINCREMENT does, up to the highest id copied): each target counter continues after
    // the source's, so a new row never takes an id that history still refers to. On
    // PostgreSQL setval is not undone by a rollback, hence last.
    bool carryIdCounters()
    {
        QString why;
        for (const CopiedTable &table : copiedTables()) {
            if (!table.hasIdCounter)
                continue;
            const auto highest =
                scalar(m_to.database(),
                       QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM ") + table.name, {}, &why);
            if (!highest)
                return failTo(why);
            const qint64 counter = qMax(highest->toLongLong(), m_sourceCounters.value(table.name));
            if (counter <= 0)
                continue;
            std::optional<QVariant> done;
            if (m_to.isPostgres()) {
                done = scalar(m_to.database(),
                              QStringLiteral("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)"),
                              {table.name, counter}, &why);
            } else {
                done = scalar(m_to.database(),
                              QStringLiteral("DELETE FROM sqlite_sequence WHERE name = ?"),
                              {table.name}, &why);
                if (done) {
                    done = scalar(
                        m_to.database(),
                        QStringLiteral("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"),
                        {table.name, counter}, &why);
                }
            }
            if (!done)
                return failTo(why);
        }
        return true;
    }

    Catalog &m_fromCatalog;
    Catalog &m_toCatalog;
    CatalogDatabase &m_from;
    CatalogDatabase &m_to;
    const CatalogCopy::Progress &m_progress;
    QString *m_error;
    QHash<QString, QStringList> m_columns;
    QHash<QString, TableFigures> m_sourceFigures;
    QHash<QString, qint64> m_sourceCounters;
    QMap<QString, QString> m_sourceMeta;
    qint64 m_total = 0;
    qint64 m_done = 0;
    std::vector<std::unique_ptr<BatchInsert>> m_inserts;
};

} // namespace

bool CatalogCopy::copy(Catalog &from, Catalog &to, const Progress &progress, QString *error)
{
    QString ignored;
    return CopyRun(from, to, progress, error ? error : &ignored).run();
}

} // namespace pbxvault
