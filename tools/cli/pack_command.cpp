// `waymark pack DIR --key NAME.key -o FILE.wmpkg`: check, then pack and sign a course.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/core/keys.hpp"
#include "waymark/course/load.hpp"
#include "waymark/package/package.hpp"

namespace waymark::cli {

namespace {

struct PackOptions {
    std::string folder;
    std::string key;
    std::string out;
};

package::CourseSummary summarise(const course::Course& c) {
    package::CourseSummary s;
    s.id = c.id;
    s.version = c.version;
    s.title = c.title;
    s.summary = c.summary;
    s.publisher = c.publisher;
    s.language = c.language;
    s.estimated_minutes = c.estimated_minutes;
    s.reading_minutes = c.reading_minutes();
    for (const auto& m : c.modules)
        s.modules.push_back(m.title);
    s.assessment_questions = static_cast<int>(c.assessment_questions.size());
    s.knowledge_checks = static_cast<int>(c.knowledge_checks.size());
    return s;
}

int run_pack(const PackOptions& opt) {
    if (!std::filesystem::is_directory(opt.folder))
        return print_error(make_error(ErrorCode::usage,
                                      "not a folder; give the course source folder", opt.folder));
    auto key = read_secret_key(opt.key);
    if (!key)
        return print_error(key.error());

    Diagnostics listing;
    course::FolderFiles files(opt.folder, listing);
    course::LoadedCourse loaded = course::load_course(files);
    loaded.diagnostics.append(listing);
    loaded.diagnostics.sort();
    print_diagnostics(loaded.diagnostics, opt.folder);
    if (loaded.diagnostics.has_errors()) {
        std::cerr << "waymark: not packed: " << opt.folder << " has "
                  << count_summary(loaded.diagnostics) << "; fix the errors (waymark check "
                  << opt.folder << ") and pack again\n";
        return kExitFailed;
    }
    const course::Course& c = loaded.course;
    if (auto r = package::write_package(opt.folder, c.files, summarise(c), *key, opt.out); !r)
        return print_error(r.error());
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(opt.out, ec);
    std::cout << "packed " << c.id << " " << c.version << " (" << c.files.size() << " files, "
              << bytes << " bytes) into " << opt.out << ", signed by "
              << key->public_key().fingerprint() << "\n";
    return kExitOk;
}

}  // namespace

void add_pack_command(CLI::App& app, CommandContext& ctx) {
    auto opt = std::make_shared<PackOptions>();
    CLI::App* cmd = app.add_subcommand(
        "pack", "Check a course folder, then pack and sign it as a .wmpkg (refuses on errors)");
    cmd->add_option("DIR", opt->folder, "Course source folder (holds course.json)")->required();
    cmd->add_option("-k,--key", opt->key, "Secret key file from 'waymark keygen' (NAME.key)")
        ->required();
    cmd->add_option("-o,--out", opt->out, "Package file to write, e.g. prevent-duty-1.0.0.wmpkg")
        ->required();
    cmd->callback([opt, &ctx] { ctx.exit_code = run_pack(*opt); });
}

}  // namespace waymark::cli
