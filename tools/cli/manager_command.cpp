// `waymark manager passphrase`: an administrator sets the passphrase that opens the
// player's manager area on this device.
//
// The passphrase goes into the ledger as an Argon2id hash (Ledger::set_manager_passphrase),
// which needs the device key: the player itself can no longer set one, so the first
// person to click "Manager area" does not get to choose it. It is typed twice without
// echo on a terminal, or read from a file only its owner can read, and never printed or
// taken on the command line, where every user's `ps` would show it.
//
// Setting up the manager area is also when the organisation's name is asked for (it is
// every certificate's issuer), unless it is recorded already.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "organisation_setting.hpp"
#include "output.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::cli {

namespace {

struct PassphraseOptions {
    std::string ledger;
    std::string passphrase_file;
    std::optional<std::string> organisation;  // --organisation
};

constexpr const char* kOrganisationKey = "organisation.name";

// A passphrase wiped from memory when it goes.
class Secret {
  public:
    Secret() = default;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret() { wipe(); }
    std::string& text() { return text_; }
    void wipe() {
        if (!text_.empty())
            sodium_memzero(text_.data(), text_.size());
        text_.clear();
    }

  private:
    std::string text_;
};

// Characters, not bytes, as the ledger counts them.
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Error failed(std::string message, std::string where = {}) {
    return make_error(ErrorCode::io, std::move(message), std::move(where));
}

// The terminal's settings while echo is off, so that Ctrl-C during a prompt does not
// leave the shell typing blind.
termios saved_terminal{};
volatile std::sig_atomic_t echo_off = 0;

extern "C" void restore_echo_and_exit(int signal) {
    if (echo_off)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_terminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// One line typed on the terminal without echo, after `prompt` on stderr.
Result<void> read_hidden(const char* prompt, Secret& out) {
    std::cerr << prompt << std::flush;
    if (::tcgetattr(STDIN_FILENO, &saved_terminal) != 0)
        return failed(std::string("cannot read the terminal's settings: ") + std::strerror(errno));
    termios quiet = saved_terminal;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    auto old_int = std::signal(SIGINT, restore_echo_and_exit);
    auto old_term = std::signal(SIGTERM, restore_echo_and_exit);
    echo_off = 1;
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) {
        echo_off = 0;
        return failed(std::string("cannot turn off echo: ") + std::strerror(errno));
    }
    const bool got = static_cast<bool>(std::getline(std::cin, out.text()));
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_terminal);
    echo_off = 0;
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    if (!got)
        return make_error(ErrorCode::usage, "no passphrase was typed; nothing was recorded");
    return {};
}

Result<void> prompt_twice(Secret& passphrase) {
    if (auto r = read_hidden("New manager passphrase (at least 10 characters): ", passphrase); !r)
        return r;
    // Checked before the second prompt, so nobody types a short one twice for nothing.
    if (characters(passphrase.text()) < 10)
        return make_error(ErrorCode::invalid,
                          "the manager passphrase must have at least 10 characters; a few words "
                          "are easier to remember and harder to guess; nothing was recorded");
    Secret again;
    if (auto r = read_hidden("Type it again: ", again); !r)
        return r;
    if (again.text() != passphrase.text())
        return make_error(ErrorCode::invalid,
                          "the two passphrases differ; nothing was recorded; run the command "
                          "again and type the same one twice");
    return {};
}

// The first line of `file`, which must be a regular file of this user that nobody else
// can read or write: a passphrase others can read is no secret, and one others can
// write is theirs.
Result<void> read_passphrase_file(const std::string& file, Secret& out) {
    // O_NOFOLLOW and fstat: the checks are of the file actually read, not of a link or
    // of a file swapped in after the check.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return failed(std::string("cannot open the passphrase file: ") + std::strerror(errno) +
                          (errno == ELOOP ? " (it is a symbolic link; name the file itself)" : ""),
                      file);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return failed(
            "the passphrase file is not a regular file; write the passphrase on the "
            "first line of a file",
            file);
    }
    if (st.st_uid != ::geteuid()) {
        ::close(fd);
        return failed(
            "the passphrase file belongs to another user; write it yourself "
            "(umask 077) and run 'chmod 600 " +
                file + "'",
            file);
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return failed(std::string("the passphrase file has mode ") + mode +
                          ", so other users can read or change it; run 'chmod 600 " + file +
                          "', then run this command again (nothing was recorded)",
                      file);
    }
    std::string& text = out.text();
    char buf[512];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            sodium_memzero(buf, sizeof buf);
            return failed(std::string("cannot read the passphrase file: ") + std::strerror(e),
                          file);
        }
        if (n == 0)
            break;
        text.append(buf, static_cast<std::size_t>(n));
        if (text.find('\n') != std::string::npos || text.size() > 4096)
            break;
    }
    ::close(fd);
    sodium_memzero(buf, sizeof buf);
    // Only the first line: editors end files with a newline, and a note may follow.
    const auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) {
        sodium_memzero(text.data() + end, text.size() - end);
        text.resize(end);
    }
    if (text.empty())
        return make_error(ErrorCode::invalid,
                          "the first line of the passphrase file is empty; write the "
                          "passphrase on it",
                          file);
    return {};
}

