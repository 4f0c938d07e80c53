// Test support: a Player over the sample course with a clock the test moves.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "answers.hpp"
#include "courses.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/player.hpp"

namespace waymark::test {

struct Journey {
    // When every journey starts, before the test moves its clock.
    static UtcTime start_time() { return *parse_iso8601("2026-03-02T09:00:00Z"); }

    UtcTime now = start_time();
    int ids = 0;
    std::uint64_t seeds = 11;
    std::unique_ptr<player::Player> player;

    Journey(player::Journal& journal,
            std::vector<player::LibraryCourse> library = {sample_course()},
            std::filesystem::path certificate_folder = {}) {
        player::PlayerOptions o;
        o.certificate_folder = std::move(certificate_folder);
        o.clock = [this] { return now; };
        o.random_seed = [this] { return seeds++; };
        o.new_id = [this] { return "id-" + std::to_string(++ids); };
        offer_the_sample_course(journal);
        player = std::make_unique<player::Player>(std::move(library), journal, o);
    }

    player::Player& p() { return *player; }

    // The trainers' sample course is for author preview by default; these journeys take it
    // as staff would a course their organisation offers.
    static void offer_the_sample_course(player::Journal& journal) {
        const std::string key = "course.waymark-sample.offered";
        if (auto* memory = dynamic_cast<player::MemoryJournal*>(&journal)) {
            memory->set_organisation_setting(key, "yes");
        } else if (auto* ledger = dynamic_cast<player::LedgerJournal*>(&journal)) {
            EXPECT_TRUE(ledger->ledger().record_setting("", {key, "yes"}));
        }
    }

    void add_learner(const std::string& name = "Sam Patel", const std::string& staff = "WF-1") {
        p().show_add_learner();
        p().form() = {name, staff, "Early help", "Family worker"};
        p().submit_learner_form();
    }

    // A shared device with `n` more learners, "Person 0" (staff id S0) onwards, each signed
    // out again.
    void add_signed_out_learners(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            add_learner("Person " + std::to_string(i), "S" + std::to_string(i));
            p().sign_out();
        }
    }

    // Opens the course and reads each page to its end, as the course screen reports it.
    void read_every_page() {
        p().open_course(0);
        p().page_end_seen();
        while (p().reader()->can_go_next()) {
            p().next_page();
            p().page_end_seen();
        }
    }

    // A new learner reads every page and sits the assessment once, to pass or to fail.
    void take_course(bool pass) {
        add_learner();
        read_every_page();
        p().start_assessment();
        sit(pass);
    }

    // Answers every question of the open attempt, right or wrong, then submits.
    void sit(bool pass) {
        auto* s = p().session();
        for (std::size_t i = 0; i < s->count(); ++i) {
            p().assessment_go_to(i);
            const auto& q = s->question();
            s->draft() = pass ? right_answer(q, s->shown_at(i)) : wrong_answer(q, s->shown_at(i));
        }
        p().assessment_review();
        p().assessment_ask_submit();
        p().assessment_submit();
    }
};

}  // namespace waymark::test
