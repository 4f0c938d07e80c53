#include "waymark/ui/view.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

using player::Screen;

struct PlayerView::Impl {
    PlayerView& view;
    std::string copied;
    float scroll_target = 0;  // where smooth scrolling is heading
    bool scrolling = false;
    player::PagePosition shown_at{~std::size_t{0},
                                  ~std::size_t{0}};  // to scroll a new page to its top

    explicit Impl(PlayerView& v) : view(v) {}

    player::Player& p() { return view.player_; }

    DrawContext context() {
        const float scale = view.fonts_.body ? view.fonts_.body->FontSize / 18.f : 1.f;
        DrawContext ctx{p(), view.fonts_, palette(p().settings().theme), scale, {}, {}, &copied};
        ctx.follow_link = [this](const std::string& url) { follow(url); };
        ctx.image = [this](const std::string& module_file, const std::string& src) {
            return image(module_file, src);
        };
        return ctx;
    }

    // --- links and images ----------------------------------------------------------

    void follow(const std::string& url) {
        const bool web = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
                         url.rfind("mailto:", 0) == 0;
        if (web) {
            view.last_link_ = url;
            if (view.hooks_.open_url)
                view.hooks_.open_url(url);
            return;
        }
        // A link to another page of the course: "02-questions.md#anchor" or "#anchor".
        auto* reader = p().reader();
        if (!reader)
            return;
        const auto hash = url.find('#');
        const std::string file = url.substr(0, hash);
        const std::string anchor = hash == std::string::npos ? "" : url.substr(hash + 1);
        const auto& modules = reader->course().modules;
        for (std::size_t m = 0; m < modules.size(); ++m) {
            const auto& f = modules[m].file;
            const bool same = file.empty()
                                  ? m == reader->position().module
                                  : f.size() >= file.size() &&
                                        f.compare(f.size() - file.size(), file.size(), file) == 0;
            if (!same)
                continue;
            for (std::size_t pg = 0; pg < modules[m].pages.size(); ++pg)
                if (anchor.empty() || modules[m].pages[pg].anchor == anchor) {
                    p().go_to_page({m, pg});
                    return;
                }
        }
    }

    const Texture* image(const std::string& module_file, const std::string& src) {
        const auto* course = p().current_course();
        if (!course || !course->files)
            return nullptr;
        const std::string path = course::resolve_course_path(*course->files, module_file, src);
        if (path.empty())
            return nullptr;
        const std::string key = course->path.string() + "|" + path;
        auto it = view.textures_.find(key);
        if (it == view.textures_.end()) {
            auto bytes = course->files->read(path, 32u << 20);
            Texture t = bytes ? view.images_.load(*bytes) : Texture{};
            it = view.textures_.emplace(key, t).first;
        }
        return &it->second;
    }

