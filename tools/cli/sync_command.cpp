// `waymark sync --lrs URL`: sends the ledger's statements to the organisation's Learning
// Record Store, resuming where the last sync the LRS acknowledged stopped.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "waymark/core/terminal_text.hpp"
#include "waymark/xapi/credentials.hpp"
#include "waymark/xapi/endpoint.hpp"
#include "waymark/xapi/sync.hpp"

namespace waymark::cli {

namespace {

struct SyncOptions {
    std::string ledger;
    std::string lrs;
    std::string user;
    std::string password_file;
    std::string credentials;
    std::vector<std::string> courses;
    std::size_t batch = 200;
    int retries = 5;
    double timeout_seconds = 30;
};

// "[#########...........]  1200/3000 statements": redrawn in place on a terminal.
void draw_progress(const xapi::SyncProgress& p) {
    constexpr int kWidth = 30;
    const std::int64_t total = std::max<std::int64_t>(p.statements_total, 1);
    const int filled = static_cast<int>(kWidth * std::min(p.statements_sent, total) / total);
    std::cerr << "\r[" << std::string(std::size_t(filled), '#')
              << std::string(std::size_t(kWidth - filled), '.') << "] " << p.statements_sent << "/"
              << p.statements_total << " statements" << std::flush;
}

Result<xapi::Credentials> credentials_of(const SyncOptions& args) {
    if (!args.credentials.empty())
        return xapi::read_credentials_file(args.credentials);
    xapi::Credentials c;
    c.user = args.user;
    if (!args.password_file.empty()) {
        auto password = xapi::read_password_file(args.password_file);
        if (!password)
            return password.error();
        c.password = std::move(*password);
    }
    return c;
}

int run_sync(const SyncOptions& args) {
    // First of all: an address holding a password must be refused before anything could
    // print it or record it in the ledger.
    if (auto checked = xapi::check_endpoint(args.lrs); !checked)
        return print_error(checked.error());
    if (!args.user.empty() && args.password_file.empty())
        return print_error(make_error(ErrorCode::usage,
                                      "--user needs --password-file (a file of mode 0600 "
                                      "holding the password); passwords are never taken on "
                                      "the command line"));
    if (args.user.empty() && !args.password_file.empty())
        return print_error(
            make_error(ErrorCode::usage, "--password-file needs --user to say whose it is"));
    auto credentials = credentials_of(args);
    if (!credentials)
        return print_error(credentials.error());

    auto l = open_ledger_as_evidence(args.ledger);
    if (!l)
        return print_error(l.error());
    auto mapper = xapi::make_mapper(
        *l, std::vector<std::filesystem::path>(args.courses.begin(), args.courses.end()));
    if (!mapper)
        return print_error(mapper.error());

    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    xapi::LrsOptions lrs;
    lrs.endpoint = args.lrs;
    lrs.user = credentials->user;
    lrs.password = credentials->password;
    lrs.retries = args.retries;
    lrs.timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_seconds * 1000));
    lrs.on_retry = [terminal](int n, std::chrono::milliseconds wait, const std::string& why) {
        std::cerr << (terminal ? "\n" : "") << "waymark: " << printable(why) << "; retry " << n
                  << " in " << wait.count() << " ms\n";
    };
    auto client = xapi::LrsClient::create(lrs);
    if (!client)
        return print_error(client.error());

    xapi::SyncOptions sync_options;
    sync_options.batch_size = args.batch;
    if (terminal)
        sync_options.on_progress = draw_progress;
    auto report = xapi::sync(*l, *mapper, *client, sync_options);
    if (terminal)
        std::cerr << "\n";
    if (!report)
        return print_error(report.error());
    std::cout << "sent " << count(std::size_t(report->statements_sent), "statement") << " in "
              << count(std::size_t(report->batches), "batch") << " to "
              << printable(client->endpoint()) << "; acknowledged up to ledger position "
              << report->position << " (was " << report->resumed_from << ")\n";
    if (report->checkpoint)
        std::cout << "the LRS holds this ledger's checkpoint for event " << report->checkpoint->seq
                  << " (signed " << printable(report->checkpoint->time)
                  << "), a witness kept outside the ledger file\n";
    if (report->checkpoint_error) {
        // The statements are in the LRS and recorded as synced; only the witness is
        // missing, so this is a warning, but not a success.
        print_warning(
            "the statements were sent and recorded as synced, but the LRS does not "
            "hold this ledger's latest checkpoint: " +
            report->checkpoint_error->describe());
        return kExitFailed;
    }
    return kExitOk;
}

}  // namespace

void add_sync_command(CLI::App& app, CommandContext& ctx) {
    auto args = std::make_shared<SyncOptions>();
    CLI::App* cmd = app.add_subcommand(
        "sync", "Send the ledger's records to a Learning Record Store (xAPI 1.0.3)");
    cmd->add_option("--lrs", args->lrs, "The LRS's xAPI endpoint, e.g. https://lrs.example/xAPI")
        ->required();
    add_ledger_option(*cmd, args->ledger);
    auto* user = cmd->add_option("--user", args->user, "LRS user name (the key)");
    cmd->add_option("--password-file", args->password_file,
                    "File (mode 0600) whose first line is the LRS password (the secret)");
    cmd->add_option("--credentials", args->credentials,
                    "JSON file (mode 0600) {\"user\": ..., \"password\": ...}")
        ->excludes(user);
    cmd->add_option("--course", args->courses,
                    "Course source folder, to describe its questions and pages (repeatable)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--batch", args->batch, "Statements per request (default 200)")
        ->check(CLI::Range(1, 10000));
    cmd->add_option("--retries", args->retries,
                    "Retries of a request the LRS could not take (5xx, timeouts; default 5)")
        ->check(CLI::Range(0, 100));
    cmd->add_option("--timeout", args->timeout_seconds, "Seconds to wait for each request")
        ->check(CLI::Range(0.1, 3600.0));
    cmd->callback([args, &ctx] { ctx.exit_code = run_sync(*args); });
}

}  // namespace waymark::cli
