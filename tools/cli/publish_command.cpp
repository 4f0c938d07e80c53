// `waymark publish html|scorm12|cmi5 SOURCE -o OUT`: a course as a folder of accessible web
// pages that opens from disk (html), or as a .zip for a learning platform (SCORM 1.2,
// cmi5). SOURCE is a course source folder, refused when `check` would report an error, or a
// .wmpkg package, refused unless it verifies and a trusted key signed it (as for `verify`).
// The pages and packages themselves are engine/publish's.
#include <filesystem>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/course/load.hpp"
#include "waymark/package/package.hpp"
#include "waymark/publish/html_site.hpp"
#include "waymark/publish/lms_package.hpp"

namespace waymark::cli {

namespace {

namespace fs = std::filesystem;

struct PublishOptions {
    std::string source;
    std::string out;
    TrustOptions trust;
};

// The course with its files, loaded and checked like `waymark check` and the player do.
struct LoadedSource {
    std::shared_ptr<const course::CourseFiles> files;
    course::LoadedCourse loaded;
};

LoadedSource load_folder(const std::string& folder) {
    course::LoadedFolder source = course::load_source_folder(folder);
    return {std::move(source.files), std::move(source.loaded)};
}

Result<LoadedSource> load_package(const std::string& file, const TrustOptions& trust) {
    auto store = load_trust_store(trust);
    if (!store)
        return store.error();
    auto pkg = package::open_package(file);
    if (!pkg)
        return pkg.error();
    if (!pkg->trusted_by(*store))
        return make_error(ErrorCode::untrusted,
                          "signed by key " + pkg->signer().fingerprint() +
                              ", which is not trusted" +
                              (store->keys().empty() ? " (no trusted keys were given)" : "") +
                              "; pass the publisher's key with --trust NAME.pub if you trust "
                              "them. Only trusted packages are published.",
                          file);
    LoadedSource source;
    source.files = std::make_shared<const course::MemoryFiles>(
        std::map<std::string, std::string>(pkg->files().begin(), pkg->files().end()));
    source.loaded = course::load_course(*source.files);
    return source;
}

// The course of `opt.source`, checked; else the exit code, with the problem printed.
Result<LoadedSource> load_checked(const PublishOptions& opt) {
    std::error_code ec;
    const bool folder = fs::is_directory(opt.source, ec);
    if (!folder && !fs::is_regular_file(opt.source, ec))
        return make_error(ErrorCode::usage,
                          "not found; give a course source folder (the one that holds "
                          "course.json) or a signed package (.wmpkg)",
                          opt.source);
    auto source = folder ? Result<LoadedSource>(load_folder(opt.source))
                         : load_package(opt.source, opt.trust);
    if (!source)
        return source.error();
    const course::LoadedCourse& loaded = source->loaded;
    print_diagnostics(loaded.diagnostics, folder ? opt.source : std::string{});
    if (!loaded.ok())
        return make_error(ErrorCode::invalid,
                          "not published: the course has " + count_summary(loaded.diagnostics) +
                              (folder ? "; fix the errors listed above (`waymark check " +
                                            opt.source + "` lists them again), then publish again"
                                      : "; ask the course's publisher for a corrected package"),
                          opt.source);
    return source;
}

int run_publish_html(const PublishOptions& opt) {
    auto source = load_checked(opt);
    if (!source)
        return print_error(source.error());
    const course::Course& course = source->loaded.course;
    auto site = publish::render_html_site(course, *source->files);
    if (!site)
        return print_error(site.error());
    if (auto written = publish::write_site(*site, opt.out); !written)
        return print_error(written.error());
    std::cout << opt.out << ": " << course.id << " " << course.version << ", "
              << count(course.page_count(), "page") << ", " << count(site->files.size(), "file")
              << ", " << (site->total_bytes() + 1023) / 1024 << " KiB; open "
              << (fs::path(opt.out) / "index.html").string() << " in a web browser\n";
    return kExitOk;
}

int run_publish_lms(const PublishOptions& opt, publish::LmsFormat format) {
    const char* format_name = format == publish::LmsFormat::scorm12 ? "SCORM 1.2" : "cmi5";
    // Checked before the course is read, so a slip of the name costs nothing.
    if (fs::path(opt.out).extension() != ".zip" || fs::path(opt.out).stem().empty())
        return print_error(make_error(
            ErrorCode::usage,
            std::string("a ") + format_name +
                " package is a .zip file; give a name ending in .zip, such as course.zip",
            opt.out));
    std::error_code ec;
    if (fs::is_directory(opt.out, ec))
        return print_error(make_error(ErrorCode::usage,
                                      "this is a folder; give the name of the .zip file to write",
                                      opt.out));
    auto source = load_checked(opt);
    if (!source)
        return print_error(source.error());
    const course::Course& course = source->loaded.course;
    auto package = publish::render_lms_package(course, *source->files, format);
    if (!package)
        return print_error(package.error());
    if (auto written = publish::write_lms_package(*package, opt.out); !written)
        return print_error(written.error());
    std::cout << opt.out << ": " << course.id << " " << course.version << ", " << format_name
              << " package, " << count(course.page_count(), "page") << ", "
              << count(package->files.size(), "file") << ", "
              << (fs::file_size(opt.out, ec) + 1023) / 1024
              << " KiB; upload it to your learning platform\n";
    return kExitOk;
}

}  // namespace

void add_publish_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* cmd =
        app.add_subcommand("publish", "Publish a course for people who do not use the player");
    cmd->require_subcommand(1);

    auto opt = std::make_shared<PublishOptions>();
    const auto add_source = [&](CLI::App& format, const char* out_help) {
        format
            .add_option("SOURCE", opt->source,
                        "Course source folder (holds course.json) or signed package (.wmpkg)")
            ->required();
        format.add_option("-o,--out", opt->out, out_help)->required();
        add_trust_options(format, opt->trust);
    };
    CLI::App* html = cmd->add_subcommand(
        "html", "Accessible web pages in a folder that opens from disk (index.html), no server");
    add_source(*html, "Folder to write; new, empty, or an earlier publication (replaced whole)");
    html->callback([opt, &ctx] { ctx.exit_code = run_publish_html(*opt); });

    CLI::App* scorm12 = cmd->add_subcommand(
        "scorm12", "A SCORM 1.2 package (.zip) for a learning platform such as Moodle or Totara");
    add_source(*scorm12, "The .zip file to write (replaced if it exists)");
    scorm12->callback(
        [opt, &ctx] { ctx.exit_code = run_publish_lms(*opt, publish::LmsFormat::scorm12); });

    CLI::App* cmi5 = cmd->add_subcommand("cmi5", "A cmi5 package (.zip) for a learning platform");
    add_source(*cmi5, "The .zip file to write (replaced if it exists)");
    cmi5->callback(
        [opt, &ctx] { ctx.exit_code = run_publish_lms(*opt, publish::LmsFormat::cmi5); });
}

}  // namespace waymark::cli
