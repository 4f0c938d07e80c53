// waymark/player/course_reader.hpp: where a learner is in a course's pages.
//
// The reader holds the current page, which pages have been read (a page counts as read
// once its end has been on the screen, not when it opens), and the state of each inline
// knowledge check. It decides
// what Back and Next do, what the progress line says, where a link inside the course
// leads and on which page a module's sources are listed; the UI only draws it.
#pragma once

#include <compare>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/course/course.hpp"
#include "waymark/player/answer_draft.hpp"
#include "waymark/player/journal.hpp"

namespace waymark::player {

struct PagePosition {
    std::size_t module = 0;
    std::size_t page = 0;
    friend auto operator<=>(const PagePosition&, const PagePosition&) = default;
};

// One inline knowledge check: the draft, and the feedback of the last try.
struct CheckState {
    assessment::Presentation shown;
    AnswerDraft draft;
    std::optional<assessment::Score> feedback;  // empty until checked
    bool reflected = false;  // an essay (not marked) was submitted: show the model answer
    int tries = 0;
    // "Try again" is offered after an answer that was not fully right, and after a
    // reflection (to write it again); never after a correct answer.
    bool may_try_again() const {
        return reflected || (feedback && feedback->outcome != assessment::Outcome::correct);
    }
};

class CourseReader {
  public:
    // Starts at the first page. `course` must outlive the reader and have a page.
    explicit CourseReader(const course::Course& course);

    const course::Course& course() const { return *course_; }
    PagePosition position() const { return position_; }
    const course::Module& module() const;
    const content::Page& page() const;

    bool valid(PagePosition p) const;
    // Moves to `p`. Returns false (staying put) when `p` does not exist.
    bool go_to(PagePosition p);
    // Marks the page on screen read: its end has been on the screen.
    void mark_read() { read_.insert(position_); }
    bool can_go_back() const;  // false only on the very first page
    bool can_go_next() const;  // false only on the very last page
    // The page Back and Next lead to; empty at either end.
    std::optional<PagePosition> previous() const;
    std::optional<PagePosition> following() const;

    // "Module 3 of 8, page 2 of 4"
    std::string progress_label() const;

    bool is_read(PagePosition p) const;
    bool module_read(std::size_t module) const;  // every page of it
    // Pages read, as percent_read() below says.
    int percent_read() const;
    // Every page of every module the completion rule counts (required ones, or all).
    bool required_pages_read() const;

    // Links. Web links (http, https, mailto) open outside the player; any other link is
    // to a page of this course: "02-questions.md#anchor", "02-questions.md" (the module's
    // first page) or "#anchor" (in the current module). link_target() is that page, or
    // empty when no page matches (a broken link stays where it is).
    static bool is_web_link(const std::string& url);
    std::optional<PagePosition> link_target(const std::string& url) const;

    // The module's sources (course.json) are listed once, under a "Sources" heading, on
    // the module's last page, unless that page already has its own "Sources" section.
    // Empty on every other page.
    const std::vector<course::Source>& sources_here() const;

    PageRef ref(PagePosition p) const;
    std::optional<PagePosition> find(const PageRef& ref) const;

    // Brings back what `history` recorded: pages read, and the page to resume at: the
    // page after the last one read when that one is still unread (the learner had moved
    // on to it), else the last one read; the first page when none is.
    void restore(const CourseHistory& history);

    // The state of the knowledge check `question_id`, created on first use with options
    // arranged by `seed`. Null when the course has no such knowledge check.
    CheckState* check(const std::string& question_id, std::uint64_t seed = 1);

  private:
    const course::Course* course_;
    PagePosition position_;
    std::set<PagePosition> read_;
    std::map<std::string, CheckState> checks_;
};

// The pages of `course` that `read` names, in any order and repeated or not; pages the
// course no longer has are left out.
std::set<PagePosition> pages_read(const course::Course& course, const std::vector<PageRef>& read);

// `pages` read as a whole percentage of the course's pages (0..100, rounded down): the one
// "% read" measure, on the course's contents and the library's card alike.
int percent_read(const course::Course& course, std::size_t pages);

}  // namespace waymark::player
