// Opening, PBXs and backups. Restores, jobs and scheduler state are in CatalogHistory.cpp,
// PBX locks in CatalogLocks.cpp.
#include "CatalogMigrations.h"
#include "CatalogPrivate.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace pbxvault {

Q_LOGGING_CATEGORY(lcCatalog, "pbxvault.catalog")

using namespace catalogvalues;

namespace {

const QString kPbxColumns =
    QStringLiteral("id, name, url, tenant, username, role, schedule, keep_last, keep_days, "
                   "fingerprint, enabled, created_at, keep_only_changed");
// Tuned for listing 100,000 backups: text read as UTF-8 bytes (see utf8Column), and pbxName
// taken from a map of the (few) PBXs rather than a join.
QString backupSelect(const CatalogDatabase &db)
{
    QStringList text;
    for (const char *column : {"filename", "sha256", "created_at", "master_ip", "tenant", "path",
                               "firmware", "comment", "origin", "verified", "verified_at"})
        text << db.textColumn(QString::fromLatin1(column));
    return QStringLiteral("SELECT id, pbx_id, size, ") + text.join(QStringLiteral(", ")) +
           QStringLiteral(", changes, changes_base_id, ") + db.textColumn(QStringLiteral("store")) +
           QStringLiteral(" FROM backups");
}

PbxRecord readPbx(const QSqlQuery &q)
{
    PbxRecord p;
    p.id = q.value(0).toLongLong();
    p.name = q.value(1).toString();
    p.url = QUrl(q.value(2).toString());
    p.tenant = q.value(3).toString();
    p.username = q.value(4).toString();
    p.role = toEnum(q.value(5), PbxRole::Secondary);
    p.schedule = q.value(6).toString();
    p.keepLast = q.value(7).toInt();
    p.keepDays = q.value(8).toInt();
    p.fingerprint = q.value(9).toString();
    p.enabled = q.value(10).toInt() != 0;
    p.createdAt = toTime(q.value(11));
    p.keepOnlyChanged = q.value(12).toInt() != 0;
    return p;
}

// changes: NULL (not known) is -1 in the records.
int toChanges(const QVariant &v)
{
    return v.isNull() ? -1 : v.toInt();
}

QVariant fromChanges(int changes)
{
    return changes >= 0 ? QVariant(changes) : QVariant(QMetaType::fromType<int>());
}

// Reads rows of backupSelect(*d->database). Tenant, firmware, IP address and the enums repeat over
// thousands of rows: each distinct value is decoded once and its QString shared.
class BackupReader
{
public:
    explicit BackupReader(const StoreMounts &mounts) : m_mounts(mounts) {}
    BackupRecord operator()(const QSqlQuery &q)
    {
        BackupRecord b;
        b.id = q.value(0).toLongLong();
        b.pbxId = q.value(1).toLongLong();
        b.size = q.value(2).toLongLong();
        b.filename = toText(q.value(3));
        b.sha256 = toText(q.value(4));
        b.createdAt = toTime(q.value(5));
        b.masterIp = m_masterIp(q.value(6));
        b.tenant = m_tenant(q.value(7));
        const QString storedPath = toText(q.value(8));
        b.firmware = m_firmware(q.value(9));
        b.comment = toText(q.value(10));
        fromString(m_origin(q.value(11)), &b.origin);
        fromString(m_verified(q.value(12)), &b.verified);
        b.verifiedAt = toTime(q.value(13));
        b.changes = toChanges(q.value(14));
        b.changesBaseId = q.value(15).toLongLong();
        b.store = m_store(q.value(16));
        b.path = m_mounts.localPath(b.store, storedPath);
        return b;
    }

private:
    const StoreMounts &m_mounts;
    RepeatedText m_masterIp, m_tenant, m_firmware, m_origin, m_verified, m_store;
};

// The stored columns of a backup, in the order bindBackup() binds them.
constexpr int kBackupValues = 16;
const QString kInsertBackupInto = QStringLiteral(
    "INSERT INTO backups (pbx_id, filename, size, sha256, created_at, master_ip, tenant, path, "
    "firmware, comment, origin, verified, verified_at, changes, changes_base_id, store) VALUES ");
const QString kBackupPlaceholders =
    QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

// Binds the stored columns of a backup from position first on; storedPath is b.path as the
// catalog records it (StoreMounts::storedPath()).
void bindBackup(QSqlQuery &q, const BackupRecord &b, const QString &storedPath, int first = 0)
{
    q.bindValue(first + 0, b.pbxId);
    q.bindValue(first + 1, text(b.filename));
    q.bindValue(first + 2, b.size);
    q.bindValue(first + 3, text(b.sha256.toLower()));
    q.bindValue(first + 4, fromTime(b.createdAt));
    q.bindValue(first + 5, text(b.masterIp));
    q.bindValue(first + 6, text(b.tenant.isEmpty() ? QStringLiteral("default") : b.tenant));
    q.bindValue(first + 7, text(storedPath));
    q.bindValue(first + 8, text(b.firmware));
    q.bindValue(first + 9, text(b.comment));
    q.bindValue(first + 10, toString(b.origin));
    q.bindValue(first + 11, toString(b.verified));
    q.bindValue(first + 12, fromTime(b.verifiedAt));
    q.bindValue(first + 13, fromChanges(b.changes));
    q.bindValue(first + 14, fromId(b.changesBaseId));
    q.bindValue(first + 15, text(b.store));
}

// One INSERT of that many backups.
QString insertBackupsSql(qsizetype rows)
{
    QString sql = kInsertBackupInto;
    sql.reserve(sql.size() + rows * (kBackupPlaceholders.size() + 2));
    for (qsizetype i = 0; i < rows; ++i) {
        if (i > 0)
            sql += QStringLiteral(", ");
        sql += kBackupPlaceholders;
    }
    return sql;
}

// Rows per INSERT on PostgreSQL, where each statement is a round trip to the server (one per
// row: 100,000 backups took 50 s). 500 rows are 7,500 values, well under PostgreSQL's 65,535
// parameters of a statement.
constexpr qsizetype kBackupsPerInsert = 500;

// PostgreSQL: inserts the backups kBackupsPerInsert at a time and appends their new ids, in
// order, to ids.
bool insertBackupsInChunks(const QSqlDatabase &db, const QVector<BackupRecord> &backups,
                           const QStringList &storedPaths, QVector<qint64> *ids, QSqlError *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    qsizetype preparedRows = 0;
    for (qsizetype first = 0; first < backups.size(); first += kBackupsPerInsert) {
        const qsizetype rows = std::min(kBackupsPerInsert, backups.size() - first);
        if (rows != preparedRows) {
            if (!q.prepare(insertBackupsSql(rows) + QStringLiteral(" RETURNING id"))) {
                *error = q.lastError();
                return false;
            }
            preparedRows = rows;
        }
        for (qsizetype i = 0; i < rows; ++i)
            bindBackup(q, backups.at(first + i), storedPaths.at(first + i), int(i * kBackupValues));
        if (!q.exec()) {
            *error = q.lastError();
            return false;
        }
        const qsizetype before = ids->size();
        while (q.next())
            ids->append(q.value(0).toLongLong());
        if (q.lastError().isValid()) {
            *error = q.lastError();
            return false;
        }
        if (ids->size() - before != rows) {
            *error = QSqlError(QStringLiteral("INSERT of %1 rows returned %2 ids")
                                   .arg(rows)
                                   .arg(ids->size() - before),
                               QString(), QSqlError::StatementError);
            return false;
        }
        // The order of RETURNING's rows is not documented; the identity column hands out
        // ascending ids in the order of the VALUES, so sorted ids are the rows' ids in order.
        std::sort(ids->begin() + before, ids->end());
    }
    return true;
}

} // namespace

