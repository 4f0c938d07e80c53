#include "rows_digest.hpp"

#include <openssl/evp.h>

#include <bit>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace waymark::ledger {

namespace {

// The tables evidence is read from, with the columns of a row as its digest covers them:
// every column, so that no edit goes unseen. Settings: the organisation's rows only
// (learner_id = ''), the reporting rules; a learner's own preferences are not evidence.
struct EvidenceTable {
    const char* name;
    const char* columns;
    const char* only_where_empty;  // a column that must be '' for the row to count, or null
};
constexpr EvidenceTable kEvidenceTables[] = {
    {"learners", "id, name, staff_id, email, team, role, enrolled_at, erased_at, salt", nullptr},
    {"completions",
     "event_id, position, learner_id, course_id, course_version, course_digest, trusted,"
     " completed_at, valid_until, score, attempt_id",
     nullptr},
    {"certificates", "event_id, learner_id, completion_event_id, code, issued_at", nullptr},
    {"settings", "learner_id, key, value, changed_at", "learner_id"},
};

// "id, name" as "NEW.id, NEW.name".
std::string qualified(std::string_view columns, std::string_view prefix) {
    std::string out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = columns.find(',', start);
        std::string_view column = columns.substr(start, comma - start);
        while (!column.empty() && column.front() == ' ')
            column.remove_prefix(1);
        if (!out.empty())
            out += ", ";
        out += std::string(prefix) + "." + std::string(column);
        if (comma == std::string_view::npos)
            return out;
        start = comma + 1;
    }
}

std::string row_hash_call(const EvidenceTable& t, std::string_view prefix) {
    return "waymark_row_hash('" + std::string(t.name) + "', " +
           (prefix.empty() ? std::string(t.columns) : qualified(t.columns, prefix)) + ")";
}

std::string counts_when(const EvidenceTable& t, std::string_view prefix) {
    if (!t.only_where_empty)
        return "1";
    return (prefix.empty() ? "" : std::string(prefix) + ".") + t.only_where_empty + " = ''";
}

// One value with its type, so that NULL, '' and 0 (and text and a blob of the same
// bytes) hash differently, and with its length, so that no two rows share an encoding.
void append_value(std::string& out, sqlite3_value* v) {
    const auto put_u64 = [&out](std::uint64_t n) {
        for (int i = 0; i < 8; ++i)
            out += static_cast<char>((n >> (8 * i)) & 0xff);
    };
    switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER:
            out += 'I';
            put_u64(static_cast<std::uint64_t>(sqlite3_value_int64(v)));
            break;
        case SQLITE_FLOAT:
            out += 'F';
            put_u64(std::bit_cast<std::uint64_t>(sqlite3_value_double(v)));
            break;
        case SQLITE_TEXT: {
            out += 'T';
            const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
            const int n = sqlite3_value_bytes(v);
            put_u64(static_cast<std::uint64_t>(n));
            out.append(text ? text : "", static_cast<std::size_t>(n));
            break;
        }
        case SQLITE_BLOB: {
            out += 'B';
            const int n = sqlite3_value_bytes(v);
            const auto* blob = static_cast<const char*>(sqlite3_value_blob(v));
            put_u64(static_cast<std::uint64_t>(n));
            out.append(blob ? blob : "", static_cast<std::size_t>(n));
            break;
        }
        default:
            out += 'N';
    }
}

void row_hash_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    thread_local std::string bytes;
    bytes.assign("waymark-row-v1\n");
    for (int i = 0; i < argc; ++i)
        append_value(bytes, argv[i]);
    const Sha256Digest digest = sha256(std::string_view(bytes));
    sqlite3_result_blob(ctx, digest.data(), static_cast<int>(digest.size()), SQLITE_TRANSIENT);
}

