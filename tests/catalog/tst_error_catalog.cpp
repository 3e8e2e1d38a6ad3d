// Errors in the catalog (schema 3): jobs and restores store the error's code + arguments next to
// its text, and the records read back carry it worded in the reader's language; rows without a
// code (older rows, schema 2 catalogs) keep their text.
#include "CatalogTestUtil.h"
#include "ItalianTranslator.h"
#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogMigrations.h"
#include "common/ErrorMessage.h"

#include <QFile>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {

const QString kItalianAuth =
    QStringLiteral("Impossibile creare un backup su pbx.lan: la centrale ha rifiutato l'accesso: "
                   "nome utente, password o tenant errati.");

ErrorMessage authFailure()
{
    return ErrorMessage("pbx.auth")
        .arg(ErrorMessage("pbx.action.create").arg(QStringLiteral("pbx.lan")));
}

} // namespace

class TestErrorCatalog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDir> m_dir;
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog.sqlite")); }

    qint64 addPbx(Catalog &catalog)
    {
        PbxRecord pbx;
        pbx.name = QStringLiteral("Main");
        pbx.url = QUrl(QStringLiteral("https://pbx.lan"));
        pbx.username = QStringLiteral("admin");
        return catalog.addPbx(&pbx) ? pbx.id : 0;
    }

    qint64 failedJob(Catalog &catalog, qint64 pbxId, const ErrorMessage &code, const QString &text)
    {
        JobRecord job;
        job.pbxId = pbxId;
        job.startedAt = QDateTime::currentDateTimeUtc();
        if (!catalog.beginJob(&job) ||
            !catalog.finishJob(job.id, JobOutcome::Failed, 0, text, QDateTime::currentDateTimeUtc(),
                               JobError::Pbx, code))
            return 0;
        return job.id;
    }

    JobRecord jobById(const Catalog &catalog, qint64 id)
    {
        for (const JobRecord &j : catalog.jobs())
            if (j.id == id)
                return j;
        return {};
    }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<TestDir>(); }
    void cleanup() { m_dir.reset(); }

    // Written by a process in English, read by one in Italian: Activity, PBXs › Last failure
    // (lastJob) and the CLI all get the Italian sentence; the stored text stays as written.
    void jobErrorIsWordedInTheReadersLanguage()
    {
        OPEN_CATALOG(catalog, catalogPath());
        const qint64 pbxId = addPbx(*catalog);
        QVERIFY(pbxId > 0);
        const QString english = authFailure().text();
        const qint64 coded = failedJob(*catalog, pbxId, authFailure(), english);
        const qint64 old = failedJob(*catalog, pbxId, ErrorMessage(), QStringLiteral("Old text."));
        QVERIFY(coded > 0 && old > 0);
        QCOMPARE(jobById(*catalog, coded).error, english);

        ItalianTranslator italian;
        QVERIFY(italian.loaded());
        QCOMPARE(jobById(*catalog, coded).error, kItalianAuth);
        QCOMPARE(jobById(*catalog, old).error, QStringLiteral("Old text."));
        const std::optional<JobRecord> last =
            catalog->lastJob(pbxId, JobKind::Backup, JobOutcome::Failed);
        QVERIFY(last);
        QCOMPARE(last->id, old);
        RawDb raw(catalogPath());
        QCOMPARE(
            raw.exec(QStringLiteral("SELECT error FROM jobs WHERE id = ?"), {coded}).toString(),
            english);
        QCOMPARE(ErrorMessage::fromJson(
                     raw.exec(QStringLiteral("SELECT error_code FROM jobs WHERE id = ?"), {coded})
                         .toString()),
                 authFailure());
        QVERIFY(
            raw.exec(QStringLiteral("SELECT error_code FROM jobs WHERE id = ?"), {old}).isNull());
    }

    void restoreErrorIsWordedInTheReadersLanguage()
    {
        OPEN_CATALOG(catalog, catalogPath());
        const qint64 pbxId = addPbx(*catalog);
        RestoreRecord restore;
        restore.filename = QStringLiteral("a.bak");
        restore.targetPbxId = pbxId;
        QVERIFY(catalog->beginRestore(&restore));
        const ErrorMessage code =
            ErrorMessage("restore.safety_failed").arg(QStringLiteral("Main")).arg(authFailure());
        QVERIFY(catalog->finishRestore(restore.id, RestoreOutcome::Failed, code.text(),
                                       QDateTime::currentDateTimeUtc(), code));
        ItalianTranslator italian;
        QVERIFY(italian.loaded());
        QCOMPARE(catalog->restore(restore.id)->error,
                 QStringLiteral("Il backup di sicurezza di Main non è riuscito, quindi il "
                                "ripristino non è partito: ") +
                     kItalianAuth);
        QCOMPARE(catalog->restores(true).first().error, catalog->restore(restore.id)->error);
    }

    // Rows marked interrupted at start-up carry a code too.
    void interruptedRowsAreCoded()
    {
        OPEN_CATALOG(catalog, catalogPath());
        const qint64 pbxId = addPbx(*catalog);
        JobRecord job;
        job.pbxId = pbxId;
        QVERIFY(catalog->beginJob(&job));
        RawDb raw(catalogPath());
        bool ok = false;
        // As if a process that is gone had left it running.
        raw.exec(QStringLiteral("UPDATE jobs SET owner = 'gone.invalid:1:dead' WHERE id = ?"),
                 {job.id}, &ok);
        QVERIFY(ok);
        QCOMPARE(catalog->markRunningJobsInterrupted(QDateTime::currentDateTimeUtc()), 1);
        ItalianTranslator italian;
        QVERIFY(italian.loaded());
        QCOMPARE(jobById(*catalog, job.id).error,
                 QStringLiteral("PBX Vault si è chiuso prima che l'operazione terminasse."));
    }

    // A schema 2 catalog gains the columns and keeps every row; its errors keep their text.
    void schemaTwoCatalogIsMigrated()
    {
        {
            SKIP_UNLESS_CATALOG_SERVER();
            CatalogDatabase database(CatalogLocation::parse(catalogLocation(catalogPath())));
            QString error;
            QVERIFY2(database.open(&error), qPrintable(error));
            CatalogMigrator two(catalogMigrations().mid(0, 2));
            QVERIFY2(two.migrate(database, &error), qPrintable(error));
        }
        {
            RawDb raw(catalogPath());
            bool ok = false;
            const QStringList inserts{
                QStringLiteral("INSERT INTO pbxs (id, name, name_key, url, created_at) VALUES "
                               "(1, 'Main', 'main', 'https://pbx', '2024-05-01T00:00:00Z')"),
                QStringLiteral("INSERT INTO restores (filename, started_at, outcome, error) VALUES "
                               "('a.bak', '2024-05-03T10:00:00Z', 'failed', 'restore boom')"),
                QStringLiteral("INSERT INTO jobs (kind, job_trigger, pbx_id, started_at, outcome, "
                               "error, error_kind) VALUES ('backup', 'manual', 1, "
                               "'2024-05-03T10:00:00Z', 'failed', 'job boom', 'pbx')"),
            };
            for (const QString &sql : inserts) {
                raw.exec(sql, {}, &ok);
                QVERIFY2(ok, qPrintable(sql));
            }
        }
        OPEN_CATALOG(catalog, catalogPath());
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        if (!testingPostgres())
            QVERIFY(QFile::exists(catalogPath() +
                                  QStringLiteral(".pre-v%1.bak").arg(Catalog::kSchemaVersion)));
        ItalianTranslator italian;
        const QVector<JobRecord> jobs = catalog->jobs();
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().error, QStringLiteral("job boom"));
        QCOMPARE_ENUM(jobs.first().errorKind, JobError::Pbx);
        QCOMPARE(catalog->restores().size(), 1);
        QCOMPARE(catalog->restores().first().error, QStringLiteral("restore boom"));
        // New rows of the migrated file are coded.
        const qint64 id = failedJob(*catalog, 1, authFailure(), authFailure().text());
        QCOMPARE(jobById(*catalog, id).error, kItalianAuth);
    }
};

QTEST_GUILESS_MAIN(TestErrorCatalog)
#include "tst_error_catalog.moc"
