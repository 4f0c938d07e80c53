// `waymark`: the command-line tool for trainers (check, pack and sign courses, GIFT) and
// managers. Each subcommand lives in its own *_command.cpp; this file only wires them.
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "usage_error.hpp"
#include "waymark/core/crypto.hpp"

int main(int argc, char** argv) {
    waymark::crypto_init();
    CLI::App app{"Waymark: offline training courses, assessments and completion records"};
    app.name("waymark");
    // WAYMARK_VERSION is the top-level project()'s version (tools/cli/CMakeLists.txt).
    app.set_version_flag("--version", "waymark " WAYMARK_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    waymark::cli::CommandContext ctx;
    waymark::cli::add_check_command(app, ctx);
    waymark::cli::add_keygen_command(app, ctx);
    waymark::cli::add_pack_command(app, ctx);
    waymark::cli::add_verify_command(app, ctx);
    waymark::cli::add_inspect_command(app, ctx);
    waymark::cli::add_gift_command(app, ctx);
    waymark::cli::add_learner_command(app, ctx);
    waymark::cli::add_ledger_command(app, ctx);
    waymark::cli::add_xapi_command(app, ctx);
    waymark::cli::add_sync_command(app, ctx);
    waymark::cli::add_report_command(app, ctx);
    waymark::cli::add_certificate_command(app, ctx);
    waymark::cli::add_verify_export_command(app, ctx);
    waymark::cli::add_settings_command(app, ctx);
    waymark::cli::add_manager_command(app, ctx);
    waymark::cli::add_publish_command(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << waymark::cli::usage_message(app, e, argc, argv);
        return waymark::cli::kExitUsage;
    }
    return ctx.exit_code;
}