Catalog::Catalog() : d(std::make_unique<Private>()) {}

Catalog::~Catalog() = default;

std::unique_ptr<Catalog> Catalog::open(const QString &location, QString *error,
                                       const QString &password)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const CatalogLocation where = CatalogLocation::parse(location);
    if (!where.isValid()) {
        *error = where.error();
        return nullptr;
    }
    const QString absolute = where.toString();
    if (!where.isPostgres() && !QDir().mkpath(QFileInfo(absolute).absolutePath())) {
        *error = QCoreApplication::translate("Catalog", "Cannot create the folder of the catalog "
                                                        "%1.")
                     .arg(QDir::toNativeSeparators(absolute));
        return nullptr;
    }
    std::unique_ptr<Catalog> catalog(new Catalog);
    catalog->d->database = std::make_unique<CatalogDatabase>(where, password);
    CatalogDatabase &database = *catalog->d->database;
    if (!database.open(error))
        return nullptr;

    CatalogMigrator migrator(catalogMigrations());
    Q_ASSERT(migrator.targetVersion() == kSchemaVersion);
    // Refuse a newer catalog before anything (even the journal mode) is written to it.
    const int found = CatalogMigrator::currentVersion(database.database(), error);
    if (found < 0)
        return nullptr;
    if (found > kSchemaVersion) {
        *error = CatalogMigrator::newerSchemaMessage(found, kSchemaVersion);
        return nullptr;
    }
    if (!database.enableWriteAheadLog(error) || !migrator.migrate(database, error))
        return nullptr;

    auto q = catalog->d->prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    if (!q) {
        *error = catalog->lastError();
        return nullptr;
    }
    q->addBindValue(QStringLiteral("catalog_id"));
    if (!catalog->d->exec(*q) || !q->next() || q->value(0).toString().isEmpty()) {
        *error = QCoreApplication::translate("Catalog", "The catalog %1 is damaged: it has no id.")
                     .arg(database.displayName());
        return nullptr;
    }
    catalog->d->catalogId = q->value(0).toString();
    catalog->d->schemaVersion = kSchemaVersion;
    catalog->d->lastError.clear();
    qCDebug(lcCatalog) << "Opened catalog" << absolute << "id" << catalog->d->catalogId;
    return catalog;
}

