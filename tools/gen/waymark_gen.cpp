// waymark-gen --learners N --courses K --seed S [--every-event-kind] --ledger FILE
//
// Writes a plausible organisation into a ledger through the same API the player uses:
// learners in teams and roles, partial progress, failed and passed attempts, completions
// that are current and ones that have expired, and a few erasures. Everything the API
// the ledger records (people, courses, times, answers, scores, order, and through the
// ledger's generator hooks the device, learner and event ids) follows from the seed, so
// the same seed gives the same events table, hashes included. Only the device key, and
// so the signatures on heads and checkpoints, is fresh on every run.
//
// --every-event-kind adds what an organisation records less often, so that the ledger
// holds an event of every kind a ledger of today's schema can hold: a knowledge check, a
// certificate, a learner's own setting, an organisation setting, the manager
// passphrase and an erasure. The fixture ledger in tests/fixtures/ledger is made so.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <random>

#include "waymark/assessment/event_json.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"

using namespace waymark;
using namespace waymark::ledger;

namespace {

constexpr const char* kFirst[] = {"Amira",  "Jordan", "Priya", "Tom", "Siobhan", "Kwame",
                                  "Hannah", "Ravi",   "Megan", "Olu", "Grace",   "Daniel"};
constexpr const char* kLast[] = {"Khan",    "Ellis", "Patel",  "Hughes",  "O'Neill", "Mensah",
                                 "Roberts", "Singh", "Davies", "Adeyemi", "Wilson",  "Evans"};
constexpr const char* kTeams[] = {"Safeguarding", "Youth Services",  "Adult Social Care",
                                  "Housing",      "Schools Liaison", "Community Safety"};
constexpr const char* kRoles[] = {"Practitioner", "Team Leader", "Manager", "Volunteer",
                                  "Administrator"};

template <typename T, std::size_t N>
const T& pick(std::mt19937_64& r, const T (&items)[N]) {
    return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(r)];
}

// Version 4 UUIDs drawn from a seeded generator instead of the system's CSPRNG.
class SeededIds {
  public:
    explicit SeededIds(std::uint64_t seed) : random_(seed) {}
    Uuid next() {
        std::uint8_t b[16];
        for (int half = 0; half < 2; ++half) {
            const std::uint64_t r = random_();
            for (int i = 0; i < 8; ++i)
                b[half * 8 + i] = static_cast<std::uint8_t>(r >> (8 * i));
        }
        b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
        b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
        return *Uuid::parse(
            to_hex(b).insert(20, "-").insert(16, "-").insert(12, "-").insert(8, "-"));
    }

  private:
    std::mt19937_64 random_;
};

struct Generator {
    Ledger& ledger;
    std::mt19937_64 random;
    // What the ledger's clock reads: set before each call that records "now".
    UtcTime& clock;
    std::vector<CourseRef> courses;
    UtcTime now = *parse_iso8601("2026-09-01T09:00:00Z");

    int chance() { return std::uniform_int_distribution<int>(0, 99)(random); }

    NewEvent event(const std::string& learner, const CourseRef& c, EventType type,
                   std::string payload, UtcTime at) {
        return NewEvent{learner, c, type, std::move(payload), at};
    }

    void attempt(std::vector<NewEvent>& out, const std::string& learner, const CourseRef& c,
                 UtcTime& t, bool pass, int n) {
        const std::string id = learner + "-" + c.id + "-" + std::to_string(n);
        std::vector<std::string> questions;
        for (int q = 1; q <= 10; ++q)
            questions.push_back("q" + std::to_string(q));
        auto add = [&](const assessment::AttemptEvent& e, EventType type) {
            out.push_back(event(learner, c, type, assessment::write_attempt_event(e), t));
        };
        add(assessment::AttemptStarted{id, random(), t, questions, std::chrono::milliseconds{0}},
            EventType::attempt_started);
        for (const auto& q : questions) {
            t += std::chrono::seconds(20 + chance());
            add(assessment::AnswerSaved{q, assessment::ChosenOption{std::size_t(chance() % 4)}, t},
                EventType::answer_saved);
        }
        t += std::chrono::seconds(30);
        add(assessment::AttemptSubmitted{t}, EventType::attempt_submitted);
        assessment::AttemptScored scored;
        scored.at = t;
        scored.result.max = 10;
        scored.result.raw = pass ? 8 + chance() % 3 : 3 + chance() % 5;
        scored.result.scaled = scored.result.raw / 10;
        scored.result.pass_mark = 80;
        scored.result.passed = pass;
        add(scored, EventType::attempt_scored);
        if (pass)
            out.push_back(event(learner, c, EventType::course_completed,
                                write_payload(CourseCompleted{id, scored.result.scaled, 12}), t));
    }

