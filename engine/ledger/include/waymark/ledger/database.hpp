// waymark/ledger/database.hpp: a small RAII wrapper over one SQLite connection.
//
// The ledger talks to SQLite only through Database and Statement, so every handle is
// closed on every path and every SQLite failure becomes an Error a manager can act on
// ("the ledger /x/ledger.db is read-only; nothing was recorded; check the file
// permissions"). Both types are move-only; neither is safe to share between threads.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "waymark/core/result.hpp"

namespace waymark::ledger {

// One prepared SQL statement. Parameters are 1-based, columns 0-based, as in SQLite.
class Statement {
  public:
    Statement() = default;

    // Binds a value to parameter `index`. Text and blobs are copied, so the argument
    // may go away before step(). Binding an index the statement does not have is a
    // programming error and throws std::logic_error.
    void bind(int index, std::int64_t value);
    void bind(int index, double value);
    void bind(int index, std::string_view text);
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind_blob(int index, std::span<const std::uint8_t> bytes);
    // Bind text and blobs without copying them, for the many binds of each append: they
    // must stay unchanged until the statement is reset (run() resets it).
    void bind_view(int index, std::string_view text);
    void bind_blob_view(int index, std::span<const std::uint8_t> bytes);
    void bind_null(int index);

    // Runs the statement one step. Returns true when a row is ready to read with the
    // column_*() functions, false when the statement has finished. A failure (busy,
    // read-only, disk full, corrupt) is an Error naming the ledger file; the statement
    // must then be reset() before it is used again.
    Result<bool> step();
    // Steps until the statement finishes, ignoring any rows; then resets it.
    Result<void> run();
    // Makes the statement ready to run again; bindings are cleared.
    void reset();

    // The value of column `index` of the current row. Text that is NULL reads as "",
    // a NULL number as 0. The view and span stay valid until the next step() or reset().
    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::string_view column_view(int index) const;
    std::span<const std::uint8_t> column_blob(int index) const;
    bool column_is_null(int index) const;
    // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    int column_type(int index) const;
    int column_count() const;

    explicit operator bool() const { return stmt_ != nullptr; }

  private:
    friend class Database;
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    Statement(sqlite3_stmt* stmt, sqlite3* db, std::string file)
        : stmt_(stmt), db_(db), file_(std::move(file)) {}
    void check_bind(int rc, int index);

    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
    sqlite3* db_ = nullptr;  // owned by the Database, which must outlive the statement
    std::string file_;
};

class Database {
  public:
    Database() = default;

    // Opens (and with create, creates) the SQLite file at `path`. A file that exists but
    // cannot be written is refused with a read-only error, since the ledger is only ever
    // opened to record. Never blocks on a lock: the busy timeout is set afterwards.
    static Result<Database> open(const std::filesystem::path& path, bool create);

    // Opens an existing SQLite file for reading only (another ledger to merge); it is
    // never modified. ErrorCode::not_found when there is no such file. The connection
    // has no mutex of its own: use it from one thread at a time.
    static Result<Database> open_read_only(const std::filesystem::path& path);

    // Runs one or more SQL statements that return no rows.
    Result<void> exec(std::string_view sql);
    // Compiles one SQL statement. A failure here is an Error naming the file.
    Result<Statement> prepare(std::string_view sql);
    // The statement for `sql`, compiled on the first call and kept for this connection's
    // later ones: for the few statements every write runs (its head, the evidence rows'
    // changes), which cost more to compile than to run. Every caller of the same text
    // shares it: run it to the end or reset it before returning (each_row() does).
    Result<Statement*> kept(std::string_view sql);

    // The SQLite failure `rc` (with its extended code) as an Error a manager can act
    // on; `doing` says what was being attempted ("recording the event").
    Error error(int rc, std::string_view doing) const;

    std::int64_t last_insert_rowid() const;
    int changes() const;
    bool in_transaction() const;
    sqlite3* handle() const { return db_.get(); }
    const std::string& file() const { return file_; }

  private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Closer> db_;
    std::string file_;
    // After db_: finalized before the connection closes.
    std::unordered_map<std::string, Statement> kept_;
};

// Steps `s` through its rows, calling `visit()` on each (the row is read with the
// column_*() functions). `visit` returns void, bool (false stops early) or Result<void>
// (an error stops and is returned). The statement is reset at the end.
template <typename Visit>
Result<void> each_row(Statement& s, Visit&& visit) {
    using Returned = std::invoke_result_t<Visit&>;
    Result<void> result;
    for (;;) {
        auto row = s.step();
        if (!row) {
            result = row.error();
            break;
        }
        if (!*row)
            break;
        if constexpr (std::is_same_v<Returned, bool>) {
            if (!visit())
                break;
        } else if constexpr (std::is_same_v<Returned, Result<void>>) {
            if (auto r = visit(); !r) {
                result = r;
                break;
            }
        } else {
            visit();
        }
    }
    s.reset();
    return result;
}

// The error for SQLite result code `rc` on the ledger `file`, as Database::error.
Error sqlite_error(int rc, const std::string& file, std::string_view detail,
                   std::string_view doing);

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails, so either
// all of its writes land or none do. IMMEDIATE takes the write lock at once, so two
// processes appending queue up on the busy timeout instead of failing mid-way.
// Inside a transaction already open (Ledger::in_one_transaction) the body runs in a
// savepoint instead: its failure undoes only its own writes, and nothing is durable
// until the outer transaction commits.
template <typename Body>
Result<void> in_write_transaction(Database& db, Body&& body) {
    const bool nested = db.in_transaction();
    if (auto r = db.exec(nested ? "SAVEPOINT nested_write" : "BEGIN IMMEDIATE"); !r)
        return r;
    Result<void> result = body();
    if (result) {
        if (auto r = db.exec(nested ? "RELEASE nested_write" : "COMMIT"); !r)
            result = r;
    }
    if (!result && nested) {
        (void)db.exec("ROLLBACK TO nested_write");
        (void)db.exec("RELEASE nested_write");
    } else if (!result && db.in_transaction()) {
        (void)db.exec("ROLLBACK");
    }
    return result;
}

}  // namespace waymark::ledger
