// waymark/core/ids.hpp: random identifiers (RFC 9562 version 4 UUIDs).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

class Uuid {
  public:
    // A fresh random UUID from libsodium's CSPRNG.
    static Uuid random();
    // Parses the canonical 8-4-4-4-12 lowercase or uppercase hex form.
    static std::optional<Uuid> parse(std::string_view text);

    // Canonical lowercase form, e.g. "1b4e28ba-2fa1-4d2b-883f-0016d3cca427".
    std::string str() const;
    const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

    friend bool operator==(const Uuid&, const Uuid&) = default;
    friend auto operator<=>(const Uuid&, const Uuid&) = default;

  private:
    std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace waymark
