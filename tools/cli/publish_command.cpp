// `waymark publish html SOURCE -o OUT`: a course as a folder of accessible web pages that
// opens from disk. SOURCE is a course source folder, refused when `check` would report an
// error, or a .wmpkg package, refused unless it verifies and a trusted key signed it (as
// for `verify`). The pages themselves are engine/publish's.
#include <filesystem>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/course/load.hpp"
#include "waymark/package/package.hpp"
#include "waymark/publish/html_site.hpp"

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

int run_publish_html(const PublishOptions& opt) {
    std::error_code ec;
    const bool folder = fs::is_directory(opt.source, ec);
    if (!folder && !fs::is_regular_file(opt.source, ec))
        return print_error(make_error(ErrorCode::usage,
                                      "not found; give a course source folder (the one that holds "
                                      "course.json) or a signed package (.wmpkg)",
                                      opt.source));
    auto source = folder ? Result<LoadedSource>(load_folder(opt.source))
                         : load_package(opt.source, opt.trust);
    if (!source)
        return print_error(source.error());
    const course::LoadedCourse& loaded = source->loaded;
    print_diagnostics(loaded.diagnostics, folder ? opt.source : std::string{});
    if (!loaded.ok())
        return print_error(
            make_error(ErrorCode::invalid,
                       "not published: the course has " + count_summary(loaded.diagnostics) +
                           (folder ? "; fix the errors listed above (`waymark check " + opt.source +
                                         "` lists them again), then publish again"
                                   : "; ask the course's publisher for a corrected package"),
                       opt.source));

    auto site = publish::render_html_site(loaded.course, *source->files);
    if (!site)
        return print_error(site.error());
    if (auto written = publish::write_site(*site, opt.out); !written)
        return print_error(written.error());
    std::cout << opt.out << ": " << loaded.course.id << " " << loaded.course.version << ", "
              << count(loaded.course.page_count(), "page") << ", "
              << count(site->files.size(), "file") << ", " << (site->total_bytes() + 1023) / 1024
              << " KiB; open " << (fs::path(opt.out) / "index.html").string()
              << " in a web browser\n";
    return kExitOk;
}

}  // namespace

void add_publish_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* cmd =
        app.add_subcommand("publish", "Publish a course for people who do not use the player");
    cmd->require_subcommand(1);

    auto opt = std::make_shared<PublishOptions>();
    CLI::App* html = cmd->add_subcommand(
        "html", "Accessible web pages in a folder that opens from disk (index.html), no server");
    html->add_option("SOURCE", opt->source,
                     "Course source folder (holds course.json) or signed package (.wmpkg)")
        ->required();
    html->add_option("-o,--out", opt->out,
                     "Folder to write; new, empty, or an earlier publication (replaced whole)")
        ->required();
    add_trust_options(*html, opt->trust);
    html->callback([opt, &ctx] { ctx.exit_code = run_publish_html(*opt); });
}

}  // namespace waymark::cli
