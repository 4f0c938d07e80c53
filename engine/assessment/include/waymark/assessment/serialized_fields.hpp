// waymark/assessment/serialized_fields.hpp: how events write times and seeds, and how
// a reader treats their versions.
//
// The ledger stores events as JSON through cereal. A few fields get a form chosen for
// people and for other JSON readers rather than cereal's default: times as ISO 8601
// strings ("2026-11-25T12:13:46.123Z"), seeds as 16 hex digits (JSON numbers above 2^53
// lose precision in many readers), durations as whole milliseconds. Wrap the field when
// serialising: ar(cereal::make_nvp("at", IsoTime{event.at})). Loading a malformed value
// throws cereal::Exception, which event_json.hpp turns into an Error.
//
// Versions: each event type has a CEREAL_CLASS_VERSION, written into every payload as
// "cereal_class_version". Its serialize() starts with refuse_newer_version<T>(version)
// and reads a field added in version N only when the payload's version is at least N,
// so a ledger written by an older Waymark stays readable and one written by a newer
// Waymark is refused rather than read without the fields it does not know.
#pragma once

#include <cereal/cereal.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "waymark/core/time.hpp"

namespace waymark::assessment {

// A payload of a newer version than this build reads; what() says which.
struct NewerVersion : cereal::Exception {
    using cereal::Exception::Exception;
};

// Throws NewerVersion when `version` (the payload's) is newer than T's
// CEREAL_CLASS_VERSION. Writing always uses T's own version, so only reading can throw.
template <class T>
void refuse_newer_version(std::uint32_t version) {
    const std::uint32_t known = cereal::detail::Version<T>::version;
    if (version > known)
        throw NewerVersion("is of version " + std::to_string(version) +
                           ", and this Waymark reads versions up to " + std::to_string(known));
}

struct IsoTime {
    UtcTime& time;
};

struct HexSeed {
    std::uint64_t& seed;
};

struct Milliseconds {
    std::chrono::milliseconds& duration;
};

// "0123456789abcdef" for a seed.
std::string format_seed(std::uint64_t seed);
// Exactly 16 hex digits (either case); false otherwise.
bool parse_seed(const std::string& text, std::uint64_t& out);

template <class Archive>
std::string save_minimal(const Archive&, const IsoTime& field) {
    return format_iso8601(field.time);
}

template <class Archive>
void load_minimal(const Archive&, IsoTime& field, const std::string& text) {
    const auto parsed = parse_iso8601(text);
    if (!parsed)
        throw cereal::Exception("\"" + text + "\" is not an ISO 8601 UTC time");
    field.time = *parsed;
}

template <class Archive>
std::string save_minimal(const Archive&, const HexSeed& field) {
    return format_seed(field.seed);
}

template <class Archive>
void load_minimal(const Archive&, HexSeed& field, const std::string& text) {
    if (!parse_seed(text, field.seed))
        throw cereal::Exception("\"" + text + "\" is not a seed of 16 hex digits");
}

template <class Archive>
std::int64_t save_minimal(const Archive&, const Milliseconds& field) {
    return field.duration.count();
}

template <class Archive>
void load_minimal(const Archive&, Milliseconds& field, const std::int64_t& value) {
    field.duration = std::chrono::milliseconds{value};
}

}  // namespace waymark::assessment
