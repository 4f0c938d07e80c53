#include "waymark/ledger/database.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace waymark::ledger {

Error sqlite_error(int rc, const std::string& file, std::string_view detail,
                   std::string_view doing) {
    const std::string ledger = "the ledger " + file;
    const std::string what = std::string(doing);
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return make_error(ErrorCode::io,
                              ledger +
                                  " is busy: another program is writing to it and did not "
                                  "finish in time while " +
                                  what +
                                  "; nothing was recorded; close the other Waymark program "
                                  "and try again");
        case SQLITE_READONLY:
            return make_error(ErrorCode::io, ledger +
                                                 " is read-only; nothing was recorded; check the "
                                                 "file permissions of the ledger and its folder");
        case SQLITE_FULL:
            return make_error(ErrorCode::io,
                              "the disk holding " + ledger +
                                  " is full; nothing was recorded while " + what +
                                  " and everything recorded before is kept; free some space "
                                  "and try again");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return make_error(ErrorCode::verification,
                              ledger + " is damaged or is not a Waymark ledger (" +
                                  std::string(detail) +
                                  "); restore it from a backup made with 'waymark ledger "
                                  "backup' and run 'waymark ledger verify'");
        case SQLITE_CANTOPEN:
            return make_error(ErrorCode::io, "cannot open " + ledger + " (" + std::string(detail) +
                                                 "); check that its folder exists and that "
                                                 "you may write to it");
        case SQLITE_IOERR:
            return make_error(ErrorCode::io,
                              "could not read or write " + ledger + " while " + what + " (" +
                                  std::string(detail) +
                                  "); nothing was recorded and everything recorded before is kept; "
                                  "check the disk (it may be full)");
        case SQLITE_CONSTRAINT:
            return make_error(ErrorCode::invalid, ledger + " refused a change while " + what +
                                                      " (" + std::string(detail) + ")");
        default:
            return make_error(ErrorCode::io, "SQLite failed on " + ledger + " while " + what +
                                                 " (" + std::string(detail) + ")");
    }
}

// --- Statement ----------------------------------------------------------------------

void Statement::check_bind(int rc, int index) {
    if (rc != SQLITE_OK)
        throw std::logic_error("binding parameter " + std::to_string(index) +
                               " failed: " + sqlite3_errstr(rc));
}

void Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

void Statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_.get(), index, value), index);
}

void Statement::bind(int index, std::string_view text) {
    check_bind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8),
               index);
}

void Statement::bind_view(int index, std::string_view text) {
    check_bind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC,
                                   SQLITE_UTF8),
               index);
}

void Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
    check_bind(
        sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
        index);
}

void Statement::bind_blob_view(int index, std::span<const std::uint8_t> bytes) {
    check_bind(sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_STATIC),
               index);
}

void Statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(stmt_.get(), index), index);
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqlite_error(sqlite3_extended_errcode(db_), file_, sqlite3_errmsg(db_),
                        "running a query");
}

Result<void> Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            reset();
            return r.error();
        }
        if (!*r)
            break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_.get(), index);
}

double Statement::column_double(int index) const {
    return sqlite3_column_double(stmt_.get(), index);
}

std::string Statement::column_text(int index) const {
    return std::string(column_view(index));
}

std::string_view Statement::column_view(int index) const {
    const auto* text = sqlite3_column_text(stmt_.get(), index);
    if (!text)
        return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), index))};
}

std::span<const std::uint8_t> Statement::column_blob(int index) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), index));
    if (!data)
        return {};
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), index))};
}

bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_.get(), index) == SQLITE_NULL;
}

int Statement::column_type(int index) const {
    return sqlite3_column_type(stmt_.get(), index);
}

int Statement::column_count() const {
    return sqlite3_column_count(stmt_.get());
}

// --- Database -----------------------------------------------------------------------