// A row's lanes: the AES-256-CTR keystream under the row's hash as key, 2,048 bytes. A
// stream cipher keyed by a hash expands it as an extendable-output function would, and
// libcrypto's AES uses the CPU's AES instructions: about 0.5 us a row, where 64 SHA-256
// calls would cost ten times that.
const EVP_CIPHER* aes_256_ctr() {
    struct FreeCipher {
        void operator()(EVP_CIPHER* c) const noexcept { EVP_CIPHER_free(c); }
    };
    static const std::unique_ptr<EVP_CIPHER, FreeCipher> cipher{
        EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr)};
    if (!cipher)
        throw std::runtime_error(
            "OpenSSL's libcrypto offers no AES-256-CTR: its default provider is missing or "
            "disabled by the OpenSSL configuration (check OPENSSL_CONF and libssl3)");
    return cipher.get();
}

using Lanes = std::array<std::uint16_t, RowsDigest::kLanes>;

void expand(const Sha256Digest& row, Lanes& lanes) {
    struct FreeContext {
        void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
    };
    thread_local const std::unique_ptr<EVP_CIPHER_CTX, FreeContext> ctx{EVP_CIPHER_CTX_new()};
    static const std::array<std::uint8_t, RowsDigest::kBytes> zeros{};
    static const std::array<std::uint8_t, 16> iv{};
    std::array<std::uint8_t, RowsDigest::kBytes> stream;
    int written = 0;
    if (!ctx ||
        EVP_EncryptInit_ex2(ctx.get(), aes_256_ctr(), row.data(), iv.data(), nullptr) != 1 ||
        EVP_EncryptUpdate(ctx.get(), stream.data(), &written, zeros.data(),
                          static_cast<int>(zeros.size())) != 1 ||
        written != static_cast<int>(stream.size()))
        throw std::runtime_error("OpenSSL's AES-256-CTR failed (out of memory?)");
    for (std::size_t i = 0; i < lanes.size(); ++i)
        lanes[i] = static_cast<std::uint16_t>(stream[2 * i] | (stream[2 * i + 1] << 8));
}

}  // namespace

void RowsDigest::add(const Sha256Digest& row) {
    Lanes lanes;
    expand(row, lanes);
    for (std::size_t i = 0; i < kLanes; ++i)
        lanes_[i] = static_cast<std::uint16_t>(lanes_[i] + lanes[i]);
}

void RowsDigest::remove(const Sha256Digest& row) {
    Lanes lanes;
    expand(row, lanes);
    for (std::size_t i = 0; i < kLanes; ++i)
        lanes_[i] = static_cast<std::uint16_t>(lanes_[i] - lanes[i]);
}

void RowsDigest::add(const RowsDigest& other) {
    for (std::size_t i = 0; i < kLanes; ++i)
        lanes_[i] = static_cast<std::uint16_t>(lanes_[i] + other.lanes_[i]);
}

std::string RowsDigest::bytes() const {
    std::string out(kBytes, '\0');
    for (std::size_t i = 0; i < kLanes; ++i) {
        out[2 * i] = static_cast<char>(lanes_[i] & 0xff);
        out[2 * i + 1] = static_cast<char>(lanes_[i] >> 8);
    }
    return out;
}

std::optional<RowsDigest> RowsDigest::from_bytes(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != kBytes)
        return std::nullopt;
    RowsDigest d;
    for (std::size_t i = 0; i < kLanes; ++i)
        d.lanes_[i] = static_cast<std::uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
    return d;
}

Sha256Digest RowsDigest::fingerprint() const {
    return sha256(std::string_view(bytes()));
}

