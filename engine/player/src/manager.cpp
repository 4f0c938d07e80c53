#include "waymark/player/manager.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "waymark/core/files.hpp"

namespace waymark::player {

namespace fs = std::filesystem;

bool ManagerPassphrase::is_set() const {
    std::error_code ec;
    return fs::exists(file_, ec);
}

Result<void> ManagerPassphrase::set(const std::string& passphrase, const std::string& confirm) {
    if (is_set())
        return make_error(ErrorCode::invalid,
                          "A manager passphrase is already set; sign in with it.");
    if (passphrase.size() < min_passphrase_length)
        return make_error(ErrorCode::invalid,
                          "Use at least 10 characters: a few words are easier to "
                          "remember and harder to guess.");
    if (passphrase != confirm)
        return make_error(ErrorCode::invalid,
                          "The two passphrases differ; type the same one twice.");
    if (sodium_init() < 0)
        return make_error(ErrorCode::io, "libsodium could not start");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            hash, passphrase.c_str(), passphrase.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return make_error(
            ErrorCode::io,
            "not enough memory to hash the passphrase; close other programs and try again");
    std::error_code ec;
    if (file_.has_parent_path())
        fs::create_directories(file_.parent_path(), ec);
    return write_file_atomic(file_, std::string(hash) + "\n", 0600);
}

Result<bool> ManagerPassphrase::check(const std::string& passphrase) const {
    auto stored = read_file(file_, 4096);
    if (!stored)
        return stored.error();
    std::string hash = *stored;
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r'))
        hash.pop_back();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES)
        return make_error(
            ErrorCode::parse,
            "the manager passphrase file is damaged; delete it to set a new passphrase",
            file_.string());
    if (sodium_init() < 0)
        return make_error(ErrorCode::io, "libsodium could not start");
    return crypto_pwhash_str_verify(hash.c_str(), passphrase.c_str(), passphrase.size()) == 0;
}

Result<Dashboard> build_dashboard(Journal& journal, const std::vector<Learner>& learners,
                                  const std::vector<LibraryCourse>& courses, UtcTime now) {
    Dashboard d;
    std::map<std::pair<std::string, std::string>, TeamCourse> cells;
    for (const auto& c : courses) {
        if (!c.playable())
            continue;
        for (const auto& l : learners) {
            auto h = journal.history(l.id, c.course->id);
            if (!h)
                return h.error();
            const auto status = course_status(*c.course, *h, now);
            TeamCourse& cell = cells[{l.team, c.course->title}];
            cell.team = l.team;
            cell.course_title = c.course->title;
            ++cell.learners;
            switch (status.kind) {
                case StatusKind::completed:
                case StatusKind::due_soon:
                    ++cell.completed;
                    break;
                case StatusKind::in_progress:
                    ++cell.in_progress;
                    break;
                case StatusKind::not_started:
                    ++cell.not_started;
                    break;
                case StatusKind::overdue:
                    ++cell.overdue;
                    d.overdue.push_back({l.name, l.team, c.course->title, status.days_left});
                    break;
            }
        }
    }
    for (auto& [key, cell] : cells)
        d.rows.push_back(cell);
    std::stable_sort(d.overdue.begin(), d.overdue.end(),
                     [](const OverdueEntry& a, const OverdueEntry& b) { return a.days > b.days; });
    return d;
}

}  // namespace waymark::player
