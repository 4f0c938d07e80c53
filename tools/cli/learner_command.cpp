// `waymark learner add|list|show|erase|pin-reset`: the people on this device's ledger.
//
// Personal details live outside the hash chain, so `erase` can remove them for good
// while every record of what the learner did stays verifiable under their id. `add`
// checks the person by the rules the player uses (waymark/ledger/person.hpp) and names
// each option that breaks them. `pin-reset` is a manager's answer to a forgotten PIN.
#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/core/terminal_text.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/ledger/person.hpp"

namespace waymark::cli {

namespace {

std::string display_name(const ledger::Learner& l) {
    return l.erased() ? "(erased learner)" : l.person.name;
}

// Columns a cell takes: one per character (UTF-8 continuation bytes take none), so that
// "Siân Öztürk" lines up with plain ASCII names.
std::size_t columns(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    }));
}

// Every cell is printable(): names, teams and roles come from whoever added the learner,
// or from another device's ledger after a merge, and could hold terminal escape codes.
void print_table(const std::vector<std::vector<std::string>>& raw_rows) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& raw : raw_rows) {
        rows.emplace_back();
        for (const auto& cell : raw)
            rows.back().push_back(printable(cell));
    }
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.push_back(0);
            widths[i] = std::max(widths[i], columns(row[i]));
        }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size())
                line += std::string(widths[i] - columns(row[i]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        std::cout << line << "\n";
    }
}

// The option each field of a person comes from, for messages.
const char* option_of(ledger::PersonField field) {
    switch (field) {
        case ledger::PersonField::name:
            return "--name";
        case ledger::PersonField::staff_id:
            return "--staff-id";
        case ledger::PersonField::email:
            return "--email";
        case ledger::PersonField::team:
            return "--team";
        case ledger::PersonField::role:
            return "--role";
    }
    return "";
}

// The learner a manager names by staff id (any case) or learner id, not erased. A ledger
// from before staff ids were compared without regard to case may hold two that match:
// the manager then gives the learner id.
Result<ledger::Learner> find_learner(ledger::Ledger& l, const std::string& who) {
    auto all = l.learners();
    if (!all)
        return all.error();
    std::vector<ledger::Learner> found;
    for (const auto& learner : *all)
        if (!learner.erased() &&
            (learner.id == who || ledger::same_staff_id(learner.person.staff_id, who)))
            found.push_back(learner);
    if (found.empty())
        return make_error(ErrorCode::not_found, "no learner in the ledger " + l.path().string() +
                                                    " has the staff id \"" + who +
                                                    "\"; see 'waymark learner list'");
    if (found.size() > 1)
        return make_error(ErrorCode::usage, "more than one learner has the staff id \"" + who +
                                                "\" (written with different capitals); give the "
                                                "learner id instead, as 'waymark learner list' "
                                                "shows");
    return found.front();
}

}  // namespace