    Result<void> learner(int index) {
        Person p{std::string(pick(random, kFirst)) + " " + pick(random, kLast),
                 "S" + std::to_string(100000 + index), "", pick(random, kTeams),
                 pick(random, kRoles)};
        if (chance() < 60)
            p.email = "staff" + std::to_string(index) + "@example.org";
        // Enrolled two to three years ago, before any of their sessions below.
        clock = now - std::chrono::hours(24 * (720 + chance() * 3));
        auto added = ledger.add_learner(p);
        if (!added)
            return added.error();
        std::vector<NewEvent> batch;
        for (const CourseRef& c : courses) {
            const int state = chance();
            if (state < 15)
                continue;  // not started
            // Started some time in the last two years.
            UtcTime t = now - std::chrono::hours(24 * (1 + chance() * 7));
            batch.push_back(event(added->id, c, EventType::session_started,
                                  write_payload(EventType::session_started, NoFields{}), t));
            const int pages = 12;
            const int read = state < 40 ? 1 + chance() % (pages - 1) : pages;
            for (int page = 0; page < read; ++page) {
                t += std::chrono::seconds(60 + chance() * 3);
                batch.push_back(event(added->id, c, EventType::page_viewed,
                                      write_payload(PageViewed{"m" + std::to_string(page / 3) +
                                                                   "/" + std::to_string(page % 3),
                                                               page / 3, page % 3, pages}),
                                      t));
            }
            if (read == pages) {
                int n = 1;
                if (chance() < 30)
                    attempt(batch, added->id, c, t, false, n++);
                if (chance() < 90)
                    attempt(batch, added->id, c, t, true, n);
            }
            batch.push_back(event(added->id, c, EventType::session_ended,
                                  write_payload(EventType::session_ended, NoFields{}), t));
        }
        if (!batch.empty())
            if (auto r = ledger.append(batch); !r)
                return r.error();
        clock = now;
        if (chance() < 2)
            if (auto erased = ledger.erase_learner(added->id); !erased)
                return erased.error();
        return {};
    }

    // One learner through every kind of event, one more enrolled and erased, and the
    // organisation's rarer events (see --every-event-kind above).
    Result<void> every_event_kind(int index) {
        const CourseRef& c = courses.front();
        clock = now;
        auto added = ledger.add_learner(
            Person{"Every Kind", "S" + std::to_string(100000 + index), "", kTeams[0], kRoles[0]});
        if (!added)
            return added.error();
        UtcTime t = now + std::chrono::hours(1);
        std::vector<NewEvent> batch;
        batch.push_back(event(added->id, c, EventType::session_started,
                              write_payload(EventType::session_started, NoFields{}), t));
        for (int page = 0; page < 12; ++page)
            batch.push_back(event(added->id, c, EventType::page_viewed,
                                  write_payload(PageViewed{"m" + std::to_string(page / 3) + "/" +
                                                               std::to_string(page % 3),
                                                           page / 3, page % 3, 12}),
                                  t += std::chrono::seconds(90)));
        attempt(batch, added->id, c, t, false, 1);
        attempt(batch, added->id, c, t, true, 2);
        auto appended = ledger.append(batch);
        if (!appended)
            return appended.error();
        if (auto k = ledger.record_knowledge_check(
                added->id, c,
                assessment::PracticeAnswered{"q1", assessment::ChosenOption{2}, 1.0,
                                             assessment::Outcome::correct,
                                             t + std::chrono::seconds(30)});
            !k)
            return k.error();
        clock = t + std::chrono::minutes(5);
        const Event& completion = appended->back();  // attempt() ends a pass with it
        if (auto cert = ledger.record_certificate(
                added->id, c, CertificateIssued{completion.id, "WM-19-FIXTURE"});
            !cert)
            return cert.error();
        if (auto s = ledger.record_setting(added->id, SettingChanged{"text_size", "large"}); !s)
            return s.error();
        if (auto s = ledger.record_setting("", SettingChanged{"review_months", "12"}); !s)
            return s.error();
        if (auto m = ledger.set_manager_passphrase("fixture passphrase 19"); !m)
            return m;
        auto leaver = ledger.add_learner(
            Person{"Left Early", "S" + std::to_string(100001 + index), "", kTeams[1], kRoles[3]});
        if (!leaver)
            return leaver.error();
        if (auto erased = ledger.erase_learner(leaver->id); !erased)
            return erased.error();
        clock = now;
        return {};
    }
};

}  // namespace

