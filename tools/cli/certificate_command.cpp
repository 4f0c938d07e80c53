// `waymark certificate LEARNER COURSE -o FILE.pdf` and `waymark certificate verify CODE`.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/certificate.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::cli {

namespace {

struct CertificateOptions {
    std::string ledger, learner, course, output, code;
};

int issue(const CertificateOptions& a) {
    if (a.learner.empty() || a.course.empty() || a.output.empty())
        return print_error(make_error(ErrorCode::usage,
                                      "name the learner (id or staff id), the course id and the "
                                      "file: waymark certificate S1001 prevent-duty -o cert.pdf"));
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto cert = report::save_certificate_pdf(*l, a.learner, a.course, a.output);
    if (!cert)
        return print_error(cert.error());
    std::cout << "wrote " << a.output << ": " << cert->learner_name << ", " << cert->course_title
              << " " << cert->course_version << ", completed "
              << report::date_in_words(cert->completed_at) << "\ncertificate code " << cert->code
              << "\n";
    if (cert->organisation.empty())
        std::cerr << "warning: the certificate does not say who issued it, because the "
                     "organisation's name is not recorded; record it once with 'waymark settings "
                     "set organisation.name \"Your organisation\"' and print the certificate "
                     "again\n";
    if (cert->valid_until && *cert->valid_until < utc_now())
        std::cerr << "warning: this completion expired on "
                  << report::date_in_words(*cert->valid_until)
                  << "; the certificate prints that date, and "
                  << (cert->learner_name.empty() ? "the learner" : cert->learner_name)
                  << " is due to take the course again\n";
    return kExitOk;
}

int verify(const CertificateOptions& a) {
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto check = report::verify_certificate(*l, a.code, utc_now());
    if (!check)
        return print_error(check.error());
    if (check->certificate) {
        const auto& c = *check->certificate;
        std::cout << c.code << ": " << (c.learner_name.empty() ? "(name erased)" : c.learner_name)
                  << ", " << c.course_title << " " << c.course_version << ", completed "
                  << report::date_in_words(c.completed_at) << "\n";
    }
    std::cout << (check->genuine ? "" : "NOT GENUINE: ") << check->explanation << "\n";
    return check->valid ? kExitOk : kExitFailed;
}

}  // namespace

void add_certificate_command(CLI::App& app, CommandContext& ctx) {
    auto args = std::make_shared<CertificateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "certificate", "Print a learner's completion certificate (PDF), or verify a code");
    add_ledger_option(*cmd, args->ledger);
    cmd->add_option("learner", args->learner, "Learner id or staff id");
    cmd->add_option("course", args->course, "Course id");
    cmd->add_option("-o,--output", args->output, "PDF file to write");
    CLI::App* check =
        cmd->add_subcommand("verify", "Say whether a certificate code is genuine and still valid");
    check->add_option("code", args->code, "The code printed on the certificate")->required();
    add_ledger_option(*check, args->ledger);
    check->callback([args, &ctx] { ctx.exit_code = verify(*args); });
    cmd->callback([args, cmd, &ctx] {
        if (cmd->got_subcommand("verify"))
            return;
        ctx.exit_code = issue(*args);
    });
}

}  // namespace waymark::cli
