// `waymark verify-export FILE --trust DEVICE.pub`: is this export exactly what a device
// you trust signed? The key written in FILE.sig proves nothing by itself (anyone can edit
// a report and sign it again with a key of their own, copying the real device id), so
// the auditor says which device keys they trust, as `waymark verify` does for publishers.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/signed_export.hpp"

namespace waymark::cli {

namespace {

struct VerifyExportOptions {
    std::string file;
    TrustOptions trust;
    std::string ledger;  // --ledger FILE: that ledger's device key is trusted
};

// Adds the device key of the ledger at `file`, opened for reading only: an auditor's
// copy is evidence and must not change by being checked.
Result<void> trust_ledger_key(const std::string& file, package::TrustStore& store) {
    auto l = open_ledger(file, LedgerAccess::read);
    if (!l)
        return l.error();
    store.add(l->device_public_key());
    return {};
}

int run_verify_export(const VerifyExportOptions& opt) {
    auto store = load_trust_store(opt.trust);
    if (!store)
        return print_error(store.error());
    if (!opt.ledger.empty())
        if (auto r = trust_ledger_key(opt.ledger, *store); !r)
            return print_error(r.error());
    auto v = report::verify_export(opt.file, *store);
    if (!v)
        return print_error(v.error());
    const auto& s = v->signature;
    if (!v->intact()) {
        for (const auto& problem : v->problems)
            print_error(make_error(ErrorCode::verification, problem, opt.file));
        if (!v->key_trusted)
            print_error(make_error(
                ErrorCode::untrusted,
                "its .sig names key " + s.key.fingerprint() + ", which you have not trusted",
                opt.file));
        std::cerr << opt.file << ": does NOT verify; do not rely on it, ask for a fresh export\n";
        return kExitFailed;
    }
    if (!v->key_trusted) {
        std::string none;
        if (store->keys().empty()) {
            const auto folder = trusted_keys_folder();
            none = "; no key was given with --trust, --trust-dir or --ledger, and " +
                   (folder.empty() ? "no trusted-keys folder is set"
                                   : folder.string() + " holds none");
        }
        print_error(make_error(
            ErrorCode::untrusted,
            "signed by key " + s.key.fingerprint() + ", which you have not trusted" + none +
                ". If that is the device's key (compare with 'waymark ledger stats' on that "
                "device), pass --trust with its public key (ledger.db.pub beside its ledger) "
                "or --ledger with a copy of its ledger",
            opt.file));
        std::cerr << opt.file
                  << ": NOT verified; anyone can sign a file with a key of their own, so do not "
                     "rely on it until you trust the key\n";
        return kExitFailed;
    }
    std::cout << opt.file << ": unchanged since it was signed by a key you trust\n"
              << "  device key  " << s.key.fingerprint() << " (device " << s.device_id << ")\n"
              << "  checkpoint  " << s.checkpoint_seq << " at " << s.checkpoint_time << " (head "
              << s.checkpoint_head.substr(0, 16) << "...)";
    if (s.format == 1)
        std::cout << "; older format, no checkpoint signature\n";
    else
        std::cout << ", " << s.checkpoint_reason << ", checkpoint signature valid\n";
    return kExitOk;
}

}  // namespace

void add_verify_export_command(CLI::App& app, CommandContext& ctx) {
    auto opt = std::make_shared<VerifyExportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify-export",
        "Check an export against its .sig and the device keys you trust: unchanged, by which "
        "device, as of which checkpoint");
    cmd->add_option("file", opt->file, "The exported file (FILE.sig must be beside it)")
        ->required();
    add_trust_options(*cmd, opt->trust,
                      "a device whose exports you trust (ledger.db.pub beside its ledger)");
    // The common --ledger option; here it names whose device key to trust, and without it
    // no ledger is opened (an auditor may hold only the export and the device's key).
    add_ledger_option(*cmd, opt->ledger)
        ->description(
            "A copy of the device's ledger: its device key is trusted (the file is only read)");
    cmd->callback([opt, &ctx] { ctx.exit_code = run_verify_export(*opt); });
}

}  // namespace waymark::cli
