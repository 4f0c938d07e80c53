#include "waymark/ledger/witness.hpp"

#include <rapidjson/document.h>

#include <array>
#include <fstream>

#include "state.hpp"
#include "waymark/core/files.hpp"
#include "witnesses.hpp"

namespace waymark::ledger {

namespace {

constexpr const char* kFormat = "waymark-checkpoint-v1";

bool plain(std::string_view s) {
    for (const char c : s)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            return false;
    return true;
}

Error not_a_witness(const std::string& what) {
    return make_error(ErrorCode::parse, "this is not a Waymark checkpoint (" + what +
                                            "); save one with 'waymark ledger witness -o FILE'");
}

}  // namespace

std::string witness_json(const Checkpoint& c) {
    // Every field is an id, a number, hex, an ISO time or a reason word: nothing to escape.
    return std::string("{\"format\":\"") + kFormat + "\",\"device_id\":\"" + c.device_id +
           "\",\"seq\":" + std::to_string(c.seq) + ",\"head_hash\":\"" + to_hex(c.head_hash) +
           "\",\"time\":\"" + c.time + "\",\"reason\":\"" + c.reason + "\",\"signature\":\"" +
           to_hex(c.signature) + "\",\"public_key\":\"" + to_hex(c.public_key.bytes) + "\"}\n";
}

Result<Checkpoint> read_witness_json(std::string_view text) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    if (d.HasParseError() || !d.IsObject())
        return not_a_witness("not a JSON object");
    // Read through a const reference: RapidJSON's mutable member iterators compare
    // ambiguously under C++20's reversed operators (clang's -Wambiguous-reversed-operator).
    const rapidjson::Value& fields = d;
    auto str = [&](const char* key) -> std::optional<std::string> {
        const auto it = fields.FindMember(key);
        if (it == fields.MemberEnd() || !it->value.IsString())
            return std::nullopt;
        std::string v(it->value.GetString(), it->value.GetStringLength());
        if (!plain(v))
            return std::nullopt;
        return v;
    };
    const auto format = str("format");
    if (!format || *format != kFormat)
        return not_a_witness(std::string("\"format\" is not \"") + kFormat + "\"");
    Checkpoint c;
    const auto seq = fields.FindMember("seq");
    if (seq == fields.MemberEnd() || !seq->value.IsInt64() || seq->value.GetInt64() < 0)
        return not_a_witness("\"seq\" is not a whole number");
    c.seq = seq->value.GetInt64();
    const auto device = str("device_id"), time = str("time"), reason = str("reason"),
               hash = str("head_hash"), sig = str("signature"), key = str("public_key");
    if (!device || !time || !reason || !hash || !sig || !key)
        return not_a_witness("a field is missing or not text");
    if (!from_hex(*hash, c.head_hash) || !from_hex(*sig, c.signature) ||
        !from_hex(*key, c.public_key.bytes))
        return not_a_witness("a hash, signature or key is not hex of the right length");
    c.device_id = *device;
    c.time = *time;
    c.reason = *reason;
    return c;
}

Result<std::vector<Witness>> read_witnesses(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::not_found, "cannot read the witness; check the file name",
                          file.string());
    std::array<char, 16> magic{};
    in.read(magic.data(), magic.size());
    if (std::string_view(magic.data(), static_cast<std::size_t>(in.gcount())) !=
        std::string_view("SQLite format 3\0", 16)) {
        auto text = read_file(file, 64 * 1024);
        if (!text)
            return text.error();
        auto c = read_witness_json(*text);
        if (!c)
            return make_error(c.error().code, c.error().message, file.string());
        return std::vector<Witness>{Witness{*c, file.string()}};
    }
    auto db = Database::open_read_only(file);
    if (!db)
        return db.error();
    return latest_checkpoints(*db, "the ledger " + file.string());
}

}  // namespace waymark::ledger