int main(int argc, char** argv) {
    crypto_init();
    CLI::App app{"Write a synthetic organisation's training records into a ledger"};
    app.name("waymark-gen");
    int learners = 100, course_count = 3;
    std::uint64_t seed = 1;
    std::string file;
    app.add_option("--learners", learners, "Number of learners")->check(CLI::Range(1, 10000000));
    app.add_option("--courses", course_count, "Number of courses")->check(CLI::Range(1, 1000));
    app.add_option("--seed", seed, "Seed: the same seed gives the same organisation");
    app.add_option("--ledger", file, "Ledger file to create (must not exist yet)")->required();
    bool every_kind = false;
    app.add_flag("--every-event-kind", every_kind,
                 "Also record a knowledge check, a certificate, settings, the manager "
                 "passphrase and an erasure, so the ledger holds every kind of event");
    CLI11_PARSE(app, argc, argv);

    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        // The same seed would make the same ids as the run that wrote it.
        std::cerr << "waymark-gen: error: " << file
                  << " already exists; waymark-gen writes a new ledger: name a new file or "
                     "delete this one\n";
        return 1;
    }
    // Ids come from their own stream so that the content stream stays the same whatever
    // number of ids the ledger asks for.
    SeededIds ids(seed ^ 0x9e3779b97f4a7c15ULL);
    UtcTime clock = *parse_iso8601("2026-09-01T09:00:00Z");
    OpenOptions options;
    options.new_id = [&ids] { return ids.next(); };
    options.clock = [&clock] { return clock; };
    auto ledger = Ledger::open(file, options);
    if (!ledger) {
        std::cerr << "waymark-gen: error: " << ledger.error().describe() << "\n";
        return 1;
    }
    Generator gen{*ledger, std::mt19937_64(seed), clock, {}};
    for (int k = 1; k <= course_count; ++k) {
        const std::string id = k == 1 ? "prevent-duty" : "course-" + std::to_string(k);
        gen.courses.push_back(
            CourseRef{id, "1." + std::to_string(k % 3) + ".0", to_hex(sha256(id)), k % 5 != 4});
    }
    // A commit per learner would spend nearly all the time waiting for the disk; groups
    // of learners share one. The content does not depend on the grouping.
    constexpr int kLearnersPerCommit = 1000;
    for (int first = 0; first < learners; first += kLearnersPerCommit) {
        auto r = ledger->in_one_transaction([&]() -> Result<void> {
            for (int i = first; i < std::min(learners, first + kLearnersPerCommit); ++i)
                if (auto one = gen.learner(i); !one)
                    return one.error();
            return {};
        });
        if (!r) {
            std::cerr << "waymark-gen: error: " << r.error().describe() << "\n";
            return 1;
        }
    }
    if (every_kind)
        if (auto r = gen.every_event_kind(learners); !r) {
            std::cerr << "waymark-gen: error: " << r.error().describe() << "\n";
            return 1;
        }
    if (auto c = ledger->checkpoint("generated"); !c) {
        std::cerr << "waymark-gen: error: " << c.error().describe() << "\n";
        return 1;
    }
    std::cout << "wrote " << learners << " learners on " << course_count << " courses to " << file
              << "\n";
    return 0;
}
