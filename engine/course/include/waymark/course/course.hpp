// waymark/course/course.hpp: the course model, as the player and the packager see it.
//
// A Course is loaded once (from a source folder or an opened package, see load.hpp) and
// never changes afterwards. It holds the metadata from course.json, the modules with
// their pages already converted to blocks, the contacts, and the questions of the
// knowledge checks and of the assessment.
//
// Phone numbers and email addresses have one home: the contacts file. Pages show them as
// contact cards, and course.json can pin one contact (the emergency number) for the whole
// course: pinned_contact() is what the player keeps in view on every screen.
#pragma once

#include <string>
#include <vector>

#include "waymark/content/blocks.hpp"
#include "waymark/content/question.hpp"

namespace waymark::course {

struct Source {
    std::string title;
    std::string url;
};

struct Module {
    std::string id;
    std::string title;
    std::string file;  // "modules/02-contest.md"
    bool required = true;
    std::vector<Source> sources;
    std::vector<content::Page> pages;
    int line = 0;  // in course.json, for messages
};

struct Contact {
    std::string id;
    std::string name;
    std::string role;
    std::string phone;
    std::string email;
    std::string url;
    std::string hours;
    std::string description;
    bool emergency = false;
    std::string checked_on;  // "2026-11-01": when the details were last confirmed
    std::string source;      // where they were confirmed: a page title or URL
};

struct Quota {
    std::string module;    // at least `min` questions whose module is this id...
    std::string category;  // ...or whose category is this (exactly one of the two is set)
    int min = 1;
    int line = 0;  // in course.json, for messages
};

enum class ReviewPolicy { always, after_passing, after_last_attempt, never };
const char* to_string(ReviewPolicy policy);

struct AssessmentSettings {
    std::vector<std::string> banks;
    int draw = 0;
    std::vector<Quota> quotas;
    int pass_mark = 80;  // percent
    int attempts = 0;    // 0 = unlimited
    int wait_minutes = 0;
    int time_limit_minutes = 0;  // 0 = no limit
    bool shuffle = true;
    ReviewPolicy review = ReviewPolicy::after_passing;
    int line = 0;  // of "assessment" in course.json, for messages
};

struct CompletionRule {
    bool all_modules = false;  // false: only the modules marked required
    bool assessment = true;    // the assessment must be passed
};

struct Course {
    std::string id;
    std::string version;
    std::string title;
    std::string summary;
    std::string language;
    std::string audience;
    std::string publisher;
    int estimated_minutes = 0;
    int refresher_months = 0;  // 0: a completion never expires
    // How often the course's changing facts (contacts, hours) must be confirmed again:
    // a contact whose checked_on is older than this is reported by the checker.
    int review_months = 12;
    std::string contacts_file;
    std::string pinned_contact_id;  // "pinned_contact" in course.json; empty: none
    std::vector<Module> modules;
    std::vector<Contact> contacts;
    std::vector<std::string> knowledge_check_banks;
    std::vector<content::Question> knowledge_checks;
    std::vector<content::Question> assessment_questions;
    AssessmentSettings assessment;
    CompletionRule completion;
    std::vector<std::string> files;  // every file of the course, sorted: what a package holds

    const Module* find_module(std::string_view id) const;
    const Contact* find_contact(std::string_view id) const;
    // The contact the player shows on every screen of the course (its top bar), such as
    // 999; nullptr when course.json pins none. A loaded course without errors only pins
    // a contact that is in its contacts file.
    const Contact* pinned_contact() const;
    const content::Question* find_knowledge_check(std::string_view id) const;
    const content::Question* find_assessment_question(std::string_view id) const;

    std::size_t word_count() const;  // visible words on every page
    int reading_minutes() const;     // at 200 words a minute, rounded up
    std::size_t page_count() const;
    // Assessment questions that can be drawn (essays and descriptions are not).
    std::size_t scored_assessment_questions() const;
};

}  // namespace waymark::course
