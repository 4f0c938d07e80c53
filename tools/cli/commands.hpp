// tools/cli/commands.hpp: the subcommands of `waymark`, one file each.
//
// Each add_*_command() registers its subcommand on the app. When the subcommand runs it
// sets `exit_code`: 0 success, 1 the operation found problems or failed, 2 usage error.
// Errors go to stderr as "where: message", results to stdout.
#pragma once

#include <CLI/CLI.hpp>

namespace waymark::cli {

struct CommandContext {
    int exit_code = 0;
};

void add_check_command(CLI::App& app, CommandContext& ctx);
void add_keygen_command(CLI::App& app, CommandContext& ctx);
void add_pack_command(CLI::App& app, CommandContext& ctx);
void add_verify_command(CLI::App& app, CommandContext& ctx);
void add_inspect_command(CLI::App& app, CommandContext& ctx);
void add_gift_command(CLI::App& app, CommandContext& ctx);
void add_learner_command(CLI::App& app, CommandContext& ctx);
void add_ledger_command(CLI::App& app, CommandContext& ctx);
void add_xapi_command(CLI::App& app, CommandContext& ctx);
void add_sync_command(CLI::App& app, CommandContext& ctx);
void add_report_command(CLI::App& app, CommandContext& ctx);
void add_certificate_command(CLI::App& app, CommandContext& ctx);
void add_verify_export_command(CLI::App& app, CommandContext& ctx);
void add_settings_command(CLI::App& app, CommandContext& ctx);
void add_manager_command(CLI::App& app, CommandContext& ctx);
void add_publish_command(CLI::App& app, CommandContext& ctx);

}  // namespace waymark::cli
