// `waymark verify-export FILE`: is this export exactly what the device signed?
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/report/signed_export.hpp"

namespace waymark::cli {

void add_verify_export_command(CLI::App& app, CommandContext& ctx) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "verify-export", "Check an export against its .sig: unchanged, by which key, as of when");
    cmd->add_option("file", *file, "The exported file (FILE.sig must be beside it)")->required();
    cmd->callback([file, &ctx] {
        auto v = report::verify_export(*file);
        if (!v)
            return void(ctx.exit_code = print_error(v.error()));
        const auto& s = v->signature;
        if (!v->ok()) {
            for (const auto& problem : v->problems)
                print_error(make_error(ErrorCode::verification, problem, *file));
            std::cerr << *file << ": does NOT verify; do not rely on it, ask for a fresh export\n";
            ctx.exit_code = kExitFailed;
            return;
        }
        std::cout << *file << ": unchanged since it was signed\n"
                  << "  device key  " << s.key.fingerprint() << " (device " << s.device_id << ")\n"
                  << "  checkpoint  " << s.checkpoint_seq << " at " << s.checkpoint_time
                  << " (head " << s.checkpoint_head.substr(0, 16) << "...)\n";
        ctx.exit_code = kExitOk;
    });
}

}  // namespace waymark::cli