QString Catalog::path() const
{
    return d->database->path();
}
bool Catalog::isPostgres() const
{
    return d->database->isPostgres();
}
QString Catalog::lastError() const
{
    return d->lastError;
}
QString Catalog::catalogId() const
{
    return d->catalogId;
}
QString Catalog::encryptionKeyId() const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    if (!q)
        return {};
    q->addBindValue(QStringLiteral("encryption_key_id"));
    if (!d->exec(*q) || !q->next())
        return {};
    return q->value(0).toString();
}

bool Catalog::setEncryptionKeyId(const QString &keyIdHex)
{
    d->lastError.clear();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    const QString current = encryptionKeyId();
    if (!d->lastError.isEmpty())
        return false;
    if (current == keyIdHex)
        return true;
    if (!current.isEmpty()) {
        return d->fail(QCoreApplication::translate(
                           "Catalog", "The vault is already encrypted with the key %1.")
                           .arg(current));
    }
    auto q = d->prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?)"));
    if (!q)
        return false;
    q->addBindValue(QStringLiteral("encryption_key_id"));
    q->addBindValue(keyIdHex);
    return d->exec(*q) && d->commit(transaction);
}

QString Catalog::sharedStore() const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    if (!q)
        return {};
    q->addBindValue(QStringLiteral("shared_store"));
    if (!d->exec(*q) || !q->next())
        return {};
    return q->value(0).toString();
}

bool Catalog::setSharedStore(const QString &name)
{
    d->lastError.clear();
    if (!name.isEmpty() && !StoreMounts::isValidName(name))
        return d->fail(StoreMounts::nameProblem(name));
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    auto remove = d->prepare(QStringLiteral("DELETE FROM meta WHERE name = ?"));
    if (!remove)
        return false;
    remove->addBindValue(QStringLiteral("shared_store"));
    if (!d->exec(*remove))
        return false;
    remove->finish();
    if (!name.isEmpty()) {
        auto q = d->prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?)"));
        if (!q)
            return false;
        q->addBindValue(QStringLiteral("shared_store"));
        q->addBindValue(name);
        if (!d->exec(*q))
            return false;
    }
    return d->commit(transaction);
}

void Catalog::setStoreMounts(const StoreMounts &mounts)
{
    d->mounts = mounts;
}

const StoreMounts &Catalog::storeMounts() const
{
    return d->mounts;
}

int Catalog::schemaVersion() const
{
    return d->schemaVersion;
}

CatalogDatabase &Catalog::database() const
{
    return *d->database;
}

// --- PBXs

// Id of the PBX whose name equals name (ignoring case), other than exceptId; 0 if none.
qint64 Catalog::Private::pbxIdNamed(const QString &name, qint64 exceptId) const
{
    auto q = prepare(QStringLiteral("SELECT id FROM pbxs WHERE name_key = ? AND id <> ?"));
    if (!q)
        return 0;
    q->addBindValue(nameKey(name));
    q->addBindValue(exceptId);
    return exec(*q) && q->next() ? q->value(0).toLongLong() : 0;
}

