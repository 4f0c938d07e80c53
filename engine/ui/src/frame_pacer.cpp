#include "waymark/ui/frame_pacer.hpp"

#include <imgui_internal.h>

#include <cfloat>
#include <functional>
#include <string_view>

namespace waymark::ui {
namespace {

void mix(std::uint64_t& h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
}

template <typename T>
void mix_bytes(std::uint64_t& h, const ImVector<T>& v) {
    mix(h, std::hash<std::string_view>{}(
               std::string_view(reinterpret_cast<const char*>(v.Data), v.size_in_bytes())));
}

// A window whose scroll was requested this frame shows the new position only on the next.
bool scroll_pending() {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g)
        return false;
    for (const ImGuiWindow* w : g->Windows)
        if (w->Active && (w->ScrollTarget.x != FLT_MAX || w->ScrollTarget.y != FLT_MAX))
            return true;
    return false;
}

}  // namespace

std::uint64_t frame_signature(const ImDrawData& data) {
    std::uint64_t h = 1469598103934665603ull;
    mix(h, static_cast<std::uint64_t>(data.CmdListsCount));
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList* list = data.CmdLists[i];
        mix_bytes(h, list->VtxBuffer);
        mix_bytes(h, list->IdxBuffer);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            mix(h, static_cast<std::uint64_t>(cmd.ElemCount));
            mix(h, reinterpret_cast<std::uintptr_t>(cmd.TextureId));
            for (float f : {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w})
                mix(h, static_cast<std::uint64_t>(static_cast<std::int64_t>(f * 16)));
        }
    }
    // A frame with a scroll still to apply is never the same as any other: keep drawing.
    static std::uint64_t pending_frames = 0;
    if (scroll_pending())
        mix(h, 0x5c0113ull + ++pending_frames);
    return h;
}

void FramePacer::wake() {
    settling_ = true;
    frames_ = 0;
}

// A press seen this frame is acted on when it is released, a release on the frame it
// arrives: either way the next frame has work to do, even if this one looks the same.
static bool mouse_in_flight() {
    if (!ImGui::GetCurrentContext())
        return false;
    const ImGuiIO& io = ImGui::GetIO();
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b)
        if (io.MouseClicked[b] || io.MouseReleased[b])
            return true;
    return false;
}

bool FramePacer::drawn(std::uint64_t signature, bool animating) {
    ++frames_;
    if (mouse_in_flight())
        have_last_ = false;
    const bool same = have_last_ && signature == last_;
    have_last_ = true;
    last_ = signature;
    if (animating) {
        settling_ = true;
        frames_ = 0;
        return true;
    }
    if (same || frames_ >= max_frames) {
        // Settled (or given up on): show it and idle until the next event.
        settling_ = false;
        return true;
    }
    return false;
}

}  // namespace waymark::ui
