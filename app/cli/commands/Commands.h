#pragma once

#include "cli/commands/Command.h"

#include <memory>

namespace pbxvault {

// --keep-only-changed yes|no of `pbx add` and `pbx edit` into *keep; false (and a usage
// error) for another value.
bool readKeepOnlyChanged(CliContext &context, bool *keep);

// Factories for CliSyntax's command table; each command lives in its own source file.
std::unique_ptr<Command> makePbxAddCommand(CliContext &context);
std::unique_ptr<Command> makePbxEditCommand(CliContext &context);
std::unique_ptr<Command> makePbxListCommand(CliContext &context);
std::unique_ptr<Command> makePbxShowCommand(CliContext &context);
std::unique_ptr<Command> makePbxTestCommand(CliContext &context);
std::unique_ptr<Command> makePbxTrustCommand(CliContext &context);
std::unique_ptr<Command> makePbxFilesCommand(CliContext &context);
std::unique_ptr<Command> makePbxRemoveCommand(CliContext &context);
std::unique_ptr<Command> makeBackupCommand(CliContext &context);
std::unique_ptr<Command> makeBackupAllCommand(CliContext &context);
std::unique_ptr<Command> makeBackupsCommand(CliContext &context);
std::unique_ptr<Command> makeShowCommand(CliContext &context);
std::unique_ptr<Command> makeDiffCommand(CliContext &context);
std::unique_ptr<Command> makeVerifyCommand(CliContext &context);
std::unique_ptr<Command> makeVerifyAllCommand(CliContext &context);
std::unique_ptr<Command> makeRestoreCommand(CliContext &context);
std::unique_ptr<Command> makeRestoresCommand(CliContext &context);
std::unique_ptr<Command> makeDeleteCommand(CliContext &context);
std::unique_ptr<Command> makeImportCommand(CliContext &context);
std::unique_ptr<Command> makeJobsCommand(CliContext &context);
std::unique_ptr<Command> makeDaemonCommand(CliContext &context);
std::unique_ptr<Command> makeRunDueCommand(CliContext &context);
std::unique_ptr<Command> makeCatalogCopyCommand(CliContext &context);
std::unique_ptr<Command> makeCatalogLoginCommand(CliContext &context);
std::unique_ptr<Command> makeCatalogLogoutCommand(CliContext &context);
std::unique_ptr<Command> makeTargetAddCommand(CliContext &context);
std::unique_ptr<Command> makeTargetListCommand(CliContext &context);
std::unique_ptr<Command> makeTargetRemoveCommand(CliContext &context);
std::unique_ptr<Command> makeTargetSyncCommand(CliContext &context);
std::unique_ptr<Command> makeHooksListCommand(CliContext &context);
std::unique_ptr<Command> makeHooksSetCommand(CliContext &context);
std::unique_ptr<Command> makeHooksClearCommand(CliContext &context);
std::unique_ptr<Command> makeStoreShowCommand(CliContext &context);
std::unique_ptr<Command> makeStoreCreateCommand(CliContext &context);
std::unique_ptr<Command> makeStoreMapCommand(CliContext &context);
std::unique_ptr<Command> makeStoreUnmapCommand(CliContext &context);
std::unique_ptr<Command> makeStoreLocalCommand(CliContext &context);
std::unique_ptr<Command> makeKeyInitCommand(CliContext &context);
std::unique_ptr<Command> makeKeyStatusCommand(CliContext &context);
std::unique_ptr<Command> makeKeyExportCommand(CliContext &context);
std::unique_ptr<Command> makeKeyImportCommand(CliContext &context);
std::unique_ptr<Command> makeExportCommand(CliContext &context);
std::unique_ptr<Command> makeEncryptAllCommand(CliContext &context);

} // namespace pbxvault