bool Catalog::Private::validatePbx(const PbxRecord &pbx) const
{
    if (pbx.name.trimmed().isEmpty())
        return fail(QCoreApplication::translate("Catalog", "A PBX needs a name."));
    if (!pbx.url.password().isEmpty())
        return fail(QCoreApplication::translate(
            "Catalog", "The URL of a PBX must not contain a password; the password is kept "
                       "in the system keychain."));
    if (pbxIdNamed(pbx.name, pbx.id) != 0)
        return fail(QCoreApplication::translate("Catalog", "A PBX named \"%1\" already exists.")
                        .arg(pbx.name.trimmed()));
    return lastError.isEmpty();
}

void Catalog::Private::bindPbx(QSqlQuery &q, const PbxRecord &pbx) const
{
    q.addBindValue(pbx.name.trimmed());
    q.addBindValue(nameKey(pbx.name));
    q.addBindValue(text(pbx.url.toString()));
    q.addBindValue(pbx.tenant.isEmpty() ? QStringLiteral("default") : pbx.tenant);
    q.addBindValue(text(pbx.username));
    q.addBindValue(toString(pbx.role));
    q.addBindValue(text(pbx.schedule.trimmed()));
    q.addBindValue(pbx.keepLast);
    q.addBindValue(pbx.keepDays);
    q.addBindValue(text(normalizedFingerprint(pbx.fingerprint)));
    q.addBindValue(pbx.enabled ? 1 : 0);
    q.addBindValue(pbx.keepOnlyChanged ? 1 : 0);
}

bool Catalog::addPbx(PbxRecord *pbx)
{
    d->lastError.clear();
    if (!d->validatePbx(*pbx))
        return false;
    auto q = d->prepare(d->returningId(QStringLiteral(
        "INSERT INTO pbxs (name, name_key, url, tenant, username, role, schedule, keep_last, "
        "keep_days, fingerprint, enabled, keep_only_changed, created_at) VALUES (?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?)")));
    if (!q)
        return false;
    const QDateTime now = nowUtc();
    d->bindPbx(*q, *pbx);
    q->addBindValue(fromTime(now));
    if (!q->exec()) {
        // Another process may have added the same name since the check.
        if (d->pbxIdNamed(pbx->name, 0) != 0)
            return d->fail(
                QCoreApplication::translate("Catalog", "A PBX named \"%1\" already exists.")
                    .arg(pbx->name.trimmed()));
        return d->fail(q->lastError());
    }
    pbx->id = d->insertedId(*q);
    pbx->name = pbx->name.trimmed();
    pbx->createdAt = now;
    return true;
}