// Setting up the manager area is when the organisation's name is asked for: every
// certificate prints it as the issuer, and one printed before it is recorded names none.
// Given with --organisation, or typed on the terminal; otherwise a note says how.
int record_organisation(ledger::Ledger& l, const std::optional<std::string>& given) {
    auto settings = l.settings("");
    if (!settings)
        return print_error(settings.error());
    const auto recorded = current_value(*settings, kOrganisationKey);
    std::string name = given.value_or("");
    if (!given && !recorded && ::isatty(STDIN_FILENO)) {
        std::cout << "Your organisation's name, as certificates will print it (for example "
                     "Northshire Safeguarding Partnership; Enter to leave it for now): "
                  << std::flush;
        std::getline(std::cin, name);
        const auto first = name.find_first_not_of(" \t");
        name = first == std::string::npos
                   ? ""
                   : name.substr(first, name.find_last_not_of(" \t") - first + 1);
    }
    if (name.empty()) {
        if (!recorded)
            std::cerr << "waymark: note: certificates will not say who issued them until the "
                         "organisation's name is recorded: waymark settings set "
                      << kOrganisationKey << " \"Your organisation\" (or run this again with "
                      << "--organisation \"Your organisation\")\n";
        return kExitOk;
    }
    auto change = change_setting(l, kOrganisationKey, name);
    if (!change)
        return print_error(change.error());
    if (change->recorded)
        std::cout << "certificates will name " << name << " as their issuer (" << kOrganisationKey
                  << ")\n";
    return kExitOk;
}

int set_passphrase(const PassphraseOptions& a) {
    const bool from_file = !a.passphrase_file.empty();
    if (!from_file && !::isatty(STDIN_FILENO))
        return print_error(make_error(
            ErrorCode::usage,
            "there is no terminal to type the passphrase on; give --passphrase-file FILE "
            "(the passphrase on its first line, mode 0600), or run this in a terminal"));
    auto l = open_ledger(a.ledger, LedgerAccess::create);
    if (!l)
        return print_error(l.error());
    auto before = l->has_manager_passphrase();
    if (!before)
        return print_error(before.error());

    Secret passphrase;
    if (auto r = from_file ? read_passphrase_file(a.passphrase_file, passphrase)
                           : prompt_twice(passphrase);
        !r)
        return print_error(r.error());
    auto set = l->set_manager_passphrase(passphrase.text());
    passphrase.wipe();
    if (!set)
        return print_error(set.error());
    std::cout << "the manager passphrase was set (ledger " << l->path().string() << ")\n";
    if (*before)
        std::cout << "it replaces the one set before, which no longer opens the manager area\n";
    return record_organisation(*l, a.organisation);
}

}  // namespace

void add_manager_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* manager = app.add_subcommand("manager", "Set up the player's manager area");
    manager->require_subcommand(1);

    auto args = std::make_shared<PassphraseOptions>();
    CLI::App* passphrase = manager->add_subcommand(
        "passphrase",
        "Set (or replace) the passphrase that opens the manager area; needs the device key");
    add_ledger_option(*passphrase, args->ledger);
    passphrase->add_option("--passphrase-file", args->passphrase_file,
                           "Read the passphrase from the first line of this file (mode 0600, "
                           "yours) instead of asking twice on the terminal");
    passphrase->add_option("--organisation", args->organisation,
                           "The organisation's name, which certificates print as their issuer "
                           "(organisation.name); asked for on a terminal when none is recorded");
    passphrase->callback([args, &ctx] { ctx.exit_code = set_passphrase(*args); });
}

}  // namespace waymark::cli
