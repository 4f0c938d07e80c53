// `waymark verify FILE.wmpkg --trust NAME.pub`: is this package intact and by a publisher
// we trust? Exit 0 only when both are true.
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/package/package.hpp"

namespace waymark::cli {

namespace {

struct VerifyOptions {
    std::string file;
    TrustOptions trust;
};

int run_verify(const VerifyOptions& opt) {
    auto store = load_trust_store(opt.trust);
    if (!store)
        return print_error(store.error());
    auto pkg = package::open_package(opt.file);
    if (!pkg)
        return print_error(pkg.error());
    const auto& m = pkg->manifest();
    const std::string fingerprint = pkg->signer().fingerprint();
    std::cout << opt.file << ": " << m.course.id << " " << m.course.version << ", "
              << m.files.size() << " files, every digest matches, signature valid\n";
    if (!pkg->trusted_by(*store)) {
        std::cerr << "waymark: " << opt.file << ": signed by key " << fingerprint
                  << ", which is not trusted"
                  << (store->keys().empty() ? " (no trusted keys were given)" : "")
                  << "; pass the publisher's key with --trust NAME.pub if you trust them. "
                     "Untrusted packages can be previewed, but completions on them do not count.\n";
        return kExitFailed;
    }
    std::cout << "trusted: signed by " << fingerprint << "\n";
    return kExitOk;
}

}  // namespace

void add_verify_command(CLI::App& app, CommandContext& ctx) {
    auto opt = std::make_shared<VerifyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify", "Check a package's digests and signature, and that a trusted key signed it");
    cmd->add_option("FILE", opt->file, "Package file (.wmpkg)")->required();
    add_trust_options(*cmd, opt->trust);
    cmd->callback([opt, &ctx] { ctx.exit_code = run_verify(*opt); });
}

}  // namespace waymark::cli
