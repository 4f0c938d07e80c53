// `waymark ledger verify|rebuild|backup|merge|stats`: looking after the record of truth.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/core/files.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/ledger/witness.hpp"

namespace waymark::cli {

namespace {

struct LedgerCommandOptions {
    std::string ledger;
    std::string file;                    // backup target, ledger to merge, witness output
    std::vector<std::string> witnesses;  // verify --witness
};

// Adds a subcommand whose action needs the opened ledger. Reading commands open it
// read-only, so they work on an auditor's copy and can never change what they check.
CLI::App* add_action(CLI::App* parent, const char* name, const char* help,
                     std::shared_ptr<LedgerCommandOptions> args, CommandContext& ctx,
                     LedgerAccess access,
                     std::function<int(ledger::Ledger&, const LedgerCommandOptions&)> action) {
    CLI::App* cmd = parent->add_subcommand(name, help);
    add_ledger_option(*cmd, args->ledger);
    cmd->callback([args, &ctx, action, access] {
        auto l = open_ledger(args->ledger, access);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        ctx.exit_code = action(*l, *args);
    });
    return cmd;
}

int verify(ledger::Ledger& l, const LedgerCommandOptions& a) {
    ledger::VerifyOptions options;
    for (const auto& file : a.witnesses) {
        auto seen = ledger::read_witnesses(file);
        if (!seen)
            return print_error(seen.error());
        for (auto& w : *seen)
            options.witnesses.push_back(std::move(w));
    }
    auto report = l.verify(options);
    if (!report)
        return print_error(report.error());
    if (report->ok()) {
        std::cout << l.path().string() << ": " << count(report->events_checked, "event") << ", "
                  << count(report->checkpoints_checked, "checkpoint")
                  << ": the chain, signatures, learners and projections verify";
        if (!options.witnesses.empty())
            std::cout << ", and it holds all " << count(options.witnesses.size(), "checkpoint")
                      << " witnessed outside it";
        std::cout << "\n";
        return kExitOk;
    }
    for (const auto& problem : report->problems)
        print_error(make_error(ErrorCode::verification, problem, l.path().string()));
    if (report->first_bad_position)
        std::cerr << "first bad event: " << *report->first_bad_position << "\n";
    std::cerr << l.path().string() << ": " << count(report->problems.size(), "problem")
              << " found; restore the ledger from a backup and keep this copy for "
                 "investigation\n";
    return kExitFailed;
}

int stats(ledger::Ledger& l, const LedgerCommandOptions&) {
    auto s = l.stats();
    if (!s)
        return print_error(s.error());
    std::cout << "ledger       " << s->file.string() << " (" << s->file_bytes << " bytes)\n"
              << "schema       " << s->schema_version << "\n"
              << "device       " << s->device_id << " (key " << s->device_fingerprint << ")\n"
              << "devices      " << s->devices << "\n"
              << "events       " << s->events;
    if (s->events > 0)
        std::cout << " (" << s->first_event_time << " to " << s->last_event_time << ")";
    std::cout << "\n"
              << "learners     " << s->learners << " (" << s->erased_learners << " erased)\n"
              << "completions  " << s->completions << "\n"
              << "checkpoints  " << s->checkpoints << "\n";
    for (const auto& [type, n] : s->events_by_type)
        std::cout << "  " << type << std::string(type.size() < 26 ? 26 - type.size() : 1, ' ') << n
                  << "\n";
    return kExitOk;
}

}  // namespace

void add_ledger_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* group =
        app.add_subcommand("ledger", "Verify, rebuild, back up, merge or describe the ledger");
    group->require_subcommand(1);

    auto verify_args = std::make_shared<LedgerCommandOptions>();
    add_action(group, "verify",
               "Check the hash chain, signatures, learners and projections (read-only); exit 1 "
               "on any problem",
               verify_args, ctx, LedgerAccess::read, verify)
        ->add_option("--witness", verify_args->witnesses,
                     "A checkpoint kept outside the ledger ('waymark ledger witness' file, or "
                     "another ledger): report a rollback or fork against it")
        ->check(CLI::ExistingFile);
    auto witness_args = std::make_shared<LedgerCommandOptions>();
    add_action(group, "witness",
               "Sign a checkpoint of the ledger now and save it to FILE, for someone outside "
               "to keep",
               witness_args, ctx, LedgerAccess::write,
               [](ledger::Ledger& l, const LedgerCommandOptions& a) {
                   if (std::filesystem::exists(a.file))
                       return print_error(make_error(
                           ErrorCode::usage,
                           a.file + " already exists; choose a new file for the checkpoint"));
                   if (auto sound = ledger::refuse_unless_evidence(l); !sound)
                       return print_error(sound.error());
                   auto c = l.checkpoint("witness");
                   if (!c)
                       return print_error(c.error());
                   if (auto w = write_file_atomic(a.file, ledger::witness_json(*c)); !w)
                       return print_error(w.error());
                   std::cout << "wrote " << a.file << ": checkpoint of device " << c->device_id
                             << " at sequence " << c->seq << " (" << c->time << "), key "
                             << c->public_key.fingerprint()
                             << "\nkeep it away from this computer; check the ledger against "
                                "it with 'waymark ledger verify --witness "
                             << a.file << "'\n";
                   return kExitOk;
               })
        ->add_option("-o,--output", witness_args->file, "New file for the checkpoint")
        ->required();
    add_action(group, "rebuild", "Recreate progress, attempts and completions from the events",
               std::make_shared<LedgerCommandOptions>(), ctx, LedgerAccess::write,
               [](ledger::Ledger& l, const LedgerCommandOptions&) {
                   if (auto r = l.rebuild(); !r)
                       return print_error(r.error());
                   std::cout << "rebuilt the projections of " << l.path().string() << "\n";
                   return kExitOk;
               });
    auto backup_args = std::make_shared<LedgerCommandOptions>();
    add_action(group, "backup", "Copy the ledger to FILE while it stays in use", backup_args, ctx,
               LedgerAccess::write,
               [](ledger::Ledger& l, const LedgerCommandOptions& a) {
                   if (auto r = l.backup(a.file); !r)
                       return print_error(r.error());
                   std::cout << "backed up " << l.path().string() << " to " << a.file << "\n";
                   return kExitOk;
               })
        ->add_option("FILE", backup_args->file, "New file for the copy")
        ->required();
    auto merge_args = std::make_shared<LedgerCommandOptions>();
    add_action(group, "merge", "Import the events of another device's ledger", merge_args, ctx,
               LedgerAccess::write,
               [](ledger::Ledger& l, const LedgerCommandOptions& a) {
                   auto r = l.merge(a.file);
                   if (!r)
                       return print_error(r.error());
                   std::cout << "merged " << a.file << ": " << count(r->imported, "new event")
                             << ", " << r->duplicates << " already here, "
                             << count(r->learners_added, "new learner") << "\n";
                   for (const auto& d : r->new_devices)
                       std::cout << "new device " << d.id << ", key " << d.key.fingerprint()
                                 << ": check that 'waymark ledger stats' on that device shows"
                                    " the same key\n";
                   return kExitOk;
               })
        ->add_option("OTHER", merge_args->file, "The other ledger file")
        ->required();
    add_action(group, "stats", "Counts of events, learners, completions and checkpoints",
               std::make_shared<LedgerCommandOptions>(), ctx, LedgerAccess::read, stats);
}

}  // namespace waymark::cli
