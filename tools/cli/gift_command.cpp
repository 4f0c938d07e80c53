// `waymark gift import|export`: move question banks between Moodle GIFT files and
// Waymark's JSON banks.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/content/bank.hpp"
#include "waymark/core/files.hpp"
#include "waymark/gift/gift.hpp"

namespace waymark::cli {

namespace {

struct GiftImportOptions {
    std::string input;
    std::string output;
    bool list = false;
    bool keep_going = false;
};

struct GiftExportOptions {
    std::string input;
    std::string output;
};

// Tabs and line breaks would break the one-question-per-line listing.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    return s;
}

int run_import(const GiftImportOptions& opt) {
    auto text = read_file(opt.input);
    if (!text)
        return print_error(text.error());
    Diagnostics diagnostics;
    const content::QuestionBank bank = gift::import_gift(*text, opt.input, diagnostics);
    print_diagnostics(diagnostics, "");
    const bool broken = diagnostics.has_errors();
    if (broken && !opt.keep_going) {
        std::cerr << opt.input << ": " << count_summary(diagnostics)
                  << "; nothing imported (fix the errors, or use --keep-going to import the "
                     "questions without errors)\n";
        return kExitFailed;
    }
    if (opt.list) {
        for (std::size_t i = 0; i < bank.questions.size(); ++i) {
            const content::Question& q = bank.questions[i];
            std::cout << (i + 1) << '\t' << gift::list_type_name(q) << '\t'
                      << one_line(q.title.empty() ? q.id : q.title) << '\n';
        }
    }
    if (!opt.output.empty()) {
        auto written = write_file_atomic(opt.output, content::write_bank_json(bank));
        if (!written)
            return print_error(written.error());
    }
    std::cerr << opt.input << ": " << bank.questions.size() << " questions imported"
              << (opt.output.empty() ? "" : " to " + opt.output) << " ("
              << count_summary(diagnostics) << ")\n";
    return broken ? kExitFailed : kExitOk;
}

int run_export(const GiftExportOptions& opt) {
    auto text = read_file(opt.input);
    if (!text)
        return print_error(text.error());
    Diagnostics diagnostics;
    const content::QuestionBank bank = content::read_bank_json(*text, opt.input, diagnostics);
    if (diagnostics.has_errors()) {
        print_diagnostics(diagnostics, "");
        std::cerr << opt.input << ": " << count_summary(diagnostics)
                  << "; nothing exported (fix the bank first)\n";
        return kExitFailed;
    }
    const std::string gift = gift::export_gift(bank, diagnostics);
    print_diagnostics(diagnostics, "");
    auto written = write_file_atomic(opt.output, gift);
    if (!written)
        return print_error(written.error());
    std::cerr << opt.output << ": questions of " << opt.input << " written as GIFT ("
              << count_summary(diagnostics) << ")\n";
    return kExitOk;
}

}  // namespace

void add_gift_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* gift = app.add_subcommand("gift", "Import and export Moodle GIFT question banks");
    gift->require_subcommand(1);

    auto in = std::make_shared<GiftImportOptions>();
    CLI::App* import = gift->add_subcommand(
        "import",
        "Read a GIFT file and report every problem with its line (exit 1 on errors); "
        "optionally write it as a JSON bank or list its questions");
    import->add_option("FILE", in->input, "GIFT file (.gift or .txt, UTF-8)")->required();
    import->add_option("-o,--output", in->output, "Write the questions as a JSON bank here");
    import->add_flag("--list", in->list,
                     "Print one line per question: number, type and name, tab-separated");
    import->add_flag("--keep-going", in->keep_going,
                     "Import the questions without errors even when others have errors "
                     "(still exits 1)");
    import->callback([in, &ctx] { ctx.exit_code = run_import(*in);
});

auto out = std::make_shared<GiftExportOptions>();
CLI::App* exp =
    gift->add_subcommand("export",
                         "Write a JSON bank as GIFT for Moodle; questions GIFT cannot express "
                         "(ordering, scenario) are left out with a warning");
exp->add_option("BANK", out->input, "JSON question bank")->required();
exp->add_option("-o,--output", out->output, "GIFT file to write")->required();
exp->callback([out, &ctx] { ctx.exit_code = run_export(*out); });
}  // namespace waymark::cli

}  // namespace waymark::cli
