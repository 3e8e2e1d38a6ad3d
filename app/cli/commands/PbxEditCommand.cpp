#include "cli/CliContext.h"
#include "cli/JsonFormat.h"
#include "cli/commands/Commands.h"
#include "ops/Operations.h"
#include "schedule/CronExpression.h"

namespace pbxvault {
namespace {

// Messages worded as `pbx add` words them share its translations.
QString asPbxAdd(const char *text)
{
    return QCoreApplication::translate("PbxAddCommand", text);
}

// pbx edit NAME [--url URL] [--user USER] [--password-stdin] [--tenant DOMAIN] [--role ROLE]
// [--schedule CRON] [--keep N] [--keep-days N] [--keep-only-changed yes|no]
// [--trust-fingerprint SHA256] [--enable|--disable]
// Only what is given changes; Operations::updatePbx() checks and stores it as the window does.
class PbxEditCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PbxEditCommand)
public:
    using Command::Command;

    void run() override
    {
        CliContext &c = m_context;
        const std::optional<PbxRecord> found = c.findPbx(c.arg(2));
        if (!found)
            return;
        const PbxRecord before = *found;
        PbxRecord pbx = before;
        if (!applyOptions(&pbx))
            return;
        // A certificate pinned for another host says nothing about the new one (as the New /
        // Edit PBX dialog does); a fingerprint given with the new address is pinned instead.
        m_pinForgotten = before.url.host() != pbx.url.host() && !before.fingerprint.isEmpty() &&
                         !c.isSet(QStringLiteral("trust-fingerprint"));
        if (m_pinForgotten)
            pbx.fingerprint.clear();
        std::optional<QString> password;
        if (c.isSet(QStringLiteral("password-stdin")))
            password = CliContext::readPasswordFromStdin();
        c.waitFor(c.ops().updatePbx(pbx, password), [this](Job *job) { onSaved(job); });
    }

private:
    // Copies the options given onto *pbx; false (and a usage error) when one is wrong or none
    // was given.
    bool applyOptions(PbxRecord *pbx)
    {
        CliContext &c = m_context;
        bool any = false;
        auto given = [&c, &any](const char *option) {
            const bool set = c.isSet(QLatin1String(option));
            any = any || set;
            return set;
        };
        if (given("url"))
            pbx->url = QUrl(c.value(QStringLiteral("url")), QUrl::StrictMode);
        if (given("user"))
            pbx->username = c.value(QStringLiteral("user"));
        if (given("tenant"))
            pbx->tenant = c.value(QStringLiteral("tenant"));
        if (given("role") && !fromString(c.value(QStringLiteral("role")), &pbx->role)) {
            c.usage(asPbxAdd("--role must be master or secondary."));
            return false;
        }
        if (given("schedule")) {
            const QString text = c.value(QStringLiteral("schedule")).trimmed();
            pbx->schedule.clear();
            if (!text.isEmpty()) {
                QString error;
                const CronExpression cron = CronExpression::parse(text, &error);
                if (!cron.isValid()) {
                    c.usage(asPbxAdd("Invalid --schedule: %1").arg(error));
                    return false;
                }
                pbx->schedule = cron.text();
            }
        }
        for (const auto &[option, target] :
             {std::pair{"keep", &pbx->keepLast}, std::pair{"keep-days", &pbx->keepDays}}) {
            if (!given(option))
                continue;
            bool ok = false;
            *target = c.value(QLatin1String(option)).toInt(&ok);
            if (!ok || *target < 0) {
                c.usage(tr("--%1 needs a whole number (0: no limit).").arg(QLatin1String(option)));
                return false;
            }
        }
        if (given("keep-only-changed") && !readKeepOnlyChanged(c, &pbx->keepOnlyChanged))
            return false;
        if (given("trust-fingerprint")) {
            const QString text = c.value(QStringLiteral("trust-fingerprint"));
            pbx->fingerprint = PbxClient::normaliseFingerprint(text);
            if (pbx->fingerprint.isEmpty()) {
                c.usage(QCoreApplication::translate("PbxTrustCommand",
                                                    "\"%1\" is not a SHA-256 fingerprint.")
                            .arg(text));
                return false;
            }
        }
        const bool enable = given("enable");
        const bool disable = given("disable");
        if (enable && disable) {
            c.usage(tr("Give --enable or --disable, not both."));
            return false;
        }
        if (enable || disable)
            pbx->enabled = enable;
        if (!any && !given("password-stdin")) {
            c.usage(tr("Nothing to change: give the options to change, for example --url URL."));
            return false;
        }
        return true;
    }

    void onSaved(Job *job)
    {
        CliContext &c = m_context;
        if (!job->ok()) {
            c.failJob(job);
            return;
        }
        const std::optional<PbxRecord> stored = c.catalog().pbx(job->pbxId());
        if (!stored) {
            c.fail(JobError::Catalog, c.catalog().lastError());
            return;
        }
        if (stored->url.scheme() == QLatin1String("http"))
            c.printNotice(asPbxAdd("Warning: %1 uses plain http; its password and backups "
                                   "cross the network unencrypted.")
                              .arg(stored->name));
        if (m_pinForgotten)
            c.printNotice(tr("The certificate trusted for the old address was forgotten. To check "
                             "and trust the one %1 presents, run: pbxvault pbx trust %2")
                              .arg(stored->url.host(), CliContext::shellWord(stored->name)));
        if (c.json())
            c.printJson(toJson(*stored));
        else
            c.printLine(CliContext::printable(tr("Saved the changes to %1.").arg(stored->name)));
        c.succeed();
    }

    bool m_pinForgotten = false;
};

} // namespace

std::unique_ptr<Command> makePbxEditCommand(CliContext &context)
{
    return std::make_unique<PbxEditCommand>(context);
}

} // namespace pbxvault
