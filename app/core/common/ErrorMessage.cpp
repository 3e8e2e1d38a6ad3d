#include "ErrorMessage.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

namespace pbxvault {
namespace {

// One code. The source text and context are those the message had when it was built with
// tr() where it arises, so the translations already made for it keep applying.
struct Entry
{
    const char *code;
    const char *context; // nullptr: not translated
    const char *source;
    const char *frame = nullptr; // a clause: the code of the sentence it completes
};

// clang-format off
const Entry kEntries[] = {
    // --- A PBX call: "Could not <action>: <reason>." (pbx/PbxErrors.cpp, PbxClient.cpp,
    // PbxRequest.cpp). The reasons are clauses of pbx.could_not; their first argument is the
    // action.
    {"pbx.could_not", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "Could not %1: %2.")},
    {"pbx.action.firmware", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "read the firmware version of %1")},
    {"pbx.action.list", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "list the backups on %1")},
    {"pbx.action.create", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "create a backup on %1")},
    {"pbx.action.download", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "download backup %1 from %2")},
    {"pbx.action.delete", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "delete backup %1 on %2")},
    {"pbx.action.restore", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "restore backup %1 on %2")},
    {"pbx.action.upload", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "upload backup %1 to %2")},
    {"pbx.action.upload_restore", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "upload and restore backup %1 on %2")},
    // Text kept as written (no code of its own): alone, and as the reason of a PBX call.
    {"text", nullptr, "%1"},
    {"pbx.other", nullptr, "%1", "pbx.could_not"},
    // Transport.
    {"pbx.host_not_found", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the host name %1 was not found; check the PBX address and the network"), "pbx.could_not"},
    {"pbx.unreachable", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the connection to %1 was refused; check the address and port and that the PBX is running"), "pbx.could_not"},
    {"pbx.connect_timeout", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the connection to %1 timed out"), "pbx.could_not"},
    {"pbx.closed", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX closed the connection before answering"), "pbx.could_not"},
    {"pbx.tls.handshake", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the secure (TLS) connection could not be established (%1)"), "pbx.could_not"},
    {"pbx.cancelled", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the operation was cancelled"), "pbx.could_not"},
    {"pbx.network", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "network error (%1)"), "pbx.could_not"},
    {"pbx.connection_closed", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the connection was closed"), "pbx.could_not"},
    {"pbx.no_answer", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX did not answer within %1 s"), "pbx.could_not"},
    {"pbx.stalled", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "no data for %1 s; the PBX or the network stopped responding"), "pbx.could_not"},
    {"pbx.truncated", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the transfer was interrupted after %1 of %2 bytes"), "pbx.could_not"},
    {"pbx.interrupted", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the connection was interrupted after %1 bytes"), "pbx.could_not"},
    // TLS.
    {"pbx.tls.untrusted", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX certificate is not trusted (%1). Its SHA-256 fingerprint is %2; verify it with the PBX administrator and trust it only if it matches"), "pbx.could_not"},
    {"pbx.tls.changed", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX certificate has changed. Trusted fingerprint: %1; presented fingerprint: %2. This can be a renewed certificate or an attack; verify the new fingerprint with the PBX administrator before trusting it"), "pbx.could_not"},
    {"pbx.tls.no_certificate", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX presented no usable certificate (%1)"), "pbx.could_not"},
    // HTTP answers.
    {"pbx.auth", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX refused the login: wrong user name, password or tenant"), "pbx.could_not"},
    {"pbx.clock_ahead", "PbxClient", QT_TRANSLATE_N_NOOP("PbxClient", "the PBX refused the login because its clock is %n minute(s) ahead of this computer's clock; correct the date and time on the PBX or on this computer"), "pbx.could_not"},
    {"pbx.clock_behind", "PbxClient", QT_TRANSLATE_N_NOOP("PbxClient", "the PBX refused the login because its clock is %n minute(s) behind this computer's clock; correct the date and time on the PBX or on this computer"), "pbx.could_not"},
    {"pbx.unknown_tenant", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX does not know the tenant %1"), "pbx.could_not"},
    {"pbx.no_such_backup", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "there is no backup named %1 on the PBX"), "pbx.could_not"},
    {"pbx.no_such_function", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX does not offer this function (HTTP 404); check that the address is that of a KalliopePBX"), "pbx.could_not"},
    {"pbx.restore_busy", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "a restore is already running on the PBX; try again when it has finished"), "pbx.could_not"},
    {"pbx.server_error", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX reported an internal error (HTTP %1)%2"), "pbx.could_not"},
    {"pbx.rejected", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX rejected the request (HTTP %1)%2"), "pbx.could_not"},
    {"pbx.says", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", " (the PBX says: %1)")},
    {"pbx.redirect_unusable", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX answered with a redirection (HTTP %1) without a usable target; PBX Vault does not follow redirections"), "pbx.could_not"},
    {"pbx.redirect", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX redirected the request to %1 (HTTP %2); PBX Vault does not follow redirections and sends its credentials to no other address: check the PBX address"), "pbx.could_not"},
    {"pbx.unexpected_status", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "unexpected answer from the PBX (HTTP %1)"), "pbx.could_not"},
    // Answers PBX Vault cannot use.
    {"pbx.bad_content_length", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent a malformed, duplicate or conflicting Content-Length header"), "pbx.could_not"},
    {"pbx.compressed", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent a compressed answer (Content-Encoding %1) although none was asked for"), "pbx.could_not"},
    {"pbx.web_page", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent a web page instead of a backup; check that the address is that of a KalliopePBX"), "pbx.could_not"},
    {"pbx.announced_too_large", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX announced a backup of %1, more than the %2 PBX Vault accepts"), "pbx.could_not"},
    {"pbx.size_unknown", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX did not announce the size of the backup (Content-Length), so a cut transfer could not be told from a complete one"), "pbx.could_not"},
    {"pbx.too_large", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent more than %1, the largest backup PBX Vault accepts"), "pbx.could_not"},
    {"pbx.malformed_body", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent a malformed answer after %1 bytes (%2)"), "pbx.could_not"},
    {"pbx.malformed_head", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent a malformed answer (%1)"), "pbx.could_not"},
    {"pbx.answer_too_large", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX answer is unexpectedly large (over %1 bytes)"), "pbx.could_not"},
    {"pbx.no_salt", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX did not send the tenant's salt; is this a KalliopePBX?"), "pbx.could_not"},
    {"pbx.empty_backup", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent an empty backup"), "pbx.could_not"},
    {"pbx.bad_firmware_answer", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX sent no firmware version but \"%1\""), "pbx.could_not"},
    {"pbx.not_a_list", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX answer is not a list of backup names"), "pbx.could_not"},
    {"pbx.too_many_names", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX lists more than %1 backups"), "pbx.could_not"},
    {"pbx.name_too_long", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX lists a backup name longer than %1 characters"), "pbx.could_not"},
    // Unusable arguments and settings, found before anything is sent.
    {"pbx.invalid_url", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the PBX address \"%1\" is not a valid https:// URL"), "pbx.could_not"},
    {"pbx.bad_backup_name", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "\"%1\" is not a usable backup name"), "pbx.could_not"},
    {"pbx.bad_firmware", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "\"%1\" is not a firmware version"), "pbx.could_not"},
    {"pbx.no_destination", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "no writable destination for the backup was given"), "pbx.could_not"},
    {"pbx.bad_upload_name", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the upload name must end in .bak"), "pbx.could_not"},
    {"pbx.config.header", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the user name or tenant cannot be sent to the PBX"), "pbx.could_not"},
    {"pbx.config.user_empty", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the user name is empty"), "pbx.could_not"},
    {"pbx.config.user_long", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the user name is longer than %1 characters"), "pbx.could_not"},
    {"pbx.config.user_chars", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the user name contains a quote, a backslash or a control character (such as a line break), which cannot be sent to the PBX"), "pbx.could_not"},
    {"pbx.config.tenant_empty", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the tenant is empty"), "pbx.could_not"},
    {"pbx.config.tenant_long", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the tenant is longer than %1 characters"), "pbx.could_not"},
    {"pbx.config.tenant_chars", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the tenant contains a quote, a backslash or a control character (such as a line break), which cannot be sent to the PBX"), "pbx.could_not"},
    // Local files written by a PBX call.
    {"store.file_unreadable", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the file %1 could not be read (%2)"), "pbx.could_not"},
    {"store.no_room", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "there is not enough free space in %1: %2 free, the backup needs %3 more and %4 must stay free"), "pbx.could_not"},
    {"store.disk_full", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the backup could not be written because the disk is full (%1)"), "pbx.could_not"},
    {"store.write_failed", "PbxClient", QT_TRANSLATE_NOOP("PbxClient", "the backup could not be written (%1)"), "pbx.could_not"},

    // --- Verification of a stored file (store/BackupStore.cpp).
    {"sentences", nullptr, "%1 %2"},
    {"store.missing", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "The file \"%1\" is missing.")},
    {"store.unreadable", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "Cannot read the file \"%1\": %2.")},
    {"store.verify.empty", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "The file is empty.")},
    {"store.verify.no_checksum", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "No recorded checksum to compare with (the file's is %1).")},
    {"store.verify.mismatch", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "Checksum mismatch: expected %1, got %2.")},
    {"store.verify.matches", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "Checksum matches.")},
    {"store.archive.foreign", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "The file is not an archive PBX Vault can read, so only its checksum was checked, not its content.")},
    {"store.archive.damaged", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "The archive is damaged: %1.")},
    {"store.archive.no_files", "BackupStore", QT_TRANSLATE_NOOP("BackupStore", "The archive reads completely but holds no files.")},
    {"store.archive.intact", "BackupStore", QT_TRANSLATE_N_NOOP("BackupStore", "The archive reads completely (%n file(s)).")},

    // --- Jobs (ops/).
    {"job.failed", "pbxvault::Job", QT_TRANSLATE_NOOP("pbxvault::Job", "The operation failed.")},
    {"job.cancelled", "pbxvault::BackupFlow", QT_TRANSLATE_NOOP("pbxvault::BackupFlow", "Cancelled.")},
    {"restore.cancelled", "pbxvault", QT_TRANSLATE_NOOP("pbxvault", "Cancelled.")},
    {"job.cancelled_waiting", "pbxvault::Operations", QT_TRANSLATE_NOOP("pbxvault::Operations", "Cancelled before it started.")},
    {"backup.unchanged", "pbxvault::BackupPipeline", QT_TRANSLATE_NOOP("pbxvault::BackupPipeline", "No changes since backup %1; the new backup was discarded.")},
    {"job.locked", "pbxvault::BackupPipeline", QT_TRANSLATE_NOOP("pbxvault::BackupPipeline", "Another job is already running on %1; try again when it has finished.")},
    {"job.no_pbx", "pbxvault::Operations", QT_TRANSLATE_NOOP("pbxvault::Operations", "There is no PBX with id %1.")},
    {"job.pbx_disabled", "pbxvault::Operations", QT_TRANSLATE_NOOP("pbxvault::Operations", "%1 is disabled.")},
    // --- Operators' hooks (hooks/HookRunner.cpp). %1 is the hook's name (hook.name.*); the
    // last argument of each result is hook.output or empty.
    {"hook.name.pre-backup", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "pre-backup hook")},
    {"hook.name.post-backup", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "post-backup hook")},
    {"hook.name.pre-restore", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "pre-restore hook")},
    {"hook.name.post-restore", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "post-restore hook")},
    {"hook.ok", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 finished successfully.%2")},
    {"hook.exit", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 failed: it exited with code %2.%3")},
    {"hook.timeout", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 was stopped: it ran longer than its time limit (%2 s).%3")},
    {"hook.signal", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 failed: it was ended by a signal.%2")},
    {"hook.not_started", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 could not be started: %2")},
    {"hook.cancelled", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "The %1 was cancelled.%2")},
    {"hook.output", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "\n\nWhat it printed:\n%1")},
    {"job.skipped_by_hook", "pbxvault::HookResult", QT_TRANSLATE_NOOP("pbxvault::HookResult", "Skipped, nothing was done: %1")},
    {"job.interrupted", "Catalog", QT_TRANSLATE_NOOP("Catalog", "PBX Vault stopped before this finished.")},
    {"backup.unreadable", "pbxvault::BackupFlow", QT_TRANSLATE_NOOP("pbxvault::BackupFlow", "%1 answered with something that is not a backup PBX Vault can read (%2), so nothing was stored.")},
    {"backup.empty_answer", "pbxvault::BackupFlow", QT_TRANSLATE_NOOP("pbxvault::BackupFlow", "an empty answer")},
    {"backup.bytes", "pbxvault::BackupFlow", QT_TRANSLATE_N_NOOP("pbxvault::BackupFlow", "%n byte(s)")},
    {"backup.damaged", "pbxvault::BackupFlow", QT_TRANSLATE_NOOP("pbxvault::BackupFlow", "%1 sent a damaged backup, so nothing was stored: %2")},
    {"backup.not_recorded", "pbxvault::BackupFlow", QT_TRANSLATE_NOOP("pbxvault::BackupFlow", "The backup was downloaded but could not be recorded in the catalog: %1")},
    {"backup.orphan_removed", "OrphanRecovery", QT_TRANSLATE_NOOP("OrphanRecovery", "A file left by an interrupted backup was not an intact backup and was removed: %1")},
    {"vault.no_key", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "The vault is encrypted and its key (%1) is not loaded on this machine, so nothing was written. Import the recovery key (Settings → Encryption…, or pbxvault key import) or unlock the keychain.")},
    {"vault.wrong_key", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "The loaded key (%1) is not the key of this vault (%2), so nothing was written.")},
    {"vault.key_state", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "Cannot tell whether the vault is encrypted, so nothing was written: %1")},
    {"store.unmapped", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "The backups of this catalog go to the shared store \"%1\", which is not mapped on this computer, so nothing was written. Map it to the folder where this computer mounts the share: Settings → Backup store…, or pbxvault store map %1 FOLDER.")},
    {"store.unreachable", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "The shared store \"%1\" is not reachable at %2 (its marker file .pbxvault-store is missing: is the share mounted?), so nothing was written.")},
    {"store.other", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "%2 is not the shared store \"%1\" of this catalog (its marker names \"%3\" or another catalog), so nothing was written. Map the store to the right folder.")},
    {"store.backup_unmapped", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "%1 is in the shared store \"%2\", which is not mapped on this computer, so it cannot be reached here and was left as it is. Map the store: Settings → Backup store…, or pbxvault store map %2 FOLDER.")},
    {"store.state", "pbxvault::Vault", QT_TRANSLATE_NOOP("pbxvault::Vault", "Cannot tell where the backups of this catalog go, so nothing was written: %1")},
    {"restore.not_recorded", "pbxvault::RestoreFlow", QT_TRANSLATE_NOOP("pbxvault::RestoreFlow", "Cannot record the restore in the history: %1")},
    {"restore.corrupt", "pbxvault::RestoreFlow", QT_TRANSLATE_NOOP("pbxvault::RestoreFlow", "The backup failed verification, so it was not restored: %1")},
    {"restore.newer_firmware", "pbxvault::RestoreFlow", QT_TRANSLATE_NOOP("pbxvault::RestoreFlow", "The backup was made on firmware %1, newer than the firmware of %2 (%3). Restore it only if you are sure, with the force option.")},
    {"restore.no_plain_copy", "pbxvault::RestoreFlow", QT_TRANSLATE_NOOP("pbxvault::RestoreFlow", "The encrypted backup could not be decrypted for the upload, so it was not restored: %1")},
    {"restore.safety_failed", "pbxvault::RestoreFlow", QT_TRANSLATE_NOOP("pbxvault::RestoreFlow", "The safety backup of %1 failed, so the restore did not start: %2")},
};
// clang-format on

const QHash<QString, const Entry *> &table()
{
    static const QHash<QString, const Entry *> byCode = [] {
        QHash<QString, const Entry *> h;
        for (const Entry &e : kEntries)
            h.insert(QString::fromLatin1(e.code), &e);
        return h;
    }();
    return byCode;
}

constexpr QChar kNested = u'@';

// %1..%99 replaced in one pass, so that an argument containing "%2" stays as it is.
QString substitute(const QString &pattern, const QStringList &args)
{
    QString out;
    out.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size() && pattern.at(i + 1).isDigit() &&
            pattern.at(i + 1) != u'0') {
            int number = pattern.at(i + 1).digitValue();
            qsizetype end = i + 2;
            if (end < pattern.size() && pattern.at(end).isDigit()) {
                number = number * 10 + pattern.at(end).digitValue();
                ++end;
            }
            if (number <= args.size()) {
                out += args.at(number - 1);
                i = end - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString renderArg(const QString &arg, int depth);

QString renderMessage(const ErrorMessage &m, int depth, bool framed = true)
{
    const auto it = table().constFind(m.code);
    if (it == table().constEnd() || depth > 8)
        return {};
    const Entry &e = **it;
    // A count given to a text without %n would miss its translation.
    const int count = std::strstr(e.source, "%n") ? m.count : -1;
    const QString pattern = e.context
                                ? QCoreApplication::translate(e.context, e.source, nullptr, count)
                                : QString::fromUtf8(e.source);
    QStringList args;
    args.reserve(m.args.size());
    for (const QString &a : m.args)
        args.append(renderArg(a, depth + 1));
    if (!e.frame || !framed)
        return substitute(pattern, args);
    // A clause: its first argument belongs to the frame sentence.
    const QString first = args.isEmpty() ? QString() : args.takeFirst();
    const auto f = table().constFind(QString::fromLatin1(e.frame));
    if (f == table().constEnd())
        return {};
    const QString framePattern = QCoreApplication::translate((*f)->context, (*f)->source);
    return substitute(framePattern, {first, substitute(pattern, args)});
}

QString renderArg(const QString &arg, int depth)
{
    if (!arg.startsWith(kNested))
        return arg;
    if (arg.startsWith(QStringLiteral("@@")))
        return arg.mid(1);
    const ErrorMessage nested = ErrorMessage::fromJson(arg.mid(1));
    return renderMessage(nested, depth); // empty for an unknown nested code
}

bool mentionsIn(const ErrorMessage &m, const QString &code, int depth)
{
    if (m.code == code)
        return true;
    if (depth > 8)
        return false;
    for (const QString &a : m.args) {
        if (a.startsWith(kNested) && !a.startsWith(QStringLiteral("@@")) &&
            mentionsIn(ErrorMessage::fromJson(a.mid(1)), code, depth + 1))
            return true;
    }
    return false;
}

} // namespace

ErrorMessage &ErrorMessage::arg(const QString &text)
{
    args.append(text.startsWith(kNested) ? kNested + text : text);
    return *this;
}

ErrorMessage &ErrorMessage::arg(const ErrorMessage &nested)
{
    args.append(nested.isNull() ? QString() : kNested + nested.toJson());
    return *this;
}

QString ErrorMessage::text() const
{
    return isNull() ? QString() : renderMessage(*this, 0);
}

QString ErrorMessage::clauseText() const
{
    return isNull() ? QString() : renderMessage(*this, 0, false);
}

QString ErrorMessage::textOr(const QString &fallback) const
{
    const QString rendered = text();
    return rendered.isEmpty() ? fallback : rendered;
}

QString ErrorMessage::toJson() const
{
    if (isNull())
        return {};
    QJsonObject o{{QStringLiteral("code"), code}};
    if (!args.isEmpty())
        o.insert(QStringLiteral("args"), QJsonArray::fromStringList(args));
    if (count >= 0)
        o.insert(QStringLiteral("n"), count);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ErrorMessage ErrorMessage::fromJson(const QString &json)
{
    if (json.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return {};
    const QJsonObject o = doc.object();
    ErrorMessage m;
    m.code = o.value(QStringLiteral("code")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("args")).toArray())
        m.args.append(v.toString());
    m.count = o.value(QStringLiteral("n")).toInt(-1);
    return m;
}

bool ErrorMessage::mentions(const QString &c) const
{
    return mentionsIn(*this, c, 0);
}

QString ErrorMessage::render(const QVariant &storedCode, const QString &storedText)
{
    if (storedCode.isNull())
        return storedText;
    const QString json = storedCode.typeId() == QMetaType::QByteArray
                             ? QString::fromUtf8(storedCode.toByteArray())
                             : storedCode.toString();
    return fromJson(json).textOr(storedText);
}

QStringList ErrorMessage::knownCodes()
{
    QStringList codes;
    for (const Entry &e : kEntries)
        codes.append(QString::fromLatin1(e.code));
    return codes;
}

} // namespace pbxvault
