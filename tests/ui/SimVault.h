#pragma once

// A test vault with one pbxsim PBX registered (its certificate trusted) and helpers that run
// Operations jobs to their end: shared by the keyboard, layout and detail widget tests.
#include "PbxSim.h"
#include "UiTestKit.h"
#include "ops/Job.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace pbxvault::test {

// Waits for the job's finished() (at most 60 s) and hands it back, still alive: the caller
// reads it, then deleteLater()s it.
inline bool finishJob(Job *job)
{
    if (job->isFinished())
        return true;
    QSignalSpy done(job, &Job::finished);
    return done.wait(60000);
}

class SimVault
{
public:
    bool start(QString *error, const QString &name = QStringLiteral("Sede Milano"))
    {
        if (!sim.start(error) || !vault.open(error))
            return false;
        PbxRecord pbx = makePbx(name, PbxRole::Master, sim.url().toString());
        pbx.fingerprint = sim.fingerprint();
        Job *job = vault.ops().addPbx(pbx, QStringLiteral("secret"));
        if (!finishJob(job) || !job->ok()) {
            *error = QStringLiteral("add PBX: ") + job->errorMessage();
            return false;
        }
        pbxId = job->pbxId();
        job->deleteLater();
        return true;
    }

    // A real backup of the PBX; its id, 0 on failure.
    qint64 backUp(const QString &comment = QString())
    {
        Job *job = vault.ops().backupPbx(pbxId, JobTrigger::Manual, comment);
        const bool ok = finishJob(job) && job->ok();
        const qint64 id = ok ? job->backupId() : 0;
        job->deleteLater();
        return id;
    }

    PbxSim sim;
    UiTestVault vault;
    qint64 pbxId = 0;
};

} // namespace pbxvault::test
