#include "waymark/player/window_placement.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

namespace waymark::player {
namespace {

std::int64_t overlap(const ScreenRect& a, const ScreenRect& b) {
    const std::int64_t w =
        std::int64_t{std::min(a.x + a.width, b.x + b.width)} - std::max(a.x, b.x);
    const std::int64_t h =
        std::int64_t{std::min(a.y + a.height, b.y + b.height)} - std::max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

// The window, frame and all, of `content`.
ScreenRect outer(const ScreenRect& content, const FrameInsets& f) {
    return {content.x - f.left, content.y - f.top, content.width + f.left + f.right,
            content.height + f.top + f.bottom};
}

// `content` made no larger than `area` holds, frame included, then moved inside it.
ScreenRect fit(ScreenRect content, const FrameInsets& f, const ScreenRect& area) {
    content.width = std::max(1, std::min(content.width, area.width - f.left - f.right));
    content.height = std::max(1, std::min(content.height, area.height - f.top - f.bottom));
    const ScreenRect o = outer(content, f);
    const int x = std::clamp(o.x, area.x, area.x + area.width - o.width);
    const int y = std::clamp(o.y, area.y, area.y + area.height - o.height);
    content.x = x + f.left;
    content.y = y + f.top;
    return content;
}

}  // namespace

WindowPlacement place_window(const WindowRequest& request) {
    const FrameInsets& f = request.frame;
    std::vector<ScreenRect> areas;
    for (const auto& a : request.work_areas)
        if (a.width > f.left + f.right && a.height > f.top + f.bottom)
            areas.push_back(a);
    WindowPlacement placement;
    placement.minimum_width = request.minimum_width;
    placement.minimum_height = request.minimum_height;
    if (areas.empty()) {
        placement.content = {f.left, f.top, request.preferred_width, request.preferred_height};
        return placement;
    }
    // A remembered window goes back to the monitor it overlaps most; on none, it is new.
    const ScreenRect* area = &areas.front();
    std::optional<ScreenRect> wanted;
    if (request.remembered && request.remembered->width > 0 && request.remembered->height > 0) {
        const ScreenRect was = outer(*request.remembered, f);
        std::int64_t best = 0;
        for (const auto& a : areas)
            if (const auto o = overlap(was, a); o > best) {
                best = o;
                area = &a;
                wanted = request.remembered;
            }
    }
    if (!wanted) {
        // A new window: the preferred size, in the middle of the primary monitor.
        const ScreenRect sized =
            fit({area->x, area->y, request.preferred_width, request.preferred_height}, f, *area);
        const ScreenRect o = outer(sized, f);
        wanted =
            ScreenRect{area->x + (area->width - o.width) / 2 + f.left,
                       area->y + (area->height - o.height) / 2 + f.top, sized.width, sized.height};
    }
    placement.content = fit(*wanted, f, *area);
    placement.minimum_width =
        std::max(1, std::min(request.minimum_width, area->width - f.left - f.right));
    placement.minimum_height =
        std::max(1, std::min(request.minimum_height, area->height - f.top - f.bottom));
    return placement;
}

std::string format_window_memory(const ScreenRect& content) {
    return std::to_string(content.x) + " " + std::to_string(content.y) + " " +
           std::to_string(content.width) + " " + std::to_string(content.height) + "\n";
}

std::optional<ScreenRect> parse_window_memory(std::string_view text) {
    constexpr long long max_position = 1'000'000;
    constexpr long long max_size = 100'000;
    long long numbers[4] = {};
    const char* at = text.data();
    const char* end = text.data() + text.size();
    for (auto& n : numbers) {
        while (at < end && *at == ' ')
            ++at;
        const auto [next, error] = std::from_chars(at, end, n);
        if (error != std::errc{} || next == at)
            return std::nullopt;
        at = next;
        if (at < end && *at != ' ' && *at != '\n')
            return std::nullopt;
    }
    while (at < end && (*at == ' ' || *at == '\n'))
        ++at;
    if (at != end)
        return std::nullopt;
    for (int i = 0; i < 2; ++i)
        if (numbers[i] < -max_position || numbers[i] > max_position)
            return std::nullopt;
    for (int i = 2; i < 4; ++i)
        if (numbers[i] < 1 || numbers[i] > max_size)
            return std::nullopt;
    return ScreenRect{static_cast<int>(numbers[0]), static_cast<int>(numbers[1]),
                      static_cast<int>(numbers[2]), static_cast<int>(numbers[3])};
}

}  // namespace waymark::player