Result<void> register_row_hash(Database& db) {
    const int rc = sqlite3_create_function_v2(db.handle(), "waymark_row_hash", -1,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                              row_hash_function, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return db.error(rc, "preparing the evidence digest");
    return {};
}

Result<void> track_row_changes(Database& db) {
    if (auto r = register_row_hash(db); !r)
        return r;
    std::string sql =
        "CREATE TEMP TABLE IF NOT EXISTS rows_changed(sign INTEGER NOT NULL, hash BLOB NOT NULL);";
    for (const EvidenceTable& t : kEvidenceTables) {
        const std::string name = t.name;
        const std::string added = "INSERT INTO rows_changed SELECT 1, " + row_hash_call(t, "NEW") +
                                  " WHERE " + counts_when(t, "NEW") + ";";
        const std::string removed = "INSERT INTO rows_changed SELECT -1, " +
                                    row_hash_call(t, "OLD") + " WHERE " + counts_when(t, "OLD") +
                                    ";";
        sql += "CREATE TEMP TRIGGER IF NOT EXISTS rows_digest_" + name +
               "_insert AFTER INSERT ON main." + name + " BEGIN " + added + " END;";
        sql += "CREATE TEMP TRIGGER IF NOT EXISTS rows_digest_" + name +
               "_delete AFTER DELETE ON main." + name + " BEGIN " + removed + " END;";
        sql += "CREATE TEMP TRIGGER IF NOT EXISTS rows_digest_" + name +
               "_update AFTER UPDATE ON main." + name + " BEGIN " + removed + added + " END;";
    }
    return db.exec(sql);
}

Result<void> apply_row_changes(Database& db, RowsDigest& digest) {
    auto kept = db.kept("SELECT sign, hash FROM temp.rows_changed");
    if (!kept)
        return kept.error();
    Statement& s = **kept;
    Sha256Digest row{};
    auto applied = each_row(s, [&] {
        const auto hash = s.column_blob(1);
        if (hash.size() != row.size())
            return;
        std::copy(hash.begin(), hash.end(), row.begin());
        if (s.column_int(0) > 0)
            digest.add(row);
        else
            digest.remove(row);
    });
    if (!applied)
        return applied;
    return forget_row_changes(db);
}

Result<void> forget_row_changes(Database& db) {
    auto s = db.kept("DELETE FROM temp.rows_changed");
    if (!s)
        return s.error();
    return (*s)->run();
}

Result<std::optional<std::string>> foreign_trigger(Database& db) {
    auto kept =
        db.kept("SELECT name FROM main.sqlite_schema WHERE type = 'trigger' ORDER BY name LIMIT 1");
    if (!kept)
        return kept.error();
    Statement& s = **kept;
    auto row = s.step();
    std::optional<std::string> name;
    if (row && *row)
        name = s.column_text(0);
    s.reset();
    if (!row)
        return row.error();
    return name;
}

std::string foreign_trigger_problem(std::string_view name) {
    return "holds a trigger named \"" + std::string(name) +
           "\" that Waymark did not create: its schema was changed so that a write would "
           "change other rows (remove it with: sqlite3 LEDGER 'DROP TRIGGER \"" +
           std::string(name) + "\"')";
}

Result<RowsDigest> digest_of_rows(Database& db, RowRange completions, bool other_tables) {
    if (auto r = register_row_hash(db); !r)
        return r.error();
    RowsDigest digest;
    Sha256Digest row{};
    for (const EvidenceTable& t : kEvidenceTables) {
        const bool is_completions = std::string_view(t.name) == "completions";
        if (!is_completions && !other_tables)
            continue;
        std::string sql = "SELECT " + row_hash_call(t, "") + " FROM main." + t.name + " WHERE " +
                          counts_when(t, "");
        if (is_completions)
            sql += " AND rowid BETWEEN ?1 AND ?2";
        auto s = db.prepare(sql);
        if (!s)
            return s.error();
        if (is_completions) {
            s->bind(1, completions.first);
            s->bind(2, completions.last);
        }
        auto scanned = each_row(*s, [&] {
            const auto hash = s->column_blob(0);
            std::copy(hash.begin(), hash.end(), row.begin());
            digest.add(row);
        });
        if (!scanned)
            return scanned.error();
    }
    return digest;
}

}  // namespace waymark::ledger