namespace {

// Whether a reader or a writer looked for it, a missing ledger has the same answer.
Error no_ledger_at(const std::string& file) {
    return make_error(ErrorCode::not_found,
                      "there is no ledger at " + file +
                          "; check the path given with --ledger or WAYMARK_LEDGER (a new "
                          "ledger is made when the player first starts, or by 'waymark "
                          "learner add' or 'waymark manager passphrase')");
}

}  // namespace

Result<Database> Database::open(const std::filesystem::path& path, bool create) {
    Database db;
    db.file_ = path.string();
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create)
        return no_ledger_at(db.file_);
    if (exists && ::access(path.c_str(), W_OK) != 0)
        return sqlite_error(SQLITE_READONLY, db.file_, "", "opening");
    if (!exists) {
        // SQLite would create the file with the umask's mode; the ledger holds personal
        // data, so it is created private first. The -wal and -shm files copy its mode.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return sqlite_error(SQLITE_CANTOPEN, db.file_, std::strerror(errno), "creating");
        if (fd >= 0)
            ::close(fd);
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(db.file_.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    db.db_.reset(raw);
    if (rc != SQLITE_OK)
        return sqlite_error(rc, db.file_, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc),
                            "opening");
    sqlite3_extended_result_codes(raw, 1);
    if (sqlite3_db_readonly(raw, "main") == 1)
        return sqlite_error(SQLITE_READONLY, db.file_, "", "opening");
    return db;
}

namespace {

// "file:" URI of `path` with the characters URIs reserve escaped.
std::string file_uri(const std::filesystem::path& path) {
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            static constexpr char kHex[] = "0123456789ABCDEF";
            uri += '%';
            uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            uri += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
            uri += c;
        }
    }
    return uri;
}

int open_readable(const std::string& name, int flags, sqlite3** out) {
    const int rc = sqlite3_open_v2(name.c_str(), out, flags, nullptr);
    if (rc != SQLITE_OK)
        return rc;
    // The first read is where a WAL file that cannot get its shared-memory file fails.
    return sqlite3_exec(*out, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
}

}  // namespace

Result<Database> Database::open_read_only(const std::filesystem::path& path) {
    Database db;
    db.file_ = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return no_ledger_at(db.file_);
    sqlite3* raw = nullptr;
    // A read-only connection is only ever used by the one thread that opened it (verify's
    // and check_evidence()'s second threads open their own), so SQLite's per-call mutex
    // is pure cost: about a tenth of the evidence check's row pass.
    int rc = open_readable(db.file_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, &raw);
    db.db_.reset(raw);
    if (rc != SQLITE_OK && rc != SQLITE_NOTADB && rc != SQLITE_CORRUPT) {
        // A copy in a read-only folder or on a read-only mount: SQLite cannot make the
        // shared-memory file it reads a write-ahead log through. Opened as immutable it
        // reads the file alone, which is all such a copy has (a copy holds no log in use).
        raw = nullptr;
        rc = open_readable(file_uri(path) + "?immutable=1",
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, &raw);
        db.db_.reset(raw);
    }
    if (rc != SQLITE_OK)
        return sqlite_error(rc, db.file_, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc),
                            "opening");
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    return db;
}

Result<void> Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return sqlite_error(sqlite3_extended_errcode(db_.get()), file_, detail, "updating the ledger");
}

Result<Statement*> Database::kept(std::string_view sql) {
    auto found = kept_.find(std::string(sql));
    if (found == kept_.end()) {
        auto s = prepare(sql);
        if (!s)
            return s.error();
        found = kept_.emplace(std::string(sql), std::move(*s)).first;
    }
    return &found->second;
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqlite_error(sqlite3_extended_errcode(db_.get()), file_, sqlite3_errmsg(db_.get()),
                            "reading the ledger's tables");
    }
    return Statement(stmt, db_.get(), file_);
}

Error Database::error(int rc, std::string_view doing) const {
    return sqlite_error(rc, file_, sqlite3_errmsg(db_.get()), doing);
}

std::int64_t Database::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_.get());
}

int Database::changes() const {
    return sqlite3_changes(db_.get());
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(db_.get()) == 0;
}

}  // namespace waymark::ledger
