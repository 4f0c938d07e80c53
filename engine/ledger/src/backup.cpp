#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "state.hpp"

namespace waymark::ledger {

Result<void> Ledger::backup(const std::filesystem::path& target) {
    std::error_code ec;
    if (std::filesystem::exists(target, ec))
        return make_error(ErrorCode::usage, target.string() +
                                                " already exists; choose a new file for the "
                                                "backup so no earlier backup is overwritten");
    // Created private first: the copy holds the same personal data as the ledger.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return make_error(ErrorCode::io, "cannot create the backup " + target.string() + " (" +
                                             std::strerror(errno) +
                                             "); check that its folder exists and is writable");
    ::close(fd);
    auto fail = [&](Error e) -> Result<void> {
        std::filesystem::remove(target, ec);
        return e;
    };
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(target.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> dest(raw, &sqlite3_close_v2);
    if (rc != SQLITE_OK)
        return fail(sqlite_error(rc, target.string(), "", "creating a backup"));
    sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", state_->db.handle(), "main");
    if (!backup)
        return fail(sqlite_error(sqlite3_errcode(dest.get()), target.string(),
                                 sqlite3_errmsg(dest.get()), "starting the backup"));
    int step = SQLITE_OK;
    // Copies in slices so writers are never held up for long; a slice that meets a
    // lock waits a moment and goes on, and SQLite restarts the copy if the source changes.
    while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED) {
        step = sqlite3_backup_step(backup, 256);
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
            sqlite3_sleep(20);
    }
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK)
        return fail(sqlite_error(step != SQLITE_DONE ? step : finish, target.string(),
                                 sqlite3_errmsg(dest.get()), "copying the ledger"));
    sqlite3_stmt* check = nullptr;
    sqlite3_prepare_v2(dest.get(), "PRAGMA integrity_check", -1, &check, nullptr);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(check, &sqlite3_finalize);
    const bool ok =
        check && sqlite3_step(check) == SQLITE_ROW &&
        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) == "ok";
    if (!ok)
        return fail(make_error(ErrorCode::io, "the backup " + target.string() +
                                                  " failed SQLite's integrity check; it was "
                                                  "removed; check the disk and try again"));
    // Remembered so that erasing a learner later can say which copies still hold them.
    if (state_->read_only)
        return {};
    auto record = state_->db.prepare("INSERT INTO backups(path, made_at) VALUES(?1, ?2)");
    if (!record)
        return record.error();
    record->bind(1, std::filesystem::absolute(target, ec).string());
    record->bind(2, format_iso8601(state_->now()));
    return record->run();
}

}  // namespace waymark::ledger
