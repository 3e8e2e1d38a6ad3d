// A failed backup against pbxsim stores its error as code + arguments (ErrorMessage) in the
// job log, next to the text: the code is the cause (pbx.auth for a wrong password), so any
// reader words it in its own language.
#include "CatalogTestUtil.h"
#include "PbxSim.h"
#include "TestDirs.h"
#include "catalog/Catalog.h"
#include "common/ErrorMessage.h"
#include "fakes/MemorySecretStore.h"
#include "ops/Operations.h"
#include "ops/Vault.h"

#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestErrorCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wrongPasswordIsStoredAsTheAuthCode()
    {
        PbxSim::Options options;
        options.users = QStringList{QStringLiteral("default:admin:Right-Pa55word")};
        PbxSim sim(options);
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));

        TestDir dir;
        MemorySecretStore secrets;
        std::unique_ptr<Vault> vault =
            Vault::open(dir.filePath(QStringLiteral("data")), &secrets, &error);
        QVERIFY2(vault, qPrintable(error));
        Operations ops(*vault);

        PbxRecord pbx;
        pbx.name = QStringLiteral("Main");
        pbx.url = sim.url();
        pbx.username = QStringLiteral("admin");
        pbx.fingerprint = sim.fingerprint();
        std::unique_ptr<Job> add(ops.addPbx(pbx, QStringLiteral("Wrong-Pa55word")));
        QSignalSpy added(add.get(), &Job::finished);
        QVERIFY(added.wait(30000));
        QVERIFY2(add->ok(), qPrintable(add->errorMessage()));

        std::unique_ptr<Job> job(ops.backupPbx(add->pbxId(), JobTrigger::Manual));
        QSignalSpy done(job.get(), &Job::finished);
        QVERIFY(done.wait(30000));
        QVERIFY(!job->ok());
        QCOMPARE(job->errorCode().code, QStringLiteral("pbx.auth"));
        QCOMPARE(job->errorCode().text(), job->errorMessage());

        const std::optional<JobRecord> row =
            vault->catalog().lastJob(add->pbxId(), JobKind::Backup, JobOutcome::Failed);
        QVERIFY(row);
        QCOMPARE(row->error, job->errorMessage());
        QCOMPARE_ENUM(row->errorKind, JobError::Pbx);
        RawDb raw(vault->catalog().path());
        const ErrorMessage stored = ErrorMessage::fromJson(
            raw.exec(QStringLiteral("SELECT error_code FROM jobs WHERE id = ?"), {row->id})
                .toString());
        QCOMPARE(stored.code, QStringLiteral("pbx.auth"));
        QVERIFY(stored.mentions(QStringLiteral("pbx.action.firmware")));
        QCOMPARE(stored, job->errorCode());
    }
};

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "tst_error_codes.moc"