void add_learner_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* learner = app.add_subcommand("learner", "Add, list, show or erase learners");
    learner->require_subcommand(1);

    struct AddOptions {
        std::string ledger;
        ledger::Person person;
    };
    auto add_args = std::make_shared<AddOptions>();
    CLI::App* add = learner->add_subcommand("add", "Add a learner to the ledger; prints their id");
    add->add_option("--name", add_args->person.name, "Full name")->required();
    add->add_option("--staff-id", add_args->person.staff_id, "Staff or payroll number")->required();
    add->add_option("--team", add_args->person.team, "Team or department")->required();
    add->add_option("--role", add_args->person.role, "Job role")->required();
    add->add_option("--email", add_args->person.email, "Email address (optional)");
    add_ledger_option(*add, add_args->ledger);
    add->callback([add_args, &ctx] {
        // Before opening the ledger: a mistyped option should not create one.
        const auto problems = ledger::validate_person(add_args->person);
        for (const auto& problem : problems)
            print_error(make_error(ErrorCode::usage, problem.message,
                                   std::string(option_of(problem.field))));
        if (!problems.empty())
            return void(ctx.exit_code = kExitUsage);
        auto l = open_ledger(add_args->ledger, LedgerAccess::create);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        auto added = l->add_learner(add_args->person);
        if (!added)
            return void(ctx.exit_code = print_error(added.error()));
        std::cout << added->id << "\n";
        ctx.exit_code = kExitOk;
    });

    auto list_ledger = std::make_shared<std::string>();
    CLI::App* list = learner->add_subcommand("list", "List learners, one per line, id first");
    add_ledger_option(*list, *list_ledger);
    list->callback([list_ledger, &ctx] {
        // `list` and `show` only read, so they work on an auditor's copy.
        auto l = open_ledger(*list_ledger, LedgerAccess::read);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        auto all = l->learners();
        if (!all)
            return void(ctx.exit_code = print_error(all.error()));
        std::vector<std::vector<std::string>> rows{
            {"ID", "NAME", "STAFF ID", "TEAM", "ROLE", "EMAIL"}};
        for (const auto& p : *all)
            rows.push_back({p.id, display_name(p), p.person.staff_id, p.person.team, p.person.role,
                            p.person.email});
        print_table(rows);
        ctx.exit_code = kExitOk;
    });

    struct LearnerIdOptions {
        std::string ledger;
        std::string id;
    };
    auto show_args = std::make_shared<LearnerIdOptions>();
    CLI::App* show = learner->add_subcommand("show", "Show one learner and their courses");
    show->add_option("ID", show_args->id, "Learner id, as 'waymark learner list' shows")
        ->required();
    add_ledger_option(*show, show_args->ledger);
    show->callback([show_args, &ctx] {
        auto l = open_ledger(show_args->ledger, LedgerAccess::read);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        auto p = l->learner(show_args->id);
        if (!p)
            return void(ctx.exit_code = print_error(p.error()));
        // Every field goes through printable(), for the reasons print_table() gives; course
        // ids and versions come from packages and other devices' events.
        std::cout << "id        " << printable(p->id) << "\n"
                  << "name      " << printable(display_name(*p)) << "\n";
        if (!p->erased())
            std::cout << "staff id  " << printable(p->person.staff_id) << "\n"
                      << "team      " << printable(p->person.team) << "\n"
                      << "role      " << printable(p->person.role) << "\n"
                      << "email     "
                      << (p->person.email.empty() ? "-" : printable(p->person.email)) << "\n";
        std::cout << "enrolled  " << printable(p->enrolled_at) << "\n";
        if (p->erased())
            std::cout << "erased    " << printable(*p->erased_at) << "\n";
        auto r = l->for_each_progress([&](const ledger::Progress& progress) {
            if (progress.learner_id == p->id)
                std::cout << "course    " << printable(progress.course_id) << " "
                          << printable(progress.course_version) << ": " << progress.percent()
                          << "% read\n";
            return true;
        });
        if (r) {
            r = l->for_each_completion([&](const ledger::Completion& c) {
                if (c.learner_id == p->id)
                    std::cout << "completed " << printable(c.course.id) << " "
                              << printable(c.course.version) << " on " << printable(c.completed_at)
                              << ", valid until "
                              << printable(c.valid_until.value_or("(no expiry)"))
                              << (c.course.trusted ? "" : " (untrusted package)") << "\n";
                return true;
            });
        }
        if (!r)
            return void(ctx.exit_code = print_error(r.error()));
        ctx.exit_code = kExitOk;
    });

    auto reset_args = std::make_shared<LearnerIdOptions>();
    CLI::App* reset = learner->add_subcommand(
        "pin-reset",
        "Clear a learner's forgotten PIN; they choose a new one when they next sign in");
    reset->add_option("STAFF_ID", reset_args->id, "Staff id (any case), or learner id")->required();
    add_ledger_option(*reset, reset_args->ledger);
    reset->callback([reset_args, &ctx] {
        auto l = open_ledger(reset_args->ledger, LedgerAccess::write);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        auto who = find_learner(*l, reset_args->id);
        if (!who)
            return void(ctx.exit_code = print_error(who.error()));
        if (auto r = l->reset_learner_pin(who->id); !r)
            return void(ctx.exit_code = print_error(r.error()));
        std::cout << "reset the PIN of "
                  << printable(ledger::name_with_staff_id(who->person.name, who->person.staff_id))
                  << ": they choose a new one when they next sign in on this device\n";
        ctx.exit_code = kExitOk;
    });

    auto erase_args = std::make_shared<LearnerIdOptions>();
    CLI::App* erase = learner->add_subcommand(
        "erase", "Remove a learner's personal details for good; their records stay");
    erase->add_option("ID", erase_args->id, "Learner id, as 'waymark learner list' shows")
        ->required();
    add_ledger_option(*erase, erase_args->ledger);
    erase->callback([erase_args, &ctx] {
        auto l = open_ledger(erase_args->ledger, LedgerAccess::write);
        if (!l)
            return void(ctx.exit_code = print_error(l.error()));
        auto erased = l->erase_learner(erase_args->id);
        if (!erased)
            return void(ctx.exit_code = print_error(erased.error()));
        std::cout << "erased learner " << erase_args->id
                  << ": name, staff id, email, team and role removed from the ledger file; "
                     "their records remain under this id\n";
        if (!erased->removed_from_log)
            std::cout << "warning: another program (a running player?) is reading the ledger, "
                         "so the old details stay in "
                      << l->path().string()
                      << "-wal until it closes; close it, then run this command's ledger "
                         "again with 'waymark ledger stats' to let the log empty\n";
        if (erased->backups.empty())
            std::cout << "no backups made with 'waymark ledger backup' are recorded; copies "
                         "made any other way still hold the details\n";
        else {
            std::cout << "these backups still hold the details; erase or destroy them too:\n";
            for (const auto& [path, when] : erased->backups)
                std::cout << "  " << printable(path) << " (made " << when << ")\n";
        }
        ctx.exit_code = kExitOk;
    });
}

}  // namespace waymark::cli