bool Catalog::updatePbx(const PbxRecord &pbx)
{
    d->lastError.clear();
    if (!d->pbxExists(pbx.id))
        return d->lastError.isEmpty() ? d->failNoPbx(pbx.id) : false;
    if (!d->validatePbx(pbx))
        return false;
    auto q = d->prepare(QStringLiteral(
        "UPDATE pbxs SET name = ?, name_key = ?, url = ?, tenant = ?, username = ?, role = ?, "
        "schedule = ?, keep_last = ?, keep_days = ?, fingerprint = ?, enabled = ?, "
        "keep_only_changed = ? WHERE id = ?"));
    if (!q)
        return false;
    d->bindPbx(*q, pbx);
    q->addBindValue(pbx.id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 || d->failNoPbx(pbx.id);
}

bool Catalog::removePbx(qint64 id)
{
    d->lastError.clear();
    const std::optional<PbxRecord> existing = pbx(id);
    if (!existing)
        return false;
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    auto count = d->prepare(QStringLiteral("SELECT COUNT(*) FROM backups WHERE pbx_id = ?"));
    if (!count)
        return false;
    count->addBindValue(id);
    if (!d->exec(*count) || !count->next())
        return false;
    const int backups = count->value(0).toInt();
    if (backups > 0)
        return d->fail(
            QCoreApplication::translate("Catalog",
                                        "The PBX \"%1\" still has %n backup(s) in the catalog; "
                                        "delete them before removing the PBX.",
                                        nullptr, backups)
                .arg(existing->name));
    count->finish();
    auto q = d->prepare(QStringLiteral("DELETE FROM pbxs WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    q->finish();
    if (!d->commit(transaction))
        return false;
    qCInfo(lcCatalog) << "Removed PBX" << id << existing->name;
    return true;
}

std::optional<PbxRecord> Catalog::pbx(qint64 id) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT ") + kPbxColumns +
                        QStringLiteral(" FROM pbxs WHERE id = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(id);
    std::optional<PbxRecord> found = d->readOne<PbxRecord>(*q, readPbx);
    if (!found && d->lastError.isEmpty())
        d->failNoPbx(id);
    return found;
}

std::optional<PbxRecord> Catalog::pbxByName(const QString &name) const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT ") + kPbxColumns +
                        QStringLiteral(" FROM pbxs WHERE name_key = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(nameKey(name));
    std::optional<PbxRecord> found = d->readOne<PbxRecord>(*q, readPbx);
    if (!found && d->lastError.isEmpty())
        d->fail(QCoreApplication::translate("Catalog", "There is no PBX named \"%1\".").arg(name));
    return found;
}

QVector<PbxRecord> Catalog::pbxs() const
{
    d->lastError.clear();
    QVector<PbxRecord> out;
    auto q = d->prepare(
        QStringLiteral("SELECT ") + kPbxColumns +
        QStringLiteral(" FROM pbxs ORDER BY CASE WHEN role = 'master' THEN 0 ELSE 1 END, "
                       "name_key, id"));
    if (q)
        d->readAll(*q, readPbx, &out);
    return out;
}

// --- Backups

QHash<qint64, QString> Catalog::Private::pbxNames() const
{
    QHash<qint64, QString> names;
    auto q = prepare(QStringLiteral("SELECT id, name FROM pbxs"));
    if (q && exec(*q)) {
        while (q->next())
            names.insert(q->value(0).toLongLong(), q->value(1).toString());
    }
    return names;
}

void Catalog::Private::fillPbxName(QHash<qint64, QString> *names, BackupRecord *b) const
{
    auto it = names->constFind(b->pbxId);
    if (it == names->cend()) {
        auto q = prepare(QStringLiteral("SELECT name FROM pbxs WHERE id = ?"));
        if (!q)
            return;
        q->addBindValue(b->pbxId);
        it = names->insert(b->pbxId, exec(*q) && q->next() ? q->value(0).toString() : QString());
    }
    b->pbxName = *it;
}

bool Catalog::addBackup(BackupRecord *backup)
{
    QVector<BackupRecord> one{*backup};
    if (!addBackups(&one))
        return false;
    *backup = one.constFirst();
    return true;
}

bool Catalog::addBackups(QVector<BackupRecord> *backups)
{
    d->lastError.clear();
    if (backups->isEmpty())
        return true;
    const QDateTime now = nowUtc();
    QSet<qint64> pbxIds;
    QStringList storedPaths;
    storedPaths.reserve(backups->size());
    for (BackupRecord &b : *backups) {
        if (b.filename.isEmpty())
            return d->fail(QCoreApplication::translate("Catalog", "A backup needs a file name."));
        if (!b.createdAt.isValid())
            b.createdAt = now;
        pbxIds.insert(b.pbxId);
        QString why;
        storedPaths << d->mounts.storedPath(b.store, b.path, &why);
        if (!why.isEmpty())
            return d->fail(why);
    }
    for (qint64 pbxId : std::as_const(pbxIds)) {
        if (!d->pbxExists(pbxId))
            return d->lastError.isEmpty() ? d->failNoPbx(pbxId) : false;
    }

    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    QVector<qint64> ids;
    ids.reserve(backups->size());
    if (d->isPostgres()) {
        QSqlError error;
        if (!insertBackupsInChunks(d->database->database(), *backups, storedPaths, &ids, &error))
            return d->fail(error);
    } else {
        // SQLite runs in this process: one statement per row costs no round trip.
        auto q = d->prepare(insertBackupsSql(1));
        if (!q)
            return false;
        for (qsizetype i = 0; i < backups->size(); ++i) {
            const BackupRecord &b = backups->at(i);
            bindBackup(*q, b, storedPaths.at(i));
            if (!d->exec(*q))
                return false;
            ids.append(d->insertedId(*q));
        }
    }
    if (!d->commit(transaction))
        return false;

    QHash<qint64, QString> names = d->pbxNames();
    for (int i = 0; i < backups->size(); ++i) {
        BackupRecord &b = (*backups)[i];
        b.id = ids.at(i);
        d->fillPbxName(&names, &b);
        b.sha256 = b.sha256.toLower();
        if (b.tenant.isEmpty())
            b.tenant = QStringLiteral("default");
    }
    d->lastError.clear();
    return true;
}

bool Catalog::removeBackup(qint64 id)
{
    d->lastError.clear();
    WriteTransaction transaction(*d->database);
    if (!d->beginWrite(transaction))
        return false;
    // A count against a backup that is gone could not be checked any more: not known instead.
    // changes_base_id stays, so readers can tell why (ids are never reused).
    auto unknown = d->prepare(QStringLiteral(
        "UPDATE backups SET changes = NULL WHERE changes_base_id = ? AND changes IS NOT NULL"));
    if (!unknown)
        return false;
    unknown->addBindValue(id);
    if (!d->exec(*unknown))
        return false;
    unknown->finish();
    // The foreign keys of restores (ON DELETE SET NULL) keep the history, with its filename.
    auto q = d->prepare(QStringLiteral("DELETE FROM backups WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    if (q->numRowsAffected() == 0)
        return d->failNoBackup(id); // rolls back
    q->finish();
    return d->commit(transaction);
}

bool Catalog::setChanges(qint64 id, int changes, qint64 baseId)
{
    d->lastError.clear();
    // Only while the base exists: a count against a backup deleted meanwhile (by another
    // process, say) would never be reset by removeBackup().
    auto q = d->prepare(QStringLiteral(
        "UPDATE backups SET changes = CASE WHEN EXISTS (SELECT 1 FROM backups WHERE id = ?) "
        "THEN CAST(? AS BIGINT) END, changes_base_id = ? WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(baseId);
    q->addBindValue(fromChanges(changes));
    q->addBindValue(fromId(baseId));
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 || d->failNoBackup(id);
}

bool Catalog::setVerification(qint64 id, VerifyState state, const QDateTime &at)
{
    d->lastError.clear();
    auto q =
        d->prepare(QStringLiteral("UPDATE backups SET verified = ?, verified_at = ? WHERE id = ?"));
    if (!q)
        return false;
    q->addBindValue(toString(state));
    q->addBindValue(fromTime(state == VerifyState::Unverified ? QDateTime() : at));
    q->addBindValue(id);
    if (!d->exec(*q))
        return false;
    return q->numRowsAffected() > 0 || d->failNoBackup(id);
}

std::optional<BackupRecord> Catalog::backup(qint64 id) const
{
    d->lastError.clear();
    auto q = d->prepare(backupSelect(*d->database) + QStringLiteral(" WHERE id = ?"));
    if (!q)
        return std::nullopt;
    q->addBindValue(id);
    std::optional<BackupRecord> found = d->readOne<BackupRecord>(*q, BackupReader(d->mounts));
    if (!found) {
        if (d->lastError.isEmpty())
            d->failNoBackup(id);
        return found;
    }
    QHash<qint64, QString> names;
    d->fillPbxName(&names, &*found);
    return found;
}

QVector<BackupRecord> Catalog::backups(qint64 pbxId) const
{
    d->lastError.clear();
    QVector<BackupRecord> out;
    QHash<qint64, QString> names = d->pbxNames();
    const QString order = QStringLiteral(" ORDER BY created_at DESC, id DESC");
    auto q = d->prepare(backupSelect(*d->database) +
                        (pbxId > 0 ? QStringLiteral(" WHERE pbx_id = ?") : QString()) + order);
    if (!q)
        return out;
    if (pbxId > 0)
        q->addBindValue(pbxId);
    // Growing a vector of 100,000 records step by step costs more than counting them first.
    out.reserve(pbxId > 0 ? 64 : backupCount());
    if (!d->readAll(*q, BackupReader(d->mounts), &out))
        return {};
    for (BackupRecord &b : out)
        d->fillPbxName(&names, &b);
    return out;
}

std::optional<BackupRecord> Catalog::previousBackup(const BackupRecord &b) const
{
    d->lastError.clear();
    auto q = d->prepare(backupSelect(*d->database) +
                        QStringLiteral(" WHERE pbx_id = ? AND tenant = ? AND id <> ? AND"
                                       " (created_at < ? OR (created_at = ? AND id < ?))"
                                       " ORDER BY created_at DESC, id DESC LIMIT 1"));
    if (!q)
        return std::nullopt;
    const QVariant created = fromTime(b.createdAt);
    q->addBindValue(b.pbxId);
    q->addBindValue(text(b.tenant));
    q->addBindValue(b.id);
    q->addBindValue(created);
    q->addBindValue(created);
    q->addBindValue(b.id);
    std::optional<BackupRecord> found = d->readOne<BackupRecord>(*q, BackupReader(d->mounts));
    if (found) {
        QHash<qint64, QString> names;
        d->fillPbxName(&names, &*found);
    }
    return found;
}

namespace {

// PostgreSQL: each row of the Backups list as one line of text, its fields separated by tabs,
// the file name last (it may hold a tab). QPSQL hands every value over as a QVariant, every
// text as a new QString: one value per row instead of nine reads the list in a third of the
// time. A plain statement, not a prepared one: the server buffers the result of an EXECUTE
// before it sends any of it.
QString backupLinesSql(qint64 pbxId)
{
    const QString tab = QStringLiteral(", E'\\t', ");
    QString sql = QStringLiteral("SELECT concat(id") + tab + QStringLiteral("pbx_id") + tab +
                  QStringLiteral("size") + tab + QStringLiteral("changes") + tab +
                  QStringLiteral("changes_base_id") + tab + QStringLiteral("verified") + tab +
                  QStringLiteral("created_at") + tab + QStringLiteral("char_length(master_ip)") +
                  tab + QStringLiteral("master_ip") + tab +
                  QStringLiteral("filename) FROM backups");
    if (pbxId > 0)
        sql += QStringLiteral(" WHERE pbx_id = %1").arg(pbxId);
    return sql;
}

// The next tab-separated field of line from *pos on; *pos moves past its tab.
QStringView nextField(QStringView line, qsizetype *pos)
{
    const qsizetype start = *pos;
    qsizetype end = line.indexOf(u'\t', start);
    if (end < 0)
        end = line.size();
    *pos = end + 1;
    return line.mid(start, end - start);
}

// The next count characters (code points, as PostgreSQL's char_length() counts them) of line
// from *pos on, and the tab after them: a text field that may hold tabs itself.
QStringView countedField(QStringView line, qint64 count, qsizetype *pos)
{
    const qsizetype start = std::min(*pos, line.size());
    qsizetype end = start;
    for (qint64 i = 0; i < count && end < line.size(); ++i) {
        const bool pair = line.at(end).isHighSurrogate() && end + 1 < line.size() &&
                          line.at(end + 1).isLowSurrogate();
        end += pair ? 2 : 1;
    }
    *pos = end + 1;
    return line.mid(start, end - start);
}

// A decimal integer, or fallback for an empty field (NULL) or anything else. Four per row:
// QStringView::toLongLong() goes through the locale machinery and takes several times longer.
qint64 toInteger(QStringView field, qint64 fallback)
{
    const bool negative = field.startsWith(u'-');
    const QStringView digits = negative ? field.mid(1) : field;
    if (digits.isEmpty() || digits.size() > 18) { // 18 digits cannot overflow
        bool ok = false;
        const qint64 value = field.toLongLong(&ok);
        return ok ? value : fallback;
    }
    qint64 value = 0;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return fallback;
        value = value * 10 + (c.unicode() - u'0');
    }
    return negative ? -value : value;
}

class BackupLineReader
{
public:
    BackupLineReader()
    {
        for (VerifyState state : {VerifyState::Intact, VerifyState::ChecksumOnly,
                                  VerifyState::Corrupt, VerifyState::Missing})
            m_verifiedNames.append({state, toString(state)});
    }

    void append(QStringView line, BackupList *list) const
    {
        qsizetype pos = 0;
        const qint64 id = toInteger(nextField(line, &pos), 0);
        const qint64 pbxId = toInteger(nextField(line, &pos), 0);
        const qint64 size = toInteger(nextField(line, &pos), 0);
        const QStringView changes = nextField(line, &pos);
        const qint64 changesBaseId = toInteger(nextField(line, &pos), 0);
        const QStringView verified = nextField(line, &pos);
        const qint64 createdMs = toMSecsSinceEpoch(nextField(line, &pos), BackupList::kNoTime);
        const qint64 masterIpLength = toInteger(nextField(line, &pos), 0);
        const QStringView masterIp = countedField(line, masterIpLength, &pos);
        const QStringView fileName = line.mid(std::min(pos, line.size()));
        list->append(id, pbxId, size, createdMs, fileName, masterIp);
        // Anything else, "unverified" included, is VerifyState::Unverified.
        for (const auto &[state, name] : m_verifiedNames) {
            if (verified == name)
                list->setLastVerified(state);
        }
        if (!changes.isEmpty() || changesBaseId != 0)
            list->setLastChanges(int(toInteger(changes, -1)), changesBaseId);
    }

private:
    QVector<std::pair<VerifyState, QString>> m_verifiedNames;
};

} // namespace

BackupList Catalog::backupList(qint64 pbxId) const
{
    d->lastError.clear();
    BackupList list;
    if (d->isPostgres()) {
        QSqlQuery q(d->database->database());
        // Not forward-only: QPSQL then takes the whole result at once instead of row by row
        // (libpq's single-row mode).
        q.setForwardOnly(false);
        list.setPbxNames(d->pbxNames());
        if (!q.exec(backupLinesSql(pbxId))) {
            d->fail(q.lastError());
            return {};
        }
        // About 40 characters of text per row; growing by doubling copes with more.
        const qsizetype rows = std::max(q.size(), 0);
        list.reserve(rows, rows * 40);
        const BackupLineReader reader;
        while (q.next())
            reader.append(q.value(0).toString(), &list);
        if (q.lastError().isValid()) {
            d->fail(q.lastError());
            return {};
        }
        list.sortNewestFirst();
        return list;
    }
    // No ORDER BY: sorting in SQL costs more than sortNewestFirst(), which mostly only has to
    // reverse the rows. Column indexes below follow this list.
    auto q =
        d->prepare(QStringLiteral("SELECT id, pbx_id, size, ") +
                   d->database->textColumn(QStringLiteral("created_at")) + QStringLiteral(", ") +
                   d->database->textColumn(QStringLiteral("filename")) + QStringLiteral(", ") +
                   d->database->textColumn(QStringLiteral("master_ip")) +
                   QStringLiteral(", verified, changes, changes_base_id FROM backups") +
                   (pbxId > 0 ? QStringLiteral(" WHERE pbx_id = ?") : QString()));
    if (!q)
        return list;
    if (pbxId > 0)
        q->addBindValue(pbxId);
    const qint64 expected = pbxId > 0 ? 64 : backupCount();
    // About 40 characters of text per row; growing by doubling copes with more.
    list.reserve(expected, expected * 40);
    list.setPbxNames(d->pbxNames());
    if (!d->exec(*q))
        return {};
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        const qint64 pbx = q->value(1).toLongLong();
        const qint64 size = q->value(2).toLongLong();
        const qint64 createdMs = toMSecsSinceEpoch(q->value(3), BackupList::kNoTime);
        const QVariant fileName = q->value(4);
        const QVariant masterIp = q->value(5);
        if (fileName.typeId() == QMetaType::QByteArray &&
            masterIp.typeId() == QMetaType::QByteArray)
            list.appendUtf8(id, pbx, size, createdMs,
                            *static_cast<const QByteArray *>(fileName.constData()),
                            *static_cast<const QByteArray *>(masterIp.constData()));
        else
            list.append(id, pbx, size, createdMs, toText(fileName), toText(masterIp));
        list.setLastVerified(toEnum(q->value(6), VerifyState::Unverified));
        const QVariant changes = q->value(7);
        if (!changes.isNull() || !q->value(8).isNull())
            list.setLastChanges(toChanges(changes), q->value(8).toLongLong());
    }
    if (q->lastError().isValid()) {
        d->fail(q->lastError());
        return {};
    }
    list.sortNewestFirst();
    return list;
}

QVector<BackupRecord> Catalog::backupsMissingCopy(qint64 targetId) const
{
    d->lastError.clear();
    QVector<BackupRecord> out;
    if (!copyTarget(targetId))
        return out;
    auto q = d->prepare(backupSelect(*d->database) +
                        QStringLiteral(" WHERE NOT EXISTS (SELECT 1 FROM backup_copies c WHERE "
                                       "c.backup_id = backups.id AND c.target_id = ? AND "
                                       "c.state = 'copied') ORDER BY created_at, id"));
    if (!q)
        return out;
    q->addBindValue(targetId);
    QHash<qint64, QString> names = d->pbxNames();
    if (!d->readAll(*q, BackupReader(d->mounts), &out))
        return {};
    for (BackupRecord &b : out)
        d->fillPbxName(&names, &b);
    return out;
}

qint64 Catalog::backupCount() const
{
    d->lastError.clear();
    auto q = d->prepare(QStringLiteral("SELECT COUNT(*) FROM backups"));
    if (!q || !d->exec(*q) || !q->next())
        return 0;
    return q->value(0).toLongLong();
}

} // namespace pbxvault
