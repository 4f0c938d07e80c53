#include "waymark/core/ids.hpp"

#include "waymark/core/crypto.hpp"

namespace waymark {

Uuid Uuid::random() {
    Uuid id;
    random_bytes(id.bytes_);
    id.bytes_[6] = static_cast<std::uint8_t>((id.bytes_[6] & 0x0F) | 0x40);  // version 4
    id.bytes_[8] = static_cast<std::uint8_t>((id.bytes_[8] & 0x3F) | 0x80);  // RFC variant
    return id;
}

std::optional<Uuid> Uuid::parse(std::string_view text) {
    if (text.size() != 36)
        return std::nullopt;
    std::string hex;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position != (text[i] == '-'))
            return std::nullopt;
        if (!dash_position)
            hex.push_back(text[i]);
    }
    Uuid id;
    if (!from_hex(hex, id.bytes_))
        return std::nullopt;
    return id;
}

std::string Uuid::str() const {
    const std::string hex = to_hex(bytes_);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace waymark
