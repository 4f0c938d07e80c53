// `waymark inspect FILE.wmpkg`: what a package holds, without installing it.
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/package/package.hpp"

namespace waymark::cli {

namespace {

struct InspectOptions {
    std::string file;
    TrustOptions trust;
};

int run_inspect(const InspectOptions& opt) {
    auto store = load_trust_store(opt.trust);
    if (!store)
        return print_error(store.error());
    auto pkg = package::open_package(opt.file);
    if (!pkg)
        return print_error(pkg.error());
    const package::Manifest& m = pkg->manifest();
    const package::CourseSummary& c = m.course;
    std::uint64_t bytes = 0;
    for (const auto& f : m.files)
        bytes += f.size;
    std::cout << "title:           " << c.title << "\n"
              << "id:              " << c.id << "\n"
              << "version:         " << c.version << "\n"
              << "publisher:       " << c.publisher << "\n"
              << "language:        " << c.language << "\n"
              << "summary:         " << c.summary << "\n"
              << "signed by:       " << pkg->signer().fingerprint()
              << (pkg->trusted_by(*store) ? " (trusted)" : " (not trusted: preview only)") << "\n"
              << "estimated time:  " << c.estimated_minutes << " minutes\n"
              << "reading time:    " << c.reading_minutes << " minutes at 200 words a minute\n"
              << "questions:       " << c.assessment_questions << " in the assessment bank, "
              << c.knowledge_checks << " knowledge checks\n"
              << "files:           " << m.files.size() << " (" << bytes << " bytes)\n"
              << "content digest:  " << to_hex(m.content_digest) << "\n"
              << "modules:\n";
    for (std::size_t i = 0; i < c.modules.size(); ++i)
        std::cout << "  " << i + 1 << ". " << c.modules[i] << "\n";
    return kExitOk;
}

}  // namespace

void add_inspect_command(CLI::App& app, CommandContext& ctx) {
    auto opt = std::make_shared<InspectOptions>();
    CLI::App* cmd =
        app.add_subcommand("inspect", "Show what a package holds: title, version, modules, ...");
    cmd->add_option("FILE", opt->file, "Package file (.wmpkg)")->required();
    add_trust_options(*cmd, opt->trust);
    cmd->callback([opt, &ctx] { ctx.exit_code = run_inspect(*opt); });
}

}  // namespace waymark::cli
