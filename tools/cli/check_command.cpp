// `waymark check DIR [--strict]`: load a course source folder and report every problem;
// with --strict every warning is an error (the bundled courses are checked this way).
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/course/load.hpp"

namespace waymark::cli {

namespace {

struct CheckOptions {
    std::string folder;
    bool quiet = false;
    bool strict = false;
};

int run_check(const CheckOptions& opt) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(opt.folder))
        return print_error(make_error(ErrorCode::usage,
                                      "not a folder; give the course source folder, the one "
                                      "that holds course.json",
                                      opt.folder));
    course::LoadedCourse loaded = course::load_source_folder(opt.folder).loaded;
    if (opt.strict)
        loaded.diagnostics = course::strict(loaded.diagnostics);
    print_diagnostics(loaded.diagnostics, opt.folder);
    if (!opt.quiet) {
        const course::Course& c = loaded.course;
        std::cout << opt.folder << ": " << count_summary(loaded.diagnostics);
        if (!c.id.empty())
            std::cout << " (" << c.id << " " << c.version << ": "
                      << count(c.modules.size(), "module") << ", " << count(c.page_count(), "page")
                      << ", " << count(c.knowledge_checks.size(), "knowledge check") << ", "
                      << count(c.assessment_questions.size(), "assessment question") << ", about "
                      << count(c.reading_minutes(), "minute") << " of reading)";
        std::cout << "\n";
    }
    return loaded.diagnostics.has_errors() ? kExitFailed : kExitOk;
}

}  // namespace

void add_check_command(CLI::App& app, CommandContext& ctx) {
    auto opt = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand(
        "check", "Check a course source folder and report every problem (exit 1 on errors)");
    cmd->add_option("DIR", opt->folder, "Course source folder (holds course.json)")->required();
    cmd->add_flag("-q,--quiet", opt->quiet, "Print only the problems, not the summary line");
    cmd->add_flag("--strict", opt->strict,
                  "Treat warnings as errors: out-of-date contacts, phone numbers or emails "
                  "outside contacts.json, loose short-answer patterns, style problems");
    cmd->callback([opt, &ctx] { ctx.exit_code = run_check(*opt); });
}

}  // namespace waymark::cli