    // The mouse wheel moves the page towards a target a little each frame, unless the
    // learner asked for reduced motion; keyboard and scrollbar moves take effect at once.
    void smooth_scroll(const DrawContext& ctx) {
        const float now = ImGui::GetScrollY();
        const float wheel =
            ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) ? ImGui::GetIO().MouseWheel : 0;
        if (wheel == 0 && std::abs(scroll_target - now) > 0 && !scrolling)
            scroll_target = now;  // moved some other way
        if (wheel != 0)
            scroll_target = std::clamp(scroll_target - wheel * 5 * ctx.fonts.body->FontSize, 0.f,
                                       ImGui::GetScrollMaxY());
        // The page may have grown shorter since (layout settling): never aim past its end.
        scroll_target = std::clamp(scroll_target, 0.f, ImGui::GetScrollMaxY());
        const float gap = scroll_target - now;
        // ImGui keeps scroll positions in whole pixels: the last pixel or two are a jump.
        if (std::abs(gap) < 2.f || p().settings().reduced_motion) {
            if (std::abs(gap) >= 0.5f)
                ImGui::SetScrollY(scroll_target);
            scrolling = false;
            return;
        }
        const float step = gap * 0.35f;
        ImGui::SetScrollY(now + (std::abs(step) < 1.f ? std::copysign(1.f, gap) : step));
        scrolling = true;
        view.animating_ = true;
    }

    // --- layout helpers ----------------------------------------------------------

    float column_width(const DrawContext& ctx, float avail) {
        const char* sample = "abcdefghijklmnopqrstuvwxyz";
        const float per_char =
            ctx.fonts.body->CalcTextSizeA(ctx.fonts.body->FontSize, FLT_MAX, 0, sample).x / 26.f;
        return std::min(avail, per_char * 72.f);
    }

    // Starts a centred column; returns its width.
    float centre(const DrawContext& ctx) {
        const float avail = ImGui::GetContentRegionAvail().x;
        const float w = column_width(ctx, avail);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
        return w;
    }

    void title(const DrawContext& ctx, const std::string& text) {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }

    void muted(const DrawContext& ctx, const std::string& text) {
        ImGui::PushStyleColor(ImGuiCol_Text, ctx.colours.muted);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }

    void notice(DrawContext& ctx, float width) {
        if (p().notice().empty())
            return;
        draw_panel(
            ctx, ctx.colours.important_bg, ctx.colours.important_border, width,
            [&](float w) { draw_text(ctx, p().notice(), ctx.fonts.body, ctx.colours.text, w); },
            true);
    }

    bool escape_pressed() {
        return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
               !ImGui::GetIO().WantTextInput;
    }

    // --- top bar -------------------------------------------------------------------

    void top_bar(DrawContext& ctx) {
        ImGui::PushFont(ctx.fonts.heading);
        ImGui::TextColored(ctx.colours.accent, "Waymark");
        ImGui::PopFont();
        const auto* learner = p().learner();
        if (!learner || p().screen() == Screen::stopped) {
            ImGui::Separator();
            return;
        }
        ImGui::SameLine();
        const float right = ImGui::GetWindowContentRegionMax().x;
        const char* a = "Library##top";
        const char* b = "Settings##top";
        const char* c = "Sign out##top";
        const ImGuiStyle& st = ImGui::GetStyle();
        auto width_of = [&](const char* label) {
            return ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2;
        };
        const bool sign_out = p().can_sign_out();
        const float buttons = width_of(a) + width_of(b) + (sign_out ? width_of(c) : 0) +
                              st.ItemSpacing.x * (sign_out ? 2 : 1);
        const std::string who =
            learner->name + (learner->team.empty() ? "" : " \xC2\xB7 " + learner->team);
        const float who_w = ImGui::CalcTextSize(who.c_str()).x;
        ImGui::SetCursorPosX(
            std::max(ImGui::GetCursorPosX(), right - buttons - who_w - st.ItemSpacing.x * 2));
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ctx.colours.muted, "%s", who.c_str());
        ImGui::SameLine();
        if (button(a, p().screen() != Screen::library))
            p().back_to_library();
        ImGui::SameLine();
        if (button(b, p().screen() != Screen::settings))
            p().open_settings();
        if (sign_out) {
            ImGui::SameLine();
            if (button(c))
                p().sign_out();
        }
        ImGui::Separator();
    }

    // --- screens -------------------------------------------------------------------

    void learners(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Who is taking training?");
        muted(ctx, "Pick your name to carry on where you left off.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        const auto& people = p().learners();
        for (std::size_t i = 0; i < people.size(); ++i) {
            const auto& l = people[i];
            std::string label = l.name + (l.team.empty() ? "" : "  \xC2\xB7  " + l.team) +
                                "##learner" + std::to_string(i);
            if (button(label.c_str(), true, ImVec2(w, 0)))
                p().choose_learner(i);
        }
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        if (primary_button("Add yourself"))
            p().show_add_learner();
        manager_link(ctx);
        ImGui::EndGroup();
    }

    void manager_link(DrawContext& ctx) {
        if (!p().has_manager_area())
            return;
        ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
        ImGui::Separator();
        muted(ctx, "Managers: see who has completed their training.");
        if (button("Manager area"))
            p().open_manager();
    }

    void manager_sign_in(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Manager area");
        if (!p().manager_passphrase_set()) {
            // The player never sets the passphrase: whoever clicked first would choose it.
            draw_text(ctx,
                      "No manager passphrase is set on this device. An administrator sets one "
                      "with: waymark manager passphrase",
                      ctx.fonts.body, ctx.colours.text, w);
            note_item("No manager passphrase is set on this device.");
            if (!p().manager_problem().empty())
                draw_text(ctx, p().manager_problem(), ctx.fonts.body, ctx.colours.danger, w);
            ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
            if (primary_button("Back##manager"))
                p().close_manager();
            ImGui::EndGroup();
            if (escape_pressed())
                p().close_manager();
            return;
        }
        muted(ctx, "Type the manager passphrase to see completion by team and course.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted("Passphrase");
        ImGui::PopFont();
        ImGui::SetNextItemWidth(w);
        const bool enter =
            ImGui::InputText("##passphrase", &p().manager_passphrase(),
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        note_item("Passphrase");
        const std::string problem = p().manager_problem();
        if (!problem.empty())
            draw_text(ctx, problem, ctx.fonts.body, ctx.colours.danger, w);
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        // Disabled while the wait after a wrong passphrase runs; the message counts down.
        const bool can_open = p().can_submit_manager_passphrase();
        if (primary_button("Open the manager area", can_open) || (enter && can_open))
            p().submit_manager_passphrase();
        ImGui::SameLine();
        if (button("Cancel##manager"))
            p().close_manager();
        ImGui::EndGroup();
        if (escape_pressed())
            p().close_manager();
    }

    void manager(DrawContext& ctx) {
        const auto* board = p().dashboard();
        if (!board)
            return;
        const float avail = ImGui::GetContentRegionAvail().x;
        const float w = std::min(avail, 1000 * ctx.scale);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
        ImGui::BeginGroup();
        title(ctx, "Completion by team and course");
        muted(ctx, "Counts of learners on this device. Exports come with the reports.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        if (board->rows.empty())
            draw_text(ctx, "Nobody has been added on this device yet.", ctx.fonts.body,
                      ctx.colours.text, w);
        else if (ImGui::BeginTable("dashboard", 6,
                                   ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                       ImGuiTableFlags_SizingStretchProp,
                                   ImVec2(w, 0))) {
            for (const char* h :
                 {"Team", "Course", "Completed", "In progress", "Not started", "Overdue"})
                ImGui::TableSetupColumn(h);
            ImGui::TableHeadersRow();
            for (const auto& r : board->rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.team.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", r.course_title.c_str());
                ImGui::TableNextColumn();
                ImGui::TextColored(
                    r.completed == r.learners ? ctx.colours.success : ctx.colours.text, "%d of %d",
                    r.completed, r.learners);
                ImGui::TableNextColumn();
                ImGui::Text("%d", r.in_progress);
                ImGui::TableNextColumn();
                ImGui::Text("%d", r.not_started);
                ImGui::TableNextColumn();
                if (r.overdue > 0)
                    ImGui::TextColored(ctx.colours.danger, "%d", r.overdue);
                else
                    ImGui::TextUnformatted("0");
            }
            ImGui::EndTable();
        }
        ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
        draw_text(ctx, "Overdue", ctx.fonts.heading, ctx.colours.text, w);
        if (board->overdue.empty())
            draw_text(ctx, "\xE2\x9C\x93 Nobody is overdue.", ctx.fonts.body, ctx.colours.success,
                      w);
        for (const auto& o : board->overdue)
            draw_text(ctx,
                      o.name + " (" + o.team + "): " + o.course_title + ", overdue by " +
                          std::to_string(o.days) + (o.days == 1 ? " day" : " days"),
                      ctx.fonts.body, ctx.colours.text, w);
        note_item("Overdue list");
        ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
        if (primary_button("Lock the manager area"))
            p().close_manager();
        ImGui::EndGroup();
        if (escape_pressed())
            p().close_manager();
    }

    void field(DrawContext& ctx, const char* label, const char* hint, std::string* value,
               player::LearnerField which, float w) {
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted(label);
        ImGui::PopFont();
        if (hint && *hint)
            muted(ctx, hint);
        ImGui::SetNextItemWidth(w);
        input_text((std::string("##") + label).c_str(), value);
        // The harness finds text fields by the label above them.
        note_item(label);
        for (const auto& problem : p().form_problems())
            if (problem.field == which)
                draw_text(ctx, problem.message, ctx.fonts.body, ctx.colours.danger, w);
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    }

    void add_learner(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Add yourself");
        muted(ctx, "Your manager sees your name and team beside your training record.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        auto& f = p().form();
        field(ctx, "Name", nullptr, &f.name, player::LearnerField::name, w);
        field(ctx, "Staff id", "Letters, digits and hyphens, such as WF-10234.", &f.staff_id,
              player::LearnerField::staff_id, w);
        field(ctx, "Team", nullptr, &f.team, player::LearnerField::team, w);
        field(ctx, "Role", "Such as family worker, teacher or receptionist.", &f.role,
              player::LearnerField::role, w);
        if (primary_button("Save and continue"))
            p().submit_learner_form();
        if (!p().learners().empty()) {
            ImGui::SameLine();
            if (button("Cancel"))
                p().cancel_add_learner();
        }
        ImGui::EndGroup();
        if (escape_pressed() && !p().learners().empty())
            p().cancel_add_learner();
    }

    void library(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Your training");
        muted(ctx, "Courses on this device. Pick one to start or carry on.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        const auto& courses = p().library();
        if (courses.empty())
            draw_text(ctx,
                      "No courses were found. Put course folders or .wmpkg packages in "
                      "~/.local/share/waymark/courses, or start the player with --courses DIR.",
                      ctx.fonts.body, ctx.colours.text, w);
        for (std::size_t i = 0; i < courses.size(); ++i) {
            const auto& c = courses[i];
            ImGui::PushID(static_cast<int>(i));
            draw_panel(ctx, ctx.colours.card, ctx.colours.card_border, w, [&](float iw) {
                draw_text(ctx, c.title(), ctx.fonts.heading, ctx.colours.text, iw);
                if (c.preview_only()) {
                    ImGui::PushFont(ctx.fonts.small);
                    ImGui::TextColored(
                        ctx.colours.warning,
                        "\xE2\x9A\xA0 Preview only: not signed by a publisher this device trusts. "
                        "Completions here do not count.");
                    ImGui::PopFont();
                }
                if (c.course) {
                    if (!c.course->summary.empty())
                        draw_text(ctx, c.course->summary, ctx.fonts.body, ctx.colours.text, iw);
                    const auto status = p().status_of(i);
                    char facts[160];
                    std::snprintf(facts, sizeof facts, "About %d minutes  \xC2\xB7  %zu modules",
                                  c.course->estimated_minutes > 0 ? c.course->estimated_minutes
                                                                  : c.course->reading_minutes(),
                                  c.course->modules.size());
                    draw_text(ctx, facts, ctx.fonts.small, ctx.colours.muted, iw);
                    const ImVec4 colour =
                        status.kind == player::StatusKind::overdue     ? ctx.colours.danger
                        : status.kind == player::StatusKind::due_soon  ? ctx.colours.warning
                        : status.kind == player::StatusKind::completed ? ctx.colours.success
                                                                       : ctx.colours.text;
                    draw_text(ctx, status.label(), ctx.fonts.bold, colour, iw);
                    if (c.playable()) {
                        const char* verb = status.kind == player::StatusKind::not_started ? "Start"
                                           : status.kind == player::StatusKind::in_progress
                                               ? "Continue"
                                               : "Open";
                        const std::string label = std::string(verb) + "##" + c.course->id;
                        if (primary_button(label.c_str()))
                            p().open_course(i);
                    }
                }
                if (!c.error.empty())
                    draw_text(ctx, c.error, ctx.fonts.body, ctx.colours.danger, iw);
            });
            ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
            ImGui::PopID();
        }
        manager_link(ctx);
        ImGui::EndGroup();
        if (view.show_diagnostics_ && !courses.empty()) {
            const auto& c = courses.front();
            ImGui::BeginChild("diagnostics", ImVec2(0, 0), true);
            ImGui::PushFont(ctx.fonts.mono);
            diagnostic_lines(ctx, c.diagnostics);
            ImGui::PopFont();
            ImGui::EndChild();
        }
    }

    void toc(DrawContext& ctx, player::CourseReader& r) {
        const auto& course = r.course();
        draw_text(ctx, course.title, ctx.fonts.subheading, ctx.colours.text,
                  ImGui::GetContentRegionAvail().x);
        char percent[64];
        std::snprintf(percent, sizeof percent, "%d%% read", r.percent_read());
        muted(ctx, percent);
        ImGui::Separator();
        for (std::size_t m = 0; m < course.modules.size(); ++m) {
            const auto& module = course.modules[m];
            ImGui::PushID(static_cast<int>(m));
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
            ImGui::TextUnformatted(
                ((r.module_read(m) ? "\xE2\x9C\x93 " : "") + module.title).c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopFont();
            for (std::size_t pg = 0; pg < module.pages.size(); ++pg) {
                const player::PagePosition pos{m, pg};
                const bool here = r.position() == pos;
                const std::string label =
                    module.pages[pg].title + "##toc" + std::to_string(m) + "-" + std::to_string(pg);
                if (wrapped_selectable(label.c_str(), here, r.is_read(pos) ? "\xE2\x9C\x93" : ""))
                    p().go_to_page(pos);
                if (here && ImGui::IsWindowAppearing())
                    ImGui::SetScrollHereY(0.3f);
            }
            ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
            ImGui::PopID();
        }
        if (p().has_assessment()) {
            ImGui::Separator();
            if (selectable("Assessment##toc", false))
                p().open_assessment_intro();
        }
    }

    void course_screen(DrawContext& ctx) {
        auto* r = p().reader();
        if (!r)
            return;
        const float footer = ImGui::GetFrameHeightWithSpacing() + 20 * ctx.scale;
        const float sidebar = std::min(320 * ctx.scale, ImGui::GetContentRegionAvail().x * 0.3f);
        const float diagnostics_h = view.show_diagnostics_ ? 160 * ctx.scale : 0;
        ImGui::BeginChild("toc", ImVec2(sidebar, -footer - diagnostics_h), true);
        toc(ctx, *r);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("page", ImVec2(0, -footer - diagnostics_h), false,
                          ImGuiWindowFlags_NoScrollWithMouse);
        if (shown_at != r->position()) {
            ImGui::SetScrollY(0);
            scroll_target = 0;
            shown_at = r->position();
        }
        smooth_scroll(ctx);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        const float w = centre(ctx);
        ImGui::BeginGroup();
        ImGui::PushFont(ctx.fonts.small);
        ImGui::TextColored(ctx.colours.muted, "%s", r->module().title.c_str());
        ImGui::PopFont();
        draw_text(ctx, r->page().title, ctx.fonts.title, ctx.colours.text, w);
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        notice(ctx, w);
        draw_blocks(ctx, r->page().blocks, r->module(), w);
        if (!r->can_go_next() && !r->module().sources.empty()) {
            ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
            draw_text(ctx, "Sources", ctx.fonts.subheading, ctx.colours.text, w);
        }
        if (!r->module().sources.empty() && r->position().page + 1 == r->module().pages.size()) {
            for (const auto& s : r->module().sources) {
                content::Inlines spans{content::Span{s.title}};
                if (!s.url.empty())
                    spans[0].link = s.url;
                draw_inlines(ctx, spans, ctx.fonts.small, ctx.colours.muted, w);
            }
        }
        ImGui::Dummy(ImVec2(1, 24 * ctx.scale));
        ImGui::EndGroup();
        ImGui::EndChild();
        if (view.show_diagnostics_)
            diagnostics(ctx);
        // Footer: Back, where you are, Next.
        ImGui::Separator();
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        if (button("Back##page", r->can_go_back()))
            p().previous_page();
        ImGui::SameLine();
        const std::string where = r->progress_label();
        const float avail = ImGui::GetContentRegionAvail().x;
        const float where_w = ImGui::CalcTextSize(where.c_str()).x;
        const std::string next = p().next_label() + "##page";
        const float next_w = ImGui::CalcTextSize(next.c_str(), nullptr, true).x +
                             ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - where_w) / 2 -
                             ImGui::GetStyle().ItemSpacing.x * 4);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ctx.colours.muted, "%s", where.c_str());
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - next_w);
        if (primary_button(next.c_str(), p().can_go_next()))
            p().next_page();
        if (!ImGui::GetIO().WantTextInput) {
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false) &&
                !ImGui::GetIO().NavActive)
                p().next_page();
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false) &&
                !ImGui::GetIO().NavActive)
                p().previous_page();
        }
        if (escape_pressed())
            p().back_to_library();
    }

    // One line per problem, findable by the test harness under its text.
    void diagnostic_lines(DrawContext& ctx, const Diagnostics& all) {
        for (const auto& d : all.items()) {
            const std::string line = d.format();
            ImGui::TextColored(
                d.severity == Severity::error ? ctx.colours.danger : ctx.colours.warning, "%s",
                line.c_str());
            note_item((line + "##diagnostic").c_str());
        }
    }

    void diagnostics(DrawContext& ctx) {
        const auto* c = p().current_course();
        ImGui::BeginChild("diagnostics", ImVec2(0, 150 * ctx.scale), true);
        if (!c || c->diagnostics.empty()) {
            ImGui::TextColored(ctx.colours.success, "\xE2\x9C\x93 No problems found in %s",
                               c ? c->path.string().c_str() : "the course");
        } else {
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::Text("%zu errors, %zu warnings", c->diagnostics.error_count(),
                        c->diagnostics.warning_count());
            ImGui::PopFont();
            ImGui::PushFont(ctx.fonts.mono);
            diagnostic_lines(ctx, c->diagnostics);
            ImGui::PopFont();
        }
        ImGui::EndChild();
    }

    void preview_problems(DrawContext& ctx) {
        // A preview whose course has no pages at all: only the diagnostics to show.
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "This course cannot be shown yet");
        muted(ctx, "Fix the problems below and save: the preview reloads by itself.");
        ImGui::EndGroup();
        (void)w;
        diagnostics(ctx);
    }

    void assessment_intro(DrawContext& ctx) {
        auto* r = p().reader();
        if (!r)
            return;
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Assessment");
        const auto& a = r->course().assessment;
        const std::size_t questions = a.draw > 0 ? static_cast<std::size_t>(a.draw)
                                                 : r->course().scored_assessment_questions();
        std::string rules = std::to_string(questions) + " questions. You pass with " +
                            std::to_string(a.pass_mark) + "% or more.";
        if (a.time_limit_minutes > 0)
            rules += " You have " + std::to_string(a.time_limit_minutes) +
                     " minutes; your answers are submitted when the time is up.";
        draw_text(ctx, rules, ctx.fonts.body, ctx.colours.text, w);
        const auto decision = p().eligibility();
        if (decision.attempts_left >= 0)
            draw_text(ctx, "Attempts left: " + std::to_string(decision.attempts_left),
                      ctx.fonts.body, ctx.colours.text, w);
        draw_text(
            ctx,
            "You can flag questions to come back to, and check every answer before you submit.",
            ctx.fonts.body, ctx.colours.muted, w);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        notice(ctx, w);
        const auto past = p().past_attempts();
        const bool open = std::any_of(past.begin(), past.end(), [](const auto& at) {
            return at.state() == assessment::AttemptState::in_progress;
        });
        const bool ready = p().ready_for_assessment();
        if (!ready)
            draw_text(
                ctx,
                "Read every page of the course first: the ticks in the contents show what is left.",
                ctx.fonts.body, ctx.colours.warning, w);
        else if (!decision.allowed && !open && !decision.message.empty())
            draw_text(ctx, decision.message, ctx.fonts.body, ctx.colours.warning, w);
        if (primary_button(open ? "Carry on with the assessment" : "Start the assessment",
                           ready && (decision.allowed || open)))
            p().start_assessment();
        ImGui::SameLine();
        if (button("Back to the course"))
            p().open_course(*course_index());
        ImGui::EndGroup();
        if (escape_pressed())
            p().open_course(*course_index());
    }

    std::optional<std::size_t> course_index() {
        const auto* c = p().current_course();
        if (!c)
            return std::nullopt;
        return static_cast<std::size_t>(c - p().library().data());
    }

    void assessment_screen(DrawContext& ctx) {
        auto* s = p().session();
        if (!s)
            return;
        const float footer = ImGui::GetFrameHeightWithSpacing() + 20 * ctx.scale;
        ImGui::BeginChild("question", ImVec2(0, -footer), false);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        const float w = centre(ctx);
        ImGui::BeginGroup();
        if (s->stage() == player::SittingStage::question) {
            ImGui::PushFont(ctx.fonts.small);
            ImGui::TextColored(ctx.colours.muted, "%s", s->progress_label().c_str());
            if (auto left = s->time_left(p().now())) {
                const auto secs = left->count();
                char clock[48];
                std::snprintf(clock, sizeof clock, "Time left %lld:%02lld",
                              static_cast<long long>(secs / 60), static_cast<long long>(secs % 60));
                ImGui::SameLine(w - ImGui::CalcTextSize(clock).x);
                ImGui::TextColored(secs < 120 ? ctx.colours.danger : ctx.colours.muted, "%s",
                                   clock);
            }
            ImGui::PopFont();
            const auto& q = s->question();
            draw_text(ctx, stem_text(q), ctx.fonts.heading, ctx.colours.text, w);
            ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
            notice(ctx, w);
            draw_answer(ctx, q, s->shown_at(s->index()), s->draft(),
                        "q" + std::to_string(s->index()), true, w);
            ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
            bool flag = s->flagged(s->index());
            if (checkbox("Flag this question to come back to", &flag))
                s->toggle_flag();
        } else {
            review(ctx, *s, w);
        }
        ImGui::EndGroup();
        ImGui::EndChild();
        ImGui::Separator();
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        if (s->stage() == player::SittingStage::question) {
            if (button("Back##question", s->can_go_back()))
                p().assessment_back();
            ImGui::SameLine();
            if (button("Review answers"))
                p().assessment_review();
            ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Next").x -
                            ImGui::GetStyle().FramePadding.x * 2);
            if (primary_button("Next##question"))
                p().assessment_next();
        }
        if (s->stage() == player::SittingStage::review && button("Back to the questions"))
            p().assessment_go_to(s->index());
        if (escape_pressed() && s->stage() == player::SittingStage::confirm)
            p().assessment_cancel_submit();
    }

    // `text` cut at a word to fit `width` in the current font, with an ellipsis.
    static std::string fit(const std::string& text, float width) {
        if (ImGui::CalcTextSize(text.c_str()).x <= width)
            return text;
        std::string cut = text;
        while (!cut.empty() && ImGui::CalcTextSize((cut + "\xE2\x80\xA6").c_str()).x > width) {
            const auto space = cut.find_last_of(' ');
            cut.resize(space == std::string::npos ? cut.size() - 1 : space);
        }
        return cut + "\xE2\x80\xA6";
    }

    void review(DrawContext& ctx, player::AssessmentSession& s, float w) {
        title(ctx, s.stage() == player::SittingStage::confirm ? "Submit your answers?"
                                                              : "Check your answers");
        if (s.stage() == player::SittingStage::confirm) {
            std::string text = "You cannot change your answers after submitting.";
            if (s.unanswered_count() > 0)
                text = std::to_string(s.unanswered_count()) +
                       (s.unanswered_count() == 1 ? " question has" : " questions have") +
                       " no answer and will score nothing. " + text;
            draw_panel(
                ctx, ctx.colours.important_bg, ctx.colours.important_border, w,
                [&](float iw) {
                    draw_text(ctx, text, ctx.fonts.body, ctx.colours.text, iw);
                    if (primary_button("Yes, submit my answers"))
                        p().assessment_submit();
                    ImGui::SameLine();
                    if (button("Go back to my answers"))
                        p().assessment_cancel_submit();
                },
                true);
            return;
        }
        muted(ctx,
              "Pick a question to change its answer. Flagged questions are marked with a flag.");
        notice(ctx, w);
        if (ImGui::BeginTable("review", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                              ImVec2(w, 0))) {
            ImGui::TableSetupColumn("Question", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthFixed, 170 * ctx.scale);
            ImGui::TableSetupColumn("Flag", ImGuiTableColumnFlags_WidthFixed, 110 * ctx.scale);
            for (std::size_t i = 0; i < s.count(); ++i) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                const std::string label = fit(std::to_string(i + 1) + ". " + s.question_at(i).stem,
                                              ImGui::GetContentRegionAvail().x) +
                                          "##review" + std::to_string(i);
                if (selectable(label.c_str(), false))
                    p().assessment_go_to(i);
                ImGui::TableSetColumnIndex(1);
                if (s.answered(i))
                    ImGui::TextColored(ctx.colours.success, "\xE2\x9C\x93 Answered");
                else
                    ImGui::TextColored(ctx.colours.warning, "Not answered");
                ImGui::TableSetColumnIndex(2);
                if (s.flagged(i))
                    ImGui::TextColored(ctx.colours.accent, "\xE2\x9A\x91 Flagged");
            }
            ImGui::EndTable();
        }
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        if (primary_button("Submit answers"))
            p().assessment_ask_submit();
    }

    // Save the PDF certificate; once saved, where it is and a button to open it.
    void certificate(DrawContext& ctx, float w) {
        if (!p().can_save_certificate())
            return;
        if (p().certificate_path().empty()) {
            if (primary_button("Save certificate (PDF)"))
                p().save_certificate();
            ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
            return;
        }
        draw_text(ctx, "Certificate saved to " + p().certificate_path().string(), ctx.fonts.body,
                  ctx.colours.text, w);
        if (button("Open certificate") && view.hooks_.open_file)
            view.hooks_.open_file(p().certificate_path().string());
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    }

    void result(DrawContext& ctx) {
        const auto* res = p().result();
        if (!res)
            return;
        ImGui::BeginChild("result", ImVec2(0, 0), false);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, res->passed ? "You passed" : "Not passed this time");
        char score[160];
        std::snprintf(score, sizeof score,
                      "You scored %.0f%% (%.1f of %.0f). The pass mark is %.0f%%.",
                      res->scaled * 100, res->raw, res->max, res->pass_mark);
        draw_text(ctx, score, ctx.fonts.heading,
                  res->passed ? ctx.colours.success : ctx.colours.danger, w);
        if (p().completed() && p().current_course() && p().current_course()->course) {
            const auto status = p().status_of(*course_index());
            draw_panel(
                ctx, ctx.colours.note_bg, ctx.colours.success, w,
                [&](float iw) {
                    draw_text(ctx, "\xE2\x9C\x93 Course complete", ctx.fonts.subheading,
                              ctx.colours.success, iw);
                    draw_text(ctx, status.label() + ". Your completion is in the training record.",
                              ctx.fonts.body, ctx.colours.text, iw);
                },
                true);
            certificate(ctx, w);
        }
        notice(ctx, w);
        const auto decision = p().eligibility();
        if (!res->passed) {
            if (decision.allowed || decision.reason == assessment::StartRefusal::must_wait)
                draw_text(ctx, decision.allowed ? "You can try again now." : decision.message,
                          ctx.fonts.body, ctx.colours.text, w);
            if (primary_button("Try again", decision.allowed))
                p().start_assessment();
            ImGui::SameLine();
            if (button("Read the course again"))
                p().open_course(*course_index());
            ImGui::SameLine();
        }
        if (button("Back to the library##result"))
            p().back_to_library();
        if (p().may_review_answers()) {
            ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
            draw_text(ctx, "Your answers", ctx.fonts.heading, ctx.colours.text, w);
            const auto* course = p().reader() ? &p().reader()->course() : nullptr;
            for (std::size_t i = 0; i < res->questions.size(); ++i) {
                const auto& qr = res->questions[i];
                const auto* q = course ? course->find_assessment_question(qr.question_id) : nullptr;
                ImGui::PushID(static_cast<int>(i));
                draw_panel(ctx, ctx.colours.card, ctx.colours.card_border, w, [&](float iw) {
                    if (q)
                        draw_text(ctx, std::to_string(i + 1) + ". " + stem_text(*q), ctx.fonts.bold,
                                  ctx.colours.text, iw);
                    assessment::Score sc;
                    sc.outcome = qr.outcome;
                    sc.feedback = qr.feedback;
                    sc.general_feedback = qr.general_feedback;
                    if (!qr.answered)
                        draw_text(ctx, "Not answered", ctx.fonts.italic, ctx.colours.muted, iw);
                    draw_feedback(ctx, sc, iw);
                });
                ImGui::PopID();
            }
        } else {
            draw_text(ctx,
                      "The course does not show the correct answers yet, so that later attempts "
                      "stay fair.",
                      ctx.fonts.small, ctx.colours.muted, w);
        }
        ImGui::EndGroup();
        ImGui::EndChild();
    }

    void settings(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Settings");
        muted(ctx, "These are remembered for you on this device.");
        player::Settings s = p().settings();
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_text(ctx, "Text size", ctx.fonts.subheading, ctx.colours.text, w);
        if (button("Smaller text", s.text_size_percent > player::min_text_size))
            s.text_size_percent = player::smaller_text(s.text_size_percent);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d%%", s.text_size_percent);
        ImGui::SameLine();
        if (button("Larger text", s.text_size_percent < player::max_text_size))
            s.text_size_percent = player::larger_text(s.text_size_percent);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_text(ctx, "Colours", ctx.fonts.subheading, ctx.colours.text, w);
        for (auto theme :
             {player::Theme::light, player::Theme::dark, player::Theme::high_contrast}) {
            if (radio(player::to_string(theme), s.theme == theme))
                s.theme = theme;
            ImGui::SameLine();
        }
        ImGui::NewLine();
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_text(ctx, "Reading", ctx.fonts.subheading, ctx.colours.text, w);
        checkbox("Use a font designed for dyslexia (OpenDyslexic)", &s.dyslexia_font);
        checkbox("Reduce motion", &s.reduced_motion);
        ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
        draw_text(
            ctx,
            "Keyboard: Tab and the arrow keys move between controls, Space or Enter presses one, "
            "Esc goes back. On a page, the left and right arrow keys turn the page.",
            ctx.fonts.small, ctx.colours.muted, w);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        if (primary_button("Done"))
            p().close_settings();
        ImGui::EndGroup();
        p().change_settings(s);
        if (escape_pressed())
            p().close_settings();
    }

    void stopped(DrawContext& ctx) {
        const float w = centre(ctx);
        ImGui::BeginGroup();
        title(ctx, "Your progress could not be saved");
        draw_panel(
            ctx, ctx.colours.emergency_bg, ctx.colours.emergency_border, w,
            [&](float iw) {
                draw_text(ctx, p().stop_message(), ctx.fonts.body, ctx.colours.text, iw);
            },
            true);
        if (primary_button("Close the player") && view.hooks_.quit)
            view.hooks_.quit();
        ImGui::EndGroup();
    }

    void draw() {
        view.animating_ = false;
        DrawContext ctx = context();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        ImGui::Begin("Waymark", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
        top_bar(ctx);
        ImGui::Dummy(ImVec2(1, 6 * ctx.scale));
        const bool scrolls = p().screen() != Screen::course && p().screen() != Screen::assessment &&
                             p().screen() != Screen::result;
        if (scrolls)
            ImGui::BeginChild("screen", ImVec2(0, 0), false);
        switch (p().screen()) {
            case Screen::learners:
                learners(ctx);
                break;
            case Screen::add_learner:
                add_learner(ctx);
                break;
            case Screen::library:
                library(ctx);
                break;
            case Screen::course:
                if (p().reader())
                    course_screen(ctx);
                else
                    preview_problems(ctx);
                break;
            case Screen::assessment_intro:
                assessment_intro(ctx);
                break;
            case Screen::assessment:
                assessment_screen(ctx);
                break;
            case Screen::result:
                result(ctx);
                break;
            case Screen::settings:
                settings(ctx);
                break;
            case Screen::stopped:
                stopped(ctx);
                break;
            case Screen::manager_sign_in:
                manager_sign_in(ctx);
                break;
            case Screen::manager:
                manager(ctx);
                break;
        }
        if (scrolls)
            ImGui::EndChild();
        ImGui::End();
        p().tick();
    }
};

PlayerView::PlayerView(player::Player& player, ImageLoader& images, ViewHooks hooks)
    : player_(player),
      images_(images),
      hooks_(std::move(hooks)),
      impl_(std::make_unique<Impl>(*this)) {
    built_for_ = player.settings();
}

PlayerView::~PlayerView() {
    for (const auto& [key, texture] : textures_)
        if (texture.width > 0)
            images_.release(texture);
}

void PlayerView::draw() {
    begin_widget_frame();
    impl_->draw();
}

bool PlayerView::fonts_outdated() const {
    const auto& s = player_.settings();
    return s.text_size_percent != built_for_.text_size_percent ||
           s.dyslexia_font != built_for_.dyslexia_font || s.theme != built_for_.theme;
}

void PlayerView::fonts_rebuilt() {
    built_for_ = player_.settings();
}

}  // namespace waymark::ui
