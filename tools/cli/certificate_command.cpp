// `waymark certificate LEARNER COURSE -o FILE.pdf`, `waymark certificate --team TEAM
// [--course COURSE] -o FILE.pdf` (or --all: a team's or everyone's certificates in one
// file) and `waymark certificate verify CODE`.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/certificate.hpp"
#include "waymark/report/dates.hpp"
#include "waymark/report/status.hpp"

namespace waymark::cli {

namespace {

struct CertificateOptions {
    std::string ledger, learner, course, output, code;
    std::string course_option, team;  // --course, --team
    bool all = false;
};

void warn_if_no_organisation(const report::CertificateData& cert, bool many = false) {
    if (cert.organisation.empty())
        std::cerr << (many ? "warning: the certificates do not say who issued them"
                           : "warning: the certificate does not say who issued it")
                  << ", because the organisation's name is not recorded; record it once with "
                     "'waymark settings set organisation.name \"Your organisation\"' and print "
                  << (many ? "them" : "it") << " again\n";
}

// The `waymark report` options that list the same people: "--team \"Early Help\" --course x".
std::string report_options(const report::RowFilter& filter) {
    std::string options;
    if (!filter.team.empty())
        options += " --team \"" + filter.team + "\"";
    if (!filter.course.empty())
        options += " --course " + filter.course;
    return options;
}

// Who the filter covers, in words: "in the team \"Early Help\"", "" for everyone.
std::string who(const report::RowFilter& filter) {
    return filter.team.empty() ? std::string() : " in the team \"" + filter.team + "\"";
}

// The course's title as the ledger knows it, which the certificates print and `waymark
// report` lists (its id when the organisation gave it none); "" for every course.
std::string course_title(const report::StatusMatrix& matrix, const std::string& course) {
    if (course.empty())
        return {};
    report::RowFilter one_course;
    one_course.course = course;
    std::string title = course;
    matrix.for_each_row(one_course, [&](const report::StatusRow& row) {
        title = std::string(row.course_title);
        return false;
    });
    return title;
}

// Every certificate the rows of `waymark report --team T --course C` call for, in one file.
int issue_many(const CertificateOptions& a, const std::string& course) {
    if (!a.learner.empty())
        return print_error(
            usage("name one learner, or --team or --all, not both: waymark "
                  "certificate --team \"Early Help\" --course prevent-duty -o "
                  "early-help.pdf"));
    if (a.all && !a.team.empty())
        return print_error(
            usage("--all prints everyone's certificates and --team one team's; use one of them"));
    if (a.output.empty())
        return print_error(usage("name the PDF file to write with -o, such as -o " +
                                 std::string(a.all ? "certificates.pdf" : "early-help.pdf")));
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto matrix = report::StatusMatrix::load(*l);
    if (!matrix)
        return print_error(matrix.error());
    const report::RowFilter filter{course, a.team, {}, {}};
    if (auto r = matrix->check(filter); !r)
        return print_error(r.error());
    const auto list = report::certificates_for(*matrix, filter);
    // Named as the certificates name it; the id is only for the command line to type.
    const std::string title = course_title(*matrix, course);
    const std::string where =
        "'waymark report" + report_options(filter) + "' shows where each stands";
    if (list.wanted.empty())
        return print_error(make_error(ErrorCode::not_found,
                                      "nobody" + who(filter) + " holds a current completion" +
                                          (title.empty() ? std::string() : " of " + title) +
                                          " to certify, so no file was written; " + where));
    auto saved = report::save_certificates_pdf(*l, list.wanted, a.output);
    if (!saved)
        return print_error(saved.error());
    std::cout << count(saved->size(), "certificate") << " in " << a.output
              << ", one page each, by team and then name\n";
    if (list.skipped > 0) {
        const auto n = static_cast<std::size_t>(list.skipped);
        std::cout << (course.empty()
                          ? count(n, "course") + " listed for learners" + who(filter) +
                                (n == 1 ? " has" : " have") + " no current completion"
                          : count(n, "learner") + who(filter) + (n == 1 ? " has" : " have") +
                                " not completed " + title + " (or their completion has expired)")
                  << ", so " << (n == 1 ? "it is" : "they are") << " not in the file; " << where
                  << "\n";
    }
    warn_if_no_organisation(saved->front(), true);
    return kExitOk;
}

int issue(const CertificateOptions& a) {
    if (!a.course.empty() && !a.course_option.empty() && a.course != a.course_option)
        return print_error(usage("the course is named twice (" + a.course + " and --course " +
                                 a.course_option + "); name it once"));
    const std::string& course = a.course.empty() ? a.course_option : a.course;
    if (!a.team.empty() || a.all)
        return issue_many(a, course);
    if (a.learner.empty() || course.empty() || a.output.empty())
        return print_error(
            usage("name the learner (id or staff id), the course id and the file: waymark "
                  "certificate S1001 prevent-duty -o cert.pdf; or a team's certificates in one "
                  "file: waymark certificate --team \"Early Help\" --course prevent-duty -o "
                  "early-help.pdf"));
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto cert = report::save_certificate_pdf(*l, a.learner, course, a.output);
    if (!cert)
        return print_error(cert.error());
    std::cout << "wrote " << a.output << ": " << cert->learner_name << ", " << cert->course_title
              << " " << cert->course_version << ", completed "
              << report::date_in_words(cert->completed_at) << "\ncertificate code " << cert->code
              << "\n";
    warn_if_no_organisation(*cert);
    if (cert->valid_until && *cert->valid_until < utc_now())
        std::cerr << "warning: this completion expired on "
                  << report::date_in_words(*cert->valid_until)
                  << "; the certificate prints that date, and "
                  << (cert->learner_name.empty() ? "the learner" : cert->learner_name)
                  << " is due to take the course again\n";
    return kExitOk;
}

int verify(const CertificateOptions& a) {
    // Read only: whoever holds a copy of the ledger (an auditor, years later) checks codes.
    auto l = open_ledger(a.ledger, LedgerAccess::read);
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
        "certificate",
        "Print a learner's completion certificate (PDF), a team's certificates in one PDF, or "
        "verify a code");
    cmd->footer(
        "Examples:\n"
        "  waymark certificate S1001 prevent-duty -o cert.pdf\n"
        "  waymark certificate --team \"Early Help\" --course prevent-duty -o early-help.pdf\n"
        "  waymark certificate --all -o everyone.pdf\n"
        "  waymark certificate verify 7KQ2-M9XD-4TJH\n"
        "A team's file has a page for each learner with a current completion, by team and then "
        "name: the same people 'waymark report --team ... --course ...' lists as completed or "
        "due soon. Learners without one are counted, not printed.");
    add_ledger_option(*cmd, args->ledger);
    cmd->add_option("learner", args->learner, "Learner id or staff id");
    cmd->add_option("course", args->course, "Course id");
    cmd->add_option("--team", args->team,
                    "Every certificate of this team, in one file (as 'waymark report --team')");
    cmd->add_flag("--all", args->all, "Every certificate of everyone, in one file");
    cmd->add_option("--course", args->course_option,
                    "Only this course id (with --team or --all; otherwise the course)");
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
