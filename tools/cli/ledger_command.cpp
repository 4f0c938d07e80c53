// `waymark ledger verify|rebuild|backup|merge|stats`: looking after the record of truth.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::cli {

namespace {

struct LedgerArgs {
    std::string ledger;
    std::string file;  // backup target or ledger to merge
};

Result<ledger::Ledger> open_existing(const std::string& path) {
    ledger::OpenOptions options;
    options.create = false;
    return ledger::Ledger::open(
        path.empty() ? ledger::default_ledger_path() : std::filesystem::path(path), options);
}

// Adds a subcommand whose action needs the opened ledger.
CLI::App* add_action(CLI::App* parent, const char* name, const char* help,
                     std::shared_ptr<LedgerArgs> args, CommandContext& ctx,
                     std::function<int(ledger::Ledger&, const LedgerArgs&)> action) {
    CLI::App* cmd = parent->add_subcommand(name, help);
    cmd->add_option("--ledger", args->ledger,
                    "Ledger file (default: $WAYMARK_LEDGER, else "
                    "$XDG_DATA_HOME/waymark/ledger.db)");
    cmd->callback([args, &ctx, action] {
        auto l = open_existing(args->ledger);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        ctx.exit_code = action(*l, *args);
    });
    return cmd;
}

int verify(ledger::Ledger& l, const LedgerArgs&) {
    auto report = l.verify();
    if (!report)
        return print_error(report.error());
    if (report->ok()) {
        std::cout << l.path().string() << ": " << count(report->events_checked, "event") << ", "
                  << count(report->checkpoints_checked, "checkpoint")
                  << ": the chain, signatures and projections verify\n";
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

int stats(ledger::Ledger& l, const LedgerArgs&) {
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

    add_action(group, "verify",
               "Check the hash chain, signatures and projections; exit 1 on any problem",
               std::make_shared<LedgerArgs>(), ctx, verify);
    add_action(group, "rebuild", "Recreate progress, attempts and completions from the events",
               std::make_shared<LedgerArgs>(), ctx, [](ledger::Ledger& l, const LedgerArgs&) {
                   if (auto r = l.rebuild(); !r)
                       return print_error(r.error());
                   std::cout << "rebuilt the projections of " << l.path().string() << "\n";
                   return kExitOk;
               });
    auto backup_args = std::make_shared<LedgerArgs>();
    add_action(group, "backup", "Copy the ledger to FILE while it stays in use", backup_args, ctx,
               [](ledger::Ledger& l, const LedgerArgs& a) {
                   if (auto r = l.backup(a.file); !r)
                       return print_error(r.error());
                   std::cout << "backed up " << l.path().string() << " to " << a.file << "\n";
                   return kExitOk;
               })
        ->add_option("FILE", backup_args->file, "New file for the copy")
        ->required();
    auto merge_args = std::make_shared<LedgerArgs>();
    add_action(group, "merge", "Import the events of another device's ledger", merge_args, ctx,
               [](ledger::Ledger& l, const LedgerArgs& a) {
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
               std::make_shared<LedgerArgs>(), ctx, stats);
}

}  // namespace waymark::cli
