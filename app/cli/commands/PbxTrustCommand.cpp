#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"

namespace pbxvault {
namespace {

// pbx trust NAME [--trust-fingerprint SHA256]
// First use (nothing pinned): trusts what the PBX presents, or only the given fingerprint.
// Once a certificate is pinned, replacing it needs --trust-fingerprint naming the new one,
// so a man in the middle cannot be accepted by re-running the command blindly.
class PbxTrustCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxTrustCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> found = c.findPbx(c.arg(2));
        if (!found)
            return;
        m_pbx = *found;
        const QString given = c.value(QStringLiteral("trust-fingerprint"));
        m_expected = PbxClient::normaliseFingerprint(given);
        if (!given.isEmpty() && m_expected.isEmpty()) {
            c.usage(tr("\"%1\" is not a SHA-256 fingerprint.").arg(given));
            return;
        }
        // A pinned-and-matching PBX connects fine; otherwise the TLS error names what it
        // presents.
        c.waitFor(c.ops().testConnection(m_pbx.id), [this](Job *job) { onTested(job); });
    }

private:
    void onTested(Job *job)
    {
        CliContext &c = m_context;
        const PbxError &e = job->pbxError();
        const QString pinned = m_pbx.fingerprint;
        if (job->ok()) {
            if (!m_expected.isEmpty() && m_expected != pinned) {
                refuseMismatch(pinned);
                return;
            }
            c.printLine(CliContext::printable(
                tr("%1 already presents a trusted certificate; nothing to do.").arg(m_pbx.name)));
            c.succeed();
            return;
        }
        const QString presented = e.presentedFingerprint;
        const bool certificateProblem =
            e.kind == PbxErrorKind::TlsUntrusted || e.kind == PbxErrorKind::TlsChanged;
        if (!certificateProblem || presented.isEmpty()) {
            c.failJob(job);
            return;
        }
        if (!pinned.isEmpty() && m_expected.isEmpty()) {
            c.fail(JobError::Pbx,
                   tr("The certificate of %1 has changed: %2 was trusted, it now presents %3. "
                      "Nothing was changed. Confirm the new fingerprint with whoever runs the "
                      "PBX, then run: pbxvault pbx trust %4 --trust-fingerprint %5")
                       .arg(m_pbx.name, PbxClient::formatFingerprint(pinned),
                            PbxClient::formatFingerprint(presented),
                            CliContext::shellWord(m_pbx.name), presented));
            return;
        }
        if (!m_expected.isEmpty() && m_expected != presented) {
            refuseMismatch(presented);
            return;
        }
        QString error;
        if (!c.ops().trustFingerprint(m_pbx.id, presented, &error)) {
            c.fail(JobError::Catalog, error);
            return;
        }
        if (c.json()) {
            c.printJson(toJson(*c.catalog().pbx(m_pbx.id)));
        } else {
            c.printLine(CliContext::printable(
                tr("Trusted the certificate of %1: %2")
                    .arg(m_pbx.name, PbxClient::formatFingerprint(presented))));
        }
        c.succeed();
    }

    void refuseMismatch(const QString &presented)
    {
        m_context.fail(JobError::Pbx,
                       tr("%1 presents the certificate %2, not the expected %3; nothing was "
                          "changed.")
                           .arg(m_pbx.name, PbxClient::formatFingerprint(presented),
                                PbxClient::formatFingerprint(m_expected)));
    }

    PbxRecord m_pbx;
    QString m_expected; // normalised --trust-fingerprint, empty when not given
};

} // namespace

std::unique_ptr<Command> makePbxTrustCommand(CliContext &context)
{
    return std::make_unique<PbxTrustCommand>(context);
}

} // namespace pbxvault
