// `waymark xapi export`: the ledger's events as xAPI statements in one JSON file, for an
// LRS that imports files or an auditor who wants to read them.
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/core/files.hpp"
#include "waymark/xapi/statement.hpp"

namespace waymark::cli {

namespace {

struct XapiExportOptions {
    std::string ledger;
    std::string output;
    std::int64_t since = 0;
    std::vector<std::string> courses;
};

int run_export(const XapiExportOptions& args) {
    auto l = open_ledger_as_evidence(args.ledger);
    if (!l)
        return print_error(l.error());
    auto mapper = xapi::make_mapper(
        *l, std::vector<std::filesystem::path>(args.courses.begin(), args.courses.end()));
    if (!mapper)
        return print_error(mapper.error());
    // Written whole and renamed into place, so a failed export never leaves half a file.
    std::string json = "[";
    std::int64_t written = 0;
    auto r = xapi::for_each_statement(*l, *mapper, args.since, [&](const xapi::MappedStatement& s) {
        json += written++ ? ",\n" : "\n";
        json += s.json;
        return true;
    });
    if (!r)
        return print_error(r.error());
    json += "\n]\n";
    if (auto w = write_file_atomic(args.output, json); !w)
        return print_error(w.error());
    std::cout << "wrote " << count(static_cast<std::size_t>(written), "statement") << " to "
              << args.output << "\n";
    return kExitOk;
}

}  // namespace

void add_xapi_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* xapi = app.add_subcommand("xapi", "xAPI statements of the ledger's events");
    xapi->require_subcommand(1);
    auto args = std::make_shared<XapiExportOptions>();
    CLI::App* cmd = xapi->add_subcommand("export", "Write the events as xAPI 1.0.3 statements");
    add_ledger_option(*cmd, args->ledger);
    cmd->add_option("--since", args->since, "Only events after this ledger position")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--course", args->courses,
                    "Course source folder, to describe its questions and pages (repeatable)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("-o,--output", args->output, "JSON file to write")->required();
    cmd->callback([args, &ctx] { ctx.exit_code = run_export(*args); });
}

}  // namespace waymark::cli
